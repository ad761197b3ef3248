"""Benchmark: validate, build and search the whole of Bro with many generated suppliers and entries.

Usage: python scripts/bench.py [--suppliers 1000 10000] [--tenders 2000] [--no-browser]

For each N it copies the project (with its knowledge bank) into a temporary folder, generates N
synthetic suppliers from the sample profiles (fresh valid CVR numbers, unique names, shuffled texts) and
the given number of tender entries, builds both languages and reports: build wall time, peak memory,
the offline zip's size, the directory's search data, the weight of each page type before any search
data (raw and gzip), and the time from navigation to the first result of the directory search and of
the site search in headless Chromium (Debian's chromium), over HTTP (gzip, as GitHub Pages serves) and
from file://. Nothing here is a test: it prints figures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from stdnum.dk import cvr

from bro.build import build
from bro.catalog import load_catalog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from offline import pack  # noqa: E402

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
    if (ROOT / "node_modules").is_dir():  # the offline copy's iframe-worker shim (`make node-setup`)
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
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


PAGE_TYPES = {  # one page of each type, Danish site (the Swedish pages have the same templates)
    "home": "da/index.html", "directory": "da/leverandorer/index.html",
    "profile": "da/leverandorer/bench-00000.html", "category": "da/leverandorer/kategori/catering.html",
    "municipality": "da/leverandorer/omraade/dk-751.html", "full list": "da/leverandorer/alle/1.html",
    "tender list": "da/udbudsplan/index.html", "tender entry": "da/udbudsplan/bench-00000.html",
    "buyer": "da/udbudsplan/ordregiver/aarhus-kommune.html", "knowledge page": "da/vidensbank/sociale-klausuler.html",
    "glossary": "da/vidensbank/ordliste.html", "404": "da/404.html",
}
SEARCH_DATA = ("search_index", "directory-data", "directory-shard", "lunr")


def launch(pw):
    """Debian's chromium, headless."""
    return pw.chromium.launch(executable_path=shutil.which("chromium"),
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])


# The frame that first shows a result: the next animation frame after the first result enters the page (the
# browser runs animation-frame callbacks right before it paints).
FIRST_FRAME = """
new MutationObserver(function (changes, observer) {
  if (!document.querySelector("#bro-results li")) { return; }
  observer.disconnect();
  requestAnimationFrame(function () { window.broFirstResult = performance.now(); });
}).observe(document, { childList: true, subtree: true });
"""


def first_result_ms(page, url: str) -> tuple[float, float]:
    """Milliseconds from navigation start to the first frame showing a directory result, and to when the page
    first answers a script from outside (its main thread free), opened from the home page (the browser has
    shown one page of the site first)."""
    page.goto(url.replace("/leverandorer/index.html", "/index.html"))
    page.add_init_script(FIRST_FRAME)
    page.goto(f"{url}#q={QUERY}", wait_until="commit")
    page.wait_for_selector("#bro-results li", timeout=60000)
    free = page.evaluate("performance.now()")
    page.wait_for_function("window.broFirstResult", timeout=60000)
    shown = page.evaluate("window.broFirstResult")
    page.close()
    return shown, free


def spread(values: list[float]) -> str:
    """Repeated measurements as median and range (a shared 2-core machine is noisy)."""
    values = sorted(values)
    return f"{statistics.median(values):5.0f} ms ({values[0]:.0f}–{values[-1]:.0f})"


def site_search_ms(page, url: str, query: str) -> float:
    """Milliseconds from navigation start to the first result of the theme's site search, typed as soon as
    the search box exists."""
    page.goto(url, wait_until="domcontentloaded")
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill(query, timeout=20000)
    page.wait_for_selector(".md-search-result__item", timeout=60000)
    return page.evaluate("performance.now()")


