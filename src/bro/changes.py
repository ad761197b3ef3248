"""What a pull request changes, in plain words for editors and submitters.

Compares the catalog of the base commit with the pull request's: new, removed and renamed records of every
collection, changed fields by their Danish and Swedish titles from the schemas, notable transitions (a tender
now reserved or no longer reserved, a new status, a supplier now eligible for reserved contracts, a renewed
last_verified date) and the validator's problems in the changed files. Renders one Markdown text in Danish
followed by Swedish."""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from bro import content, files, reservations
from bro.catalog import COLLECTIONS, IGNORED_FILES, Catalog, load_catalog
from bro.escape import markdown_code, markdown_line, markdown_url
from bro.messages import text
from bro.model import Eligibility, Record
from bro.problems import Problem, errors_in, message, warnings_in
from bro.texts import AUTOMATION_LANGUAGES

COLLECTION_ORDER = ("suppliers", "tenders", "buyers", "cases", "events", "glossary", "organisations")
WATCHED = files.WATCHED  # folders listed for editors; other changed files count as program files
RENAME_SIMILARITY = 0.5  # share of equal top-level fields for a removed and a new file to count as one renamed
MAX_PROBLEMS = 30
MAX_FILES = 20
MAX_NAME = 120
MAX_POINTS = 10  # review points shown per page
MAX_POINT = 400  # characters of a review point shown
MAX_PARAM = 200  # a note's parameters: the site's own words (labels, the eligibility wording naming both acts)


@dataclass
class RecordChange:
    """One record file that the pull request adds, removes, renames or changes."""

    collection: str
    action: str  # added | removed | changed | renamed | formatting | unreadable
    file: str
    old_file: str | None = None
    name: dict = field(default_factory=dict)  # {"da": …, "sv": …}
    fields: list[tuple[str, str]] = field(default_factory=list)  # (field key, added|removed|changed)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (text key, params; a param may be {da, sv})


@dataclass
class Summary:
    """Everything the pull-request comment says."""

    records: list[RecordChange] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (path, added|removed|changed)
    reviews: dict[str, list[content.ReviewPoint]] = field(default_factory=dict)  # changed page → open points
    other: list[tuple[str, str]] = field(default_factory=list)  # other data and schema files
    program: list[str] = field(default_factory=list)  # changed files outside data/, content/, schemas/
    problems: list[Problem] = field(default_factory=list)  # errors, and new warnings, in the changed files
    elsewhere: int = 0  # errors in files this change does not touch
    titles: dict = field(default_factory=dict, repr=False)  # collection → field → {"da": …, "sv": …}

    @property
    def errors(self) -> list[Problem]:
        """Errors in the changed files."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """Warnings in the changed files."""
        return warnings_in(self.problems)


def summarize(base_root: Path, head_root: Path, today: dt.date | None = None,
              program: list[str] | None = None) -> Summary:
    """Compare two checkouts of the repository (the base commit and the pull request)."""
    base, head = load_catalog(base_root, today), load_catalog(head_root, today)
    base_files, head_files = list_files(base_root), list_files(head_root)
    changed = {path for path in base_files.keys() | head_files.keys() if base_files.get(path) != head_files.get(path)}
    summary = Summary(program=sorted(program or []), titles=field_titles(head_root))
    for collection in COLLECTION_ORDER:
        summary.records.extend(collection_changes(collection, base, head, changed, base_files, head_files))
    collection_dirs = {f"data/{collection}/" for collection in COLLECTIONS}
    for path in sorted(changed):
        how = "added" if path not in base_files else "removed" if path not in head_files else "changed"
        if path.startswith("content/"):
            summary.pages.append((path, how))
        elif not any(path.startswith(folder) and "/" not in path[len(folder):] for folder in collection_dirs):
            summary.other.append((path, how))
    summary.reviews = content.review_points(head_root, [path for path, how in summary.pages if how != "removed"])
    known = {(p.file, p.field_path, p.code) for p in base.warnings}
    summary.problems = [p for p in head.problems if p.file in changed
                        and (p.severity == "error" or (p.file, p.field_path, p.code) not in known)]
    summary.elsewhere = sum(1 for p in head.errors if p.file not in changed)
    return summary


def list_files(root: Path) -> dict[str, bytes]:
    """Every file under the watched folders: repository-relative path → content (a symbolic link by where it
    points, never read through)."""
    found = {}
    for folder in WATCHED:
        for path, link in files.walk(root, folder):
            if "__pycache__" not in path.parts:
                content = b"link: " + os.fsencode(os.readlink(path)) if link else path.read_bytes()
                found[path.relative_to(root).as_posix()] = content
    return found


def field_titles(root: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Each collection's top-level fields with their Danish and Swedish titles ("Navn / Namn")."""
    titles: dict[str, dict[str, dict[str, str]]] = {}
    for collection, schema_name in COLLECTIONS.items():
        path = root / "schemas" / schema_name
        readable = path.exists() and not files.linked(path, root)
        properties = json.loads(path.read_text(encoding="utf-8")).get("properties", {}) if readable else {}
        titles[collection] = {}
        for key, schema in properties.items():
            da, _, sv = str(schema.get("title") or key).partition(" / ")
            titles[collection][key] = {"da": da.strip(), "sv": (sv or da).strip()}
    return titles


