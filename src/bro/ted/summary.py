"""The TED import's pull request for the editors, in plain Danish and Swedish: how many notices were found and how
many are for Bro, each new or changed entry with its buyer, reservation, TED address and the listed suppliers that
could deliver it (the model's matching rule, found by the importer), likely duplicates of hand-written entries, and
the notices not imported with the reason.

Notice titles, buyers' and suppliers' names are outsiders' text: each is one Markdown line made harmless by
bro.escape (no mention, issue link, web link, HTML or formatting); TED addresses are links only when the
publication number has TED's shape.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from bro import LANGUAGES
from bro.dates import format_day
from bro.escape import markdown_code, markdown_line, markdown_url
from bro.messages import catalog, text
from bro.ted.importer import Report
from bro.ted.mapping import TED_NOTICE_URL, Problem

BRANCH = "ted-import"
MAX_BODY = 60_000  # GitHub refuses a pull request body above 65,536 characters
TITLE_SHOWN = 160  # characters of a notice's title in a line
NAME_SHOWN = 120
_PUBLICATION_NUMBER = re.compile(r"\d{1,8}-\d{4}")
# How the problems of single notices are grouped: notes on an entry that was written, likely duplicates (not
# written, an editor compares), everything else is a notice that was not imported.
NOTES = ("several_buyers", "lots_split", "value")
DUPLICATES = ("likely_duplicate", "hand_written")
# Not imported, in the order an editor acts on them: a buyer to register first.
NOT_IMPORTED_ORDER = ("buyer_not_registered", "language", "no_category", "procedure", "no_contact", "reservation",
                      "malformed", "no_publication_number", "no_buyer", "invalid", "not_written")


def _t(lang: str, key: str, **params) -> str:
    return text("tedimport", lang, key, **params)


def pr_title() -> str:
    """The pull request's title, Danish / Swedish (the same every run: the one pull request is updated)."""
    return " / ".join(_t(lang, "pr.title") for lang in LANGUAGES)


def has_changes(report: Report) -> bool:
    """Whether the run has anything for a pull request (new or changed entries of a run that succeeded)."""
    return report.ok and bool(report.written)


def render_body(report: Report, start: date, end: date, limit: int = MAX_BODY) -> str:
    """The pull request's body: the Danish summary, a rule, the Swedish summary. Lists are cut shorter until the
    body fits GitHub's limit."""
    for shown in (40, 15, 5, 1):
        body = "\n\n---\n\n".join(render(report, start, end, lang, shown).rstrip("\n") for lang in LANGUAGES) + "\n"
        if len(body) <= limit:
            return body
    return body[: limit - 2] + "…\n"


def render(report: Report, start: date, end: date, lang: str, shown: int = 40) -> str:
    """One language's summary of the run, as GitHub Markdown."""
    entries = report.entries
    new = [slug for slug in report.written if slug in report.new]
    changed = [slug for slug in report.written if slug not in report.new]
    kinds = Counter(entries[slug].reserved for slug in report.written)
    execution = sum(1 for slug in report.written if entries[slug].reserved_execution)
    lines = [f"## {_t(lang, 'pr.heading', start=format_day(start, lang), end=format_day(end, lang))}", "",
             _t(lang, "pr.intro"), "",
             "- " + _t(lang, "pr.found", count=report.seen),
             "- " + _t(lang, "pr.relevant", count=report.relevant),
             "- " + _t(lang, "pr.written", new=len(new), changed=len(changed))]
    if report.written:
        lines.append("- " + _t(lang, "pr.reserved", art20=kinds["art20"], art77=kinds["art77"], execution=execution))
        buyers = Counter(entries[slug].buyer for slug in report.written)
        named = ", ".join(f"{markdown_line(name, NAME_SHOWN)} ({count})" for name, count in sorted(buyers.items()))
        lines.append("- " + _t(lang, "pr.buyers", buyers=named))
        lines += ["", f"### {_t(lang, 'pr.entries')}", ""]
        items = [_entry_lines(report, slug, lang) for slug in report.written]
        lines += _cut(items, shown, lang)
    else:
        lines += ["", _t(lang, "pr.nothing")]
    groups = _group(report.problems)
    for heading, problems in (("pr.duplicates", groups["duplicates"]), ("pr.notes", groups["notes"]),
                              ("pr.not_imported", groups["not_imported"])):
        skipped = [_t(lang, f"pr.skipped.{reason}", count=report.skipped[reason])
                   for reason in ("outside_categories", "notice_type")
                   if heading == "pr.not_imported" and report.skipped.get(reason)]
        if not problems and not skipped:
            continue
        lines += ["", f"### {_t(lang, heading)}", ""]
        lines += _cut([[f"- {_problem_line(problem, lang)}"] for problem in problems], shown, lang)
        if skipped:
            lines += [""] + skipped
    checklist = catalog("tedimport", lang)["pr.checklist"]
    lines += ["", f"### {_t(lang, 'pr.checklist_heading')}", ""] + [f"- [ ] {item}" for item in checklist]
    lines += ["", f"_{_t(lang, 'pr.footer')}_"]
    return "\n".join(lines) + "\n"


