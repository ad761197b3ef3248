"""The supplier directory's rules: areas, stemming, the index, browse pages, exports and the profile page."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator
from lunr.index import Index

from bro import api, areas, directory, search, shares
from bro.catalog import load_catalog
from bro.schema import SchemaSet
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


@pytest.mark.parametrize("delivery,country,code,expected", [
    (["DK-751"], "DK", "DK-751", True),          # named municipality
    (["DK-751"], "DK", "DK-101", False),         # another municipality
    (["DK04"], "DK", "DK-751", True),            # Aarhus lies in Region Midtjylland
    (["DK04"], "DK", "DK-101", False),
    (["national"], "DK", "DK-101", True),        # national = own country
    (["national"], "SE", "DK-101", False),
    (["DK"], "SE", "DK-101", True),              # a Swedish supplier delivering in all of Denmark
    (["SE-14"], "SE", "SE-1480", True),          # Göteborg in Västra Götalands län
    (["SE-1480"], "SE", "SE-14", False),         # one municipality does not cover the whole län
])
def test_covers(catalog, delivery, country, code, expected):
    assert areas.covers(catalog.vocab, delivery, country, code) is expected


@pytest.mark.parametrize("lang,words,stem", [
    ("da", ["rengøring", "rengøringen", "rengøringer"], "rengøring"),
    ("da", ["cykler", "cyklerne"], "cykl"),
    ("sv", ["städning", "städningen", "städningar"], "städning"),
    ("sv", ["cyklar", "cyklarna"], "cykl"),
])
def test_inflected_forms_share_a_stem(lang, words, stem):
    assert {search.stem(word, lang) for word in words} == {stem}


def test_index_is_loadable_by_lunr_languages(catalog):
    index = search.build_index(catalog, "da")
    assert index["pipeline"] == ["stemmer-da"]
    assert index["fields"] == ["text"]
    assert "" not in dict(index["invertedIndex"])
    refs = {ref.split("/")[1] for ref, _ in index["fieldVectors"]}
    assert refs == {str(i) for i in range(len(catalog.suppliers))}


@pytest.mark.parametrize("lang,query,expected", [
    ("da", "rengøringen", "stadkooperativet-vinden"),
    ("sv", "städningen", "stadkooperativet-vinden"),
    ("da", "frugtordning", "madvaerket"),
    ("sv", "77310000", "groenne-haender-odense"),
])
def test_python_side_of_the_index_finds_inflected_words(catalog, lang, query, expected):
    index = Index.load(search.build_index(catalog, lang))
    order = catalog.derived.ordered_slugs
    assert expected in {order[int(hit["ref"])] for hit in index.search(query)}


def test_directory_data_is_split_into_shards_in_index_order(catalog):
    data = directory.directory_data(catalog, "sv", shard_size=5)
    assert data["ui"]["result_count"] == "{count} leverantörer" and data["total"] == len(catalog.suppliers)
    # the first shard is an eighth of the others (1 here), so that the first results come fast
    assert data["shards"] == [f"directory-shard-{n}.js" for n in range(1 + -(-(len(catalog.suppliers) - 1) // 5))]
    shards = [directory.shard_data(catalog, "sv", n, shard_size=5) for n in range(len(data["shards"]))]
    entries = [entry for shard in shards for entry in shard["suppliers"]]
    assert [s["slug"] for s in entries] == catalog.derived.ordered_slugs
    assert [len(shard["suppliers"]) for shard in shards[:2]] == [1, 5]
    for shard in shards:
        refs = {ref.split("/")[1] for ref, _ in shard["index"]["fieldVectors"]}
        assert refs == {str(i) for i in range(len(shard["suppliers"]))}
        assert shard["offset"] == entries.index(shard["suppliers"][0])
    trappsteget = next(s for s in entries if s["slug"] == "foreningen-trappsteget")
    # eligible for the idéburen reservation, not the work-integration one the facet names: said in its own words
    assert trappsteget["eligible"] is False and trappsteget["summaryLang"] == "sv"
    assert trappsteget["eligibleElse"].endswith("(LOU 19 kap. 25 a § i Sverige)")
    national = next(s for s in entries if "national" in catalog.suppliers[s["slug"]].data["delivery_area"])
    assert "national" not in national["areas"] and national["country"] in national["areas"]


def test_area_pages_list_who_names_the_area_and_count_the_wider_ones(catalog):
    named = catalog.derived.in_area["DK-751"]
    assert "madvaerket" in named
    assert all("DK-751" in catalog.suppliers[slug].reach.listed_under for slug in named)
    context = directory.area_context(catalog, "DK-751", "da")
    wider = {name: count for name, count, _, _ in context["wider"]}
    regional = [s for s, r in catalog.suppliers.items() if "DK04" in r.data["delivery_area"]]
    national = [s for s, r in catalog.suppliers.items() if r.data["country"] == "DK" and
                "national" in r.data["delivery_area"] or "DK" in r.data["delivery_area"]]
    assert wider == {k: v for k, v in {"Region Midtjylland": len(regional), "Danmark": len(national)}.items() if v}
    assert context["wider"], "sample data has suppliers that reach Aarhus through its region or Denmark"


def test_every_supplier_appears_in_its_categories_and_areas(catalog):
    for slug, record in catalog.suppliers.items():
        for code in record.data["categories"]:
            assert slug in catalog.derived.in_category.get(code, [])
        for code in catalog.suppliers[slug].reach.listed_under:
            assert slug in catalog.derived.in_area.get(code, [])


def test_json_export_validates_against_the_supplier_schema(built_site, catalog):
    exported = json.loads((built_site / "api" / "suppliers.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(SchemaSet(ROOT / "schemas").inline(
        SchemaSet(ROOT / "schemas").documents["supplier.schema.json"], "supplier.schema.json"))
    for item in exported["suppliers"]:
        record = {k: v for k, v in item.items() if k not in ("slug", "urls", "shares")}
        assert list(validator.iter_errors(record)) == [], item["slug"]
        assert record == catalog.suppliers[item["slug"]].data


def test_csv_opens_in_excel_and_round_trips_every_supplier(built_site, catalog):
    raw = (built_site / "api" / "suppliers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row["slug"] for row in rows] == sorted(catalog.suppliers)
    for row in rows:
        data = catalog.suppliers[row["slug"]].data
        restored = {k: v[1:] if v[:2] in ("'+", "'=", "'-", "'@") else v for k, v in row.items()}
        assert restored == api.supplier_row(catalog.suppliers[row["slug"]], shares.shares(catalog.vocab, data))
        assert restored["categories"].split("|") == data["categories"]
        assert restored["name"] == data["name"]
    assert any("ø" in row["name"] or "ö" in row["name"] for row in rows)


def test_csv_defuses_formulas():
    assert api.defuse_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and api.defuse_cell("+45 12") == "'+45 12"
    assert api.defuse_cell("Grøn") == "Grøn"


def test_profile_page_shows_every_field(built_site, catalog):
    supplier = catalog.suppliers["madvaerket"]
    page = (built_site / "da" / "leverandorer" / "madvaerket.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", page)
    address, employees, contact = supplier.address, supplier.employees, supplier.contacts[0]
    expected = [supplier.name, supplier.org_number, supplier.website, str(supplier.founded),
                supplier.summary["da"][:40], address.street, address.postcode, address.city,
                str(employees.total), str(employees.from_target_groups), "udbudsloven § 54", contact.email,
                contact.name, supplier.data["references"][0]["buyer"], *supplier.cpv, "Senest bekræftet"]
    expected += [catalog.vocab.label("categories", c, "da") for c in supplier.categories]
    expected += [catalog.vocab.label("target_groups", c, "da") for c in supplier.target_groups]
    expected += [catalog.vocab.label("registrations", c, "da") for c in supplier.registration_types]
    expected += [catalog.vocab.label("languages", c, "da") for c in supplier.languages]
    expected += [catalog.vocab.label("legal_forms", supplier.legal_form, "da")]
    for value in expected:
        assert value in text, value


def test_profile_page_has_json_ld_and_open_graph(built_site):
    page = (built_site / "sv" / "leverantorer" / "madvaerket.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)["@graph"][0]  # then its breadcrumbs (tests/test_structured_data.py)
    assert data["@type"] == "Organization" and data["name"] == "Madværket SMBA"
    assert data["identifier"]["propertyID"] == "DK-CVR"
    assert '<meta property="og:locale" content="sv_SE">' in page
    assert '<meta property="og:title" content="Madværket SMBA">' in page


def test_json_ld_cannot_break_out_of_its_script():
    from bro.structured import script_json
    assert "</script>" not in script_json({"name": "</script><script>alert(1)</script>"})
