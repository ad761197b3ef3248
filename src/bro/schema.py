"""JSON Schema validation of loaded documents; bro.schema_errors words each error as a plain-words problem."""
from __future__ import annotations

import datetime as dt
import json
import numbers
import re
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError, validators

from bro import files
from bro.schema_errors import PRIORITY, translate
from bro.yamlload import Document

SCHEMA_DIR = Path("schemas")


SAME_COUNTRY_AS = "x-same-country-as"  # Bro's own keyword (checked by bro.rules.check_texts), see README


def as_date(value) -> dt.date | None:
    """A date written YYYY-MM-DD, or None for anything else (the format and pattern report those)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _date_bound(outside):
    """A keyword for the earliest or latest date a field accepts (formatMinimum/formatMaximum, the names
    ajv-formats gives them; they apply to `format: date`, the only format Bro bounds)."""
    def check(validator, bound, instance, schema):
        day, limit = as_date(instance), as_date(bound)
        if schema.get("format") == "date" and day and limit and outside(day, limit):
            yield ValidationError(f"{instance!r} is outside the allowed dates (bound {bound})")
    return check


# Draft 2020-12 plus the date range keywords: every date field says which dates it accepts.
Validator = validators.extend(Draft202012Validator, {
    "formatMinimum": _date_bound(lambda day, limit: day < limit),
    "formatMaximum": _date_bound(lambda day, limit: day > limit),
})


class SchemaSet:
    """The project's JSON Schemas, with $ref resolution across files."""

    def __init__(self, directory: Path = SCHEMA_DIR) -> None:
        self.documents = {p.name: json.loads(p.read_text(encoding="utf-8"))  # links are not followed
                          for p in files.entries(directory, directory.parent) if p.name.endswith(".schema.json")}
        self._validators: dict[str, Draft202012Validator] = {}
        self._quick: dict[str, object] = {}
        self._nodes: dict[tuple[int, str], SchemaNode] = {}

    def validator(self, name: str) -> Validator:
        """A validator for one collection's schema with every $ref inlined (faster), checking formats too."""
        if name not in self._validators:
            self._validators[name] = Validator(self.inline(self.documents[name], name),
                                               format_checker=Validator.FORMAT_CHECKER)
        return self._validators[name]

    def conforms(self, name: str, instance) -> bool:
        """True only when the full validator would find no error in instance (a fast path; False: not sure)."""
        if name not in self._quick:
            validator = self.validator(name)
            try:
                self._quick[name] = _compile_quick(validator.schema, validator.format_checker)
            except _UnsupportedError:
                self._quick[name] = None
        quick = self._quick[name]
        return quick is not None and quick(instance)

    def node(self, schema: dict | None, doc_name: str) -> SchemaNode | None:
        """The resolved schema with its children looked up once, for walking many documents quickly."""
        if schema is None:
            return None
        key = (id(schema), doc_name)
        if key not in self._nodes:
            self._nodes[key] = SchemaNode(self, schema, doc_name)
        return self._nodes[key]

    def inline(self, schema, doc_name: str):
        """A copy of schema with every $ref replaced by what it points to (Bro's schemas are not recursive)."""
        if isinstance(schema, list):
            return [self.inline(item, doc_name) for item in schema]
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            resolved, target = self.resolve(schema, doc_name)
            return self.inline(resolved, target)
        return {key: self.inline(value, doc_name) for key, value in schema.items()}

    def resolve(self, schema: dict, doc_name: str) -> tuple[dict, str]:
        """Follow $ref (possibly across files) until a schema without one; keep title/description."""
        while "$ref" in schema:
            target, _, pointer = schema["$ref"].partition("#")
            doc_name = target or doc_name
            resolved = self.documents[doc_name]
            for part in filter(None, pointer.split("/")):
                resolved = resolved[part]
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**resolved, **extra}
        return schema, doc_name

    def child(self, schema: dict, doc_name: str, key) -> tuple[dict | None, str]:
        """The subschema for a mapping key or list index, if the schema says."""
        schema, doc_name = self.resolve(schema, doc_name)
        if isinstance(key, int):
            items = schema.get("items")
            return (self.resolve(items, doc_name) if isinstance(items, dict) else (None, doc_name))
        sub = schema.get("properties", {}).get(key)
        if sub is None and isinstance(schema.get("additionalProperties"), dict):
            sub = schema["additionalProperties"]
        return (self.resolve(sub, doc_name) if sub is not None else (None, doc_name))


