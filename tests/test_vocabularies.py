"""Bro's vocabularies: complete, bilingual, and faithful to the official code lists (tests/reference)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bro.vocab import VOCABULARY_FILES, load_vocabularies
from helpers import ROOT

REFERENCE = Path(__file__).parent / "reference"  # vendored with their sources (README.md there)


@pytest.fixture(scope="module")
def vocab():
    loaded = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)
    assert loaded.problems == []
    return loaded


def _rows(name: str) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", VOCABULARY_FILES)
def test_every_entry_has_danish_and_swedish_label(vocab, name):
    assert vocab.tables[name], name
    for code, entry in vocab.tables[name].items():
        assert entry["label"].get("da") and entry["label"].get("sv"), (name, code)


@pytest.mark.parametrize("name", ["categories", "target_groups", "registrations", "social_clauses", "legal_forms",
                                  "procedures", "reservations", "statuses", "publish_bases"])
def test_described_vocabularies_explain_each_code_in_both_languages(vocab, name):
    for code, entry in vocab.tables[name].items():
        assert entry.get("description", {}).get("da") and entry["description"].get("sv"), (name, code)


def test_categories_carry_valid_cpv_codes(vocab):
    for code, entry in vocab.tables["categories"].items():
        assert entry.get("cpv"), code
        assert all(len(c) == 10 and c[8] == "-" for c in entry["cpv"]), code


def test_schema_enums_match_vocabularies(vocab):
    import json
    tender = json.loads((ROOT / "schemas" / "tender.schema.json").read_text())
    for field, name in [("procedure", "procedures"), ("reserved", "reservations"), ("status", "statuses")]:
        assert tender["properties"][field]["enum"] == list(vocab.tables[name]), field


def test_danish_municipalities_match_reference(vocab):
    rows = _rows("dk-municipalities.csv")
    assert len(rows) == 98
    ours = {c: e for c, e in vocab.tables["municipalities"].items() if e["country"] == "DK"}
    assert set(ours) == {f"DK-{r['municipality_code']}" for r in rows}
    for r in rows:
        entry = ours[f"DK-{r['municipality_code']}"]
        assert entry["label"]["da"] == r["municipality_name"] and entry["region"] == r["region_nuts"]


def test_swedish_municipalities_match_reference(vocab):
    rows = _rows("se-municipalities.csv")
    assert len(rows) == 290
    ours = {c: e for c, e in vocab.tables["municipalities"].items() if e["country"] == "SE"}
    assert set(ours) == {f"SE-{r['municipality_code']}" for r in rows}
    for r in rows:
        entry = ours[f"SE-{r['municipality_code']}"]
        assert entry["label"]["sv"] == r["municipality_name_short"] and entry["region"] == f"SE-{r['county_code']}"


def test_regions_and_counties_match_reference(vocab):
    regions = vocab.tables["regions"]
    for r in _rows("dk-regions.csv"):
        assert regions[r["region_nuts"]]["label"] == {"da": r["name_da"], "sv": r["name_sv"]}
    counties = _rows("se-counties.csv")
    assert len(counties) == 21
    for r in counties:
        assert regions[f"SE-{r['county_code']}"]["label"]["sv"] == r["county_name"]
    assert len(regions) == 5 + 21


def test_area_suggestions_find_place_names(vocab):
    assert vocab.suggest("areas", "Aarhus") == "DK-751 (Aarhus)"
    assert vocab.suggest("areas", "Göteborgs kommun") == "SE-1480 (Göteborg)"
    assert vocab.suggest("areas", "dk-101") == "DK-101 (København)"
    assert vocab.suggest("areas", "Atlantis") == ""
