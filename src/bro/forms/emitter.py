"""YAML out: a new data file's text, or an existing file's text with edits applied keeping its comments and layout
(the style of templates/), keys in the schema's order.

User text never becomes YAML by joining strings: records are built as plain values and emitted by ruamel.yaml
with a resolver that reads plain scalars exactly as Bro's strict loader does. Every emitted text is loaded back
with that loader and compared with the intended data before it is written."""
from __future__ import annotations

import copy
import io
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bro.forms.definitions import BAD_CHARACTERS
from bro.schema import SchemaSet
from bro.yamlload import load_text


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
    odd = BAD_CHARACTERS.search(text) or "\t" in text or any(c in text for c in "\x85\u2028\u2029\ufeff")
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


def order_keys(schemas: SchemaSet, schema_name: str) -> dict[tuple, list[str]]:
    """For each mapping a form may add to (by path, list indexes left out), its keys in schema order."""
    orders = _IndexFreeOrders()

    def walk(schema, doc_name, path):
        """Record the key order of the mapping at path and of every mapping below it."""
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
