"""The forms' checks in the browser give the validator's verdict: the committed schema bundle is what
`npm run build-checks` makes of schemas/ today, and window.BroRecordCheck.check finds, in Danish and Swedish, the
same (field, message) pairs as the Python validator on every supplier and tender fixture and on the sample data."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "overrides" / "assets" / "bro" / "record-schemas.js"


def _node() -> str:
    """The node binary with the npm tools installed (skipped locally without them; a failure under CI=true)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (Debian: apt-get install nodejs npm)")
    if not (ROOT / "node_modules" / "ajv").is_dir() or not (ROOT / "node_modules" / "esbuild").is_dir():
        pytest.skip("the npm tools are not installed (make node-setup)")
    return node


def test_schema_bundle_is_up_to_date(tmp_path: Path):
    """record-schemas.js is generated: a schema changed without `npm run build-checks` fails here."""
    fresh = tmp_path / "record-schemas.js"
    subprocess.run([_node(), str(ROOT / "scripts" / "build-checks.mjs"), "--out", str(fresh)], cwd=ROOT,
                   check=True, capture_output=True, timeout=120)
    assert fresh.read_text(encoding="utf-8") == BUNDLE.read_text(encoding="utf-8"), \
        "overrides/assets/bro/record-schemas.js is stale: run `npm run build-checks` and commit the result"
