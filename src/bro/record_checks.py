"""What the forms' checks in the browser need to know (overrides/assets/bro/record-check*.js): the validator's
messages in one language, the vocabularies' codes, the existing suppliers and tender entries, today's date — as
one classic script setting `window.BroCheckData`, written into each language's site as assets/bro/check-data.js.

The browser gives the verdict bro.schema and bro.rules give (tests/test_record_check_parity.py proves it on every
fixture); the message texts it shows are the ones below, taken from the same catalogues, never written twice."""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata

from stdnum import util as stdnum_util

from bro import buyers, messages, rules, shares
from bro.forms.texts import load_texts
from bro.vocab import NATIONAL, Vocabularies, plain_name

# The vocabularies a supplier or tender record names codes from (x-vocabulary in schemas/), and the tables the
# rules look into (a legal form's or registration's country, an area's country).
VOCABULARIES = ("categories", "target_groups", "registrations", "social_clauses", "legal_forms", "procedures",
                "reservations", "statuses", "publish_bases", "currencies", "countries", "regions", "municipalities")
# The form problems the interest form can meet (bro.forms.drafts.resolve_reference and _plan_edits).
FORM_PROBLEMS = ("unknown_entry", "unknown_entry_suggest", "unknown_profile", "unknown_profile_suggest",
                 "already_interested")
# Invisible characters bro.rules refuses and names (U+202E RIGHT-TO-LEFT OVERRIDE): the browser knows no names.
_NAMED = re.compile(f"[{rules._HIDDEN_BMP}{rules._HIDDEN_ASTRAL}{rules._FORMAT_BMP}{rules._FORMAT_ASTRAL}]")


def _messages(lang: str) -> dict[str, str]:
    """Every validator message in lang as bro.messages finds it (another language's text where lang lacks one);
    a plural's '_one' form under its own key."""
    keys = set().union(*(messages.entries("messages", other) for other in messages.languages("messages")))
    out = {}
    for key in sorted(keys):
        if key.endswith("_one"):
            out[key] = str(messages.lookup("messages", lang, key.removesuffix("_one"), 1)[0])
        else:
            out[key] = str(messages.lookup("messages", lang, key)[0])
    return out


def _vocabulary(vocab: Vocabularies, name: str) -> dict[str, dict]:
    """A vocabulary's codes in file order, each with its country (where it has one) and its labels' plain names
    (bro.vocab.Vocabularies.suggest compares them), and the Danish label of an area (its suggestion names it)."""
    out = {}
    for code, entry in vocab.tables.get(name, {}).items():
        entry = entry if isinstance(entry, dict) else {}
        labels = entry.get("label") if isinstance(entry.get("label"), dict) else {}
        item: dict = {"plain": sorted({plain_name(str(label)) for label in labels.values()})}
        if isinstance(entry.get("country"), str):
            item["country"] = entry["country"]
        if name in ("countries", "regions", "municipalities"):
            item["label"] = vocab.label(name, code, "da")
        out[code] = item
    return out


@functools.cache
def _character_names() -> dict[str, str]:
    """U+XXXX NAME for every character bro.rules names in a message, by its code point in hex."""
    names = {}
    for point in range(0x110000):
        if point < 0xE0080 and (point < 0x20000 or point >= 0xE0000):
            char = chr(point)
            if _NAMED.match(char):
                names[f"{point:X}"] = f"U+{point:04X} {unicodedata.name(char, '')}".rstrip()
    return names


def _separators(deleted: str) -> str:
    """The characters python-stdnum's clean() removes from a number: deleted, and every character it first reads
    as one of them (an en dash as a hyphen)."""
    mapped = {char for char, ascii_char in stdnum_util._char_map.items() if ascii_char in deleted}
    return "".join(sorted(set(deleted) | mapped))


def check_data(catalog, lang: str, today: dt.date | None = None) -> dict:
    """Everything window.BroCheckData holds for one language (JSON-serialisable)."""
    vocab = catalog.vocab
    forms = load_texts(lang).get("problems", {})
    tenders = {slug: [s for s in (record.data.get("interested") or []) if isinstance(s, str)]
               if isinstance(record.data, dict) else []
               for slug, record in sorted(catalog.records("tenders").items())}
    return {
        "lang": lang,
        "today": (today or catalog.today).isoformat(),
        "messages": _messages(lang),
        "formProblems": {code: forms[code] for code in FORM_PROBLEMS if code in forms},
        "vocabularies": {name: _vocabulary(vocab, name) for name in VOCABULARIES},
        "national": NATIONAL,
        "languages": vocab.codes("languages"),
        "provisions": {country: shares.provision(vocab, country) for country in shares.COUNTRIES},
        "countryNames": rules.COUNTRY_NAMES,
        "languageNames": rules.LANGUAGE_NAMES,
        "scriptNames": rules.SCRIPT_NAMES,
        "characterNames": _character_names(),
        "summaryLimit": rules.SUMMARY_LIMIT,
        "numberSeparators": {"DK": _separators(" -.,/:"), "SE": _separators(" -.")},  # stdnum.dk.cvr, stdnum.se.orgnr
        "suppliers": sorted(catalog.records("suppliers")),
        # the registry's buyers by number (bro.buyers.number_key): a tender's buyer outside it needs a valid number
        "buyerNumbers": sorted({buyers.number_key(record.data["org_number"])
                                for record in catalog.records("buyers").values()
                                if isinstance(record.data, dict) and isinstance(record.data.get("org_number"), str)}),
        "tenders": tenders,
    }


def make_check_script(catalog, lang: str, today: dt.date | None = None) -> str:
    """assets/bro/check-data.js for one language: `window.BroCheckData = {…};` (safe inside any page: no '</'
    or '<!--' can end or open anything, line and paragraph separators escaped)."""
    text = json.dumps(check_data(catalog, lang, today), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return ("// Generated by bro.record_checks.make_check_script: what the forms' checks know (messages, codes, "
            f"existing records, today).\nwindow.BroCheckData = {text};\n")
