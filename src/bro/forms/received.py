"""A document received by e-mail (bro.forms.mail found it) turned into what the form robot makes from an issue: the
same data file, byte for byte, through the robot's own steps (the slug and path of drafts.draft_record, a tender's
buyer settled by forms.buyer, the emitter, the validator run by submission.validate_drafts), on a branch named the
robot's way, form/mail-<id> (id: mail.make_stable_id, from the mail's Message-ID: the same mail imported twice
updates its own branch, two mails never share one), with the robot's pull request text saying the day it was
received and never who sent it.

The document is the contract with the forms on the site (overrides/assets/bro/form-record.js writes it, byte for
byte as write_document below): its first line is `# bro-form: <kind> <lang>` (supplier, change, tender or interest;
da or sv), the rest is the record exactly as a data file holds it; for a change, `profile:` (the profile's slug),
only the changed fields in the data file's shape and `other_changes:` (the sender's words for the editor), applied to
the profile as the robot applies a change issue (records.read_change gives back the form's answers, drafts.make_draft
plans and writes the edit); for interest, `entry:` and `supplier:`, two slugs: add the supplier to that entry's
`interested`. It is read by the project's strict YAML loader within its limits. Every problem names the received
document, line, column and field, in the shape of the validator's (mail.eml/bro-x.yml:4:3: error:
contacts[0].email: …), and when there is one, nothing is written."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from bro import LANGUAGES, limits, messages
from bro.catalog import SLUG
from bro.dates import format_day
from bro.escape import terminal
from bro.forms.definitions import BAD_CHARACTERS, DATA_PATHS, FormProblem
from bro.forms.drafts import Draft, comes_from_form, draft_record, make_draft
from bro.forms.emitter import convert_to_round_trip, dump_round_trip, emit_record, order_keys, sort_by_schema
from bro.forms.mail import FORM_CODE, Received, problem
from bro.forms.records import CHANGE_NOTE, read_change
from bro.forms.replies import write_pr_body
from bro.forms.submission import validate_drafts
from bro.forms.texts import load_texts
from bro.problems import Problem, format_problem
from bro.schema import SchemaSet
from bro.yamlload import Document, load_text

MAIL_KINDS = ("supplier", "change", "tender", "interest")  # the forms whose document the site sends
INTEREST_KEYS = ("entry", "supplier")  # an interest document: the entry's slug, then the supplier's
CHANGE_PROFILE = "profile"  # a change document: the profile's slug, then only the changed fields (and the note)
BRANCH = "form/mail-{id}"  # the robot's form/issue-<number>, for a mail
_FORM_LINE = re.compile(r"# bro-form: (\S+) (\S+)")


@dataclass
class MailResult:
    """What importing a received document gives: the outcome, the files written (the main one first), the branch,
    the pull request's title and description, the problems that stopped it or the warnings that did not."""

    ok: bool
    kind: str | None
    lang: str | None
    branch: str
    title: str = ""
    pr_body: str = ""
    paths: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    received: str = ""  # the day the mail was sent, YYYY-MM-DD

    def summary(self) -> dict:
        """The fields of result.json (no text of the mail, no sender)."""
        return {"ok": self.ok, "kind": self.kind, "lang": self.lang, "paths": self.paths, "branch": self.branch,
                "title": self.title, "received": self.received}


def word_problem_line(found: Problem, lang: str) -> str:
    """One problem as the validator prints it (file:line:col: error: field: message), in da or sv; the words of a
    mail's own problems come from forms.<lang>.yml, the validator's from its messages."""
    if not found.code.startswith(FORM_CODE):
        return format_problem(found, lang)
    label = messages.text("messages", lang, f"_severity.{found.severity}")
    where = f"{found.field}: " if found.field_path else ""
    text = load_texts(lang)["problems"][found.code.removeprefix(FORM_CODE)].format(**found.params)
    return terminal(f"{found.file}:{found.line}:{found.column}: {label}: {where}{text}")


