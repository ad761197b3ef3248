"""Problems found in data files, and how they are worded in English, Danish and Swedish."""
from __future__ import annotations

from dataclasses import dataclass, field

from bro import messages
from bro.escape import terminal

MESSAGE_LANGUAGES = ("en", "da", "sv")


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


def load_catalog(lang: str) -> dict:
    """The validator's messages in one language (src/bro/locales/messages.<lang>.yml, read by bro.messages)."""
    return messages.catalog("messages", lang)


def message(problem: Problem, lang: str = "en") -> str:
    """The plain-words explanation of a problem in lang (bro.messages: a missing one is taken from another
    language, never fails)."""
    params = {k: _localize_param(v, lang) for k, v in problem.params.items()}
    template, _ = messages.lookup("messages", lang, problem.code, params.get("count"))
    return messages.fill(template, params)


def _localize_param(value, lang: str):
    """Parameters may carry per-language variants as {'en':…, 'da':…, 'sv':…}; a list is shown as 'a, b'; a whole
    number stays one (it chooses the plural form)."""
    if isinstance(value, dict) and ("en" in value or lang in value):
        return str(value.get(lang) or value.get("en") or next(iter(value.values())))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


def format_problem(problem: Problem, lang: str = "en") -> str:
    """One line for a terminal or a log: file:line:col: error: field: message (text from the data file is shown,
    never obeyed: see bro.escape.terminal)."""
    label = messages.text("messages", lang, f"_severity.{problem.severity}")
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
    return messages.text("messages", lang, "_summary", errors=errors, warnings=warnings)
