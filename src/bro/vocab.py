"""Controlled vocabularies: codes with Danish and Swedish labels, loaded from data/vocabularies."""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from bro import LANGUAGES, files, urls
from bro.problems import Problem
from bro.yamlload import load_file

VOCABULARY_FILES = (
    "categories", "target_groups", "registrations", "social_clauses", "legal_forms", "procedures",
    "reservations", "reserved_execution", "statuses", "publish_bases", "currencies", "countries", "regions",
    "municipalities", "instruments", "organisation_kinds",
)
NATIONAL = "national"


@dataclass
class Vocabularies:
    """All vocabularies by name, each a mapping code → entry (label, description, …)."""

    tables: dict[str, dict[str, dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    documents: dict = field(default_factory=dict, repr=False, compare=False)  # name → loaded Document (positions)
    page_names: dict = field(default_factory=dict, repr=False, compare=False)  # bro.urls.term_slugs' cache

    def codes(self, name: str) -> list[str]:
        """Every code of a vocabulary, in file order."""
        if name == "areas":
            return [NATIONAL, *self.tables["countries"], *self.tables["regions"], *self.tables["municipalities"]]
        if name == "languages":
            return sorted(_language_names("en"))
        return list(self.tables.get(name, {}))

    def has(self, name: str, code: str) -> bool:
        """Whether code belongs to the vocabulary."""
        if name == "areas":
            tables = self.tables
            return (code == NATIONAL or code in tables["countries"] or code in tables["regions"]
                    or code in tables["municipalities"])
        if name == "languages":
            return code in _language_names("en")
        return code in self.tables.get(name, {})

    def entry(self, name: str, code: str) -> dict:
        """The entry for a code ({} if unknown)."""
        if name == "areas":
            for table in ("countries", "regions", "municipalities"):
                if code in self.tables[table]:
                    return self.tables[table][code]
            return {}
        return self.tables.get(name, {}).get(code, {})

    def label(self, name: str, code: str, lang: str) -> str:
        """The label of a code in lang, or the code itself when unknown."""
        if name == "languages":
            return _language_names(lang).get(code, code)
        label = self.entry(name, code).get("label", {})
        return label.get(lang) or next(iter(label.values()), code)

    def suggest(self, name: str, code: str) -> str:
        """The code someone probably meant: same code in other case, a label written out, or a close code."""
        text = str(code).strip()
        candidates = self.codes(name)
        by_case = {c.casefold(): c for c in candidates}
        if text.casefold() in by_case:
            return self._describe(name, by_case[text.casefold()])
        wanted = {plain_name(text), plain_name(text).removesuffix("s")} - {""}
        for candidate in candidates:
            labels = self.entry(name, candidate).get("label", {}).values()
            if wanted & {plain_name(str(label)) for label in labels}:
                return self._describe(name, candidate)
        if name == "areas":
            return ""
        close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
        return close[0] if close else ""

    def _describe(self, name: str, code: str) -> str:
        """A suggested code, with its place name for areas: DK-751 (Aarhus)."""
        return f"{code} ({self.label(name, code, 'da')})" if name == "areas" and code != NATIONAL else code


_LANGUAGE_NAMES = {"da": {"en": "Danish", "da": "dansk", "sv": "danska"},
                   "sv": {"en": "Swedish", "da": "svensk", "sv": "svenska"}}


def check_page_names(vocab: Vocabularies) -> list[Problem]:
    """Each category and each area has a page named in each language (bro.urls.term_slugs): the name must be a-z,
    0-9 and single hyphens (vocab.slug_invalid) and no other code of the same kind may have it (vocab.slug_taken,
    e.g. two areas whose labels slugify alike): then the entry needs a `slug` of its own."""
    problems = []
    for name in urls.TERM_KINDS.values():
        tables = ("countries", "regions", "municipalities") if name == "areas" else (name,)
        for lang in LANGUAGES:
            seen: dict[str, str] = {}
            for table in tables:
                doc = vocab.documents.get(table)
                for code, entry in vocab.tables.get(table, {}).items():
                    if not isinstance(entry, dict) or not isinstance(entry.get("label"), dict):
                        continue  # vocab.entry_without_label
                    given = isinstance(entry.get("slug"), dict) and lang in entry["slug"]
                    where = (code, "slug", lang) if given else (code, "label", lang)
                    position = doc.position(where) if doc else None
                    slug = urls.term_slug(entry, code, lang)
                    params = {"code": code, "slug": slug, "language": _LANGUAGE_NAMES[lang], "lang": lang,
                              "other": seen.get(slug, "")}
                    if not isinstance(slug, str) or not urls.PAGE_NAME.match(slug):
                        code_name = "vocab.slug_invalid"
                    elif slug in seen:
                        code_name = "vocab.slug_taken"
                    else:
                        seen[slug] = code
                        continue
                    problems.append(Problem(f"data/vocabularies/{table}.yml", position.line if position else 1,
                                            position.column if position else 1, where, code_name, params))
    return problems


def plain_name(text: str) -> str:
    """A place or label name without 'Kommune'/'kommun'/'Region', case-folded."""
    words = [w for w in text.casefold().replace("-", " ").split() if w not in {"kommune", "kommun", "region", "stad"}]
    return " ".join(words)


@functools.cache
def _language_names(lang: str) -> dict[str, str]:
    """ISO 639 language names in lang, from CLDR via babel."""
    return {code: name for code, name in Locale.parse(lang).languages.items() if "_" not in code}


def load_vocabularies(directory: Path, root: Path) -> Vocabularies:
    """Load every vocabulary file strictly; problems are collected, not raised. A file reached through a symbolic
    link is not read (the catalog reports the link)."""
    vocab = Vocabularies()
    for name in VOCABULARY_FILES:
        path = directory / f"{name}.yml"
        display = _display(path, root)
        if path.is_relative_to(root) and files.linked(path, root):
            vocab.tables[name] = {}
            continue
        if not path.exists():
            vocab.problems.append(Problem(display, 1, 1, (), "vocab.missing_file", {"name": name}))
            vocab.tables[name] = {}
            continue
        doc = load_file(path, display)
        vocab.problems.extend(doc.problems)
        vocab.documents[name] = doc
        vocab.tables[name] = doc.data if isinstance(doc.data, dict) else {}
    return vocab


def _display(path: Path, root: Path) -> str:
    """A path as shown in messages: relative to the repository root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