def read_document(received: Received) -> tuple[str | None, str | None, dict | None, Document | None, list[Problem]]:
    """The kind, language and record of a received document and its loaded YAML (for positions), or the problems:
    a missing or unknown form line, anything the strict loader refuses, characters no answer may hold, an interest
    that is not two slugs."""
    text, name = received.text.removeprefix("\ufeff"), received.name
    if len(text.encode("utf-8", "surrogatepass")) > limits.MAX_FILE_BYTES:
        return None, None, None, None, [limits.too_large(name)]
    first = text.split("\n", 1)[0].rstrip()
    line = _FORM_LINE.fullmatch(first)
    if not line or line.group(1) not in MAIL_KINDS or line.group(2) not in LANGUAGES:
        return None, None, None, None, [problem(name, "mail_form_line", value=first[:80])]
    kind, lang = line.group(1), line.group(2)
    loaded = load_text(text, name)
    if loaded.problems:
        if name.endswith("/body") and any(p.code in ("yaml.syntax", "yaml.tab") for p in loaded.problems):
            loaded.problems.append(problem(name, "mail_wrapped"))
        return kind, lang, None, loaded, loaded.problems
    data = loaded.data
    problems = [_at(loaded, path, "bad_characters") for path in _find_bad_text(data)]
    if kind == "change":
        if not isinstance(data.get(CHANGE_PROFILE), str) or not SLUG.fullmatch(data[CHANGE_PROFILE]):
            problems.append(_at(loaded, (CHANGE_PROFILE,), "mail_not_a_slug", value=str(data.get(CHANGE_PROFILE))[:80]))
        if CHANGE_NOTE in data and not isinstance(data[CHANGE_NOTE], str):
            problems.append(_at(loaded, (CHANGE_NOTE,), "mail_change_shape", key=CHANGE_NOTE))
    if kind == "interest":
        if sorted(data) != sorted(INTEREST_KEYS):
            problems.append(_at(loaded, (), "mail_interest_keys"))
        problems += [_at(loaded, (key,), "mail_not_a_slug", value=str(data[key])[:80]) for key in INTEREST_KEYS
                     if key in data and not (isinstance(data[key], str) and SLUG.fullmatch(data[key]))]
    return kind, lang, data, loaded, problems


def _find_bad_text(value, path: tuple = ()) -> list[tuple]:
    """The paths of the keys and texts that hold characters no answer may hold (controls, lone surrogates)."""
    if isinstance(value, str):
        return [path] if BAD_CHARACTERS.search(value) else []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found += ([path + (key,)] if BAD_CHARACTERS.search(str(key)) else []) + _find_bad_text(item, path + (key,))
        return found
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _find_bad_text(item, path + (index,))]
    return []


def _at(loaded: Document, path: tuple, code: str, **params) -> Problem:
    """A problem of the forms' words at the place of path in the received document."""
    place = loaded.position(path)
    return Problem(loaded.path, place.line, place.column, path, FORM_CODE + code, params)


def import_received(received: Received, root: Path, today: dt.date | None = None) -> MailResult:
    """Turn a received document into its data file in root (and a tender's new buyer file), validated like any pull
    request, with the pull request's text; write nothing when anything is wrong."""
    today = today or dt.date.today()
    branch = BRANCH.format(id=received.stable_id)
    sent = received.sent or today
    kind, lang, data, loaded, problems = read_document(received)
    if problems or data is None:
        return MailResult(False, kind, lang, branch, problems=problems, received=sent.isoformat())
    if kind == "interest":
        draft, refused = make_draft(kind, lang, {key: data[key] for key in INTEREST_KEYS}, root, today)
    elif kind == "change":
        draft, refused = _apply_change(lang, data, loaded, root, today)
        if draft is not None and draft.text is None:
            refused = [FormProblem(None, "mail_note_only")]
    else:
        draft, refused = draft_record(kind, lang, data, {}, root)
    if refused:
        return MailResult(False, kind, lang, branch, problems=[_place(kind, loaded, p) for p in refused],
                          received=sent.isoformat())
    found = validate_drafts(root, draft, today)
    errors = [_anchor(kind, loaded, draft, p) for p in found if p.severity == "error"]
    warnings = [_anchor(kind, loaded, draft, p) for p in found
                if p.severity != "error" and comes_from_form(draft, p)]
    if errors:
        return MailResult(False, kind, lang, branch, problems=errors + warnings, received=sent.isoformat())
    title = f"{load_texts(lang)['pr']['title'][kind]}: {Path(draft.path).stem}"
    body = write_pr_body(kind, lang, draft, found, received=format_day(sent, lang))
    return MailResult(True, kind, lang, branch, title, body, [d.path for d in [draft, *draft.companions]], warnings,
                      sent.isoformat())


