"""Texts of Bro's repository automation (pull-request comments, the upkeep report) in Danish and Swedish.

Only the standard library and PyYAML: the pull-request commenter loads this module without the rest of Bro."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

_LOCALES = Path(__file__).parent / "locales"
AUTOMATION_LANGUAGES = ("da", "sv")


@functools.cache
def text_catalog(name: str, lang: str) -> dict[str, str]:
    """All texts of one automation file (changes, upkeep) in one language."""
    with open(_LOCALES / f"{name}.{lang}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def text(name: str, lang: str, key: str, **params) -> str:
    """One text, its '_one' form when count is 1, with its parameters filled in."""
    catalog = text_catalog(name, lang)
    if params.get("count") == 1 and f"{key}_one" in catalog:
        key = f"{key}_one"
    return catalog[key].format(**params) if params else catalog[key]