def collection_changes(collection: str, base: Catalog, head: Catalog, changed: set[str],
                       base_files: dict[str, bytes], head_files: dict[str, bytes]) -> list[RecordChange]:
    """The changes to one collection's files, in file order."""
    before: dict[str, Record] = base.records(collection)  # files with errors too: the summary describes them
    after: dict[str, Record] = head.records(collection)
    folder = f"data/{collection}/"
    out: list[RecordChange] = []
    for slug in sorted(before.keys() & after.keys()):
        old, new = before[slug], after[slug]
        if new.source not in changed:
            continue
        if old.data == new.data:
            out.append(RecordChange(collection, "formatting", new.source, name=display_name(new)))
        else:
            out.append(RecordChange(collection, "changed", new.source, name=display_name(new),
                                    fields=changed_fields(old.data, new.data, head_order(head, collection)),
                                    notes=transitions(collection, old.data, new.data, head)))
    added = [after[s] for s in sorted(after.keys() - before.keys())]
    removed = [before[s] for s in sorted(before.keys() - after.keys()) if before[s].source not in head_files]
    for old, new in pair_renames(removed, [record for record in added if record.source not in base_files]):
        removed.remove(old)
        added.remove(new)
        out.append(RecordChange(collection, "renamed", new.source, old_file=old.source, name=display_name(new),
                                fields=changed_fields(old.data, new.data, head_order(head, collection)),
                                notes=transitions(collection, old.data, new.data, head)))
    for new in added:
        action = "changed" if new.source in base_files else "added"
        out.append(RecordChange(collection, action, new.source, name=display_name(new),
                                notes=new_record_notes(collection, new.data, head)))
    for old in removed:
        out.append(RecordChange(collection, "removed", old.source, name=display_name(old)))
    loaded = {record.source for record in after.values()}
    for path in sorted(changed):
        in_folder = path.startswith(folder) and "/" not in path[len(folder):]
        if in_folder and path in head_files and path not in loaded and Path(path).name not in IGNORED_FILES:
            out.append(RecordChange(collection, "unreadable", path))
    return sorted(out, key=lambda change: change.file)


def head_order(head: Catalog, collection: str) -> list[str]:
    """The schema's field order for a collection (the order a reader meets the fields in a file)."""
    orders = head.derived.field_order
    if collection not in orders:
        orders[collection] = list(field_titles(head.root)[collection])
    return orders[collection]


def pair_renames(removed: list[Record], added: list[Record]) -> list[tuple[Record, Record]]:
    """Removed and new files that hold mostly the same record: a renamed file."""
    pairs, taken = [], set()
    for old in removed:
        scored = [(similarity(old.data, new.data), new.slug, new) for new in added if new.slug not in taken]
        best = max(scored, key=lambda item: (item[0], item[1]), default=None)
        if best and best[0] >= RENAME_SIMILARITY:
            taken.add(best[1])
            pairs.append((old, best[2]))
    return pairs


def similarity(old: dict, new: dict) -> float:
    """The share of top-level fields that two records have in common with equal values."""
    keys = old.keys() | new.keys()
    return sum(1 for key in keys if key in old and key in new and old[key] == new[key]) / len(keys) if keys else 1.0


def changed_fields(old: dict, new: dict, order: list[str]) -> list[tuple[str, str]]:
    """Top-level fields that were added, removed or changed, in the schema's order."""
    keys = sorted(old.keys() | new.keys(), key=lambda k: (order.index(k) if k in order else len(order), k))
    out = []
    for key in keys:
        if key not in new:
            out.append((key, "removed"))
        elif key not in old:
            out.append((key, "added"))
        elif old[key] != new[key]:
            out.append((key, "changed"))
    return out


def _label(catalog: Catalog, vocabulary: str, code) -> dict[str, str]:
    """A code's label in Danish and Swedish (the code itself when unknown)."""
    return {lang: catalog.vocab.label(vocabulary, str(code), lang) for lang in AUTOMATION_LANGUAGES}


def _eligible(data: dict) -> bool:
    """Whether a supplier declares eligibility for reserved contracts (bro.model.rules.Eligibility)."""
    return Eligibility.of(data).declared


