"""Who has done it (bro.peers): the legal tools each buyer has used, derived once from the cases and the tender
entries, on the tools' knowledge-bank pages, the buyers' pages and in the open data."""
from __future__ import annotations

import json
import re

import pytest

from bro import api, peers, urls, views
from bro.catalog import load_catalog
from bro.model.tools import TOOLS, entry_tools
from helpers import ROOT, TODAY, make_repo

# The sample data's table, written out: (tool, kind, slug, buyer as shown, registry slug or None, country).
# Malmö's entry is cancelled (a cancelled entry used nothing); its social award criterion is not in the table.
EXPECTED = [
    ("reserved_contract", "tender", "aarhus-scanning-byggesager", "Aarhus Kommune", "aarhus-kommune", "DK"),
    ("reserved_contract", "tender", "aarhus-vask-arbejdstoej", "Aarhus Kommune", "aarhus-kommune", "DK"),
    ("reserved_contract", "case", "goteborg-fruktkorgar-2020", "Göteborgs Stad", "goteborgs-stad", "SE"),
    ("reserved_contract", "tender", "goteborg-fruktkorgar-2027", "Göteborgs Stad", "goteborgs-stad", "SE"),
    ("reserved_contract", "case", "soderhamn-fruktkorgar-2017", "Söderhamns kommun", None, "SE"),
    ("reserved_contract", "case", "vgr-gavor-medarbetare", "Västra Götalandsregionen", "vastra-gotalandsregionen",
     "SE"),
    ("reserved_contract", "tender", "vgr-gaavor-medarbetare", "Västra Götalandsregionen", "vastra-gotalandsregionen",
     "SE"),
    ("reserved_welfare", "tender", "frederiksberg-ungeforloeb", "Frederiksberg Kommune", "frederiksberg-kommune", "DK"),
    ("reserved_welfare", "tender", "stockholm-ideburen-motesplatser", "Stockholms stad", "stockholms-stad", "SE"),
    ("social_clause", "tender", "aalborg-flytning-opmagasinering", "Aalborg Kommune", "aalborg-kommune", "DK"),
    ("social_clause", "case", "koebenhavn-uddannelses-og-beskaeftigelsesklausuler", "Københavns Kommune",
     "koebenhavns-kommune", "DK"),
    ("social_clause", "tender", "koebenhavn-cykelservice", "Københavns Kommune", "koebenhavns-kommune", "DK"),
    ("social_clause", "tender", "odense-groen-drift", "Odense Kommune", "odense-kommune", "DK"),
    ("social_clause", "case", "nordanstig-sysselsattningskrav", "Nordanstigs kommun", None, "SE"),
    ("social_clause", "tender", "orebro-lokalvaard-sysselsattning", "Örebro kommun", "orebro-kommun", "SE"),
    ("social_award_criterion", "tender", "odense-groen-drift", "Odense Kommune", "odense-kommune", "DK"),
    ("below_threshold", "tender", "aalborg-flytning-opmagasinering", "Aalborg Kommune", "aalborg-kommune", "DK"),
    ("below_threshold", "tender", "koebenhavn-cykelservice", "Københavns Kommune", "koebenhavns-kommune", "DK"),
    ("below_threshold", "case", "silkeborg-socialoekonomiske-indkoeb", "Silkeborg Kommune", None, "DK"),
    ("below_threshold", "tender", "vgr-gaavor-medarbetare", "Västra Götalandsregionen", "vastra-gotalandsregionen",
     "SE"),
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _rows(uses):
    return [(u.tool, u.kind, u.slug, u.buyer, u.buyer_slug, u.country) for u in uses]


def test_the_sample_cases_and_entries_give_the_table_written_out(catalog):
    assert _rows(catalog.derived.peers.uses) == EXPECTED


def test_the_table_is_computed_once(catalog):
    assert catalog.derived.peers is catalog.derived.peers


def test_by_tool_and_category(catalog):
    table = catalog.derived.peers
    assert [u.slug for u in table.of_tool("reserved_contract", "catering")] == [
        "goteborg-fruktkorgar-2020", "goteborg-fruktkorgar-2027", "soderhamn-fruktkorgar-2017"]
    assert table.of_tool("innovation_partnership") == [] and table.of_tool("partnership") == []
    assert [(u.tool, u.slug) for u in table.in_category("gifts_promotional")] == [
        ("reserved_contract", "vgr-gavor-medarbetare"), ("reserved_contract", "vgr-gaavor-medarbetare"),
        ("below_threshold", "vgr-gaavor-medarbetare")]
    assert [(u.tool, u.kind, u.slug) for u in table.of_buyer("koebenhavns-kommune")] == [
        ("social_clause", "case", "koebenhavn-uddannelses-og-beskaeftigelsesklausuler"),
        ("social_clause", "tender", "koebenhavn-cykelservice"),
        ("below_threshold", "tender", "koebenhavn-cykelservice")]
    assert table.of_buyer("malmo-stad") == []  # its only entry was cancelled


@pytest.mark.parametrize(("reserved", "execution", "clauses", "procedure", "expected"), [
    ("art20", None, (), "open", ("reserved_contract",)),
    ("none", True, (), "open", ("reserved_contract",)),  # art. 20(1)'s second alternative: the same tool
    ("art20", True, (), "open", ("reserved_contract",)),  # once
    ("art77", None, (), "light_regime", ("reserved_welfare",)),
    ("se_ideburen", False, (), "light_regime", ("reserved_welfare",)),
    ("none", None, ("employment_requirement", "apprenticeships"), "open", ("social_clause",)),
    ("none", None, ("internships_training",), "open", ("social_clause",)),
    ("none", None, ("subcontracting_social_enterprises",), "open", ("social_clause",)),
    ("none", None, ("fair_labour_conditions", "accessibility_inclusion"), "open", ()),  # other rules
    ("none", None, ("social_award_criterion",), "restricted", ("social_award_criterion",)),
    ("none", None, (), "innovation_partnership", ("innovation_partnership",)),
    ("none", None, (), "partnership", ("partnership",)),
    ("none", None, (), "below_threshold", ("below_threshold",)),
    ("none", None, (), "direct_award", ()),  # not necessarily below the thresholds
    ("art77", None, ("social_award_criterion", "employment_requirement"), "below_threshold",
     ("reserved_welfare", "social_clause", "social_award_criterion", "below_threshold")),  # in TOOLS' order
])
def test_the_one_mapping_from_an_entry_to_tools(reserved, execution, clauses, procedure, expected):
    assert entry_tools(reserved, execution, clauses, procedure) == expected


def test_every_tool_is_a_case_instrument_and_has_a_knowledge_page():
    schema = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["properties"]["instrument"]["enum"]) == TOOLS
    for tool in TOOLS:
        for lang in ("da", "sv"):
            assert peers.tool_of_page(urls.CONTENT_PAGES[peers.knowledge.INSTRUMENT_PAGES[tool]][lang], lang) == tool


