"""Under CI=true nothing may skip: a test that would be skipped there (a missing tool, a missing file) fails instead,
with its reason. Loaded by tests/conftest.py for the whole suite; locally a skip stays a skip."""
from __future__ import annotations

import os

import pytest


def ci_is_strict() -> bool:
    """Whether this run is CI's (CI=true, as GitHub Actions and .ci/run set it)."""
    return os.environ.get("CI") == "true"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn a skip (pytest.skip, skipif, a skipping fixture) into a failure under CI=true; xfail is left alone."""
    report = yield
    if report.skipped and ci_is_strict() and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every test must run: {reason}"
    return report
