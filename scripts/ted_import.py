"""Import reserved and social notices by Danish and Swedish buyers from TED into data/tenders/.

Usage: python scripts/ted_import.py [--from 2026-11-30] [--to 2026-12-06] [--lang da|sv] [--dry-run]

Asks TED's public Search API (anonymous) for notices whose buyer is in Denmark or Sweden published in the
window (default: the last seven days), reads each notice's XML with the eForms SDK's XPaths
(vendor/eforms-sdk/), keeps the reserved ones (BT-71, BT-736) and the prior information and contract notices
in Bro's categories, and writes data/tenders/ted-<publication number>.yml for each, through the project's
YAML writer and validator. Nothing is written when TED cannot be read to the end; hand-written entries are
never overwritten. Exit code 1 when the run failed, else 0 (problems with single notices are listed).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bro.messages import text  # noqa: E402
from bro.ted.client import TedClient  # noqa: E402
from bro.ted.importer import Report, run  # noqa: E402


def describe(report: Report, lang: str) -> list[str]:
    """The run in plain words, one line each."""
    lines = [text("tedimport", lang, "summary", seen=report.seen, relevant=report.relevant,
                  written=len(report.written), unchanged=len(report.unchanged))]
    if report.failed:
        lines.append(text("tedimport", lang, "failed", reason=report.failed))
    for problem in report.problems:
        message = text("tedimport", lang, problem.code, detail=problem.detail)
        lines.append(text("tedimport", lang, "problem", number=problem.publication_number, message=message))
    lines += [f"+ data/tenders/{slug}.yml" for slug in report.written]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    today = date.today()
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=today - timedelta(days=7))
    parser.add_argument("--to", dest="end", type=date.fromisoformat, default=today)
    parser.add_argument("--lang", choices=("da", "sv"), default="da", help="language of the report")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    report = run(TedClient(), args.start, args.end, args.root, write=not args.dry_run)
    print("\n".join(describe(report, args.lang)))
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
