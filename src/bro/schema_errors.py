"""JSON-Schema errors worded by what their keyword means, built from the keyword's own values (never from
jsonschema's English message), in the message catalogue's languages.

Each keyword has one message (`schema.<keyword>` in src/bro/locales/messages.*.yml) whose parameters come from the
schema and the value: `required` names the missing field, `anyOf` whose branches each require fields names those
fields, `minItems` the count, `enum` the allowed values. Where a field needs a friendlier wording for its domain,
its schema says so with the annotation `x-messages`, keyword → message id:

    "contact": {..., "anyOf": [{"required": ["email"]}, {"required": ["phone"]}],
                "x-messages": {"anyOf": "schema.contact_reach"}}

Bro's own keyword `x-same-country-as` (a code whose vocabulary entry names a country must belong to the country
of the sibling field it names; checked by bro.rules.check_texts) is worded the same way: `schema.same_country` unless
the schema's `x-messages` names another message.

`if`/`then`/`else`, `allOf`, `dependentSchemas` and `$ref` report the errors of the subschema that fails, each
worded by its own keyword; a keyword without a message of its own is named in the general `schema.other`.
"""
from __future__ import annotations

import difflib

from bro import messages
from bro.limits import MAX_SAME_PROBLEMS
from bro.problems import MESSAGE_LANGUAGES

ANNOTATION = "x-messages"
# keyword → priority when one field breaks several rules; only the first is reported
PRIORITY = ["type", "required", "dependentRequired", "additionalProperties", "anyOf", "oneOf", "minProperties",
            "maxProperties", "const", "enum", "not", "format", "pattern", "formatMinimum", "formatMaximum", "minItems",
            "maxItems", "contains", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "uniqueItems"]
_TYPE_CODES = {"boolean": "schema.type_boolean", "integer": "schema.type_integer", "number": "schema.type_number",
               "string": "schema.type_string", "array": "schema.type_array", "object": "schema.type_object"}


def translate(err) -> list[tuple]:
    """(path, message code, params, point-at-key) for one jsonschema error."""
    path, kw, schema = tuple(err.absolute_path), err.validator, err.schema
    if len(err.relative_schema_path) >= 2 and err.relative_schema_path[-2] == "propertyNames":
        path = path + (err.instance,)  # a key breaks the rule for names: point at the key itself
        return [(p, code, params, True) for p, code, params, _ in _worded(err, path, kw, schema)]
    return _worded(err, path, kw, schema)


def message_for(schema: dict, keyword: str, default: str) -> str:
    """The message id for a problem with keyword: the one the schema's x-messages names, else default."""
    own = schema.get(ANNOTATION, {}).get(keyword) if isinstance(schema.get(ANNOTATION), dict) else None
    return own or default


def _worded(err, path: tuple, kw: str, schema: dict) -> list[tuple]:
    """The problems of one error, in the wording its schema asks for (x-messages) or its keyword's own."""
    found = _WORDINGS.get(kw, _other)(err, path, err.validator_value, err.instance, schema)
    return [(p, message_for(schema, kw, code), params, on_key) for p, code, params, on_key in found]


def _required(err, path, names, inst, schema):
    """Every field the value lacks (jsonschema reports them one by one; the caller keeps one problem per field)."""
    return [(path + (name,), "schema.required", {"name": name}, False) for name in names if name not in inst]


def _dependent_required(err, path, dependencies, inst, schema):
    """A field that must be given because another one is."""
    return [(path + (name,), "schema.dependent_required", {"name": name, "present": present}, False)
            for present, names in dependencies.items() if present in inst for name in names if name not in inst]


def _additional_properties(err, path, allowed_other, inst, schema):
    """Keys the schema does not list, each with the closest allowed name when one is close."""
    allowed = list(schema.get("properties", {}))
    out = []
    for index, key in enumerate(sorted(set(inst) - set(allowed))):
        # a suggestion compares with every allowed name: only for as many keys as are listed one by one
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6) if index < MAX_SAME_PROBLEMS else []
        code = "schema.unknown_key_suggest" if close else "schema.unknown_key"
        out.append((path + (key,), code, {"key": key, "suggestion": close[0] if close else "",
                                          "allowed": ", ".join(allowed)}, True))
    return out


def _type(err, path, want, inst, schema):
    """What to write instead, by the type the schema wants."""
    if isinstance(want, str) and want in _TYPE_CODES:
        return [(path, _TYPE_CODES[want], {"value": _show(inst)}, False)]
    return [(path, "schema.type", {"value": _show(inst), "expected": _either(_kinds(want))}, False)]


def _any_of(err, path, branches, inst, schema):
    """At least one branch must fit: named by the fields the branches require, or by what each branch is."""
    fields = _required_fields(branches)
    if fields:
        return [(path, "schema.any_of_required", {"fields": fields}, False)]
    return [(path, "schema.any_of", {"forms": _forms(branches)}, False)]


def _one_of(err, path, branches, inst, schema):
    """Exactly one branch must fit."""
    fields = _required_fields(branches)
    if fields:
        return [(path, "schema.one_of_required", {"fields": fields}, False)]
    return [(path, "schema.one_of", {"forms": _forms(branches)}, False)]


def _enum(err, path, allowed, inst, schema):
    """The allowed values, with the closest one when one is close."""
    shown = [str(v) for v in allowed]
    close = difflib.get_close_matches(str(inst), shown, n=1, cutoff=0.5)
    return [(path, "schema.enum", {"value": _show(inst), "allowed": ", ".join(shown),
                                   "suggestion": close[0] if close else ""}, False)]


