"""Command-line face of the validator: `python -m bro.cli validate`."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bro.catalog import load_catalog
from bro.messages import text
from bro.problems import MESSAGE_LANGUAGES, format_github, format_problem, summary


def main(argv: list[str] | None = None) -> int:
    """Validate all data; print every problem; exit 1 when there is any error."""
    parser = argparse.ArgumentParser(prog="bro-validate", description="Validate Bro's data files.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: .)")
    parser.add_argument("--lang", choices=MESSAGE_LANGUAGES, default="en", help="message language")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="treat this date as today")
    parser.add_argument("--errors-only", action="store_true", help="hide warnings")
    args = parser.parse_args(argv)
    catalog = load_catalog(args.root.resolve(), today=args.today)
    shown = catalog.errors if args.errors_only else catalog.problems
    for problem in shown:
        print(format_github(problem, args.lang) if args.format == "github" else format_problem(problem, args.lang))
    print(summary(catalog.problems, args.lang) if catalog.problems else text("messages", args.lang, "_ok"),
          file=sys.stderr)
    return 1 if catalog.errors else 0


if __name__ == "__main__":
    sys.exit(main())