def _entry_lines(report: Report, slug: str, lang: str) -> list[str]:
    """One entry: its title (in the section's language, else the other language, marked), buyer, reservation, file
    and state, TED address; below it the suppliers that could deliver it."""
    entry = report.entries[slug]
    shown = entry.title.get(lang)
    marker = ""
    if not shown:
        shown = next(iter(entry.title.values()), slug)
        marker = f" ({_t(lang, 'pr.other_language')})"
    kinds = [_t(lang, f"pr.reserved.{entry.reserved}")] if entry.reserved != "none" else []
    if entry.reserved_execution:
        kinds.append(_t(lang, "pr.reserved_execution"))
    reservation = "; ".join(kinds) or _t(lang, "pr.reserved.none")
    state = _t(lang, "pr.entry_new" if slug in report.new else "pr.entry_changed")
    parts = [f"**{markdown_line(shown, TITLE_SHOWN)}**{marker}", markdown_line(entry.buyer, NAME_SHOWN),
             reservation, f"{markdown_code(f'data/tenders/{slug}.yml')} ({state})"]
    if _PUBLICATION_NUMBER.fullmatch(entry.publication_number):
        parts.append(markdown_url(TED_NOTICE_URL.format(number=entry.publication_number)))
    suppliers = report.matches.get(slug, [])
    if suppliers:
        names = ", ".join(markdown_line(name, NAME_SHOWN) for _, name in suppliers)
        below = _t(lang, "pr.matches", suppliers=names)
    else:
        below = _t(lang, "pr.no_match")
    return ["- " + " · ".join(parts), f"  - {below}"]


def _group(problems: list[Problem]) -> dict[str, list[Problem]]:
    order = {code: i for i, code in enumerate(NOT_IMPORTED_ORDER)}
    groups: dict[str, list[Problem]] = {"duplicates": [], "notes": [], "not_imported": []}
    for problem in problems:
        group = "notes" if problem.code in NOTES else "duplicates" if problem.code in DUPLICATES else "not_imported"
        groups[group].append(problem)
    groups["not_imported"].sort(key=lambda p: (order.get(p.code, len(order)), p.publication_number))
    return groups


def _problem_line(problem: Problem, lang: str) -> str:
    """A notice's problem in plain words, after its publication number (linked to TED when it has TED's shape)."""
    number = problem.publication_number
    label = markdown_line(number or "-", 40)
    if _PUBLICATION_NUMBER.fullmatch(number):
        label = f"[{label}]({markdown_url(TED_NOTICE_URL.format(number=number))[1:-1]})"
    message = _t(lang, problem.code, detail=markdown_line(problem.detail, 300))
    return _t(lang, "problem", number=label, message=message)


def _cut(items: list[list[str]], shown: int, lang: str) -> list[str]:
    """The first `shown` items' lines, and a line saying how many more there are."""
    lines = [line for item in items[:shown] for line in item]
    if len(items) > shown:
        lines.append("- " + _t(lang, "pr.and_more", count=len(items) - shown))
    return lines
