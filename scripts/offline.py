"""Build the offline copy of the site (both languages, data, feeds; site search works without a server) and pack it
into one zip to be unpacked and opened from disk.

Usage: python scripts/offline.py [--site build/offline-site] [--out dist/bro-offline.zip] [--no-build]
The zip holds one folder, `bro/`, whose `index.html` is the bilingual landing page. The website in site/ is not
touched: the offline copy is built on its own (Material's offline plugin, BRO_OFFLINE=true).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bro.build import build
from bro.offline import pack

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Build the offline copy and pack it; exit 1 when the build fails or there is nothing to pack."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "offline-site", help="where to build it")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "bro-offline.zip")
    parser.add_argument("--no-build", action="store_true", help="pack --site as it is (it must be an offline build)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="build as if on this date")
    args = parser.parse_args()
    site = args.site.resolve()
    if not args.no_build and build(ROOT, site, today=args.today, offline=True) != 0:
        return 1
    if not (site / "index.html").is_file():
        print(f"Bro: {site} has no index.html; nothing to pack.", file=sys.stderr)
        return 1
    count = pack(site, args.out)
    print(f"Bro: {count} files packed into {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
