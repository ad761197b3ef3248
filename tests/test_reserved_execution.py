"""Art. 20(1)'s second alternative: a contract to be performed within sheltered employment programmes (eForms
BT-736, the tender field reserved_execution). Independent of `reserved` (BT-71); shown on the entry page with the
buyer's provision in both languages, found by the plan's reservation filter, exported to OCDS as
tender.contractTerms.reservedExecution and asked in the tender issue form (bro.reservations)."""
from __future__ import annotations

import copy
import html
import json
import re

import pytest
import yaml
from jsonschema import Draft4Validator, FormatChecker
from test_forms import convert, fixture, replace_answer

from bro import forms, ocds, plan_filters, reservations
from bro.catalog import load_catalog
from bro.problems import format_problem
from helpers import FIXTURES, ROOT, TODAY, make_repo

SAMPLE = "aarhus-scanning-byggesager"
FOLDERS = {"da": "udbudsplan", "sv": "upphandlingsplan"}
OCDS = ROOT / "schemas" / "ocds"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


# ---------------------------------------------------------------------------------------------- schema and rule

def test_the_schema_describes_a_boolean_in_both_languages():
    schema = json.loads((ROOT / "schemas" / "tender.schema.json").read_text(encoding="utf-8"))
    field = schema["properties"]["reserved_execution"]
    assert field["type"] == "boolean" and "reserved_execution" not in schema["required"]
    assert "BT-736" in field["description"] and " — " in field["description"]  # Danish — Swedish
    assert "programmer for beskyttet beskæftigelse" in field["description"]
    assert "program för skyddad anställning" in field["description"]


def _problems(tmp_path, text: str) -> list[str]:
    repo = make_repo(tmp_path, {"data/tenders/probe.yml": text})
    return [format_problem(p) for p in load_catalog(repo, today=TODAY).problems
            if p.file == "data/tenders/probe.yml" and p.severity == "error"]


@pytest.mark.parametrize("reserved", ["none", "art20", "art77"])
@pytest.mark.parametrize("value", ["true", "false", None])
def test_both_reservations_may_be_set_and_the_field_may_be_left_out(tmp_path, reserved, value):
    base = (FIXTURES / "valid" / "tender_complete.yml").read_text(encoding="utf-8")
    base = base.replace("reserved: art20\n", f"reserved: {reserved}\n"
                        + ("" if value is None else f"reserved_execution: {value}\n"))
    assert _problems(tmp_path, base) == []


def test_an_answer_in_words_is_refused(tmp_path):
    base = (FIXTURES / "valid" / "tender_complete.yml").read_text(encoding="utf-8")
    problems = _problems(tmp_path, base.replace("reserved: art20\n", "reserved: art20\nreserved_execution: yes\n"))
    assert len(problems) == 1 and "reserved_execution" in problems[0] and "true" in problems[0]


def test_existing_entries_are_unchanged(catalog):
    """Only the new sample says anything about the execution; every other entry is as it was."""
    assert {s for s, r in catalog.tenders.items() if "reserved_execution" in r.data} == {SAMPLE}
    assert reservations.execution_code(catalog.tenders["goteborg-fruktkorgar-2027"].data) is None


# ------------------------------------------------------------------------------------------------ domain words

def test_the_codes_are_eforms_bt736s():
    assert reservations.execution_code({"reserved_execution": True}) == "yes"
    assert reservations.execution_code({"reserved_execution": False}) == "no"
    assert reservations.execution_code({}) is None
    assert reservations.is_reserved({"reserved": "none", "reserved_execution": True})
    assert not reservations.is_reserved({"reserved": "none", "reserved_execution": False})
    assert reservations.is_reserved({"reserved": "art20"})


