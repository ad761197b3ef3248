"""YAML out (bro.forms.emitter): whatever a submitter types reads back as exactly that text, and an emitter that
would change the data is caught."""
from __future__ import annotations

import pytest
from test_forms import convert, data_of, fixture

from bro.forms import emitter
from bro.forms.emitter import edit_record, emit_record
from bro.forms.texts import load_texts
from bro.yamlload import load_text

TRICKY = ["yes", "NO", "off", "0701234567", "+4512345678", "12:30", "2026-01-01", "null", "~", "1e3", "0x1F",
          "- item", "? key", ": x", "@user", "`id`", "'", '"', "a: b", "a #b", "{x: 1}", "[x]", "*alias", "&anchor",
          "!!python/object:os.system", "%TAG", "|", ">", "---", "...", " leading", "trailing ", "tab\there",
          "line\nbreak", "trailing spaces  \nnext", "\n\nstarts with blank lines", "bell\x07", "nel\x85x",
          "sep\u2028x", "bom\ufeffx", "emoji 🚲 og æøå", "$(id)", "${{ github.token }}", "\\back\\slash"]


@pytest.mark.parametrize("text", TRICKY)
def test_emitted_yaml_reads_back_as_exactly_the_text(text):
    data = {"name": text, "summary": {"da": text}, "categories": [text], "contacts": [{"name": text}]}
    out, rewritten = emit_record(data, "supplier.schema.json")
    assert load_text(out, "x").data == data and not rewritten
    edited, rewritten = edit_record(out, [("set", ("website",), text), ("append", ("categories",), text)], {})
    assert load_text(edited, "x").data == {**data, "website": text, "categories": [text, text]} and not rewritten


def test_an_unfaithful_emitter_is_caught_and_the_plain_one_used(tmp_path, monkeypatch):
    monkeypatch.setattr(emitter, "dump_round_trip", lambda tree: "name: [broken\n")
    repo, result = convert(tmp_path, fixture("ret-profil"))
    assert result.ok and data_of(repo, result.path)["employees"]["total"] == 20
    assert load_texts("da")["pr"]["rewritten"] in result.pr_body
    assert (repo / result.path).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