def _format(err, path, fmt, inst, schema):
    """A date by its own message; another format named."""
    if fmt == "date":
        return [(path, "schema.date", {"value": _show(inst)}, False)]
    return [(path, "schema.format", {"value": _show(inst), "format": fmt}, False)]


def _date_range(err, path, bound, inst, schema):
    """The dates a date field accepts."""
    return [(path, "schema.date_range", {"value": _show(inst), "minimum": schema.get("formatMinimum", ""),
                                         "maximum": schema.get("formatMaximum", "")}, False)]


def _pattern(err, path, pattern, inst, schema):
    """The form the field expects, in the words of its own description (or the pattern)."""
    return [(path, "schema.pattern", {"value": _show(inst), "expected": _expected(schema)}, False)]


def _min_length(err, path, least, inst, schema):
    """An empty text, or one shorter than the least length."""
    if inst == "":
        return [(path, "schema.empty", {}, False)]
    return [(path, "schema.min_length", {"count": least, "length": len(inst)}, False)]


def _unique_items(err, path, unique, inst, schema):
    """The values a list holds more than once."""
    seen, dupes = [], []
    for item in inst:
        (dupes if item in seen else seen).append(item)
    return [(path, "schema.duplicate_item", {"value": _show(", ".join(_show(d) for d in dupes[:10]))}, False)]


def _simple(code: str, **shown):
    """A keyword whose message needs the keyword's value (as `limit` or `count`) and the value written."""
    def word(err, path, value, inst, schema):
        params = {name: (value if source == "keyword" else _show(inst) if source == "value" else len(inst))
                  for name, source in shown.items()}
        return [(path, code, params, False)]
    return word


def _const(err, path, value, inst, schema):
    """The one value allowed."""
    return [(path, "schema.const", {"expected": _show(value), "value": _show(inst)}, False)]


def _contains(err, path, sub, inst, schema):
    """A list that holds no value of the kind asked for."""
    return [(path, "schema.contains", {"forms": _forms([sub])}, False)]


def _other(err, path, value, inst, schema):
    """A keyword Bro's messages do not word yet: named, so that a developer can find it."""
    return [(path, "schema.other", {"keyword": err.validator}, False)]


_WORDINGS = {
    "required": _required,
    "dependentRequired": _dependent_required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "enum": _enum,
    "const": _const,
    "not": _simple("schema.not", value="value"),
    "format": _format,
    "formatMinimum": _date_range,
    "formatMaximum": _date_range,
    "pattern": _pattern,
    "minItems": _simple("schema.min_items", count="keyword"),
    "maxItems": _simple("schema.max_items", count="keyword"),
    "contains": _contains,
    "minProperties": _simple("schema.min_properties", count="keyword"),
    "maxProperties": _simple("schema.max_properties", count="keyword"),
    "minLength": _min_length,
    "maxLength": _simple("schema.too_long", length="length", limit="keyword"),
    "minimum": _simple("schema.too_small", value="value", limit="keyword"),
    "maximum": _simple("schema.too_large", value="value", limit="keyword"),
    "exclusiveMinimum": _simple("schema.exclusive_minimum", value="value", limit="keyword"),
    "exclusiveMaximum": _simple("schema.exclusive_maximum", value="value", limit="keyword"),
    "multipleOf": _simple("schema.multiple_of", value="value", limit="keyword"),
    "uniqueItems": _unique_items,
}


def _required_fields(branches: list) -> str:
    """'email, phone' when every branch only requires fields (annotations aside); '' otherwise."""
    names: list[str] = []
    for branch in branches:
        rules = {k for k in branch if k not in ("title", "description", "$comment") and not k.startswith("x-")} \
            if isinstance(branch, dict) else {"?"}
        if rules != {"required"}:
            return ""
        names += [name for name in branch["required"] if name not in names]
    return ", ".join(names)


def _forms(branches: list) -> dict:
    """What each branch asks for, per language: 'a text, a whole number'."""
    return {lang: ", ".join(_form(branch, lang) for branch in branches) for lang in MESSAGE_LANGUAGES}


def _form(branch, lang: str) -> str:
    """One branch in words: its constant, its values, the fields it requires or its type."""
    if not isinstance(branch, dict):
        return messages.text("messages", lang, "_kinds.other")
    if "const" in branch:
        return f"'{_show(branch['const'])}'"
    if "enum" in branch:
        return " / ".join(f"'{_show(v)}'" for v in branch["enum"])
    if "required" in branch and "type" not in branch:
        return messages.text("messages", lang, "_kinds.fields", names=", ".join(branch["required"]))
    if "type" in branch:
        return _either(_kinds(branch["type"]))[lang]
    return messages.text("messages", lang, "_kinds.other")


def _kinds(want) -> list[str]:
    """The JSON types a type keyword names."""
    return [want] if isinstance(want, str) else list(want)


def _either(kinds: list[str]) -> dict:
    """'a text or a whole number', per language."""
    return {lang: messages.text("messages", lang, "_kinds.or").join(
        messages.text("messages", lang, f"_kinds.{kind}") for kind in kinds) for lang in MESSAGE_LANGUAGES}


def _expected(schema: dict) -> dict:
    """The field's own description, split into its Danish and Swedish halves (English, or no description: the
    pattern)."""
    desc = schema.get("description", "")
    pattern = {lang: messages.text("messages", lang, "_kinds.pattern", pattern=schema.get("pattern", ""))
               for lang in MESSAGE_LANGUAGES}
    if not desc:
        return pattern
    da, _, sv = desc.partition(" — ")
    en = pattern["en"] if "pattern" in schema else desc
    return {"en": en, "da": da.strip().rstrip("."), "sv": (sv or da).strip().rstrip(".")}


def _show(value) -> str:
    """A value as the person wrote it, shortened for messages."""
    text = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"
