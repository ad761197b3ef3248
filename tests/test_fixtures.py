"""Every fixture in both directions: valid ones raise no error, invalid ones exactly their expected messages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bro.catalog import load_catalog
from bro.problems import Problem, format_problem
from helpers import FIXTURES, TODAY, expected_messages, fixture_kind, fixture_slug, make_repo

VALID = sorted((FIXTURES / "valid").glob("*.yml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))

# An invalid fixture is named FIELD_REASON (as publiccode-parser names its test data): FIELD is the field path of a
# problem it produces, without list indices and language keys (contacts[0].role.da → contacts.role), or an ancestor
# of it; REASON shares a word with that problem's message id (vocab.unknown_suggest → unknown) or names what the
# id stands for in one of the words below. Problems about the whole file or about a key the schema does not have are
# named by their topic instead of a field (yaml_tab, file_name_tender_feed, unknown_field_suggest).
TOPICS = {"yaml": "yaml", "file": "file", "schema.unknown_key": "unknown", "schema.unknown_key_suggest": "unknown"}
REASON_WORDS = {
    "text.invisible_character": {"zero", "bidi", "byte", "tag", "soft", "joiner"},  # the characters by name
    "text.name_without_letter": {"spaces"},
    "text.html": {"script"},
    "org.invalid_cvr": {"checksum"},
    "schema.required": {"missing"},
    "schema.min_items": {"empty"},
    "schema.min_length": {"short"},
    "schema.enum": {"unknown", "norway"},
    "schema.pattern": {"invalid", "hidden", "addresses"},
    "schema.url": {"uri", "javascript"},
    "schema.date_range": {"year", "before"},
    "schema.too_large": {"digits"},
    "schema.type_integer": {"dots"},
    "schema.type_boolean": {"yes"},
    "schema.unknown_key": {"field"},
    "schema.unknown_key_suggest": {"field"},
    "yaml.number_too_long": {"digits"},
    "markdown.raw_html": {"event", "iframe", "svg"},
    "mailto.fields": {"hidden"},
    "mailto.address": {"addresses"},
    "event.period_order": {"before"},
    "url.userinfo": {"user", "password"},
    "reserved.basis_country": {"denmark"},
}
_LANGUAGE_KEYS = {"da", "sv"}
_NOT_A_REASON = {"not", "in", "too", "with", "only", "one", "and", "of", "a"}  # words too common to tell reasons apart


def _messages(repo: Path, rel: str) -> list[str]:
    """Error lines for one file, without the leading file name (fixtures do not know their path)."""
    catalog = load_catalog(repo, today=TODAY)
    prefix = rel + ":"
    return [format_problem(p).removeprefix(prefix) for p in catalog.problems
            if p.file == rel and p.severity == "error"]


def name_fields(problem: Problem) -> list[str]:
    """What may stand for a problem's field in a fixture's name: its field path and the path's ancestors (longest
    first), without list indices and a closing language key, then its topic if it has one."""
    parts = [str(part) for part in problem.field_path if not isinstance(part, int)]
    if len(parts) > 1 and parts[-1] in _LANGUAGE_KEYS:
        parts.pop()
    fields = [".".join(parts[:end]) for end in range(len(parts), 0, -1)]
    topic = TOPICS.get(problem.code) or TOPICS.get(problem.code.split(".", 1)[0])
    return fields + ([topic] if topic else [])


def reason_words(code: str) -> set[str]:
    """The words a fixture's reason may use for a message id: the id's own words and those REASON_WORDS adds."""
    own = set(re.split(r"[._]", code.split(".", 1)[-1]))
    return (own | REASON_WORDS.get(code, set())) - _NOT_A_REASON


def misnamed(stem: str, problems: list[Problem]) -> str:
    """Why a fixture named stem does not fit the problems it produces ('' when one of them fits FIELD_REASON)."""
    for problem in problems:
        for field in name_fields(problem):
            if stem.startswith(field + "_") and set(stem[len(field) + 1:].split("_")) & reason_words(problem.code):
                return ""
    found = ", ".join(f"{problem.field or '(the file)'} {problem.code}" for problem in problems)
    return f"{stem}.yml is not named FIELD_REASON after a problem it produces ({found or 'none'})"


def test_fixture_names_follow_field_reason():
    """Fixtures are named FIELD_REASON.yml (field path, underscore, reason)."""
    for path in VALID + INVALID:
        assert "_" in path.stem, path.name


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_is_named_after_its_field_and_reason(path: Path, tmp_path: Path):
    rel = f"data/{fixture_kind(path)}/{fixture_slug(path)}.yml"
    repo = make_repo(tmp_path, {rel: path.read_text(encoding="utf-8")})
    errors = [p for p in load_catalog(repo, today=TODAY).problems if p.file == rel and p.severity == "error"]
    assert misnamed(path.stem, errors) == ""


def _problem(field_path: tuple, code: str) -> Problem:
    """A problem in a fixture, for the naming rule."""
    return Problem("data/suppliers/x.yml", 1, 1, field_path, code)


def test_a_misnamed_fixture_is_caught():
    email = _problem(("contacts", 0, "email"), "schema.pattern")
    assert misnamed("contacts.email_invalid", [email]) == ""
    assert misnamed("contacts_invalid", [email]) == ""  # an ancestor of the field may name it
    assert misnamed("contacts.role_html", [_problem(("contacts", 0, "role", "da"), "text.html")]) == ""
    assert misnamed("yaml_tab_repeated", [_problem((), "yaml.tab")]) == ""
    assert misnamed("unknown_field_suggest", [_problem(("webiste",), "schema.unknown_key_suggest")]) == ""
    # the wrong field, the wrong reason, a field that only starts like the right one, a word too common to count
    assert misnamed("website_missing", [_problem(("name",), "schema.required")])
    assert misnamed("website_userinfo", [_problem(("website",), "url.host")])
    assert misnamed("names_missing", [_problem(("name",), "schema.required")])
    assert misnamed("name_not_slug", [_problem((), "file.name_not_slug")])
    assert misnamed("description_too_many_tags", [_problem(("description", "sv"), "markdown.too_deep")])
    assert misnamed("yaml_tab", [_problem((), "yaml.syntax")]) == "yaml_tab.yml is not named FIELD_REASON after a " \
                                                                   "problem it produces ((the file) yaml.syntax)"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_errors(path: Path, tmp_path: Path):
    repo = make_repo(tmp_path)
    rel = f"data/{fixture_kind(path)}/{fixture_slug(path)}.yml"
    assert _messages(repo, rel) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_reports_exactly_expected(path: Path, tmp_path: Path):
    expected = expected_messages(path)
    assert expected and "TBD" not in expected[0], f"{path.name} needs '# expect:' lines"
    rel = f"data/{fixture_kind(path)}/{fixture_slug(path)}.yml"
    repo = make_repo(tmp_path, {rel: path.read_text(encoding="utf-8")})
    assert _messages(repo, rel) == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_stops_the_whole_catalog(path: Path, tmp_path: Path):
    """One bad file among good ones makes the catalog fail (so the build fails)."""
    rel = f"data/{fixture_kind(path)}/{fixture_slug(path)}.yml"
    repo = make_repo(tmp_path, {rel: path.read_text(encoding="utf-8")})
    assert load_catalog(repo, today=TODAY).errors
