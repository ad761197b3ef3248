"""The tender plan's feeds and open data, parsed back: Atom, iCalendar, JSON and the OCDS package."""
from __future__ import annotations

import json

import feedparser
import pytest
from icalendar import Calendar
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource

from bro import opendata, urls
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

OCDS = ROOT / "schemas" / "ocds"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _events(path) -> list:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk() if c.name == "VEVENT"]


@pytest.mark.parametrize("lang,folder", [("da", "udbudsplan"), ("sv", "upphandlingsplan")])
def test_atom_feed_lists_every_entry(built_site, catalog, lang, folder):
    feed = feedparser.parse((built_site / lang / folder / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    links = {entry.link for entry in feed.entries}
    for slug in catalog.tenders:
        assert any(link.endswith(f"/{lang}/{folder}/{slug}.html") for link in links), slug
    assert all(entry.updated_parsed for entry in feed.entries)


@pytest.mark.parametrize("lang,folder", [("da", "udbudsplan"), ("sv", "upphandlingsplan")])
def test_calendar_has_every_open_entrys_dates(built_site, catalog, lang, folder):
    events = _events(built_site / lang / folder / "kalender.ics")
    uids = {str(event["uid"]) for event in events}
    for slug, record in catalog.tenders.items():
        for field in ("interest_deadline", "expected_publication"):
            expected = not record.is_archived(TODAY) and bool(record.data.get(field))
            assert (f"{slug}-{field}@bro" in uids) is expected, (slug, field)
    for event in events:
        assert event.decoded("dtstart").isoformat() in {catalog.tenders[s].data.get(f) for s in catalog.tenders
                                                         for f in ("interest_deadline", "expected_publication")}


def test_category_calendars_and_entry_calendars(built_site, catalog):
    folder = built_site / "da" / "udbudsplan"
    names = {name: code for code, name in urls.term_slugs(catalog.vocab, "category", "da").items()}
    for path in folder.glob("kalender-*.ics"):
        code = names[path.stem.removeprefix("kalender-")]
        for event in _events(path):
            slug = str(event["uid"]).split("-interest_deadline")[0].split("-expected_publication")[0]
            assert code in catalog.tenders[slug].data["categories"]
    events = _events(folder / "goteborg-fruktkorgar-2027.ics")
    assert {str(e["uid"]) for e in events} == {"goteborg-fruktkorgar-2027-interest_deadline@bro",
                                               "goteborg-fruktkorgar-2027-expected_publication@bro"}
    assert "Frist for at melde interesse" in str(events[0]["summary"]) or "Forventet" in str(events[0]["summary"])


def test_tenders_json_is_complete(built_site, catalog):
    data = json.loads((built_site / "api" / "tenders.json").read_text(encoding="utf-8"))
    assert data["count"] == len(catalog.tenders)
    for item in data["tenders"]:
        record = catalog.tenders[item["slug"]].data
        assert {k: v for k, v in item.items() if k not in ("slug", "urls", "buyer")} == \
            {k: v for k, v in record.items() if k != "buyer"}
        registry = catalog.buyers[item["buyer"]["slug"]].data  # the buyer as the registry has it, with its page
        assert item["buyer"] == {"slug": item["buyer"]["slug"], **registry, "urls": {
            "da": f"da/udbudsplan/ordregiver/{item['buyer']['slug']}.html",
            "sv": f"sv/upphandlingsplan/myndighet/{item['buyer']['slug']}.html"}}
        assert item["buyer"]["org_number"] == record["buyer"]["org_number"]


def test_buyers_json_is_the_registry(built_site, catalog):
    data = json.loads((built_site / "api" / "buyers.json").read_text(encoding="utf-8"))
    assert data["count"] == len(catalog.buyers) >= 10 and data["license"] == "CC0-1.0"
    for item in data["buyers"]:
        assert {k: v for k, v in item.items() if k not in ("slug", "urls")} == catalog.buyers[item["slug"]].data
        assert item["urls"]["da"] == f"da/udbudsplan/ordregiver/{item['slug']}.html"


def test_ocds_package_validates_against_the_official_schema(built_site, catalog):
    package = json.loads((built_site / "api" / "tenders.ocds.json").read_text(encoding="utf-8"))
    release_schema = json.loads((OCDS / "release-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(RELEASE_URL, Resource.from_contents(release_schema))
    validator = Draft4Validator(json.loads((OCDS / "release-package-schema.json").read_text(encoding="utf-8")),
                                registry=registry, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(package)] == []
    release_validator = Draft4Validator(release_schema, format_checker=FormatChecker())
    for item in package["releases"]:
        assert [e.message for e in release_validator.iter_errors(item)] == []
    by_ocid = {r["ocid"]: r for r in package["releases"]}
    assert len(by_ocid) == len(catalog.tenders)
    release = by_ocid["ocds-bro000-goteborg-fruktkorgar-2027"]
    assert release["tag"] == ["planning"]
    assert release["planning"]["documents"][0]["documentType"] == "plannedProcurementNotice"
    assert release["parties"][0]["identifier"]["scheme"] == "SE-ON"
    assert release["tender"]["otherRequirements"]["reservedParticipation"] == ["shelteredWorkshop"]
    assert release["tender"]["items"][0]["classification"]["scheme"] == "CPV"


def test_plan_page_links_the_feeds(built_site):
    page = (built_site / "sv" / "upphandlingsplan" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in page and 'href="kalender.ics"' in page
    entry = (built_site / "sv" / "upphandlingsplan" / "goteborg-fruktkorgar-2027.html").read_text(encoding="utf-8")
    assert 'href="goteborg-fruktkorgar-2027.ics"' in entry


@pytest.mark.parametrize("lang,folder", [("da", "udbudsplan"), ("sv", "upphandlingsplan")])
def test_pages_and_calendars_follow_one_calendar_rule(built_site, catalog, lang, folder):
    """TenderEntry.in_calendars decides it all: an entry's page links to its calendar file exactly when the file is
    written, and the calendars for all entries and per category list exactly the entries in calendars (an archived
    entry is in none: category calendars used to list archived entries while the calendar of all did not)."""
    in_calendars = {slug for slug, entry in catalog.tenders.items() if entry.in_calendars(TODAY)}
    assert in_calendars and in_calendars != set(catalog.tenders)  # the sample data has entries of both kinds
    for slug in catalog.tenders:
        page = (built_site / lang / folder / f"{slug}.html").read_text(encoding="utf-8")
        assert (f'href="{slug}.ics"' in page) is (slug in in_calendars), slug
        assert (built_site / lang / folder / f"{slug}.ics").exists() is (slug in in_calendars), slug
    names = {name: code for code, name in urls.term_slugs(catalog.vocab, "category", lang).items()}
    paths = list((built_site / lang / folder).glob("kalender-*.ics"))
    assert paths
    for path in paths:
        code = names[path.stem.removeprefix("kalender-")]
        listed = {str(event["uid"]).removesuffix("-interest_deadline@bro").removesuffix("-expected_publication@bro")
                  for event in _events(path)}
        assert listed == {slug for slug in in_calendars if code in catalog.tenders[slug].categories}, path.name


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_calendar_is_what_icalendar_itself_writes(catalog, lang):
    """Entries' events are serialized once and spliced in: icalendar reads the file back to the same bytes."""
    from bro import feeds
    for slugs in (None, [], sorted(catalog.tenders)[:2]):
        text = feeds.calendar(catalog, lang, "https://example.org/bro/", slugs)
        assert Calendar.from_ical(text).to_ical() == text
        assert text.startswith(b"BEGIN:VCALENDAR\r\n") and text.endswith(b"END:VCALENDAR\r\n")


def test_the_open_data_files_are_the_ones_pages_may_link_to(built_site):
    """opendata.api_names() names exactly what bro.build writes under api/ (the hook lets pages link to these)."""
    written = [path.relative_to(built_site / "api").as_posix() for path in (built_site / "api").rglob("*")
               if path.is_file()]
    assert sorted(written) == sorted(opendata.api_names())
