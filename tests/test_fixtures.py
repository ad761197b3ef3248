"""Every fixture in both directions: valid ones raise no error, invalid ones exactly their expected messages."""
from __future__ import annotations

from pathlib import Path

import pytest

from bro.catalog import load_catalog
from bro.problems import format_problem
from helpers import FIXTURES, TODAY, expected_messages, fixture_kind, fixture_slug, make_repo

VALID = sorted((FIXTURES / "valid").glob("*.yml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))


def _messages(repo: Path, rel: str) -> list[str]:
    """Error lines for one file, without the leading file name (fixtures do not know their path)."""
    catalog = load_catalog(repo, today=TODAY)
    prefix = rel + ":"
    return [format_problem(p).removeprefix(prefix) for p in catalog.problems
            if p.file == rel and p.severity == "error"]


def test_fixture_names_follow_field_reason():
    """Fixtures are named FIELD_REASON.yml (field path, underscore, reason)."""
    for path in VALID + INVALID:
        assert "_" in path.stem, path.name


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
