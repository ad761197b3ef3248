"""The model's rules, each written once (bro.model): eligibility on each basis, each country's 30 % share, staleness,
the archive, key dates and the calendar rule, reach with containment, and matching (the pairwise statement of the
matching rule lives here, as the reference for the indexed match table)."""
from __future__ import annotations

import datetime as dt

import pytest

from bro import areas, shares
from bro.catalog import load_catalog
from bro.model import Eligibility, Reach, Supplier, TenderEntry, match_table
from bro.model.reach import significant
from bro.model.rules import STALE_AFTER_DAYS
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _entry_data(**fields) -> dict:
    base = {"title": {"da": "X"}, "description": {"da": "X"}, "status": "planned",
            "categories": ["cleaning"], "delivery_area": ["DK-751"],
            "reserved": "none", "procedure": "open", "buyer": {"name": "X", "country": "DK", "org_number": "1"}}
    return {**base, **fields}


def _entry(catalog, slug: str = "t", **fields) -> TenderEntry:
    return TenderEntry.build(slug, _entry_data(**fields), "x.yml", catalog.vocab)


def _supplier(catalog, slug: str = "s", **fields) -> Supplier:
    data = {"name": "S", "country": "DK", "org_number": "1", "summary": {"da": "S"},
            "contacts": [{"name": "S", "email": "s@example.org"}], "categories": ["cleaning"],
            "delivery_area": ["DK-751"],
            "last_verified": "2026-01-01", **fields}
    return Supplier.build(slug, data, "x.yml", catalog.vocab)


# --- eligibility -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("declared,basis", [
    ({"eligible": True, "basis": "art20"}, "art20"),
    ({"eligible": True, "basis": "art77"}, "art77"),
    ({"eligible": True, "basis": "se_ideburen"}, "se_ideburen"),
    ({"eligible": True}, "art20"),  # only a record that did not validate lacks a basis: read as art. 20
    ({"eligible": False}, None),
    ({"eligible": False, "basis": "art20"}, None),
    (None, None),
])
def test_declared_eligibility_and_its_basis(declared, basis):
    data = {"reserved_contracts": declared} if declared is not None else {}
    found = Eligibility.of(data)
    assert found.basis == basis and found.declared is (basis is not None)
    assert found.declares() is (basis == "art20")


@pytest.mark.parametrize("basis,reservation,satisfied", [
    ("art20", "none", True), (None, "none", True), (None, None, True),
    ("art20", "art20", True), ("art77", "art77", True), ("se_ideburen", "se_ideburen", True),
    ("art20", "art77", False), ("art77", "art20", False), ("art20", "se_ideburen", False),
    (None, "art20", False), (None, "se_ideburen", False),
])
def test_a_declaration_satisfies_only_a_reservation_on_its_basis(basis, reservation, satisfied):
    assert Eligibility(basis).satisfies(reservation) is satisfied


def test_the_supplier_record_carries_its_declaration(catalog):
    for supplier in catalog.suppliers.values():
        assert supplier.eligibility == Eligibility.of(supplier.data)


# --- the 30 % share (bro.shares is the one place; the record asks it) ---------------------------------------------

@pytest.mark.parametrize("employees,engaged,dk,se", [
    ({"total": 10, "from_target_groups": 3}, None, True, True),     # exactly 30 % reaches in both
    ({"total": 97, "from_target_groups": 29}, None, False, False),  # 29.9 % does not
    ({"total": 10, "from_target_groups": 2}, {"total": 10, "from_target_groups": 8}, False, True),  # trainees: SE
])
def test_each_countrys_share(catalog, employees, engaged, dk, se):
    data = {"employees": employees, **({"engaged": engaged} if engaged else {})}
    supplier = _supplier(catalog, **data)
    found = supplier.shares(catalog.vocab)
    assert found == shares.shares(catalog.vocab, supplier.data)
    assert (found["DK"].reaches, found["SE"].reaches) == (dk, se)


def test_reserved_share_is_the_employees_share_rounded_down(catalog):
    assert _supplier(catalog, employees={"total": 3, "from_target_groups": 1}).reserved_share == 33
    assert _supplier(catalog, employees={"total": 0, "from_target_groups": 0}).reserved_share is None
    assert _supplier(catalog).reserved_share is None


