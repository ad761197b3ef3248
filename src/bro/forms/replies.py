"""The robot's words: a form's problems in plain words, the answer on the issue (refused, or thanks with the pull
request's link), the pull request's description for the editor, and the answer when the robot itself failed.
Every piece of user text in them is made harmless."""
from __future__ import annotations

import re

from bro import LANGUAGES
from bro.escape import markdown_line, visible
from bro.forms.definitions import FormProblem
from bro.forms.drafts import Draft, tie_to_question
from bro.forms.texts import describe_field, load_texts
from bro.problems import Problem, message

PR_LINK_MARKER = "<!-- bro:pr-link -->"
ANSWER_SHOWN = 200  # characters of an answer quoted back in a reply
_PR_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?/[\w.-]+/[\w.-]+/pull/\d+")


def word_problem(lang: str, problem: FormProblem) -> str:
    """A form problem in plain words, with any user text in it made harmless."""
    if problem.code == "validator":
        found = problem.params["problem"]
        params = {key: _make_harmless(value) for key, value in found.params.items()}
        return message(Problem(found.file, found.line, found.column, found.field_path, found.code, params,
                               found.severity), lang)
    params = {key: _make_harmless(value) for key, value in problem.params.items()}
    return load_texts(lang)["problems"][problem.code].format(**params)


def _make_harmless(value):
    """A parameter of a problem as text in a Markdown line (each item of a list too); numbers stay numbers."""
    if isinstance(value, str):
        return markdown_line(value, ANSWER_SHOWN)
    if isinstance(value, (list, tuple)):
        return [markdown_line(str(item), ANSWER_SHOWN) for item in value]
    return value


def _list_problems(kind: str | None, lang: str, problems: list[FormProblem]) -> list[str]:
    """One Markdown list line per problem, led by the question it belongs to."""
    general = load_texts(lang)["reply"]["general"]
    lines = []
    for problem in problems:
        label = describe_field(kind, lang, problem.field)["label"] if kind and problem.field else general
        lines.append(f"- **{label}**: {word_problem(lang, problem)}")
    return lines


def word_refusal(kind: str | None, lang: str | None, problems: list[FormProblem],
                 warnings: list[FormProblem] = ()) -> str:
    """The answer when no pull request is made: every problem and how to fix it (in both languages when the
    form's language is unknown)."""
    blocks = []
    for reply_lang in [lang] if lang else list(LANGUAGES):
        reply = load_texts(reply_lang)["reply"]
        parts = [reply["problems_intro"], "\n".join(_list_problems(kind, reply_lang, problems))]
        if warnings:
            parts += [reply["warnings_intro"], "\n".join(_list_problems(kind, reply_lang, list(warnings)))]
        blocks.append("\n\n".join([*parts, reply["how_to_fix"]]))
    return "\n\n---\n\n".join(blocks) + "\n"


def word_success(kind: str, lang: str, warnings: list[FormProblem]) -> str:
    """The answer when a pull request is made: thanks, the link (filled in later), what happens next."""
    reply = load_texts(lang)["reply"]
    parts = [reply["ok"][kind], PR_LINK_MARKER, reply["next"]]
    if warnings:
        parts += [reply["warnings_intro"], "\n".join(_list_problems(kind, lang, warnings))]
    parts.append(reply["edit_hint"])
    return "\n\n".join(parts) + "\n"


def write_pr_body(kind: str, lang: str, draft: Draft, found: list[Problem], issue: int | None = None,
                  received: str = "") -> str:
    """The pull request's description for the editor, in the submitter's language: for a form's issue (its number)
    or for a document the editors received by e-mail (the day, words as the reader writes it; the sender is never
    named, as the repository is public)."""
    pr = load_texts(lang)["pr"]
    intro = pr["intro"].format(issue=issue) if issue is not None else pr["intro_mail"].format(date=received)
    parts = [intro, pr["file_new" if draft.new else "file_changed"].format(path=draft.path)]
    parts += [pr["file_new"].format(path=companion.path) for companion in draft.companions]
    parts += [pr[key].format(**{k: _make_harmless(v) for k, v in params.items()}) for key, params in draft.editor_notes]
    if found:
        problems = [tie_to_question(kind, lang, draft, p) for p in found]
        parts += [pr["checked_problems"], "\n".join(_list_problems(kind, lang, problems))]
    else:
        parts.append(pr["checked_ok_files" if draft.companions else "checked_ok"])
    if draft.rewritten or any(companion.rewritten for companion in draft.companions):
        parts.append(pr["rewritten"])
    checklist = pr["checklist_mail"] if issue is None else pr["checklist"]
    parts.append(f"### {pr['checklist_heading']}\n\n" + "\n".join(f"- [ ] {item}" for item in checklist[kind]))
    if draft.note:  # as a code block, with its hidden characters shown
        note = visible(draft.note, keep="\n\t")
        fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", note)), default=0) + 1)
        parts.append(f"### {pr['message_heading']}\n\n{fence}text\n{note}\n{fence}")
    parts += [pr["ci_note"], pr["closes"].format(issue=issue)] if issue is not None else [pr["mail_reply"]]
    return "\n\n".join(parts) + "\n"


def fill_pr_link(reply: str, lang: str, url: str) -> str:
    """The answer with the pull request's address where the converter left room for it."""
    if not _PR_URL.fullmatch(url):
        raise ValueError(f"not a pull request address: {url!r}")
    return reply.replace(PR_LINK_MARKER, load_texts(lang)["reply"]["pr_link"].format(url=url))


def word_failure(event: dict) -> str:
    """The answer when the robot itself failed, in the language the issue's labels name (else both)."""
    labels = {str(lab.get("name")) for lab in (event.get("issue") or {}).get("labels") or [] if isinstance(lab, dict)}
    langs = [lang for lang in LANGUAGES if f"lang:{lang}" in labels] or list(LANGUAGES)
    return "\n\n---\n\n".join(load_texts(lang)["reply"]["failure"] for lang in langs) + "\n"