_UNSET = object()


class SchemaNode:
    """One resolved subschema, what the walkers ask of it, and its children (looked up on first use)."""

    __slots__ = ("schemas", "source", "schema", "doc_name", "is_string", "is_integer", "markdown", "vocabulary",
                 "has_enum", "localized", "is_url", "is_name", "same_country_as", "_children", "_items")

    def __init__(self, schemas: SchemaSet, source: dict, doc_name: str) -> None:
        self.schemas, self.source = schemas, source  # source is kept alive: its id is the cache key
        self.schema, self.doc_name = schemas.resolve(source, doc_name)
        self.is_string = self.schema.get("type") == "string"
        self.is_integer = self.schema.get("type") == "integer"
        self.markdown = bool(self.schema.get("x-markdown"))
        self.vocabulary = self.schema.get("x-vocabulary")
        self.has_enum = "enum" in self.schema
        self.localized = "da" in self.schema.get("properties", {})
        self.is_url = self.schema.get("format") == "uri"  # common.schema.json's url
        self.is_name = bool(self.schema.get("x-name"))  # the name of an organisation or a person
        # x-same-country-as: the code's vocabulary entry belongs to the country the named sibling field gives
        self.same_country_as = self.schema.get(SAME_COUNTRY_AS)
        self._children: dict[str, SchemaNode | None] = {}
        self._items: SchemaNode | None | object = _UNSET

    def child(self, key) -> SchemaNode | None:
        """The node for a mapping key or list index, if the schema says (as SchemaSet.child)."""
        if isinstance(key, int):
            return self.items()
        if key not in self._children:
            sub = self.schema.get("properties", {}).get(key)
            if sub is None and isinstance(self.schema.get("additionalProperties"), dict):
                sub = self.schema["additionalProperties"]
            self._children[key] = self.schemas.node(sub, self.doc_name)
        return self._children[key]

    def items(self) -> SchemaNode | None:
        """The node for every item of a list, if the schema says."""
        if self._items is _UNSET:
            items = self.schema.get("items")
            self._items = self.schemas.node(items, self.doc_name) if isinstance(items, dict) else None
        return self._items


def coerce(value, schema: dict | None, doc_name: str, schemas: SchemaSet, doc: Document, path: tuple = ()):
    """Where the schema expects text and YAML read a number, or a whole number and YAML read a decimal, keep
    the text exactly as written."""
    return _coerce(value, schemas.node(schema, doc_name), doc, path)


def _coerce(value, node: SchemaNode | None, doc: Document, path: tuple):
    """coerce() over precomputed schema nodes; text, booleans and null stay as they are without a visit."""
    if node is None:
        return value
    if isinstance(value, dict):
        return {k: v if isinstance(v, _KEPT) else _coerce(v, node.child(k), doc, path + (k,))
                for k, v in value.items()}
    if isinstance(value, list):
        items = node.items()
        return [v if isinstance(v, _KEPT) else _coerce(v, items, doc, path + (i,)) for i, v in enumerate(value)]
    if node.is_string and isinstance(value, (int, float)) and not isinstance(value, bool):
        return doc.raw.get(path, str(value))
    if node.is_integer and isinstance(value, float):
        # "600.000" (dots as thousands separators) reads as 600.0, which JSON Schema counts as an integer:
        # keep the written text so that it is reported instead of silently becoming 600
        return doc.raw.get(path, str(value))
    return value


_KEPT = (str, bool, type(None))  # values coerce() returns unchanged whatever the schema says


# Problems of loading after which the value was left out: the schema would only add that the field is missing.
_VALUE_LEFT_OUT = frozenset({"yaml.alias", "yaml.unsupported_tag", "yaml.number_too_long"})


def check(doc: Document, schemas: SchemaSet, name: str) -> None:
    """Validate doc.data against schema `name`, adding one problem per broken field to doc."""
    doc.data = coerce(doc.data, schemas.documents[name], name, schemas, doc)
    if schemas.conforms(name, doc.data):
        return  # the full validator would find nothing; it runs (and words every error) otherwise
    _cut_long_lists(doc, doc.data, schemas.node(schemas.documents[name], name), ())
    errors = list(schemas.validator(name).iter_errors(doc.data))
    reported: set[tuple] = {p.field_path for p in doc.problems if p.code in _VALUE_LEFT_OUT}
    for err in sorted(errors, key=lambda e: (PRIORITY.index(e.validator) if e.validator in PRIORITY else 99)):
        for path, code, params, on_key in translate(err):
            # one message per field; a parent already reported covers its children
            if path in reported or any(path[:end] in reported for end in range(1, len(path))):
                continue
            reported.add(path)
            doc.problem(path, code, at_key=on_key, **params)


