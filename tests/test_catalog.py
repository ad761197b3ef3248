"""Loading the repository: file naming, encodings, collected problems and the records that result."""
from __future__ import annotations

import pytest

from bro.catalog import load_catalog, suggest_slug
from bro.problems import format_problem
from helpers import FIXTURES, TODAY, make_repo

# Another organisation than the valid fixture it copies: its own org number and its own name.
VALID = (FIXTURES / "valid" / "supplier_minimal.yml").read_text(encoding="utf-8").replace(
    "802412-3401", "802412-3419").replace("name: Kafé Trappsteget", "name: Kafé Trappsteget Väst")


def _errors(repo):
    return [format_problem(p) for p in load_catalog(repo, today=TODAY).errors]


def test_yaml_extension_is_refused_with_the_right_name(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/kafe.yaml": VALID})
    assert _errors(repo) == ["data/suppliers/kafe.yaml:1:1: error: The file name 'kafe.yaml' must end in .yml, "
                             "not .yaml: rename it to kafe.yml."]


def test_file_name_must_be_a_slug_and_a_slug_is_suggested(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/Kafé Trappsteget.yml": VALID})
    assert _errors(repo) == ["data/suppliers/Kafé Trappsteget.yml:1:1: error: The file name 'Kafé Trappsteget.yml' "
                             "may only contain lower-case letters a–z, digits and hyphens, for example "
                             "kafe-trappsteget.yml."]


def test_readme_in_a_data_folder_is_ignored(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/README.md": "# Leverandører\n"})
    assert _errors(repo) == []


def test_non_utf8_file_is_reported(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/latin.yml": VALID.replace("Örebro", "Ørebro").encode("latin-1")})
    assert _errors(repo) == ["data/suppliers/latin.yml:3:1: error: The file is not saved as UTF-8 text. "
                             "Save it as UTF-8 so that æ, ø, å, ä and ö survive."]


def test_all_problems_in_all_files_are_collected_before_failing(tmp_path):
    bad = {f"data/suppliers/bad-{i}.yml": (FIXTURES / "invalid" / name).read_text(encoding="utf-8")
           for i, name in enumerate(["yaml_tab.yml", "org_number_bad_checksum.yml", "unknown_field.yml"])}
    bad["data/tenders/bad-3.yml"] = (FIXTURES / "invalid" / "contract_period_order.yml").read_text(encoding="utf-8")
    errors = _errors(make_repo(tmp_path, bad))
    assert [e.split(":")[0] for e in errors] == sorted(bad)


def test_records_keep_text_as_written(tmp_path):
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    record = catalog.suppliers["yaml-unquoted-values"].data
    assert record["name"] == "NO" and record["org_number"] == "5567037485"
    assert record["address"]["postcode"] == "123 45"
    assert [c["phone"] for c in record["contacts"]] == ["0701234567", "+4512345678"]
    assert [c["name"] for c in record["contacts"]] == ["yes", "Off"]
    assert catalog.suppliers["supplier-complete"].data["address"]["postcode"] == "8000"


def test_missing_translation_is_a_warning_not_an_error(tmp_path):
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    warnings = [format_problem(p) for p in catalog.warnings if p.file.endswith("supplier-minimal.yml")]
    assert warnings == ["data/suppliers/supplier-minimal.yml:7:3: warning: summary: The text exists only in "
                        "Swedish; a Danish translation is missing. The Swedish text is shown on the Danish site, "
                        "marked as such."]


def test_suggest_slug():
    assert suggest_slug("Grøn Genstart ApS") == "groen-genstart-aps"
    assert suggest_slug("Åbo Städ & Tvätt") == "aabo-stad-tvatt"


@pytest.mark.parametrize("collection,old,new,field", [
    ("suppliers", "country: DK", "country: [DK]", "country"),
    ("suppliers", "country: DK", "country: {a: 1}", "country"),
    ("suppliers", "  basis: art20", "  basis: [art20]", "reserved_contracts.basis"),
    ("tenders", "reserved: art20", "reserved: {a: b}", "reserved"),
])
def test_a_code_of_the_wrong_type_is_reported_not_a_crash(tmp_path, collection, old, new, field):
    """Rules compare codes; a list or mapping where a code belongs is the schema's error, once, and no crash."""
    source = FIXTURES / "valid" / ("supplier_complete.yml" if collection == "suppliers" else "tender_complete.yml")
    text = source.read_text(encoding="utf-8")
    assert old in text
    repo = make_repo(tmp_path, {f"data/{collection}/odd.yml": text.replace(old, new, 1).replace(
        'org_number: "29403473"', 'org_number: "29403481"').replace("name: Grøn Genstart ApS", "name: Grøn Start")})
    errors = [p for p in load_catalog(repo, today=TODAY).errors if p.file.endswith("odd.yml")]
    assert [p.field for p in errors] == [field]
    assert errors[0].code.startswith("schema.")
