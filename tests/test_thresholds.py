"""The EU thresholds in kroner: the official figure with its source where data/thresholds.yml has one, otherwise an
approximation marked as such ("ca." / "cirka"), on tender entries and on the below-threshold knowledge pages."""
from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from bro import tenders, thresholds, views
from bro.catalog import load_catalog
from bro.model import TenderEntry
from bro.render import make_environment
from bro.schema import SchemaSet
from bro.yamlload import load_file
from helpers import ROOT, TODAY, make_repo

DATA = load_file(ROOT / "data" / "thresholds.yml", "data/thresholds.yml").data  # as the catalog reads it
TABLE = DATA["periods"]
IN_2025, IN_2026 = dt.date(2025, 6, 1), dt.date(2026, 6, 1)
KFST = "https://www.kfst.dk/udbud/udbudsregler/taerskelvaerdier-2022-og-2023/taerskelvaerdier-2024-og-2025/"
UHM = "https://www.upphandlingsmyndigheten.se/frageportalen/2904774/nya-beloppsgranser-for-2024-har-ar-listan/"


def _errors(data: dict) -> list:
    schemas = SchemaSet(ROOT / "schemas")
    return list(schemas.validator("thresholds.schema.json").iter_errors(data))


def test_the_table_is_valid_and_every_official_figure_names_its_source():
    data = copy.deepcopy(DATA)
    assert _errors(data) == []
    for period in data["periods"]:
        for entry in period.get("official") or []:
            assert entry["source"].startswith("https://") and entry["source_title"]
            assert set(entry["amounts"]) <= set(thresholds.KINDS)


@pytest.mark.parametrize("change", [
    lambda o: o.pop("source"),
    lambda o: o.update(currency="NOK"),
    lambda o: o["amounts"].update(guesswork=1000000),
    lambda o: o.update(amounts={}),
    lambda o: o.update(note="x"),
])
def test_the_schema_refuses_an_official_entry_without_what_it_needs(change):
    data = {"periods": copy.deepcopy(TABLE)}
    change(data["periods"][1]["official"][0])
    assert _errors(data)


def test_every_field_of_the_official_block_is_described():
    schema = yaml.safe_load((ROOT / "schemas" / "thresholds.schema.json").read_text(encoding="utf-8"))
    block = schema["properties"]["periods"]["items"]["properties"]["official"]
    fields = [block, block["items"], *block["items"]["properties"].values(),
              *block["items"]["properties"]["amounts"]["properties"].values()]
    assert all(" — " in f["description"] for f in fields)


@pytest.mark.parametrize("kind,currency,amount", [
    ("supplies_services_subcentral", "DKK", 1644638), ("supplies_services_central", "DKK", 1064177),
    ("social_services", "DKK", 5581350), ("works", "SEK", 59880179), ("supplies_services_subcentral", "SEK", 2389585),
    ("supplies_services_central", "SEK", 1546202), ("social_services", "SEK", 8109450),
])
def test_the_rule_picks_the_official_figure_when_there_is_one(kind, currency, amount):
    limit = thresholds.threshold_in(TABLE, kind, currency, IN_2025)
    assert (limit.amount, limit.official, limit.approximate) == (amount, True, False)
    assert limit.source == (KFST if currency == "DKK" else UHM)
    assert limit.act == "https://eur-lex.europa.eu/eli/reg_del/2023/2495/oj"


@pytest.mark.parametrize("kind,currency,on", [("works", "DKK", IN_2025), *(
    (kind, currency, IN_2026) for kind in thresholds.KINDS for currency in ("DKK", "SEK"))])
def test_without_an_official_figure_the_rule_converts_and_marks_it_approximate(kind, currency, on):
    limit = thresholds.threshold_in(TABLE, kind, currency, on)
    period = thresholds.period_on(TABLE, on)
    assert limit.amount == round(period["eur"][kind] * period["rates"][currency])
    assert (limit.official, limit.approximate, limit.source) == (False, True, period["source"])


def test_euro_is_the_legal_amount_and_confirmed_rates_are_not_approximate():
    assert thresholds.threshold_in(TABLE, "works", "EUR", IN_2026).amount == 5404000
    assert not thresholds.threshold_in(TABLE, "works", "EUR", IN_2026).approximate
    confirmed = copy.deepcopy(TABLE)
    confirmed[0]["rates_confirmed"] = True
    limit = thresholds.threshold_in(confirmed, "works", "DKK", IN_2026)
    assert (limit.official, limit.approximate) == (True, False)
    assert thresholds.threshold_in(TABLE, "works", "DKK", dt.date(2030, 1, 1)) is None
    assert thresholds.threshold_in(TABLE, "works", "NOK", IN_2026) is None


