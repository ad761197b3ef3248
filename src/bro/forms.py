"""Bro's GitHub issue forms: their fields (generated into .github/ISSUE_TEMPLATE by scripts/make_forms.py),
reading a submitted form's body, and turning it into a new or edited data file for an editor's review.

User text never becomes YAML by joining strings: records are built as plain values and emitted by ruamel.yaml
with a resolver that reads plain scalars exactly as Bro's strict loader does. Every emitted text is loaded back
with that loader and compared with the intended data before it is written."""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bro import HOME_COUNTRY, LANGUAGES, form_buyer, urls
from bro.catalog import SLUG, load_catalog, suggest_slug
from bro.collisions import choose_slug
from bro.escape import markdown_line, visible
from bro.problems import Problem, errors_in, message
from bro.schema import SchemaSet
from bro.vocab import Vocabularies, load_vocabularies
from bro.yamlload import load_text

# Settings. PRIVACY_EMAIL: the address for sensitive removal requests, shown in the removal forms once set
# (then run scripts/make_forms.py). Bro has none yet (see the review points of content/da/privatliv.md and
# content/sv/integritet.md).
PRIVACY_EMAIL = ""
SITE_URL = "https://bro-socialt-indkob.github.io/bro/"  # the same as extra.bro_site_url in mkdocs.yml

KINDS = ("supplier", "change", "tender", "interest", "removal")
FORM_FILES = {
    "supplier": {"da": "ny-leverandor.yml", "sv": "ny-leverantor.yml"},
    "change": {"da": "ret-profil.yml", "sv": "andra-profil.yml"},
    "tender": {"da": "nyt-udbud.yml", "sv": "ny-upphandling.yml"},
    "interest": {"da": "interesse.yml", "sv": "intresse.yml"},
    "removal": {"da": "fjern-personoplysninger.yml", "sv": "ta-bort-personuppgifter.yml"},
}
ISSUE_LABELS = {
    "supplier": ["form", "data:suppliers", "new"],
    "change": ["form", "data:suppliers", "change"],
    "tender": ["form", "data:tenders", "new"],
    "interest": ["form", "data:tenders", "interest"],
    "removal": ["form", "removal"],
}
COLLECTION = {"supplier": "suppliers", "change": "suppliers", "tender": "tenders", "interest": "tenders"}
NO_RESPONSE = "_No response_"
PR_LINK_MARKER = "<!-- bro:pr-link -->"
BODY_LIMIT = 1_000_000  # characters; GitHub itself stops an issue body at 65,536
INPUT_LIMIT = 300
CHOICE_LIMIT = 5000
MAX_CONTACTS = 10
ANSWER_SHOWN = 200  # characters of an answer quoted back in a reply

_HEADING = re.compile(r"^### (.*?)[ \t]*$", re.M)
_CHECKBOX = re.compile(r"^- \[([ xX]?)\] (.*?)\s*$", re.M)
_BAD_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)")
_AMOUNT = re.compile(r"(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)(?:,-|,00)?\s*(?:kr\.?|dkk|sek|eur|euro)?", re.I)
_LOCAL_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_PR_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?/[\w.-]+/[\w.-]+/pull/\d+")
_GENERIC_BUYER_WORDS = {"kommune", "kommun", "region", "regionen", "stad", "staden", "lan", "laen"}
_COLLECTION_DIRS = {"leverandorer": "suppliers", "leverantorer": "suppliers", "suppliers": "suppliers",
                    "udbudsplan": "tenders", "upphandlingsplan": "tenders", "tenders": "tenders"}


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
    "removal": ["md:intro", "md:sensitive", "record*", "contact_number*", "remove_what*", "requester", "history"],
}

# Where each answer lands in the data file; used to name the question behind a validator problem.
_SUPPLIER_PATHS = {
    "name": ("name",), "country": ("country",), "org_number": ("org_number",), "legal_form": ("legal_form",),
    "founded": ("founded",), "website": ("website",), "categories": ("categories",),
    "delivery_regions": ("delivery_area",), "delivery_municipalities": ("delivery_area",),
    "target_groups": ("target_groups",), "employees_total": ("employees", "total"),
    "employees_target": ("employees", "from_target_groups"), "engaged_total": ("engaged", "total"),
    "engaged_target": ("engaged", "from_target_groups"), "reserved_contracts": ("reserved_contracts",),
    "registrations": ("registrations",), "street": ("address", "street"), "postcode": ("address", "postcode"),
    "city": ("address", "city"), "municipality": ("address", "municipality"),
    "contact_name": ("contacts", 0, "name"), "contact_role": ("contacts", 0, "role"),
    "contact_email": ("contacts", 0, "email"), "contact_phone": ("contacts", 0, "phone"),
    "contact_basis": ("contacts", 0, "publish_basis"), "confirm": ("last_verified",),
    "still_correct": ("last_verified",),
    **{f"{text}_{lang}": (text, lang) for text in ("summary", "description", "social_purpose") for lang in LANGUAGES},
}
_TENDER_PATHS = {
    "buyer_name": ("buyer", "name"), "buyer_country": ("buyer", "country"),
    "buyer_org_number": ("buyer", "org_number"), "buyer_municipality": ("buyer", "municipality"),
    "categories": ("categories",), "cpv": ("cpv",), "procedure": ("procedure",), "reserved": ("reserved",),
    "reserved_execution": ("reserved_execution",), "social_clauses": ("social_clauses",),
    "estimated_amount": ("estimated_value", "amount"),
    "currency": ("estimated_value", "currency"), "expected_publication": ("expected_publication",),
    "interest_deadline": ("interest_deadline",), "contract_start": ("contract_period", "start"),
    "contract_end": ("contract_period", "end"), "delivery_regions": ("delivery_area",),
    "delivery_municipalities": ("delivery_area",), "status": ("status",), "notice_url": ("notice_url",),
    "contact_name": ("contact", "name"), "contact_role": ("contact", "role"), "contact_email": ("contact", "email"),
    "contact_phone": ("contact", "phone"), "contact_basis": ("contact", "publish_basis"),
    **{f"{text}_{lang}": (text, lang) for text in ("title", "description") for lang in LANGUAGES},
}
DATA_PATHS = {"supplier": _SUPPLIER_PATHS, "change": _SUPPLIER_PATHS, "tender": _TENDER_PATHS,
              "interest": {"supplier": ("interested",)}, "removal": {}}


