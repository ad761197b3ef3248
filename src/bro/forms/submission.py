"""Submitting a form: an `issues` event becomes a data file in the tree (with any companion file), validated like
any pull request, and the result the workflow (scripts/form_to_pr.py) writes: the reply, the branch, the pull
request's title and description."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bro import LANGUAGES
from bro.catalog import load_catalog
from bro.forms.answers import identify_form, normalize_body, read_answers
from bro.forms.definitions import FormProblem
from bro.forms.drafts import Draft, comes_from_form, make_draft, tie_to_question
from bro.forms.replies import word_refusal, word_success, write_pr_body
from bro.forms.texts import load_texts
from bro.problems import Problem, errors_in
from bro.vocab import load_vocabularies

BODY_LIMIT = 1_000_000  # characters; GitHub itself stops an issue body at 65,536


@dataclass
class Result:
    """What the converter hands to the workflow: the outcome, the reply and the pull request's text."""

    ok: bool
    kind: str | None
    lang: str | None
    path: str | None
    branch: str
    title: str
    pr: bool
    reply: str
    pr_body: str = ""
    problems: list = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file of the pull request, the main one first

    def summary(self) -> dict:
        """The fields of result.json."""
        return {"ok": self.ok, "kind": self.kind, "lang": self.lang, "paths": self.paths, "branch": self.branch,
                "title": self.title, "pr": self.pr}


def submit(event: dict, root: Path, today: dt.date | None = None) -> Result:
    """Turn an `issues` event into a data file in root, validate it like any pull request, and word the answer."""
    today = today or dt.date.today()
    issue = event.get("issue") or {}
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValueError("the event names no issue number")
    labels = {str(lab.get("name")) for lab in issue.get("labels") or [] if isinstance(lab, dict)}
    body = normalize_body(str(issue.get("body") or ""))
    branch = f"form/issue-{number}"
    label_lang = next((lang for lang in LANGUAGES if f"lang:{lang}" in labels), None)
    if len(body) > BODY_LIMIT:
        problem = FormProblem(None, "body_too_long", {"length": len(body), "limit": BODY_LIMIT})
        return _refuse(None, label_lang, branch, [problem])
    form = identify_form(body, labels)
    if form is None:
        return _refuse(None, label_lang, branch, [FormProblem(None, "form_unknown")])
    kind, lang = form
    vocab = load_vocabularies(root / "data" / "vocabularies", root)
    values, problems = read_answers(kind, lang, body, vocab)
    draft = None
    if not problems:
        draft, problems = make_draft(kind, lang, values, root, today)
    if problems:
        return _refuse(kind, lang, branch, problems)
    title = f"{load_texts(lang)['pr']['title'][kind]}: {Path(draft.path).stem}"
    if draft.text is None:
        reply = load_texts(lang)["reply"]["note_only"]
        return Result(True, kind, lang, draft.path, branch, title, False, reply, paths=[draft.path])
    found = validate_drafts(root, draft, today)
    errors = [tie_to_question(kind, lang, draft, p) for p in found if p.severity == "error"]
    warnings = [tie_to_question(kind, lang, draft, p) for p in found
                if p.severity != "error" and comes_from_form(draft, p)]
    if errors:
        return _refuse(kind, lang, branch, errors, warnings)
    reply = word_success(kind, lang, warnings)
    return Result(True, kind, lang, draft.path, branch, title, True, reply,
                  write_pr_body(kind, lang, draft, found, issue=number), errors + warnings,
                  [d.path for d in [draft, *draft.companions]])


def _refuse(kind: str | None, lang: str | None, branch: str, problems: list[FormProblem],
            warnings: list[FormProblem] = ()) -> Result:
    """A result with no pull request: the answer lists every problem and how to fix it."""
    return Result(False, kind, lang, None, branch, "", False, word_refusal(kind, lang, problems, warnings),
                  problems=problems)


def validate_drafts(root: Path, draft: Draft, today: dt.date) -> list[Problem]:
    """Write the draft and its companions into the tree and run the validator once over all; put the tree back if
    one of the files has errors."""
    drafts = [draft, *draft.companions]
    before = {d.path: (root / d.path).read_bytes() if (root / d.path).exists() else None for d in drafts}
    for item in drafts:
        (root / item.path).write_text(item.text, encoding="utf-8")
    catalog = load_catalog(root, today=today)
    found = [p for p in catalog.problems if p.file in before]
    if errors_in(found):
        for path, content in before.items():
            if content is None:
                (root / path).unlink()
            else:
                (root / path).write_bytes(content)
    return found
