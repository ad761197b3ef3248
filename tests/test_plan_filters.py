"""The tender plan's filters: one list that names the cards' attributes and the controls, places that overlap
either way, and the open/archived split behind every count of the plan."""
from __future__ import annotations

import re

import pytest

from bro import areas, plan_filters, tenders
from bro.catalog import load_catalog
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


@pytest.mark.parametrize("a, b, overlap", [
    ("DK-751", "DK04", True),    # Aarhus lies in Region Midtjylland
    ("DK04", "DK-751", True),    # … and the other way round
    ("DK-751", "DK", True),
    ("DK-751", "DK-751", True),
    ("DK-751", "DK-461", False),  # Aarhus and Odense
    ("DK-751", "DK03", False),   # Aarhus is not in Region Syddanmark
    ("SE-1480", "SE-14", True),  # Göteborg in Västra Götaland
    ("SE-1480", "DK", False),
])
def test_overlaps_either_way(catalog, a, b, overlap):
    assert areas.overlaps(catalog.vocab, a, b) is overlap
    assert areas.overlaps(catalog.vocab, b, a) is overlap


def test_overlapping_is_every_area_that_overlaps(catalog):
    vocab = catalog.vocab
    for code in ("DK-751", "DK04", "SE-14", "SE"):
        expected = {other for other in vocab.codes("areas")
                    if other != "national" and areas.overlaps(vocab, code, other)}
        assert set(areas.overlapping(vocab, code)) == expected, code


def test_one_list_names_attributes_controls_and_labels(catalog):
    names = [f.name for f in plan_filters.FILTERS]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+", n) for n in names)  # a data-N attribute reads back as dataset.N
    for lang in ("da", "sv"):
        controls = plan_filters.controls(catalog, lang)
        # the sample data has no entry from TED: the source filter would offer one option, so it is left out
        shown = [n for n in names if n != "source"]
        assert [c["name"] for c in controls] == shown
        assert [c["id"] for c in controls] == [f"plan-{n}" for n in shown]
        assert all(c["label"] and not c["label"].startswith("plan.") for c in controls)
        place = next(c for c in controls if c["name"] == "area")
        assert [o for _, group in place["groups"] for o in group] == place["options"]
    assert "plan-reservedkind" in [f.control_id for f in plan_filters.FILTERS]
    for record in catalog.tenders.values():
        assert list(plan_filters.entry_values(catalog, record)) == names


def test_every_select_option_finds_at_least_one_entry(catalog):
    for name, options in plan_filters.options(catalog, "da").items():
        for value, _ in options:
            assert any(plan_filters.matches(catalog, r, name, value) for r in catalog.tenders.values()), (name, value)


def test_place_filter_finds_entries_that_overlap_the_place(catalog):
    def found(place):
        return {s for s, r in catalog.tenders.items() if plan_filters.matches(catalog, r, "area", place)}
    assert "aarhus-vask-arbejdstoej" in found("DK04")          # an Aarhus entry under its region
    assert "vgr-gaavor-medarbetare" in found("SE-1480")         # a region-wide entry under Göteborg
    assert {"goteborg-fruktkorgar-2027", "vgr-gaavor-medarbetare"} <= found("SE-1480")
    assert "odense-groen-drift" not in found("DK-751")
    assert "Leveringssted" in [c["label"] for c in plan_filters.controls(catalog, "da")]
    assert "Leveransort" in [c["label"] for c in plan_filters.controls(catalog, "sv")]


def test_category_filter_uses_the_entries_categories(catalog):
    for code, _ in plan_filters.options(catalog, "sv")["category"]:
        expected = {s for s, r in catalog.tenders.items() if code in r.data["categories"]}
        assert {s for s, r in catalog.tenders.items() if plan_filters.matches(catalog, r, "category", code)} == expected


def test_partition_and_counts_use_the_archive_rule(catalog):
    records = list(catalog.tenders.values())
    open_, archived = tenders.partition(records, TODAY)
    assert all(not r.is_archived(TODAY) for r in open_)
    assert all(r.is_archived(TODAY) for r in archived)
    assert len(open_) + len(archived) == len(records) and open_ and archived
    assert tenders.counts(catalog) == {"open": len(open_), "archived": len(archived)}


def test_landing_page_counts_open_entries_only(built_site, catalog):
    landing = (built_site / "index.html").read_text(encoding="utf-8")
    opened = tenders.counts(catalog)["open"]
    assert opened < len(catalog.tenders)
    assert f": {opened}<" in landing or f": {opened} " in landing or f">{opened}<" in landing
    assert f": {len(catalog.tenders)}<" not in landing


def test_source_filter_tells_entries_from_ted_from_those_sent_to_bro(catalog):
    """Every sample entry was sent to Bro; an entry with `source: ted` is found under 'ted' only, and with both
    kinds in the plan the filter offers both (the build test imports real fixtures: tests/test_ted_site.py)."""
    assert all(plan_filters.entry_values(catalog, r)["source"] == ["bro"] for r in catalog.tenders.values())
    assert plan_filters.options(catalog, "da")["source"] == [("bro", "Kun indsendt til Bro")]
    assert "source" not in [c["name"] for c in plan_filters.controls(catalog, "sv")]
