"""The forms on the site: each form's definition as JSON-ready data for its page (pages renders every item, and the
scripts read it: overrides/assets/bro/form-record.js builds the record, the document and the links from it).

Built from the same definitions as the GitHub issue forms (bro.forms.definitions: the layout, every question, its
options and where its answer lands), with the forms' words in the reader's language (src/bro/locales/forms.*.yml:
the issue forms' labels, and under `web` a plain help text and an example answer for each question, the page's
introductions and the words of the e-mail to the editors). What the scripts need to read an answer as the form robot
reads it (the place names a municipality question accepts, the home currencies, the problems' words) travels with
it, so the page's record is the robot's record for the same answers."""
from __future__ import annotations

from pathlib import Path

from bro import CURRENCY, LANGUAGES, markdown_text
from bro.collisions import TRANSLITERATION
from bro.forms.definitions import DATA_PATHS, FORM_FILES, Field, list_items, list_options
from bro.forms.emitter import order_keys
from bro.forms.received import INTEREST_KEYS, MAIL_KINDS
from bro.forms.texts import describe_field, load_texts
from bro.schema import SchemaSet
from bro.settings import Settings
from bro.vocab import Vocabularies, plain_name

WEB_KINDS = (*MAIL_KINDS, "removal")  # every form of the site: the documents the e-mail import reads, and removal
COLLECTION = {"supplier": "suppliers", "change": "suppliers", "tender": "tenders", "interest": "tenders",
              "removal": None}
# The problems the page's record builder can find itself (the robot's words for them, or the site's under web).
BUILD_PROBLEMS = ("required", "choose_something", "too_long", "unknown_option", "one_line", "bad_characters",
                  "not_a_number", "not_an_amount", "bad_date", "unknown_area", "registration_url_without_type",
                  "contact_basis_missing", "contact_missing", "nothing_to_change")
_AREA_VALUES = ("area", "areas")
SCHEMA_OF = {"supplier": "supplier.schema.json", "change": "supplier.schema.json", "tender": "tender.schema.json",
             "interest": None, "removal": None}  # the schema whose key order the record's keys follow
ROOT = Path(__file__).resolve().parents[3]  # the repository (src/bro/forms/web.py → root): its schemas/


def make_form_definition(kind: str, lang: str, vocab: Vocabularies, settings: Settings, root: Path = ROOT) -> dict:
    """One form of the site as JSON-ready data: its questions in order (label, help, example, options, where the
    answer lands) and its explanatory texts as HTML, the editors' address, the repository and the issue form's file,
    and what the scripts need to build the record the form robot would build from the same answers.

    Also: a question's `default` (the index of the option a dropdown starts on, as on GitHub:
    the page preselects it), `description` is plain text (escape it when showing it); `texts` (the form's title, the
    e-mail's subject and words, the build problems' words), `areas` (the place names a municipality question
    accepts), `order` (the schema's key order by dotted path), `translit` (the slug's letters), `currencies` (a
    tender's default currency) and `interest_keys`."""
    if kind not in WEB_KINDS or lang not in LANGUAGES:
        raise ValueError(f"no form {kind!r} in {lang!r}")
    texts = load_texts(lang)
    web = texts["web"]
    items: list[dict] = []
    for item, required in list_items(kind, lang):
        if isinstance(item, Field):
            items.append(_make_question(kind, lang, item, required, vocab))
            continue
        key = item.removeprefix("md:")
        text = web["forms"].get(kind, {}).get(key) or texts["forms"][kind][key]
        items.append({"md": str(markdown_text.render(text))})
    questions = [item for item in items if "id" in item]
    definition = {
        "kind": kind, "lang": lang, "collection": COLLECTION[kind],
        "issue_form": FORM_FILES[kind][lang] if kind in FORM_FILES else None,
        "editors_email": settings.editors_email, "repository": settings.repository,
        "items": items,
        "texts": {"title": texts["forms"][kind]["name"], "subject": web["mail"]["subject"][kind],
                  "issue_title": texts["forms"][kind].get("title", ""),
                  **{key: web["mail"][key] for key in ("greeting", "before", "after", "removal_intro",
                                                        "answer_yes", "answer_no", "empty")},
                  "problems": {code: web["problems"].get(code, texts["problems"][code]) for code in BUILD_PROBLEMS}},
    }
    if kind == "interest":
        definition["interest_keys"] = list(INTEREST_KEYS)
    if any(q["value"] in _AREA_VALUES for q in questions):
        definition["areas"] = make_area_names(vocab)
    if kind == "tender":
        definition["currencies"] = dict(CURRENCY)
    if SCHEMA_OF[kind]:
        orders = order_keys(SchemaSet(root / "schemas"), SCHEMA_OF[kind])
        definition["order"] = {".".join(path): list(keys) for path, keys in orders.items()}
    definition["translit"] = {chr(code): text for code, text in TRANSLITERATION.items()}
    return definition


def _make_question(kind: str, lang: str, fld: Field, required: bool, vocab: Vocabularies) -> dict:
    """One question: how the page shows it and how its answer is read."""
    text = describe_field(kind, lang, fld.id)
    web = load_texts(lang)["web"]
    words = {**web["fields"].get(fld.id, {}), **web.get("overrides", {}).get(kind, {}).get(fld.id, {})}
    options = None
    if fld.type in ("dropdown", "checkboxes"):
        options = [[code, label] for code, label in list_options(kind, lang, fld, vocab)]
    # where the answer lands in the record the page builds: an interest's document holds the two slugs themselves
    path = (fld.id,) if kind == "interest" and fld.id in INTEREST_KEYS else DATA_PATHS[kind].get(fld.id)
    return {"id": fld.id, "widget": fld.type, "value": fld.value, "multiple": fld.multiple, "required": required,
            "limit": fld.limit, "label": text["label"],
            "description": words.get("help") or text.get("description", ""),
            "example": words.get("example"), "options": options,
            "default": fld.default, "path": list(path) if path else None}


def make_area_names(vocab: Vocabularies) -> list[list]:
    """Every place a municipality question accepts, in the order the robot tries them (the whole country, the
    countries, regions, municipalities): [code, [each label's plain name]] (bro.vocab.plain_name: case-folded,
    without 'Kommune', 'Region' …)."""
    return [[code, sorted({plain_name(str(label)) for label in vocab.entry("areas", code).get("label", {}).values()})]
            for code in vocab.codes("areas")]