@dataclass(frozen=True)
class FormProblem:
    """Something in a submitted form that stops the conversion, tied to a question (or to none)."""

    field: str | None
    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Draft:
    """The data file a form produces: its path, new text, and which question each value came from; companions are
    further new files of the same pull request (a tender's new registry buyer), editor_notes what it tells the
    editor about them (text key of the pr section, parameters)."""

    kind: str
    path: str
    text: str | None
    new: bool
    sources: dict = field(default_factory=dict)
    rewritten: bool = False
    note: str = ""
    history: bool = False
    companions: list[Draft] = field(default_factory=list)
    editor_notes: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class Result:
    """What the converter hands to the workflow: the outcome, the reply and the pull request's text."""

    ok: bool
    kind: str | None
    lang: str | None
    path: str | None
    branch: str
    title: str
    pr: bool
    reply: str
    pr_body: str = ""
    problems: list = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file of the pull request, the main one first

    def summary(self) -> dict:
        """The fields of result.json."""
        return {"ok": self.ok, "kind": self.kind, "lang": self.lang, "paths": self.paths, "branch": self.branch,
                "title": self.title, "pr": self.pr}


# --------------------------------------------------------------------------------------------- texts and options

@functools.cache
def load_texts(lang: str) -> dict:
    """The forms' questions, options and replies in one language (src/bro/locales/forms.<lang>.yml)."""
    with open(Path(__file__).parent / "locales" / f"forms.{lang}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def describe_field(kind: str, lang: str, field_id: str) -> dict:
    """A question's label, description, placeholder and option text in one form."""
    catalog = load_texts(lang)
    return {**catalog["fields"][field_id], **catalog.get("overrides", {}).get(kind, {}).get(field_id, {})}


def other_language(lang: str) -> str:
    """The other of Bro's two languages."""
    return "sv" if lang == "da" else "da"


def list_items(kind: str, lang: str) -> list[tuple[Field | str, bool]]:
    """A form's items in order: (Field, required) for questions, (markdown key, False) for text."""
    items = []
    for entry in LAYOUTS[kind]:
        if entry.startswith("md:"):
            items.append((entry, False))
            continue
        name = entry.rstrip("*").format(own=lang, other=other_language(lang))
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


# ------------------------------------------------------------------------------------------ the issue templates

class _FormDumper(yaml.SafeDumper):
    """PyYAML's safe dumper that writes multi-line texts as literal blocks."""


def _represent_text(dumper: yaml.SafeDumper, text: str):
    """A string node: literal block style for multi-line text, the dumper's choice otherwise."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_FormDumper.add_representer(str, _represent_text)


def build_issue_form(kind: str, lang: str, vocab: Vocabularies, privacy_email: str = PRIVACY_EMAIL) -> dict:
    """One GitHub issue form as data: name, labels, and its questions with generated options."""
    form_texts = load_texts(lang)["forms"][kind]
    body = []
    for item, required in list_items(kind, lang):
        if not isinstance(item, Field):
            key = item.removeprefix("md:")
            if key == "sensitive":
                value = (form_texts["sensitive_with_email"].format(email=privacy_email) if privacy_email
                         else form_texts["sensitive_without_email"])
            else:
                value = form_texts[key]
            body.append({"type": "markdown", "attributes": {"value": value}})
            continue
        body.append(_make_issue_field(kind, lang, item, required, vocab))
    return {"name": form_texts["name"], "description": form_texts["description"], "title": form_texts["title"],
            "labels": [*ISSUE_LABELS[kind], f"lang:{lang}"], "body": body}


def _make_issue_field(kind: str, lang: str, fld: Field, required: bool, vocab: Vocabularies) -> dict:
    """One question of an issue form in GitHub's form schema."""
    text = describe_field(kind, lang, fld.id)
    attributes = {"label": text["label"]}
    if text.get("description"):
        attributes["description"] = text["description"]
    if fld.type in ("input", "textarea") and text.get("placeholder"):
        attributes["placeholder"] = text["placeholder"]
    element = {"type": fld.type, "id": fld.id, "attributes": attributes}
    if fld.type == "dropdown":
        if fld.multiple:
            attributes["multiple"] = True
        attributes["options"] = [label for _code, label in list_options(kind, lang, fld, vocab)]
        if fld.default is not None:
            attributes["default"] = fld.default
    if fld.type == "checkboxes":
        attributes["options"] = [{"label": label, **({"required": True} if required and fld.value == "flag" else {})}
                                 for _code, label in list_options(kind, lang, fld, vocab)]
    elif required:
        element["validations"] = {"required": True}
    return element


def build_issue_templates(vocab: Vocabularies, privacy_email: str = PRIVACY_EMAIL,
                         site_url: str = SITE_URL) -> dict[str, str]:
    """Every file of .github/ISSUE_TEMPLATE by name, as text (scripts/make_forms.py writes them)."""
    files = {}
    for kind in KINDS:
        for lang in LANGUAGES:
            header = (f"# Generated by scripts/make_forms.py from src/bro/locales/forms.{lang}.yml and\n"
                      "# data/vocabularies/. Do not edit by hand: change those files and run the script.\n")
            files[FORM_FILES[kind][lang]] = header + _dump_form(build_issue_form(kind, lang, vocab, privacy_email))
    links = [
        {"name": "Sådan kommer I med på Bro (dansk)", "url": f"{site_url}da/{urls.content_path('contribute', 'da')}",
         "about": "Vejledning: Bliv leverandør, ret en profil, meld et indkøb ud eller få oplysninger fjernet."},
        {"name": "Så kommer ni med på Bro (svenska)", "url": f"{site_url}sv/{urls.content_path('contribute', 'sv')}",
         "about": "Vägledning: Bli leverantör, ändra en profil, anmäl ett inköp eller få uppgifter borttagna."},
        {"name": "Få personoplysninger fjernet (dansk)", "url": f"{site_url}da/{urls.content_path('removal', 'da')}",
         "about": "Hvilke personoplysninger Bro viser, og hvordan du får dem fjernet."},
        {"name": "Få personuppgifter borttagna (svenska)", "url": f"{site_url}sv/{urls.content_path('removal', 'sv')}",
         "about": "Vilka personuppgifter Bro visar och hur du får dem borttagna."},
    ]
    files["config.yml"] = ("# Generated by scripts/make_forms.py. Blank issues stay open for questions and bug\n"
                           "# reports: Bro has no other contact channel yet. The form robot only reads issues\n"
                           "# labelled 'form', which only the forms set.\n"
                           + _dump_form({"blank_issues_enabled": True, "contact_links": links}))
    return files


def _dump_form(data: dict) -> str:
    """An issue form or config as YAML text."""
    return yaml.dump(data, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=110)


# -------------------------------------------------------------------------------------------- reading a body

def normalize_body(body: str) -> str:
    """An issue body with Unix line ends and composed Unicode (æ typed as a + ring becomes one letter)."""
    return unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))


