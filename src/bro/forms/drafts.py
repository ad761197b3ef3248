"""The data file a form produces: the record it names (a page address or short name), its new or edited text, and
which question each value came from, so that the validator's problems can be tied to a question."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bro import LANGUAGES, urls
from bro.catalog import SLUG, suggest_slug
from bro.collisions import choose_slug
from bro.forms.buyer import SOURCES as BUYER_SOURCES
from bro.forms.buyer import settle_buyer
from bro.forms.definitions import COLLECTION, DATA_PATHS, FormProblem, list_questions
from bro.forms.emitter import edit_record, emit_record, order_keys, sort_by_schema
from bro.forms.records import build_supplier, build_tender, name_tender, plan_change
from bro.problems import Problem
from bro.schema import SchemaSet
from bro.yamlload import load_text

# The folders a pasted page address or file path names a collection by: the record pages' folder in each language
# (bro.urls.SEGMENTS) and the data folder.
_COLLECTION_DIRS = {**{urls.SEGMENTS[kind][lang]: COLLECTION[kind] for kind in ("supplier", "tender")
                       for lang in LANGUAGES}, "suppliers": "suppliers", "tenders": "tenders"}


@dataclass
class Draft:
    """The data file a form produces: its path, new text, and which question each value came from; companions are
    further new files of the same pull request (a tender's new registry buyer), editor_notes what it tells the
    editor about them (text key of the pr section, parameters)."""

    kind: str
    path: str
    text: str | None
    new: bool
    sources: dict = field(default_factory=dict)
    rewritten: bool = False
    note: str = ""
    companions: list[Draft] = field(default_factory=list)
    editor_notes: list[tuple[str, dict]] = field(default_factory=list)


def make_draft(kind: str, lang: str, values: dict, root: Path, today: dt.date) -> tuple[Draft | None, list]:
    """The data file a form's answers produce (new or edited), or the problems that stop it."""
    if kind in ("supplier", "tender"):
        if kind == "supplier":
            data, sources, problems = build_supplier(values, lang, today)
        else:
            data, sources, problems = build_tender(values, lang)
        if problems:
            return None, problems
        return draft_record(kind, lang, data, sources, root)
    schemas = SchemaSet(root / "schemas")
    field_id = {"change": "profile", "interest": "entry"}[kind]
    target = resolve_reference(values[field_id], (COLLECTION[kind],), root)
    if isinstance(target, FormProblem):
        return None, [FormProblem(field_id, target.code, target.params)]
    collection, slug = target
    path = f"data/{collection}/{slug}.yml"
    original = (root / path).read_text(encoding="utf-8")
    current = load_text(original, path).data
    if not isinstance(current, dict):
        return None, [FormProblem(field_id, "unreadable_record")]
    ops, sources, problems = _plan_edits(kind, collection, values, lang, current, root, today)
    if problems:
        return None, problems
    if not ops:
        return Draft(kind, path, None, False, sources, note=values.get("other_changes", "")), []
    schema_name = f"{collection[:-1]}.schema.json"
    text, rewritten = edit_record(original, ops, order_keys(schemas, schema_name))
    return Draft(kind, path, text, False, sources, rewritten, values.get("other_changes", "")), []


def draft_record(kind: str, lang: str, data: dict, sources: dict, root: Path) -> tuple[Draft | None, list]:
    """The new data file of a supplier or tender record (built from a form's answers, or received whole by e-mail,
    bro.forms.mail): a tender's buyer settled against the registry, the keys in the schema's order, the file named
    after the record (a free slug) and emitted in Bro's style; or the problems that stop it."""
    schemas = SchemaSet(root / "schemas")
    collection, schema_name = COLLECTION[kind], f"{kind}.schema.json"
    buyer = None
    if kind == "supplier":
        slug_text = data.get("name") if isinstance(data.get("name"), str) else ""
    else:
        typed = data.get("buyer")
        if typed is None or isinstance(typed, dict):  # anything else is the validator's to word
            buyer = settle_buyer(typed or {}, root)
            data = {**data, "buyer": buyer.block}
        if buyer is not None and buyer.problem:
            return None, [FormProblem(*buyer.problem)]
        slug_text = name_tender(data, lang)
    taken = {p.stem for p in (root / "data" / collection).glob("*.yml")}
    data = sort_by_schema(data, order_keys(schemas, schema_name))
    text, rewritten = emit_record(data, schema_name)
    path = f"data/{collection}/{choose_slug(slug_text, taken, kind, urls.content_files(root))}.yml"
    draft = Draft(kind, path, text, True, sources, rewritten)
    if buyer is not None:
        draft.editor_notes = buyer.notes
        if buyer.new_path:
            buyer_text, buyer_rewritten = emit_record(
                sort_by_schema(buyer.new_data, order_keys(schemas, "buyer.schema.json")), "buyer.schema.json")
            draft.companions.append(Draft(kind, buyer.new_path, buyer_text, True, dict(BUYER_SOURCES),
                                          buyer_rewritten))
    return draft, []


def _plan_edits(kind: str, collection: str, values: dict, lang: str, current: dict, root: Path, today: dt.date):
    """The edits for a change or interest form: (ops, sources, problems)."""
    if kind == "change":
        return plan_change(values, lang, current, today)
    supplier = resolve_reference(values["supplier"], ("suppliers",), root)
    if isinstance(supplier, FormProblem):
        return [], {}, [FormProblem("supplier", supplier.code, supplier.params)]
    slug = supplier[1]
    interested = current.get("interested") if isinstance(current.get("interested"), list) else []
    if slug in interested:
        return [], {}, [FormProblem("supplier", "already_interested")]
    return [("append", ("interested",), slug)], {("interested", len(interested)): "supplier"}, []


def read_reference(text: str) -> tuple[str, str | None]:
    """The slug a page address, file path or short name names, and the folder before it (a collection's pages or
    data folder, if any): the part of resolve_reference that needs no files (form-record.js does the same)."""
    text = text.strip()
    if "/" not in text:
        return (text if SLUG.match(text) else suggest_slug(text)).lower(), None
    path = urlparse(text).path if "://" in text else text
    parts = [p for p in path.split("/") if p]
    slug = re.sub(r"\.(html|yml|md)$", "", parts[-1]) if parts else ""
    return slug.lower(), parts[-2] if len(parts) > 1 else None


def resolve_reference(text: str, collections: tuple[str, ...], root: Path) -> tuple[str, str] | FormProblem:
    """The (collection, slug) a page address or short name points to, or the problem with it."""
    text = text.strip()
    known = {c: {p.stem for p in (root / "data" / c).glob("*.yml")} for c in collections}
    slug, folder = read_reference(text)
    wanted = (_COLLECTION_DIRS[folder],) if _COLLECTION_DIRS.get(folder) in collections else collections
    hits = [c for c in wanted if slug in known[c]]
    if len(hits) == 1:
        return hits[0], slug
    code = "ambiguous_record" if hits else "unknown_profile" if collections == ("suppliers",) \
        else "unknown_entry" if collections == ("tenders",) else "unknown_record"
    close = difflib.get_close_matches(slug, sorted(set().union(*(known[c] for c in wanted))), n=1, cutoff=0.6)
    if close and not hits and code != "unknown_record":
        return FormProblem(None, code + "_suggest", {"value": text, "suggestion": close[0]})
    return FormProblem(None, code, {"value": text})


def find_question(kind: str, lang: str, sources: dict, path: tuple) -> str | None:
    """The question behind a data path: where the value came from, else the question that writes there."""
    for length in range(len(path), 0, -1):
        if path[:length] in sources:
            return sources[path[:length]]
    paths = DATA_PATHS[kind]
    asked = [f.id for f, _ in list_questions(kind, lang) if f.id in paths]
    for length in range(len(path), 0, -1):
        prefix = path[:length]
        for field_id in asked:
            target = paths[field_id]
            if target == prefix or target[:length] == prefix or prefix[:len(target)] == target:
                return field_id
    return None


def _find_owner(draft: Draft, problem: Problem) -> Draft:
    """The draft (or companion) whose file a problem is in."""
    return next((d for d in draft.companions if d.path == problem.file), draft)


def comes_from_form(draft: Draft, problem: Problem) -> bool:
    """Whether a problem concerns a value the form wrote (an edited file may hold older, unrelated ones)."""
    draft, path = _find_owner(draft, problem), problem.field_path
    return draft.new or any(path[:length] in draft.sources for length in range(1, len(path) + 1))


def tie_to_question(kind: str, lang: str, draft: Draft, problem: Problem) -> FormProblem:
    """A validator problem, tied to the question its value came from."""
    return FormProblem(find_question(kind, lang, _find_owner(draft, problem).sources, problem.field_path), "validator",
                       {"problem": problem})
