"""Reading a submitted issue body (bro.forms.answers): answers become codes, numbers, dates and texts."""
from __future__ import annotations

import pytest
from test_forms import fixture

from bro.forms import answers
from bro.forms.answers import find_area_code, normalize_body, read_answers
from bro.forms.definitions import FIELDS
from bro.vocab import load_vocabularies
from helpers import ROOT


@pytest.fixture(scope="module")
def vocab():
    return load_vocabularies(ROOT / "data" / "vocabularies", ROOT)


def test_answers_are_read_into_codes_numbers_and_dates(vocab):
    values, problems = read_answers("tender", "da", normalize(fixture("nyt-udbud")), vocab)
    assert problems == []
    assert values["categories"] == ["cleaning"] and values["procedure"] == "below_threshold"
    assert values["reserved"] == "art20" and values["status"] == "planned"
    assert values["estimated_amount"] == 1200000
    assert (values["expected_publication"], values["contract_start"], values["contract_end"]) == \
        ("2027-03-01", "2027-05-01", "2029-04-30")
    assert values["delivery_municipalities"] == ["DK-740"] and values["buyer_municipality"] == "DK-740"
    assert "currency" not in values and "title_sv" not in values
    assert values["confirm_buyer"] is True


def normalize(body: str) -> str:
    return normalize_body(body)


@pytest.mark.parametrize("name,code", [("Aarhus", "DK-751"), ("Københavns Kommune", "DK-101"),
                                       ("Köpenhamn", "DK-101"), ("Göteborg", "SE-1480"), ("dk-751", "DK-751"),
                                       ("Region Midtjylland", "DK04"), ("Hele Danmark", None), ("Aarhuus", None)])
def test_place_names_become_codes(vocab, name, code):
    assert find_area_code(vocab, name) == code


def test_an_unknown_place_gets_the_closest_name(vocab):
    fld = FIELDS["delivery_municipalities"]
    value, problem = answers._read_areas(fld, "Aarhus, Silkeborgg", vocab)
    assert value is None and problem.code == "unknown_area_suggest"
    assert problem.params == {"value": "Silkeborgg", "suggestion": "Silkeborg"}


@pytest.mark.parametrize("raw,value", [("450000", 450000), ("1.200.000", 1200000), ("480 000 kr.", 480000),
                                       ("75.000,- DKK", 75000), ("ca. 500000", None), ("12,5", None)])
def test_amounts(raw, value):
    result, problem = answers._read_amount(FIELDS["estimated_amount"], raw, None)
    assert result == value and (problem is None) == (value is not None)


@pytest.mark.parametrize("raw,value", [("2027-03-15", "2027-03-15"), ("15.03.2027", "2027-03-15"),
                                       ("1/3/2027", "2027-03-01"), ("31.02.2027", None), ("marts 2027", None)])
def test_dates(raw, value):
    result, problem = answers._read_date(FIELDS["interest_deadline"], raw, None)
    assert result == value and (problem is None) == (value is not None)


def test_multiple_choices_split_even_when_a_label_has_a_comma():
    labels = ["Mad, drikke og forplejning", "Rengøring", "Mad"]
    assert answers._split_choices("Mad, drikke og forplejning, Rengøring, Mad", labels) == labels
    assert answers._split_choices("Rengøring, Narnia", labels) == ["Rengøring", "Narnia"]


def test_windows_line_ends_read_the_same(vocab):
    body = fixture("ny-leverantor")
    crlf = normalize_body(body.replace("\n", "\r\n"))
    assert read_answers("supplier", "sv", crlf, vocab) == \
        read_answers("supplier", "sv", normalize(body), vocab)