def identify_form(body: str, labels: set[str] = frozenset()) -> tuple[str, str] | None:
    """Which form (kind, language) a body was written with, judged by its headings (issue labels break ties)."""
    headings = {m.group(1).strip() for m in _HEADING.finditer(body)}
    scored = []
    for kind in KINDS:
        for lang in LANGUAGES:
            known = {describe_field(kind, lang, f.id)["label"] for f, _ in list_questions(kind, lang)}
            hits = len(known & headings)
            labelled = set(ISSUE_LABELS[kind]) | {f"lang:{lang}"} <= labels
            scored.append((hits, hits == len(known), labelled, kind, lang))
    scored.sort(reverse=True)
    best, runner_up = scored[0], scored[1]
    if best[0] == 0 or best[:3] == runner_up[:3]:
        return None
    return best[3], best[4]


def read_answers(kind: str, lang: str, body: str, vocab: Vocabularies) -> tuple[dict, list[FormProblem]]:
    """Each question's answer, read into codes, numbers, dates and texts, with every problem found."""
    label_of = {describe_field(kind, lang, f.id)["label"]: f for f, _ in list_questions(kind, lang)}
    found: dict[str, list[re.Match]] = {}
    marks = []
    for match in _HEADING.finditer(body):
        title = match.group(1).strip()
        if title in label_of:
            found.setdefault(title, []).append(match)
            marks.append(match)
    problems = [FormProblem(label_of[t].id, "heading_twice", {"heading": t}) for t, ms in found.items() if len(ms) > 1]
    problems += [FormProblem(f.id, "heading_missing", {"heading": t}) for t, f in label_of.items() if t not in found]
    if problems:
        return {}, problems
    raw = {}
    for index, match in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        raw[label_of[match.group(1).strip()].id] = body[match.end():end].strip()
    values = {}
    for fld, required in list_questions(kind, lang):
        value, problem = _read_answer(kind, lang, fld, raw[fld.id], vocab)
        if problem:
            problems.append(problem)
        elif value is None or value is False or value == "" or value == []:
            if required:
                problems.append(FormProblem(fld.id, "choose_something" if fld.type == "checkboxes" else "required"))
        else:
            values[fld.id] = value
    return values, problems


def _read_answer(kind: str, lang: str, fld: Field, raw: str, vocab: Vocabularies):
    """One answer as a value, or the problem with it."""
    if raw == NO_RESPONSE or (fld.type == "dropdown" and raw == "None"):
        raw = ""
    if len(raw) > fld.limit:
        return None, FormProblem(fld.id, "too_long", {"length": len(raw), "limit": fld.limit})
    if _BAD_CHARACTERS.search(raw) or (fld.type == "input" and "\t" in raw):
        return None, FormProblem(fld.id, "bad_characters")
    if fld.type == "input" and "\n" in raw:
        return None, FormProblem(fld.id, "one_line")
    if not raw:
        return None, None
    if fld.type in ("dropdown", "checkboxes"):
        return _read_choice(kind, lang, fld, raw, vocab)
    reader = _READERS.get(fld.value)
    return reader(fld, raw, vocab) if reader else (raw, None)


def _read_choice(kind: str, lang: str, fld: Field, raw: str, vocab: Vocabularies):
    """Dropdown and checkbox answers as codes (the labels come from the vocabularies)."""
    by_label = {label: code for code, label in list_options(kind, lang, fld, vocab)}
    if fld.type == "dropdown":  # an edited body may change the case of an answer ('danmark')
        by_label |= {label.casefold(): code for label, code in list(by_label.items())
                     if label.casefold() not in by_label}
    if fld.type == "checkboxes":
        chosen = [m.group(2) for m in _CHECKBOX.finditer(raw) if m.group(1) in ("x", "X")]
    elif fld.multiple:
        chosen = _split_choices(raw, list(by_label))
    else:
        chosen = [raw]
    found = [by_label.get(label, by_label.get(label.casefold()) if fld.type == "dropdown" else None)
             for label in chosen]
    if None in found:
        return None, FormProblem(fld.id, "unknown_option", {"value": chosen[found.index(None)]})
    codes = list(dict.fromkeys(found))
    if fld.value == "flag":
        return bool(codes), None
    return (codes if fld.value == "codes" else codes[0] if codes else None), None


def _split_choices(raw: str, labels: list[str]) -> list[str]:
    """A multiple-choice answer ('A, B') split into its labels, even where a label holds a comma."""
    chosen, rest = [], raw
    by_length = sorted(labels, key=len, reverse=True)
    while rest:
        label = next((lab for lab in by_length if rest == lab or rest.startswith(lab + ", ")), None)
        if label is None:
            head, _, rest = rest.partition(", ")
            chosen.append(head)
            continue
        chosen.append(label)
        rest = rest[len(label) + 2:]
    return chosen


def _read_integer(fld: Field, raw: str, vocab: Vocabularies):
    """A whole number; thousands may be grouped with a point or a space."""
    if not _NUMBER.fullmatch(raw):
        return None, FormProblem(fld.id, "not_a_number", {"value": raw})
    return int(re.sub(r"\D", "", raw)), None


def _read_amount(fld: Field, raw: str, vocab: Vocabularies):
    """An amount of money in whole units, with or without 'kr' or a currency code after it."""
    match = _AMOUNT.fullmatch(raw)
    if not match:
        return None, FormProblem(fld.id, "not_an_amount", {"value": raw})
    return int(re.sub(r"\D", "", match.group(1))), None


def _read_date(fld: Field, raw: str, vocab: Vocabularies):
    """A date written 2027-03-15 or 15.03.2027 (also with - or /), as YYYY-MM-DD."""
    local = _LOCAL_DATE.fullmatch(raw)
    text = f"{local.group(3)}-{int(local.group(2)):02d}-{int(local.group(1)):02d}" if local else raw
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat(), None
    except ValueError:
        pass
    return None, FormProblem(fld.id, "bad_date", {"value": raw})


def _read_url(fld: Field, raw: str, vocab: Vocabularies):
    """A web address; 'www.example.dk' gets https:// in front (the validator checks the rest)."""
    if not re.match(r"[a-z][a-z0-9+.-]*:", raw, re.I) and " " not in raw and "." in raw:
        return "https://" + raw, None
    return raw, None


def _read_area(fld: Field, raw: str, vocab: Vocabularies):
    """One municipality (or region) by name or code, as its code."""
    code = find_area_code(vocab, raw)
    return (code, None) if code else (None, _report_unknown_area(fld, raw, vocab))