def test_the_buyers_provision_for_each_reader(catalog):
    vocab = catalog.vocab
    assert reservations.execution_law(vocab, "DK", "da") == "udbudsloven § 54"
    assert reservations.execution_law(vocab, "DK", "sv") == "udbudsloven § 54 i Danmark, motsvarar LOU 4 kap. 18 §"
    assert reservations.execution_law(vocab, "SE", "sv") == "LOU 4 kap. 18 §"
    assert reservations.execution_law(vocab, "SE", "da") == "LOU 4 kap. 18 § i Sverige, svarer til udbudsloven § 54"


# ------------------------------------------------------------------------------------------------- entry page

def _fact(built_site, lang: str, term: str) -> str | None:
    page = (built_site / lang / FOLDERS[lang] / f"{SAMPLE}.html").read_text(encoding="utf-8")
    match = re.search(rf"<dt>{term}</dt><dd>(.*?)</dd>", page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))) if match else None


@pytest.mark.parametrize("lang, term, expected", [
    ("da", "Udførelse", "Udførelse reserveret til beskyttet beskæftigelse (udbudsloven § 54)"),
    ("sv", "Fullgörande", "Fullgörande reserverat för skyddade anställningsprogram "
                          "(udbudsloven § 54 i Danmark, motsvarar LOU 4 kap. 18 §)"),
])
def test_the_entry_page_shows_the_execution_with_the_buyers_provision(built_site, lang, term, expected):
    assert _fact(built_site, lang, term) == expected
    page = (built_site / lang / FOLDERS[lang] / f"{SAMPLE}.html").read_text(encoding="utf-8")
    anchor = {"da": "reserverede-kontrakter.html#udfoerelse", "sv": "reserverade-kontrakt.html#fullgorande"}[lang]
    assert anchor in page


def test_an_execution_only_entry_does_not_say_that_everyone_may_take_part(built_site, catalog):
    """'Ikke reserveret: alle kan deltage' would mislead beside a reserved execution."""
    for lang in ("da", "sv"):
        page = (built_site / lang / FOLDERS[lang] / f"{SAMPLE}.html").read_text(encoding="utf-8")
        assert catalog.vocab.entry("reservations", "none")["description"][lang] not in page


def test_an_entry_without_it_shows_no_such_line(built_site):
    page = (built_site / "da" / "udbudsplan" / "aarhus-vask-arbejdstoej.html").read_text(encoding="utf-8")
    assert "<dt>Udførelse</dt>" not in page and "beskyttet beskæftigelse" not in page


@pytest.mark.parametrize("lang, path, anchor", [
    ("da", "da/vidensbank/reserverede-kontrakter.html", 'id="udfoerelse"'),
    ("sv", "sv/kunskapsbank/reserverade-kontrakt.html", 'id="fullgorande"'),
])
def test_the_legal_pages_have_the_section(built_site, lang, path, anchor):
    page = (built_site / path).read_text(encoding="utf-8")
    assert anchor in page and "BT-736" in page


# ------------------------------------------------------------------------------------------------------ filter

def test_the_reservation_filter_finds_reserved_execution(catalog):
    record = catalog.tenders[SAMPLE]
    assert plan_filters.entry_values(catalog, record)["reservedkind"] == ["yes", "execution"]
    assert plan_filters.matches(catalog, record, "reservedkind", "execution")
    assert plan_filters.matches(catalog, record, "reservedkind", "yes")
    assert not plan_filters.matches(catalog, record, "reservedkind", "none")
    shown = [s for s, r in catalog.tenders.items() if plan_filters.matches(catalog, r, "reservedkind", "execution")]
    assert shown == [SAMPLE]
    labels = {lang: dict(plan_filters.options(catalog, lang)["reservedkind"])["execution"] for lang in ("da", "sv")}
    assert labels == {"da": "Kun udførelse reserveret til beskyttet beskæftigelse",
                      "sv": "Bara fullgörande reserverat för skyddade anställningsprogram"}


def test_the_plan_card_carries_the_token(built_site):
    page = (built_site / "da" / "udbudsplan" / "index.html").read_text(encoding="utf-8")
    assert 'data-reservedkind="yes execution"' in page
    assert '<option value="execution">' in page