def test_an_entry_is_placed_against_the_official_figure():
    entry = {"estimated_value": {"amount": 1644638, "currency": "DKK"}, "procedure": "open", "reserved": "none"}
    position = tenders.threshold_position(TABLE, entry, IN_2025)
    assert (position["limit"], position["above"], position["official"], position["approximate"]) == (
        1644638, True, True, False)
    entry["estimated_value"]["amount"] = 1644637
    assert tenders.threshold_position(TABLE, entry, IN_2025)["above"] is False


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(make_repo(tmp_path_factory.mktemp("thresholds")), today=TODAY)


def _tender_page(catalog, monkeypatch, lang: str, **fields) -> str:
    record = catalog.tenders["tender-complete"]
    monkeypatch.setitem(catalog.tenders, "tender-complete",
                        TenderEntry.build(record.slug, {**record.data, **fields}, record.source, catalog.vocab))
    env = make_environment(ROOT / "overrides" / "bro", lang, catalog.vocab, catalog)
    context = views.record_context(catalog, "tender", "tender-complete", lang, None)
    return env.get_template("tender.html").render(root="../", **context).replace("\u00a0", " ")  # Swedish digits


@pytest.mark.parametrize("lang,currency,shown,source", [
    ("da", "DKK", "1.644.638 DKK, officielt beløb", "kilde: Konkurrence- og Forbrugerstyrelsen"),
    ("sv", "DKK", "1 644 638 DKK, officiellt belopp", 'källa: <span lang="da">Konkurrence- og Forbrugerstyrelsen'),
    ("da", "SEK", "2.389.585 SEK, officielt beløb", 'kilde: <span lang="sv">Upphandlingsmyndigheten'),
    ("sv", "SEK", "2 389 585 SEK, officiellt belopp", "källa: Upphandlingsmyndigheten"),
])
def test_a_tender_entry_shows_the_official_figure_and_links_its_source(catalog, monkeypatch, lang, currency, shown,
                                                                         source):
    html = _tender_page(catalog, monkeypatch, lang, estimated_value={"amount": 900000, "currency": currency},
                        expected_publication="2025-06-01", interest_deadline="2025-05-01")
    assert shown in html and source in html
    assert f'href="{KFST if currency == "DKK" else UHM}"' in html
    assert "ca. " not in html and "cirka " not in html


@pytest.mark.parametrize("lang,shown,note", [
    ("da", "ca. 1.611.360 DKK", "omregnet fra euro med en tilnærmet kurs"),
    ("sv", "cirka 1 611 360 DKK", "omräknat från euro med en ungefärlig kurs"),
])
def test_a_tender_entry_marks_an_approximation(catalog, monkeypatch, lang, shown, note):
    html = _tender_page(catalog, monkeypatch, lang, estimated_value={"amount": 900000, "currency": "DKK"})
    assert shown in html and note in html and "officiel" not in html
    assert 'href="https://eur-lex.europa.eu/eli/reg_del/2025/2152/oj"' in html


def test_the_knowledge_table_in_2025_shows_official_figures_with_their_source():
    da = thresholds.markdown_table(TABLE, "da", IN_2025)
    assert "| Varer og tjenesteydelser, kommuner, regioner og andre ordregivere | 221.000 euro " \
           "| 1.644.638 kr., officielt beløb |" in da
    assert "| Bygge- og anlægsarbejder | 5.538.000 euro | ca. 41.212.688 kr. |" in da
    assert f"]({KFST})" in da and "tilnærmet kurs" in da
    sv = thresholds.markdown_table(TABLE, "sv", IN_2025).replace("\u00a0", " ")
    assert "| Byggentreprenader | 5 538 000 euro | 59 880 179 kr, officiellt belopp |" in sv
    assert f"]({UHM})" in sv and "cirka" not in sv  # every SEK figure of 2024-2025 is official


@pytest.mark.parametrize("lang,page,rows", [
    ("da", "vidensbank/under-taerskelvaerdierne.html",
     ["5.404.000 euro", "ca. 40.313.840 kr.", "ca. 1.611.360 kr.",
      "Kommissionens delegerede forordning (EU) 2025/2152", "tilnærmet kurs"]),
    ("sv", "kunskapsbank/under-troskelvardena.html",
     ["5 404 000 euro", "cirka 60 524 800 kr", "cirka 2 419 200 kr",
      "kommissionens delegerade förordning (EU) 2025/2152", "ungefärlig kurs"]),
])
def test_the_below_threshold_pages_show_the_table_in_force_with_its_source(built_site, lang, page, rows):
    html = (built_site / lang / page).read_text(encoding="utf-8").replace("\u00a0", " ").replace("&nbsp;", " ")
    assert "thresholds.table" not in html and "<table>" in html
    for row in rows:
        assert row in html, row
    assert 'href="https://eur-lex.europa.eu/eli/reg_del/2025/2152/oj"' in html
    table = html[html.index("<table>"):html.index("</table>")]
    assert "officiel" not in table  # no official kroner figures for 2026-2027 in the table yet
