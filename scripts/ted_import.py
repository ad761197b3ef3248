"""Import reserved and social notices by Danish and Swedish buyers from TED into data/tenders/.

Usage: python scripts/ted_import.py [--from 2026-11-30] [--to 2026-12-06] [--lang da|sv] [--dry-run] [--out OUT]

Asks TED's public Search API (anonymous) for notices whose buyer is in Denmark or Sweden published in the
window (default: the seven days before today), reads each notice's XML with the eForms SDK's XPaths
(vendor/eforms-sdk/), keeps the reserved ones (BT-71, BT-736) and the prior information and contract notices
in Bro's categories, and writes data/tenders/ted-<publication number>.yml for each, through the project's
YAML writer and validator. Nothing is written when TED cannot be read to the end; hand-written entries are
never overwritten. Exit code 1 when the run failed, else 0 (problems with single notices are listed).

With --out OUT (the weekly workflow, .github/workflows/ted-import.yml) it also writes, for the job that opens
the pull request: OUT/pr-body.md (the summary for the editors, Danish and Swedish, bro.ted.summary),
OUT/files/data/tenders/<slug>.yml (each new or changed file, also on a dry run) and OUT/result.json
{changed, branch, title, paths}; `changed` is false when no entry is new or changed (then nothing is opened).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bro.messages import text  # noqa: E402
from bro.ted.client import TedClient  # noqa: E402
from bro.ted.importer import Report, run  # noqa: E402
from bro.ted.summary import BRANCH, has_changes, pr_title, render_body  # noqa: E402


def describe(report: Report, lang: str) -> list[str]:
    """The run in plain words, one line each."""
    lines = [text("tedimport", lang, "summary", seen=report.seen, relevant=report.relevant,
                  written=len(report.written), unchanged=len(report.unchanged))]
    if report.failed:
        lines.append(text("tedimport", lang, "failed", reason=report.failed))
    for problem in report.problems:
        message = text("tedimport", lang, problem.code, detail=problem.detail)
        lines.append(text("tedimport", lang, "problem", number=problem.publication_number, message=message))
    lines += [text("tedimport", lang, f"pr.skipped.{reason}", count=count)
              for reason, count in sorted(report.skipped.items())]
    lines += [f"+ data/tenders/{slug}.yml" for slug in report.written]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    today = date.today()
    # The seven whole days before today: today's notices may not all be published yet, and weekly runs meet
    # without overlapping.
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=today - timedelta(days=7))
    parser.add_argument("--to", dest="end", type=date.fromisoformat, default=today - timedelta(days=1))
    parser.add_argument("--lang", choices=("da", "sv"), default="da", help="language of the report")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--out", type=Path, help="folder for the pull request: pr-body.md, files/, result.json")
    args = parser.parse_args(argv)
    if args.start > args.end:
        parser.error("--from is after --to")
    report = run(TedClient(), args.start, args.end, args.root, write=not args.dry_run)
    print("\n".join(describe(report, args.lang)))
    if args.out and report.ok:
        write_out(report, args.start, args.end, args.out)
    return 0 if report.ok else 1


def write_out(report: Report, start: date, end: date, out: Path) -> None:
    """What the workflow's pull-request job needs: the body, the files, and result.json."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [f"data/tenders/{slug}.yml" for slug in report.written]
    for path, slug in zip(paths, report.written, strict=True):
        target = out / "files" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(report.contents[slug], encoding="utf-8")
    (out / "pr-body.md").write_text(render_body(report, start, end), encoding="utf-8")
    result = {"changed": has_changes(report), "branch": BRANCH, "title": pr_title(), "paths": paths}
    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
