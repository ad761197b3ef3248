"""The buyer registry (data/buyers/): every buyer a tender names is there, by organisation number, and every page,
feed and export shows the registry's details, whatever a tender's own buyer block says (issue 11, finding 6:
a tender named like a real buyer, with another number, used to rewrite that buyer's page)."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import lxml.html
from stdnum.dk import cvr
from stdnum.se import orgnr

from bro import buyers, feeds, i18n, ocds, urls, views
from bro.build import build
from bro.catalog import load_catalog
from bro.changes import render, summarize
from bro.model import TenderEntry
from bro.problems import format_problem
from helpers import ROOT, TODAY, make_repo

TODAY_UTC = dt.datetime.combine(TODAY, dt.time(), dt.UTC)

# A tender that names Aarhus Kommune with Aalborg Kommune's number and municipality, in a file that sorts first
# (the first tender by file name used to supply a buyer page's heading and number).
IMPOSTOR = """# yaml-language-server: $schema=../../schemas/tender.schema.json
title:
  da: Vask af arbejdstøj
  sv: Tvätt av arbetskläder
buyer:
  name: Aarhus Kommune
  org_number: "29189420"
  country: DK
  municipality: DK-851
description:
  da: Vask af arbejdstøj.
  sv: Tvätt av arbetskläder.
categories: [laundry_textiles]
procedure: below_threshold
reserved: none
interest_deadline: 2027-01-15
delivery_area: [DK-751]
status: planned
contact:
  name: Indkøb
  email: indkob@aarhus.example.org
  publish_basis: legitimate_interest
"""


def _copy_repo(tmp_path: Path, extra: dict[str, str]) -> Path:
    """The project (code, data, registry) with extra files written into it."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                                              ".site-*", "node_modules", "dist", "tests"))
    for rel, text in extra.items():
        (repo / rel).write_text(text, encoding="utf-8")
    return repo


def _facts(page: Path) -> tuple[str, dict[str, str]]:
    """A buyer page's heading and its facts (term → description)."""
    doc = lxml.html.fromstring(page.read_bytes())
    facts = doc.find_class("bro-facts")[0]
    terms = [dt.text_content().strip() for dt in facts.iter("dt")]
    values = [dd.text_content().strip() for dd in facts.iter("dd")]
    return " ".join(doc.xpath("string(//h1)").split()), dict(zip(terms, values, strict=True))


# --- the registry's own data ----------------------------------------------------------------------------------


def test_registry_holds_every_buyer_of_the_plan_with_a_valid_number():
    catalog = load_catalog(ROOT, today=TODAY)
    assert catalog.errors == []
    for slug, record in catalog.buyers.items():
        data = record.data
        assert (cvr if data["country"] == "DK" else orgnr).is_valid(data["org_number"]), slug
        assert (ROOT / "data" / "buyers" / f"{slug}.yml").read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../../schemas/buyer.schema.json\n"), slug
    for slug in catalog.tenders:
        assert buyers.buyer_of(catalog, slug)["slug"] in catalog.buyers


def test_number_key_tells_danish_and_swedish_numbers_apart():
    assert buyers.number_key("212000-1355") == "2120001355" and buyers.number_key("DK 55 13 30 18") == "55133018"


# --- finding 6: a tender cannot rewrite a buyer's page ---------------------------------------------------------


def test_a_tender_disagreeing_with_the_registry_stops_the_build(tmp_path, capsys):
    repo = _copy_repo(tmp_path, {"data/tenders/aa-first.yml": IMPOSTOR})
    out = tmp_path / "site"
    assert build(repo, out, today=TODAY) == 1 and not out.exists()
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert errors == [
        "data/tenders/aa-first.yml:6:9: error: buyer.name: 'Aarhus Kommune' does not agree with the buyer registry: "
        "data/buyers/aalborg-kommune.yml has 'Aalborg Kommune' for the number 29189420. Write 'Aalborg Kommune' "
        "(or correct the number)."]