def _apply_change(lang: str, data: dict, loaded: Document, root: Path, today: dt.date):
    """A change document applied to its profile the way the robot applies a change issue: its fields read back into
    the change form's answers (bro.forms.records.read_change) and planned by the robot's make_draft; the day the
    sender's form stamped last_verified with is the day it says."""
    fields = {key: value for key, value in data.items() if key not in (CHANGE_PROFILE, CHANGE_NOTE)}
    values, wrong = read_change(fields, lang)
    if wrong:
        return None, [_at(loaded, path, "mail_change_shape", key=path[-1]) for path, _why in wrong]
    values[CHANGE_PROFILE] = data[CHANGE_PROFILE]
    if data.get(CHANGE_NOTE):
        values[CHANGE_NOTE] = data[CHANGE_NOTE]
    day = today
    if "last_verified" in fields:
        stamp = fields["last_verified"]
        if not (isinstance(stamp, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp)):
            return None, [_at(loaded, ("last_verified",), "mail_change_shape", key="last_verified")]
        try:
            day = dt.date.fromisoformat(stamp)
        except ValueError:
            return None, [_at(loaded, ("last_verified",), "mail_change_shape", key="last_verified")]
    draft, refused = make_draft("change", lang, values, root, day)
    return draft, refused


def _place(kind: str, loaded: Document, refused: FormProblem | Problem) -> Problem:
    """A problem of the robot's steps (a question's id, or none) at the record's field it is about."""
    if isinstance(refused, Problem):
        return refused
    if kind == "interest":
        path = (refused.field or "entry",)
    elif kind == "change" and refused.field == CHANGE_PROFILE:
        path = (CHANGE_PROFILE,)
    else:
        path = DATA_PATHS[kind].get(refused.field, ()) if refused.field else ()
    return _at(loaded, path, refused.code, **refused.params)


def _anchor(kind: str, loaded: Document, draft: Draft, found: Problem) -> Problem:
    """A validator problem in a written file, at its place in the received document: the record's own fields, a
    new buyer's under buyer, an interest's under supplier; a problem of an existing file stays where it is."""
    if found.file == draft.path and draft.new:
        path = found.field_path
    elif any(found.file == companion.path for companion in draft.companions):
        path = ("buyer", *found.field_path)
    elif kind == "interest" and found.file == draft.path and found.field_path[:1] == ("interested",):
        path = ("supplier",)
    elif kind == "change" and found.file == draft.path and comes_from_form(draft, found):
        path = found.field_path
    else:
        return found
    place = loaded.position(path)
    return Problem(loaded.path, place.line, place.column, path, found.code, found.params, found.severity)


def write_document(kind: str, lang: str, record: dict, root: Path) -> str:
    """The document the site's form sends for a record (form-record.js's emit writes the same bytes): the form line,
    then a new supplier or tender as the robot's emitter writes its data file (keys in the schema's order), a change
    as its profile, the changed fields in the same order and the note, an interest as its two slugs."""
    line = f"# bro-form: {kind} {lang}\n"
    if kind in ("supplier", "tender"):
        schema_name = f"{kind}.schema.json"
        return line + emit_record(sort_by_schema(record, order_keys(SchemaSet(root / "schemas"), schema_name)),
                                  schema_name)[0]
    if kind == "change":
        fields = {key: value for key, value in record.items() if key not in (CHANGE_PROFILE, CHANGE_NOTE)}
        fields = sort_by_schema(fields, order_keys(SchemaSet(root / "schemas"), "supplier.schema.json"))
        record = {CHANGE_PROFILE: record[CHANGE_PROFILE], **fields,
                  **({CHANGE_NOTE: record[CHANGE_NOTE]} if record.get(CHANGE_NOTE) else {})}
    return line + dump_round_trip(convert_to_round_trip(record))