TED_ENTRY = """# yaml-language-server: $schema=../../schemas/tender.schema.json
title: {da: Rengøring af skoler, sv: Städning av skolor}
buyer: {name: Aarhus Kommune, org_number: "55133018", country: DK, municipality: DK-751}
description: {da: Rengøring udført af et beskyttet værksted., sv: Städning som utförs av en skyddad verkstad.}
categories: [cleaning]
procedure: open
reserved: none
reserved_execution: true
delivery_area: [DK-751]
status: published
source: ted
ted: {publication_number: 00701001-2026}
notice_url: https://ted.europa.eu/da/notice/-/detail/00701001-2026
contact: {name: Aarhus Kommune, email: udbud@aarhus.example.org, publish_basis: legitimate_interest}
"""

CASE_OF_A_REGISTRY_BUYER = """# yaml-language-server: $schema=../../schemas/case.schema.json
title: {da: Sociale klausuler i Malmø, sv: Sociala krav i Malmö}
buyer: "  malmö   STAD "
year: 2024
country: SE
instrument: social_clause
categories: [cleaning]
summary: {da: Et eksempel., sv: Ett exempel.}
sources: [{title: Malmö stad, url: "https://malmo.se/"}]
"""

SAME_NAME_OTHER_COUNTRY = CASE_OF_A_REGISTRY_BUYER.replace("  malmö   STAD ", "Aarhus Kommune")


