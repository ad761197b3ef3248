"""The TED importer against recorded Search API responses and the eForms SDK's example notices (changed in
memory to Danish and Swedish buyers); no network."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from bro import messages
from bro.catalog import load_catalog
from bro.problems import errors_in
from bro.ted import importer
from bro.ted.client import SEARCH_URL, Response, TedClient, TedError, expert_query
from bro.ted.fields import load_fields, relative_xpath
from bro.ted.mapping import map_notice
from bro.ted.notices import read_notice

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "vendor" / "eforms-sdk" / "examples"
FIXTURES = ROOT / "tests" / "fixtures" / "ted"
WINDOW = (date(2026, 11, 30), date(2026, 12, 6))


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
    spec = importlib.util.spec_from_file_location("ted_import", ROOT / "scripts" / "ted_import.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
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
