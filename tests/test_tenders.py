"""The tender plan's rules, as tables: archive by date, next date, matching suppliers, thresholds."""
from __future__ import annotations

import datetime as dt

import pytest

from bro import areas, buyers, tenders
from bro.catalog import load_catalog
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _entry(**fields) -> dict:
    base = {"status": "planned", "categories": ["cleaning"], "delivery_area": ["DK-751"], "reserved": "none",
            "procedure": "open", "buyer": {"name": "X", "country": "DK"}}
    return {**base, **fields}


@pytest.mark.parametrize("fields,today,archived", [
    ({"interest_deadline": "2027-01-15"}, dt.date(2027, 1, 15), False),    # the deadline day itself is open
    ({"interest_deadline": "2027-01-15"}, dt.date(2027, 1, 16), True),
    ({"interest_deadline": "2027-01-15", "expected_publication": "2027-02-01"}, dt.date(2027, 1, 20), False),
    ({"interest_deadline": "2027-01-15", "expected_publication": "2027-02-01"}, dt.date(2027, 2, 2), True),
    ({}, dt.date(2030, 1, 1), False),                                       # no dates: stays open
    ({"status": "awarded", "interest_deadline": "2099-01-01"}, dt.date(2027, 1, 1), True),
    ({"status": "cancelled"}, dt.date(2027, 1, 1), True),
])
def test_archive_by_build_date(fields, today, archived):
    assert tenders.is_archived(_entry(**fields), today) is archived


def test_next_date_is_the_nearest_that_has_not_passed():
    entry = _entry(interest_deadline="2027-01-15", expected_publication="2027-02-01")
    assert tenders.next_date(entry, dt.date(2027, 1, 1)) == ("interest_deadline", dt.date(2027, 1, 15))
    assert tenders.next_date(entry, dt.date(2027, 1, 20)) == ("expected_publication", dt.date(2027, 2, 1))
    assert tenders.next_date(entry, dt.date(2027, 3, 1)) is None


@pytest.mark.parametrize("ours,theirs,overlap", [
    (["98310000-9"], ["98311000-6"], True),     # a more specific code under the same group
    (["98311000-6"], ["98310000-9"], True),
    (["50000000-5"], ["50312000-5"], False),    # a division-wide code does not match everything in it
    (["77310000-6"], ["98310000-9"], False),
    ([], ["98310000-9"], False),
])
def test_cpv_overlap(ours, theirs, overlap):
    assert tenders.cpv_overlap(ours, theirs) is overlap


def test_matching_respects_category_area_and_reservation(catalog):
    entry = _entry(categories=["cleaning"], delivery_area=["SE-1880"], buyer={"name": "Ö", "country": "SE"})
    found = {s for s, r in catalog.suppliers.items() if tenders.could_deliver(catalog, entry, r.data)}
    assert "stadkooperativet-vinden" in found and "fjordvask" not in found
    reserved = {**entry, "reserved": "se_ideburen"}
    assert not any(tenders.could_deliver(catalog, reserved, catalog.suppliers[s].data) for s in found
                   if (catalog.suppliers[s].data.get("reserved_contracts") or {}).get("basis") != "se_ideburen")


def test_a_region_wide_entry_reaches_suppliers_in_its_municipalities(catalog):
    entry = _entry(categories=["catering"], delivery_area=["DK04"])
    assert tenders.could_deliver(catalog, entry, catalog.suppliers["madvaerket"].data)


def test_sample_entries_show_their_matches_and_suppliers_their_entries(catalog):
    assert "fruktbudet-vast" in tenders.matching_suppliers(catalog, "goteborg-fruktkorgar-2027")
    assert tenders.open_entries_for(catalog, "fruktbudet-vast") == ["goteborg-fruktkorgar-2027"]
    for slug in tenders.open_entries_for(catalog, "cykelvaerkstedet-kaeden"):
        assert not tenders.is_archived(catalog.tenders[slug].data, TODAY)


