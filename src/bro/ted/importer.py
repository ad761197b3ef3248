"""One import run: search TED, download and read each notice, map it, check the files with Bro's validator,
and write data/tenders/<slug>.yml only when the run succeeded. Hand-written entries are never touched.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from bro.catalog import load_catalog
from bro.forms.emitter import emit_record
from bro.problems import errors_in
from bro.ted.client import TedClient, TedError, expert_query
from bro.ted.mapping import RESERVED, Mapped, Problem, Vocabulary, categories_for, map_notice
from bro.ted.notices import Notice, NoticeError, read_notice

SCHEMA = "tender.schema.json"
# Notice types worth a plan entry: prior information and contract notices (not award notices).
WANTED_TYPES = ("pin-", "cn-", "subco", "qu-sy")


@dataclass(frozen=True)
class Written:
    """What the editors' summary shows of one written entry (read once from the mapping the importer made)."""

    title: dict[str, str]  # {da, sv}: one or both
    buyer: str  # the registry's name of the buyer
    reserved: str  # art20, art77 or none
    reserved_execution: bool
    publication_number: str

    @classmethod
    def of(cls, record: dict) -> Written:
        return cls(dict(record["title"]), record["buyer"]["name"], record.get("reserved", "none"),
                   record.get("reserved_execution") is True, str(record["ted"]["publication_number"]))


@dataclass
class Report:
    """What a run found; `failed` holds why nothing was written (empty when the run succeeded)."""

    written: list[str] = field(default_factory=list)  # slugs of new or changed files
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: int = 0
    relevant: int = 0
    failed: str = ""
    # what the editors' summary (bro.ted.summary) shows about the files written
    new: set[str] = field(default_factory=set)  # slugs of written files that did not exist before
    entries: dict[str, Written] = field(default_factory=dict)  # slug -> what the summary shows of it
    contents: dict[str, str] = field(default_factory=dict)  # slug -> the written file's text (also on a dry run)
    matches: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # slug -> (supplier slug, name)
    # notices read but not imported because they are not for Bro: reason -> how many (not listed one by one)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def load_vocabulary(root: Path) -> Vocabulary:
    def read(path: Path):
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    vocab = root / "data" / "vocabularies"
    categories = {code: list(entry.get("cpv") or []) for code, entry in read(vocab / "categories.yml").items()}
    return Vocabulary(
        buyers=[read(path) for path in sorted((root / "data" / "buyers").glob("*.yml"))],
        categories=categories,
        municipalities=read(vocab / "municipalities.yml"),
        currencies=set(read(vocab / "currencies.yml")),
    )


def skip_reason(notice: Notice, vocabulary: Vocabulary) -> str:
    """Why a notice is not for Bro ('' when it is: reserved (BT-71 or BT-736), or a prior information or contract
    notice in a category Bro lists): 'notice_type' (an award or other notice that is not a prior
    information or contract notice), 'outside_categories' (not reserved, and no CPV code in Bro's categories)."""
    if not notice.notice_type.startswith(WANTED_TYPES):
        return "notice_type"
    if any(RESERVED.get(lot.reserved_participation, "none") != "none" or lot.reserved_execution == "yes"
           for lot in notice.lots):
        return ""
    codes = notice.cpv + [code for lot in notice.lots for code in lot.cpv]
    return "" if categories_for(codes, vocabulary) else "outside_categories"


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def existing_entries(root: Path) -> tuple[dict[str, str], dict[str, dict]]:
    """(text of every entry file by slug, the hand-written entries' data by slug)."""
    texts, hand = {}, {}
    for path in sorted((root / "data" / "tenders").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        texts[path.stem] = text
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError:
            data = {}
        if not isinstance(data, dict) or data.get("source") != "ted":
            hand[path.stem] = data if isinstance(data, dict) else {}
    return texts, hand


def likely_duplicate(record: dict, hand: dict[str, dict]) -> str:
    """The slug of a hand-written entry with the same buyer and title (in either language), or ''."""
    buyer = _norm(record["buyer"]["name"])
    titles = {_norm(text) for text in record["title"].values()}
    for slug, data in hand.items():
        if _norm((data.get("buyer") or {}).get("name", "")) != buyer:
            continue
        if titles & {_norm(text) for text in (data.get("title") or {}).values()}:
            return slug
    return ""


def validate(root: Path, files: dict[str, str]) -> tuple[dict[str, list], dict[str, list[tuple[str, str]]]]:
    """Bro's validator over the data with the new files in place (in a scratch copy): errors by slug, and for each
    new file the listed suppliers that could deliver it (the model's matching rule, bro.model.reach, through the
    catalog's derived match table) as (slug, name)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        for part in ("data", "schemas"):
            shutil.copytree(root / part, copy / part)
        for slug, text in files.items():
            (copy / "data" / "tenders" / f"{slug}.yml").write_text(text, encoding="utf-8")
        catalog = load_catalog(copy)
        errors: dict[str, list] = {}
        for problem in errors_in(catalog.problems):
            stem = Path(problem.file).stem
            if stem in files and Path(problem.file).parent.name == "tenders":
                errors.setdefault(stem, []).append(problem)
        table = catalog.derived.match_table if catalog.tenders else {}
        matches = {slug: [(supplier, catalog.suppliers[supplier].name) for supplier in table.get(slug, [])]
                   for slug in files if slug not in errors}
        return errors, matches


def run(client: TedClient, start: date, end: date, root: Path, *, write: bool = True) -> Report:
    """Import the window's notices. Nothing is written when TED cannot be read to the end."""
    report = Report()
    vocabulary = load_vocabulary(root)
    texts, hand = existing_entries(root)
    candidates: dict[str, Mapped] = {}
    try:
        for hit in client.search(expert_query(start, end)):
            report.seen += 1
            number = str(hit.get("publication-number") or "")
            try:
                notice = read_notice(client.notice_xml(hit))
            except NoticeError as err:
                report.problems.append(Problem(number, "malformed", str(err)[:200]))
                continue
            if number and not notice.publication_number:
                notice.publication_number = number
            reason = skip_reason(notice, vocabulary)
            if reason:
                report.skipped[reason] = report.skipped.get(reason, 0) + 1
                continue
            report.relevant += 1
            entries, problems = map_notice(notice, vocabulary)
            report.problems += problems
            for entry in entries:
                candidates[entry.slug] = entry
    except TedError as err:
        report.failed = str(err)
        return report

    files: dict[str, str] = {}
    for slug, entry in candidates.items():
        number = entry.record["ted"]["publication_number"]
        if slug in hand:
            report.problems.append(Problem(number, "hand_written", slug))
            continue
        duplicate = likely_duplicate(entry.record, hand)
        if duplicate:
            report.problems.append(Problem(number, "likely_duplicate", duplicate))
            continue
        try:
            text, _ = emit_record(entry.record, SCHEMA)
        except ValueError as err:
            report.problems.append(Problem(number, "not_written", str(err)))
            continue
        if texts.get(slug) == text:
            report.unchanged.append(slug)
        else:
            files[slug] = text
    if files:
        errors, report.matches = validate(root, files)
        for slug, problems in errors.items():
            number = candidates[slug].record["ted"]["publication_number"]
            details = "; ".join(f"{p.field}: {p.code}" for p in problems)
            report.problems.append(Problem(number, "invalid", f"{slug}: {details}"))
            del files[slug]
    report.written = sorted(files)
    report.new = {slug for slug in files if slug not in texts}
    report.entries = {slug: Written.of(candidates[slug].record) for slug in files}
    report.contents = dict(files)
    if write:
        for slug, text in files.items():
            (root / "data" / "tenders" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return report
