"""Benchmark: validate and build Bro with many generated records.

Usage: python scripts/bench.py [--suppliers 1000] [--tenders 200] [--build]
Copies the sample records under new slugs (with fresh, valid CVR numbers) into a temporary
repository, then times loading + validation and, with --build, the whole two-language build.
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from stdnum.dk import cvr

from bro.build import build
from bro.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)


def valid_cvr_numbers():
    """Yield distinct checksum-valid CVR numbers."""
    for number in range(40000000, 50000000):
        text = str(number)
        if cvr.is_valid(text):
            yield text


def make_repo(target: Path, suppliers: int, tenders: int) -> None:
    """A copy of the project whose data folders hold the requested number of generated records."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".site-*",
                                                                "tests", "node_modules", ".pytest_cache"))
    numbers = valid_cvr_numbers()
    samples = sorted((ROOT / "data" / "suppliers").glob("*.yml"))
    danish = [p for p in samples if "\ncountry: DK" in p.read_text(encoding="utf-8")]
    for i in range(suppliers):
        source = danish[i % len(danish)].read_text(encoding="utf-8")
        lines = [f'org_number: "{next(numbers)}"' if line.startswith("org_number:") else line
                 for line in source.splitlines()]
        (target / "data" / "suppliers" / f"bench-{i:05d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tender_samples = sorted((ROOT / "data" / "tenders").glob("*.yml"))
    for i in range(tenders):
        text = tender_samples[i % len(tender_samples)].read_text(encoding="utf-8")
        (target / "data" / "tenders" / f"bench-{i:05d}.yml").write_text(text, encoding="utf-8")


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suppliers", type=int, default=1000)
    parser.add_argument("--tenders", type=int, default=200)
    parser.add_argument("--build", action="store_true", help="also time the full build (both languages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        make_repo(repo, args.suppliers, args.tenders)
        start = time.perf_counter()
        catalog = load_catalog(repo, today=TODAY)
        load_s = time.perf_counter() - start
        print(f"records: {len(catalog.suppliers)} suppliers, {len(catalog.tenders)} tenders; "
              f"errors: {len(catalog.errors)}")
        print(f"load + validate: {load_s:.2f} s")
        if args.build:
            start = time.perf_counter()
            code = build(repo, Path(tmp) / "site", today=TODAY)
            build_s = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            size = sum(p.stat().st_size for p in (Path(tmp) / "site").rglob("*") if p.is_file()) / 1e6
            print(f"build (validate + da + sv in parallel): {build_s:.1f} s, exit {code}, "
                  f"peak RSS of one MkDocs build {peak:.0f} MB, site {size:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
