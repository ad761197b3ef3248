"""Where each page lives in each language's site (paths relative to that language's root)."""
from __future__ import annotations

SEGMENTS = {
    "supplier": {"da": "leverandorer", "sv": "leverantorer"},
    "tender": {"da": "udbudsplan", "sv": "upphandlingsplan"},
    "category": {"da": "leverandorer/kategori", "sv": "leverantorer/kategori"},
    "area": {"da": "leverandorer/omraade", "sv": "leverantorer/omrade"},
    "all": {"da": "leverandorer/alle", "sv": "leverantorer/alla"},
    "buyer": {"da": "udbudsplan/ordregiver", "sv": "upphandlingsplan/myndighet"},
    "case": {"da": "vidensbank/eksempler", "sv": "vidensbank/exempel"},
}
PAGES = {
    "shortlist": {"da": "leverandorer/min-liste", "sv": "leverantorer/min-lista"},
    "events": {"da": "vidensbank/arrangementer", "sv": "vidensbank/evenemang"},
    "glossary": {"da": "vidensbank/ordliste", "sv": "vidensbank/ordlista"},
}
ASSETS = "assets/bro"
FEEDS = {"atom": "feed.xml", "calendar": "kalender.ics"}


def calendar_for_category(code: str) -> str:
    """The iCalendar file of one category's entries, in the plan's folder."""
    return f"kalender-{code.replace('_', '-')}.ics"


def record_path(kind: str, slug: str, lang: str) -> str:
    """The page of one record or browse entry, e.g. leverandorer/social-trade.html."""
    return f"{SEGMENTS[kind][lang]}/{slug.lower()}.html"


def record_source(kind: str, slug: str, lang: str) -> str:
    """The generated Markdown source behind a record page, e.g. leverandorer/social-trade.md."""
    return f"{SEGMENTS[kind][lang]}/{slug.lower()}.md"


def list_source(kind: str, lang: str) -> str:
    """The generated Markdown source of a collection's list page."""
    return f"{SEGMENTS[kind][lang]}/index.md"


def page_source(name: str, lang: str) -> str:
    """The generated Markdown source of a single page such as the shortlist."""
    return f"{PAGES[name][lang]}.md"


def translate_path(path: str, source: str, target: str) -> str:
    """The same page in the other language: generated sections are translated, content keeps its path."""
    prefixes = [(table[source], table[target]) for table in (*SEGMENTS.values(), *PAGES.values())]
    for old, new in sorted(prefixes, key=lambda pair: -len(pair[0])):
        if path == f"{old}.html":
            return f"{new}.html"
        if path.startswith(old + "/"):
            return new + path[len(old):]
    return path


def site_url(path: str, lang: str) -> str:
    """A page's path from the root of the whole site (both languages), e.g. da/leverandorer/x.html."""
    return f"{lang}/{path}"
