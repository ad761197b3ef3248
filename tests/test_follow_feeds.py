"""The feeds to follow one category, area or CPV division (bro.feeds.Follow): every file parsed back (Atom with
feedparser and against RFC 4287's required elements, iCalendar with icalendar), each listing exactly the entries
its filter promises, computed here from the data files themselves, and each linked from its pages."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
import yaml
from icalendar import Calendar

from bro import feeds, urls
from bro.catalog import load_catalog
from helpers import ROOT, TODAY, make_repo

ATOM = "{http://www.w3.org/2005/Atom}"
FOLDERS = {"da": "udbudsplan/foelg", "sv": "upphandlingsplan/folj"}
PLAN = {"da": "udbudsplan", "sv": "upphandlingsplan"}
KIND_WORDS = {"da": {"kategori": "category", "omraade": "area", "cpv": "cpv"},
              "sv": {"kategori": "category", "omrade": "area", "cpv": "cpv"}}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


@functools.cache
def _vocabulary(name: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "vocabularies" / f"{name}.yml").read_text(encoding="utf-8"))


def _around(code: str, municipalities: dict, regions: dict) -> set[str]:
    """An area and what contains it, read from the vocabulary files (not through bro.areas)."""
    if code in municipalities:
        return {code, municipalities[code]["region"], municipalities[code]["country"]}
    if code in regions:
        return {code, regions[code]["country"]}
    return {code}


def expected_entries(records: dict[str, dict], kind: str, value: str) -> set[str]:
    """What a feed promises, from the records' own fields: a category's entries; an area's, where an entry's
    delivery area is the area, lies inside it or contains it ('national' is the buyer's country: a nationwide
    entry is in every feed of its country, a region's in each of its municipalities'); a CPV division's, those
    with a CPV code that begins with its two digits."""
    municipalities, regions = _vocabulary("municipalities"), _vocabulary("regions")
    found = set()
    for slug, data in records.items():
        if kind == "category":
            hit = value in data["categories"]
        elif kind == "cpv":
            hit = any(code.startswith(value) for code in data.get("cpv", []))
        else:
            named = [data["buyer"]["country"] if code == "national" else code for code in data["delivery_area"]]
            hit = any(value in _around(code, municipalities, regions) or code in _around(value, municipalities,
                                                                                            regions)
                      for code in named)
        if hit:
            found.add(slug)
    return found


def _slug_of(link: str) -> str:
    return link.rsplit("/", 1)[1].removesuffix(".html")


def check_rfc4287(raw: bytes) -> None:
    """The elements RFC 4287 requires (4.1.1, 4.1.2): a feed and each entry have exactly one id, title and updated;
    the feed has an author, or every entry has one; an entry without content has an alternate link; at most one
    alternate link per type and hreflang; ids are absolute IRIs; dates are RFC 3339."""
    root = ElementTree.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    for element in (root, *root.findall(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (name, element.tag)
        assert re.match(r"^https?://", element.findtext(f"{ATOM}id"))
        assert rfc3339.match(element.findtext(f"{ATOM}updated")), element.findtext(f"{ATOM}updated")
        alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == len(set(alternates))
    entries = root.findall(f"{ATOM}entry")
    assert root.findall(f"{ATOM}author/{ATOM}name") or all(e.findall(f"{ATOM}author") for e in entries)
    for entry in entries:
        assert entry.find(f"{ATOM}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link"))
    selves = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(selves) == 1 and selves[0] == root.findtext(f"{ATOM}id")


def _calendar_slugs(path: Path) -> set[str]:
    events = [c for c in Calendar.from_ical(path.read_bytes()).walk() if c.name == "VEVENT"]
    return {str(e["uid"]).removesuffix("-interest_deadline@bro").removesuffix("-expected_publication@bro")
            for e in events}


@functools.cache
def _names(lang: str, kind: str) -> dict[str, str]:
    """A browse kind's page names in lang → code, from the vocabulary files (label slugified as bro.urls does)."""
    table = {"category": _vocabulary("categories"), "area": {**_vocabulary("countries"), **_vocabulary("regions"),
                                                             **_vocabulary("municipalities")}}[kind]
    return {urls.term_slug(entry, code, lang): code for code, entry in table.items()}


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_every_feed_lists_exactly_what_its_filter_promises(built_site, catalog, lang):
    records = {slug: entry.data for slug, entry in catalog.tenders.items()}
    in_calendars = {slug for slug, entry in catalog.tenders.items() if entry.in_calendars(TODAY)}
    folder = built_site / lang / FOLDERS[lang]
    seen = {"category": set(), "area": set(), "cpv": set()}
    assert (folder / "sitemap.xml").is_file() and (folder.parent / "sitemap.xml").is_file()  # for the theme
    for path in sorted(p for p in folder.glob("*.xml") if p.name != "sitemap.xml"):
        word, _, name = path.stem.partition("-")
        kind = KIND_WORDS[lang][word]
        value = name if kind == "cpv" else _names(lang, kind)[name]
        seen[kind].add(value)
        raw = path.read_bytes()
        check_rfc4287(raw)
        feed = feedparser.parse(raw)
        assert not feed.bozo, (path.name, feed.bozo_exception)
        assert feed.feed.language == lang and feed.feed.title and feed.feed.subtitle
        assert feed.feed.id == f"https://bro-socialt-indkob.github.io/bro/{lang}/{FOLDERS[lang]}/{path.name}"
        listed = {_slug_of(entry.link) for entry in feed.entries}
        assert len(listed) == len(feed.entries)
        expected = expected_entries(records, kind, value)
        assert listed == expected, path.name
        assert all(entry.link.endswith(f"/{lang}/{PLAN[lang]}/{_slug_of(entry.link)}.html") for entry in feed.entries)
        calendar = (built_site / lang / PLAN[lang] / urls.calendar_for_category(catalog.vocab, value, lang)
                    if kind == "category" else path.with_suffix(".ics"))
        assert _calendar_slugs(calendar) == expected & in_calendars, calendar.name
    # a feed for every category and area of the vocabularies (empty or not), and every division that an entry or a
    # category names
    assert seen["category"] == set(_vocabulary("categories"))
    assert seen["area"] == set(_vocabulary("countries")) | set(_vocabulary("regions")) | set(
        _vocabulary("municipalities"))
    divisions = {code[:2] for data in records.values() for code in data.get("cpv", [])}
    divisions |= {code[:2] for entry in _vocabulary("categories").values() for code in entry.get("cpv", [])}
    assert seen["cpv"] == divisions
    assert sorted(p.suffix for p in folder.iterdir()).count(".ics") == len(seen["area"]) + len(seen["cpv"])


