"""Strict YAML loading: plain values plus the source position of every key and value."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bro import limits
from bro.problems import Problem

Path_ = tuple  # a path into a document: ("contacts", 0, "email")


class _StrictResolver(yaml.resolver.Resolver):
    """Resolve only unambiguous plain scalars; everything else stays the text that was written."""

    def resolve(self, kind, value, implicit):
        """BaseResolver.resolve with the resolver lists looked up once (it runs for every node of every file)."""
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _IMPLICIT[None]):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        if kind is yaml.MappingNode:
            return self.DEFAULT_MAPPING_TAG
        return None


_StrictResolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", list("tf")),
    ("tag:yaml.org,2002:int", r"^(?:0|-?[1-9][0-9]*)$", list("-0123456789")),
    ("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$", list("-0123456789")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|)$", ["~", "n", ""]),
]:
    _StrictResolver.add_implicit_resolver(_tag, re.compile(_regexp), _first)
# first character -> the resolvers BaseResolver.resolve would try, in its order
_IMPLICIT = {first: resolvers + _StrictResolver.yaml_implicit_resolvers.get(None, [])
             for first, resolvers in _StrictResolver.yaml_implicit_resolvers.items() if first is not None}
_IMPLICIT[None] = list(_StrictResolver.yaml_implicit_resolvers.get(None, []))


if yaml.__with_libyaml__:
    class _StrictLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _StrictResolver):
        """libyaml's parser (fast) with the safe constructor and the strict resolver."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _StrictResolver.__init__(self)
else:  # pragma: no cover - PyYAML without libyaml
    class _StrictLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                        yaml.constructor.SafeConstructor, _StrictResolver):
        """The pure-Python parser with the safe constructor and the strict resolver."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _StrictResolver.__init__(self)


_SKIP = object()  # a value that was reported and is left out of the data
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


@dataclass(slots=True)
class Position:
    """Where a key or value starts in its file (1-based)."""

    line: int
    column: int
    block: bool = False  # a literal or folded block scalar: text starts on the next line


@dataclass
class Document:
    """One loaded YAML file: its data (None if unreadable) and where everything stands."""

    path: str
    data: object = None
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path_, key: bool = False) -> Position:
        """Position of the value (or key) at path, falling back to the nearest parent."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))

    def problem(self, path: Path_, code: str, at_key: bool = False, severity: str = "error",
                text_line: int | None = None, **params) -> Problem:
        """Record a problem at path (or at line text_line of a multi-line text there)."""
        pos = self.position(path, key=at_key)
        line, column = pos.line, pos.column
        if text_line and (pos.block or text_line > 1):
            line, column = pos.line + text_line - (0 if pos.block else 1), 1
        prob = Problem(self.path, line, column, path, code, params, severity)
        self.problems.append(prob)
        return prob


def load_text(text: str, path: str) -> Document:
    """Parse YAML text strictly into a Document, collecting every problem found."""
    doc = Document(path)
    too_big = limits.find_too_big(text, path)
    if too_big:
        doc.problems.append(too_big)
        return doc
    tab_lines = _find_tabs(text, doc)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if not tab_lines:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            detail = exc.problem or str(exc)
            code = "yaml.multiple_documents" if "single document" in str(exc.context) else "yaml.syntax"
            doc.problems.append(Problem(path, line, col, (), code, {"detail": detail}))
        return doc
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        doc.problems.append(Problem(path, 1, 1, (), "yaml.syntax", {"detail": str(exc)}))
        return doc
    finally:
        loader.dispose()
    if node is None:
        doc.problems.append(Problem(path, 1, 1, (), "yaml.empty", {}))
        return doc
    if tab_lines:
        return doc
    if not isinstance(node, yaml.MappingNode):
        doc.problems.append(Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, (),
                                    "yaml.not_mapping", {}))
        return doc
    # Every text is NFC-normalized once, here, so that every later comparison (names, duplicates, vocabularies) sees
    # one form of "é"; positions stay those of the file. Most files are NFC already: one quick check for the whole.
    nfc = None if unicodedata.is_normalized("NFC", text) else functools.partial(unicodedata.normalize, "NFC")
    try:
        doc.data = _construct(node, (), doc, loader, set(), 1, nfc)
    except _TooDeepError as deep:  # as limits.find_too_big reports it: this problem alone
        doc.problems[:] = [deep.problem]
    return doc


