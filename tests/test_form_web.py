"""The forms on the site as data for their pages (bro.forms.web.make_form_definition): every form in both
languages, its questions in the issue form's order, each with a plain help text (and an example where something is
typed), its options from the vocabularies and where its answer lands."""
from __future__ import annotations

import json

import pytest

from bro import LANGUAGES, settings
from bro.forms.definitions import DATA_PATHS, FIELDS, list_items
from bro.forms.texts import load_texts
from bro.forms.web import WEB_KINDS, make_form_definition
from bro.vocab import load_vocabularies
from helpers import ROOT

VOCAB = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)
SETTINGS = settings.load()[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", WEB_KINDS)
def test_every_form_is_json_with_help_and_examples(kind, lang):
    definition = make_form_definition(kind, lang, VOCAB, SETTINGS)
    assert json.loads(json.dumps(definition)) == definition
    assert definition["kind"] == kind and definition["lang"] == lang
    assert definition["editors_email"] == SETTINGS.editors_email
    questions = [item for item in definition["items"] if "id" in item]
    assert [q["id"] for q in questions] == [f.id for f, _ in list_items(kind, lang) if not isinstance(f, str)]
    for question in questions:
        assert question["label"] and question["description"], question["id"]
        assert "<" not in question["description"] and "&" not in question["description"]
        if question["widget"] in ("input", "textarea"):
            assert question["example"], question["id"]
            assert len(question["example"]) <= FIELDS[question["id"]].limit
        else:
            assert question["options"] and all(len(pair) == 2 for pair in question["options"])
        if kind != "interest":
            assert question["path"] == (list(DATA_PATHS[kind][question["id"]]) if question["id"] in DATA_PATHS[kind]
                                        else None)
    assert all(item["md"].startswith("<") for item in definition["items"] if "md" in item)
    assert definition["issue_form"] is None if kind == "removal" else definition["issue_form"].endswith(".yml")


def test_the_web_words_have_the_same_keys_in_both_languages():
    def keys(node, prefix=""):
        if isinstance(node, dict):
            return {k for key, value in node.items() for k in keys(value, f"{prefix}{key}.")} | {prefix}
        return {prefix}
    assert keys(load_texts("da")["web"]) == keys(load_texts("sv")["web"])


def test_an_example_reads_as_the_robot_reads_it():
    """The examples of typed numbers, dates and places are answers the robot accepts."""
    from bro.forms.answers import _READERS
    for lang in LANGUAGES:
        for kind in WEB_KINDS:
            for question in make_form_definition(kind, lang, VOCAB, SETTINGS)["items"]:
                reader = _READERS.get(question.get("value"))
                if reader and question.get("example"):
                    value, problem = reader(FIELDS[question["id"]], question["example"], VOCAB)
                    assert problem is None, (kind, lang, question["id"])
