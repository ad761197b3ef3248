"""Records at the limits Bro accepts: every text at its longest (Markdown in the costliest form validation lets
through), every list as long as the schema and the vocabularies allow, the largest amount and the earliest and
latest dates. For the worst-case benchmark (scripts/bench.py --worst-case) and the test that builds them; every
limit is read from the schemas and from the modules that enforce it, none is repeated here."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from stdnum.dk import cvr

from bro import LANGUAGES, markdown_text, rules
from bro.schema import SchemaSet
from bro.vocab import Vocabularies, load_vocabularies

# Danish and Swedish letters are two bytes in UTF-8: texts of them make the largest files.
_WORDS = "Værkstedet reparerer cykler, tæpper og møbler for kommuner og boligforeninger i Østjylland; åbent året rundt."
# The buyer block every test tender uses (the buyer registry knows it).
BUYER = {"name": "Aarhus Kommune", "org_number": "55133018", "country": "DK", "municipality": "DK-751"}


def long_text(length: int, seed: int = 0) -> str:
    """Plain text of exactly length characters (no Markdown syntax, no '<')."""
    words = _WORDS.replace(";", f" {seed}")
    return _fill(words * (length // len(words) + 1), length)


def _fill(text: str, length: int) -> str:
    """text cut to exactly length characters, not ending in a space."""
    text = text[:length]
    return text[:-1] + "." if text.endswith(" ") else text


def costly_markdown(length: int) -> str:
    """The accepted Markdown text of length characters that costs the most to check and render (measured with
    scripts/bench.py --worst-case): lists nested as deep as allowed, then as many '[' as allowed that never close,
    each making Python-Markdown's link processors read as far as they may, then emphasis, code and escapes (each a
    replacement in the paragraph's text) without a break."""
    nested = "- " * markdown_text.MAX_NESTING + "x\n\n"
    brackets = "[" * markdown_text.MAX_BRACKETS
    return _fill(nested + brackets + "_på_*tæt*`job`\\*" * (length // 15 + 1), length)


def limit(schemas: SchemaSet, schema_name: str, path: tuple, keyword: str):
    """A keyword's value (maxLength, maxItems, maximum, formatMinimum …) at a path of a collection's schema."""
    schema, doc_name = schemas.documents[schema_name], schema_name
    for key in path:
        schema, doc_name = schemas.child(schema, doc_name, key)
    schema, _ = schemas.resolve(schema, doc_name)
    return schema[keyword]


class Extremes:
    """Builds records at the limits, reading them from one repository's schemas and vocabularies."""

    def __init__(self, root: Path, today: dt.date) -> None:
        self.schemas = SchemaSet(root / "schemas")
        self.vocab: Vocabularies = load_vocabularies(root / "data" / "vocabularies", root)
        self.today = today
        self._numbers = (str(n) for n in range(30000000, 40000000) if cvr.is_valid(str(n)))

    def _max(self, schema: str, path: tuple, keyword: str = "maxLength") -> int:
        """A maximum from the schema."""
        return limit(self.schemas, schema, path, keyword)

    def _localized(self, schema: str, path: tuple, seed: int = 0, cap: int | None = None) -> dict:
        """A {da, sv} text at its longest (or at cap)."""
        return {lang: long_text(min(cap or 10**9, self._max(schema, path + (lang,))), seed) for lang in LANGUAGES}

    def _markdown(self, schema: str, path: tuple) -> dict:
        """A {da, sv} Markdown text at its longest, in the costliest accepted form."""
        return {lang: costly_markdown(self._max(schema, path + (lang,))) for lang in LANGUAGES}

    def _url(self, schema: str, path: tuple, seed: int = 0) -> str:
        """An address at its longest."""
        start = f"https://eksempel.example.org/{seed}/"
        return start + "a" * (self._max(schema, path) - len(start))

    def _dates(self, schema: str, path: tuple) -> tuple[str, str]:
        """The earliest and latest date a field accepts."""
        return self._max(schema, path, "formatMinimum"), self._max(schema, path, "formatMaximum")

    def _areas(self, schema: str, path: tuple) -> list[str]:
        """Every area code, as many as the list may hold."""
        codes = [c for c in self.vocab.codes("areas") if c != "national"]
        return codes[:self._max(schema, path, "maxItems")]

    def _codes(self, vocabulary: str, schema: str, path: tuple) -> list[str]:
        """Every code of a vocabulary, as many as the list may hold."""
        return self.vocab.codes(vocabulary)[:self._max(schema, path, "maxItems")]

    def _cpv(self, schema: str, path: tuple) -> list[str]:
        """As many CPV codes as the list may hold."""
        return [f"{79000000 + i:08d}-{i % 10}" for i in range(self._max(schema, path, "maxItems"))]

    def _contact(self, schema: str, path: tuple, seed: int) -> dict:
        """A contact with every field at its longest."""
        local = f"kontakt{seed}"
        email = local + "@" + "e" * (self._max(schema, path + ("email",)) - len(local) - 13) + ".example.org"
        return {"name": long_text(self._max(schema, path + ("name",)), seed),
                "role": self._localized(schema, path + ("role",), seed), "email": email,
                "phone": "+45 " + "1" * (self._max(schema, path + ("phone",)) - 4), "publish_basis": "consent"}

    def supplier(self, seed: int = 0) -> dict:
        """A supplier with every field at its longest: the largest file Bro accepts."""
        s = "supplier.schema.json"
        earliest, _ = self._dates(s, ("registrations", 0, "since"))
        total = self._max(s, ("employees", "total"), "maximum")
        return {
            "name": long_text(self._max(s, ("name",)) - 6, seed) + f" {seed:05d}",
            "country": "DK", "org_number": next(self._numbers), "legal_form": "dk_aps",
            "website": self._url(s, ("website",), seed), "founded": self._max(s, ("founded",), "minimum"),
            "summary": self._localized(s, ("summary",), seed, cap=rules.SUMMARY_LIMIT),
            "description": self._markdown(s, ("description",)),
            "categories": self._codes("categories", s, ("categories",)), "cpv": self._cpv(s, ("cpv",)),
            "offerings": [self._localized(s, ("offerings", 0), seed + i)
                          for i in range(self._max(s, ("offerings",), "maxItems"))],
            "delivery_area": self._areas(s, ("delivery_area",)),
            "address": {"street": long_text(self._max(s, ("address", "street")), seed), "postcode": "8000",
                        "city": long_text(self._max(s, ("address", "city")), seed), "municipality": "DK-751"},
            "target_groups": self._codes("target_groups", s, ("target_groups",)),
            "employees": {"total": total, "from_target_groups": total},
            "engaged": {"total": self._max(s, ("engaged", "total"), "maximum"),
                        "from_target_groups": self._max(s, ("engaged", "from_target_groups"), "maximum")},
            "social_purpose": self._markdown(s, ("social_purpose",)),
            "registrations": [{"type": "other", "id": "R" * self._max(s, ("registrations", 0, "id")),
                               "since": earliest, "valid_until": self._dates(s, ("registrations", 0, "valid_until"))[1],
                               "url": self._url(s, ("registrations", 0, "url"), i)}
                              for i in range(self._max(s, ("registrations",), "maxItems"))],
            "reserved_contracts": {"eligible": True, "basis": "art20"},
            "contacts": [self._contact(s, ("contacts", 0), seed + i)
                         for i in range(self._max(s, ("contacts",), "maxItems"))],
            "references": [{"buyer": long_text(self._max(s, ("references", 0, "buyer")), seed),
                            "year": self._max(s, ("references", 0, "year"), "minimum") if i % 2 else self.today.year,
                            "title": self._localized(s, ("references", 0, "title"), seed + i), "reserved": True,
                            "url": self._url(s, ("references", 0, "url"), i)}
                           for i in range(self._max(s, ("references",), "maxItems"))],
            "languages": sorted(self.vocab.codes("languages"))[:self._max(s, ("languages",), "maxItems")],
            "last_verified": self.today.isoformat(),
        }

    def tender(self, suppliers: list[str], latest: bool = True, seed: int = 0) -> dict:
        """A tender plan entry at the limits: the largest amount, every date at its latest (an open entry) or its
        earliest (an archived one), every interested supplier the list may hold."""
        t = "tender.schema.json"
        earliest, last = self._dates(t, ("expected_publication",))
        day = last if latest else earliest
        return {
            "title": self._localized(t, ("title",), seed), "buyer": dict(BUYER),
            "description": self._markdown(t, ("description",)),
            "categories": self._codes("categories", t, ("categories",)), "cpv": self._cpv(t, ("cpv",)),
            "procedure": "open", "reserved": "art20",
            "social_clauses": self._codes("social_clauses", t, ("social_clauses",)),
            "estimated_value": {"amount": self._max(t, ("estimated_value", "amount"), "maximum"), "currency": "EUR"},
            "expected_publication": day, "interest_deadline": day,
            "contract_period": {"start": day if latest else earliest, "end": last},
            "delivery_area": self._areas(t, ("delivery_area",)), "status": "published",
            "notice_url": self._url(t, ("notice_url",), seed), "contact": self._contact(t, ("contact",), seed),
            "interested": suppliers[:self._max(t, ("interested",), "maxItems")],
        }

    def case(self, supplier_slug: str, latest: bool = True) -> dict:
        """A case at the limits (the earliest year or this year)."""
        c = "case.schema.json"
        return {
            "title": self._localized(c, ("title",)), "buyer": long_text(self._max(c, ("buyer",))),
            "supplier": long_text(self._max(c, ("supplier",))), "supplier_slug": supplier_slug,
            "year": self.today.year if latest else self._max(c, ("year",), "minimum"), "country": "DK",
            "instrument": "reserved_contract", "categories": self._codes("categories", c, ("categories",)),
            "summary": self._localized(c, ("summary",)), "what_was_bought": self._markdown(c, ("what_was_bought",)),
            "results": self._markdown(c, ("results",)),
            "sources": [{"title": long_text(self._max(c, ("sources", 0, "title")), i),
                         "url": self._url(c, ("sources", 0, "url"), i)}
                        for i in range(self._max(c, ("sources",), "maxItems"))],
        }

    def event(self, latest: bool = True) -> dict:
        """An event over the whole range of dates, or on the latest day."""
        e = "event.schema.json"
        earliest, last = self._dates(e, ("start",))
        return {"title": self._localized(e, ("title",)), "start": last if latest else earliest, "end": last,
                "place": self._localized(e, ("place",)), "online": True, "language": "da",
                "organiser": long_text(self._max(e, ("organiser",))), "summary": self._localized(e, ("summary",)),
                "url": self._url(e, ("url",))}

    def term(self, seed: int = 0) -> dict:
        """A glossary term with every text at its longest."""
        g = "term.schema.json"
        return {lang: long_text(self._max(g, (lang,)) - 6, seed) + f" {seed:05d}" for lang in (*LANGUAGES, "en")} | {
            "definition": self._localized(g, ("definition",), seed), "note": self._localized(g, ("note",), seed)}

    def organisation(self, seed: int = 0) -> dict:
        """A support organisation with every text and list at its longest, helping everywhere with everything."""
        o = "organisation.schema.json"
        local = f"kontakt{seed}"
        return {
            "name": long_text(self._max(o, ("name",)) - 6, seed) + f" {seed:05d}", "kind": "network",
            "summary": self._localized(o, ("summary",), seed),
            "instruments": self._codes("instruments", o, ("instruments",)),
            "categories": self._codes("categories", o, ("categories",)), "countries": ["DK", "SE"],
            "regions": self._codes("regions", o, ("regions",)),
            "municipalities": self._codes("municipalities", o, ("municipalities",)),
            "languages": [c for c in self.vocab.codes("languages") if len(c) <= 3][:self._max(o, ("languages",),
                                                                                             "maxItems")],
            "email": local + "@" + "e" * (self._max(o, ("email",)) - len(local) - 13) + ".example.org",
            "phone": "+45 " + "1" * (self._max(o, ("phone",)) - 4), "website": self._url(o, ("website",), seed),
            "sources": [{"title": long_text(self._max(o, ("sources", 0, "title")), i),
                         "url": self._url(o, ("sources", 0, "url"), i)}
                        for i in range(self._max(o, ("sources",), "maxItems"))],
            "checked": self.today.isoformat(),
        }

    def repository_files(self, suppliers: int = 3) -> dict[str, str]:
        """{path under the repository: YAML text} for records at every limit: suppliers, an open and an archived
        entry, cases of the earliest year and this year, events at both ends of the range, a term."""
        files: dict[str, dict] = {}
        slugs = [f"extreme-{i:05d}" for i in range(suppliers)]
        for i, slug in enumerate(slugs):
            files[f"data/suppliers/{slug}.yml"] = self.supplier(i)
        files["data/tenders/extreme-open.yml"] = self.tender(slugs, latest=True)
        files["data/tenders/extreme-archived.yml"] = self.tender(slugs, latest=False, seed=1)
        files["data/cases/extreme-new.yml"] = self.case(slugs[0], latest=True)
        files["data/cases/extreme-old.yml"] = self.case(slugs[0], latest=False)
        files["data/events/extreme-long.yml"] = self.event(latest=False)
        files["data/events/extreme-late.yml"] = self.event(latest=True)
        files["data/glossary/extreme-term.yml"] = self.term()
        files["data/organisations/extreme-organisation.yml"] = self.organisation()
        return {path: dump(data) for path, data in files.items()}


def dump(data: dict) -> str:
    """A record as YAML text the way people write it (UTF-8 letters, long lines kept)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
