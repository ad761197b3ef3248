"""How much of a file Bro reads at most, checked before and around parsing: its size in bytes, how deep its lists
and mappings nest, and how many problems of one kind are listed for it. (The limits on values, lengths, numbers and
dates, are in the schemas.)"""
from __future__ import annotations

import functools
import os
import re

import yaml

from bro.problems import Problem

# The largest record the schemas allow (every text at its longest, every list full) is about half a million
# characters: 1 MB in UTF-8 if every one of them were an æ, ø, å, ä or ö. tests/test_bounds.py computes it from the
# schemas and checks that it stays within half this limit.
MAX_FILE_BYTES = 2 * 1024 * 1024
# Values in one file: every key, text, number, list and mapping (an alias counted as one). The largest records have
# about 2,000, the list of municipalities 4,700 (tests/test_bounds.py counts them); reading one costs microseconds.
MAX_VALUES = 20_000
# Lists and mappings inside each other, the file's own mapping counted: Bro's records need 4 (references[0].title).
MAX_DEPTH = 20
# Text that cannot nest deeper than this (and is short) is handed to PyYAML's composer directly, far from where its
# recursion fails; text that might is first read event by event.
COMPOSED_DEPTH = 200
# Problems of one kind listed per file; the rest are counted in one line.
MAX_SAME_PROBLEMS = 10

_OPENED, _CLOSED = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_VALUES = (yaml.ScalarEvent, yaml.AliasEvent, *_OPENED)
_EventLoader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


def read_bounded(path) -> bytes | None:
    """The file's bytes, or None when it is larger than MAX_FILE_BYTES (never reads more than that; a device or a
    pipe, which has no size, is read up to the limit)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        data = fh.read(size + 1 if 0 < size <= MAX_FILE_BYTES else MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def too_large(name: str) -> Problem:
    """The problem of a file larger than MAX_FILE_BYTES."""
    return Problem(name, 1, 1, (), "file.too_large", {"limit": f"{MAX_FILE_BYTES // (1024 * 1024)} MB"})


def too_deep(name: str, mark) -> Problem:
    """The problem of a list or mapping nested deeper than MAX_DEPTH, at its start."""
    return Problem(name, mark.line + 1, mark.column + 1, (), "yaml.too_deep", {"limit": MAX_DEPTH})


def too_many_values(name: str, mark) -> Problem:
    """The problem of a file with more than MAX_VALUES values, at the first one too many."""
    return Problem(name, mark.line + 1, mark.column + 1, (), "yaml.too_many_values", {"limit": number(MAX_VALUES)})


def number(value: int) -> dict[str, str]:
    """A number for a message, grouped as each language writes it: 20,000 / 20.000 / 20 000."""
    grouped = f"{value:,}"
    return {"en": grouped, "da": grouped.replace(",", "."), "sv": grouped.replace(",", "\u00a0")}


def find_too_big(text: str, name: str) -> Problem | None:
    """A problem at the first value beyond MAX_VALUES or the first list or mapping nested deeper than MAX_DEPTH, if
    text might hold that many or nest that deep: it is read event by event (without recursion, and only up to that
    point) before PyYAML composes it. Composing recurses once per level (200,000 levels crash the process), and
    costs a few microseconds a value (a file of 2 MB can hold a million). Any other text is composed, and
    yamlload counts its levels itself, to the same limit."""
    # a text this short cannot hold MAX_VALUES values: a value takes a character at least
    if len(text) <= MAX_VALUES // 2 and not might_nest_deeper(text, COMPOSED_DEPTH):
        return None
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            if isinstance(event, _VALUES):
                values += 1
                if values > MAX_VALUES:
                    return too_many_values(name, event.start_mark)
            if isinstance(event, _OPENED):
                depth += 1
                if depth > MAX_DEPTH:
                    return too_deep(name, event.start_mark)
            elif isinstance(event, _CLOSED):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error before a limit: the composer stops there too, and loading reports it
    return None


def might_nest_deeper(text: str, levels: int) -> bool:
    """Whether text might nest more than levels deep (False is sure). A flow collection opens with '[' or '{'.
    Nested block collections start further right than the one they are in (a sequence written under its key, at
    the key's own column, being the one exception), after the indentation and the indicators of compact nesting
    ('- - a', '- a: b', '? - a', '--- - a') at the start of their first line (node properties, &anchor or !tag, come
    before the first key, where a collection starts, or end the line): block nesting is at most twice the widest
    such start, plus one."""
    flow = text.count("[") + text.count("{")
    if flow > levels:
        return True
    if any(brk in text for brk in _OTHER_BREAKS):
        text = text.translate(_AS_NEWLINE)
    return _wide_start((levels - flow) // 2).search("\n" + text) is not None  # (2 * (that + 1) + flow > levels)


_OTHER_BREAKS = "\r\x85\u2028\u2029"  # what YAML also reads as the end of a line
_AS_NEWLINE = str.maketrans(dict.fromkeys(_OTHER_BREAKS, "\n"))


@functools.cache
def _wide_start(width: int) -> re.Pattern:
    """A line that starts with width characters of indentation or compact nesting."""
    return re.compile(rf"\n[ \t?:-]{{{width}}}")


def cap_repeated(problems: list[Problem]) -> list[Problem]:
    """The first MAX_SAME_PROBLEMS problems of each kind in one file (by position), and for each kind with more,
    one problem that counts the rest: a million aliases give eleven lines, not a million."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.code] = counts.get(problem.code, 0) + 1
    if all(count <= MAX_SAME_PROBLEMS for count in counts.values()):
        return problems
    kept: list[Problem] = []
    shown: dict[str, list[Problem]] = {}
    rest: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=Problem.sort_key):
        seen = shown.setdefault(problem.code, [])
        if len(seen) < MAX_SAME_PROBLEMS:
            seen.append(problem)
            kept.append(problem)
        else:
            rest.setdefault(problem.code, []).append(problem)
    for code, omitted in rest.items():
        kept.append(more_like(shown[code][0], omitted[0], len(omitted), omitted[-1].line))
    return kept


def more_like(first: Problem, omitted: Problem, count: int, last_line: int) -> Problem:
    """One problem that stands for count more like first, from where the first omitted one is to last_line."""
    return Problem(omitted.file, omitted.line, omitted.column, omitted.field_path, "file.more_problems",
                   {"count": number(count), "line": first.line, "last_line": last_line}, first.severity)
