"""Supplier names across files: one name, one organisation; a name that looks like another's is shown to the editor.
Names are grouped by their comparison keys and each group is reported from counts (no pair of suppliers is
compared), so this stays linear however many suppliers or copies there are."""
from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from bro import lookalike
from bro.yamlload import Document

SHOWN_FILES = 3  # a message names at most this many other files, then says how many more


def org_identity(data: dict) -> str | None:
    """The organisation behind a record: country and org number digits (None when there is no number)."""
    number = data.get("org_number")
    if not isinstance(number, str):
        return None
    return f"{data.get('country')}:{re.sub(r'[^0-9]', '', number)}"


NAME_CODES = {"suppliers": ("supplier.duplicate_name", "supplier.confusable_name"),
              "buyers": ("buyer.duplicate_name", "buyer.confusable_name")}


def check_unique_names(docs: list[Document], collection: str) -> None:
    """Within a collection of organisations (suppliers, buyers): an exact duplicate of another organisation's name
    (NFKC, case and spaces aside) is an error in both files; a name that can be mistaken for another's (same Unicode
    skeleton) is a warning in both. Each names the other file. Files whose name or org number is already in error
    take no part (they cannot be built anyway)."""
    duplicate, confusable = NAME_CODES[collection]
    entries = [_Entry(doc) for doc in docs if _takes_part(doc)]
    exact: dict[str, list[_Entry]] = {}
    alike: dict[str, list[_Entry]] = {}
    for entry in entries:
        exact.setdefault(entry.key, []).append(entry)
        alike.setdefault(lookalike.look_key(entry.name), []).append(entry)
    for group in exact.values():
        if len(group) > 1:
            _report(group, duplicate, "error", same_key_counts=False)
    for group in alike.values():
        if len(group) > 1 and len({entry.key for entry in group}) > 1:
            _report(group, confusable, "warning", same_key_counts=True)


class _Entry:
    """An organisation's file taking part: its document, name, exact-comparison key and organisation."""

    __slots__ = ("doc", "name", "key", "identity")

    def __init__(self, doc: Document) -> None:
        self.doc, self.name = doc, doc.data["name"]
        self.key, self.identity = lookalike.name_key(self.name), org_identity(doc.data)


def _takes_part(doc: Document) -> bool:
    """An organisation whose name is text and whose name and org number have no error."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("name"), str):
        return False
    return org_identity(doc.data) is not None and not any(
        p.field_path in (("name",), ("org_number",)) and p.severity == "error" for p in doc.problems)


def _report(group: list[_Entry], code: str, severity: str, same_key_counts: bool) -> None:
    """Report code on every entry of a group that has others of another organisation (and, for look-alikes, of
    another exact name), naming the first few of them; counted, not compared pair by pair."""
    by_identity = Counter(entry.identity for entry in group)
    by_key = Counter(entry.key for entry in group) if same_key_counts else Counter()
    by_both = Counter((entry.identity, entry.key) for entry in group) if same_key_counts else Counter()
    for entry in group:
        count = len(group) - by_identity[entry.identity]
        if same_key_counts:
            count -= by_key[entry.key] - by_both[(entry.identity, entry.key)]
        if count <= 0:
            continue
        others = list(islice((other for other in group if other.identity != entry.identity
                              and (not same_key_counts or other.key != entry.key)), SHOWN_FILES))
        params = {"value": entry.name, "other": _files([other.doc.path for other in others], count)}
        if same_key_counts:
            params["other_name"] = others[0].name
        entry.doc.problem(("name",), code, severity=severity, **params)


def _files(paths: list[str], count: int) -> dict[str, str]:
    """Some file names for a message, and how many more there are, in each message language."""
    shown = ", ".join(paths)
    more = count - len(paths)
    if more <= 0:
        return {"en": shown, "da": shown, "sv": shown}
    return {"en": f"{shown} and {more} more", "da": f"{shown} og {more} andre", "sv": f"{shown} och {more} till"}
