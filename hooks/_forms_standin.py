"""TEMPORARY stand-in for bro.forms.web.make_form_definition and bro.record_checks.make_check_script (branches
issue15-record and issue15-check): the contract's shapes, so that the form pages can be built before they land.
Deleted once both are merged."""
from __future__ import annotations

from markupsafe import escape

from bro import markdown_text
from bro.forms.definitions import DATA_PATHS, FORM_FILES, Field, list_items, list_options
from bro.forms.texts import describe_field, load_texts


def make_form_definition(kind, lang, vocab, settings) -> dict:
    texts = load_texts(lang)["forms"][kind]
    items = []
    for item, required in list_items(kind, lang):
        if not isinstance(item, Field):
            items.append({"md": str(markdown_text.render(texts[item.removeprefix("md:")]))})
            continue
        text = describe_field(kind, lang, item.id)
        options = list_options(kind, lang, item, vocab) if item.type in ("dropdown", "checkboxes") else None
        path = DATA_PATHS[kind].get(item.id)
        items.append({"id": item.id, "widget": item.type, "value": item.value, "multiple": item.multiple,
                      "required": required, "limit": item.limit, "label": text["label"],
                      "description": str(escape(text.get("description", ""))),
                      "example": text.get("placeholder"), "options": [list(o) for o in options] if options else None,
                      "path": list(path) if path else None})
    collection = {"supplier": "suppliers", "change": "suppliers", "tender": "tenders"}.get(kind)
    return {"kind": kind, "lang": lang, "collection": collection,
            "issue_form": FORM_FILES.get(kind, {}).get(lang), "editors_email": settings.editors_email,
            "repository": settings.repository, "items": items}


def make_check_script(catalog, lang) -> str:
    return "window.BroCheckData = {};\n"