# --- staleness -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("days,stale", [(STALE_AFTER_DAYS - 1, False), (STALE_AFTER_DAYS, False),
                                        (STALE_AFTER_DAYS + 1, True)])
def test_stale_after_twelve_months(catalog, days, stale):
    verified = TODAY - dt.timedelta(days=days)
    assert _supplier(catalog, last_verified=verified.isoformat()).is_stale(TODAY) is stale


# --- archive, key dates, calendars ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fields,today,archived", [
    ({"interest_deadline": "2027-01-15"}, dt.date(2027, 1, 15), False),    # the deadline day itself is open
    ({"interest_deadline": "2027-01-15"}, dt.date(2027, 1, 16), True),
    ({"interest_deadline": "2027-01-15", "expected_publication": "2027-02-01"}, dt.date(2027, 1, 20), False),
    ({"interest_deadline": "2027-01-15", "expected_publication": "2027-02-01"}, dt.date(2027, 2, 2), True),
    ({}, dt.date(2030, 1, 1), False),                                       # no dates: stays open
    ({"status": "awarded", "interest_deadline": "2099-01-01"}, dt.date(2027, 1, 1), True),
    ({"status": "cancelled"}, dt.date(2027, 1, 1), True),
])
def test_archive_by_build_date(catalog, fields, today, archived):
    assert _entry(catalog, **fields).is_archived(today) is archived


def test_next_date_is_the_nearest_that_has_not_passed(catalog):
    entry = _entry(catalog, interest_deadline="2027-01-15", expected_publication="2027-02-01")
    assert entry.key_dates == (("interest_deadline", dt.date(2027, 1, 15)),
                               ("expected_publication", dt.date(2027, 2, 1)))
    assert entry.next_date(dt.date(2027, 1, 1)) == ("interest_deadline", dt.date(2027, 1, 15))
    assert entry.next_date(dt.date(2027, 1, 20)) == ("expected_publication", dt.date(2027, 2, 1))
    assert entry.next_date(dt.date(2027, 3, 1)) is None


@pytest.mark.parametrize("fields,today,calendar", [
    ({"interest_deadline": "2027-01-15"}, dt.date(2027, 1, 15), True),
    ({"interest_deadline": "2027-01-15"}, dt.date(2027, 1, 16), False),     # archived: in no calendar
    ({}, dt.date(2027, 1, 1), False),                                       # no key date: nothing to add
    ({"status": "awarded", "expected_publication": "2099-01-01"}, dt.date(2027, 1, 1), False),
    ({"interest_deadline": "2027-01-15", "expected_publication": "2027-02-01"}, dt.date(2027, 1, 20), True),
])
def test_the_calendar_rule(catalog, fields, today, calendar):
    assert _entry(catalog, **fields).in_calendars(today) is calendar


# --- reach ---------------------------------------------------------------------------------------------------------

def test_reach_contains_regions_and_countries(catalog):
    aarhus = Reach.of(catalog.vocab, ["DK-751"], "DK")
    assert aarhus.named == {"DK-751"} and aarhus.containing == {"DK04", "DK"}
    assert aarhus.listed_under == {"DK-751", "DK04"}  # a municipality's supplier is listed under its region
    national = Reach.of(catalog.vocab, ["national"], "SE")
    assert national.named == {"SE"} and national.containing == frozenset()


@pytest.mark.parametrize("supplier,entry,overlap", [
    (["DK-751"], ["DK-751"], True),
    (["DK04"], ["DK-751"], True),      # a region contains its municipalities
    (["DK-751"], ["DK04"], True),      # a supplier in a municipality reaches an entry for its region
    (["national"], ["DK-461"], True),  # a whole country
    (["DK-461"], ["DK-751"], False),   # two municipalities
    (["DK-751"], ["SE"], False),
])
def test_reach_overlaps_with_containment(catalog, supplier, entry, overlap):
    ours, theirs = Reach.of(catalog.vocab, supplier, "DK"), Reach.of(catalog.vocab, entry, "DK")
    assert ours.overlaps(theirs) is overlap and theirs.overlaps(ours) is overlap


# --- matching: the pairwise rule, the reference for the indexed table ----------------------------------------------

def cpv_overlap(ours, theirs) -> bool:
    """Whether two CPV lists share a code, one being a more specific code under the other."""
    return any(a.startswith(b) or b.startswith(a) for a in map(significant, ours) for b in map(significant, theirs))


