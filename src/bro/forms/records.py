"""Records from answers: a new supplier or tender as plain data, and the edits (op, path, value) a change form
asks of an existing one, each value remembering the question it came from."""
from __future__ import annotations

import datetime as dt

from bro import CURRENCY, LANGUAGES
from bro.catalog import suggest_slug
from bro.forms.definitions import DATA_PATHS, FormProblem

_GENERIC_BUYER_WORDS = {"kommune", "kommun", "region", "regionen", "stad", "staden", "lan", "laen"}
_EXECUTION_ANSWERS = {"yes": True, "no": False}  # the reserved_execution vocabulary's codes
_SUPPLIER = DATA_PATHS["supplier"]  # where each answer about a supplier lands (from the schema)
# The questions of a new supplier whose answers are not written as they are (built below from several answers or
# into a record of their own); every other question's answer lands at its DATA_PATHS path.
_SUPPLIER_BUILT_APART = {"delivery_regions", "delivery_municipalities", "reserved_contracts", "registrations",
                         "confirm", "still_correct"}


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


def _put_delivery_area(data: dict, sources: dict, values: dict, paths: dict) -> None:
    """The delivery area from the chosen regions and the named municipalities, each item with its question."""
    areas = []
    (key,) = paths["delivery_regions"]
    for field_id in ("delivery_regions", "delivery_municipalities"):
        for code in values.get(field_id, []):
            if code not in areas:
                sources[(key, len(areas))] = field_id
                areas.append(code)
    if areas:
        data[key] = areas


def _make_contact(values: dict, lang: str) -> dict:
    """A contact mapping from the contact questions (empty answers left out)."""
    contact = {"name": values.get("contact_name"), "role": {lang: values["contact_role"]}
               if values.get("contact_role") else None, "email": values.get("contact_email"),
               "phone": values.get("contact_phone"), "publish_basis": values.get("contact_basis")}
    return {key: value for key, value in contact.items() if value is not None}


def build_supplier(values: dict, lang: str, today: dt.date) -> tuple[dict, dict, list[FormProblem]]:
    """A new supplier record from a 'new supplier' form, with where each value came from."""
    data, sources, problems = {}, {}, []
    for field_id, path in DATA_PATHS["supplier"].items():  # where the schema says each answer lands
        if field_id not in _SUPPLIER_BUILT_APART and not field_id.startswith("contact_"):
            _put(data, sources, path, values.get(field_id), field_id)
    _put_delivery_area(data, sources, values, _SUPPLIER)
    _put(data, sources, _SUPPLIER["reserved_contracts"], _make_reserved(values.get("reserved_contracts")),
         "reserved_contracts")
    registrations = [{"type": code} for code in values.get("registrations", [])]
    if values.get("registration_url"):
        if not registrations:
            problems.append(FormProblem("registration_url", "registration_url_without_type"))
        else:
            holder = next((r for r in registrations if r["type"] == "other"), registrations[0])
            holder["url"] = values["registration_url"]
    _put(data, sources, _SUPPLIER["registrations"], registrations, "registrations")
    _put(data, sources, ("contacts",), [_make_contact(values, lang)], "contact_name")
    for key, field_id in (("name", "contact_name"), ("role", "contact_role"), ("email", "contact_email"),
                          ("phone", "contact_phone"), ("publish_basis", "contact_basis")):
        sources[("contacts", 0, key)] = field_id
    _put(data, sources, _SUPPLIER["confirm"], today.isoformat(), "confirm")
    return data, sources, problems


def _make_reserved(choice: str | None) -> dict | None:
    """reserved_contracts from the dropdown's code: 'no', or the basis the enterprise declares."""
    if not choice:
        return None
    return {"eligible": False} if choice == "no" else {"eligible": True, "basis": choice}


def _put_flag(data: dict, sources: dict, path: tuple, value: bool, field_id: str) -> None:
    """Set a true or false answer (which _put would take for empty when false)."""
    data[path[-1]] = value
    sources[path] = field_id


def build_tender(values: dict, lang: str) -> tuple[dict, dict, list[FormProblem]]:
    """A new tender plan entry from a 'new tender' form, with where each value came from."""
    data, sources = {}, {}
    for field_id, path in DATA_PATHS["tender"].items():
        if field_id not in ("delivery_regions", "delivery_municipalities", "currency", "reserved_execution") \
                and not field_id.startswith("contact_"):
            _put(data, sources, path, values.get(field_id), field_id)
    if values.get("reserved_execution") in _EXECUTION_ANSWERS:  # eForms BT-736's yes/no as the field's boolean
        _put_flag(data, sources, ("reserved_execution",), _EXECUTION_ANSWERS[values["reserved_execution"]],
                  "reserved_execution")
    if "estimated_value" in data:
        country = values.get("buyer_country")
        currency = values.get("currency") or CURRENCY.get(country)
        _put(data, sources, ("estimated_value", "currency"), currency, "currency")
    _put_delivery_area(data, sources, values, DATA_PATHS["tender"])
    _put(data, sources, ("contact",), _make_contact(values, lang), "contact_name")
    return data, sources, []


def name_tender(data: dict, lang: str) -> str:
    """The words a new tender's slug is made of: the buyer's distinctive name, then the title."""
    block = data.get("buyer") if isinstance(data.get("buyer"), dict) else {}  # a mailed record may be any shape
    name = block.get("name") if isinstance(block.get("name"), str) else ""
    buyer = [w for w in suggest_slug(name).split("-") if w not in _GENERIC_BUYER_WORDS]
    title = data.get("title") if isinstance(data.get("title"), dict) else {}
    texts = [text for text in (title.get(lang), *title.values()) if isinstance(text, str) and text]
    return " ".join([*buyer, texts[0] if texts else ""])


