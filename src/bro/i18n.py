"""Interface labels in Danish and Swedish, and texts that exist in one or both languages."""
from __future__ import annotations

from dataclasses import dataclass

from bro import LANGUAGES, messages


def ui_catalog(lang: str) -> dict[str, str]:
    """Interface labels for one language (flat keys such as 'supplier.contacts'), read by bro.messages."""
    return messages.catalog("ui", lang)


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
    """An interface label (its '_one' form when count is one); a label missing in lang is taken from the other
    language and marked as such (bro.messages: never fails)."""
    count = params.get("count")
    one = count is not None and messages.plural_form(count) == "one"
    text, used = messages.entries("ui", lang).get(f"{key}_one" if one else key), lang  # the usual case: found
    if text is None:
        text, used = messages.lookup("ui", lang, key, count)
    return Localized(messages.fill(text, params) if params else text, used, used != lang)
