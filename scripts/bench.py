"""Benchmark: validate, build and search the whole of Bro with many generated suppliers and entries.

Usage: python scripts/bench.py [--suppliers 1000 10000] [--tenders 2000] [--no-browser]
       python scripts/bench.py --worst-case [--suppliers 20]

For each N it copies the project (with its knowledge bank) into a temporary folder, generates N
synthetic suppliers from the sample profiles (fresh valid CVR numbers, unique names, shuffled texts) and
the given number of tender entries, builds both languages and reports: build wall time, peak memory,
the offline zip's size, the directory's search data, the weight of each page type before any search
data (raw and gzip), and the time from navigation to the first result of the directory search and of
the site search in headless Chromium (Debian's chromium), over HTTP (gzip, as GitHub Pages serves) and
from file://. Nothing here is a test: it prints figures.

--worst-case builds the sample data with records at every limit Bro accepts (bro.extremes: the largest files,
the costliest accepted Markdown, the largest amount, the earliest and latest dates; --suppliers of the largest
suppliers) and reports what each costs to validate and to build, then what the costliest files Bro refuses cost
to validate (the largest files of aliases, numbers, fields, tabs; nesting 200,000 deep; Markdown beyond the
limits), and the limits themselves.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from stdnum.dk import cvr

from bro import limits, markdown_text
from bro.build import build
from bro.catalog import _check_file, load_catalog
from bro.extremes import Extremes, dump

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
    "profile": "da/leverandorer/bench-00000.html", "category": "da/leverandorer/kategori/mad-og-forplejning.html",
    "municipality": "da/leverandorer/omraade/aarhus.html", "full list": "da/leverandorer/alle/1.html",
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


def validate_and_build(repo: Path, site: Path) -> tuple:
    """Time validating repo, then building it into site: (catalog, seconds, build exit code, seconds)."""
    start = time.perf_counter()
    catalog = load_catalog(repo, today=TODAY)
    validate_s = time.perf_counter() - start
    start = time.perf_counter()
    code = build(repo, site, today=TODAY)
    return catalog, validate_s, code, time.perf_counter() - start


def run(n: int, tenders: int, browser: bool) -> None:
    """Generate, validate, build and measure one size."""
    with tempfile.TemporaryDirectory() as tmp:
        repo, site = Path(tmp) / "repo", Path(tmp) / "site"
        make_repo(repo, n, tenders)
        catalog, validate_s, code, build_s = validate_and_build(repo, site)
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


def refused_files(sample: str) -> dict[str, str]:
    """The costliest files Bro refuses that we could construct, each at the size limit: {name: YAML text}."""
    room = limits.MAX_FILE_BYTES - len(sample.encode()) - 200
    anchored = re.sub(r"\n(\w+): (?=(?:dk|se)_[a-z_]+\n)", r"\n\1: &form ", sample, count=1)  # the legal form
    data = yaml.safe_load(sample)

    def with_description(text: str) -> str:
        return dump({**data, "description": {"da": text}})
    return {
        "a million aliases": anchored + "y: [" + ", ".join(["*form"] * 1_000_000) + "]\n",
        "aliases up to the size limit": anchored + "y: [" + ", ".join(["*form"] * (room // 7)) + "]\n",
        "aliases up to the value limit": anchored + "y: [" + ", ".join(["*form"] * (limits.MAX_VALUES - 300)) + "]\n",
        "numbers up to the value limit": sample + "numbers: [" + "1," * (limits.MAX_VALUES - 300) + "1]\n",
        "a list of a million numbers": sample + "numbers: [" + "1," * (room // 2 - 1) + "1]\n",
        "categories: a million codes": sample.replace("\ncategories: [", "\ncategories: [" + "1," * (room // 2), 1),
        "fields nobody knows": sample + "".join(f"f{i}: 1\n" for i in range(room // 12)),
        "one field written again and again": sample + "name: x\n" * (room // 8),
        "a tab on every line": sample + "#\t\n" * (room // 3),
        "nesting 200,000 deep (flow)": sample + "x: " + "[" * 200_000 + "]" * 200_000 + "\n",
        "nesting 200,000 deep (mapping)": sample + "x: " + "{a: " * 200_000 + "1" + "}" * 200_000 + "\n",
        "nesting 200,000 deep (- - -)": sample + "x:\n  " + "- " * 200_000 + "1\n",
        "Markdown: 20,000 '['": with_description("[" * 20000),
        "Markdown: 6,667 '<a '": with_description("<a " * 6667),
        "Markdown: lists 2,500 deep": with_description("- " * 2500 + "x"),
        "a number of 5,000 digits": dump({k: v for k, v in data.items() if k != "founded"}) + "founded: " + "9" * 5000,
    }


def time_file(root: Path, collection: str, name: str, text: str) -> tuple[float, int]:
    """Seconds to load and check one file as validation does (one core), and its problems."""
    path = root / "data" / collection / name
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    _, _, doc, problems = _check_file((root, TODAY, collection, path))
    took = time.perf_counter() - start
    path.unlink()
    return took, len(problems) + (len(doc.problems) if doc else 0)


def run_worst_case(suppliers: int) -> None:
    """Records at every limit: what they cost to validate and build; what the costliest refused files cost."""
    with tempfile.TemporaryDirectory() as tmp:
        repo, site = Path(tmp) / "repo", Path(tmp) / "site"
        make_repo(repo, 0, 0)
        _catalog, base_validate, _code, base_build = validate_and_build(repo, site)
        files = Extremes(repo, TODAY).repository_files(suppliers)
        for rel, text in files.items():
            (repo / rel).write_text(text, encoding="utf-8")
        print(f"\nWorst case: the sample data and {len(files)} records at every limit "
              f"({suppliers} suppliers of {len(files['data/suppliers/extreme-00000.yml'].encode()) / 1e3:.0f} KB)")
        print("  one file, validated alone (one core):")
        for rel, text in files.items():
            if rel.startswith("data/suppliers/") and not rel.endswith("extreme-00000.yml"):
                continue
            collection, name = rel.split("/")[1:]
            took, problems = time_file(repo, collection, "timing-" + name, text)
            print(f"    {rel:36s} {len(text.encode()) / 1e3:6.0f} KB  {took:6.2f} s  ({problems} problems)")
        catalog, validate_s, code, build_s = validate_and_build(repo, site)
        print(f"  validate all:  {validate_s:6.1f} s (sample data alone {base_validate:.1f} s; errors: "
              f"{len(catalog.errors)})")
        print(f"  make build:    {build_s:6.1f} s (exit {code}; sample data alone {base_build:.1f} s): "
              f"{(build_s - base_build) / len(files):.2f} s a record at the limits")
        text = Extremes(repo, TODAY).supplier()["description"]["da"]
        for name, step in (("check", markdown_text.inspect), ("render", markdown_text.render),
                           ("plain text", markdown_text.plain)):
            start = time.perf_counter()
            step(text)
            print(f"  costliest accepted Markdown ({len(text)} characters), {name}: "
                  f"{time.perf_counter() - start:.3f} s")
        sample = (repo / "data" / "suppliers" / "madvaerket.yml").read_text(encoding="utf-8")
        print("  refused files, validated alone (one core):")
        for name, hostile in refused_files(sample).items():
            took, problems = time_file(repo, "suppliers", "hostile.yml", hostile)
            print(f"    {name:36s} {len(hostile.encode()) / 1e6:5.2f} MB  {took:6.2f} s  ({problems} problems)")
    print(f"  limits: file {limits.MAX_FILE_BYTES // 2**20} MB, {limits.MAX_VALUES:,} values, nesting "
          f"{limits.MAX_DEPTH} levels, "
          f"{limits.MAX_SAME_PROBLEMS} problems of a kind listed per file; Markdown: {markdown_text.MAX_BRACKETS} "
          f"'[', {markdown_text.MAX_TAGS} tags, lists {markdown_text.MAX_NESTING} deep, links read "
          f"{markdown_text.SCAN_LIMIT} characters ahead")


def main() -> int:
    """Run the benchmark for each requested size (or the worst case)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suppliers", type=int, nargs="+", default=None)
    parser.add_argument("--tenders", type=int, default=2000)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--worst-case", action="store_true", help="records at every limit, and refused files")
    args = parser.parse_args()
    if args.worst_case:
        run_worst_case((args.suppliers or [20])[0])
        return 0
    for n in args.suppliers or [1000, 10000]:
        run(n, args.tenders, not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
