"""A copy of the project with the TED importer run into it against the recorded API pages and the eForms SDK's
example notices (tests/test_ted_import.py's transport), then built: the site as it looks once the editors have
merged an import. The published sample data holds no entry from TED (a "Fra TED" link to a notice that does not
exist would mislead a reader), so the tests of the site's TED side build this copy instead."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import test_ted_import as recorded

from bro.build import build
from bro.catalog import Catalog, load_catalog
from helpers import ROOT, TODAY

# The SDK's examples are dated 2019-2023; moved eight years on, the imported entries are open on TODAY (a leap day
# stays a leap day), so they reach the plan's open list, the calendars and the suppliers' open entries.
YEARS = 8
_DATE = re.compile(r"\b(20[12][0-9])-([01][0-9])-([0-3][0-9])\b")

# The entries the import writes (tests/test_ted_import.py checks the mapping itself).
WHOLE = "ted-00701001-2026"  # a Danish social-services notice (Aarhus Kommune), whole
LOT_RESERVED = "ted-00701002-2026-lot-0001"  # Göteborgs Stad, lot 1: art. 77 and reserved execution
LOT_OPEN = "ted-00701002-2026-lot-0002"  # lot 2: reserved execution only
RESERVED = "ted-00701003-2026"  # Malmö stad: art. 20, in Swedish and Danish
IMPORTED = (WHOLE, LOT_RESERVED, LOT_OPEN, RESERVED)


def later(xml: str) -> str:
    """A notice with every date moved YEARS on."""
    return _DATE.sub(lambda m: f"{int(m.group(1)) + YEARS}-{m.group(2)}-{m.group(3)}", xml)


def notices() -> dict:
    """The recorded notices, dated so that they are open on TODAY."""
    return {number: (lambda make=make: later(make())) for number, make in recorded.NOTICES.items()}


@dataclass(frozen=True)
class TedSite:
    repo: Path  # the project copy with the imported entries in data/tenders/
    site: Path  # its built site
    catalog: Catalog  # its catalog on TODAY


def build_ted_site(tmp_path_factory) -> TedSite:
    """Import into a copy of the project, check the import, build both languages."""
    base = tmp_path_factory.mktemp("ted-site")
    repo = base / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                                              ".site-*", "node_modules", "dist", "build", "tests"))
    report = recorded.run(repo, recorded.Recorded(notices()))
    assert report.ok and sorted(report.written) == sorted(IMPORTED), (report.failed, report.problems)
    out = base / "site"
    assert build(repo, out, today=TODAY) == 0
    return TedSite(repo, out, load_catalog(repo, today=TODAY))
