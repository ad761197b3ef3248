"""The TED importer against recorded Search API responses and the eForms SDK's example notices (changed in
memory to Danish and Swedish buyers); no network: every test here runs with connections refused (only the
fake GitHub on this machine is reachable), so a test that would ask TED live fails."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from fake_github import FakeGitHub

from bro import messages
from bro.catalog import load_catalog
from bro.problems import errors_in
from bro.ted import importer
from bro.ted.client import SEARCH_URL, Response, TedClient, TedError, expert_query
from bro.ted.fields import load_fields, relative_xpath
from bro.ted.mapping import map_notice
from bro.ted.notices import read_notice
from bro.ted.summary import render, render_body

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "vendor" / "eforms-sdk" / "examples"
FIXTURES = ROOT / "tests" / "fixtures" / "ted"
WINDOW = (date(2026, 11, 30), date(2026, 12, 6))


class LiveNetworkError(AssertionError):
    """A test tried to reach a host other than this machine (not an OSError: the client's retries cannot
    swallow it)."""


LOCAL = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Refuse every connection and name lookup beyond this machine for each test of this file."""
    connect, lookup = socket.socket.connect, socket.getaddrinfo

    def refuse_connect(self, address):
        if isinstance(address, tuple) and address[0] in LOCAL:
            return connect(self, address)
        raise LiveNetworkError(f"a test tried to connect to {address!r}")

    def refuse_lookup(host, *args, **kwargs):
        if host in LOCAL:
            return lookup(host, *args, **kwargs)
        raise LiveNetworkError(f"a test tried to look up {host!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse_connect)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)


RUN_MARKER = "<!-- bro:ted-run -->"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def example(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def as_buyer(xml: str, old_name: str, old_id: str, old_country: str, name: str, number: str, country: str) -> str:
    """The example with its buyer turned into one of Bro's registered buyers."""
    xml = xml.replace(f">{old_name}<", f">{name}<").replace(f">{old_id}</cbc:CompanyID>", f">{number}</cbc:CompanyID>")
    return xml.replace(f'listName="country">{old_country}<', f'listName="country">{country}<')


def in_language(xml: str, lang: str) -> str:
    xml = xml.replace('languageID="ENG"', f'languageID="{lang}"')
    return xml.replace("<cbc:NoticeLanguageCode>ENG<", f"<cbc:NoticeLanguageCode>{lang}<")


def danish_social() -> str:
    xml = as_buyer(example("cn-social_24.xml"), "Scotland Excel", "n/a", "GBR", "Aarhus Kommune", "55133018", "DNK")
    return in_language(xml, "DAN")


def swedish_lots() -> str:
    xml = as_buyer(example("cn_24_maximal.xml"), "Financial Adinistration for ...", "998298", "LUX",
                   "Göteborgs Stad", "212000-1355", "SWE")
    return in_language(xml.replace(">75121000<", ">85312000<"), "SWE")


def reserved_multilingual() -> str:
    xml = as_buyer(example("cn_24_minimal.xml"), "Publications Office of the European Union", "EU-PO", "LUX",
                   "Malmö stad", "212000-1124", "SWE")
    xml = xml.replace('listName="reserved-procurement">none<', 'listName="reserved-procurement">res-ws<')
    xml = re.sub(r'<cbc:(Name|Description) languageID="ENG">([^<]*)</cbc:\1>',
                 r'<cbc:\1 languageID="SWE">\2 (svenska)</cbc:\1><cbc:\1 languageID="DAN">\2 (dansk)</cbc:\1>', xml)
    return xml.replace("<cbc:NoticeLanguageCode>ENG<", "<cbc:NoticeLanguageCode>SWE<")


def unregistered_pin() -> str:
    xml = example("pin-only_24_maximal.xml").replace('listName="country">LUX<', 'listName="country">SWE<')
    return in_language(xml.replace(">79622000<", ">90910000<"), "SWE")


NOTICES = {
    "00701001-2026": danish_social,
    "00701002-2026": swedish_lots,
    "00701003-2026": reserved_multilingual,
    "00701004-2026": lambda: "<ContractNotice><cbc:Name>",
    "00701005-2026": unregistered_pin,
}


class Recorded:
    """A transport replaying the recorded search pages and serving the notices' XML."""

    def __init__(self, notices=None, failures: list | None = None):
        self.notices = {number: make().encode() for number, make in (notices or NOTICES).items()}
        self.failures = list(failures or [])
        self.calls: list[tuple[str, str]] = []

    def __call__(self, method, url, body, headers, timeout):
        self.calls.append((method, url))
        assert timeout > 0
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        if url == SEARCH_URL:
            request = json.loads(body)
            assert request["paginationMode"] == "PAGE_NUMBER" and request["query"]
            path = FIXTURES / f"search-page-{request['page']}.json"
            return Response(200, {}, path.read_bytes())
        number = url.split("/notice/")[1].split("/")[0]
        return Response(200, {}, self.notices[number])


def client(transport) -> TedClient:
    return TedClient(transport, sleep=lambda seconds: None)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch copy of the repository's data and schemas."""
    for part in ("data", "schemas"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def run(repo: Path, transport=None) -> importer.Report:
    transport = transport or Recorded()
    original = TedClient.search

    def search(self, query, limit=3):
        return original(self, query, limit=limit)

    TedClient.search = search
    try:
        return importer.run(client(transport), *WINDOW, repo)
    finally:
        TedClient.search = original


def codes(report) -> set[tuple[str, str]]:
    return {(p.publication_number, p.code) for p in report.problems}


def test_the_query_asks_for_danish_and_swedish_buyers_in_the_window():
    query = expert_query(*WINDOW)
    assert query.startswith("buyer-country IN (DNK SWE) AND publication-date>=20261130")
    assert "publication-date<=20261206" in query


def test_fields_come_from_the_vendored_sdk():
    fields, nodes, version = load_fields()
    assert version.startswith("eforms-sdk-1.")
    assert "reserved-procurement" in fields["BT-71-Lot"].xpath
    assert relative_xpath("BT-736-Lot", "ND-Lot").startswith("./cac:TenderingTerms/")


def test_import_writes_valid_entries(repo: Path):
    report = run(repo)
    assert report.ok, report.failed
    assert report.seen == 5
    assert report.written == ["ted-00701001-2026", "ted-00701002-2026-lot-0001", "ted-00701002-2026-lot-0002",
                              "ted-00701003-2026"]
    assert ("00701004-2026", "malformed") in codes(report)
    assert ("00701005-2026", "buyer_not_registered") in codes(report)
    assert ("00701002-2026", "lots_split") in codes(report)
    assert not [p for p in report.problems if p.code == "invalid"], report.problems
    problems = errors_in(load_catalog(repo).problems)
    assert problems == []

    def entry(slug):
        return yaml.safe_load((repo / "data" / "tenders" / f"{slug}.yml").read_text(encoding="utf-8"))

    social = entry("ted-00701001-2026")
    assert social["source"] == "ted" and social["ted"]["publication_number"] == "00701001-2026"
    assert social["notice_url"] == "https://ted.europa.eu/en/notice/-/detail/00701001-2026"
    assert social["buyer"]["name"] == "Aarhus Kommune" and social["buyer"]["org_number"] == "55133018"
    assert set(social["title"]) == {"da"} and social["reserved"] == "none"
    assert social["reserved_execution"] is False and social["procedure"] == "light_regime"
    assert social["categories"] == ["social_care_services"] and "85310000-5" in social["cpv"]
    assert str(social["ted"]["tender_deadline"]) == "2020-01-06"

    lot1, lot2 = entry("ted-00701002-2026-lot-0001"), entry("ted-00701002-2026-lot-0002")
    assert set(lot1["title"]) == {"sv"} and lot1["buyer"]["name"] == "Göteborgs Stad"
    assert (lot1["reserved"], lot1["reserved_execution"]) == ("art77", True)
    assert (lot2["reserved"], lot2["reserved_execution"]) == ("none", True)
    assert lot1["ted"]["lot"] == "LOT-0001" and lot1["procedure"] == "negotiated"
    assert lot1["estimated_value"] == {"amount": 9999999, "currency": "EUR"}

    reserved = entry("ted-00701003-2026")
    assert reserved["reserved"] == "art20" and reserved["procedure"] == "open"
    assert reserved["title"]["sv"].endswith("(svenska)") and reserved["title"]["da"].endswith("(dansk)")


def test_second_run_changes_nothing(repo: Path):
    first = run(repo)
    before = {p.name: p.read_bytes() for p in (repo / "data" / "tenders").glob("*.yml")}
    second = run(repo)
    assert second.ok and second.written == [] and sorted(second.unchanged) == first.written
    assert {p.name: p.read_bytes() for p in (repo / "data" / "tenders").glob("*.yml")} == before


def test_hand_written_entries_are_never_overwritten_and_duplicates_are_reported(repo: Path):
    hand = repo / "data" / "tenders" / "ted-00701003-2026.yml"
    shutil.copyfile(repo / "data" / "tenders" / "malmo-it-aaterbruk.yml", hand)
    kept = hand.read_bytes()
    title = yaml.safe_load((repo / "data" / "tenders" / "aarhus-vask-arbejdstoej.yml").read_text())["title"]["da"]
    notices = dict(NOTICES)
    notices["00701001-2026"] = lambda: danish_social().replace(">Secure Care Services<", f">{title}<")
    report = run(repo, Recorded(notices))
    assert report.ok
    assert hand.read_bytes() == kept
    assert ("00701003-2026", "hand_written") in codes(report)
    duplicate = [p for p in report.problems if p.code == "likely_duplicate"]
    assert [(p.publication_number, p.detail) for p in duplicate] == [("00701001-2026", "aarhus-vask-arbejdstoej")]
    assert not (repo / "data" / "tenders" / "ted-00701001-2026.yml").exists()


def test_nothing_is_written_when_the_run_fails_half_way(repo: Path):
    transport = Recorded()
    original = transport.__call__

    class Failing(Recorded):
        def __call__(self, method, url, body, headers, timeout):
            if url == SEARCH_URL and json.loads(body)["page"] == 2:
                return Response(503, {}, b"")
            return original(method, url, body, headers, timeout)

    before = sorted(p.name for p in (repo / "data" / "tenders").glob("*.yml"))
    report = run(repo, Failing())
    assert not report.ok and "503" in report.failed
    assert sorted(p.name for p in (repo / "data" / "tenders").glob("*.yml")) == before


def test_rate_limits_and_server_errors_are_retried_with_backoff():
    waits: list[float] = []
    transport = Recorded(failures=[Response(429, {"retry-after": "7"}, b""), Response(502, {}, b""),
                                   TimeoutError("read timed out")])
    ted = TedClient(transport, sleep=waits.append, backoff=1.5)
    first = next(iter(ted.search("q", limit=3)))
    assert first["publication-number"] == "00701001-2026"
    assert waits == [7.0, 3.0, 6.0]


def test_client_gives_up_after_its_retries_and_never_retries_a_bad_request():
    ted = TedClient(Recorded(failures=[Response(500, {}, b"")] * 10), sleep=lambda s: None, retries=2)
    with pytest.raises(TedError, match="after 3 attempts"):
        list(ted.search("q"))
    calls = Recorded(failures=[Response(400, {}, b"{}")])
    with pytest.raises(TedError, match="HTTP 400"):
        list(TedClient(calls, sleep=lambda s: None).search("q"))
    assert len(calls.calls) == 1


def test_a_partial_page_fails_the_run():
    def transport(method, url, body, headers, timeout):
        return Response(200, {}, json.dumps({"notices": [{"publication-number": "1-2026"}],
                                             "totalNoticeCount": 9, "timedOut": False}).encode())
    with pytest.raises(TedError, match="partial page"):
        list(TedClient(transport, sleep=lambda s: None).search("q", limit=3))


def test_a_notice_in_another_language_or_with_several_buyers_is_reported():
    vocabulary = importer.load_vocabulary(ROOT)
    english = read_notice(as_buyer(example("cn-social_24.xml"), "Scotland Excel", "n/a", "GBR", "Aarhus Kommune",
                                   "55133018", "DNK").encode())
    english.publication_number = "00701009-2026"
    entries, problems = map_notice(english, vocabulary)
    assert entries == [] and [(p.code, p.detail) for p in problems] == [("language", "ENG")]

    xml = danish_social()
    party = re.search(r"<cac:ContractingParty>.*?</cac:ContractingParty>", xml, re.S).group(0)
    xml = xml.replace(party, party + party.replace("ORG-0001", "ORG-0002"))
    several = read_notice(xml.encode())
    several.publication_number = "00701010-2026"
    entries, problems = map_notice(several, vocabulary)
    assert [p.code for p in problems] == ["several_buyers"] and len(entries) == 1


def test_every_problem_has_danish_and_swedish_words():
    source = "".join((ROOT / "src" / "bro" / "ted" / name).read_text(encoding="utf-8")
                     for name in ("mapping.py", "importer.py"))
    used = set(re.findall(r'problem\("(\w+)"', source)) | set(re.findall(r'Problem\(\w+, "(\w+)"', source))
    assert {"malformed", "likely_duplicate", "buyer_not_registered", "language"} <= used
    for lang in ("da", "sv"):
        assert used <= set(messages.entries("tedimport", lang)), lang


def test_the_script_reports_in_plain_words(repo: Path):
    script = load_script("ted_import")
    lines = script.describe(run(repo), "sv")
    assert lines[0].startswith("TED: 5 annonser lästa")
    assert "00701004-2026: Annonsens XML går inte att läsa" in "\n".join(lines)
    assert "+ data/tenders/ted-00701003-2026.yml" in lines


def test_outside_text_is_shown_as_written():
    vocabulary = importer.load_vocabulary(ROOT)
    xml = danish_social().replace(">Secure Care Services<", ">Pleje *hjemme* &lt;b&gt;nu&lt;/b&gt;<", 1)
    injected = "[Klik](javascript:alert(1)) &lt;script&gt;x&lt;/script&gt;\n\n"
    xml = xml.replace(">Provision of secure care", ">" + injected + "Provision of secure care")
    notice = read_notice(xml.encode())
    notice.publication_number = "00701011-2026"
    (entry,), _ = map_notice(notice, vocabulary)
    assert entry.record["title"]["da"] == "Pleje *hjemme* <b>nu</b>"  # plain text: the page escapes it
    description = entry.record["description"]["da"]
    assert "<script>" not in description and "\\[Klik\\](javascript" in description  # no link, no HTML
    assert "\n\n" in description.strip()


# ---------------------------------------------------------------------------------------- never live, twice, drops


def test_the_query_is_never_run_live_in_tests(repo: Path):
    """The client's real transport, and the script that uses it, would reach TED: here both are stopped."""
    with pytest.raises(LiveNetworkError, match="api.ted.europa.eu"):
        next(iter(TedClient(sleep=lambda s: None, retries=0).search(expert_query(*WINDOW))))
    with pytest.raises(LiveNetworkError):
        load_script("ted_import").main(["--from", "2026-11-30", "--to", "2026-12-06", "--dry-run",
                                        "--root", str(repo)])
    assert sorted(p.name for p in (repo / "data" / "tenders").glob("ted-*.yml")) == []


def test_running_twice_changes_nothing_and_has_nothing_for_a_pull_request(repo: Path, tmp_path: Path):
    script = load_script("ted_import")
    first = run(repo)
    script.write_out(first, *WINDOW, tmp_path / "first")
    result = json.loads((tmp_path / "first" / "result.json").read_text(encoding="utf-8"))
    assert result["changed"] is True and result["branch"] == "ted-import"
    assert result["paths"] == [f"data/tenders/{slug}.yml" for slug in first.written]
    for path in result["paths"]:
        assert (tmp_path / "first" / "files" / path).read_bytes() == (repo / path).read_bytes()
    before = {p.name: p.read_bytes() for p in (repo / "data" / "tenders").glob("*.yml")}
    second = run(repo)
    script.write_out(second, *WINDOW, tmp_path / "second")
    assert {p.name: p.read_bytes() for p in (repo / "data" / "tenders").glob("*.yml")} == before
    result = json.loads((tmp_path / "second" / "result.json").read_text(encoding="utf-8"))
    assert result["changed"] is False and result["paths"] == []
    assert not (tmp_path / "second" / "files").exists()
    assert "0 nye, 0 ændrede" in (tmp_path / "second" / "pr-body.md").read_text(encoding="utf-8")


def test_cpv_codes_outside_the_categories_are_dropped(repo: Path):
    listed = {code[:8] for entry in yaml.safe_load((ROOT / "data" / "vocabularies" / "categories.yml").read_text(
        encoding="utf-8")).values() for code in entry.get("cpv") or []}
    notice_codes = set(re.findall(r'listName="cpv">(\d{8})<', danish_social()))
    assert notice_codes - listed and notice_codes & listed  # the example has both kinds
    notices = {"00701001-2026": danish_social,
               # not reserved, and every CPV code outside Bro's categories: read, counted, not imported
               "00701002-2026": lambda: re.sub(r'listName="cpv">\d{8}<', 'listName="cpv">09100000<', danish_social()),
               "00701003-2026": reserved_multilingual, "00701004-2026": NOTICES["00701004-2026"],
               "00701005-2026": unregistered_pin}
    report = run(repo, Recorded(notices))
    assert report.ok and report.skipped == {"outside_categories": 1}
    assert not list((repo / "data" / "tenders").glob("ted-00701002-2026*.yml"))
    social = yaml.safe_load((repo / "data" / "tenders" / "ted-00701001-2026.yml").read_text(encoding="utf-8"))
    assert {code[:8] for code in social["cpv"]} == notice_codes & listed
    body = render(report, *WINDOW, "da")
    assert "1 bekendtgørelse var hverken reserveret eller inden for Bros kategorier" in body
    assert "1 annons var varken reserverad eller inom Bros kategorier" in render(report, *WINDOW, "sv")
    assert any(line.startswith("1 annons var varken reserverad") for line in load_script("ted_import").describe(
        report, "sv"))


def test_unregistered_buyers_are_reported_not_imported(repo: Path):
    report = run(repo)
    unregistered = [p for p in report.problems if p.code == "buyer_not_registered"]
    assert [(p.publication_number, p.detail) for p in unregistered] == [("00701005-2026", "Buyer Name (SWE)")]
    assert not list((repo / "data" / "tenders").glob("ted-00701005-2026*.yml"))
    assert not [slug for slug in report.written if "00701005" in slug]
    body = render(report, *WINDOW, "da")
    section = body.split("### Ikke hentet")[1]
    assert ("[00701005-2026](https://ted.europa.eu/en/notice/-/detail/00701005-2026): Ordregiveren står ikke i Bros "
            "register (data/buyers/): Buyer Name (SWE).") in section


# --------------------------------------------------------------------------------------------- the editors' summary


def test_the_summary_counts_reservations_names_buyers_and_the_suppliers_that_match(repo: Path):
    report = run(repo)
    table = load_catalog(repo).derived.match_table  # the model's matching rule, over the files as written
    catalog = load_catalog(repo)
    assert report.matches == {slug: [(s, catalog.suppliers[s].name) for s in table[slug]] for slug in report.written}
    assert any(report.matches.values()) and not all(report.matches.values())
    da, sv = render(report, *WINDOW, "da"), render(report, *WINDOW, "sv")
    assert "- Bekendtgørelser på TED i perioden: 5" in da and "- Annonser på TED under perioden: 5" in sv
    assert "- Punkter i denne kørsel: 4 nye, 0 ændrede" in da
    assert ("Heraf reserverede: 1 efter [direktiv 2014/24/EU](https://eur-lex.europa.eu/eli/dir/2014/24/oj) "
            "art. 20") in da
    assert "1 efter art. 77" in da and "2 med udførelsen forbeholdt" in da
    assert "- Ordregivere: Aarhus Kommune (1), Göteborgs Stad (2), Malmö stad (1)" in da
    lot2 = da.split("ted-00701002-2026-lot-0002.yml")[1].split("\n")[1]
    assert lot2 == "  - Leverandører i Bro, der passer: Föreningen Trappsteget"
    assert "(kun på svensk)" in da and "(bara på danska)" in sv  # a title in the other language is marked
    assert "### Til opmærksomhed" in da and "Delaftalerne (2)" in da
    body = render_body(report, *WINDOW)
    assert body.index("## Import fra TED") < body.index("\n---\n") < body.index("## Import från TED")


def test_the_summary_lists_likely_duplicates(repo: Path):
    title = yaml.safe_load((repo / "data" / "tenders" / "aarhus-vask-arbejdstoej.yml").read_text())["title"]["da"]
    notices = dict(NOTICES)
    notices["00701001-2026"] = lambda: danish_social().replace(">Secure Care Services<", f">{title}<")
    da = render(run(repo, Recorded(notices)), *WINDOW, "da")
    duplicates = da.split("### Måske dubletter af håndskrevne punkter")[1].split("###")[0]
    assert "00701001-2026" in duplicates and "aarhus-vask-arbejdstoej" in duplicates


def test_the_summary_makes_outsiders_text_harmless(repo: Path):
    """A notice's title (the validator refuses HTML in it, so none here) and an unregistered buyer's name (reported
    as the notice writes it) reach the pull request as text: no mention, issue link, link, HTML or formatting."""
    title = "Rengøring @drift-team #12 [klik](https://evil.example) www.evil.example **fed**"
    buyer = "Evil <img src=x onerror=alert(1)> @org/team"
    notices = dict(NOTICES)
    notices["00701001-2026"] = lambda: danish_social().replace(">Secure Care Services<", f">{title}<")
    notices["00701005-2026"] = lambda: unregistered_pin().replace(
        ">Buyer Name<", ">" + buyer.replace("<", "&lt;").replace(">", "&gt;") + "<")
    report = run(repo, Recorded(notices))
    assert "ted-00701001-2026" in report.written
    body = render_body(report, *WINDOW)
    line = next(line for line in body.splitlines() if "Rengøring" in line)
    assert "@\u200bdrift-team" in line and "#\u200b12" in line  # no mention, no issue link
    assert "\\[klik\\](https\u200b://evil.example)" in line and "www\u200b.evil.example" in line  # no link
    assert "\\*\\*fed\\*\\*" in line
    assert "](https://evil" not in body and "@drift-team" not in body
    assert "<img" not in body and "Evil &lt;img src=x onerror=alert(1)&gt; @\u200borg/team" in body


def test_a_long_run_fits_a_pull_request_body(repo: Path):
    report = run(repo)
    report.problems = report.problems + [importer.Problem(f"{n:08d}-2026", "buyer_not_registered", "X " * 100)
                                         for n in range(3000)]
    body = render_body(report, *WINDOW)
    assert len(body) <= 60_000 and "… og " in body and "… och " in body


# ------------------------------------------------------------------------------ the workflow's pull-request step

FAKE_GH = """#!/bin/sh
# A stand-in for the GitHub CLI (only `gh auth setup-git` is used): logs every call.
printf '%s\\n' "$*" >> "$FAKE_GH_DIR/calls"
"""


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _propose_step() -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ted-import.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["propose"]["steps"]
    return next(step["run"] for step in steps if step.get("name", "").startswith("Commit the entries"))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_workflow_opens_one_pull_request_and_adds_later_runs_to_it(repo: Path, tmp_path: Path):
    """The propose job's own shell, against a local remote, a stand-in `gh` and the fake GitHub API: the first run
    opens the pull request from ted-import, a run with nothing new changes nothing, a later run adds a commit on top
    (an editor's correction on the branch stays) and puts its summary above the first one."""
    script = load_script("ted_import")
    checkout, remote, runner = tmp_path / "checkout", tmp_path / "remote.git", tmp_path / "runner"
    fake = tmp_path / "gh"
    for folder in (checkout / "data" / "tenders", fake / "bin", runner):
        folder.mkdir(parents=True)
    shutil.copytree(ROOT / "scripts", checkout / "scripts")
    shutil.copytree(ROOT / "src" / "bro", checkout / "src" / "bro", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(repo / "data" / "tenders" / "aarhus-vask-arbejdstoej.yml",
                    checkout / "data" / "tenders" / "aarhus-vask-arbejdstoej.yml")
    (fake / "bin" / "gh").write_text(FAKE_GH)
    (fake / "bin" / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    for name in ("gh", "python"):
        (fake / "bin" / name).chmod(0o755)
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(checkout, "init", "-q", "-b", "main")
    _git(checkout, "add", "-A")
    _git(checkout, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    _git(checkout, "remote", "add", "origin", str(remote))
    _git(checkout, "push", "-q", "origin", "main")

    first = run(repo)
    with FakeGitHub() as api:
        env = {**os.environ, "PATH": f"{fake / 'bin'}{os.pathsep}{os.environ['PATH']}", "FAKE_GH_DIR": str(fake),
               "RUNNER_TEMP": str(runner), "BASE_BRANCH": "main", "GH_TOKEN": "unused", **api.env}

        def propose(report) -> None:
            shutil.rmtree(runner / "ted-import", ignore_errors=True)
            script.write_out(report, *WINDOW, runner / "ted-import")
            _git(checkout, "switch", "-q", "--force", "main")
            done = subprocess.run(["bash", "-e", "-c", _propose_step()], cwd=checkout, env=env, capture_output=True,
                                  text=True)
            assert done.returncode == 0, (done.stdout, done.stderr)

        propose(first)
        assert _git(remote, "show", "--name-only", "--format=%an|%s", "ted-import").split() == [
            "github-actions[bot]|Indkøb", "fra", "TED", "til", "gennemgang", "/", "Upphandlingar", "från", "TED", "att",
            "granska", *[f"data/tenders/{slug}.yml" for slug in first.written]]
        created = [body for method, path, body in api.writes()
                   if (method, path) == ("POST", f"/repos/{api.repo}/pulls")]
        assert [(c["head"], c["base"]) for c in created] == [("ted-import", "main")]
        pull = next(iter(api.state.pulls.values()))
        assert pull["body"].count(RUN_MARKER) == 1 and "## Import fra TED" in pull["body"]

        # The same entries again: nothing to commit, the pull request is left alone.
        writes, head = len(api.writes()), _git(remote, "rev-parse", "ted-import")
        propose(first)  # say, a manual run over the same days
        assert _git(remote, "rev-parse", "ted-import") == head and len(api.writes()) == writes

        # An editor corrects a file on the branch; a later run brings one more entry.
        editor = tmp_path / "editor"
        _git(tmp_path, "clone", "-q", "-b", "ted-import", str(remote), str(editor))
        corrected = editor / "data" / "tenders" / f"{first.written[0]}.yml"
        corrected.write_text(corrected.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")
        _git(editor, "-c", "user.name=e", "-c", "user.email=e@example.org", "commit", "-qam", "checked")
        _git(editor, "push", "-q", "origin", "ted-import")
        changed = first.written[1]
        propose(dataclasses.replace(first, written=[changed], new=set(),
                                    contents={changed: first.contents[changed] + "# changed by TED\n"}))
        assert _git(remote, "rev-list", "--count", "main..ted-import").strip() == "3"  # on top, never forced
        assert _git(remote, "show", f"ted-import:data/tenders/{first.written[0]}.yml").endswith("# checked\n")
        assert _git(remote, "show", f"ted-import:data/tenders/{first.written[1]}.yml").endswith("# changed by TED\n")
        assert sum(m == "POST" and path.endswith("/pulls") for m, path, _ in api.writes()) == 1
        assert [(m, path) for m, path, _ in api.writes()][-1] == ("PATCH", f"/repos/{api.repo}/pulls/{pull['number']}")
        assert pull["body"].count(RUN_MARKER) == 2 and pull["body"].count("## Import fra TED") == 2
        assert pull["body"].index("0 nye, 1 ændrede") < pull["body"].index("4 nye, 0 ændrede")  # the latest run first
    assert (fake / "calls").read_text(encoding="utf-8").splitlines() == ["auth setup-git"] * 3


def test_earlier_runs_are_kept_until_the_body_is_too_long():
    script = load_script("ted_pr")
    body = script.combine("new", script.combine("second", script.combine("first", "")))
    assert body.split(script.RUN_MARKER)[1:] == ["\nnew\n\n", "\nsecond\n\n", "\nfirst\n"]
    assert script.combine("new", body, limit=60).count(script.RUN_MARKER) == 2
    assert script.combine("x" * 100, body, limit=50).count(script.RUN_MARKER) == 1
