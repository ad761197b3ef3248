"""The share behind a work-integration claim, counted as each country's act counts it (bro.shares): udbudsloven § 54
counts the employees, LOU 4 kap. 18 § everyone engaged in the business, trainees included."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from bro import api, forms, opendata, shares, views
from bro.catalog import load_catalog
from bro.problems import format_problem
from helpers import FIXTURES, ROOT, TODAY, make_repo

SAMPLE = "ekerverkstaden-malmo"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _record(**changes) -> dict:
    """A Swedish work-integration supplier with 12 employees (3 from the target groups) and 20 trainees (18)."""
    data = {"country": "SE", "delivery_area": ["SE-1280"], "employees": {"total": 12, "from_target_groups": 3},
            "engaged": {"total": 20, "from_target_groups": 18}}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_each_country_counts_its_own_way(catalog):
    found = shares.shares(catalog.vocab, _record())
    assert (found["DK"].total, found["DK"].from_target_groups, found["DK"].percent, found["DK"].reaches) == \
        (12, 3, 25, False)
    assert (found["SE"].total, found["SE"].from_target_groups, found["SE"].percent, found["SE"].reaches) == \
        (32, 21, 65, True)
    assert found["DK"].provision == "udbudsloven § 54" and found["SE"].provision == "LOU 4 kap. 18 §"


@pytest.mark.parametrize("target,total,reaches,percent", [
    (3, 10, True, 30), (30, 100, True, 30), (29, 97, False, 29), (299, 1000, False, 29), (0, 5, False, 0),
    (0, 0, False, 0), (5, 5, True, 100)])
def test_thirty_percent_is_exact_at_the_boundary(target, total, reaches, percent):
    share = shares.Share("DK", "udbudsloven § 54", total, target)
    assert (share.reaches, share.percent) == (reaches, percent)


def test_records_without_engaged_count_the_same_in_both_countries(catalog):
    for record in catalog.suppliers.values():
        if "engaged" in record.data:
            continue
        found = shares.shares(catalog.vocab, record.data)
        assert not shares.differ(record.data)
        if "DK" in found:
            assert (found["DK"].total, found["DK"].from_target_groups) == \
                (found["SE"].total, found["SE"].from_target_groups)
            assert found["DK"].percent == record.reserved_share or found["DK"].total == 0


def test_missing_numbers_give_no_share(catalog):
    assert shares.shares(catalog.vocab, _record(employees=None)) == {}
    assert shares.shares(catalog.vocab, _record(employees={"total": 12})) == {}
    assert shares.verdict(catalog.vocab, _record(employees={"total": 12})) is None


@pytest.mark.parametrize("area,country,expected", [
    (["national"], "SE", ["SE"]), (["DK-101", "SE-1280"], "DK", ["DK", "SE"]), (["SE-12"], "DK", ["SE"]),
    (["DK"], "DK", ["DK"]), ([], "DK", ["DK"])])
def test_delivery_countries(area, country, expected):
    assert shares.delivery_countries({"country": country, "delivery_area": area}) == expected


def test_verdict_looks_only_at_the_countries_of_delivery(catalog):
    only_sweden = shares.verdict(catalog.vocab, _record())
    assert list(only_sweden.shares) == ["SE"] and only_sweden.reached == ["SE"] and only_sweden.missed == []
    both = shares.verdict(catalog.vocab, _record(delivery_area=["SE-1280", "DK-101"]))
    assert both.reached == ["SE"] and both.missed == ["DK"]


def test_share_as_open_data(catalog):
    assert shares.shares(catalog.vocab, _record())["SE"].as_json() == {
        "provision": "LOU 4 kap. 18 §", "counts": ["employees", "engaged"], "total": 32, "from_target_groups": 21,
        "percent": 65, "reaches_30": True}


# ------------------------------------------------------------------------------------------------- validation

SUPPLIER = """# yaml-language-server: $schema=../../schemas/supplier.schema.json
name: Testverkstaden
country: SE
org_number: "556036-0793"
summary:
  sv: En liten verkstad som lagar cyklar.
  da: Et lille værksted, der reparerer cykler.
categories: [bicycle_services]
delivery_area: [{area}]
contacts:
  - name: Kundtjänst
    email: hej@testverkstaden.example.org
    publish_basis: consent
last_verified: 2026-06-01
employees:
  total: 12
  from_target_groups: 3
{engaged}reserved_contracts:
  eligible: true
  basis: art20