def test_ted_imports_count_and_case_buyers_are_found_in_the_registry_by_name(tmp_path):
    repo = make_repo(tmp_path, {"data/tenders/ted-00701001-2026.yml": TED_ENTRY,
                                "data/cases/malmo-klausuler.yml": CASE_OF_A_REGISTRY_BUYER,
                                "data/cases/aarhus-i-sverige.yml": SAME_NAME_OTHER_COUNTRY})
    catalog = load_catalog(repo, today=TODAY)
    errors = [p for p in catalog.problems if p.severity == "error"]
    assert not errors, errors
    rows = _rows(catalog.derived.peers.uses)
    assert ("reserved_contract", "tender", "ted-00701001-2026", "Aarhus Kommune", "aarhus-kommune", "DK") in rows
    # the registry's name and page, whatever the spacing and case of the case's text
    assert ("social_clause", "case", "malmo-klausuler", "Malmö stad", "malmo-stad", "SE") in rows
    # a name is one buyer only in its own country: Aarhus Kommune in a Swedish case has no page
    assert ("social_clause", "case", "aarhus-i-sverige", "Aarhus Kommune", None, "SE") in rows


def test_a_tool_page_lists_buyers_home_country_first(catalog):
    context = views.tool_peers_context(catalog, "reserved_contract", "da")
    assert [(g["name"], g["path"]) for g in context["groups"]] == [
        ("Aarhus Kommune", "udbudsplan/ordregiver/aarhus-kommune.html"),
        ("Göteborgs Stad", "udbudsplan/ordregiver/goteborgs-stad.html"),
        ("Söderhamns kommun", None),
        ("Västra Götalandsregionen", "udbudsplan/ordregiver/vastra-gotalandsregionen.html")]
    aarhus = context["groups"][0]["links"]
    assert [(link["path"], link["note"]) for link in aarhus] == [
        ("udbudsplan/aarhus-scanning-byggesager.html", "i udbudsplanen: planlagt"),
        ("udbudsplan/aarhus-vask-arbejdstoej.html", "i udbudsplanens arkiv: annonceret")]
    swedish = views.tool_peers_context(catalog, "reserved_contract", "sv")
    assert [g["name"] for g in swedish["groups"]][:1] == ["Göteborgs Stad"]
    assert swedish["groups"][0]["links"][0] == {
        "title": "Fruktkorgar till Göteborgs Stad – reserverat kontrakt med Social Trade",
        "path": "kunskapsbank/exempel/goteborg-fruktkorgar-2020.html", "lang": None, "note": "exempel från 2020"}


def test_a_buyer_page_lists_its_tools(catalog):
    tools = views.buyer_tools(catalog, "vastra-gotalandsregionen", "sv")
    assert [(t["tool"], t["page"], [link["path"] for link in t["links"]]) for t in tools] == [
        ("reserved_contract", "kunskapsbank/reserverade-kontrakt.html",
         ["kunskapsbank/exempel/vgr-gavor-medarbetare.html", "upphandlingsplan/vgr-gaavor-medarbetare.html"]),
        ("below_threshold", "kunskapsbank/under-troskelvardena.html",
         ["upphandlingsplan/vgr-gaavor-medarbetare.html"])]


