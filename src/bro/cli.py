"""Command-line face of the validator: `python -m bro.cli validate`."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bro import settings
from bro.catalog import load_catalog
from bro.messages import text
from bro.problems import MESSAGE_LANGUAGES, errors_in, format_github, format_problem, summary


def main(argv: list[str] | None = None) -> int:
    """Validate all data and the site's settings (mkdocs.yml's extra.bro_*); print every problem; exit 1 when there
    is any error."""
    parser = argparse.ArgumentParser(prog="bro-validate", description="Validate Bro's data files.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: .)")
    parser.add_argument("--lang", choices=MESSAGE_LANGUAGES, default="en", help="message language")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="treat this date as today")
    parser.add_argument("--errors-only", action="store_true", help="hide warnings")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    config = root / settings.FILE
    problems = (settings.load(config)[1] if config.is_file() else []) + load_catalog(root, today=args.today).problems
    errors = errors_in(problems)
    for problem in errors if args.errors_only else problems:
        print(format_github(problem, args.lang) if args.format == "github" else format_problem(problem, args.lang))
    print(summary(problems, args.lang) if problems else text("messages", args.lang, "_ok"), file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
