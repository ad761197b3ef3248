"""Every generated page is valid HTML: the Nu HTML Checker (vnu, pinned in package.json) finds no errors."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material writes autocomplete="off" on its two hidden toggle checkboxes (#__drawer, #__search) directly in base.html,
# outside any block, and the HTML standard does not allow the attribute on checkboxes. Upstream keeps it on purpose
# (squidfunk/mkdocs-material#1513: Firefox would otherwise restore a toggle's state on reload). This one message on
# these two inputs is the only one let through; any other error, or this one elsewhere, fails the test.
MATERIAL_TOGGLE_MESSAGE = "Attribute “autocomplete” is only allowed when the input type is"
MATERIAL_TOGGLE_EXTRACT = 'class="md-toggle" data-md-toggle='

BROKEN = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>x</title></head>
<body><p id="twice">a</p><p id="twice">b</p></body></html>
"""


def test_every_generated_page_is_valid_html(built_site, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        _missing("the Nu HTML Checker needs java and node_modules/vnu-jar (make node-setup)")
    pages = sorted(built_site.rglob("*.html"))
    assert {"index.html", "da/404.html", "sv/404.html", "da/leverandorer/index.html"} <= {
        page.relative_to(built_site).as_posix() for page in pages}
    broken = tmp_path / "broken.html"      # proves the checker runs and reports: a duplicate id is an error
    broken.write_text(BROKEN, encoding="utf-8")
    messages = _vnu(java, [*pages, broken])
    assert any(m["url"].endswith("/broken.html") and "Duplicate ID" in m["message"] for m in messages)
    errors = [_describe(m, built_site) for m in messages
              if not m["url"].endswith("/broken.html") and not _is_material_toggle(m)]
    assert errors == [], "\n".join(errors)


def _vnu(java: str, files: list[Path]) -> list[dict]:
    """vnu's error messages for files, in one run (the JVM is slow to start)."""
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
                         capture_output=True, text=True, timeout=900, check=False)
    assert run.stdout, run.stderr
    return [m for m in json.loads(run.stdout)["messages"] if m.get("type") in ("error", "non-document-error")]


def _is_material_toggle(message: dict) -> bool:
    """Material's autocomplete attribute on its hidden toggle checkboxes (see MATERIAL_TOGGLE_MESSAGE)."""
    return (message["message"].startswith(MATERIAL_TOGGLE_MESSAGE)
            and MATERIAL_TOGGLE_EXTRACT in message.get("extract", ""))


def _describe(message: dict, site: Path) -> str:
    """One error as page:line: message, with the offending markup."""
    page = message["url"].split(f"{site}/", 1)[-1]      # vnu names files file:/path/…
    extract = " ".join(message.get("extract", "").split())
    return f"{page}:{message.get('lastLine', '?')}: {message['message']}  [{extract}]"


def _missing(reason: str) -> None:
    """Skip locally, fail under CI=true (where the set-up installs everything)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires it")
    pytest.skip(reason)
