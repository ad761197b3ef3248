"""Weekly upkeep (src/bro/upkeep.py, scripts/upkeep.py): link check against a local server (no network),
the exclude list, freshness on a fixed date, the report in Danish and Swedish, and the tracking issue and label
sync against a fake GitHub API."""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from fake_github import FakeGitHub

from bro import upkeep
from bro.catalog import load_catalog
from helpers import FIXTURES, ROOT, TODAY, make_repo

SCRIPT = ROOT / "scripts" / "upkeep.py"
TIMEOUT = 2  # seconds: the slow page never answers in time, and a loaded CI machine answers the others well within
HOSTILE_LOCATION = ("/landing><img/src=https://evil.example/x.png>@bro-socialt-indkob/redaktion"
                    "[klik](https://evil.example/login)<!--|x|#12\u202e")
TENDER = (ROOT / "tests" / "fixtures" / "valid" / "tender_complete.yml").read_text(encoding="utf-8")
SUPPLIER = (ROOT / "tests" / "fixtures" / "valid" / "supplier_minimal.yml").read_text(encoding="utf-8")


class _Site(BaseHTTPRequestHandler):
    """A web site with one page per outcome; remembers every request."""

    hits: list[tuple[str, str, str]] = []
    flaky_seen = 0

    def log_message(self, *args) -> None:
        """Keep test output quiet."""

    def _answer(self, status: int, headers: dict | None = None) -> None:
        """Send a status with a small HTML body."""
        body = b"<html><body>Bro</body></html>"
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the checker gave up (the slow page)
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        """The check must use GET; a HEAD request is remembered and refused."""
        _Site.hits.append(("HEAD", self.path, self.headers.get("User-Agent", "")))
        self._answer(405)

    def do_GET(self) -> None:  # noqa: N802
        """One page per outcome."""
        _Site.hits.append(("GET", self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow":  # answers only after the checker gave up (released when the test ends)
            _Site.release.wait(30)
            return self._answer(200)
        if self.path == "/flaky":
            _Site.flaky_seen += 1
            return self._answer(503 if _Site.flaky_seen == 1 else 200)
        routes = {"/ok": (200, None), "/missing": (404, None), "/gone": (410, None), "/forbidden": (403, None),
                  "/moved": (301, {"Location": "/ok"}), "/temporary": (302, {"Location": "/ok"}),
                  "/excluded": (200, None), "/folder": (301, {"Location": "/folder/"}), "/folder/": (200, None)}
        if self.path == "/hostile":  # a moved page whose new address is written to fool the tracking issue
            return self._answer(301, {"Location": HOSTILE_LOCATION.encode("utf-8").decode("latin-1")})  # raw bytes
        if self.path.startswith("/landing"):
            return self._answer(200)
        status, headers = routes.get(self.path, (404, None))
        return self._answer(status, headers)


@pytest.fixture
def site():
    """The local site's base address (http://127.0.0.1:PORT)."""
    _Site.hits = []
    _Site.flaky_seen = 0
    _Site.release = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Site.release.set()
    server.shutdown()
    server.server_close()


def _repo(tmp_path: Path, site: str) -> Path:
    """A repository whose pages and data link to the local site, with an exclude list."""
    page = "\n".join(["# Links", "", f"Se [siden]({site}/ok).", f"Gammel: {site}/missing.", f"Væk: <{site}/gone>",
                      f"- {site}/slow", f"- {site}/moved", f"- {site}/temporary", f"- {site}/flaky",
                      f"- {site}/forbidden", f"- {site}/excluded/page", f"- {site}/folder", "- https://eksempel.example.org/x",
                      "- https://… (skabelon)", ""])
    excludes = f"""exclude:
  - host: example.org
    reason: Reserved for examples.
  - host: aarhus.dk
    reason: A real site named by a fixture; the tests make no calls outside this machine.
  - host: europa.eu
    reason: The threshold table's sources; the tests make no calls outside this machine.
  - host: kfst.dk
    reason: The threshold table's sources; the tests make no calls outside this machine.
  - host: upphandlingsmyndigheten.se
    reason: The threshold table's sources; the tests make no calls outside this machine.
  - url: "{site}/excluded*"
    reason: The test says so.
"""
    repo = make_repo(tmp_path, {
        "content/da/links.md": page,
        "content/sv/links.md": f"Se {site}/missing\n",
        "data/suppliers/supplier-minimal.yml": SUPPLIER.replace("last_verified: 2026-01-10",
                                                                "last_verified: 2025-11-22"),
        "data/suppliers/boundary.yml": SUPPLIER.replace("Kafé Trappsteget", "Kafé Gränsen").replace(
            "802412-3401", "802400-0005").replace("last_verified: 2026-01-10", "last_verified: 2025-11-23"),
        "data/tenders/udloebet.yml": TENDER.replace("status: planned", "status: published").replace(
            "2027-02-01", "2026-10-01").replace("2027-01-15", "2026-09-15"),
        "data/tenders/forsinket.yml": TENDER.replace("2027-02-01", "2026-11-01").replace("2027-01-15", "2026-12-01"),
        "data/tenders/tildelt.yml": TENDER.replace("status: planned", "status: awarded").replace(
            "2027-02-01", "2026-10-01").replace("2027-01-15", "2026-09-15"),
        ".github/link-check.yml": excludes,
    })
    with open(repo / ".github" / "link-check.yml", "a", encoding="utf-8") as fh:  # the tests call nothing outside
        for path in sorted((repo / "data" / "buyers").glob("*.yml")):
            if website := yaml.safe_load(path.read_text(encoding="utf-8")).get("website"):
                fh.write(f'  - url: "{website}*"\n    reason: A real buyer in the registry that make_repo copies.\n')
        for url, places in upkeep.collect_urls(repo).items():
            if any(place.file == "data/site.yml" for place in places):
                fh.write(f'  - url: "{url}"\n    reason: An authority in data/site.yml, which make_repo copies.\n')
    return repo


def test_collects_every_external_address_with_its_place(tmp_path, site):
    found = upkeep.collect_urls(_repo(tmp_path, site))
    assert found[f"{site}/ok"] == [upkeep.Place("content/da/links.md", 3)]
    assert found[f"{site}/missing"] == [upkeep.Place("content/da/links.md", 4), upkeep.Place("content/sv/links.md", 1)]
    assert f"{site}/gone" in found  # <…> and the full stop after an address are not part of it
    assert "https://…" not in found and "https://" not in found
    assert found["https://eksempel.example.org/x"] == [upkeep.Place("content/da/links.md", 13)]
    assert upkeep.Place("data/tenders/udloebet.yml", 29) in found["https://udbud.example.org/123"]


def test_link_check_outcomes(tmp_path, site):
    repo = _repo(tmp_path, site)
    excludes = upkeep.load_excludes(repo / ".github" / "link-check.yml")
    found = upkeep.collect_urls(repo)
    results, skipped = upkeep.check_links(found, excludes, workers=4, timeout=TIMEOUT, retries=1, backoff=0)
    outcome = {r.url.removeprefix(site): (r.status, r.detail, r.attempts) for r in results if r.url.startswith(site)}
    assert outcome == {
        "/ok": ("ok", "", 1),
        "/missing": ("broken", "HTTP 404", 1),
        "/gone": ("broken", "HTTP 410", 1),
        "/forbidden": ("broken", "HTTP 403", 1),
        "/slow": ("unreachable", "timeout", 2),
        "/moved": ("moved", "HTTP 301", 1),
        "/temporary": ("ok", "", 1),
        "/flaky": ("ok", "", 2),
        "/folder": ("ok", "", 1),  # only a slash added: not worth an editor's time
    }
    moved = next(r for r in results if r.url.endswith("/moved"))
    assert moved.target == f"{site}/ok"
    assert all(r.url.startswith(site) for r in results)  # everything else is on the exclude list
    assert skipped == len(found) - 9 and f"{site}/excluded/page" in found and "https://www.aarhus.dk" in found
    assert any(url.startswith("https://eur-lex.europa.eu/") for url in found)
    assert not any(path.startswith("/excluded") for _, path, _ in _Site.hits)
    assert {method for method, _, _ in _Site.hits} == {"GET"}
    assert all(agent == upkeep.USER_AGENT for _, _, agent in _Site.hits)


def test_exclude_entries_need_a_reason(tmp_path):
    path = tmp_path / "link-check.yml"
    path.write_text("exclude:\n  - host: example.org\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs a reason"):
        upkeep.load_excludes(path)
    path.write_text("exclude:\n  - host: example.org\n    url: https://x\n    reason: both\n", encoding="utf-8")
    with pytest.raises(ValueError, match="exactly one of host or url"):
        upkeep.load_excludes(path)


def test_exclude_host_covers_subdomains_only():
    entry = [upkeep.Exclude("example", host="example.org")]
    assert upkeep.excluded_by("https://a.b.example.org/x", entry)
    assert upkeep.excluded_by("https://EXAMPLE.org", entry)
    assert not upkeep.excluded_by("https://notexample.org", entry)
    assert not upkeep.excluded_by("https://example.org.evil.test", entry)


def test_project_exclude_list_has_a_reason_for_every_entry():
    entries = upkeep.load_excludes(ROOT / ".github" / "link-check.yml")
    assert entries and all(len(entry.reason) > 20 for entry in entries)


def test_freshness_on_a_fixed_date(tmp_path, site):
    catalog = load_catalog(_repo(tmp_path, site), today=TODAY)
    assert [r.slug for r in upkeep.stale_suppliers(catalog)] == ["supplier-minimal"]  # 366 days; 365 is not stale
    assert [(r.slug, reason, day.isoformat()) for r, reason, day in upkeep.overdue_tenders(catalog)] == [
        ("udloebet", "dates_passed", "2026-10-01"), ("forsinket", "publication_passed", "2026-11-01")]


def test_support_organisations_not_checked_for_a_year_are_reported(tmp_path):
    fixture = (FIXTURES / "valid" / "organisation_complete.yml").read_text(encoding="utf-8")
    repo = make_repo(tmp_path, {
        "data/organisations/gammel.yml": fixture.replace("checked: 2026-11-01", "checked: 2025-11-22")
                                                .replace("Eksempel Rådgivning Syd", "Gammel Rådgivning"),
        "data/organisations/aarsdag.yml": fixture.replace("checked: 2026-11-01", "checked: 2025-11-23")
                                                 .replace("Eksempel Rådgivning Syd", "Årsdag Rådgivning")})
    catalog = load_catalog(repo, today=TODAY)
    assert [org.slug for org in upkeep.stale_organisations(catalog)] == ["gammel"]  # 366 days; 365 is not stale
    report = upkeep.build_report(catalog, [], 0)
    assert report.findings and report.counts()["stale_organisations"] == 1
    text = upkeep.render_issue(report)
    assert "**Gammel Rådgivning** (`data/organisations/gammel.yml`): senest tjekket 2025-11-22." in text
    assert "Stödorganisationer som inte har kontrollerats på över 12 månader (1)" in text


def test_report_in_danish_and_swedish(tmp_path, site):
    repo = _repo(tmp_path, site)
    catalog = load_catalog(repo, today=TODAY)
    links = [upkeep.LinkResult(f"{site}/missing", "broken", "HTTP 404", places=[upkeep.Place("content/sv/links.md",
                                                                                              1)]),
             upkeep.LinkResult(f"{site}/moved", "moved", "HTTP 301", target=f"{site}/ok",
                               places=[upkeep.Place("content/da/links.md", 7)]),
             upkeep.LinkResult(f"{site}/slow", "unreachable", "timeout", attempts=3,
                               places=[upkeep.Place("content/da/links.md", 6)])]
    report = upkeep.build_report(catalog, links, skipped=2)
    da, sv = upkeep.render_report(report, "da"), upkeep.render_report(report, "sv")
    assert da.startswith("## Vedligeholdelse af Bro, uge 48 2026 (2026-11-23)\n")
    assert (f"- <{site}/missing> – Siden findes ikke længere (HTTP 404). Står i `content/sv/links.md` linje 1"
            in da.splitlines())
    assert (f"- <{site}/moved> – Sidan har flyttats permanent till <{site}/ok>. Rätta adressen. Står i "
            "`content/da/links.md` rad 7") in sv.splitlines()
    assert "Servern svarade inte i tid (3 försök)." in sv
    assert ("- **Kafé Trappsteget** (`data/suppliers/supplier-minimal.yml`): senest bekræftet 2025-11-22. Spørg "
            "virksomheden, om oplysningerne stadig passer, og ret derefter «Senest bekræftet» (last_verified).") in da
    assert ("- **Grönyteskötsel vid skolor i Aarhus** (`data/tenders/udloebet.yml`): status är fortfarande "
            "”Annonserad”, men det sista datumet (2026-10-01) har passerat, så webbplatsen visar upphandlingen i "
            "arkivet. Ändra status till ”Tilldelad” eller ”Avbruten”, eller rätta datumen.") in sv
    assert ("status er stadig «Planlagt», men den forventede offentliggørelse (2026-11-01) er passeret. Ret status "
            "eller datoen.") in da
    assert "_3 links tjekket; 2 sprunget over efter undtagelseslisten i .github/link-check.yml._" in da
    assert "### Länkar som inte fungerar (1)" in sv and "### Links, der ikke svarer (1)" in da
    assert upkeep.render_issue(report) == da + "\n---\n\n" + sv
    assert report.findings


def test_all_clear_report(tmp_path):
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    report = upkeep.build_report(catalog, [upkeep.LinkResult("https://x.test/", "ok")], skipped=0)
    assert not report.findings
    assert ("✅ Alt er i orden: alle links virker, alle profiler og udbud er aktuelle, og ingen sider har åbne "
            "punkter til redaktionel kontrol.") in upkeep.render_report(report, "da")
    assert "###" not in upkeep.render_report(report, "sv")


def _page(points: list[str]) -> str:
    """A page with these open review points (the first one with a source)."""
    items = "".join(f"  - point: {point}\n" + ("    source: udbudsloven § 54\n" if not number else "")
                    for number, point in enumerate(points))
    return f"---\ntitle: Side\ndescription: En side.\nreview:\n{items}---\n\n# Side\n"


def test_open_review_points_are_listed_by_page(tmp_path):
    """Every page's open points, in both languages, with a count per page; alone they keep the issue open."""
    repo = make_repo(tmp_path, {"content/da/a.md": _page(["Bekræft § 54.", "Angiv kilden."]),
                                "content/sv/b.md": _page(["Kontrollera 4 kap. 18 §."]),
                                "content/da/c.md": "---\ntitle: C\ndescription: Ingen punkter.\n---\n\n# C\n"})
    report = upkeep.build_report(load_catalog(repo, today=TODAY), [], skipped=0)
    assert report.findings and report.counts()["review"] == 3
    assert "\n".join([
        "### Åbne punkter til redaktionel kontrol (3)", "",
        "Punkterne står under «review» øverst i hver side og bliver ikke vist for læserne. Kontrollér dem mod kilden, "
        "ret siden med et forslag til ændring, og slet punktet, når det er afklaret.", "",
        "- `content/da/a.md` (2 punkter)", "  - Bekræft § 54. – kilde: udbudsloven § 54", "  - Angiv kilden.",
        "- `content/sv/b.md` (1 punkt)", "  - Kontrollera 4 kap. 18 §. – kilde: udbudsloven § 54", ""]) in \
        upkeep.render_report(report, "da")
    sv = upkeep.render_report(report, "sv")
    assert "### Öppna punkter för redaktionell granskning (3)" in sv
    assert "- `content/da/a.md` (2 punkter)\n  - Bekræft § 54. – källa: udbudsloven § 54\n" in sv
    assert "Allt är i ordning" not in sv


def test_open_review_points_are_capped(tmp_path, monkeypatch):
    """At most MAX_POINTS points per page and MAX_ITEMS pages, the rest counted."""
    monkeypatch.setattr(upkeep, "MAX_ITEMS", 1)
    repo = make_repo(tmp_path, {"content/da/a.md": _page([f"Punkt {n}." for n in range(1, 13)]),
                                "content/da/b.md": _page(["Et punkt mere."])})
    da = upkeep.render_report(upkeep.build_report(load_catalog(repo, today=TODAY), [], skipped=0), "da")
    assert "  - Punkt 10.\n  - og 2 flere\n- og 1 flere\n" in da
    assert "Punkt 11." not in da and "Et punkt mere." not in da


def test_locale_files_have_the_same_keys():
    da = yaml.safe_load((ROOT / "src/bro/locales/upkeep.da.yml").read_text(encoding="utf-8"))
    sv = yaml.safe_load((ROOT / "src/bro/locales/upkeep.sv.yml").read_text(encoding="utf-8"))
    assert set(da) == set(sv)


def test_report_command_never_fails_on_broken_links(tmp_path, site):
    repo = _repo(tmp_path, site)
    out = tmp_path / "report"
    result = subprocess.run([sys.executable, str(SCRIPT), "report", "--root", str(repo), "--out", str(out),
                             "--today", TODAY.isoformat(), "--timeout", str(TIMEOUT), "--retries", "0"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    meta = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert meta["findings"] is True
    assert meta["title"] == "Vedligeholdelse: links og aktualitet / Underhåll: länkar och aktualitet"
    skipped = len(upkeep.collect_urls(repo)) - 9
    assert meta["counts"] == {"checked": 9, "skipped": skipped, "stale": 1, "stale_organisations": 0, "overdue": 2,
                              "review": 0, "ok": 3, "moved": 1, "broken": 4, "unreachable": 1}
    assert "## Underhåll av Bro, vecka 48 2026 (2026-11-23)" in (out / "report.md").read_text(encoding="utf-8")


# --- the tracking issue and the labels against a fake GitHub ----------------------------------------------------


def _report_dir(folder: Path, findings: bool, body: str = "## Rapport\n") -> Path:
    """A report folder as the check job leaves it."""
    folder.mkdir()
    (folder / "report.md").write_text(body, encoding="utf-8")
    (folder / "report.json").write_text(json.dumps({"findings": findings, "title": "Vedligeholdelse / Underhåll",
                                                    "counts": {}}), encoding="utf-8")
    return folder


def _run(fake: FakeGitHub, *args: str) -> subprocess.CompletedProcess:
    """Run scripts/upkeep.py as the workflow step does."""
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False,
                          env={"PATH": os.environ["PATH"], **fake.env})


def test_tracking_issue_is_created_updated_and_closed(tmp_path):
    with FakeGitHub() as fake:
        fake.state.issues.append({"number": 1, "title": "Another", "body": "", "state": "open",
                                  "labels": [{"name": "removal"}]})
        created = _run(fake, "track", "--report", str(_report_dir(tmp_path / "1", True, "første\n")))
        updated = _run(fake, "track", "--report", str(_report_dir(tmp_path / "2", True, "anden\n")))
        closed = _run(fake, "track", "--report", str(_report_dir(tmp_path / "3", False, "alt i orden\n")))
        nothing = _run(fake, "track", "--report", str(_report_dir(tmp_path / "4", False)))
    assert "tracking issue created (#2)" in created.stdout
    assert "tracking issue updated (#2)" in updated.stdout
    assert "tracking issue closed (#2)" in closed.stdout
    assert "tracking issue nothing" in nothing.stdout
    tracked = [issue for issue in fake.state.issues if {"name": "upkeep"} in issue["labels"]]
    assert len(tracked) == 1
    assert tracked[0]["body"] == "alt i orden\n" and tracked[0]["state"] == "closed"
    assert fake.state.issues[0]["state"] == "open" and fake.state.issues[0]["body"] == ""


def test_labels_are_synced_from_labels_yml(tmp_path):
    with FakeGitHub() as fake:
        fake.state.labels = [{"name": "Form", "color": "ffffff", "description": "old"},
                             {"name": "upkeep", "color": "d4c5f9",
                              "description": "Ugentlig kontrol af links og aktualitet / "
                                             "Veckovis kontroll av länkar och aktualitet"},
                             {"name": "bug", "color": "ff0000", "description": "kept"}]
        first = _run(fake, "labels")
        second = _run(fake, "labels")
    assert first.returncode == 0, first.stdout + first.stderr
    wanted = yaml.safe_load((ROOT / ".github" / "labels.yml").read_text(encoding="utf-8"))["labels"]
    names = {label["name"] for label in fake.state.labels}
    assert names == {label["name"] for label in wanted} | {"bug"}
    form = next(label for label in fake.state.labels if label["name"] == "form")
    assert form == {"name": "form", "color": "5319e7",
                    "description": "Sendt ind med en formular / Inskickat via ett formulär"}
    assert "updated form" in first.stdout and "created removal" in first.stdout
    assert "created upkeep" not in first.stdout and "updated upkeep" not in first.stdout
    assert "already up to date" in second.stdout


def test_tracking_fails_plainly_without_a_token(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "track", "--report", str(_report_dir(tmp_path / "r", True))],
                            capture_output=True, text=True, check=False, env={"PATH": os.environ["PATH"]})
    assert result.returncode == 1
    assert "missing environment variables: GITHUB_REPOSITORY, GITHUB_TOKEN" in result.stdout


def test_a_moved_pages_new_address_cannot_write_into_the_issue(site):
    """The new address comes from someone else's server: in the issue it is one link, percent-encoded where it
    could end the link, start HTML or Markdown, call a team or hide text."""
    result = upkeep.check_url(f"{site}/hostile", timeout=TIMEOUT, retries=0)
    assert (result.status, result.target) == ("moved", f"{site}/landing><img/src=https://evil.example/x.png>"
                                              "@bro-socialt-indkob/redaktion[klik](https://evil.example/login)"
                                              "<!--|x|#12%E2%80%AE")  # urllib encodes what is not ASCII
    result.places = [upkeep.Place("content/da/links.md", 7)]
    newline = upkeep.LinkResult(f"{site}/moved\n\n## @bro-socialt-indkob", "moved", "HTTP 301",
                                target="https://x.example/a\n- [klik](https://evil.example) <b>", places=[])
    body = upkeep.render_issue(upkeep.Report(TODAY, [result, newline]))
    line = next(line for line in body.splitlines() if "/hostile" in line)
    assert line.startswith(f"- <{site}/hostile> – Siden er flyttet permanent til <{site}/landing%3E%3Cimg/src=https://"
                           "evil.example/x.png%3E@bro-socialt-indkob/redaktion[klik](https://evil.example/login)"
                           "%3C!--%7Cx%7C#12%E2%80%AE>. Ret adressen.")
    assert f"- <{site}/moved%0A%0A##%20@bro-socialt-indkob> – Siden er flyttet permanent til " \
           "<https://x.example/a%0A-%20[klik](https://evil.example)%20%3Cb%3E>. Ret adressen." in body
    assert "<img" not in body and "<b>" not in body and "<!--" not in body and "## @" not in body
