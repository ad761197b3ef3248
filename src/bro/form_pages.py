"""The web form pages (content/da/bidrag/formular/, content/sv/bidra/formular/): what such a page shows below its
text. The form's definition (bro.forms.web) is rendered as HTML by overrides/bro/form.html, every question with its
help, example and limits, and given to the page's scripts as JSON, with the words the scripts show, the key of the
draft in the browser's storage, and, on the interest form, the entries one can name with their buyer contact.

Nothing here decides what a valid answer is: the record is built and checked by the scripts of bro.forms.web and
bro.record_checks, the same rules as the validator's."""
from __future__ import annotations

import json

from markupsafe import Markup

from bro import i18n, messages, urls
from bro.catalog import Catalog

KINDS = tuple(urls.FORM_PAGES)  # supplier, change, tender, interest, removal
# The scripts of a form page, in the order they must load (each a plain script in assets/bro/, also from file://):
# the checks (bro.record_checks, check-data.js written by hooks/forms.py), the record (bro.forms.web), the page.
SCRIPTS = ("record-schemas.js", "record-check-core.js", "record-check-rules.js", "record-check.js", "check-data.js",
           "form-record.js", "webform.js")
DRAFT_PREFIX = "bro-form-draft"  # localStorage key: bro-form-draft:<kind>:<lang>
JS_PREFIX = "form.js."  # the words the page's script shows (src/bro/locales/ui.*.yml)
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value) -> Markup:
    """A value as JSON to stand inside a <script type="application/json"> element: no '<', '>' or '&' (so no
    '</script>' or '<!--' can end or bend the element), every other character as JSON writes it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup("".join(_SCRIPT_ESCAPES.get(char, char) for char in text))


def draft_key(kind: str, lang: str) -> str:
    """Where the browser keeps the draft of one form in one language (never sent anywhere)."""
    return f"{DRAFT_PREFIX}:{kind}:{lang}"


def script_words(lang: str) -> dict[str, str]:
    """The words webform.js shows, by name (form.js.<name> in ui.<lang>.yml)."""
    return {key[len(JS_PREFIX):]: text for key, text in messages.entries("ui", lang).items()
            if key.startswith(JS_PREFIX)}


def entry_contacts(catalog: Catalog, lang: str, site_url: str) -> dict[str, dict]:
    """The entries of the tender plan an interest can name, by slug: the title in lang, the address of its page and
    the buyer's contact as the entry's page shows it (name and e-mail; None when the entry names no e-mail)."""
    found = {}
    for slug, entry in sorted(catalog.tenders.items()):
        contact = entry.contact
        found[slug] = {"title": str(i18n.localize(entry.title, lang)),
                       "url": f"{site_url}{lang}/{urls.record_path('tender', slug, lang)}",
                       "name": (contact.name or None) if contact else None,
                       "email": (contact.email or None) if contact else None}
    return found


def page_context(kind: str, lang: str, catalog: Catalog, site_url: str, editors_email: str,
                 definition: dict) -> dict:
    """What overrides/bro/form.html needs for one form page."""
    if kind not in KINDS:
        raise ValueError(f"unknown form kind {kind!r}; known: {', '.join(KINDS)}")
    entries = entry_contacts(catalog, lang, site_url) if kind == "interest" else None
    setup = {"draftKey": draft_key(kind, lang), "words": script_words(lang), "entries": entries,
             "fragment": {"entry": "entry", "profile": "profile"},
             "profileUrl": f"{site_url}{lang}/{urls.record_path('supplier', '{slug}', lang)}"}
    return {"kind": kind, "definition": definition, "definition_json": script_json(definition),
            "setup_json": script_json(setup), "editors_email": editors_email, "assets": urls.ASSETS,
            "scripts": SCRIPTS, "removal": kind == "removal", "entries": entries}