def _read_areas(fld: Field, raw: str, vocab: Vocabularies):
    """Municipalities by name, separated by commas, as codes."""
    codes = []
    for name in filter(None, (part.strip() for part in re.split(r"[,;]|\s+(?:og|och)\s+", raw))):
        code = find_area_code(vocab, name)
        if not code:
            return None, _report_unknown_area(fld, name, vocab)
        codes.append(code)
    return list(dict.fromkeys(codes)), None


def _read_cpv(fld: Field, raw: str, vocab: Vocabularies):
    """CPV codes separated by commas or spaces (the validator checks their form)."""
    return [code for code in re.split(r"[,;\s]+", raw) if code], None


_READERS = {"integer": _read_integer, "amount": _read_amount, "date": _read_date, "url": _read_url,
            "area": _read_area, "areas": _read_areas, "cpv": _read_cpv}


def find_area_code(vocab: Vocabularies, text: str) -> str | None:
    """The code of a country, region or municipality named in Danish or Swedish ('Aarhus' → DK-751)."""
    text = text.strip()
    if vocab.has("areas", text):
        return text
    suggestion = vocab.suggest("areas", text)
    return suggestion.split(" (")[0] if suggestion else None


def _report_unknown_area(fld: Field, name: str, vocab: Vocabularies) -> FormProblem:
    """A problem for a place name Bro does not know, with the closest municipality name if any."""
    names = sorted({str(label) for code in vocab.codes("municipalities")
                    for label in vocab.entry("municipalities", code).get("label", {}).values()})
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    if close:
        return FormProblem(fld.id, "unknown_area_suggest", {"value": name, "suggestion": close[0]})
    return FormProblem(fld.id, "unknown_area", {"value": name})


# ------------------------------------------------------------------------------------------ records from answers

def _put(data: dict, sources: dict, path: tuple, value, field_id: str) -> None:
    """Set value at path (creating mappings on the way) unless it is empty; remember its question."""
    if value in (None, "", [], {}):
        return
    target = data
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    sources[path] = field_id
    if isinstance(value, list):
        for index in range(len(value)):
            sources[path + (index,)] = field_id


def _put_delivery_area(data: dict, sources: dict, values: dict) -> None:
    """The delivery area from the chosen regions and the named municipalities, each item with its question."""
    areas = []
    for field_id in ("delivery_regions", "delivery_municipalities"):
        for code in values.get(field_id, []):
            if code not in areas:
                sources[("delivery_area", len(areas))] = field_id
                areas.append(code)
    if areas:
        data["delivery_area"] = areas


def _make_contact(values: dict, lang: str) -> dict:
    """A contact mapping from the contact questions (empty answers left out)."""
    contact = {"name": values.get("contact_name"), "role": {lang: values["contact_role"]}
               if values.get("contact_role") else None, "email": values.get("contact_email"),
               "phone": values.get("contact_phone"), "publish_basis": values.get("contact_basis")}
    return {key: value for key, value in contact.items() if value is not None}


def build_supplier(values: dict, lang: str, today: dt.date) -> tuple[dict, dict, list[FormProblem]]:
    """A new supplier record from a 'new supplier' form, with where each value came from."""
    data, sources, problems = {}, {}, []
    for field_id in ("name", "country", "org_number", "legal_form", "founded", "website"):
        _put(data, sources, (field_id,), values.get(field_id), field_id)
    for text in ("summary", "description", "social_purpose"):
        for text_lang in LANGUAGES:
            field_id = f"{text}_{text_lang}"
            _put(data, sources, (text, text_lang), values.get(field_id), field_id)
    _put(data, sources, ("categories",), values.get("categories"), "categories")
    _put_delivery_area(data, sources, values)
    for field_id in ("street", "postcode", "city", "municipality"):
        _put(data, sources, ("address", field_id), values.get(field_id), field_id)
    _put(data, sources, ("target_groups",), values.get("target_groups"), "target_groups")
    _put(data, sources, ("employees", "total"), values.get("employees_total"), "employees_total")
    _put(data, sources, ("employees", "from_target_groups"), values.get("employees_target"), "employees_target")
    _put(data, sources, ("engaged", "total"), values.get("engaged_total"), "engaged_total")
    _put(data, sources, ("engaged", "from_target_groups"), values.get("engaged_target"), "engaged_target")
    _put(data, sources, ("reserved_contracts",), _make_reserved(values.get("reserved_contracts")), "reserved_contracts")
    registrations = [{"type": code} for code in values.get("registrations", [])]
    if values.get("registration_url"):
        if not registrations:
            problems.append(FormProblem("registration_url", "registration_url_without_type"))
        else:
            holder = next((r for r in registrations if r["type"] == "other"), registrations[0])
            holder["url"] = values["registration_url"]
    _put(data, sources, ("registrations",), registrations, "registrations")
    _put(data, sources, ("contacts",), [_make_contact(values, lang)], "contact_name")
    for key, field_id in (("name", "contact_name"), ("role", "contact_role"), ("email", "contact_email"),
                          ("phone", "contact_phone"), ("publish_basis", "contact_basis")):
        sources[("contacts", 0, key)] = field_id
    _put(data, sources, ("last_verified",), today.isoformat(), "confirm")
    return data, sources, problems


def _make_reserved(choice: str | None) -> dict | None:
    """reserved_contracts from the dropdown's code: 'no', or the basis the enterprise declares."""
    if not choice:
        return None
    return {"eligible": False} if choice == "no" else {"eligible": True, "basis": choice}


_EXECUTION_ANSWERS = {"yes": True, "no": False}  # the reserved_execution vocabulary's codes


def _put_flag(data: dict, sources: dict, path: tuple, value: bool, field_id: str) -> None:
    """Set a true or false answer (which _put would take for empty when false)."""
    data[path[-1]] = value
    sources[path] = field_id


def build_tender(values: dict, lang: str) -> tuple[dict, dict, list[FormProblem]]:
    """A new tender plan entry from a 'new tender' form, with where each value came from."""
    data, sources = {}, {}
    for field_id, path in _TENDER_PATHS.items():
        if field_id not in ("delivery_regions", "delivery_municipalities", "currency", "reserved_execution") \
                and not field_id.startswith("contact_"):
            _put(data, sources, path, values.get(field_id), field_id)
    if values.get("reserved_execution") in _EXECUTION_ANSWERS:  # eForms BT-736's yes/no as the field's boolean
        _put_flag(data, sources, ("reserved_execution",), _EXECUTION_ANSWERS[values["reserved_execution"]],
                  "reserved_execution")
    if "estimated_value" in data:
        country = values.get("buyer_country")
        currency = values.get("currency") or {"DK": "DKK", "SE": "SEK"}.get(country)
        _put(data, sources, ("estimated_value", "currency"), currency, "currency")
    _put_delivery_area(data, sources, values)
    _put(data, sources, ("contact",), _make_contact(values, lang), "contact_name")
    return data, sources, []


