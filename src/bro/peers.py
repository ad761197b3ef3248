"""Who has done it: for each legal tool (bro.model.tools.TOOLS) and each category, the buyers that have used it,
each use with the case or tender entry that shows it. Computed once per catalog from the typed records
(`catalog.derived.peers`): a case uses its instrument; a tender entry, planned, announced or archived, hand-written
or imported from TED, uses the tools its reservation, clauses and procedure say (TenderEntry.tools). A cancelled
entry used nothing and is left out.

A case names its buyer as text: the registry's buyer of that name in the case's country when there is one
(bro.buyers.named), else the name as written, without a page. An entry's buyer is always the registry's."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bro import HOME_COUNTRY, LANGUAGES, buyers, i18n, knowledge, urls
from bro.model.tools import TOOLS

if TYPE_CHECKING:
    from bro.catalog import Catalog

CANCELLED = "cancelled"  # an entry with this status used no tool
KINDS = ("case", "tender")  # a buyer's cases before its entries


@dataclass(frozen=True)
class Use:
    """One buyer's use of one tool, shown by one case or tender entry."""

    tool: str
    kind: str  # 'case' or 'tender'
    slug: str  # the case's or entry's slug
    buyer: str  # the buyer's name: the registry's, or as the case writes it
    buyer_slug: str | None  # the registry's slug (the buyer's page), None for a buyer not in the registry
    country: str
    categories: tuple[str, ...]
    year: int | None  # a case's year (None for an entry)
    status: str | None  # an entry's status (None for a case)

    @property
    def order(self) -> tuple:
        """Tools in their order, then by country, buyer, cases before entries, newest case first."""
        return (TOOLS.index(self.tool), self.country, self.buyer.casefold(), self.buyer_slug or "",
                KINDS.index(self.kind), -(self.year or 0), self.slug)

    def as_json(self) -> dict:
        """The use as the open data writes it (urls relative to the site root)."""
        return {"tool": self.tool, "buyer": {"name": self.buyer, "slug": self.buyer_slug, "country": self.country,
                                             "urls": _urls("buyer", self.buyer_slug) if self.buyer_slug else None},
                "source": {"kind": self.kind, "slug": self.slug, "urls": _urls(self.kind, self.slug),
                           "year": self.year, "status": self.status},
                "categories": list(self.categories)}


def _urls(kind: str, slug: str) -> dict[str, str]:
    """A record's page in each language, relative to the site root."""
    return {lang: urls.site_url(urls.record_path(kind, slug, lang), lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class Table:
    """Every use, in order (Use.order)."""

    uses: tuple[Use, ...]

    @classmethod
    def of(cls, catalog: Catalog) -> Table:
        """The table of a catalog's cases and entries."""
        found = []
        for slug, case in catalog.cases.items():
            buyer = buyers.named(catalog, case.buyer, case.country)
            found += [Use(tool, "case", slug, buyer.name if buyer else case.buyer, buyer.slug if buyer else None,
                          case.country, case.categories, case.year, None) for tool in case.tools]
        registry = catalog.derived.buyer_registry
        for slug, entry in catalog.tenders.items():
            if entry.status == CANCELLED:
                continue
            buyer = registry[buyers.number_key(entry.buyer_number)]
            found += [Use(tool, "tender", slug, buyer.name, buyer.slug, buyer.country, entry.categories, None,
                          entry.status) for tool in entry.tools]
        return cls(tuple(sorted(found, key=lambda use: use.order)))

    def of_tool(self, tool: str, category: str | None = None) -> list[Use]:
        """The uses of one tool, in one category when given."""
        return [use for use in self.uses if use.tool == tool and (category is None or category in use.categories)]

    def in_category(self, category: str) -> list[Use]:
        """The uses of every tool in one category."""
        return [use for use in self.uses if category in use.categories]

    def of_buyer(self, slug: str) -> list[Use]:
        """One registry buyer's uses."""
        return [use for use in self.uses if use.buyer_slug == slug]

    def as_json(self) -> list[dict]:
        """Every use as the open data writes it."""
        return [use.as_json() for use in self.uses]


def grouped(uses: list[Use], lang: str) -> list[tuple[Use, list[Use]]]:
    """Uses grouped by buyer (the first use stands for the buyer), the reader's country first."""
    home = HOME_COUNTRY[lang]
    groups: dict[tuple, list[Use]] = {}
    for use in uses:
        groups.setdefault((use.country, use.buyer_slug or use.buyer), []).append(use)
    return sorted(((group[0], group) for group in groups.values()),
                  key=lambda pair: (pair[0].country != home, pair[0].country, pair[0].buyer.casefold()))


ANCHORS = {"da": "hvem-har-gjort-det", "sv": "vem-har-gjort-det"}  # the section on each tool's knowledge-bank page
MARKER = "BROPEERS7F3A"  # where the rendered section goes: a paragraph of its own (hooks/peers.py)


def tool_of_page(src_uri: str, lang: str) -> str | None:
    """The tool whose knowledge-bank page a content file is (its path under content/<lang>/), or None."""
    for tool, key in knowledge.INSTRUMENT_PAGES.items():
        if urls.CONTENT_PAGES[key][lang] == src_uri:
            return tool
    return None


def tool_section(src_uri: str, lang: str) -> str | None:
    """The Markdown a tool's page ends with: its heading (so that it is in the page's table of contents) and the
    marker the rendered list replaces; None for any other page."""
    if tool_of_page(src_uri, lang) is None:
        return None
    return f"## {i18n.label('peers.title', lang).text} {{ #{ANCHORS[lang]} }}\n\n{MARKER}\n"


def section_path(tool: str, lang: str) -> str:
    """The "who has done it" section of a tool's knowledge-bank page (path and anchor in lang's site)."""
    return f"{urls.content_path(knowledge.INSTRUMENT_PAGES[tool], lang)}#{ANCHORS[lang]}"


def json_schema() -> dict:
    """The JSON Schema of api/peers.json (bro.api.peers_export; published by bro.opendata)."""
    text = {"type": "string", "minLength": 1}
    urls_ = {"type": "object", "additionalProperties": False, "required": list(LANGUAGES),
             "properties": {lang: text for lang in LANGUAGES}}
    use = {"type": "object", "additionalProperties": False, "required": ["tool", "buyer", "source", "categories"],
           "properties": {
               "tool": {"enum": list(TOOLS)},
               "buyer": {"type": "object", "additionalProperties": False,
                         "required": ["name", "slug", "country", "urls"],
                         "properties": {"name": text, "slug": {"type": ["string", "null"], "minLength": 1},
                                        "country": {"enum": ["DK", "SE"]},
                                        "urls": {"oneOf": [urls_, {"type": "null"}]}}},
               "source": {"type": "object", "additionalProperties": False,
                          "required": ["kind", "slug", "urls", "year", "status"],
                          "properties": {"kind": {"enum": list(KINDS)}, "slug": text, "urls": urls_,
                                         "year": {"type": ["integer", "null"]},
                                         "status": {"type": ["string", "null"], "minLength": 1}}},
               "categories": {"type": "array", "items": text}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Bro: who has done it (peers.json)", "type": "object", "additionalProperties": False,
            "required": ["generated", "count", "license", "uses"],
            "properties": {"generated": {"type": "string", "format": "date-time"},
                           "count": {"type": "integer", "minimum": 0}, "license": {"const": "CC0-1.0"},
                           "uses": {"type": "array", "items": use}}}
