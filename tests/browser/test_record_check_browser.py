"""The forms' checks load as a page loads them (classic scripts, from file://, no network) and give chromium the
verdict they give node in tests/test_record_check_parity.py."""
from __future__ import annotations

import shutil
from pathlib import Path

from test_record_check_parity import LANGS, SCRIPTS, _catalog, _comparison, _python_verdicts

from bro.record_checks import make_check_script
from helpers import TODAY

CASES = ("valid/supplier_complete", "invalid/org_number_bad_checksum", "invalid/reserved_contracts_share_below_30",
         "more/unknown_keys", "more/municipality_label", "more/name_mixed_scripts", "more/tender_period_order")


def _page_folder(tmp_path: Path, lang: str) -> Path:
    """A page that loads the scripts in the documented order, with check-data.js as the hook writes it."""
    folder = tmp_path / lang
    (folder / "assets" / "bro").mkdir(parents=True)
    for script in SCRIPTS:
        shutil.copy(script, folder / "assets" / "bro" / script.name)
    (folder / "assets" / "bro" / "check-data.js").write_text(make_check_script(_catalog(), lang, TODAY),
                                                             encoding="utf-8")
    tags = "".join(f'<script src="assets/bro/{name}"></script>' for name in
                   [s.name for s in SCRIPTS] + ["check-data.js"])
    (folder / "index.html").write_text(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                                       f"<title>checks</title>{tags}</head><body></body></html>", encoding="utf-8")
    return folder


def test_checks_run_in_chromium_from_disk(page, tmp_path: Path):
    verdicts = _python_verdicts()
    comparison = _comparison()
    for lang in LANGS:
        page.goto((_page_folder(tmp_path, lang) / "index.html").as_uri())
        for case in CASES:
            collection, record, _ = verdicts[case]
            found = page.evaluate("([collection, record, lang, today]) => window.BroRecordCheck.check("
                                  "collection, record, lang, {today})",
                                  [collection, record, lang, TODAY.isoformat()])
            python, _ = comparison[f"{case} {lang}"]
            assert {(p["field"], p["message"], p["severity"]) for p in found} == python, (case, lang)
    assert page.console_errors == []
    assert all(url.startswith("file://") for url in page.requests)