def test_a_region_entry_is_in_its_municipalities_feeds_and_a_municipality_entry_in_its_regions(built_site):
    """The sample data's cases, spelled out: Västra Götalandsregionen's entry (for all of SE-14) is in Göteborg's
    feed; Göteborg's own entry is in the feeds of the län and of Sweden, not in Stockholm's."""
    def listed(name: str) -> set[str]:
        raw = (built_site / "sv" / FOLDERS["sv"] / name).read_bytes()
        return {_slug_of(e.link) for e in feedparser.parse(raw).entries}
    assert {"vgr-gaavor-medarbetare", "goteborg-fruktkorgar-2027"} <= listed("omrade-goteborg.xml")
    assert "goteborg-fruktkorgar-2027" in listed("omrade-vastra-gotalands-lan.xml")
    assert "goteborg-fruktkorgar-2027" in listed("omrade-sverige.xml")
    assert "goteborg-fruktkorgar-2027" not in listed("omrade-stockholm.xml")
    assert listed("omrade-kiruna.xml") == set()  # a place with no entry yet: an empty feed to subscribe to


def test_a_nationwide_entry_is_in_every_feed_of_its_country(tmp_path):
    """An entry for the whole country (delivery area 'national') is in the feed of each of its regions and
    municipalities, and in none of the other country's."""
    text = (ROOT / "data" / "tenders" / "odense-groen-drift.yml").read_text(encoding="utf-8")
    national = re.sub(r"delivery_area: \[[^\]]*\]", "delivery_area: [national]", text)
    national = re.sub(r"\ninterested: .*", "", national)  # the suppliers it names are not in this repository
    assert "delivery_area: [national]" in national and "\ninterested:" not in national
    repo = make_repo(tmp_path, {"data/tenders/hele-landet.yml": national})
    catalog = load_catalog(repo, today=TODAY)
    assert "hele-landet" in catalog.tenders
    records = {slug: entry.data for slug, entry in catalog.tenders.items()}
    for follow in feeds.follows(catalog):
        assert set(feeds.followed_entries(catalog, follow)) == expected_entries(records, follow.filter,
                                                                                 follow.value), follow
    danish = [f for f in feeds.follows(catalog) if f.filter == "area" and f.value.startswith("DK")]
    assert len(danish) == 1 + 5 + 98
    assert all("hele-landet" in feeds.followed_entries(catalog, f) for f in danish)
    assert not any("hele-landet" in feeds.followed_entries(catalog, f)
                   for f in feeds.follows(catalog) if f.filter == "area" and f.value.startswith("SE"))
    raw = feeds.atom(catalog, "da", "https://example.org/bro/", {s: _day() for s in catalog.tenders},
                     feeds.Follow("area", "DK-101"))
    check_rfc4287(raw)
    assert "hele-landet" in {_slug_of(e.link) for e in feedparser.parse(raw).entries}