# The change form's questions whose answers land as they are (at their DATA_PATHS path): plan_change sets them, a
# change received by e-mail holds them in the data file's shape (build_change, read_change).
_CHANGE_AS_IS = ("name", "website", "legal_form", "founded", "categories", "target_groups", *(
    f"{t}_{text_lang}" for t in ("summary", "description", "social_purpose") for text_lang in LANGUAGES),
    "employees_total", "employees_target", "engaged_total", "engaged_target", "street", "postcode", "city",
    "municipality")


def plan_change(values: dict, lang: str, current: dict, today: dt.date) -> tuple[list, dict, list[FormProblem]]:
    """The edits a 'change profile' form asks for, as (op, path, value) on the supplier's data."""
    ops, sources = [], {}

    def put(path: tuple, value, field_id: str) -> None:
        """Plan setting path to value, remembering its question."""
        ops.append(("set", path, value))
        sources[path] = field_id

    for field_id in _CHANGE_AS_IS:
        if field_id in values:
            put(_SUPPLIER[field_id], values[field_id], field_id)
    area = {}
    _put_delivery_area(area, sources, values, _SUPPLIER)
    if area:
        ops.append(("set", _SUPPLIER["delivery_regions"], *area.values()))
    if "reserved_contracts" in values:
        put(_SUPPLIER["reserved_contracts"], _make_reserved(values["reserved_contracts"]), "reserved_contracts")
    problems = _plan_contact_edits(values, lang, current, put)
    if values.get("still_correct"):
        put(_SUPPLIER["still_correct"], today.isoformat(), "still_correct")
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


# A change by e-mail: the document holds the profile's slug, then only the changed fields in data-file shape (the
# form on the site builds it, overrides/assets/bro/form-record.js), and other_changes, the sender's words for the
# editor. read_change turns it back into the change form's answers, which plan_change applies as for an issue.
CHANGE_NOTE = "other_changes"
_CONTACT_QUESTIONS = ("contact_name", "contact_role", "contact_email", "contact_phone", "contact_basis")


def build_change(values: dict, lang: str, today: dt.date) -> dict:
    """The changed fields of a 'change profile' form in data-file shape (without the profile and the note)."""
    data, sources = {}, {}
    for field_id in _CHANGE_AS_IS:
        _put(data, sources, _SUPPLIER[field_id], values.get(field_id), field_id)
    _put_delivery_area(data, sources, values, _SUPPLIER)
    _put(data, sources, _SUPPLIER["reserved_contracts"], _make_reserved(values.get("reserved_contracts")),
         "reserved_contracts")
    if any(values.get(field_id) for field_id in _CONTACT_QUESTIONS):
        data[_SUPPLIER["contact_name"][0]] = [_make_contact(values, lang)]
    if values.get("still_correct"):
        _put(data, sources, _SUPPLIER["still_correct"], today.isoformat(), "still_correct")
    return data


def read_change(data: dict, lang: str) -> tuple[dict, list[tuple[tuple, str]]]:
    """A change document's fields (profile and note left out) as the change form's answers, with the paths whose
    shape is not what the form writes (and what is wrong there)."""
    values: dict = {}
    wrong: list[tuple[tuple, str]] = []
    as_is = {_SUPPLIER[field_id]: field_id for field_id in _CHANGE_AS_IS}
    within = {path[:length] for path in as_is for length in range(1, len(path))}  # mappings holding answers
    contacts = _SUPPLIER["contact_name"][:1]
    in_contact = {_SUPPLIER[field_id][2:]: field_id for field_id in _CONTACT_QUESTIONS}  # ('name',): contact_name

    def read(path: tuple, value) -> None:
        """The answer (or answers) a value at path gives back."""
        if path in as_is:
            values[as_is[path]] = value
        elif path == _SUPPLIER["delivery_regions"]:
            if isinstance(value, list) and value:
                values["delivery_regions"] = value
            else:
                wrong.append((path, "list"))
        elif path == _SUPPLIER["reserved_contracts"]:
            if value == {"eligible": False}:
                values["reserved_contracts"] = "no"
            elif isinstance(value, dict) and value.get("eligible") is True and sorted(value) == ["basis", "eligible"] \
                    and isinstance(value["basis"], str) and value["basis"] != "no":
                values["reserved_contracts"] = value["basis"]
            else:
                wrong.append((path, "mapping"))
        elif path == contacts:
            if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict) and value[0]:
                read_contact(value[0])
            else:
                wrong.append((path, "contact"))
        elif path == _SUPPLIER["still_correct"]:
            values["still_correct"] = True  # the day it names is received.py's to read
        elif path in within and isinstance(value, dict) and value:
            for key, item in value.items():
                read(path + (key,), item)
        else:
            wrong.append((path, "key"))

    def read_contact(contact: dict) -> None:
        """The contact questions' answers from the one contact a change holds."""
        for key, item in contact.items():
            field_id = in_contact.get((key,))
            if field_id == "contact_role":
                if isinstance(item, dict) and list(item) == [lang]:
                    values[field_id] = item[lang]
                else:
                    wrong.append((contacts + (0, key), "role"))
            elif field_id:
                values[field_id] = item
            else:
                wrong.append((contacts + (0, key), "key"))

    for key, value in data.items():
        read((key,), value)
    return values, wrong