def test_the_open_data_file(catalog):
    import datetime as dt
    data = api.peers_export(catalog, dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    assert data["license"] == "CC0-1.0" and data["count"] == len(EXPECTED) and "tools" not in data
    first, soderhamn = data["uses"][0], data["uses"][4]
    assert first == {"tool": "reserved_contract",
                     "buyer": {"name": "Aarhus Kommune", "slug": "aarhus-kommune", "country": "DK",
                               "urls": {"da": "da/udbudsplan/ordregiver/aarhus-kommune.html",
                                        "sv": "sv/upphandlingsplan/myndighet/aarhus-kommune.html"}},
                     "source": {"kind": "tender", "slug": "aarhus-scanning-byggesager",
                                "urls": {"da": "da/udbudsplan/aarhus-scanning-byggesager.html",
                                         "sv": "sv/upphandlingsplan/aarhus-scanning-byggesager.html"},
                                "year": None, "status": "planned"},
                     "categories": ["office_support"]}
    assert soderhamn["buyer"] == {"name": "Söderhamns kommun", "slug": None, "country": "SE", "urls": None}
    assert soderhamn["source"]["year"] == 2017 and soderhamn["source"]["status"] is None


def test_pages_in_the_built_site(built_site):
    page = (built_site / "da" / "vidensbank" / "reserverede-kontrakter.html").read_text(encoding="utf-8")
    section = page.split('id="hvem-har-gjort-det"', 1)[1]
    assert 'href="../udbudsplan/aarhus-vask-arbejdstoej.html"' in section
    assert 'href="../udbudsplan/ordregiver/aarhus-kommune.html"' in section
    assert re.search(r'href="#hvem-har-gjort-det"', page)  # in the table of contents
    sv = (built_site / "sv" / "kunskapsbank" / "iop-och-partnerskap.html").read_text(encoding="utf-8")
    assert 'id="vem-har-gjort-det"' in sv and "Bro känner ännu inte till någon upphandlande organisation" in sv
    buyer = (built_site / "sv" / "upphandlingsplan" / "myndighet" / "goteborgs-stad.html").read_text(encoding="utf-8")
    assert 'href="../../kunskapsbank/reserverade-kontrakt.html">Reserverat kontrakt</a>' in buyer
    case = (built_site / "da" / "vidensbank" / "eksempler" / "goteborg-fruktkorgar-2020.html").read_text("utf-8")
    assert '<a href="../../udbudsplan/ordregiver/goteborgs-stad.html">Göteborgs Stad</a>' in case
    data = json.loads((built_site / "api" / "peers.json").read_text(encoding="utf-8"))
    assert len(data["uses"]) == len(EXPECTED)
    overview = (built_site / "da" / "vidensbank" / "hvem-har-gjort-det.html").read_text(encoding="utf-8")
    assert '<h2 id="reserved_contract">Reserveret kontrakt</h2>' in overview
    assert 'href="../udbudsplan/aarhus-vask-arbejdstoej.html"' in overview
    assert '<a href="../data.html#peers">Hent tabellen som åbne data (CC0)</a>' in overview
    guide = (built_site / "sv" / "kunskapsbank" / "kom-igang.html").read_text(encoding="utf-8")
    assert 'href="vem-har-gjort-det.html"' in guide.split('id="marknadsdialog"')[0]  # in the first step
    assert 'href="stod/sverige.html"' in guide.split('id="marknadsdialog"')[0]  # who helps where, too
    directory = (built_site / "da" / "leverandorer" / "index.html").read_text(encoding="utf-8")
    suggest = directory.split('id="bro-suggest"', 1)[1].split("</div>", 1)[0]  # shown when nothing fits
    assert 'href="../vidensbank/hvem-har-gjort-det.html"' in suggest
    assert 'href="../vidensbank/hjaelp/danmark.html"' in suggest


def test_a_buyer_page_names_who_helps_in_its_region(catalog):
    aarhus = views.buyer_helpers(catalog, "aarhus-kommune", "da")
    assert aarhus["region"] == "Region Midtjylland" and aarhus["path"] == "vidensbank/hjaelp/danmark.html#region=DK04"
    assert [item["name"] for item in aarhus["items"]] == ["Konkurrence- og Forbrugerstyrelsen", "Kooperationen"]
    goteborg = views.buyer_helpers(catalog, "goteborgs-stad", "sv")
    assert goteborg["path"] == "kunskapsbank/stod/sverige.html#region=SE-14"
    assert "Coompanion Göteborgsregionen" in [item["name"] for item in goteborg["items"]]
    assert "Coompanion Örebro län" not in [item["name"] for item in goteborg["items"]]  # another region's