def name_tender(data: dict, lang: str) -> str:
    """The words a new tender's slug is made of: the buyer's distinctive name, then the title."""
    buyer = [w for w in suggest_slug(data.get("buyer", {}).get("name", "")).split("-")
             if w not in _GENERIC_BUYER_WORDS]
    title = data.get("title", {})
    return " ".join([*buyer, title.get(lang) or next(iter(title.values()), "")])


# ------------------------------------------------------------------------------------------------- edit ops

def plan_change(values: dict, lang: str, current: dict, today: dt.date) -> tuple[list, dict, list[FormProblem]]:
    """The edits a 'change profile' form asks for, as (op, path, value) on the supplier's data."""
    ops, sources = [], {}

    def put(path: tuple, value, field_id: str) -> None:
        ops.append(("set", path, value))
        sources[path] = field_id

    for field_id in ("name", "website", "legal_form", "founded", "categories", "target_groups", *(
            f"{t}_{text_lang}" for t in ("summary", "description", "social_purpose") for text_lang in LANGUAGES),
            "employees_total", "employees_target", "engaged_total", "engaged_target", "street", "postcode", "city",
            "municipality"):
        if field_id in values:
            put(_SUPPLIER_PATHS[field_id], values[field_id], field_id)
    area = {}
    _put_delivery_area(area, sources, values)
    if area:
        ops.append(("set", ("delivery_area",), area["delivery_area"]))
    if "reserved_contracts" in values:
        put(("reserved_contracts",), _make_reserved(values["reserved_contracts"]), "reserved_contracts")
    problems = _plan_contact_edits(values, lang, current, put)
    if values.get("still_correct"):
        put(("last_verified",), today.isoformat(), "still_correct")
    if not ops and not values.get("other_changes") and not problems:
        problems.append(FormProblem(None, "nothing_to_change"))
    return ops, sources, problems


def _plan_contact_edits(values: dict, lang: str, current: dict, put) -> list[FormProblem]:
    """A new first contact (when a name is given) or changes to the first contact's details."""
    contacts = current.get("contacts") if isinstance(current.get("contacts"), list) else []
    if values.get("contact_name"):
        contact = _make_contact(values, lang)
        if "publish_basis" not in contact:
            return [FormProblem("contact_basis", "contact_basis_missing")]
        if contacts:
            put(("contacts", 0), contact, "contact_name")
        else:
            put(("contacts",), [contact], "contact_name")
        return []
    details = {"role": "contact_role", "email": "contact_email", "phone": "contact_phone",
               "publish_basis": "contact_basis"}
    given = [(key, field_id) for key, field_id in details.items() if values.get(field_id)]
    if given and not contacts:
        return [FormProblem("contact_name", "contact_missing")]
    for key, field_id in given:
        path = ("contacts", 0, "role", lang) if key == "role" else ("contacts", 0, key)
        put(path, values[field_id], field_id)
    return []


def plan_removal(kind: str, values: dict, data: dict) -> tuple[list, list[FormProblem]]:
    """The edits that remove the chosen personal data: names become the organisation's name, the rest goes."""
    what = set(values.get("remove_what", []))
    if kind == "supplier":
        contacts = data.get("contacts") if isinstance(data.get("contacts"), list) else []
        organisation = data.get("name")
        paths = [("contacts", i) for i in range(len(contacts))]
    else:
        contacts = [data["contact"]] if isinstance(data.get("contact"), dict) else []
        organisation = (data.get("buyer") or {}).get("name")
        paths = [("contact",)] if contacts else []
    choice = values.get("contact_number", "all")
    if choice != "all":
        index = int(choice) - 1
        if index >= len(paths):
            return [], [FormProblem("contact_number", "no_such_contact", {"number": choice})]
        paths = [paths[index]]
    ops = []
    for path in sorted(paths, reverse=True):  # later list items first, so indexes stay right
        contact = _get(data, path)
        if not isinstance(contact, dict):
            continue
        if "contact" in what:
            ops.append(("delete", path, None))
            continue
        if "name" in what and contact.get("name") and contact.get("name") != organisation and organisation:
            ops.append(("set", path + ("name",), organisation))
        ops += [("delete", path + (key,), None) for key in ("email", "phone", "role") if key in what and key in contact]
    address = data.get("address") if isinstance(data.get("address"), dict) else {}
    if "street" in what and kind == "supplier" and "street" in address:
        ops.append(("delete", ("address", "street"), None))
    return ops, ([] if ops else [FormProblem("remove_what", "nothing_to_remove")])


def _get(data, path: tuple):
    """The value at path, or None."""
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def apply_ops(tree, ops: list, round_trip: bool = False, order: dict | None = None):
    """Apply (op, path, value) edits to plain data, or to a ruamel tree keeping its layout; returns the tree."""
    for op, path, value in ops:
        parent = tree
        for depth, key in enumerate(path[:-1]):
            if isinstance(parent, dict) and key not in parent:
                _insert(parent, key, CommentedMap() if round_trip else {}, (order or {}).get(path[:depth]))
            parent = parent[key]
        key = path[-1]
        if op == "delete":
            del parent[key]
            continue
        new = convert_to_round_trip(value) if round_trip else copy.deepcopy(value)
        if op == "append":
            if key not in parent:
                _insert(parent, key, convert_to_round_trip([]) if round_trip else [], (order or {}).get(path[:-1]))
            parent[key].append(new)
        elif isinstance(parent, dict) and key not in parent:
            _insert(parent, key, new, (order or {}).get(path[:-1]))
        else:
            parent[key] = new
    return tree


def _insert(mapping: dict, key, value, keys: list | None) -> None:
    """Add a key to a mapping; in a ruamel mapping, where the schema's order puts it."""
    if not isinstance(mapping, CommentedMap) or not keys or key not in keys:
        mapping[key] = value
        return
    rank = keys.index(key)
    position = next((i for i, k in enumerate(mapping) if k in keys and keys.index(k) > rank), len(mapping))
    mapping.insert(position, key, value)


# ------------------------------------------------------------------------------------------------ YAML out