def _cut_long_lists(doc: Document, value, node: SchemaNode | None, path: tuple) -> None:
    """Report every list longer than its maxItems and keep only that many items in the data: nothing after this
    looks at more items than the schema allows (a file may hold a list of a million)."""
    if node is None:
        return
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, (dict, list)):
                _cut_long_lists(doc, child, node.child(key), path + (key,))
    elif isinstance(value, list):
        most = node.schema.get("maxItems")
        if most is not None and len(value) > most:
            doc.problem(path, "schema.max_items", count=most)
            del value[most:]
        items = node.items()
        for index, child in enumerate(value):
            if isinstance(child, (dict, list)):
                _cut_long_lists(doc, child, items, path + (index,))


def walk(value, node: SchemaNode | None, path: tuple = ()) -> list[tuple[tuple, object, SchemaNode]]:
    """(path, value, schema node) for every node of a document that the schema describes, parents first."""
    out: list[tuple[tuple, object, SchemaNode]] = []
    if node is not None:
        _walk(value, node, path, out)
    return out


def _walk(value, node: SchemaNode, path: tuple, out: list) -> None:
    """Append value's node and its described descendants to out, in document order."""
    out.append((path, value, node))
    if isinstance(value, dict):
        for key, child in value.items():
            sub = node.child(key)
            if sub is not None:
                _walk(child, sub, path + (key,), out)
    elif isinstance(value, list):
        sub = node.items()
        if sub is not None:
            for index, child in enumerate(value):
                _walk(child, sub, path + (index,), out)


# The quick validity test: it implements the keywords Bro's schemas use, each exactly as jsonschema does or more
# strictly (anything it is not sure about counts as "not sure"), so that a document it passes has no errors.
# Documents it does not pass go through the full validator, which words the problems. Keywords jsonschema does not
# validate (title, description, x-…) are skipped; a keyword it validates that is not implemented here turns the
# quick test off for the whole schema.


class _UnsupportedError(Exception):
    """A schema uses a keyword the quick test does not implement."""


def _compile_quick(schema, format_checker):
    """A function instance -> bool that is True only if jsonschema finds no error in instance."""
    if schema is True:
        return lambda instance: True
    if not isinstance(schema, dict):
        raise _UnsupportedError(repr(schema))
    tests = []
    for keyword, value in schema.items():
        if keyword not in Validator.VALIDATORS:
            continue
        if keyword not in _QUICK_KEYWORDS:
            raise _UnsupportedError(keyword)
        test = _QUICK_KEYWORDS[keyword](value, schema, format_checker)
        if test is not None:
            tests.append(test)
    if len(tests) == 1:
        return tests[0]

    def conforms(instance) -> bool:
        for test in tests:  # noqa: SIM110 - a plain loop: this runs for every node of every document
            if not test(instance):
                return False
        return True
    return conforms


_QUICK_TYPES = {
    "string": lambda x: isinstance(x, str),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer()),
    "number": lambda x: isinstance(x, numbers.Number) and not isinstance(x, bool),
}


def _quick_type(value, schema, fmt):
    """type: one name or a list of names."""
    names = value if isinstance(value, list) else [value]
    if any(not isinstance(name, str) or name not in _QUICK_TYPES for name in names):
        raise _UnsupportedError(f"type {value!r}")
    tests = [_QUICK_TYPES[name] for name in names]
    return tests[0] if len(tests) == 1 else (lambda x: any(test(x) for test in tests))


def _quick_properties(value, schema, fmt):
    """properties: every present property conforms to its schema."""
    subs = {key: _compile_quick(sub, fmt) for key, sub in value.items()}

    def test(x) -> bool:
        if isinstance(x, dict):
            for key, item in x.items():
                sub = subs.get(key)
                if sub is not None and not sub(item):
                    return False
        return True
    return test


