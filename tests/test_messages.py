"""Validator messages: the same keys and placeholders in English, Danish and Swedish; both output formats."""
from __future__ import annotations

import re
import string

import pytest

from bro.cli import main
from bro.problems import Problem, format_github, format_problem, load_catalog, message
from helpers import FIXTURES, ROOT, make_repo

LANGS = ("en", "da", "sv")


def _flat(catalog: dict) -> dict:
    out = {}
    for key, value in catalog.items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def _placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_same_keys_in_every_language():
    keys = [list(_flat(load_catalog(lang))) for lang in LANGS]
    assert keys[0] == keys[1] == keys[2]


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_same_placeholders_as_english(lang):
    english, other = _flat(load_catalog("en")), _flat(load_catalog(lang))
    for key, text in english.items():
        assert _placeholders(other[key]) == _placeholders(text), key


def test_every_code_used_in_the_code_has_a_message():
    used = set()
    for path in (ROOT / "src" / "bro").glob("*.py"):
        used |= set(re.findall(r'"((?:yaml|file|vocab|schema|markdown|text|translation|org|supplier|area|'
                               r'reserved|registration|date|tender|content)\.[a-z_0-9]+)"', path.read_text()))
    assert used, "no message codes found"
    for lang in LANGS:
        assert used <= set(load_catalog(lang)), (lang, used - set(load_catalog(lang)))


def test_danish_and_swedish_messages_are_translated():
    problem = Problem("data/suppliers/x.yml", 12, 3, ("contacts", 0, "email"), "schema.required", {"name": "email"})
    assert format_problem(problem, "da") == \
        "data/suppliers/x.yml:12:3: fejl: contacts[0].email: " + message(problem, "da")
    assert message(problem, "da") != message(problem, "en") != message(problem, "sv")
    assert format_problem(problem, "sv").split(": ")[1] == "fel"


def test_localized_parameters_follow_the_language():
    problem = Problem("x.yml", 1, 1, ("reserved",), "reserved.basis_country",
                      {"basis": "se_ideburen", "country": {"en": "Sweden", "da": "Sverige", "sv": "Sverige"}})
    assert "Sweden" in message(problem, "en") and "Sverige" in message(problem, "da")


def test_github_format_escapes_and_points_at_line():
    problem = Problem("data/suppliers/a,b.yml", 7, 2, ("summary", "da"), "schema.other", {"detail": "50%\nx"})
    line = format_github(problem)
    assert line.startswith("::error file=data/suppliers/a%2Cb.yml,line=7,col=2::summary.da: ")
    assert "%25" in line and "%0A" in line and "\n" not in line


def test_cli_reports_all_errors_once_and_fails(tmp_path, capsys):
    bad = (FIXTURES / "invalid" / "org_number_bad_checksum.yml").read_text(encoding="utf-8")
    worse = (FIXTURES / "invalid" / "yaml_tab.yml").read_text(encoding="utf-8")
    repo = make_repo(tmp_path, {"data/suppliers/a.yml": bad, "data/suppliers/b.yml": worse})
    code = main(["--root", str(repo), "--lang", "da", "--today", "2026-11-23", "--errors-only"])
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert code == 1
    assert [line.split(":")[0] for line in lines] == ["data/suppliers/a.yml", "data/suppliers/b.yml"]
    assert "CVR-nummer" in lines[0] and ": fejl: " in lines[0]
    assert "2 fejl" in out.err


def test_cli_github_format(tmp_path, capsys):
    repo = make_repo(tmp_path, {"data/suppliers/a.yml": (FIXTURES / "invalid" / "website_javascript.yml").read_text()})
    assert main(["--root", str(repo), "--format", "github", "--errors-only", "--today", "2026-11-23"]) == 1
    assert capsys.readouterr().out.startswith("::error file=data/suppliers/a.yml,line=")


def test_cli_passes_on_valid_data(repo, capsys):
    assert main(["--root", str(repo), "--today", "2026-11-23"]) == 0
