"""Support organisations (data/organisations/): the tools' vocabulary agrees with the cases' instrument, the typed
record's rules, the personal-address rule, and the sample data."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from bro import i18n
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
        data = {"title": {"da": slug}, "start": start}
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
