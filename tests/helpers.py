"""Shared test helpers: a throw-away repository with the real schemas and vocabularies."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

from stdnum.dk import cvr

from bro.build import build

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 23)
_SCHEMA_LINE = re.compile(r"\$schema=.*/(supplier|tender|buyer|case|event|term|organisation)\.schema\.json")
_COLLECTION = {"supplier": "suppliers", "tender": "tenders", "buyer": "buyers", "case": "cases", "event": "events",
               "term": "glossary", "organisation": "organisations"}


def fixture_kind(path: Path) -> str:
    """The fixture's collection ('suppliers', 'tenders', 'buyers', …), from its yaml-language-server line."""
    match = _SCHEMA_LINE.search(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name}: first line must name the schema of a collection, e.g. supplier.schema.json"
    return _COLLECTION[match.group(1)]


def fixture_slug(path: Path) -> str:
    """The slug a fixture gets when copied into a test repository: its '# slug: …' line if it has one (a name
    such as 'index' that a fixture's own name cannot give), else from its name (FIELD_REASON → field-reason)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# slug: "):
            return line.removeprefix("# slug: ").strip()
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def expected_messages(path: Path) -> list[str]:
    """The '# expect: …' lines at the top of an invalid fixture."""
    return [line.removeprefix("# expect: ").rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


def make_repo(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """A repository with the real schemas, vocabularies and buyer registry (the buyers the fixtures name), the
    valid fixtures, and extra files {relpath: text}."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    shutil.copytree(ROOT / "data" / "vocabularies", repo / "data" / "vocabularies")
    shutil.copy(ROOT / "data" / "thresholds.yml", repo / "data" / "thresholds.yml")
    shutil.copy(ROOT / "data" / "site.yml", repo / "data" / "site.yml")  # who runs Bro: the pages name it
    for collection in _COLLECTION.values():
        (repo / "data" / collection).mkdir()
    for path in sorted((ROOT / "data" / "buyers").glob("*.yml")):
        shutil.copy(path, repo / "data" / "buyers" / path.name)
    for path in sorted((FIXTURES / "valid").glob("*.yml")):
        target = repo / "data" / fixture_kind(path) / f"{fixture_slug(path)}.yml"
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for rel, text in (extra or {}).items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(text.encode("utf-8")) if isinstance(text, str) else (repo / rel).write_bytes(text)
    return repo


def build_with(tmp_path_factory, name: str, **settings: str) -> Path:
    """The real site built with extra.* settings taken from the environment (BRO_SHARD_SIZE, BRO_PAGE_SIZE)."""
    out = tmp_path_factory.mktemp(name) / "site"
    os.environ.update(settings)
    try:
        assert build(ROOT, out, today=TODAY) == 0
    finally:
        for key in settings:
            del os.environ[key]
    return out


def assert_build_refused(repo: Path, tmp_path: Path) -> None:
    """Building repo over a previous site fails (exit 1) and leaves that site and its folder exactly as they were."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    assert build(repo, out, today=TODAY) == 1
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in out.parent.iterdir()) == ["repo", "site"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """No access log on the test output."""

    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser closing a connection early is not a test failure."""

    def handle_error(self, request, client_address):
        pass


@contextlib.contextmanager
def serve_site(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port) while the block runs; yields its address."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_org_numbers(count: int, start: int = 40_000_000) -> list[str]:
    """Distinct valid CVR numbers from start on, which no fixture uses (files may not share one)."""
    numbers, candidate = [], start
    while len(numbers) < count:
        candidate += 1
        if cvr.is_valid(str(candidate)):
            numbers.append(str(candidate))
    return numbers
