"""Pack the built site (both languages, data, feeds) into one zip to be unpacked and opened from disk.

Usage: python scripts/offline.py [--site site] [--out dist/bro-offline.zip]
The zip holds one folder, `bro/`, whose `index.html` is the bilingual landing page.
"""
from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pack(site: Path, out: Path) -> int:
    """Write every file of site/ under bro/ in out (deterministic order); return the number of files."""
    if not (site / "index.html").is_file():
        print(f"Bro: {site} has no index.html — run `make build` first.", file=sys.stderr)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".zip.partial")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            archive.write(path, Path("bro") / path.relative_to(site))
    partial.replace(out)
    return len(files)


def main() -> int:
    """Pack site/ into the offline zip; exit 1 when there is no built site."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "bro-offline.zip")
    args = parser.parse_args()
    count = pack(args.site, args.out)
    if count:
        print(f"Bro: {count} files packed into {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
