"""The tender plan: thresholds as tables, the plan, entry and buyer pages (the rules of one entry: test_model.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from bro import buyers, tenders
from bro.catalog import load_catalog
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _entry(**fields) -> dict:
    base = {"status": "planned", "categories": ["cleaning"], "delivery_area": ["DK-751"], "reserved": "none",
            "procedure": "open", "buyer": {"name": "X", "country": "DK"}}
    return {**base, **fields}


@pytest.mark.parametrize("fields,kind,above,near", [
    ({"estimated_value": {"amount": 900000, "currency": "DKK"}}, "supplies_services_subcentral", False, False),
    ({"estimated_value": {"amount": 216000, "currency": "EUR"}}, "supplies_services_subcentral", True, True),
    ({"estimated_value": {"amount": 200000, "currency": "EUR"}}, "supplies_services_subcentral", False, True),
    ({"estimated_value": {"amount": 700000, "currency": "EUR"}, "procedure": "light_regime"}, "social_services",
     False, True),
    ({"estimated_value": {"amount": 6000000, "currency": "EUR"}, "cpv": ["45000000-7"]}, "works", True, False),
])
def test_threshold_position(catalog, fields, kind, above, near):
    result = tenders.threshold_position(catalog.thresholds, _entry(**fields), dt.date(2026, 6, 1))
    assert (result["kind"], result["above"], result["near"]) == (kind, above, near)
    assert result["approximate"] is (fields["estimated_value"]["currency"] != "EUR")


def test_threshold_period_follows_the_date(catalog):
    entry = _entry(estimated_value={"amount": 218000, "currency": "EUR"})
    assert tenders.threshold_position(catalog.thresholds, entry, dt.date(2025, 6, 1))["limit_eur"] == 221000
    assert tenders.threshold_position(catalog.thresholds, entry, dt.date(2026, 6, 1))["limit_eur"] == 216000
    assert tenders.threshold_position(catalog.thresholds, entry, dt.date(2030, 1, 1)) is None


def test_plan_page_splits_open_entries_and_archive(built_site, catalog):
    page = (built_site / "da" / "udbudsplan" / "index.html").read_text(encoding="utf-8")
    open_part, _, archive_part = page.partition('id="arkiv"')
    for slug, record in catalog.tenders.items():
        link = f'udbudsplan/{slug}.html"'
        assert link in (archive_part if record.is_archived(TODAY) else open_part), slug
    assert "Planen er opdateret 23. november 2026." in page


def test_entry_page_lists_matching_suppliers(built_site):
    page = (built_site / "sv" / "upphandlingsplan" / "goteborg-fruktkorgar-2027.html").read_text(encoding="utf-8")
    matches = page.partition('id="kan-levere"')[2]
    assert "leverantorer/fruktbudet-vast.html" in matches
    assert "LOU 4 kap. 18 §" in page


def test_supplier_profile_lists_matching_open_entries(built_site):
    page = (built_site / "da" / "leverandorer" / "fruktbudet-vast.html").read_text(encoding="utf-8")
    assert 'id="udbud"' in page and "udbudsplan/goteborg-fruktkorgar-2027.html" in page


def test_buyers_group_their_entries(catalog):
    table = catalog.derived.buyers
    assert set(table) == set(catalog.buyers)  # every registry buyer, with or without entries
    assert {buyers.buyer_of(catalog, slug)["slug"] for slug in catalog.tenders} <= set(table)
    total = sum(len(b["open"]) + len(b["archive"]) for b in table.values())
    assert total == len(catalog.tenders)
    aarhus = table["aarhus-kommune"]
    assert aarhus["archive"] == ["aarhus-vask-arbejdstoej"] and aarhus["country"] == "DK"


def test_buyer_pages_in_both_languages(built_site, catalog):
    for slug, buyer in catalog.derived.buyers.items():
        da = (built_site / "da" / "udbudsplan" / "ordregiver" / f"{slug}.html").read_text(encoding="utf-8")
        sv = (built_site / "sv" / "upphandlingsplan" / "myndighet" / f"{slug}.html").read_text(encoding="utf-8")
        for entry in buyer["open"] + buyer["archive"]:
            assert f"udbudsplan/{entry}.html" in da and f"upphandlingsplan/{entry}.html" in sv
        assert f'href="../../../sv/upphandlingsplan/myndighet/{slug}.html"' in da
    entry = (built_site / "da" / "udbudsplan" / "odense-groen-drift.html").read_text(encoding="utf-8")
    assert 'href="../udbudsplan/ordregiver/odense-kommune.html"' in entry
