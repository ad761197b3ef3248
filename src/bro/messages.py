"""The one loader of Bro's words: validation messages, interface labels, form texts and the repository
automation's texts, each a catalogue `src/bro/locales/<domain>.<lang>.yml` (domains: messages, ui, forms,
changes, upkeep).

Why YAML catalogues read here rather than Babel's gettext (Babel is a dependency of the site, for numbers):
- a text is found by what it means (`schema.required`, `check.errors`), not by its English wording, and some
  catalogues are nested (the forms' questions, options and replies): gettext keys flat catalogues by the source
  text;
- editors and translators change them in the same YAML as the rest of Bro, with comments, and a change shows
  in the next build: gettext needs .po files compiled to .mo files;
- the jobs that hold a write token (the pull-request comment, the upkeep report) install nothing but PyYAML
  (requirements-automation.txt) and import this module: it uses only the standard library and PyYAML.

Plurals: a text whose count is "one" is the key with `_one` appended, when the catalogue has one (`browse.count`
→ `browse.count_one`); every other count uses the key itself. That is CLDR's rule for whole numbers in Danish,
Swedish and English (tests/test_messages.py compares it with Babel's CLDR data), and counts in Bro are whole
numbers. A language with more plural forms would extend `plural_form`.

Missing texts never stop anything: a key one language lacks is taken from the other site language, then from
English where the domain has it, and at last the key itself is shown, so that editors see it; each is logged
once. `missing_keys` lists the keys one language of a domain lacks (the tests require none).
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import yaml

from bro import LANGUAGES

LOCALES = Path(__file__).parent / "locales"
DOMAINS = ("messages", "ui", "forms", "changes", "upkeep", "tedimport")
_log = logging.getLogger(__name__)


@functools.cache
def catalog(domain: str, lang: str) -> dict:
    """One catalogue as written (nested where the file nests); empty when the language has none."""
    path = LOCALES / f"{domain}.{lang}.yml"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@functools.cache
def languages(domain: str) -> tuple[str, ...]:
    """The languages a domain has a catalogue in: the site's languages first, then the others (English)."""
    found = {path.name.split(".")[1] for path in LOCALES.glob(f"{domain}.*.yml")}
    return tuple(lang for lang in LANGUAGES if lang in found) + tuple(sorted(found - set(LANGUAGES)))


@functools.cache
def entries(domain: str, lang: str) -> dict:
    """A catalogue with nested keys joined by dots ('reply.general'); the catalogue itself when it is flat."""
    raw = catalog(domain, lang)
    if not any(isinstance(value, dict) for value in raw.values()):
        return raw
    flat: dict = {}
    _flatten(raw, "", flat)
    return flat


def _flatten(node: dict, prefix: str, out: dict) -> None:
    """Add every leaf of node to out under its dotted key."""
    for key, value in node.items():
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", out)
        else:
            out[f"{prefix}{key}"] = value


def plural_form(count) -> str:
    """CLDR's plural category of a whole number in Danish, Swedish and English: 'one' for 1, else 'other'."""
    return "one" if count == 1 and not isinstance(count, bool) else "other"


def fallbacks(domain: str, lang: str) -> tuple[str, ...]:
    """Where a text is looked for: the language asked for, the other site language, then English."""
    return (lang, *(other for other in languages(domain) if other != lang))


def lookup(domain: str, lang: str, key: str, count=None) -> tuple[str, str]:
    """(template, language it is in) for a key (its '_one' form when count is one); the key itself, in lang, when
    no catalogue of the domain has it."""
    texts = entries(domain, lang)  # the usual case first: labels are looked up for every page
    if count is None or count != 1 or isinstance(count, bool):
        found = texts.get(key)
        if found is not None:
            return found, lang
    for used in fallbacks(domain, lang):
        texts = entries(domain, used)
        if count is not None and plural_form(count) == "one" and f"{key}_one" in texts:
            return texts[f"{key}_one"], used
        if key in texts:
            if used != lang:
                _report_missing(domain, lang, key)
            return texts[key], used
    _report_missing(domain, lang, key)
    return key, lang


@functools.cache
def _report_missing(domain: str, lang: str, key: str) -> None:
    """Log a missing text once (the build's log shows it to editors)."""
    _log.warning("The text '%s' is missing in %s.%s.yml", key, domain, lang)


def fill(template: str, params: dict) -> str:
    """A template with its {placeholders} filled in; a placeholder without a value leaves the template as written,
    with the values after it (shown, never a crash)."""
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{template} {params}"


def text(domain: str, lang: str, key: str, **params) -> str:
    """One text with its placeholders filled in (when parameters are given), its '_one' form when count is one."""
    template, _ = lookup(domain, lang, key, params.get("count"))
    return fill(str(template), params) if params else str(template)


def missing_keys(domain: str) -> dict[str, list[str]]:
    """For each language of a domain, the keys another language has and it lacks."""
    keys = {lang: set(entries(domain, lang)) for lang in languages(domain)}
    every = set().union(*keys.values())
    return {lang: sorted(every - have) for lang, have in keys.items()}