def load_file(path: Path, display: str | None = None) -> Document:
    """Read a file as UTF-8 (unless it is larger than any record can be) and load it strictly."""
    name = display or str(path)
    data = limits.read_bounded(path)
    if data is None:
        doc = Document(name)
        doc.problems.append(limits.too_large(name))
        return doc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc = Document(name)
        line = data[: exc.start].count(b"\n") + 1
        doc.problems.append(Problem(name, line, 1, (), "yaml.encoding", {}))
        return doc
    return load_text(text, name)


def _find_tabs(text: str, doc: Document) -> bool:
    """Report the lines that contain a tab character (YAML forbids tabs for indentation): the first ones one by
    one, the others counted in one problem. Whether there are any."""
    if "\t" not in text:
        return False
    shown: list[Problem] = []
    omitted, count, last = None, 0, 0
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            if len(shown) < limits.MAX_SAME_PROBLEMS:
                shown.append(Problem(doc.path, number, line.find("\t") + 1, (), "yaml.tab", {}))
            else:
                omitted = omitted or Problem(doc.path, number, line.find("\t") + 1, (), "yaml.tab", {})
                count, last = count + 1, number
    doc.problems.extend(shown)
    if omitted:
        doc.problems.append(limits.more_like(shown[0], omitted, count, last))
    return True


_STR_TAG, _NULL_TAG, _INT_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:int"
_BLOCK_STYLES = ("|", ">")


class _TooDeepError(Exception):
    """A list or mapping nested deeper than limits.MAX_DEPTH."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def _construct(node: yaml.Node, path: Path_, doc: Document, loader: _StrictLoader, seen: set[int], depth: int,
               nfc=None):
    """Turn a node (a list or mapping at depth) into plain Python values, recording positions, duplicates and
    aliases; texts and keys through nfc (the NFC normalization) when the file is not in NFC already."""
    if id(node) in seen:
        doc.problem(path, "yaml.alias", at_key=True)
        return _SKIP
    seen.add(id(node))
    mark = node.start_mark
    scalar = isinstance(node, yaml.ScalarNode)
    doc.values[path] = Position(mark.line + 1, mark.column + 1, scalar and node.style in _BLOCK_STYLES)
    tag = node.tag
    if tag not in _PLAIN_TAGS:
        doc.problem(path, "yaml.unsupported_tag", tag=tag)
        return _SKIP
    if scalar:
        value = doc.raw[path] = nfc(node.value) if nfc else node.value
        if tag == _STR_TAG:
            return value  # what SafeConstructor.construct_yaml_str returns
        if tag == _NULL_TAG:
            return None  # what SafeConstructor.construct_yaml_null returns
        try:
            return loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError):
            if tag == _INT_TAG:  # more digits than Python turns into a number (4,300)
                doc.problem(path, "yaml.number_too_long", digits=len(value.lstrip("-")))
            else:
                doc.problem(path, "yaml.unsupported_tag", tag=tag)
            return _SKIP
    if depth > limits.MAX_DEPTH:
        raise _TooDeepError(limits.too_deep(doc.path, mark))
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        keys = doc.keys
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                doc.problems.append(Problem(doc.path, key_mark.line + 1, key_mark.column + 1, path,
                                            "yaml.complex_key", {}))
                continue
            key = nfc(key_node.value) if nfc else key_node.value
            child = path + (key,)
            if key in result:
                first = keys[child]
                doc.problems.append(Problem(doc.path, key_mark.line + 1, key_mark.column + 1,
                                            child, "yaml.duplicate_key", {"key": key, "first_line": first.line}))
                continue
            keys[child] = Position(key_mark.line + 1, key_mark.column + 1, key_node.style in _BLOCK_STYLES)
            value = _construct(value_node, child, doc, loader, seen, depth + 1, nfc)
            if value is not _SKIP:
                result[key] = value
        return result
    items = [_construct(item, path + (i,), doc, loader, seen, depth + 1, nfc) for i, item in enumerate(node.value)]
    return [item for item in items if item is not _SKIP]
