"""JSON Schema validation of loaded documents, with errors translated into plain-words problems."""
from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator

from bro.yamlload import Document

SCHEMA_DIR = Path("schemas")
# keyword → priority when one field breaks several rules; only the first is reported
_PRIORITY = ["type", "required", "additionalProperties", "anyOf", "minProperties", "enum", "format", "pattern",
             "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "uniqueItems"]


class SchemaSet:
    """The project's JSON Schemas, with $ref resolution across files."""

    def __init__(self, directory: Path = SCHEMA_DIR) -> None:
        self.documents = {p.name: json.loads(p.read_text(encoding="utf-8"))
                          for p in sorted(directory.glob("*.schema.json"))}
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, name: str) -> Draft202012Validator:
        """A validator for one collection's schema with every $ref inlined (faster), checking formats too."""
        if name not in self._validators:
            self._validators[name] = Draft202012Validator(self.inline(self.documents[name], name),
                                                          format_checker=Draft202012Validator.FORMAT_CHECKER)
        return self._validators[name]

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


def coerce(value, schema: dict | None, doc_name: str, schemas: SchemaSet, doc: Document, path: tuple = ()):
    """Where the schema expects text and YAML read a number, keep the text exactly as written."""
    if schema is None:
        return value
    schema, doc_name = schemas.resolve(schema, doc_name)
    if isinstance(value, dict):
        return {k: coerce(v, *schemas.child(schema, doc_name, k), schemas, doc, path + (k,)) for k, v in value.items()}
    if isinstance(value, list):
        return [coerce(v, *schemas.child(schema, doc_name, i), schemas, doc, path + (i,)) for i, v in enumerate(value)]
    if schema.get("type") == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return doc.raw.get(path, str(value))
    return value


def check(doc: Document, schemas: SchemaSet, name: str) -> None:
    """Validate doc.data against schema `name`, adding one problem per broken field to doc."""
    doc.data = coerce(doc.data, schemas.documents[name], name, schemas, doc)
    errors = list(schemas.validator(name).iter_errors(doc.data))
    reported: set[tuple] = set()
    for err in sorted(errors, key=lambda e: (_PRIORITY.index(e.validator) if e.validator in _PRIORITY else 99)):
        for path, code, params, on_key in _translate(err, schemas):
            # one message per field; a parent already reported covers its children
            if any(path[: len(seen)] == seen for seen in reported if seen):
                continue
            if path in reported:
                continue
            reported.add(path)
            doc.problem(path, code, at_key=on_key, **params)


def _translate(err, schemas: SchemaSet) -> list[tuple]:
    """Map one jsonschema error to (path, message code, params, point-at-key) tuples."""
    path = tuple(err.absolute_path)
    kw, schema, inst = err.validator, err.schema, err.instance
    expected = _expected(schema)
    if kw == "required":
        missing = re.match(r"^'(.+)' is a required property$", err.message)
        name = missing.group(1) if missing else str(err.validator_value)
        return [(path + (name,), "schema.required", {"name": name}, False)]
    if kw == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for key in sorted(set(inst) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            code = "schema.unknown_key_suggest" if close else "schema.unknown_key"
            out.append((path + (key,), code, {"key": key, "suggestion": close[0] if close else "",
                                               "allowed": ", ".join(allowed)}, True))
        return out
    if kw == "type":
        want = err.validator_value
        if want == "object" and "da" in schema.get("properties", {}) and isinstance(inst, str):
            return [(path, "schema.localized_plain_string", {}, False)]
        code = {"boolean": "schema.type_boolean", "integer": "schema.type_integer", "string": "schema.type_string",
                "array": "schema.type_array", "object": "schema.type_object", "number": "schema.type_integer"}
        return [(path, code.get(want, "schema.type"), {"value": _show(inst)}, False)]
    if kw == "minProperties":
        return [(path, "schema.localized_empty", {}, False)]
    if kw == "anyOf":
        return [(path, "schema.contact_reach", {}, False)]
    if kw == "enum":
        allowed = [str(v) for v in err.validator_value]
        close = difflib.get_close_matches(str(inst), allowed, n=1, cutoff=0.5)
        return [(path, "schema.enum", {"value": _show(inst), "allowed": ", ".join(allowed),
                                       "suggestion": close[0] if close else ""}, False)]
    if kw == "format" and err.validator_value == "date":
        return [(path, "schema.date", {"value": _show(inst)}, False)]
    if kw in ("pattern", "format") and schema.get("format") == "uri":
        return [(path, "schema.url", {"value": _show(inst)}, False)]
    if kw in ("pattern", "format"):
        return [(path, "schema.pattern", {"value": _show(inst), "expected": expected}, False)]
    if kw == "minItems":
        code = "schema.min_items_one" if err.validator_value == 1 else "schema.min_items"
        return [(path, code, {"count": err.validator_value}, False)]
    if kw == "maxItems":
        return [(path, "schema.max_items", {"count": err.validator_value}, False)]
    if kw == "minLength":
        return [(path, "schema.empty", {}, False)]
    if kw == "maxLength":
        return [(path, "schema.too_long", {"length": len(inst), "limit": err.validator_value}, False)]
    if kw == "minimum":
        return [(path, "schema.too_small", {"value": inst, "limit": err.validator_value}, False)]
    if kw == "maximum":
        return [(path, "schema.too_large", {"value": inst, "limit": err.validator_value}, False)]
    if kw == "uniqueItems":
        seen, dupes = [], []
        for item in inst:
            (dupes if item in seen else seen).append(item)
        return [(path, "schema.duplicate_item", {"value": ", ".join(_show(d) for d in dupes)}, False)]
    return [(path, "schema.other", {"detail": err.message}, False)]


def _expected(schema: dict) -> dict:
    """The field's own description, split into its Danish and Swedish halves (English: the pattern)."""
    desc = schema.get("description", "")
    da, _, sv = desc.partition(" — ")
    en = f"pattern {schema['pattern']}" if "pattern" in schema else desc
    return {"en": en, "da": da.strip().rstrip("."), "sv": (sv or da).strip().rstrip(".")}


def _show(value) -> str:
    """A value as the person wrote it, shortened for messages."""
    text = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def iter_nodes(value, schema: dict | None, doc_name: str, schemas: SchemaSet, path: tuple = ()):
    """Yield (path, value, resolved schema) for every node of a document that the schema describes."""
    if schema is None:
        return
    schema, doc_name = schemas.resolve(schema, doc_name)
    yield path, value, schema
    if isinstance(value, dict):
        for key, child in value.items():
            sub, name = schemas.child(schema, doc_name, key)
            yield from iter_nodes(child, sub, name, schemas, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            sub, name = schemas.child(schema, doc_name, index)
            yield from iter_nodes(child, sub, name, schemas, path + (index,))
