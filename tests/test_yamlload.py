"""Strict YAML: no silent type guessing, duplicate keys, tabs, aliases and positions."""
from __future__ import annotations

from bro.yamlload import load_text


def _data(text: str):
    doc = load_text(text, "x.yml")
    assert doc.problems == [], doc.problems
    return doc.data


def test_norway_problem_and_friends_stay_text():
    data = _data("a: NO\nb: yes\nc: off\nd: 0701234567\ne: +4512345678\nf: 12:30\ng: 1_000\nh: 0x1F\ni: 2026-09-15\n")
    assert data == {"a": "NO", "b": "yes", "c": "off", "d": "0701234567", "e": "+4512345678", "f": "12:30",
                    "g": "1_000", "h": "0x1F", "i": "2026-09-15"}


def test_plain_numbers_booleans_and_null_are_typed():
    assert _data("a: 14\nb: -3\nc: 1.5\nd: true\ne: false\nf: null\ng: ~\nh:\n") == {
        "a": 14, "b": -3, "c": 1.5, "d": True, "e": False, "f": None, "g": None, "h": None}


def test_nordic_letters_survive():
    assert _data("name: Æblegården på Ærø – Västerås Göteborg Økologisk\n")["name"] == \
        "Æblegården på Ærø – Västerås Göteborg Økologisk"


def test_duplicate_key_is_reported_at_second_occurrence():
    doc = load_text("name: A\ncountry: DK\nname: B\n", "x.yml")
    assert [(p.code, p.line, p.column, p.params["first_line"]) for p in doc.problems] == [
        ("yaml.duplicate_key", 3, 1, 1)]
    assert doc.data == {"name": "A", "country": "DK"}


def test_nested_duplicate_key():
    doc = load_text("a:\n  da: x\n  da: y\n", "x.yml")
    assert [(p.code, p.line, p.field) for p in doc.problems] == [("yaml.duplicate_key", 3, "a.da")]


def test_every_tab_line_is_reported_and_nothing_is_loaded():
    doc = load_text("a:\n\tb: 1\nc:\n\td: 2\n", "x.yml")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("yaml.tab", 2, 1), ("yaml.tab", 4, 1)]
    assert doc.data is None


def test_syntax_error_has_line():
    doc = load_text("name: A\nsummary: Hej: med kolon\n", "x.yml")
    assert [(p.code, p.line) for p in doc.problems] == [("yaml.syntax", 2)]


def test_aliases_are_refused():
    doc = load_text("a: &x [1]\nb: *x\n", "x.yml")
    assert [(p.code, p.line) for p in doc.problems] == [("yaml.alias", 2)]


def test_explicit_python_tags_are_refused():
    doc = load_text("a: !!python/object/apply:os.system ['id']\n", "x.yml")
    assert [p.code for p in doc.problems] == ["yaml.unsupported_tag"]


def test_empty_and_non_mapping_documents():
    assert [p.code for p in load_text("", "x.yml").problems] == ["yaml.empty"]
    assert [p.code for p in load_text("- a\n- b\n", "x.yml").problems] == ["yaml.not_mapping"]
    assert [p.code for p in load_text("a: 1\n---\nb: 2\n", "x.yml").problems] == ["yaml.multiple_documents"]


def test_positions_of_keys_and_values():
    doc = load_text("contacts:\n  - name: A\n    email: a@b.dk\n", "x.yml")
    assert (doc.values[("contacts", 0, "email")].line, doc.values[("contacts", 0, "email")].column) == (3, 12)
    assert (doc.keys[("contacts", 0, "email")].line, doc.keys[("contacts", 0, "email")].column) == (3, 5)
