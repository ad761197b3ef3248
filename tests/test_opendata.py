"""The open data read back from a real build: every file of the registry (bro.opendata.FILES) is written and listed in
api/index.json with the right count, every JSON file validates against the schema the index names, the CSVs round
trip through the csv module with their cells defused, and the open-data pages link every file and document every
column, in both languages, with links that work from disk."""
from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import html as htmllib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import feedparser
import pytest
from icalendar import Calendar
from jsonschema import Draft202012Validator

from bro import api, buyers, opendata, urls
from bro.catalog import load_catalog
from bro.model import table
from bro.schema import SchemaSet
from helpers import ROOT, TODAY

GENERATED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "api" / "index.json").read_text(encoding="utf-8"))


def _schema(site: Path, path: str) -> Draft202012Validator:
    schema = json.loads((site / path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# ------------------------------------------------------------------------------------------------------ the index

def test_the_index_validates_against_its_own_schema(built_site, index):
    assert [e.message for e in _schema(built_site, index["schema"]).iter_errors(index)] == []
    assert index["license"] == "CC0-1.0" and index["count"] == len(index["files"])


def test_the_index_lists_every_file_that_exists_and_no_file_that_does_not(built_site, index):
    listed = {entry["path"] for entry in index["files"]}
    assert len(listed) == len(index["files"]), "a file listed twice"
    assert sorted(path for path in listed if not (built_site / path).is_file()) == []
    schemas = {entry["schema"] for entry in index["files"] if entry["schema"] and "://" not in entry["schema"]}
    under_api = {p.relative_to(built_site).as_posix() for p in (built_site / "api").rglob("*") if p.is_file()}
    assert under_api == {p for p in listed if p.startswith("api/")} | schemas | {"api/index.json", index["schema"]}
    # the feeds and calendars of each language: every one the build wrote (the entries' own calendar files are not
    # open data: each is the "add to calendar" link of one entry's page)
    for lang in ("da", "sv"):
        plan = built_site / lang / urls.SEGMENTS["tender"][lang]
        written = {p.relative_to(built_site).as_posix() for p in [*plan.glob("kalender*.ics"), *plan.glob("*.xml")]
                   if p.name != "sitemap.xml"}  # the theme's empty sitemap beside the feeds (bro.feeds)
        written.add(urls.site_url(urls.output_path("events_calendar", lang), lang))
        # the feeds to follow (bro.feeds.Follow): listed when they list an entry; one is written for every category
        # and place, with entries or not
        follow = plan / urls.FOLLOW[lang]
        following = {p.relative_to(built_site).as_posix() for p in follow.glob("*.xml") if p.name != "sitemap.xml"
                     and b"<entry>" in p.read_bytes()}
        assert following and written | following == {path for path in listed if path.startswith(f"{lang}/")}, lang


def test_the_index_has_every_registry_entry_with_its_words_and_licence(index):
    assert {entry["key"] for entry in index["files"]} == set(opendata.BY_KEY)
    for entry in index["files"]:
        assert entry["license"] == "CC0-1.0"
        assert all(entry[words]["da"] != entry[words]["sv"] for words in ("title", "description")), entry["key"]
        assert (entry["language"] is None) == entry["path"].startswith("api/")
        if entry["media_type"] == "text/csv":
            assert [c["name"] for c in entry["columns"]] == [c.name for c in opendata.BY_KEY[entry["key"]].columns]
        else:
            assert entry["columns"] is None
        assert entry["schema"] is not None or not entry["path"].endswith(".json"), entry["key"]


def _count(site: Path, entry: dict) -> int:
    """How many records a file holds, read from the file itself."""
    path = site / entry["path"]
    if entry["media_type"] == "text/csv":
        return len(list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")))
    if entry["media_type"] == "application/atom+xml":
        return len(feedparser.parse(path.read_bytes()).entries)
    if entry["media_type"] == "text/calendar":
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        # a plan calendar has an event per key date of each entry (its page's address): the entries are its records
        return len({str(event.get("uid" if entry["key"] == "events.ics" else "url")) for event in events})
    data = json.loads(path.read_text(encoding="utf-8"))
    if "releases" in data:
        return len(data["releases"])
    (records,) = (value for key, value in data.items() if isinstance(value, list))
    assert data["count"] == len(records)
    return len(records)


def test_every_count_is_what_the_file_holds(built_site, index, catalog):
    for entry in index["files"]:
        assert _count(built_site, entry) == entry["count"], entry["path"]
    counts = {entry["key"]: entry["count"] for entry in index["files"] if entry["language"] in (None, "da")}
    assert counts["suppliers.csv"] == len(catalog.suppliers) and counts["glossary.json"] == len(catalog.glossary)
    assert counts["events.ics"] == len(catalog.events) > 0


# ------------------------------------------------------------------------------------------------------ JSON files

def test_every_json_file_validates_against_its_collections_schema(built_site, index, catalog):
    checked = set()
    for entry in index["files"]:
        if not entry["path"].endswith(".json"):
            continue
        if "://" in entry["schema"]:  # OCDS: the standard's own schema, validated in tests/test_feeds.py
            assert entry["schema"] == opendata.OCDS_SCHEMA
            assert opendata.OCDS_SCHEMA.rpartition("/")[0] in (ROOT / "schemas/ocds/README.md").read_text("utf-8")
            continue
        document = json.loads((built_site / entry["path"]).read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in _schema(built_site, entry["schema"])
                  .iter_errors(document)]
        assert errors == [], entry["path"]
        checked.add(entry["key"])
    assert checked == {"suppliers.json", "tenders.json", "buyers.json", "organisations.json", "cases.json",
                       "events.json", "glossary.json", "peers.json"}


@pytest.mark.parametrize(("collection", "break_it"), [
    ("suppliers", lambda item: item.pop("slug")),
    ("suppliers", lambda item: item["shares"].update({"NO": {}})),
    ("tenders", lambda item: item["buyer"].pop("urls")),
    ("tenders", lambda item: item.update({"unknown_field": 1})),
    ("events", lambda item: item["urls"].pop("sv")),
    ("glossary", lambda item: item.update({"da": ""})),
    ("cases", lambda item: item.pop("title")),
])
def test_the_schemas_refuse_a_broken_record(built_site, collection, break_it):
    """The published schemas are not vacuous: each holds the record's fields and what the export adds."""
    document = json.loads((built_site / "api" / f"{collection}.json").read_text(encoding="utf-8"))
    validator = _schema(built_site, f"api/schemas/{collection}.schema.json")
    assert validator.is_valid(document)
    broken = copy.deepcopy(document)
    break_it(broken[collection][0])
    assert not validator.is_valid(broken)


@pytest.mark.parametrize("collection", ["cases", "events", "glossary", "buyers", "organisations"])
def test_each_record_is_its_file_with_its_slug_and_pages(built_site, catalog, collection):
    data = json.loads((built_site / "api" / f"{collection}.json").read_text(encoding="utf-8"))
    records = getattr(catalog, collection)
    assert data["count"] == len(records) > 0 and data["license"] == "CC0-1.0"
    assert [item["slug"] for item in data[collection]] == sorted(records)
    for item in data[collection]:
        assert {k: v for k, v in item.items() if k not in ("slug", "urls")} == records[item["slug"]].data
        for lang in ("da", "sv"):
            page, _, anchor = item["urls"][lang].partition("#")
            assert page.startswith(f"{lang}/") and (built_site / page).is_file(), item["urls"][lang]
            if anchor:  # events and terms: their place on their collection's page
                assert f'id="{anchor}"' in (built_site / page).read_text(encoding="utf-8"), item["urls"][lang]


# ------------------------------------------------------------------------------------------------------ the CSVs

CSVS = {"suppliers.csv": ("suppliers", table.SUPPLIER_COLUMNS), "tenders.csv": ("tenders", table.TENDER_COLUMNS)}


def _expected_row(catalog, key: str, slug: str) -> dict[str, str]:
    if key == "suppliers.csv":
        record = catalog.suppliers[slug]
        return table.row(record, record.shares(catalog.vocab))
    return table.tender_row(catalog.tenders[slug], buyers.buyer_of(catalog, slug))


@pytest.mark.parametrize("key", sorted(CSVS))
def test_csv_round_trips_every_record(built_site, catalog, key):
    collection, columns = CSVS[key]
    raw = (built_site / "api" / key).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") >= len(getattr(catalog, collection)) + 1
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";")
    rows = list(reader)
    assert reader.fieldnames == [column.name for column in columns]
    assert [row["slug"] for row in rows] == sorted(getattr(catalog, collection))
    for row in rows:
        expected = _expected_row(catalog, key, row["slug"])
        assert row == {name: api.defuse_cell(value) for name, value in expected.items()}, row["slug"]
    assert any(row["contact_phone"].startswith("'+") for row in rows)  # +45 …, +46 …: defused, not a formula


def test_tenders_csv_holds_what_the_entries_say(built_site, catalog):
    rows = {row["slug"]: row for row in csv.DictReader(
        io.StringIO((built_site / "api" / "tenders.csv").read_text(encoding="utf-8-sig")), delimiter=";")}
    for slug, entry in catalog.tenders.items():
        row = rows[slug]
        assert row["categories"].split("|") == list(entry.categories)
        assert row["buyer_org_number"] == entry.buyer_number
        assert row["interest_deadline"] == (entry.data.get("interest_deadline") or "")
        assert row["url_sv"] == f"sv/upphandlingsplan/{slug}.html"
        assert (row["estimated_value"], row["currency"]) == (
            (str(entry.estimated_value.amount), entry.estimated_value.currency) if entry.estimated_value else ("", ""))
    assert any("æ" in row["title_da"] or "ø" in row["title_da"] for row in rows.values())


def test_tenders_csv_defuses_formulas_in_every_column(catalog):
    """Texts that outsiders write reach the CSV: a cell that would start a formula gets its apostrophe."""
    slug = sorted(catalog.tenders)[0]
    entry = catalog.tenders[slug]
    hostile = dataclasses.replace(entry, title={"da": "=HYPERLINK(\"http://x\")", "sv": " +1"},
                                  description={"da": "@SUM(A1)", "sv": "\t-2"}, notice_url="")
    changed = copy.copy(catalog)
    changed.tenders = {**catalog.tenders, slug: hostile}
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(api.tenders_csv(changed)), delimiter=";")}
    assert (rows[slug]["title_da"], rows[slug]["title_sv"]) == ("'=HYPERLINK(\"http://x\")", "' +1")
    assert (rows[slug]["description_da"], rows[slug]["description_sv"]) == ("'@SUM(A1)", "'\t-2")


