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


def plan_change(values: dict, lang: str, current: dict, today: dt.date) -> tuple[list, dict, list[FormProblem]]:
    """The edits a 'change profile' form asks for, as (op, path, value) on the supplier's data."""
    ops, sources = [], {}

    def put(path: tuple, value, field_id: str) -> None:
        """Plan setting path to value, remembering its question."""
        ops.append(("set", path, value))
        sources[path] = field_id

    for field_id in ("name", "website", "legal_form", "founded", "categories", "target_groups", *(
            f"{t}_{text_lang}" for t in ("summary", "description", "social_purpose") for text_lang in LANGUAGES),
            "employees_total", "employees_target", "engaged_total", "engaged_target", "street", "postcode", "city",
            "municipality"):
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
_CHANGE_TEXTS = ("summary", "description", "social_purpose")
_CHANGE_FIELDS = ("name", "website", "legal_form", "founded", "categories", "target_groups")  # the questions
_CHANGE_KEYS = {_SUPPLIER[field_id][0]: field_id for field_id in _CHANGE_FIELDS}  # their fields (from the schema)
_CHANGE_COUNTS = {"employees": ("employees_total", "employees_target"), "engaged": ("engaged_total", "engaged_target")}
_COUNT_KEYS = ("total", "from_target_groups")
_CHANGE_ADDRESS = ("street", "postcode", "city", "municipality")
_CONTACT_FIELDS = {"name": "contact_name", "role": "contact_role", "email": "contact_email", "phone": "contact_phone",
                   "publish_basis": "contact_basis"}


def build_change(values: dict, lang: str, today: dt.date) -> dict:
    """The changed fields of a 'change profile' form in data-file shape (without the profile and the note)."""
    data, sources = {}, {}
    for field_id in _CHANGE_FIELDS:
        _put(data, sources, _SUPPLIER[field_id], values.get(field_id), field_id)
    for text in _CHANGE_TEXTS:
        for text_lang in LANGUAGES:
            _put(data, sources, (text, text_lang), values.get(f"{text}_{text_lang}"), f"{text}_{text_lang}")
    _put_delivery_area(data, sources, values, _SUPPLIER)
    for field_id in _CHANGE_ADDRESS:
        _put(data, sources, ("address", field_id), values.get(field_id), field_id)
    for block, field_ids in _CHANGE_COUNTS.items():
        for key, field_id in zip(_COUNT_KEYS, field_ids, strict=True):
            _put(data, sources, (block, key), values.get(field_id), field_id)
    _put(data, sources, ("reserved_contracts",), _make_reserved(values.get("reserved_contracts")), "reserved_contracts")
    _put(data, sources, ("contacts",), [_make_contact(values, lang)] if any(
        values.get(field_id) for field_id in _CONTACT_FIELDS.values()) else None, "contact_name")
    if values.get("still_correct"):
        data["last_verified"] = today.isoformat()
    return data


def read_change(data: dict, lang: str) -> tuple[dict, list[tuple[tuple, str]]]:
    """A change document's fields (profile and note left out) as the change form's answers, with the paths whose
    shape is not what the form writes (and what is wrong there)."""
    values: dict = {}
    wrong: list[tuple[tuple, str]] = []

    def mapping(key: str, allowed: tuple) -> dict:
        """The mapping at key, its unknown keys reported."""
        block = data[key]
        if not isinstance(block, dict) or not block:
            wrong.append(((key,), "mapping"))
            return {}
        wrong.extend(((key, k), "key") for k in block if k not in allowed)
        return {k: v for k, v in block.items() if k in allowed}

    for key in data:
        if key in _CHANGE_KEYS:
            values[_CHANGE_KEYS[key]] = data[key]
        elif key in _CHANGE_TEXTS:
            values |= {f"{key}_{text_lang}": text for text_lang, text in mapping(key, LANGUAGES).items()}
        elif key == "delivery_area":
            if isinstance(data[key], list) and data[key]:
                values["delivery_regions"] = data[key]
            else:
                wrong.append(((key,), "list"))
        elif key == "address":
            values |= mapping(key, _CHANGE_ADDRESS)
        elif key in _CHANGE_COUNTS:
            counts = mapping(key, _COUNT_KEYS)
            pairs = zip(_COUNT_KEYS, _CHANGE_COUNTS[key], strict=True)
            values |= {field_id: counts[k] for k, field_id in pairs if k in counts}
        elif key == "reserved_contracts":
            block = mapping(key, ("eligible", "basis"))
            if block.get("eligible") is False and "basis" not in block:
                values[key] = "no"
            elif block.get("eligible") is True and isinstance(block.get("basis"), str) and block["basis"] != "no":
                values[key] = block["basis"]
            elif block:
                wrong.append(((key,), "mapping"))
        elif key == "contacts":
            contacts = data[key]
            if not (isinstance(contacts, list) and len(contacts) == 1 and isinstance(contacts[0], dict)
                    and contacts[0]):
                wrong.append(((key,), "contact"))
                continue
            contact = contacts[0]
            wrong.extend(((key, 0, k), "key") for k in contact if k not in _CONTACT_FIELDS)
            for k, field_id in _CONTACT_FIELDS.items():
                if k == "role" and k in contact:
                    role = contact[k]
                    if isinstance(role, dict) and list(role) == [lang]:
                        values[field_id] = role[lang]
                    else:
                        wrong.append(((key, 0, k), "role"))
                elif k in contact:
                    values[field_id] = contact[k]
        elif key == "last_verified":
            values["still_correct"] = True
        else:
            wrong.append(((key,), "key"))
    return values, wrong