def test_buyer_details_come_from_the_registry_whatever_a_tender_says(tmp_path):
    """A refused tender is no record of the catalog (only validated files become typed records); and were it one,
    the pages' functions would show the registry: a tender's number decides whose entry it is, and the name, country
    and municipality it writes are never shown."""
    repo = _copy_repo(tmp_path, {"data/tenders/aa-first.yml": IMPOSTOR.replace(
        "  country: DK\n", "  country: SE\n").replace("name: Aarhus Kommune", "name: Aarhus Kommune (ny)")})
    catalog = load_catalog(repo, today=TODAY)
    assert {p.field for p in catalog.errors if p.file == "data/tenders/aa-first.yml"} == {
        "buyer.name", "buyer.country", "buyer.municipality"}
    assert "aa-first" not in catalog.tenders
    refused = catalog.rejected["tenders"]["aa-first"]
    catalog.tenders["aa-first"] = TenderEntry.build("aa-first", refused.data, refused.source, catalog.vocab)
    aarhus = views.buyer_context(catalog, "aarhus-kommune", "da")
    assert (aarhus["title"], aarhus["buyer"]["org_number"], aarhus["buyer"]["municipality"]) == \
        ("Aarhus Kommune", "55133018", "DK-751")
    assert "aa-first" not in aarhus["buyer"]["open"] + aarhus["buyer"]["archive"]
    aalborg = views.buyer_context(catalog, "aalborg-kommune", "da")
    assert aalborg["title"] == "Aalborg Kommune" and "aa-first" in aalborg["buyer"]["open"]
    entry = views.record_context(catalog, "tender", "aa-first", "da", None)
    assert entry["buyer"]["name"] == "Aalborg Kommune"
    assert entry["buyer_path"] == "udbudsplan/ordregiver/aalborg-kommune.html"
    assert views.plan_item(catalog, catalog.tenders["aa-first"], "sv")["buyer"]["name"] == "Aalborg Kommune"
    release = ocds.release(catalog, "aa-first", TODAY_UTC)
    assert release["parties"][0]["name"] == "Aalborg Kommune" and release["parties"][0]["id"] == "DK-CVR-29189420"
    assert release["language"] == "da"
    ics = feeds.calendar(catalog, "da", "https://bro.example.org/", ["aa-first"]).decode("utf-8")
    assert "DESCRIPTION:Aalborg Kommune\\n" in ics.replace("\r\n ", "")
    assert "Aarhus Kommune (ny)" not in views.search_text(catalog, catalog.tenders["aa-first"], "da")


def test_buyer_pages_show_the_registry_in_both_languages(built_site):
    catalog = load_catalog(ROOT, today=TODAY)
    for slug, record in catalog.buyers.items():
        data = record.data
        for lang in ("da", "sv"):
            heading, facts = _facts(built_site / lang / urls.record_path("buyer", slug, lang))
            assert heading == data["name"], (slug, lang)
            assert facts[i18n.label(f"org_number.{data['country']}", lang).text] == data["org_number"], (slug, lang)
            if data.get("website"):
                assert data["website"] in facts.values()