# ------------------------------------------------------------------------------------------------------ the pages

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_the_open_data_page_links_every_file_and_documents_every_column(built_site, index, lang):
    page = built_site / lang / urls.source_to_page(urls.CONTENT_PAGES["open_data"][lang])
    html = page.read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    base = page.as_uri()
    targets = {unquote(urljoin(base, href)).removeprefix(built_site.as_uri() + "/")
               for href in parser.links if "://" not in href}
    wanted = {entry["path"] for entry in index["files"] if entry["language"] in (None, lang)}
    wanted |= {"api/index.json"} | {entry["schema"] for entry in index["files"]
                                     if entry["schema"] and "://" not in entry["schema"]} - {index["schema"]}
    assert wanted - targets == set()
    for target in targets:
        if target.startswith("api/") or target.endswith((".ics", ".xml")):
            assert (built_site / target).is_file(), target  # the links work from disk
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    for _, columns in CSVS.values():
        for column in columns:
            assert column.name in text and column.description[lang].split("`")[0].strip()[:20] in text, column.name
    assert "{{" not in text


def test_a_placeholder_naming_no_file_is_refused(tmp_path):
    """{{ open_data.columns.<key> }} names a CSV of the registry; anything else names nothing."""
    from bro import siteinfo
    placeholder = "{{ open_data.columns.suppliers.csv }}"
    assert opendata.blank(placeholder) == "x" * len(placeholder)
    text = "{{ open_data.columns.buyers.json }}"
    assert opendata.blank(text) == text
    assert siteinfo.check_placeholders(text, None, "da", False)[1] != []


def test_the_registry_writes_what_the_site_may_link_to(tmp_path, catalog):
    opendata.write(tmp_path, catalog, GENERATED, SchemaSet(ROOT / "schemas"))
    written = sorted(p.relative_to(tmp_path / "api").as_posix() for p in (tmp_path / "api").rglob("*") if p.is_file())
    assert written == sorted(opendata.api_names())
