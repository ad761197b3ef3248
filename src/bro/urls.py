"""Where each page lives in each language's site (paths relative to that language's root)."""
from __future__ import annotations

SEGMENTS = {
    "supplier": {"da": "leverandorer", "sv": "leverantorer"},
    "tender": {"da": "udbudsplan", "sv": "upphandlingsplan"},
}


def record_path(kind: str, slug: str, lang: str) -> str:
    """The page of one record, e.g. leverandorer/social-trade.html."""
    return f"{SEGMENTS[kind][lang]}/{slug}.html"


def record_source(kind: str, slug: str, lang: str) -> str:
    """The generated Markdown source behind a record page, e.g. leverandorer/social-trade.md."""
    return f"{SEGMENTS[kind][lang]}/{slug}.md"


def list_source(kind: str, lang: str) -> str:
    """The generated Markdown source of a collection's list page."""
    return f"{SEGMENTS[kind][lang]}/index.md"


def translate_path(path: str, source: str, target: str) -> str:
    """The same page in the other language: collection segments are translated, content keeps its path."""
    head, sep, rest = path.partition("/")
    for segments in SEGMENTS.values():
        if sep and head == segments[source]:
            return f"{segments[target]}/{rest}"
    return path


def site_url(path: str, lang: str) -> str:
    """A page's path from the root of the whole site (both languages), e.g. da/leverandorer/x.html."""
    return f"{lang}/{path}"
