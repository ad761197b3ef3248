"""Problems found in data files, and how they are worded in English, Danish and Swedish."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bro.escape import terminal

MESSAGE_LANGUAGES = ("en", "da", "sv")
_LOCALES = Path(__file__).parent / "locales"


@dataclass(frozen=True)
class Problem:
    """One error or warning, anchored to a file, a line, a column and a field."""

    file: str
    line: int
    column: int
    field_path: tuple = ()
    code: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = "error"

    @property
    def field(self) -> str:
        """The field as a reader writes it: contacts[0].email."""
        return format_field(self.field_path)

    def sort_key(self) -> tuple:
        """Order problems by file, then position."""
        return (self.file, self.line, self.column, self.code)


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    """The problems shown to editors that do not stop a build."""
    return [p for p in problems if p.severity != "error"]


def format_field(path: tuple) -> str:
    """Render a path tuple as dotted notation with [index] for lists."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@functools.cache
def load_catalog(lang: str) -> dict[str, str]:
    """The validator's messages in one language."""
    with open(_LOCALES / f"messages.{lang}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def message(problem: Problem, lang: str = "en") -> str:
    """The plain-words explanation of a problem in lang (falls back to English, never fails)."""
    template = load_catalog(lang).get(problem.code) or load_catalog("en").get(problem.code) or problem.code
    params = {k: _localize_param(v, lang) for k, v in problem.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} {params}"


def _localize_param(value, lang: str) -> str:
    """Parameters may carry per-language variants as {'en':…, 'da':…, 'sv':…}."""
    if isinstance(value, dict) and ("en" in value or lang in value):
        return str(value.get(lang) or value.get("en") or next(iter(value.values())))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def format_problem(problem: Problem, lang: str = "en") -> str:
    """One line for a terminal or a log: file:line:col: error: field: message (text from the data file is shown,
    never obeyed: see bro.escape.terminal)."""
    label = load_catalog(lang)["_severity"][problem.severity]
    where = f"{problem.field}: " if problem.field_path else ""
    return terminal(f"{problem.file}:{problem.line}:{problem.column}: {label}: {where}{message(problem, lang)}")


def format_github(problem: Problem, lang: str = "en") -> str:
    """A GitHub Actions workflow command that annotates the right line of the file (its text terminal-safe)."""
    kind = "error" if problem.severity == "error" else "warning"
    where = f"{problem.field}: " if problem.field_path else ""
    text = _escape_github_data(terminal(where + message(problem, lang)))
    file = _escape_github_property(terminal(problem.file))
    return f"::{kind} file={file},line={problem.line},col={problem.column}::{text}"


def _escape_github_data(text: str) -> str:
    """Escape a workflow command's message (percent, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    """Escape a workflow command's property value (also colon and comma)."""
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(problems: list[Problem], lang: str = "en") -> str:
    """A closing line counting errors and warnings."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    return load_catalog(lang)["_summary"].format(errors=errors, warnings=warnings)
