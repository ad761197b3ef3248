"""Support organisations (data/organisations/): the tools' vocabulary agrees with the cases' instrument, the typed
record's rules, the personal-address rule, and the sample data."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from markupsafe import escape

from bro import i18n, opendata, organisations, urls
from bro.catalog import load_catalog
from bro.model import Event, Organisation
from bro.rules import looks_personal
from bro.vocab import load_vocabularies
from helpers import ROOT, TODAY, make_repo

VOCAB = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)


def test_instruments_vocabulary_is_the_case_schemas_instrument_enum_with_the_same_labels():
    enum = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))["properties"][
        "instrument"]["enum"]
    assert VOCAB.codes("instruments") == enum
    for code in enum:
        for lang in ("da", "sv"):
            assert VOCAB.label("instruments", code, lang) == i18n.label(f"instrument.{code}", lang).text, (code, lang)


@pytest.mark.parametrize("address", ["anna.jensen@kommune.dk", "a.jensen@example.org", "anna-maria.svensson@x.se",
                                     "Anna.Maria.Jensen@x.dk", "åsa.öberg@x.se"])
def test_a_persons_address_is_refused(address):
    assert looks_personal(address)


@pytest.mark.parametrize("address", ["info@kooperationen.dk", "kontakt@x.se", "kontakt.os@x.dk", "info.dk@x.dk",
                                     "post@x.se", "sekretariatet@x.dk", "registrator@x.se", "ab123@x.se",
                                     "socialekonomi@x.se", "udbud.support@x.dk"])
def test_a_shared_address_passes(address):
    assert not looks_personal(address)


def _organisation(**fields) -> Organisation:
    data = {"name": "Eksempel", "kind": "network", "summary": {"da": "x"}, "instruments": ["partnership"],
            "countries": ["SE"], "languages": ["sv"], "website": "https://example.se", "checked": "2026-01-01",
            "sources": [{"title": "Om", "url": "https://example.se/om"}], **fields}
    return Organisation.build("eksempel", data, "data/organisations/eksempel.yml", VOCAB)


def test_an_organisation_without_places_serves_each_of_its_countries_whole():
    org = _organisation(countries=["DK", "SE"])
    assert org.serves_whole("DK") and org.serves_whole("SE")
    assert org.serves_region("SE-14", VOCAB) and org.serves_region("DK03", VOCAB)


def test_regions_and_municipalities_narrow_one_country_only():
    org = _organisation(countries=["DK", "SE"], regions=["SE-14"], municipalities=["SE-1480"])
    assert not org.serves_whole("SE") and org.serves_whole("DK")
    assert org.serves_region("SE-14", VOCAB) and not org.serves_region("SE-18", VOCAB)
    assert org.places_in("SE") == ("SE-14", "SE-1480")


def test_a_municipality_brings_its_region():
    org = _organisation(municipalities=["SE-1489"])  # Alingsås, in Västra Götalands län
    assert org.serves_region("SE-14", VOCAB) and not org.serves_region("SE-01", VOCAB)


def test_helps_with_and_staleness():
    org = _organisation(instruments=["partnership", "social_clause"], checked="2025-01-01")
    assert org.helps_with("partnership") and not org.helps_with("reserved_contract")
    assert org.is_stale(dt.date(2026, 6, 1)) and not org.is_stale(dt.date(2025, 6, 1))


def test_upcoming_events_are_the_organisations_own_that_have_not_ended():
    org = _organisation()

    def event(slug, start, organiser_slug):
        data = {"title": {"da": slug}, "start": start, "place": {"da": "Odense"}, "online": False, "language": "da",
                "organiser": "Eksempel", "summary": {"da": "Et møde."}}
        return Event.build(slug, {**data, **({"organiser_slug": organiser_slug} if organiser_slug else {})},
                           f"data/events/{slug}.yml", VOCAB)
    events = {e.slug: e for e in (event("later", "2027-03-01", "eksempel"), event("sooner", "2027-01-01", "eksempel"),
                                  event("past", "2020-01-01", "eksempel"), event("other", "2027-01-01", "andet"),
                                  event("free-text", "2027-01-01", None))}
    assert [e.slug for e in org.upcoming_events(events, dt.date(2026, 12, 1))] == ["sooner", "later"]


def test_an_event_may_name_an_organisation_and_free_text_organisers_stay_valid(tmp_path):
    event = ("# yaml-language-server: $schema=../../schemas/event.schema.json\n"
             "title: {da: Møde}\nstart: 2027-01-10\nplace: {da: Odense}\nonline: false\nlanguage: da\n"
             "organiser: Eksempel Rådgivning Syd\n{slug}summary: {da: Et møde.}\n")
    repo = make_repo(tmp_path, {
        "data/events/named.yml": event.replace("{slug}", "organiser_slug: organisation-complete\n"),
        "data/events/free.yml": event.replace("{slug}", "")})
    catalog = load_catalog(repo, today=TODAY)
    assert not [p for p in catalog.errors if p.file.startswith("data/events/")]
    org = catalog.organisations["organisation-complete"]
    assert [e.slug for e in org.upcoming_events(catalog.events, TODAY)] == ["named"]
    assert catalog.events["free"].organiser_slug is None


def test_sample_organisations_are_valid_sourced_and_shared_addresses_only():
    catalog = load_catalog(ROOT)
    assert not [p for p in catalog.errors if p.file.startswith("data/organisations/")]
    assert len(catalog.organisations) >= 6
    for org in catalog.organisations.values():
        assert org.sources and all(s.url.startswith(("https://", "http://")) for s in org.sources), org.slug
        assert not org.email or not looks_personal(org.email), org.slug
    # the journey's answer: IOP in Västra Götaland
    iop_vg = {o.slug for o in catalog.organisations.values()
              if o.helps_with("partnership") and o.serves_region("SE-14", catalog.vocab)}
    assert iop_vg == {"goteborgsregionen", "upphandlingsmyndigheten"}


# --- the built site ---------------------------------------------------------------------------------------------


def _read(site, lang: str, path: str) -> str:
    return (site / lang / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_each_organisation_has_a_page_in_both_languages(built_site, lang):
    catalog = load_catalog(ROOT, today=TODAY)
    for slug, org in catalog.organisations.items():
        html = _read(built_site, lang, urls.record_path("organisation", slug, lang))
        assert "<h1" in html and str(escape(org.name)) in html
        for source in org.sources:
            assert f'href="{escape(source.url)}"' in html, (slug, source.url)
    html = _read(built_site, lang, urls.record_path("organisation", "goteborgsregionen", lang))
    assert "Alingsås" in html and "Lilla Edet" in html  # the municipalities it names, by name
    assert {"da": "Partnerskab", "sv": "Partnerskap (IOP)"}[lang] in html


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_who_helps_where_lists_every_organisation_of_the_country_by_region_without_javascript(built_site, lang):
    html = _read(built_site, lang, urls.help_path("SE", lang))
    groups = re.findall(r'<h2 id="omraade-([a-z0-9-]+)"', html)
    assert groups == ["national", "se-14", "se-18"]  # the whole country first, then the län in the vocabulary's order
    cards = re.findall(r'<li class="bro-card" data-key="([a-z0-9-]+)" data-instrument="([a-z_ ]+)" '
                       r'data-region="([A-Z0-9 -]*)"', html)
    assert sorted(key for key, _, _ in cards) == ["coompanion-goteborgsregionen", "coompanion-orebro-lan",
                                                  "goteborgsregionen", "skoopi", "upphandlingsmyndigheten"]
    tokens = {key: (instruments.split(), regions.split()) for key, instruments, regions in cards}
    assert tokens["goteborgsregionen"] == (["social_clause", "partnership"], ["SE-14"])
    assert len(tokens["upphandlingsmyndigheten"][1]) == 21  # every län: it helps in the whole country
    assert 'form class="bro-filter" hidden' in html  # shown by the script; without it, the whole list
    assert f'href="../../{urls.help_path("DK", lang)}"' in html  # the other country's page


@pytest.mark.parametrize("lang", ["da", "sv"])
@pytest.mark.parametrize("key", ["reserved_contracts", "reserved_welfare", "social_clauses", "social_award_criteria",
                                 "innovation_partnerships", "partnerships"])
def test_each_tool_page_ends_with_who_can_help(built_site, lang, key):
    html = _read(built_site, lang, urls.content_path(key, lang))
    block = html[html.index('<section class="bro-who-can-help"'):]
    assert block.index("</section>") > 0
    instrument = organisations.PAGE_INSTRUMENTS[key]
    catalog = load_catalog(ROOT, today=TODAY)
    helping = [org.name for org in catalog.organisations.values() if org.helps_with(instrument)]
    shown = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', block[:block.index("</section>")])
    assert sorted(shown) == sorted(str(escape(name)) for name in helping)
    assert f"#instrument={instrument}" in block


def test_organisations_open_data(built_site):
    data = json.loads((built_site / "api" / "organisations.json").read_text(encoding="utf-8"))
    assert data["license"] == "CC0-1.0" and data["count"] == len(data["organisations"]) >= 6
    gr = next(item for item in data["organisations"] if item["slug"] == "goteborgsregionen")
    assert gr["urls"] == {"da": "da/vidensbank/hjaelp/goteborgsregionen.html",
                          "sv": "sv/kunskapsbank/stod/goteborgsregionen.html"}
    assert gr["instruments"] == ["social_clause", "partnership"] and gr["sources"]
    assert "organisations.json" in opendata.api_names()


def test_an_event_links_its_organiser_when_it_is_an_organisation_on_bro(built_site):
    html = _read(built_site, "da", urls.output_path("events", "da"))
    assert re.search(r'<a href="(\.\./)*vidensbank/hjaelp/kooperationen\.html">Kooperationen</a>', html)