# -------------------------------------------------------------------------------------------------------- OCDS

def _extended_release_schema() -> dict:
    """The OCDS release schema with the vendored Contract terms extension merged in (JSON Merge Patch)."""
    def merge(target: dict, patch: dict) -> dict:
        for key, value in patch.items():
            if value is None:
                target.pop(key, None)
            elif isinstance(value, dict) and isinstance(target.get(key), dict):
                merge(target[key], value)
            else:
                target[key] = copy.deepcopy(value)
        return target
    schema = json.loads((OCDS / "release-schema.json").read_text(encoding="utf-8"))
    return merge(schema, json.loads((OCDS / "contractTerms-release-schema.json").read_text(encoding="utf-8")))


def test_ocds_says_reserved_execution_and_validates_with_the_extension(catalog):
    import datetime as dt
    published = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    package = ocds.release_package(catalog, published, "https://example.org/api/tenders.ocds.json")
    assert any("ocds_contractTerms_extension" in url for url in package["extensions"])
    schema = _extended_release_schema()
    assert "reservedExecution" in schema["definitions"]["ContractTerms"]["properties"]
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    by_ocid = {r["ocid"]: r for r in package["releases"]}
    for release in package["releases"]:
        assert [e.message for e in validator.iter_errors(release)] == []
    assert by_ocid[f"ocds-bro000-{SAMPLE}"]["tender"]["contractTerms"] == {"reservedExecution": True}
    assert "contractTerms" not in by_ocid["ocds-bro000-goteborg-fruktkorgar-2027"]["tender"]
    wrong = copy.deepcopy(by_ocid[f"ocds-bro000-{SAMPLE}"])
    wrong["tender"]["contractTerms"]["reservedExecution"] = "yes"
    assert list(validator.iter_errors(wrong)), "the extension's schema must hold the field's type"


def test_ocds_says_false_when_the_entry_says_false():
    import dataclasses
    import datetime as dt
    fresh = load_catalog(ROOT, today=TODAY)
    record = fresh.tenders[SAMPLE]
    fresh.tenders[SAMPLE] = dataclasses.replace(record, data=dict(record.data, reserved_execution=False),
                                                 reserved_execution=False)
    release = ocds.release(fresh, SAMPLE, dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    assert release["tender"]["contractTerms"] == {"reservedExecution": False}


# ------------------------------------------------------------------------------------------------------- forms

def test_the_issue_forms_ask_it(catalog):
    for name, label in (("nyt-udbud.yml", "Reserveret udførelse"), ("ny-upphandling.yml", "Reserverat fullgörande")):
        form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        element = next(e for e in form["body"] if e.get("id") == "reserved_execution")
        assert element["attributes"]["label"] == label and "validations" not in element
        assert len(element["attributes"]["options"]) == 2


@pytest.mark.parametrize("answer, expected", [
    ("Udførelse reserveret til beskyttet beskæftigelse", True),
    ("Udførelsen er ikke reserveret", False),
    ("_No response_", None),
])
def test_the_form_round_trip(tmp_path, answer, expected):
    body = replace_answer(fixture("nyt-udbud"), "Reserveret udførelse", answer)
    repo, result = convert(tmp_path, body)
    text = (repo / result.path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data.get("reserved_execution") is expected if expected is not None else "reserved_execution" not in data
    assert data["reserved"] == "art20"  # independent of the participation reservation


def test_the_swedish_form_reads_the_swedish_label(tmp_path):
    body = replace_answer(fixture("ny-upphandling"), "Reserverat fullgörande",
                          "Fullgörande reserverat för skyddade anställningsprogram")
    repo, result = convert(tmp_path, body)
    assert yaml.safe_load((repo / result.path).read_text(encoding="utf-8"))["reserved_execution"] is True


def test_the_form_field_lands_on_the_data_field():
    assert forms.DATA_PATHS["tender"]["reserved_execution"] == ("reserved_execution",)