def page_weight(page, url: str) -> tuple[int, int]:
    """Bytes a page loads before any search data (raw, and gzip as GitHub Pages serves it)."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    bodies = [r.body() for r in responses if r.ok and not any(k in r.url for k in SEARCH_DATA)]
    page.close()
    return sum(map(len, bodies)), sum(len(gzip.compress(b, 6)) for b in bodies)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses text like GitHub Pages does, and keeps the compressed copy."""

    def log_message(self, *args) -> None:
        """Quiet."""

    def send_head(self):
        """Serve the file gzip-compressed when the browser accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _compressed(path: Path, mtime_ns: int) -> bytes:
    """A file gzip-compressed once, as a CDN keeps it (GitHub Pages does not compress per request)."""
    return gzip.compress(path.read_bytes(), 6)


class QuietServer(http.server.ThreadingHTTPServer):
    """A server that does not print a traceback when the browser closes a page before a response is sent."""

    def handle_error(self, request, client_address) -> None:
        """Ignore connections the browser dropped; report anything else."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 in a background thread (gzip, as GitHub Pages)."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def browser_figures(site: Path, offline_site: Path) -> list[str]:
    """First results (directory and site search) over HTTP (the site) and from file:// (the offline copy, as
    `make offline` packs it), and each page type's weight."""
    from playwright.sync_api import sync_playwright
    url, server = serve(site)
    lines = []
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            for name, base in (("HTTP (gzip)", url), ("file://", offline_site.as_uri())):
                pairs = [first_result_ms(browser.new_page(), f"{base}/da/leverandorer/index.html") for _ in range(5)]
                shown, free = (spread(list(values)) for values in zip(*pairs, strict=True))
                try:
                    searched = spread([site_search_ms(browser.new_page(), f"{base}/da/index.html", "klausuler")
                                       for _ in range(3)])
                except Exception as error:  # noqa: BLE001 - reported, not raised: the figure is missing
                    searched = f"none ({type(error).__name__})"
                lines.append(f"  {name:12s} directory '{QUERY}': first result on screen {shown}, "
                             f"page free {free}; site search 'klausuler': {searched}")
            lines.append("  page weight before search data (raw / gzip), HTTP:")
            for kind, rel in PAGE_TYPES.items():
                if (site / rel).exists():
                    raw, packed = page_weight(browser.new_page(), f"{url}/{rel}")
                    lines.append(f"    {kind:15s} {raw / 1e3:6.0f} KB / {packed / 1e3:4.0f} KB")
            browser.close()
    finally:
        server.shutdown()
    return lines


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
        first_gzip = len(gzip.compress(data[0].read_bytes() + data[1].read_bytes(), 6))
        pages = sum(1 for _ in site.rglob("*.html"))
        offline_site, zipped = Path(tmp) / "offline-site", Path(tmp) / "bro-offline.zip"
        start = time.perf_counter()
        build(repo, offline_site, today=TODAY, offline=True)
        pack(offline_site, zipped)
        offline_s = time.perf_counter() - start
        report = [
            f"N = {len(catalog.suppliers)} suppliers, {len(catalog.tenders)} tenders, {len(catalog.cases)} cases, "
            f"{len(catalog.glossary)} terms (errors: {len(catalog.errors)})",
            f"  validate alone:               {validate_s:6.1f} s",
            f"  make build (both languages):  {build_s:6.1f} s (exit {code}), {pages} HTML pages, "
            f"peak RSS of one MkDocs build {peak:.0f} MB",
            f"  offline zip:                  {zipped.stat().st_size / 1e6:6.1f} MB (make offline: {offline_s:.0f} s)",
            f"  directory search data:        {total / 1e6:6.2f} MB in {len(data) - 1} shard(s); "
            f"before the first result: {first / 1e6:.2f} MB ({first_gzip / 1e6:.2f} MB gzip)",
        ]
        print("\n" + "\n".join(report), flush=True)
        if browser and shutil.which("chromium"):
            print("\n".join(browser_figures(site, offline_site)))


def main() -> int:
    """Run the benchmark for each requested size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suppliers", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--tenders", type=int, default=2000)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    args = parser.parse_args()
    for n in args.suppliers:
        run(n, args.tenders, not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
