"""Benchmark: validate, build and search Bro with many generated suppliers.

Usage: python scripts/bench.py [--suppliers 1000 10000] [--tenders 200] [--no-browser]

For each N it copies the project into a temporary folder, generates N synthetic suppliers from the
sample profiles (fresh valid CVR numbers, unique names, shuffled texts), builds both languages and
reports build wall time, peak memory, the size of the directory's search data, the directory page's
weight, and the time from opening the directory page in headless Chromium (Debian's chromium) to the
first search result, over HTTP and from file://. Nothing here is a test: it prints figures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from stdnum.dk import cvr

from bro.build import build
from bro.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)
QUERY = "rengøringen"


def valid_cvr_numbers():
    """Yield distinct checksum-valid CVR numbers."""
    for number in range(40000000, 50000000):
        if cvr.is_valid(str(number)):
            yield str(number)


def make_repo(target: Path, suppliers: int, tenders: int) -> None:
    """A copy of the project whose data folders hold generated records."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".site-*",
                                                                "tests", "node_modules", ".pytest_cache"))
    rng, numbers = random.Random(7), valid_cvr_numbers()
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "suppliers").glob("*.yml"))]
    danish = [s for s in samples if "\ncountry: DK" in s]
    words = sorted({w for s in samples for w in s.split() if w.isalpha() and len(w) > 3})
    for i in range(suppliers):
        lines = []
        for line in danish[i % len(danish)].splitlines():
            if line.startswith("org_number:"):
                line = f'org_number: "{next(numbers)}"'
            elif line.startswith("name:"):
                line = f"name: {rng.choice(words).capitalize()} {rng.choice(words)} {i}"
            elif line.startswith("  da: ") and len(line) > 60:
                line = "  da: " + " ".join(rng.sample(words, 18))
            lines.append(line)
        (target / "data" / "suppliers" / f"bench-{i:05d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tender_samples = sorted((ROOT / "data" / "tenders").glob("*.yml"))
    for i in range(tenders):
        text = tender_samples[i % len(tender_samples)].read_text(encoding="utf-8")
        (target / "data" / "tenders" / f"bench-{i:05d}.yml").write_text(text, encoding="utf-8")


def first_result_ms(url: str) -> float:
    """Milliseconds from navigation start to the first search result on the directory page, opened from
    the home page (the browser is started and has shown one page of the site first)."""
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                      "--disable-background-networking"])
        page = browser.new_page()
        page.goto(url.replace("/leverandorer/index.html", "/index.html"))
        page.goto(f"{url}#q={QUERY}", wait_until="commit")
        page.wait_for_selector("#bro-results li", timeout=60000)
        elapsed = page.evaluate("performance.now()")
        browser.close()
    return elapsed


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 in a background thread."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def run(n: int, tenders: int, browser: bool) -> None:
    """Generate, validate, build and measure one size."""
    with tempfile.TemporaryDirectory() as tmp:
        repo, site = Path(tmp) / "repo", Path(tmp) / "site"
        make_repo(repo, n, tenders)
        start = time.perf_counter()
        catalog = load_catalog(repo, today=TODAY)
        validate_s = time.perf_counter() - start
        start = time.perf_counter()
        code = build(repo, site, today=TODAY)
        build_s = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        assets = site / "da" / "assets" / "bro"
        data = [assets / "directory-data.js", *sorted(assets.glob("directory-shard-*.js"))]
        total, first = sum(p.stat().st_size for p in data), data[0].stat().st_size + data[1].stat().st_size
        page = (site / "da" / "leverandorer" / "index.html").read_bytes()
        report = [
            f"N = {len(catalog.suppliers)} suppliers, {len(catalog.tenders)} tenders (errors: {len(catalog.errors)})",
            f"  validate alone:               {validate_s:6.1f} s",
            f"  make build (both languages):  {build_s:6.1f} s (exit {code}), "
            f"peak RSS of one MkDocs build {peak:.0f} MB",
            f"  search data, all shards:      {total / 1e6:6.2f} MB in {len(data) - 1} shard(s); "
            f"before the first result: {first / 1e6:.2f} MB",
            f"  directory page HTML:          {len(page) / 1e3:6.0f} KB, gzip {len(gzip.compress(page)) / 1e3:.0f} KB",
        ]
        print("\n" + "\n".join(report))
        if browser and shutil.which("chromium"):
            url, server = serve(site)
            try:
                http_ms = first_result_ms(f"{url}/da/leverandorer/index.html")
            finally:
                server.shutdown()
            file_ms = first_result_ms((site / "da" / "leverandorer" / "index.html").as_uri())
            print(f"  first result for '{QUERY}':   HTTP {http_ms:.0f} ms, file:// {file_ms:.0f} ms")


def main() -> int:
    """Run the benchmark for each requested size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suppliers", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--tenders", type=int, default=200)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    args = parser.parse_args()
    for n in args.suppliers:
        run(n, args.tenders, not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