def _day():
    import datetime as dt
    return dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_an_empty_feed_is_valid_too(catalog, lang):
    raw = feeds.atom(catalog, lang, "https://example.org/bro/", {s: _day() for s in catalog.tenders},
                     feeds.Follow("area", "SE-2584"))
    check_rfc4287(raw)
    feed = feedparser.parse(raw)
    assert not feed.bozo and feed.entries == [] and feed.feed.updated_parsed


@pytest.mark.parametrize("lang,title", [("da", "Nye indkøb i Aarhus"), ("sv", "Nya upphandlingar i Aarhus")])
def test_browse_pages_link_their_feeds_relative_and_in_the_head(built_site, catalog, lang, title):
    """An area's and a category's browse pages link the feeds (in the text and with <link rel="alternate"> in the
    head), relatively, so that they work from file://; every linked file exists."""
    for kind, code in (("area", "DK-751"), ("category", "cleaning")):
        path = urls.term_path(catalog.vocab, kind, code, lang)
        page = (built_site / lang / path).read_text(encoding="utf-8")
        paths = feeds.follow_paths(catalog, feeds.Follow(kind, code), lang)
        atom = urls.relative(path, paths["atom"])
        assert re.search(rf'<link rel="alternate" type="application/atom\+xml" href="{re.escape(atom)}" title="[^"]+">',
                         page)
        for key in ("atom", "calendar"):
            href = urls.relative(path, paths[key])
            assert f'href="{href}"' in page and not href.startswith(("/", "http"))
            assert (built_site / lang / path).parent.joinpath(href).resolve().is_file(), href
        assert f'href="{urls.relative(path, paths["plan"])}"' in page
    assert f">{title}</a>" in (built_site / lang / urls.term_path(catalog.vocab, "area", "DK-751", lang)).read_text(
        encoding="utf-8")


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_the_plan_offers_the_feed_of_each_filter_value(built_site, catalog, lang):
    """The plan's page carries, for each category and area its filters offer and each CPV division of an entry, an
    item (hidden until that filter is set: filter.js) linking the feed and calendar that exist; its head names the
    plan's own feed."""
    page = (built_site / lang / PLAN[lang] / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in page
    items = re.findall(r'<li data-filter="(\w+)" data-value="([\w-]+)" hidden><a href="([^"]+)"[^>]*>[^<]+</a> \(Atom\)'
                       r' · <a href="([^"]+)"', page)
    offered = {(name, value) for name, value, _, _ in items}
    used_areas = {a for e in catalog.tenders.values() for n in e.reach.named for a in _around(
        n, _vocabulary("municipalities"), _vocabulary("regions"))}
    assert ("area", "SE-1480") in offered and ("area", "SE-14") in offered and ("cpv", "98") in offered
    assert {v for n, v in offered if n == "area"} >= used_areas
    assert {v for n, v in offered if n == "category"} == {c for e in catalog.tenders.values() for c in e.categories}
    for _, _, atom, calendar in items:
        folder = built_site / lang / PLAN[lang]
        assert (folder / atom).is_file() and (folder / calendar).is_file()