def test_plan_filter_offers_the_buyers_with_entries_by_their_registry_names(built_site):
    catalog = load_catalog(ROOT, today=TODAY)
    wanted = {slug: entry["name"] for slug, entry in catalog.derived.buyers.items()
              if entry["open"] or entry["archive"]}
    page = (built_site / "da" / "udbudsplan" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select [^>]*id="plan-buyer" name="buyer">(.*?)</select>', page, re.S).group(1)
    assert dict(re.findall(r'<option value="([a-z0-9-]+)">([^<]+)</option>', select)) == wanted
    cards = set(re.findall(r'data-buyer="([a-z0-9-]+)"', page))
    assert cards <= set(wanted) and cards


def test_open_data_names_the_registry_buyer_and_its_page(built_site):
    data = json.loads((built_site / "api" / "tenders.json").read_text(encoding="utf-8"))
    entry = next(item for item in data["tenders"] if item["slug"] == "aarhus-vask-arbejdstoej")
    assert entry["buyer"] == {"slug": "aarhus-kommune", "name": "Aarhus Kommune", "org_number": "55133018",
                              "country": "DK", "municipality": "DK-751", "website": "https://www.aarhus.dk/",
                              "urls": {"da": "da/udbudsplan/ordregiver/aarhus-kommune.html",
                                       "sv": "sv/upphandlingsplan/myndighet/aarhus-kommune.html"}}


def test_a_buyer_page_of_a_buyer_without_entries_says_so(tmp_path):
    repo = _copy_repo(tmp_path, {"data/buyers/randers-kommune.yml": (
        "# yaml-language-server: $schema=../../schemas/buyer.schema.json\n"
        'name: Randers Kommune\norg_number: "29189668"\ncountry: DK\nmunicipality: DK-730\n')})
    out = tmp_path / "site"
    assert build(repo, out, today=TODAY) == 0
    for lang, none_open in (("da", "ingen åbne punkter"), ("sv", "inga öppna poster")):
        page = out / lang / urls.record_path("buyer", "randers-kommune", lang)
        heading, facts = _facts(page)
        assert heading == "Randers Kommune" and "29189668" in facts.values()
        assert none_open in page.read_text(encoding="utf-8")
        plan = (out / lang / urls.list_source("tender", lang).replace(".md", ".html")).read_text(encoding="utf-8")
        assert "randers-kommune" not in plan


def test_problems_are_worded_in_danish_and_swedish(tmp_path):
    repo = _copy_repo(tmp_path, {"data/tenders/aa-first.yml": IMPOSTOR.replace('"29189420"', '"29189641"')})
    problem = next(p for p in load_catalog(repo, today=TODAY).errors)
    assert format_problem(problem, "da").endswith(
        "fejl: buyer.org_number: '29189641' står ikke i registret over ordregivere. Aarhus Kommune står der "
        "(data/buyers/aarhus-kommune.yml) med nummeret 55133018: mente du '55133018'? Er det en anden ordregiver, "
        "så opret en fil til den i data/buyers/.")
    assert format_problem(problem, "sv").endswith(
        "fel: buyer.org_number: '29189641' finns inte i registret över upphandlande organisationer. Aarhus Kommune "
        "finns där (data/buyers/aarhus-kommune.yml) med numret 55133018: menade du '55133018'? Om det är en annan "
        "organisation, lägg till en fil för den i data/buyers/.")


# --- the change summary ----------------------------------------------------------------------------------------


def test_change_summary_lists_buyer_files_like_the_other_collections(tmp_path):
    viborg = ("# yaml-language-server: $schema=../../schemas/buyer.schema.json\n"
              'name: Viborg Kommune\norg_number: "29189846"\ncountry: DK\nmunicipality: DK-791\n')
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    base = make_repo(tmp_path / "base")
    head = make_repo(tmp_path / "head", {"data/buyers/viborg-kommune.yml": viborg})
    aarhus = head / "data" / "buyers" / "aarhus-kommune.yml"
    aarhus.write_text(aarhus.read_text(encoding="utf-8").replace("https://www.aarhus.dk/", "https://aarhus.dk/"),
                      encoding="utf-8")
    summary = summarize(base, head, today=TODAY)
    assert [(c.collection, c.action, c.file, c.name["da"], c.fields) for c in summary.records] == [
        ("buyers", "changed", "data/buyers/aarhus-kommune.yml", "Aarhus Kommune", [("website", "changed")]),
        ("buyers", "added", "data/buyers/viborg-kommune.yml", "Viborg Kommune", [])]
    assert summary.other == [] and summary.errors == []
    danish, swedish = render(summary, "da"), render(summary, "sv")
    assert "- Ny ordregiver i registret: **Viborg Kommune** (`data/buyers/viborg-kommune.yml`)" in danish
    assert "- Ændret ordregiver i registret: **Aarhus Kommune** (`data/buyers/aarhus-kommune.yml`)" in danish
    assert "  - Ændrede felter: Hjemmeside" in danish
    assert "- Ny upphandlande organisation i registret: **Viborg Kommune**" in swedish
