"""The site side of the TED import (issue 16): the importer run against the recorded API pages into a copy of the
project (tests/ted_site.py), built, and read back in both languages: the entry pages with the mark and the link to
the notice, the plan's list and its source filter, the Atom feed, the calendars, the OCDS export and the profile of
the supplier the matching rule finds. Nothing here reaches the network."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from jsonschema import Draft4Validator, FormatChecker
from ted_site import IMPORTED, LOT_OPEN, LOT_RESERVED, RESERVED, WHOLE
from test_html_validity import VNU, _describe, _is_material_toggle, _missing, _vnu
from test_model import could_deliver

from bro import ocds, plan_filters, urls
from bro.model import TedNotice, TenderEntry, match_table
from helpers import ROOT, TODAY

MARK = {"da": "Fra TED", "sv": "Från TED"}
LINK = {"da": "Se bekendtgørelse {number} på TED", "sv": "Se annons {number} i TED"}
TED_URL = "https://ted.europa.eu/en/notice/-/detail/{number}"
HAND_WRITTEN = "aarhus-vask-arbejdstoej"  # a sample entry sent to Bro
LANGS = ("da", "sv")


def _doc(site: Path, rel: str):
    return lxml.html.fromstring((site / rel).read_bytes())


def _marks(element) -> list[tuple[str, str, str]]:
    """Every TED mark inside an element: (the badge's text, the link's address, the link's text)."""
    found = []
    for mark in element.find_class("bro-ted"):
        badge = mark.find_class("bro-badge--ted")[0]
        link = mark.xpath(".//a")[0]
        found.append((badge.text_content().strip(), link.get("href"), " ".join(link.text_content().split())))
    return found


def _number(slug: str) -> str:
    return slug.removeprefix("ted-")[:13]


def _expected_mark(slug: str, lang: str) -> tuple[str, str, str]:
    number = _number(slug)
    return MARK[lang], TED_URL.format(number=number), LINK[lang].format(number=number)


# --- the model -------------------------------------------------------------------------------------------------


def test_the_entry_record_says_where_it_came_from(ted_site):
    catalog = ted_site.catalog
    lot = catalog.tenders[LOT_RESERVED].ted
    assert lot == TedNotice("00701002-2026", "LOT-0001", None, TED_URL.format(number="00701002-2026"))
    assert catalog.tenders[WHOLE].ted.lot == "" and catalog.tenders[WHOLE].ted.tender_deadline.year == 2028
    # the address the model gives is the one the importer wrote into the entry
    assert all(catalog.tenders[s].ted.url == catalog.tenders[s].data["notice_url"] for s in IMPORTED)
    hand = [e for e in catalog.tenders.values() if e.slug not in IMPORTED]
    assert hand and all(e.ted is None for e in hand)


def test_matching_treats_an_entry_from_ted_like_any_other(ted_site):
    """The profile's matches come from the model's one matching rule, which never looks at the source: an entry
    matches the same suppliers with or without `source: ted`."""
    catalog = ted_site.catalog
    order = catalog.derived.ordered_slugs
    assert catalog.derived.match_table[LOT_OPEN] == ["foreningen-trappsteget"]
    for slug in IMPORTED:
        entry = catalog.tenders[slug]
        found = catalog.derived.match_table[slug]
        assert found == [s for s in order if could_deliver(catalog, entry, catalog.suppliers[s])], slug
        hand = {k: v for k, v in entry.data.items() if k not in ("source", "ted")}
        as_if_sent = TenderEntry.build(slug, hand, entry.source, catalog.vocab)
        assert as_if_sent.ted is None
        assert match_table(catalog.suppliers, {slug: as_if_sent}, order)[slug] == found, slug
    assert LOT_OPEN in catalog.derived.open_entries["foreningen-trappsteget"]


# --- pages -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_entry_pages_carry_the_mark_and_the_link_to_the_notice(ted_site, lang):
    for slug in IMPORTED:
        doc = _doc(ted_site.site, f"{lang}/{urls.record_path('tender', slug, lang)}")
        note = doc.find_class("bro-ted-note")
        assert len(note) == 1 and note[0].get("role") == "note", slug
        assert _marks(note[0]) == [_expected_mark(slug, lang)], slug
        assert "TED (Tenders Electronic Daily)" in note[0].text_content()
    lot = _doc(ted_site.site, f"{lang}/{urls.record_path('tender', LOT_RESERVED, lang)}")
    lot_words = {"da": "delaftale LOT-0001", "sv": "delområde LOT-0001"}[lang]
    assert lot_words in lot.find_class("bro-ted-note")[0].text_content()
    whole = _doc(ted_site.site, f"{lang}/{urls.record_path('tender', WHOLE, lang)}")
    facts = dict(zip((" ".join(d.text_content().split()) for d in whole.xpath("//dl[@class='bro-facts']/dt")),
                     (" ".join(d.text_content().split()) for d in whole.xpath("//dl[@class='bro-facts']/dd")),
                     strict=True))
    deadline = {"da": "Tilbudsfrist ifølge bekendtgørelsen", "sv": "Sista anbudsdag enligt annonsen"}[lang]
    assert facts[deadline] == {"da": "6. januar 2028", "sv": "6 januari 2028"}[lang]
    hand = _doc(ted_site.site, f"{lang}/{urls.record_path('tender', HAND_WRITTEN, lang)}")
    assert not hand.find_class("bro-ted") and not hand.find_class("bro-ted-note")


@pytest.mark.parametrize("lang", LANGS)
def test_plan_lists_the_entries_with_the_mark_and_filters_by_source(ted_site, lang):
    doc = _doc(ted_site.site, f"{lang}/{urls.output_path('tender_list', lang)}")
    cards = {card.xpath(".//h3/a")[0].get("href").rsplit("/", 1)[-1].removesuffix(".html"): card
             for card in doc.xpath("//li[contains(@class, 'bro-card')]")}
    assert set(IMPORTED) <= set(cards)
    for slug, card in cards.items():
        expected = "ted" if slug in IMPORTED else "bro"
        assert card.get("data-source") == expected, slug
        assert _marks(card) == ([_expected_mark(slug, lang)] if slug in IMPORTED else []), slug
        assert "data-bro-archive" not in card.attrib if slug in IMPORTED else True
    select = doc.get_element_by_id("plan-source")
    assert select.get("name") == "source"
    label = doc.xpath("//label[@for='plan-source']")[0].text_content().strip()
    assert label == {"da": "Kilde", "sv": "Källa"}[lang]
    options = [(o.get("value"), o.text_content()) for o in select.xpath(".//option")]
    assert options == [("", {"da": "Alle", "sv": "Alla"}[lang]),
                       ("bro", {"da": "Kun indsendt til Bro", "sv": "Bara inskickade till Bro"}[lang]),
                       ("ted", {"da": "Kun hentet fra TED", "sv": "Bara hämtade från TED"}[lang])]
    # what filter.js does with the cards' tokens is what bro.plan_filters says
    catalog = ted_site.catalog
    assert {s for s, r in catalog.tenders.items() if plan_filters.matches(catalog, r, "source", "ted")} == set(IMPORTED)


@pytest.mark.parametrize("lang", LANGS)
def test_the_matching_suppliers_profile_lists_the_entry_with_its_mark(ted_site, lang):
    doc = _doc(ted_site.site, f"{lang}/{urls.record_path('supplier', 'foreningen-trappsteget', lang)}")
    heading = doc.get_element_by_id("udbud")
    items = heading.getnext().xpath("./li")
    by_slug = {li.xpath("./a")[0].get("href").rsplit("/", 1)[-1].removesuffix(".html"): li for li in items}
    assert LOT_OPEN in by_slug
    assert _marks(by_slug[LOT_OPEN]) == [_expected_mark(LOT_OPEN, lang)]
    assert all(not _marks(li) for slug, li in by_slug.items() if slug not in IMPORTED)


# --- feeds and open data ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_announces_the_entries_with_their_notice(ted_site, lang):
    from lxml import etree
    feed = etree.fromstring((ted_site.site / lang / urls.output_path("feed", lang)).read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {e.findtext("a:id", namespaces=ns).rsplit("/", 1)[-1].removesuffix(".html"): e
               for e in feed.findall("a:entry", ns)}
    assert set(IMPORTED) <= set(entries)
    for slug, entry in entries.items():
        related = [(link.get("href"), link.get("title")) for link in entry.findall("a:link[@rel='related']", ns)]
        assert related == ([(TED_URL.format(number=_number(slug)), MARK[lang])] if slug in IMPORTED else []), slug


@pytest.mark.parametrize("lang", LANGS)
def test_calendars_list_the_entries_key_dates(ted_site, lang):
    everything = (ted_site.site / lang / urls.output_path("calendar", lang)).read_text(encoding="utf-8")
    for slug in IMPORTED:
        assert f"UID:{slug}-expected_publication@bro" in everything, slug
        own = ted_site.site / lang / urls.output_path("tender_calendar", lang, slug)
        assert f"UID:{slug}-expected_publication@bro" in own.read_text(encoding="utf-8")
        page = (ted_site.site / lang / urls.record_path("tender", slug, lang)).read_text(encoding="utf-8")
        assert f'href="{slug}.ics"' in page
    category = ted_site.site / lang / urls.output_path(
        "category_calendar", lang, urls.term_slugs(ted_site.catalog.vocab, "category", lang)["social_care_services"])
    assert f"UID:{LOT_RESERVED}-expected_publication@bro" in category.read_text(encoding="utf-8")


def test_ocds_export_names_the_notice_on_ted_as_a_document(ted_site):
    package = json.loads((ted_site.site / "api" / "tenders.ocds.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "ocds" / "release-schema.json").read_text(encoding="utf-8"))
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    by_ocid = {r["ocid"]: r for r in package["releases"]}
    for slug in IMPORTED:
        release = by_ocid[f"ocds-bro000-{slug}"]
        assert [e.message for e in validator.iter_errors(release)] == [], slug
        number = _number(slug)
        notices = [d for d in release["tender"].get("documents", []) + release["planning"]["documents"]
                   if d["id"] == number]
        # every imported sample is a contract notice (status published): a tenderNotice under tender
        assert notices == [{"id": number, "documentType": "tenderNotice", "title": f"TED {number}",
                            "url": TED_URL.format(number=number), "format": "text/html"}], slug
        assert release["tender"]["documents"] == notices
        # Bro's own page stays the planning document
        assert release["planning"]["documents"][0]["url"].endswith(f"/{slug}.html")
    whole = by_ocid[f"ocds-bro000-{WHOLE}"]["tender"]["tenderPeriod"]  # TED's deadline (BT-131) closes it
    assert whole == {"startDate": "2027-11-25T00:00:00Z", "endDate": "2028-01-06T00:00:00Z"}
    assert "endDate" not in by_ocid[f"ocds-bro000-{LOT_OPEN}"]["tender"]["tenderPeriod"]  # no deadline given
    hand = by_ocid[f"ocds-bro000-{HAND_WRITTEN}"]
    assert "documents" not in hand["tender"]
    reserved = by_ocid[f"ocds-bro000-{RESERVED}"]
    assert reserved["tender"]["otherRequirements"] == {"reservedParticipation": ["shelteredWorkshop"]}


def test_a_planned_notice_is_a_planning_document(ted_site):
    """A prior information notice (status planned) is a plannedProcurementNotice, listed under planning."""
    catalog, entry = ted_site.catalog, ted_site.catalog.tenders[WHOLE]
    catalog.tenders[WHOLE] = dataclasses.replace(entry, status="planned")
    try:
        release = ocds.release(catalog, WHOLE, dt.datetime.combine(TODAY, dt.time(), dt.UTC))
    finally:
        catalog.tenders[WHOLE] = entry
    number = _number(WHOLE)
    assert "documents" not in release["tender"]
    assert [(d["id"], d["documentType"]) for d in release["planning"]["documents"]] == [
        (f"{WHOLE}-notice", "plannedProcurementNotice"), (number, "plannedProcurementNotice")]


def test_the_pages_with_entries_from_ted_are_valid_html(ted_site):
    java = shutil.which("java")
    if not java or not VNU.exists():
        _missing("the Nu HTML Checker needs java and node_modules/vnu-jar (make node-setup)")
    pages = [ted_site.site / lang / rel for lang in LANGS
             for rel in (*(urls.record_path("tender", slug, lang) for slug in IMPORTED),
                         urls.output_path("tender_list", lang),
                         urls.record_path("supplier", "foreningen-trappsteget", lang))]
    errors = [_describe(m, ted_site.site) for m in _vnu(java, pages) if not _is_material_toggle(m)]
    assert errors == [], "\n".join(errors)
