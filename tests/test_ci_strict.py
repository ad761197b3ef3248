"""Nothing skips under CI=true: the suite's skips (a missing chromium, npm tools, Node.js, git) fail there instead."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PROBE = '''
import pytest

@pytest.fixture
def tool():
    pytest.skip("the tool is not installed")

def test_skips_in_its_body():
    pytest.skip("nothing to check here")

@pytest.mark.skipif(True, reason="a condition")
def test_skipped_by_a_mark():
    pass

def test_skipped_by_a_fixture(tool):
    pass

@pytest.mark.xfail(reason="known")
def test_expected_to_fail():
    assert False

def test_passes():
    pass
'''


def _run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    """pytest on the probe file with the ci_strict plugin, CI set to ci (or unset)."""
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), env.get("PYTHONPATH", "")])
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "ci_strict", "-p", "no:cacheprovider", "-q", "-rA",
                           "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_probe.py")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False)


def test_skips_fail_under_ci(tmp_path):
    result = _run(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 failed, 1 passed, 1 xfailed, 2 errors"), result.stdout
    for reason in ("the tool is not installed", "nothing to check here", "a condition"):
        assert reason in result.stdout


@pytest.mark.parametrize("ci", [None, "false", ""])
def test_skips_stay_skips_outside_ci(tmp_path, ci):
    result = _run(tmp_path, ci)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 3 skipped, 1 xfailed" in result.stdout


def test_the_whole_suite_loads_the_hook():
    conftest = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert "from ci_strict import pytest_runtest_makereport" in conftest