def _eligibility(catalog: Catalog, data: dict) -> dict[str, str]:
    """A supplier's declared eligibility in Danish and Swedish, in the site's one wording."""
    basis = Eligibility.of(data).basis
    return {lang: reservations.eligibility(catalog.vocab, basis, lang) for lang in AUTOMATION_LANGUAGES}


def transitions(collection: str, old: dict, new: dict, head: Catalog) -> list[tuple[str, dict]]:
    """Changes a reader of the plan or the directory notices: reservation, status, eligibility, verification."""
    notes: list[tuple[str, dict]] = []
    if collection == "tenders":
        was, now = old.get("reserved", "none"), new.get("reserved", "none")
        if was == "none" and now != "none":
            notes.append(("note.now_reserved", {"label": _label(head, "reservations", now)}))
        elif was != "none" and now == "none":
            notes.append(("note.no_longer_reserved", {}))
        elif was != now:
            notes.append(("note.reservation_changed", {"old": _label(head, "reservations", was),
                                                       "new": _label(head, "reservations", now)}))
        if reservations.execution_reserved(new) and not reservations.execution_reserved(old):
            notes.append(("note.now_execution_reserved", {}))
        elif reservations.execution_reserved(old) and not reservations.execution_reserved(new):
            notes.append(("note.no_longer_execution_reserved", {}))
        if old.get("status") != new.get("status"):
            notes.append(("note.status_changed", {"old": _label(head, "statuses", old.get("status")),
                                                  "new": _label(head, "statuses", new.get("status"))}))
    if collection == "suppliers":
        if _eligible(new) and not _eligible(old):
            notes.append(("note.now_eligible", {"label": _eligibility(head, new)}))
        elif _eligible(old) and not _eligible(new):
            notes.append(("note.no_longer_eligible", {"label": _eligibility(head, old)}))
        was, now = old.get("last_verified"), new.get("last_verified")
        if isinstance(was, str) and isinstance(now, str) and now > was:
            notes.append(("note.verified", {"old": was, "new": now}))
    return notes


def new_record_notes(collection: str, data: dict, head: Catalog) -> list[tuple[str, dict]]:
    """What stands out about a new record: a reserved tender, a supplier eligible for reserved contracts."""
    if collection == "tenders":
        notes = [("note.reserved", {"label": _label(head, "reservations", data["reserved"])})] \
            if data.get("reserved", "none") != "none" else []
        return notes + ([("note.execution_reserved", {})] if reservations.execution_reserved(data) else [])
    if collection == "suppliers" and _eligible(data):
        return [("note.eligible", {"label": _eligibility(head, data)})]
    return []


def display_name(record: Record) -> dict[str, str]:
    """A record's name for readers in Danish and Swedish: name, title, or the term itself."""
    data = record.data
    if record.kind in ("supplier", "buyer"):
        value = data.get("name")
    elif record.kind == "term":
        value = {lang: data.get(lang) for lang in AUTOMATION_LANGUAGES}
    else:
        value = data.get("title")
    names = {}
    for lang in AUTOMATION_LANGUAGES:
        if isinstance(value, dict):
            other = next((v for v in value.values() if isinstance(v, str) and v), None)
            chosen = value.get(lang) if isinstance(value.get(lang), str) and value.get(lang) else other
        else:
            chosen = value if isinstance(value, str) else None
        names[lang] = chosen or record.slug
    return names


# --- rendering ---------------------------------------------------------------------------------------------------


def _param(value, lang: str) -> str:
    """A note's parameter in lang (parameters may carry both languages)."""
    return markdown_line(value.get(lang, "") if isinstance(value, dict) else str(value), MAX_PARAM)


def _files(paths: list[tuple[str, str]], lang: str) -> str:
    """A short list of files with how each changed, and how many more there are."""
    shown = [f"{markdown_code(path)} ({text('changes', lang, f'how.{how}')})"
             for path, how in paths[:MAX_FILES]]
    if len(paths) > MAX_FILES:
        shown.append(text("changes", lang, "and_more", count=len(paths) - MAX_FILES))
    return ", ".join(shown)


