"""How much of a file Bro reads at most, checked before and around parsing: its size in bytes, how deep its lists
and mappings nest, and how many problems of one kind are listed for it. (The limits on values, lengths, numbers and
dates, are in the schemas.)"""
from __future__ import annotations

import re

import yaml

from bro.problems import Problem

# The largest record the schemas allow (every text at its longest, every list full) is about half a million
# characters: 1 MB in UTF-8 if every one of them were an æ, ø, å, ä or ö. tests/test_bounds.py computes it from the
# schemas and checks that it stays within half this limit.
MAX_FILE_BYTES = 2 * 1024 * 1024
# Lists and mappings inside each other, the file's own mapping counted: Bro's records need 4 (references[0].title).
MAX_DEPTH = 20
# Text that cannot nest deeper than this is handed to PyYAML's composer directly (far from where its recursion
# fails); text that might is first read event by event.
COMPOSED_DEPTH = 200
# Problems of one kind listed per file; the rest are counted in one line.
MAX_SAME_PROBLEMS = 10

# What may stand at the start of a line before the first key of a block collection: indentation, the indicators of
# compact nesting ('- - a', '- a: b', '? - a') and node properties (&anchor, !tag).
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:---|[-?:]|[&!][^ \t\r\n]*)[ \t]+)*", re.M)
_OPENED, _CLOSED = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_EventLoader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


def read_bounded(path) -> bytes | None:
    """The file's bytes, or None when it is larger than MAX_FILE_BYTES (never reads more than that)."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def too_large(name: str) -> Problem:
    """The problem of a file larger than MAX_FILE_BYTES."""
    return Problem(name, 1, 1, (), "file.too_large", {"limit": f"{MAX_FILE_BYTES // (1024 * 1024)} MB"})


def too_deep(name: str, mark) -> Problem:
    """The problem of a list or mapping nested deeper than MAX_DEPTH, at its start."""
    return Problem(name, mark.line + 1, mark.column + 1, (), "yaml.too_deep", {"limit": MAX_DEPTH})


def find_too_deep(text: str, name: str) -> Problem | None:
    """A problem at the first list or mapping nested deeper than MAX_DEPTH, if text might nest deeper than PyYAML's
    composer can take (it recurses once per level: 200,000 levels crash the process). Such text is read event by
    event, without recursion, up to the first level too deep; any other text is composed, and the loader counts
    its levels itself (yamlload._construct)."""
    if _nesting_bound(text) <= COMPOSED_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            if isinstance(event, _OPENED):
                depth += 1
                if depth > MAX_DEPTH:
                    return too_deep(name, event.start_mark)
            elif isinstance(event, _CLOSED):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error before the limit: the composer stops there too, and loading reports it
    return None


def _nesting_bound(text: str) -> int:
    """How deep text can nest at most (a cheap, sure upper bound). A flow collection opens with '[' or '{'.
    Nested block collections start further right than the one they are in (a sequence written under its key, at
    the key's own column, being the one exception), and a block collection starts after what _BLOCK_PREFIX matches
    on its first line, so block nesting is at most twice the widest such prefix, plus one."""
    flow = text.count("[") + text.count("{")
    if flow > COMPOSED_DEPTH:
        return flow
    return 2 * (max(len(found) for found in _BLOCK_PREFIX.findall(text)) + 1) + flow


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
        first, last = shown[code][0], omitted[-1]
        kept.append(Problem(omitted[0].file, omitted[0].line, omitted[0].column, omitted[0].field_path,
                            "file.more_problems", {"count": len(omitted), "line": first.line,
                                                   "last_line": last.line}, first.severity))
    return kept