"""
TRAINEES = "engaged:\n  total: 20\n  from_target_groups: 18\n"
REL = "data/suppliers/testverkstaden.yml"


def _problems(tmp_path: Path, area: str, engaged: str, lang: str = "en") -> list[str]:
    repo = make_repo(tmp_path, {REL: SUPPLIER.format(area=area, engaged=engaged)})
    return [format_problem(p, lang).removeprefix(REL + ":") for p in load_catalog(repo, today=TODAY).problems
            if p.file == REL]


def test_trainees_carry_the_claim_in_sweden(tmp_path):
    assert _problems(tmp_path, "SE-1280", TRAINEES) == []


def test_without_trainees_the_claim_fails_in_sweden(tmp_path):
    assert _problems(tmp_path, "SE-1280", "") == [
        "19:13: error: reserved_contracts.eligible: LOU 4 kap. 18 § requires at least 30 % of those engaged in the "
        "business (employees and, for example, trainees under 'engaged') to be persons with disabilities or persons "
        "who have difficulty entering the labour market; the profile says 3 of 12 (25 %). Correct the numbers or set "
        "'eligible: false'."]


def test_a_country_whose_count_stays_under_30_is_named_in_a_warning(tmp_path):
    problems = _problems(tmp_path, "SE-1280, DK-101", TRAINEES, "da")
    assert problems == [
        "22:13: advarsel: reserved_contracts.eligible: Andelen når 30 %, som LOU 4 kap. 18 § tæller, men ikke efter "
        "udbudsloven § 54, der kun tæller de ansatte: 3 ud af 12 ansatte (25 %). Danske ordregivere kan ikke regne "
        "med erklæringen."]


def test_under_30_everywhere_names_every_act(tmp_path):
    problems = _problems(tmp_path, "SE-1280, DK-101", "", "sv")
    assert [p.split(": ", 3)[1] for p in problems] == ["fel", "fel"]
    assert problems[0].endswith("I profilen står det 3 av 12 anställda (25 %). Rätta siffrorna eller skriv "
                                "'eligible: false'.")
    assert "LOU 4 kap. 18 § kräver att minst 30 procent av dem som sysselsätts i verksamheten" in problems[1]


def test_more_from_the_target_groups_than_engaged_is_an_error_in_both_languages(tmp_path):
    engaged = "engaged:\n  total: 8\n  from_target_groups: 9\n"
    da = _problems(tmp_path / "da", "SE-1280", engaged, "da")
    sv = _problems(tmp_path / "sv", "SE-1280", engaged, "sv")
    assert da == ["20:23: fejl: engaged.from_target_groups: Der står flere fra målgrupperne blandt dem, der er "
                  "beskæftiget uden ansættelse (9), end der er beskæftiget uden ansættelse i alt (8). Ret tallene."]
    assert sv == ["20:23: fel: engaged.from_target_groups: Det står fler från målgrupperna bland dem som är "
                  "sysselsatta utan anställning (9) än det finns sysselsatta utan anställning totalt (8). Rätta "
                  "siffrorna."]


@pytest.mark.parametrize("engaged", ["engaged:\n  total: -1\n  from_target_groups: 0\n",
                                     "engaged:\n  total: 2.5\n  from_target_groups: 0\n",
                                     "engaged:\n  total: 4\n"])
def test_engaged_needs_two_whole_numbers(tmp_path, engaged):
    problems = _problems(tmp_path, "SE-1280", engaged)
    assert problems and all(": error: engaged" in p for p in problems), problems  # the schema's, nothing more


def test_old_records_keep_their_verdict(tmp_path):
    """The Danish fixture that fails the 30 % rule fails it the same way, under udbudsloven § 54."""
    path = FIXTURES / "invalid" / "reserved_contracts_share_below_30.yml"
    repo = make_repo(tmp_path, {"data/suppliers/x.yml": path.read_text(encoding="utf-8")})
    codes = [p.code for p in load_catalog(repo, today=TODAY).problems
             if p.file == "data/suppliers/x.yml" and p.code.startswith("reserved.")]
    assert codes == ["reserved.share_below_30_dk"]


# ------------------------------------------------------------------------------------------------ the profile

def test_profile_states_both_counts_reader_first(catalog):
    da = views.share_lines(catalog, catalog.suppliers[SAMPLE], "da")
    sv = views.share_lines(catalog, catalog.suppliers[SAMPLE], "sv")
    assert da["engaged"] == ("Desuden er 20 beskæftiget uden at være ansat, fx i praktik eller et forløb, heraf 18 "
                             "fra målgrupperne.")
    assert [line["text"] for line in da["by_act"]] == [
        "Udbudsloven § 54 (Danmark) tæller kun de ansatte: 3 af 12 (25 %) – under de 30 %, som loven kræver.",
        "LOU 4 kap. 18 § (Sverige) tæller alle, der er beskæftiget i virksomheden, også praktikanter: 21 af 32 (65 %) "
        "– mindst 30 %, som loven kræver."]
    assert [line["text"] for line in sv["by_act"]] == [
        "LOU 4 kap. 18 § (Sverige) räknar alla som sysselsätts i verksamheten, även praktikanter: 21 av 32 (65 %) – "
        "minst 30 procent, som lagen kräver.",
        "Udbudsloven § 54 (Danmark) räknar bara de anställda: 3 av 12 (25 %) – under de 30 procent som lagen kräver."]
    assert da["note"] == ("Andelen fra målgrupperne når 30 %, som LOU 4 kap. 18 § i Sverige tæller den, men ikke "
                          "efter udbudsloven § 54 i Danmark.")
    assert sv["note"] == ("Andelen från målgrupperna når upp till 30 procent så som LOU 4 kap. 18 § i Sverige räknar "
                          "den, men inte enligt udbudsloven § 54 i Danmark.")


def test_profile_without_engaged_says_what_it_said(catalog):
    for slug, record in catalog.suppliers.items():
        if "engaged" not in record.data:
            lines = views.share_lines(catalog, record, "da")
            assert lines == {"engaged": None, "by_act": [], "note": None}, slug


# ---------------------------------------------------------------------------------------------- open data

def test_json_gives_each_suppliers_shares(catalog):
    exported = api.export(catalog, "suppliers", dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    items = {item["slug"]: item for item in exported["suppliers"]}
    assert items[SAMPLE]["engaged"] == {"total": 20, "from_target_groups": 18}
    assert items[SAMPLE]["shares"]["DK"]["reaches_30"] is False and items[SAMPLE]["shares"]["SE"]["reaches_30"]
    assert all(set(item["shares"]) in ({"DK", "SE"}, set()) for item in items.values())


OLD_COLUMNS = [
    "slug", "name", "country", "org_number", "legal_form", "website", "founded", "summary_da", "summary_sv",
    "categories", "cpv", "delivery_area", "street", "postcode", "city", "municipality", "target_groups",
    "employees_total", "employees_from_target_groups", "reserved_eligible", "reserved_basis", "registrations",
    "languages", "contact_name", "contact_email", "contact_phone", "last_verified", "url_da", "url_sv"]


def test_csv_keeps_its_columns_and_adds_the_shares_at_the_end(catalog):
    assert api.CSV_COLUMNS[:len(OLD_COLUMNS)] == OLD_COLUMNS
    assert api.CSV_COLUMNS[len(OLD_COLUMNS):] == [
        "engaged_total", "engaged_from_target_groups", "share_dk_percent", "share_dk_reaches_30",
        "share_se_percent", "share_se_reaches_30"]
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(api.suppliers_csv(catalog)), delimiter=";")}
    assert {k: rows[SAMPLE][k] for k in api.CSV_COLUMNS[len(OLD_COLUMNS):]} == {
        "engaged_total": "20", "engaged_from_target_groups": "18", "share_dk_percent": "25",
        "share_dk_reaches_30": "false", "share_se_percent": "65", "share_se_reaches_30": "true"}


@pytest.mark.parametrize(("page", "lang"), [("content/da/data.md", "da"), ("content/sv/oppna-data.md", "sv")])
def test_open_data_pages_document_the_new_columns(page, lang, catalog):
    text = opendata.expand((ROOT / page).read_text(encoding="utf-8"), catalog, lang, page.rpartition("/")[2])
    for column in [*api.CSV_COLUMNS[len(OLD_COLUMNS):], "shares", "reaches_30"]:
        assert f"`{column}`" in text, column


# -------------------------------------------------------------------------------------------------- forms

def test_the_swedish_form_fills_in_engaged(tmp_path):
    body = (FIXTURES / "forms" / "ny-leverantor.md").read_text(encoding="utf-8")
    event = {"action": "opened", "issue": {"number": 5, "title": "x", "body": body, "state": "open",
                                           "labels": [{"name": "form"}]}}
    repo = make_repo(tmp_path)
    result = forms.submit(event, repo, today=TODAY)
    assert result.ok, result.reply
    text = (repo / result.path).read_text(encoding="utf-8")
    assert "engaged:\n  total: 12\n  from_target_groups: 10\n" in text