def render_record(change: RecordChange, summary: Summary, lang: str) -> list[str]:
    """The lines about one record: what happened to it, then its changed fields and notes."""
    name = f"**{markdown_line(change.name.get(lang, ''), MAX_NAME)}**"
    if change.action == "unreadable":
        return [f"- {text('changes', lang, 'unreadable', file=markdown_code(change.file))}"]
    if change.action == "renamed":
        lines = [f"- {text('changes', lang, 'renamed')}: {name} "
                 f"({markdown_code(change.old_file)} → {markdown_code(change.file)})"]
    else:
        action = "changed" if change.action == "formatting" else change.action
        lines = [f"- {text('changes', lang, f'action.{change.collection}.{action}')}: {name} "
                 f"({markdown_code(change.file)})"]
    if change.action == "formatting":
        lines.append(f"  - {text('changes', lang, 'formatting')}")
    if change.fields:
        titles = summary.titles.get(change.collection, {})
        names = []
        for key, how in change.fields:
            title = markdown_line(titles.get(key, {}).get(lang, key), MAX_NAME)
            names.append(title if how == "changed" else text("changes", lang, f"field.{how}", title=title))
        lines.append(f"  - {text('changes', lang, 'fields', fields=', '.join(names))}")
    for key, params in change.notes:
        lines.append(f"  - {text('changes', lang, key, **{k: _param(v, lang) for k, v in params.items()})}")
    return lines


def review_lines(reviews: dict[str, list[content.ReviewPoint]], lang: str) -> list[str]:
    """Pages' open review points as list items: each page with its count, then its points (at most MAX_POINTS,
    each cut at MAX_POINT characters) with the source to check against."""
    items = []
    for page, points in reviews.items():
        lines = [f"- {text('changes', lang, 'review.page', file=markdown_code(page), count=len(points))}"]
        for point in points[:MAX_POINTS]:
            line = f"  - {markdown_line(point.point, MAX_POINT)}"
            if point.source:
                source = point.source.strip()
                shown = markdown_url(source) if source.startswith(("https://", "http://")) and " " not in source \
                    else markdown_line(source, MAX_NAME)
                line += " " + text("changes", lang, "review.source", source=shown)
            lines.append(line)
        if len(points) > MAX_POINTS:
            lines.append("  - " + text("changes", lang, "and_more", count=len(points) - MAX_POINTS))
        items.append("\n".join(lines))
    return items


def render_problem(problem: Problem, lang: str) -> str:
    """One problem as a list line: file, line, field and the explanation in lang."""
    where = f"{markdown_code(problem.field)}: " if problem.field_path else ""
    return "- " + text("changes", lang, "problem.line", file=markdown_code(problem.file), line=problem.line,
                       message=where + markdown_line(message(problem, lang), limit=1000))


def render(summary: Summary, lang: str) -> str:
    """The summary in one language, as Markdown."""
    lines = [f"## {text('changes', lang, 'heading')}", ""]
    for change in summary.records:
        lines.extend(render_record(change, summary, lang))
    if not summary.records and not summary.pages and not summary.other:
        lines.append(text("changes", lang, "none"))
    if summary.pages:
        lines += ["", text("changes", lang, "pages", files=_files(summary.pages, lang))]
    if summary.reviews:
        count = sum(len(points) for points in summary.reviews.values())
        lines += ["", text("changes", lang, "review.heading", count=count), ""]
        lines += review_lines(dict(list(summary.reviews.items())[:MAX_FILES]), lang)
        if len(summary.reviews) > MAX_FILES:
            lines.append("- " + text("changes", lang, "and_more", count=len(summary.reviews) - MAX_FILES))
    if summary.other:
        lines += ["", text("changes", lang, "other", files=_files(summary.other, lang))]
    if summary.program:
        shown = ", ".join(markdown_code(path) for path in summary.program[:MAX_FILES])
        if len(summary.program) > MAX_FILES:
            shown += ", " + text("changes", lang, "and_more", count=len(summary.program) - MAX_FILES)
        lines += ["", text("changes", lang, "program", count=len(summary.program), files=shown)]
    lines += ["", f"### {text('changes', lang, 'check.heading')}", ""]
    errors, warnings = summary.errors, summary.warnings
    if not errors and not warnings:
        lines.append(text("changes", lang, "check.ok"))
    for kind, problems in (("errors", errors), ("warnings", warnings)):
        if problems:
            lines += [text("changes", lang, f"check.{kind}", count=len(problems)), ""]
            lines += [render_problem(p, lang) for p in problems[:MAX_PROBLEMS]]
            if len(problems) > MAX_PROBLEMS:
                lines.append("- " + text("changes", lang, "and_more", count=len(problems) - MAX_PROBLEMS))
            lines.append("")
    if summary.elsewhere:
        if lines[-1]:
            lines.append("")
        lines.append(text("changes", lang, "check.elsewhere", count=summary.elsewhere))
    return "\n".join(lines).strip() + "\n"


def render_comment(summary: Summary) -> str:
    """The whole comment: Danish first, then Swedish, apart by a rule (after a blank line, so that the last
    line above it does not turn into a heading)."""
    return "\n\n---\n\n".join(render(summary, lang).rstrip("\n") for lang in AUTOMATION_LANGUAGES) + "\n"
