"""Record file names that would take a file of the site (bro.urls.collision): the validator's error, and the free
name that the error and the form robot propose."""
from __future__ import annotations

import re

from bro import urls
from bro.problems import MESSAGE_LANGUAGES, Problem, load_catalog
from bro.yamlload import Document

# The collections whose records have pages of their own.
PAGE_KINDS = {"suppliers": "supplier", "tenders": "tender", "cases": "case", "buyers": "buyer",
              "organisations": "organisation"}
SLUG_LENGTH = 60  # characters of a file name the form robot proposes
TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "ü": "u", "é": "e"})


def suggest_slug(name: str) -> str:
    """A valid slug for a file name: lower case, Nordic letters transliterated, hyphens."""
    text = name.lower().translate(TRANSLITERATION)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "navn"


def choose_slug(text: str, taken: set[str], kind: str, content: frozenset = frozenset()) -> str:
    """A file name (without .yml) for a new record of kind: the transliterated text, short, not yet taken, and
    taking no file of the site (a company called "Index" gets index-2)."""
    base = suggest_slug(text)
    if len(base) > SLUG_LENGTH:
        base = base[:SLUG_LENGTH].rsplit("-", 1)[0]
    return free_slug(kind, base, taken, content)


def free_slug(kind: str, base: str, taken: set[str], content: frozenset = frozenset()) -> str:
    """base, or the first of base-2, base-3 … that no other record of the kind has and that takes no file of the
    site; when a family of files takes every base-n (kalender-*.ics for 'kalender'), the kind goes in front."""
    def clashes(slug: str) -> bool:
        return bool(urls.collision(kind, slug, content))
    if clashes(f"{base}-2"):
        base = f"{kind}-{base}"
    slug, number = base, 2
    while slug in taken or clashes(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug


def check_names(docs: dict[str, list[tuple[str, Document]]], content: frozenset) -> None:
    """Refuse every record whose page would take a file of the site, naming that file in each language."""
    for collection, kind in PAGE_KINDS.items():
        taken = {slug for slug, _ in docs.get(collection, [])}
        for slug, doc in docs.get(collection, []):
            if any(p.code == "file.name_not_slug" for p in doc.problems):
                continue  # already refused for its letters
            if clashes := urls.collision(kind, slug, content):
                suggestion = free_slug(kind, slug, taken, content)
                doc.problems.append(Problem(doc.path, 1, 1, (), "file.name_taken", {
                    "name": f"{slug}.yml", "suggestion": f"{suggestion}.yml", "pages": describe(clashes)}))


def describe(clashes: list[urls.Clash]) -> dict[str, str]:
    """The files a name takes in plain words, in each message language: 'the tender plan in Danish (…) and in
    Swedish (…)'."""
    words = {}
    for lang in MESSAGE_LANGUAGES:
        labels = load_catalog(lang)["_outputs"]
        groups: dict[str, list[str]] = {}
        for clash in clashes:
            groups.setdefault(clash.label, []).append(labels[f"in_{clash.lang}"].format(path=clash.path))
        words[lang] = "; ".join(f"{labels[label]} {labels['and'].join(places)}" for label, places in groups.items())
    return words
