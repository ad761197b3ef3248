"""Build Bro's site into site/ (both languages, landing page, open data). Usage: python scripts/build.py"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bro.build import build

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="build as if on this date")
    parser.add_argument("--lang", choices=("en", "da", "sv"), default="en", help="language of error messages")
    args = parser.parse_args()
    sys.exit(build(ROOT, args.out.resolve(), today=args.today, lang=args.lang))