class _StrictRoundTripResolver(VersionedResolver):
    """ruamel.yaml's resolver narrowed to Bro's strict loader: only true/false, plain numbers and null are
    not text, so '+4512345678', '0701234567', 'NO' and '2026-05-05' round-trip as the text they are."""

    _table: dict = {}

    @property
    def versioned_resolver(self):
        """The same implicit types as bro.yamlload, whatever YAML version a file declares."""
        if not self._table:
            for tag, pattern, first in (
                    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", "tf"),
                    ("tag:yaml.org,2002:int", r"^(?:0|-?[1-9][0-9]*)$", "-0123456789"),
                    ("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$", "-0123456789"),
                    ("tag:yaml.org,2002:null", r"^(?:~|null|)$", ["~", "n", ""])):
                for char in first:
                    self._table.setdefault(char, []).append((tag, re.compile(pattern)))
        return {char: list(pairs) for char, pairs in self._table.items()}


def make_round_trip_yaml() -> YAML:
    """A ruamel.yaml instance in Bro's file style (two-space maps, lists indented under their key)."""
    rt = YAML(typ="rt")
    rt.Resolver = _StrictRoundTripResolver
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def convert_to_round_trip(value):
    """Plain data as ruamel nodes: code lists in flow style, multi-line text as literal blocks."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = convert_to_round_trip(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(convert_to_round_trip(item) for item in value)
        if all(isinstance(item, (str, int)) and not isinstance(item, bool) and "\n" not in str(item)
               for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return _style_text(value)
    return value


def _style_text(text: str):
    """A string with a safe style: literal block for clean multi-line text, double quotes for odd characters."""
    odd = _BAD_CHARACTERS.search(text) or "\t" in text or any(c in text for c in "\x85\u2028\u2029\ufeff")
    if "\n" in text and not odd and not text.startswith((" ", "\n")) and \
            not any(line != line.rstrip() for line in text.split("\n")):
        return LiteralScalarString(text)
    indicator = text[:1] in "-?:,[]{}#&*!|>'\"%@`" or text[:1].isspace()
    return DoubleQuotedScalarString(text) if odd or indicator or "\n" in text else text


def dump_round_trip(tree) -> str:
    """A ruamel tree as text."""
    out = io.StringIO()
    make_round_trip_yaml().dump(tree, out)
    return out.getvalue()


def is_faithful(text: str, expected: dict) -> bool:
    """Whether text, read by Bro's strict loader, holds exactly the expected data."""
    doc = load_text(text, "check")
    return not doc.problems and doc.data == expected


def _dump_plain(header: str, data: dict) -> str:
    """The fallback emitter: PyYAML's safe dumper over plain data."""
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def emit_record(data: dict, schema_name: str) -> tuple[str, bool]:
    """A new data file's text with its schema line; (text, whether the fallback emitter had to be used)."""
    header = f"# yaml-language-server: $schema=../../schemas/{schema_name}\n"
    text = header + dump_round_trip(convert_to_round_trip(data))
    if is_faithful(text, data):
        return text, False
    text = _dump_plain(header, data)
    if not is_faithful(text, data):
        raise ValueError("the emitted YAML does not hold the submitted data")
    return text, True


def edit_record(original: str, ops: list, order: dict) -> tuple[str, bool]:
    """An existing file's text with the edits applied, keeping its comments and layout where possible."""
    before = load_text(original, "original")
    expected = apply_ops(copy.deepcopy(before.data), ops)
    text = dump_round_trip(apply_ops(make_round_trip_yaml().load(original), ops, round_trip=True, order=order))
    if is_faithful(text, expected):
        return text, False
    header = "".join(line for line in original.splitlines(keepends=True)[:5] if line.startswith("#"))
    text = _dump_plain(header, expected)
    if not is_faithful(text, expected):
        raise ValueError("the edited YAML does not hold the intended data")
    return text, True


def order_keys(schemas: SchemaSet, schema_name: str) -> dict[tuple, list[str]]:
    """For each mapping a form may add to (by path, list indexes left out), its keys in schema order."""
    orders = _IndexFreeOrders()

    def walk(schema, doc_name, path):
        schema, doc_name = schemas.resolve(schema, doc_name)
        if "properties" in schema:
            orders[path] = list(schema["properties"])
            for key in schema["properties"]:
                walk(*schemas.child(schema, doc_name, key), path + (key,))
        elif isinstance(schema.get("items"), dict):
            walk(*schemas.child(schema, doc_name, 0), path)

    walk(schemas.documents[schema_name], schema_name, ())
    return orders


def sort_by_schema(data, orders: dict, path: tuple = ()):
    """Plain data with every mapping's keys in the schema's order."""
    if isinstance(data, dict):
        keys = orders.get(path, [])
        ranked = sorted(data, key=lambda k: keys.index(k) if k in keys else len(keys))
        return {k: sort_by_schema(data[k], orders, path + (k,)) for k in ranked}
    if isinstance(data, list):
        return [sort_by_schema(item, orders, path) for item in data]
    return data


class _IndexFreeOrders(dict):
    """A mapping from data paths to key orders that ignores list indexes in the path."""

    def get(self, path, default=None):
        """The key order for path with its list indexes dropped."""
        return super().get(tuple(p for p in path if not isinstance(p, int)), default)


# ------------------------------------------------------------------------------------------------- references

def resolve_reference(text: str, collections: tuple[str, ...], root: Path) -> tuple[str, str] | FormProblem:
    """The (collection, slug) a page address or short name points to, or the problem with it."""
    text = text.strip()
    known = {c: {p.stem for p in (root / "data" / c).glob("*.yml")} for c in collections}
    wanted: tuple[str, ...] = collections
    if "/" in text:
        path = urlparse(text).path if "://" in text else text
        parts = [p for p in path.split("/") if p]
        slug = re.sub(r"\.(html|yml|md)$", "", parts[-1]) if parts else ""
        if len(parts) > 1 and _COLLECTION_DIRS.get(parts[-2]) in collections:
            wanted = (_COLLECTION_DIRS[parts[-2]],)
    else:
        slug = text if SLUG.match(text) else suggest_slug(text)
    slug = slug.lower()
    hits = [c for c in wanted if slug in known[c]]
    if len(hits) == 1:
        return hits[0], slug
    code = "ambiguous_record" if hits else "unknown_profile" if collections == ("suppliers",) \
        else "unknown_entry" if collections == ("tenders",) else "unknown_record"
    close = difflib.get_close_matches(slug, sorted(set().union(*(known[c] for c in wanted))), n=1, cutoff=0.6)
    if close and not hits and code != "unknown_record":
        return FormProblem(None, code + "_suggest", {"value": text, "suggestion": close[0]})
    return FormProblem(None, code, {"value": text})


