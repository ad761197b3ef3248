"""What the forms are: the four kinds of GitHub issue form and their template files, the removal request (asked on
the site and sent by e-mail only: it has no issue form, so it never becomes public), every question (how GitHub
shows it, how its answer is read, where it lands in a data file), each form's questions in order, their options,
and the problem a submitted form can have."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bro import HOME_COUNTRY, LANGUAGES, i18n
from bro.forms.texts import describe_field, load_texts
from bro.vocab import Vocabularies

# The four GitHub issue forms, each in both languages, and the issue template file of each: the one table of those
# names (a page links to a form through make_form_url). A removal or privacy request has no issue form: an issue is
# public, so such a request goes to the editors by e-mail only (docs/editors/removal-runbook.*.md).
FORM_FILES = {
    "supplier": {"da": "ny-leverandor.yml", "sv": "ny-leverantor.yml"},
    "change": {"da": "ret-profil.yml", "sv": "andra-profil.yml"},
    "tender": {"da": "nyt-udbud.yml", "sv": "ny-upphandling.yml"},
    "interest": {"da": "interesse.yml", "sv": "intresse.yml"},
}
KINDS = tuple(FORM_FILES)  # the kinds the form robot reads, in the table's order
ISSUE_LABELS = {
    "supplier": ["form", "data:suppliers", "new"],
    "change": ["form", "data:suppliers", "change"],
    "tender": ["form", "data:tenders", "new"],
    "interest": ["form", "data:tenders", "interest"],
}
# The data folder each form writes to.
COLLECTION = {"supplier": "suppliers", "change": "suppliers", "tender": "tenders", "interest": "tenders"}
INPUT_LIMIT = 300  # characters of a one-line answer
CHOICE_LIMIT = 5000  # characters of a rendered list of chosen options
MAX_CONTACTS = 10  # contact persons a removal request can name by number
# Characters no answer may hold and no emitted text may show plainly: controls, lone surrogates, non-characters.
BAD_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def make_form_url(repository: str, kind: str, lang: str, **answers: str) -> str:
    """The address that opens a form on GitHub with some answers filled in (a page's 'report a change' link)."""
    query = "".join(f"&{key}={quote(value)}" for key, value in answers.items())
    return f"{repository.rstrip('/')}/issues/new?template={FORM_FILES[kind][lang]}{query}"


@dataclass(frozen=True)
class Field:
    """One question of a form: how GitHub shows it and how its answer is read."""

    id: str
    type: str  # input, textarea, dropdown or checkboxes
    value: str = "text"  # text, integer, amount, date, url, area, areas, cpv, code, codes, flag, reference
    options: str | None = None  # a vocabulary name, or one of Bro's own option lists
    multiple: bool = False
    limit: int = INPUT_LIMIT  # longest answer accepted (choices: the rendered list of options)
    default: int | None = None

    def __post_init__(self) -> None:
        """Choice questions are limited by their options, not by what a person types."""
        if self.type in ("dropdown", "checkboxes") and self.limit == INPUT_LIMIT:
            object.__setattr__(self, "limit", CHOICE_LIMIT)


FIELDS = {f.id: f for f in [
    Field("name", "input"),
    Field("country", "dropdown", "code", "countries"),
    Field("org_number", "input"),
    Field("legal_form", "dropdown", "code", "legal_forms"),
    Field("founded", "input", "integer"),
    Field("website", "input", "url", limit=500),
    *(Field(f"summary_{lang}", "textarea", limit=300) for lang in LANGUAGES),
    Field("categories", "dropdown", "codes", "categories", multiple=True),
    Field("delivery_regions", "dropdown", "codes", "delivery", multiple=True),
    Field("delivery_municipalities", "input", "areas", limit=1000),
    *(Field(f"description_{lang}", "textarea", limit=10000) for lang in LANGUAGES),
    *(Field(f"social_purpose_{lang}", "textarea", limit=5000) for lang in LANGUAGES),
    Field("target_groups", "checkboxes", "codes", "target_groups"),
    Field("employees_total", "input", "integer"),
    Field("employees_target", "input", "integer"),
    Field("engaged_total", "input", "integer"),
    Field("engaged_target", "input", "integer"),
    Field("reserved_contracts", "dropdown", "code", "reserved_contracts"),
    Field("registrations", "checkboxes", "codes", "registrations"),
    Field("registration_url", "input", "url", limit=500),
    Field("street", "input"),
    Field("postcode", "input"),
    Field("city", "input"),
    Field("municipality", "input", "area"),
    Field("contact_name", "input"),
    Field("contact_role", "input"),
    Field("contact_email", "input"),
    Field("contact_phone", "input"),
    Field("contact_basis", "dropdown", "code", "publish_bases"),
    Field("confirm", "checkboxes", "flag"),
    Field("profile", "input", "reference", limit=500),
    Field("other_changes", "textarea", limit=5000),
    Field("still_correct", "checkboxes", "flag"),
    *(Field(f"title_{lang}", "input") for lang in LANGUAGES),
    Field("buyer_name", "input"),
    Field("buyer_country", "dropdown", "code", "countries"),
    Field("buyer_org_number", "input"),
    Field("buyer_municipality", "input", "area"),
    Field("cpv", "input", "cpv", limit=1000),
    Field("procedure", "dropdown", "code", "procedures"),
    Field("reserved", "dropdown", "code", "reservations", default=0),
    Field("reserved_execution", "dropdown", "code", "reserved_execution"),
    Field("social_clauses", "checkboxes", "codes", "social_clauses"),
    Field("estimated_amount", "input", "amount"),
    Field("currency", "dropdown", "code", "currencies"),
    Field("expected_publication", "input", "date"),
    Field("interest_deadline", "input", "date"),
    Field("contract_start", "input", "date"),
    Field("contract_end", "input", "date"),
    Field("status", "dropdown", "code", "statuses", default=0),
    Field("notice_url", "input", "url", limit=500),
    Field("confirm_buyer", "checkboxes", "flag"),
    Field("entry", "input", "reference", limit=500),
    Field("supplier", "input", "reference", limit=500),
    Field("confirm_interest", "checkboxes", "flag"),
    Field("record", "input", "reference", limit=500),
    Field("contact_number", "dropdown", "code", "contact_number", default=0),
    Field("remove_what", "checkboxes", "codes", "remove_what"),
    Field("requester", "dropdown", "code", "requester"),
    Field("history", "checkboxes", "flag"),
]}
# Each form's questions in order: "md:<key>" is explanatory text, "*" marks a required answer,
# {own} and {other} stand for the form's language and the other one.
LAYOUTS = {
    "supplier": ["md:intro", "name*", "country*", "org_number*", "legal_form", "founded", "website",
                 "summary_{own}*", "summary_{other}", "categories*", "delivery_regions", "delivery_municipalities",
                 "description_{own}", "description_{other}", "social_purpose_{own}", "social_purpose_{other}",
                 "target_groups", "employees_total", "employees_target", "engaged_total", "engaged_target",
                 "reserved_contracts", "registrations",
                 "registration_url", "street", "postcode", "city", "municipality", "md:contact", "contact_name*",
                 "contact_role", "contact_email", "contact_phone", "contact_basis*", "confirm*"],
    "change": ["md:intro", "profile*", "name", "website", "legal_form", "founded", "summary_{own}",
               "summary_{other}", "categories", "delivery_regions", "delivery_municipalities", "description_{own}",
               "description_{other}", "social_purpose_{own}", "social_purpose_{other}", "target_groups",
               "employees_total", "employees_target", "engaged_total", "engaged_target", "reserved_contracts",
               "street", "postcode", "city",
               "municipality", "md:contact", "contact_name", "contact_role", "contact_email", "contact_phone",
               "contact_basis", "other_changes", "still_correct"],
    "tender": ["md:intro", "title_{own}*", "title_{other}", "buyer_name*", "buyer_country*", "buyer_org_number*",
               "buyer_municipality", "description_{own}*", "description_{other}", "categories*", "cpv",
               "procedure*", "reserved*", "reserved_execution", "social_clauses", "estimated_amount", "currency",
               "expected_publication", "interest_deadline", "contract_start", "contract_end", "delivery_regions",
               "delivery_municipalities",
               "status*", "notice_url", "md:contact", "contact_name*", "contact_role", "contact_email",
               "contact_phone", "contact_basis*", "confirm_buyer*"],
    "interest": ["md:intro", "entry*", "supplier*", "confirm_interest*"],
    # The removal request's questions: a form on the site that sends an e-mail to the editors (never an issue).
    "removal": ["md:intro", "record*", "contact_number*", "remove_what*", "requester", "history"],
}
# Where each answer lands in the data file (used to build records and to name the question behind a validator
# problem): read from the schemas, where each field names the questions that fill it (FORM_QUESTION). A field renamed
# in the schema keeps its annotation, so the forms follow it; the questions keep their own names (their labels, the
# issue templates and the links that prefill them use those).
FORM_QUESTION = "x-form-question"  # 'name', a list of names, or 'summary_{lang}': one question per language
_SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"  # the repository's (src/bro/forms → root)


def _resolve(schema: dict, doc: str, documents: dict) -> tuple[dict, str]:
    """A subschema with its $ref followed (refs name a file of schemas/ and a JSON pointer into it)."""
    while "$ref" in schema:
        name, _, pointer = schema["$ref"].partition("#")
        doc = name or doc
        schema = documents[doc]
        for part in filter(None, pointer.split("/")):
            schema = schema[part]
    return schema, doc


def question_paths(schema_name: str, documents: dict | None = None) -> dict[str, tuple]:
    """Every question that fills a field of a collection's schema → the field's path (a list's questions fill its
    first item)."""
    documents = documents or {path.name: json.loads(path.read_text(encoding="utf-8"))
                              for path in sorted(_SCHEMAS.glob("*.schema.json"))}
    found: dict[str, tuple] = {}

    def walk(schema: dict, doc: str, path: tuple) -> None:
        named = schema.get(FORM_QUESTION) or []
        for question in [named] if isinstance(named, str) else named:
            if "{lang}" in question:
                found.update({question.format(lang=lang): path + (lang,) for lang in LANGUAGES})
            else:
                found[question] = path
        target, target_doc = _resolve(schema, doc, documents)
        if target is not schema:
            walk({k: v for k, v in target.items() if k != FORM_QUESTION}, target_doc, path)
            return
        for key, sub in (target.get("properties") or {}).items():
            walk(sub, target_doc, path + (key,))
        if isinstance(target.get("items"), dict):
            walk(target["items"], target_doc, path + (0,))

    walk(documents[schema_name], schema_name, ())
    return found


def _asked(*kinds: str) -> set[str]:
    """The questions the forms of these kinds ask."""
    return {entry.rstrip("*").format(own=lang, other=i18n.other(lang)) for kind in kinds for entry in LAYOUTS[kind]
            for lang in LANGUAGES if not entry.startswith("md:")}


def _paths_for(schema_name: str, *kinds: str) -> dict[str, tuple]:
    """The data paths of the questions these forms ask, from the schema."""
    asked = _asked(*kinds)
    return {question: path for question, path in question_paths(schema_name).items() if question in asked}


_SUPPLIER_PATHS = _paths_for("supplier.schema.json", "supplier", "change")
DATA_PATHS = {"supplier": _SUPPLIER_PATHS, "change": _SUPPLIER_PATHS,
              "tender": _paths_for("tender.schema.json", "tender"),
              "interest": _paths_for("tender.schema.json", "interest"), "removal": {}}


@dataclass(frozen=True)
class FormProblem:
    """Something in a submitted form that stops the conversion, tied to a question (or to none)."""

    field: str | None
    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)