def _quick_additional(value, schema, fmt):
    """additionalProperties: keys outside properties conform to a schema, or are not allowed at all."""
    known = set(schema.get("properties", {}))
    if isinstance(value, dict):
        sub = _compile_quick(value, fmt)

        def test(x) -> bool:
            if isinstance(x, dict):
                for key, item in x.items():
                    if key not in known and not sub(item):
                        return False
            return True
        return test
    if not value:
        return lambda x: not isinstance(x, dict) or known.issuperset(x)
    return None


def _quick_items(value, schema, fmt):
    """items (without prefixItems): every item conforms."""
    sub = _compile_quick(value, fmt)

    def test(x) -> bool:
        if isinstance(x, list):
            for item in x:
                if not sub(item):
                    return False
        return True
    return test


def _quick_unique(value, schema, fmt):
    """uniqueItems: sure only for lists of strings (other items: not sure)."""
    if not value:
        return None
    return lambda x: not isinstance(x, list) or (all(type(item) is str for item in x) and len(set(x)) == len(x))


def _quick_enum(value, schema, fmt):
    """enum: sure only for strings (jsonschema compares strings with ==)."""
    allowed = frozenset(item for item in value if isinstance(item, str))
    return lambda x: isinstance(x, str) and x in allowed


def _quick_number(compare):
    """minimum, maximum and the exclusive ones: numbers compared, other types ignored (Decimal: not sure)."""
    def make(value, schema, fmt):
        if type(value) not in (int, float):
            raise _UnsupportedError(f"limit {value!r}")

        def test(x) -> bool:
            if type(x) in (int, float):
                return compare(x, value)
            return isinstance(x, bool) or not isinstance(x, numbers.Number)
        return test
    return make


def _quick_any_of(value, schema, fmt):
    """anyOf: at least one subschema passes."""
    subs = [_compile_quick(sub, fmt) for sub in value]
    return lambda x: any(sub(x) for sub in subs)


def _quick_property_names(value, schema, fmt):
    """propertyNames: every key conforms."""
    sub = _compile_quick(value, fmt)
    return lambda x: not isinstance(x, dict) or all(sub(key) for key in x)


def _quick_pattern(value, schema, fmt):
    """pattern: re.search, as jsonschema does."""
    search = re.compile(value).search
    return lambda x: not isinstance(x, str) or search(x) is not None


def _quick_format(value, schema, fmt):
    """format: the validator's own format checker."""
    if fmt is None:
        return None
    return lambda x: fmt.conforms(x, value)


def _quick_date_bound(outside):
    """formatMinimum, formatMaximum: as the validator's keywords (a date outside the bound fails)."""
    def make(value, schema, fmt):
        limit = as_date(value)
        if schema.get("format") != "date" or limit is None:
            raise _UnsupportedError(f"date bound {value!r}")

        def test(x) -> bool:
            day = as_date(x)
            return day is None or not outside(day, limit)
        return test
    return make


_QUICK_KEYWORDS = {
    "type": _quick_type,
    "properties": _quick_properties,
    "additionalProperties": _quick_additional,
    "required": lambda value, schema, fmt: lambda x: not isinstance(x, dict) or all(key in x for key in value),
    "minLength": lambda value, schema, fmt: lambda x: not isinstance(x, str) or len(x) >= value,
    "maxLength": lambda value, schema, fmt: lambda x: not isinstance(x, str) or len(x) <= value,
    "pattern": _quick_pattern,
    "format": _quick_format,
    "items": _quick_items,
    "minItems": lambda value, schema, fmt: lambda x: not isinstance(x, list) or len(x) >= value,
    "maxItems": lambda value, schema, fmt: lambda x: not isinstance(x, list) or len(x) <= value,
    "uniqueItems": _quick_unique,
    "enum": _quick_enum,
    "minimum": _quick_number(lambda x, limit: x >= limit),
    "maximum": _quick_number(lambda x, limit: x <= limit),
    "exclusiveMinimum": _quick_number(lambda x, limit: x > limit),
    "exclusiveMaximum": _quick_number(lambda x, limit: x < limit),
    "minProperties": lambda value, schema, fmt: lambda x: not isinstance(x, dict) or len(x) >= value,
    "maxProperties": lambda value, schema, fmt: lambda x: not isinstance(x, dict) or len(x) <= value,
    "anyOf": _quick_any_of,
    "propertyNames": _quick_property_names,
    "formatMinimum": _quick_date_bound(lambda day, limit: day < limit),
    "formatMaximum": _quick_date_bound(lambda day, limit: day > limit),
}