# ------------------------------------------------------------------------------------------------ drafts

def make_draft(kind: str, lang: str, values: dict, root: Path, today: dt.date) -> tuple[Draft | None, list]:
    """The data file a form's answers produce (new or edited), or the problems that stop it."""
    schemas = SchemaSet(root / "schemas")
    if kind in ("supplier", "tender"):
        collection = COLLECTION[kind]
        schema_name = f"{kind}.schema.json"
        if kind == "supplier":
            data, sources, problems = build_supplier(values, lang, today)
            slug_text = data.get("name", "")
        else:
            data, sources, problems = build_tender(values, lang)
            buyer = form_buyer.settle_buyer(data.get("buyer", {}), root)
            data["buyer"] = buyer.block
            problems += [FormProblem(*buyer.problem)] if buyer.problem else []
            slug_text = name_tender(data, lang)
        if problems:
            return None, problems
        taken = {p.stem for p in (root / "data" / collection).glob("*.yml")}
        data = sort_by_schema(data, order_keys(schemas, schema_name))
        text, rewritten = emit_record(data, schema_name)
        path = f"data/{collection}/{choose_slug(slug_text, taken, kind, urls.content_files(root))}.yml"
        draft = Draft(kind, path, text, True, sources, rewritten)
        if kind == "tender":
            draft.editor_notes = buyer.notes
            if buyer.new_path:
                buyer_text, buyer_rewritten = emit_record(
                    sort_by_schema(buyer.new_data, order_keys(schemas, "buyer.schema.json")), "buyer.schema.json")
                draft.companions.append(Draft(kind, buyer.new_path, buyer_text, True, dict(form_buyer.SOURCES),
                                              buyer_rewritten))
        return draft, []
    field_id = {"change": "profile", "interest": "entry", "removal": "record"}[kind]
    collections = ("suppliers", "tenders") if kind == "removal" else (COLLECTION[kind],)
    target = resolve_reference(values[field_id], collections, root)
    if isinstance(target, FormProblem):
        return None, [FormProblem(field_id, target.code, target.params)]
    collection, slug = target
    path = f"data/{collection}/{slug}.yml"
    original = (root / path).read_text(encoding="utf-8")
    current = load_text(original, path).data
    if not isinstance(current, dict):
        return None, [FormProblem(field_id, "unreadable_record")]
    ops, sources, problems = _plan_edits(kind, collection, values, lang, current, root, today)
    if problems:
        return None, problems
    if not ops:
        return Draft(kind, path, None, False, sources, note=values.get("other_changes", "")), []
    schema_name = f"{collection[:-1]}.schema.json"
    text, rewritten = edit_record(original, ops, order_keys(schemas, schema_name))
    return Draft(kind, path, text, False, sources, rewritten, values.get("other_changes", ""),
                 bool(values.get("history"))), []


def _plan_edits(kind: str, collection: str, values: dict, lang: str, current: dict, root: Path, today: dt.date):
    """The edits for a change, interest or removal form: (ops, sources, problems)."""
    if kind == "change":
        return plan_change(values, lang, current, today)
    if kind == "removal":
        ops, problems = plan_removal("supplier" if collection == "suppliers" else "tender", values, current)
        return ops, {}, problems
    supplier = resolve_reference(values["supplier"], ("suppliers",), root)
    if isinstance(supplier, FormProblem):
        return [], {}, [FormProblem("supplier", supplier.code, supplier.params)]
    slug = supplier[1]
    interested = current.get("interested") if isinstance(current.get("interested"), list) else []
    if slug in interested:
        return [], {}, [FormProblem("supplier", "already_interested")]
    return [("append", ("interested",), slug)], {("interested", len(interested)): "supplier"}, []


# ------------------------------------------------------------------------------------------------- submitting

def submit(event: dict, root: Path, today: dt.date | None = None) -> Result:
    """Turn an `issues` event into a data file in root, validate it like any pull request, and word the answer."""
    today = today or dt.date.today()
    issue = event.get("issue") or {}
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValueError("the event names no issue number")
    labels = {str(lab.get("name")) for lab in issue.get("labels") or [] if isinstance(lab, dict)}
    body = normalize_body(str(issue.get("body") or ""))
    branch = f"form/issue-{number}"
    label_lang = next((lang for lang in LANGUAGES if f"lang:{lang}" in labels), None)
    if len(body) > BODY_LIMIT:
        problem = FormProblem(None, "body_too_long", {"length": len(body), "limit": BODY_LIMIT})
        return _refuse(None, label_lang, branch, [problem])
    form = identify_form(body, labels)
    if form is None:
        return _refuse(None, label_lang, branch, [FormProblem(None, "form_unknown")])
    kind, lang = form
    vocab = load_vocabularies(root / "data" / "vocabularies", root)
    values, problems = read_answers(kind, lang, body, vocab)
    draft = None
    if not problems:
        draft, problems = make_draft(kind, lang, values, root, today)
    if problems:
        return _refuse(kind, lang, branch, problems)
    title = f"{load_texts(lang)['pr']['title'][kind]}: {Path(draft.path).stem}"
    if draft.text is None:
        reply = load_texts(lang)["reply"]["note_only"]
        return Result(True, kind, lang, draft.path, branch, title, False, reply, paths=[draft.path])
    found = _validate(root, draft, today)
    errors = [_tie_to_question(kind, lang, draft, p) for p in found if p.severity == "error"]
    warnings = [_tie_to_question(kind, lang, draft, p) for p in found
                if p.severity != "error" and _comes_from_form(draft, p)]
    if errors and kind != "removal":
        return _refuse(kind, lang, branch, errors, warnings)
    reply = _word_success(kind, lang, warnings)
    return Result(True, kind, lang, draft.path, branch, title, True, reply,
                  write_pr_body(kind, lang, number, draft, found), errors + warnings,
                  [d.path for d in [draft, *draft.companions]])


def _validate(root: Path, draft: Draft, today: dt.date) -> list[Problem]:
    """Write the draft and its companions into the tree and run the validator once over all; put the tree back if
    one of the files has errors (a removal stays for the editor whatever the validator says)."""
    drafts = [draft, *draft.companions]
    before = {d.path: (root / d.path).read_bytes() if (root / d.path).exists() else None for d in drafts}
    for item in drafts:
        (root / item.path).write_text(item.text, encoding="utf-8")
    catalog = load_catalog(root, today=today)
    found = [p for p in catalog.problems if p.file in before]
    if errors_in(found) and draft.kind != "removal":
        for path, content in before.items():
            if content is None:
                (root / path).unlink()
            else:
                (root / path).write_bytes(content)
    return found