def list_items(kind: str, lang: str) -> list[tuple[Field | str, bool]]:
    """A form's items in order: (Field, required) for questions, (markdown key, False) for text."""
    items = []
    for entry in LAYOUTS[kind]:
        if entry.startswith("md:"):
            items.append((entry, False))
            continue
        name = entry.rstrip("*").format(own=lang, other=i18n.other(lang))
        items.append((FIELDS[name], entry.endswith("*")))
    return items


def list_questions(kind: str, lang: str) -> list[tuple[Field, bool]]:
    """A form's questions only, with whether each must be answered."""
    return [(item, required) for item, required in list_items(kind, lang) if isinstance(item, Field)]


def list_options(kind: str, lang: str, fld: Field, vocab: Vocabularies) -> list[tuple[str, str]]:
    """The (code, label) choices of a dropdown or checkboxes question, from the vocabularies where they exist."""
    catalog, home = load_texts(lang), HOME_COUNTRY[lang]
    if fld.value == "flag":
        return [("yes", describe_field(kind, lang, fld.id)["option"])]
    if fld.options == "delivery":
        choices = []
        for country in sorted(vocab.codes("countries"), key=lambda c: c != home):
            choices.append((country, catalog["options"]["delivery_country"][country]))
            choices += [(code, vocab.label("regions", code, lang)) for code in vocab.codes("regions")
                        if vocab.entry("regions", code).get("country") == country]
        return choices
    if fld.options == "reserved_contracts":
        choices = [("no", catalog["options"]["reserved_no"])]
        for code in vocab.codes("reservations"):
            basis = vocab.entry("reservations", code).get("legal_basis")
            if basis:
                choices.append((code, catalog["options"]["reserved_yes"].format(
                    label=vocab.label("reservations", code, lang),
                    basis=" / ".join(basis[c] for c in sorted(basis, key=lambda c: c != home)))))
        return choices
    if fld.options == "contact_number":
        return [("all", catalog["options"]["contact_all"])] + [
            (str(n), catalog["options"]["contact_one"].format(number=n)) for n in range(1, MAX_CONTACTS + 1)]
    if fld.options in ("remove_what", "requester"):
        return list(catalog["options"][fld.options].items())
    codes = vocab.codes(fld.options)
    if fld.options == "legal_forms":
        codes = sorted(codes, key=lambda c: vocab.entry("legal_forms", c).get("country") != home)
    return [(code, vocab.label(fld.options, code, lang)) for code in codes]
