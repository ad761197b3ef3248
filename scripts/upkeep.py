"""Weekly upkeep: check external links and freshness, and keep one tracking issue up to date.

  python scripts/upkeep.py report --out DIR [--today YYYY-MM-DD] [--timeout S] [--retries N] [--no-links]
      writes DIR/report.md (Danish and Swedish) and DIR/report.json (counts); never fails on a broken link
  python scripts/upkeep.py track --report DIR       create, update or close the issue labelled `upkeep`
  python scripts/upkeep.py labels                   create or update the labels of .github/labels.yml
(track and labels talk to GitHub: GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL from the environment)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the tracking job runs without installing Bro

import yaml  # noqa: E402

from bro.github import GitHub, GitHubError, sync_labels, upsert_issue  # noqa: E402

TRACKING_LABEL = "upkeep"
MAX_REPORT_BYTES = 65_000  # GitHub's limit for an issue body is 65,536 characters


def report_main(args: argparse.Namespace) -> int:
    """Check links and freshness; write the report and its counts."""
    from bro import upkeep
    from bro.catalog import load_catalog

    root = args.root.resolve()
    catalog = load_catalog(root, today=args.today)
    found = upkeep.collect_urls(root)
    excludes = upkeep.load_excludes(root / ".github" / "link-check.yml")
    links, skipped = ([], 0) if args.no_links else upkeep.check_links(
        found, excludes, workers=args.workers, timeout=args.timeout, retries=args.retries)
    report = upkeep.build_report(catalog, links, skipped)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(upkeep.render_issue(report), encoding="utf-8")
    counts = report.counts()
    (args.out / "report.json").write_text(json.dumps({"findings": report.findings, "title": upkeep.issue_title(),
                                                      "counts": counts}, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    print("upkeep: " + ", ".join(f"{key} {value}" for key, value in counts.items()), file=sys.stderr)
    return 0


def track_main(args: argparse.Namespace) -> int:
    """Create, update or close the one tracking issue from a report folder."""
    meta = json.loads((args.report / "report.json").read_text(encoding="utf-8"))
    body = (args.report / "report.md").read_text(encoding="utf-8")[:MAX_REPORT_BYTES]
    if not isinstance(meta.get("findings"), bool) or not isinstance(meta.get("title"), str):
        print("upkeep: report.json is not a report", file=sys.stderr)
        return 1
    try:
        action, number = upsert_issue(GitHub.from_env(), TRACKING_LABEL, meta["title"][:200], body,
                                      meta["findings"])
    except GitHubError as error:
        print(f"::error::upkeep: {error}")
        return 1
    print(f"upkeep: tracking issue {action}" + (f" (#{number})" if number else ""))
    return 0


def load_labels(path: Path) -> list[dict]:
    """The labels of .github/labels.yml."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["labels"]


def labels_main(args: argparse.Namespace) -> int:
    """Bring the repository's labels in line with .github/labels.yml."""
    try:
        done = sync_labels(GitHub.from_env(), load_labels(args.file))
    except GitHubError as error:
        print(f"::error::upkeep: {error}")
        return 1
    print("upkeep: labels " + ("; ".join(done) if done else "already up to date"))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(prog="upkeep.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="check links and freshness")
    report.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    report.add_argument("--out", type=Path, required=True, help="folder for report.md and report.json")
    report.add_argument("--today", type=dt.date.fromisoformat, default=None, help="treat this date as today")
    report.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each answer")
    report.add_argument("--retries", type=int, default=2, help="tries after the first when a server does not answer")
    report.add_argument("--workers", type=int, default=8, help="links checked at the same time")
    report.add_argument("--no-links", action="store_true", help="only freshness, no network")
    report.set_defaults(run=report_main)
    track = commands.add_parser("track", help="create, update or close the tracking issue")
    track.add_argument("--report", type=Path, required=True, help="folder with report.md and report.json")
    track.set_defaults(run=track_main)
    labels = commands.add_parser("labels", help="sync .github/labels.yml to the repository")
    labels.add_argument("--file", type=Path, default=ROOT / ".github" / "labels.yml", help="the label list")
    labels.set_defaults(run=labels_main)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