def _owner(draft: Draft, problem: Problem) -> Draft:
    """The draft (or companion) whose file a problem is in."""
    return next((d for d in draft.companions if d.path == problem.file), draft)


def _comes_from_form(draft: Draft, problem: Problem) -> bool:
    """Whether a problem concerns a value the form wrote (an edited file may hold older, unrelated ones)."""
    draft, path = _owner(draft, problem), problem.field_path
    return draft.new or any(path[:length] in draft.sources for length in range(1, len(path) + 1))


def _tie_to_question(kind: str, lang: str, draft: Draft, problem: Problem) -> FormProblem:
    """A validator problem, tied to the question its value came from."""
    return FormProblem(find_question(kind, lang, _owner(draft, problem).sources, problem.field_path), "validator",
                       {"problem": problem})


def find_question(kind: str, lang: str, sources: dict, path: tuple) -> str | None:
    """The question behind a data path: where the value came from, else the question that writes there."""
    for length in range(len(path), 0, -1):
        if path[:length] in sources:
            return sources[path[:length]]
    paths = DATA_PATHS[kind]
    asked = [f.id for f, _ in list_questions(kind, lang) if f.id in paths]
    for length in range(len(path), 0, -1):
        prefix = path[:length]
        for field_id in asked:
            target = paths[field_id]
            if target == prefix or target[:length] == prefix or prefix[:len(target)] == target:
                return field_id
    return None


# ------------------------------------------------------------------------------------------------- wording

def word_problem(lang: str, problem: FormProblem) -> str:
    """A form problem in plain words, with any user text in it made harmless."""
    if problem.code == "validator":
        found = problem.params["problem"]
        params = {key: _as_data(value) for key, value in found.params.items()}
        return message(Problem(found.file, found.line, found.column, found.field_path, found.code, params,
                               found.severity), lang)
    params = {key: _as_data(value) for key, value in problem.params.items()}
    return load_texts(lang)["problems"][problem.code].format(**params)


def _as_data(value):
    """A parameter of a problem as text in a Markdown line (each item of a list too); numbers stay numbers."""
    if isinstance(value, str):
        return markdown_line(value, ANSWER_SHOWN)
    if isinstance(value, (list, tuple)):
        return [markdown_line(str(item), ANSWER_SHOWN) for item in value]
    return value


def _list_problems(kind: str | None, lang: str, problems: list[FormProblem]) -> list[str]:
    """One Markdown list line per problem, led by the question it belongs to."""
    general = load_texts(lang)["reply"]["general"]
    lines = []
    for problem in problems:
        label = describe_field(kind, lang, problem.field)["label"] if kind and problem.field else general
        lines.append(f"- **{label}**: {word_problem(lang, problem)}")
    return lines


def _refuse(kind: str | None, lang: str | None, branch: str, problems: list[FormProblem],
            warnings: list[FormProblem] = ()) -> Result:
    """A result with no pull request: the answer lists every problem and how to fix it."""
    blocks = []
    for reply_lang in [lang] if lang else list(LANGUAGES):
        reply = load_texts(reply_lang)["reply"]
        parts = [reply["problems_intro"], "\n".join(_list_problems(kind, reply_lang, problems))]
        if warnings:
            parts += [reply["warnings_intro"], "\n".join(_list_problems(kind, reply_lang, list(warnings)))]
        blocks.append("\n\n".join([*parts, reply["how_to_fix"]]))
    return Result(False, kind, lang, None, branch, "", False, "\n\n---\n\n".join(blocks) + "\n", problems=problems)


def _word_success(kind: str, lang: str, warnings: list[FormProblem]) -> str:
    """The answer when a pull request is made: thanks, the link (filled in later), what happens next."""
    reply = load_texts(lang)["reply"]
    parts = [reply["ok"][kind], PR_LINK_MARKER, reply["removal_next" if kind == "removal" else "next"]]
    if warnings and kind != "removal":
        parts += [reply["warnings_intro"], "\n".join(_list_problems(kind, lang, warnings))]
    if kind != "removal":
        parts.append(reply["edit_hint"])
    return "\n\n".join(parts) + "\n"


def write_pr_body(kind: str, lang: str, number: int, draft: Draft, found: list[Problem]) -> str:
    """The pull request's description for the editor, in the submitter's language."""
    pr = load_texts(lang)["pr"]
    parts = [pr["intro"].format(issue=number), pr["file_new" if draft.new else "file_changed"].format(path=draft.path)]
    parts += [pr["file_new"].format(path=companion.path) for companion in draft.companions]
    parts += [pr[key].format(**{k: _as_data(v) for k, v in params.items()}) for key, params in draft.editor_notes]
    if found:
        problems = [_tie_to_question(kind, lang, draft, p) for p in found]
        parts += [pr["checked_problems"], "\n".join(_list_problems(kind, lang, problems))]
    else:
        parts.append(pr["checked_ok_files" if draft.companions else "checked_ok"])
    if draft.rewritten or any(companion.rewritten for companion in draft.companions):
        parts.append(pr["rewritten"])
    parts.append(f"### {pr['checklist_heading']}\n\n" + "\n".join(f"- [ ] {item}" for item in pr["checklist"][kind]))
    if draft.history:
        parts.append(pr["history"])
    if draft.note:  # as a code block, with its hidden characters shown
        note = visible(draft.note, keep="\n\t")
        fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", note)), default=0) + 1)
        parts.append(f"### {pr['message_heading']}\n\n{fence}text\n{note}\n{fence}")
    parts += [pr["ci_note"], pr["closes"].format(issue=number)]
    return "\n\n".join(parts) + "\n"


def fill_pr_link(reply: str, lang: str, url: str) -> str:
    """The answer with the pull request's address where the converter left room for it."""
    if not _PR_URL.fullmatch(url):
        raise ValueError(f"not a pull request address: {url!r}")
    return reply.replace(PR_LINK_MARKER, load_texts(lang)["reply"]["pr_link"].format(url=url))


def word_failure(event: dict) -> str:
    """The answer when the robot itself failed, in the language the issue's labels name (else both)."""
    labels = {str(lab.get("name")) for lab in (event.get("issue") or {}).get("labels") or [] if isinstance(lab, dict)}
    langs = [lang for lang in LANGUAGES if f"lang:{lang}" in labels] or list(LANGUAGES)
    return "\n\n---\n\n".join(load_texts(lang)["reply"]["failure"] for lang in langs) + "\n"