def reaches_by_definition(catalog, supplier: Supplier, entry: TenderEntry) -> bool:
    """The delivery rule as written: a target lies inside what the supplier names, or contains a named place."""
    named = supplier.areas
    return any(areas.covers(catalog.vocab, named, supplier.country, target)
               or any(target in areas.parents(catalog.vocab, code)[1:] for code in named)
               for target in areas.normalize(list(entry.delivery_area), entry.buyer_country))


def could_deliver(catalog, entry: TenderEntry, supplier: Supplier) -> bool:
    """The matching rule for one pair: offers a category or an overlapping CPV code, reaches the delivery area,
    and is eligible when the entry is reserved."""
    offers = bool(set(entry.categories) & set(supplier.categories)) or cpv_overlap(entry.cpv, supplier.cpv)
    return offers and reaches_by_definition(catalog, supplier, entry) and supplier.eligibility.satisfies(
        entry.reserved)


@pytest.mark.parametrize("ours,theirs,overlap", [
    (["98310000-9"], ["98311000-6"], True),     # a more specific code under the same group
    (["98311000-6"], ["98310000-9"], True),
    (["50000000-5"], ["50312000-5"], False),    # a division-wide code does not match everything in it
    (["77310000-6"], ["98310000-9"], False),
    ([], ["98310000-9"], False),
])
def test_cpv_overlap(ours, theirs, overlap):
    assert cpv_overlap(ours, theirs) is overlap


def test_matching_respects_category_area_and_reservation(catalog):
    entry = _entry(catalog, categories=["cleaning"], delivery_area=["SE-1880"],
                   buyer={"name": "Ö", "country": "SE", "org_number": "1"})
    found = {s for s, r in catalog.suppliers.items() if could_deliver(catalog, entry, r)}
    assert "stadkooperativet-vinden" in found and "fjordvask" not in found
    reserved = _entry(catalog, categories=["cleaning"], delivery_area=["SE-1880"], reserved="se_ideburen",
                      buyer={"name": "Ö", "country": "SE", "org_number": "1"})
    assert not any(could_deliver(catalog, reserved, catalog.suppliers[s]) for s in found
                   if catalog.suppliers[s].eligibility.basis != "se_ideburen")


def test_a_region_wide_entry_reaches_suppliers_in_its_municipalities(catalog):
    assert could_deliver(catalog, _entry(catalog, categories=["catering"], delivery_area=["DK04"]),
                         catalog.suppliers["madvaerket"])


def test_sample_entries_show_their_matches_and_suppliers_their_entries(catalog):
    assert "fruktbudet-vast" in catalog.derived.match_table["goteborg-fruktkorgar-2027"]
    assert catalog.derived.open_entries["fruktbudet-vast"] == ["goteborg-fruktkorgar-2027"]
    for slug in catalog.derived.open_entries.get("cykelvaerkstedet-kaeden", []):
        assert not catalog.tenders[slug].is_archived(TODAY)


def test_indexed_match_table_equals_the_pairwise_rule(catalog):
    """Many combinations of category, CPV group, area and reservation: the index finds exactly the pairs."""
    variants = [({"categories": ["cleaning"], "cpv": []}), ({"categories": ["catering"], "cpv": ["55520000-1"]}),
                ({"categories": ["it_services"], "cpv": ["98310000-9"]}), ({"categories": ["moving_storage"]}),
                ({"categories": ["office_support"], "cpv": ["79999100-4", "50000000-5"]})]
    places = [["DK-751"], ["DK04"], ["DK"], ["SE-1880"], ["SE-14"], ["SE"], ["DK-101", "SE-0180"]]
    entries = dict(catalog.tenders)
    for number, (variant, place) in enumerate((v, p) for v in variants for p in places):
        for reserved in ("none", "art20", "art77", "se_ideburen"):
            slug = f"t{number}-{reserved}"
            entries[slug] = _entry(catalog, slug, **variant, delivery_area=place, reserved=reserved,
                                   buyer={"name": "K", "country": place[0][:2], "org_number": "1"})
    table = match_table(catalog.suppliers, entries, catalog.derived.ordered_slugs)
    for slug, entry in entries.items():
        expected = [s for s in catalog.derived.ordered_slugs if could_deliver(catalog, entry, catalog.suppliers[s])]
        assert table[slug] == expected, slug
    assert sum(map(len, table.values())) > 30  # the combinations do produce matches
