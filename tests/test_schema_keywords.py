"""Bro's own schema keyword `x-same-country-as` (bro.schema, checked in bro.rules.check_texts, worded through
x-messages by bro.schema_errors): the rule lives in the schema, so no Python names the fields it joins."""
from __future__ import annotations

import json
from pathlib import Path

from bro import schema_errors
from bro.catalog import load_catalog
from bro.problems import format_problem
from helpers import FIXTURES, ROOT, TODAY, make_repo

SUPPLIER = json.loads((ROOT / "schemas" / "supplier.schema.json").read_text(encoding="utf-8"))
# the field with the rule, found by its vocabulary so that these tests hold after the field is renamed
(FIELD,) = [name for name, p in SUPPLIER["properties"].items() if p.get("x-vocabulary") == "legal_forms"]
WRONG = FIXTURES / "invalid" / f"{FIELD}_wrong_country.yml"
REL = "data/suppliers/wrong-country.yml"
AT = f"7:{len(FIELD) + 3}"  # where the fixture's value stands


def _errors(repo: Path, rel: str, lang: str = "en") -> list[str]:
    return [format_problem(p, lang).removeprefix(rel + ":") for p in load_catalog(repo, today=TODAY).problems
            if p.file == rel and p.severity == "error"]


def test_the_keyword_names_the_sibling_and_the_schema_names_the_message():
    legal_form = SUPPLIER["properties"][FIELD]
    assert legal_form["x-same-country-as"] == "country" and "country" in SUPPLIER["properties"]
    assert schema_errors.message_for(legal_form, "x-same-country-as", "schema.same_country") == \
        "supplier.legal_form_country"
    assert schema_errors.message_for({}, "x-same-country-as", "schema.same_country") == "schema.same_country"


def test_rules_py_names_no_field_of_the_rule():
    text = (ROOT / "src" / "bro" / "rules.py").read_text(encoding="utf-8")
    assert '"legal_form"' not in text and "legal_forms" not in text  # (the same test passes after a rename)


def test_worded_in_each_language(tmp_path):
    repo = make_repo(tmp_path, {REL: WRONG.read_text(encoding="utf-8")})
    assert _errors(repo, REL, "da") == [f"{AT}: fejl: {FIELD}: Virksomhedsformen 'se_ekonomisk_forening' hører "
                                        "ikke til det land der står i 'country' (Danmark)."]
    assert "Den juridiska formen 'se_ekonomisk_forening' hör inte till det land som anges i 'country' (Danmark)." \
        in _errors(repo, REL, "sv")[0]


def test_without_its_own_message_the_keyword_is_worded_generically(tmp_path):
    repo = make_repo(tmp_path, {REL: WRONG.read_text(encoding="utf-8")})
    path = repo / "schemas" / "supplier.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["properties"][FIELD]["x-messages"]
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert _errors(repo, REL) == [f"{AT}: error: {FIELD}: 'se_ekonomisk_forening' belongs to another country than "
                                  "the one given in 'country' (Denmark)."]


def test_a_matching_country_is_no_problem(tmp_path):
    text = WRONG.read_text(encoding="utf-8").split("\n", 2)[2]  # without the expect line
    matching = text.replace(f"{FIELD}: se_ekonomisk_forening", f"{FIELD}: dk_aps")
    repo = make_repo(tmp_path, {REL: "#\n" + matching})
    assert _errors(repo, REL) == []


# --- x-form-question: the schema says which question of the forms fills each field ---------------------------------

# Questions that fill no field of their own: why each one has no data path.
NOT_A_FIELD = {
    "registration_url": "added to the registration chosen in the same form (bro.forms.records)",
    "other_changes": "free text for the editors, never written to the file",
    "profile": "names the profile the change form edits",
    "entry": "names the entry the interest form is about",
    "confirm_buyer": "a consent, not data",
    "confirm_interest": "a consent, not data",
}


def test_every_question_of_a_data_form_lands_in_a_field_the_schema_names():
    from bro.forms.definitions import DATA_PATHS, _asked
    for kind in ("supplier", "change", "tender", "interest"):
        assert sorted(_asked(kind) - set(DATA_PATHS[kind]) - set(NOT_A_FIELD)) == [], kind


def test_a_renamed_field_takes_its_question_along():
    from bro.forms.definitions import question_paths
    documents = {path.name: json.loads(path.read_text(encoding="utf-8"))
                 for path in (ROOT / "schemas").glob("*.schema.json")}
    supplier = documents["supplier.schema.json"]
    supplier["properties"] = {("renamed_form" if key == FIELD else key): value
                              for key, value in supplier["properties"].items()}
    paths = question_paths("supplier.schema.json", documents)
    assert paths["legal_form"] == ("renamed_form",)  # the question keeps its name
    assert paths["contact_email"] == ("contacts", 0, "email") and paths["summary_sv"] == ("summary", "sv")
