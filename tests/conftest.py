"""Fixtures shared by all tests (helpers live in helpers.py)."""
from __future__ import annotations

from pathlib import Path

import lunr_reference  # noqa: F401  (registers Bro's pipeline with lunr.py, so tests can load a built index)
import pytest
from ci_strict import pytest_runtest_makereport  # noqa: F401  (a hook: under CI=true a skip is a failure)
from ted_site import TedSite, build_ted_site

from bro.build import build
from helpers import ROOT, TODAY, build_with, make_repo


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with a fixed date."""
    out = tmp_path_factory.mktemp("build") / "site"
    assert build(ROOT, out, today=TODAY) == 0
    return out


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Path:
    """The site built with one supplier per page, so that every list of two or more has several pages."""
    return build_with(tmp_path_factory, "paged", BRO_PAGE_SIZE="1")


@pytest.fixture(scope="session")
def ted_site(tmp_path_factory) -> TedSite:
    """A copy of the project with the TED import run into it (recorded responses), built once per session."""
    return build_ted_site(tmp_path_factory)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A valid test repository."""
    return make_repo(tmp_path)
