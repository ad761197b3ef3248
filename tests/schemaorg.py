"""JSON-LD checked against schema.org's vocabulary (vendor/schemaorg/vocabulary.json, see its README): every type
exists, every property exists and is defined on one of the node's types or their superclasses, and every value fits
the property's range (a node of a type in the range or below it, a literal where the range has a data type, an
enumeration member where it has the enumeration). Not a test module: tests/test_structured_data.py uses it."""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator

from helpers import ROOT

VOCABULARY = ROOT / "vendor" / "schemaorg" / "vocabulary.json"
SCHEMA = "https://schema.org/"
# schema.org's data types and the JSON values each accepts: Date and DateTime as ISO 8601 text (a Date of reduced
# precision too, such as a year of foundation: 2014).
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
URL = re.compile(r"^(https?://|mailto:|tel:)\S+$")


@functools.cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


@functools.cache
def ancestors(name: str) -> frozenset[str]:
    """A type and every type above it."""
    found = {name}
    for parent in vocabulary()["types"].get(name, []):
        found |= ancestors(parent)
    return frozenset(found)


def _name(value: str) -> str:
    """A schema.org term written as a name or as its full address."""
    return value.removeprefix(SCHEMA).removeprefix("http://schema.org/")


def _fits_literal(value, ranges: list[str]) -> bool:
    """Whether a JSON string, number or boolean is a value of one of the ranges."""
    kinds = {kind for name in ranges for kind in ancestors(name)}
    if isinstance(value, bool):
        return "Boolean" in kinds
    if isinstance(value, int | float):
        return bool(kinds & {"Number", "Integer", "Float", "Text"})
    if "Text" in kinds:
        return True
    members = vocabulary()["members"]
    if _name(value) in members:  # an enumeration member, e.g. https://schema.org/OfflineEventAttendanceMode
        return any(set(ranges) & ancestors(enumeration) for enumeration in members[_name(value)])
    return (("URL" in kinds and bool(URL.match(value))) or ("Date" in kinds and bool(DATE.match(value)))
            or ("DateTime" in kinds and bool(DATE_TIME.match(value) or DATE.match(value))))


def problems(node, path: str = "$", expected: list[str] | None = None) -> Iterator[str]:
    """Every way a JSON-LD value breaks schema.org's vocabulary (expected: the ranges of the property it is the value
    of; None at the top)."""
    if isinstance(node, list):
        for number, item in enumerate(node):
            yield from problems(item, f"{path}[{number}]", expected)
        return
    if not isinstance(node, dict):
        if expected is not None and not _fits_literal(node, expected):
            yield f"{path}: {node!r} is not a value of {'/'.join(expected)}"
        return
    if "@graph" in node:
        yield from problems(node["@graph"], f"{path}.@graph")
        return
    if set(node) == {"@id"}:  # a reference to a node described elsewhere
        return
    types = node.get("@type")
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if not names:
        yield f"{path}: no @type"
        return
    known = vocabulary()["types"]
    for name in names:
        if name not in known:
            yield f"{path}: @type {name!r} is not a schema.org type"
    lineage = {kind for name in names if name in known for kind in ancestors(name)}
    if expected is not None and names and not lineage & set(expected):
        yield f"{path}: a {'/'.join(names)} is not a value of {'/'.join(expected)}"
    properties = vocabulary()["properties"]
    for key, value in node.items():
        if key.startswith("@"):
            if key not in ("@context", "@type", "@id"):
                yield f"{path}: {key} is not used by Bro's JSON-LD"
            elif key == "@context" and value != SCHEMA.rstrip("/"):
                yield f"{path}: @context {value!r}"
            continue
        # Actions describe their inputs as '<property>-input' (schema.org/docs/actions.html)
        base = key.removesuffix("-input").removesuffix("-output")
        if base not in properties:
            yield f"{path}.{key}: not a schema.org property"
            continue
        domains = properties[base]["domains"]
        if not lineage & set(domains):
            yield f"{path}.{key}: not defined on {'/'.join(names)} (only on {', '.join(domains)})"
        ranges = ["PropertyValueSpecification", "Text"] if base != key else properties[base]["ranges"]
        yield from problems(value, f"{path}.{key}", ranges)

