"""Interface labels in Danish and Swedish, and texts that exist in one or both languages."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from bro import LANGUAGES

_LOCALES = Path(__file__).parent / "locales"


@functools.cache
def ui_catalog(lang: str) -> dict[str, str]:
    """Interface labels for one language (flat keys such as 'supplier.contacts')."""
    with open(_LOCALES / f"ui.{lang}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@dataclass(frozen=True)
class Localized:
    """A text chosen for a reader: its language and whether it stands in for a missing translation."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


def other(lang: str) -> str:
    """The other site language."""
    return "sv" if lang == "da" else "da"


def localize(value, lang: str) -> Localized | None:
    """Pick lang from a {da, sv} text, falling back to the other language (marked as a fallback)."""
    if isinstance(value, str):
        return Localized(value, lang, False)
    if not isinstance(value, dict):
        return None
    if value.get(lang):
        return Localized(value[lang], lang, False)
    for candidate in (other(lang), *LANGUAGES):
        if value.get(candidate):
            return Localized(value[candidate], candidate, True)
    return None


def label(key: str, lang: str, **params) -> Localized:
    """An interface label (its '_one' form when count is 1); a label missing in lang falls back to the
    other language, never fails."""
    if params.get("count") == 1 and f"{key}_one" in ui_catalog(lang):
        key = f"{key}_one"
    text, used = ui_catalog(lang).get(key), lang
    if text is None:
        used = other(lang)
        text = ui_catalog(used).get(key, key)
    if params:
        text = text.format(**params)
    return Localized(text, used, used != lang)


def missing_labels() -> dict[str, list[str]]:
    """Label keys that one language has and the other lacks (for editors and tests)."""
    keys = {lang: set(ui_catalog(lang)) for lang in LANGUAGES}
    return {lang: sorted(set().union(*keys.values()) - keys[lang]) for lang in LANGUAGES}