def _reaches_by_definition(catalog, supplier: dict, tender: dict) -> bool:
    """The delivery rule as written: a target lies inside what the supplier names, or contains a named place."""
    named = areas.normalize(supplier["delivery_area"], supplier["country"])
    return any(areas.covers(catalog.vocab, named, supplier["country"], target)
               or any(target in areas.parents(catalog.vocab, code)[1:] for code in named)
               for target in areas.normalize(tender["delivery_area"], tender["buyer"]["country"]))


def _could_deliver_by_definition(catalog, tender: dict, supplier: dict) -> bool:
    """Pairwise reference for the indexed match table."""
    offers = bool(set(tender["categories"]) & set(supplier["categories"])) or tenders.cpv_overlap(
        tender.get("cpv") or [], supplier.get("cpv") or [])
    return offers and _reaches_by_definition(catalog, supplier, tender) and tenders.eligible(tender, supplier)


def test_indexed_match_table_equals_the_pairwise_rule(tmp_path):
    """Many combinations of category, CPV group, area and reservation: the index finds exactly the pairs."""
    catalog = load_catalog(ROOT, today=TODAY)
    suppliers = list(catalog.suppliers.values())
    variants = [({"categories": ["cleaning"], "cpv": []}), ({"categories": ["catering"], "cpv": ["55520000-1"]}),
                ({"categories": ["it_services"], "cpv": ["98310000-9"]}), ({"categories": ["moving_storage"]}),
                ({"categories": ["office_support"], "cpv": ["79999100-4", "50000000-5"]})]
    places = [["DK-751"], ["DK04"], ["DK"], ["SE-1880"], ["SE-14"], ["SE"], ["DK-101", "SE-0180"]]
    for number, (variant, place) in enumerate((v, p) for v in variants for p in places):
        for reserved in ("none", "art20", "se_ideburen"):
            country = place[0][:2]
            data = _entry(**variant, delivery_area=place, reserved=reserved, buyer={"name": "K", "country": country})
            catalog.tenders[f"t{number}-{reserved}"] = type(suppliers[0])("tender", f"t{number}", data, "x")
    table = tenders.match_table(catalog)
    for slug, record in catalog.tenders.items():
        expected = {s for s, r in catalog.suppliers.items()
                    if _could_deliver_by_definition(catalog, record.data, r.data)}
        assert set(table[slug]) == expected, slug
    assert sum(map(len, table.values())) > 30  # the combinations do produce matches


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
        assert link in (archive_part if tenders.is_archived(record.data, TODAY) else open_part), slug
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
    table = tenders.buyers(catalog)
    assert set(table) == set(catalog.buyers)  # every registry buyer, with or without entries
    assert {buyers.buyer_of(catalog, slug)["slug"] for slug in catalog.tenders} <= set(table)
    total = sum(len(b["open"]) + len(b["archive"]) for b in table.values())
    assert total == len(catalog.tenders)
    aarhus = table["aarhus-kommune"]
    assert aarhus["archive"] == ["aarhus-vask-arbejdstoej"] and aarhus["country"] == "DK"


def test_buyer_pages_in_both_languages(built_site, catalog):
    for slug, buyer in tenders.buyers(catalog).items():
        da = (built_site / "da" / "udbudsplan" / "ordregiver" / f"{slug}.html").read_text(encoding="utf-8")
        sv = (built_site / "sv" / "upphandlingsplan" / "myndighet" / f"{slug}.html").read_text(encoding="utf-8")
        for entry in buyer["open"] + buyer["archive"]:
            assert f"udbudsplan/{entry}.html" in da and f"upphandlingsplan/{entry}.html" in sv
        assert f'href="../../../sv/upphandlingsplan/myndighet/{slug}.html"' in da
    entry = (built_site / "da" / "udbudsplan" / "odense-groen-drift.html").read_text(encoding="utf-8")
    assert 'href="../udbudsplan/ordregiver/odense-kommune.html"' in entry
