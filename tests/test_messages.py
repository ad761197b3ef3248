"""Validator messages: the same keys and placeholders in English, Danish and Swedish; both output formats."""
from __future__ import annotations

import json
import re
import string
import subprocess
import sys
import unicodedata

import pytest
import yaml
from babel import Locale

from bro import messages
from bro.cli import main
from bro.forms.texts import load_texts
from bro.problems import Problem, format_github, format_problem, load_catalog, message
from bro.schema import Validator
from bro.schema_errors import PRIORITY, translate
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


@pytest.mark.parametrize("domain", messages.DOMAINS)
def test_no_catalogue_lacks_a_key_another_language_has(domain):
    """The one completeness check of every catalogue: the keys each language lacks (none, for the build)."""
    assert len(messages.languages(domain)) >= 2
    assert messages.missing_keys(domain) == {lang: [] for lang in messages.languages(domain)}


def test_every_catalogue_file_is_a_known_domain():
    assert {path.name.split(".")[0] for path in messages.LOCALES.glob("*.yml")} == set(messages.DOMAINS)


def test_plural_rule_is_cldrs_for_every_catalogue_language():
    """bro.messages' one rule gives the plural category CLDR (through Babel) gives every whole count."""
    langs = {lang for domain in messages.DOMAINS for lang in messages.languages(domain)}
    for lang in sorted(langs):
        rule = Locale(lang).plural_form
        assert [messages.plural_form(n) for n in range(1001)] == [rule(n) for n in range(1001)], lang


def test_one_form_is_used_when_the_count_is_one():
    assert messages.text("changes", "da", "check.errors", count=1).startswith("❌ Der er 1 fejl")
    assert messages.text("changes", "sv", "check.warnings", count=1).startswith("⚠️ Det finns 1 varning")
    assert messages.text("changes", "sv", "check.warnings", count=0).startswith("⚠️ Det finns 0 varningar")
    problem = Problem("x.yml", 1, 1, ("categories",), "schema.min_items", {"count": 1})
    assert message(problem) == "The list must not be empty: give at least one value."


def test_forms_catalogue_loads_as_written():
    """The forms' texts (src/bro/locales/forms.*.yml) come out of the one loader exactly as forms.py reads them."""
    for lang in messages.languages("forms"):
        written = yaml.safe_load((messages.LOCALES / f"forms.{lang}.yml").read_text(encoding="utf-8"))
        assert messages.catalog("forms", lang) == written == load_texts(lang)
        assert messages.text("forms", lang, "options.contact_one", number=2) == \
            written["options"]["contact_one"].format(number=2)


def test_a_missing_text_is_shown_and_logged_never_a_crash(monkeypatch, caplog):
    monkeypatch.setitem(messages.entries("changes", "da"), "only.da", "kun dansk")
    assert messages.text("changes", "sv", "only.da") == "kun dansk"
    assert messages.text("changes", "sv", "no.such.text", count=3) == "no.such.text"
    assert "no.such.text" in caplog.text and "changes.sv.yml" in caplog.text
    assert messages.fill("{count} of {total}", {"count": 1}) == "{count} of {total} {'count': 1}"
    problem = Problem("x.yml", 1, 1, (), "no.such.code", {})
    assert message(problem, "da") == "no.such.code"


def test_the_loader_needs_only_the_standard_library_and_pyyaml():
    """The automation with a write token imports bro.texts (and so bro.messages) with nothing but PyYAML."""
    probe = ("import json, sys; import bro.texts; "
             "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                           check=True, cwd=ROOT / "src").stdout))
    assert "yaml" in loaded and not loaded & {"babel", "jsonschema", "mkdocs", "markdown", "jinja2"}


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_same_placeholders_as_english(lang):
    english, other = _flat(load_catalog("en")), _flat(load_catalog(lang))
    for key, text in english.items():
        assert _placeholders(other[key]) == _placeholders(text), key


def test_every_code_used_in_the_code_has_a_message():
    used = set()
    for path in (ROOT / "src" / "bro").glob("*.py"):  # a label's key (i18n.label("supplier.…")) is no message code
        used |= set(re.findall(r'(?<!label\()"((?:yaml|file|vocab|schema|markdown|text|translation|org|supplier|area|'
                               r'reserved|registration|date|tender|content|site)\.[a-z_0-9]+)"', path.read_text()))
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
    problem = Problem("data/suppliers/a,b.yml", 7, 2, ("summary", "da"), "schema.other", {"keyword": "50%\nx"})
    line = format_github(problem)
    assert line.startswith("::error file=data/suppliers/a%2Cb.yml,line=7,col=2::summary.da: ")
    assert "%25" in line and "50%25⟨U+000A⟩x" in line and "\n" not in line  # a line break in a value is shown


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


HOSTILE_KEY = "\x1b[2K\r\x1b[32mAll data is valid. 0 error(s).\x1b[0m\x1b[8m"
HOSTILE_FILE = """# yaml-language-server: $schema=../../schemas/supplier.schema.json
name: Hostile
country: DK
org_number: "10403782"
summary:
  da: Tekst.
categories: ["\\e]0;pwned\\a\\e[2Kcleaning\\u009b31m\\u202e"]
delivery_area: [DK-751]
contacts:
  - name: Kontakt
    email: a@example.dk
    publish_basis: legitimate_interest
last_verified: 2026-11-20
"\\e[2K\\r\\e[32mAll data is valid. 0 error(s).\\e[0m\\e[8m": "\\e]0;pwned\\a"
"""


def _controls(text: str) -> set[str]:
    """Every control, format or separator character in printed text other than the line ends between lines."""
    return {char for char in text.replace("\n", "") if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")}


@pytest.mark.parametrize("form", ["text", "github"])
def test_cli_shows_escape_sequences_in_data_without_obeying_them(tmp_path, capsys, form):
    """An unknown key or a value that holds terminal escape sequences cannot draw a fake 'all valid' line, set
    the window title or hide the rest of the output: every problem line shows them as code points."""
    repo = make_repo(tmp_path, {"data/suppliers/hostile.yml": HOSTILE_FILE})
    assert main(["--root", str(repo), "--format", form, "--today", "2026-11-23", "--errors-only"]) == 1
    out = capsys.readouterr()
    assert _controls(out.out + out.err) == set()
    shown = "⟨U+001B⟩[2K⟨U+000D⟩⟨U+001B⟩[32mAll data is valid. 0 error(s).⟨U+001B⟩[0m⟨U+001B⟩[8m"
    lines = [line for line in out.out.splitlines() if "hostile.yml" in line]
    assert len(lines) == 2
    assert any(f"'{shown}' is not a field Bro knows." in line for line in lines)
    assert any("'⟨U+001B⟩]0;pwned⟨U+0007⟩⟨U+001B⟩[2Kcleaning⟨U+009B⟩31m⟨U+202E⟩' is not in the expected form" in line
               for line in lines)
    assert "2 error(s)" in out.err


def test_problem_lines_show_hidden_characters_in_file_names_and_fields():
    problem = Problem("data/suppliers/a\u202eb\x1b.yml", 1, 1, ("x\u200by",), "schema.other", {"keyword": "\x9b"})
    for line in (format_problem(problem), format_github(problem)):
        assert "a⟨U+202E⟩b⟨U+001B⟩.yml" in line and "x⟨U+200B⟩y" in line and "⟨U+009B⟩" in line
        assert _controls(line) == set()


# --- schema errors, worded by their keyword (bro.schema_errors) ----------------------------------------------

KEYWORD_CASES = [  # (schema, value, [(path, code, pointing at the key)], words the English message holds)
    ({"type": "object", "required": ["a", "b"]}, {}, [(("a",), "schema.required", False),
                                                      (("b",), "schema.required", False)], "'b' is missing"),
    ({"anyOf": [{"required": ["email"]}, {"required": ["phone"]}]}, {}, [((), "schema.any_of_required", False)],
     "At least one of these fields must be filled in: email, phone."),
    ({"anyOf": [{"type": "string"}, {"const": 3}]}, 2.5, [((), "schema.any_of", False)], "a text, '3'"),
    ({"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}, {"a": 1, "b": 2}, [((), "schema.one_of_required", False)],
     "Exactly one of these fields must be filled in: a, b."),
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 3, [((), "schema.one_of", False)],
     "exactly one of these: a whole number, a number"),
    ({"const": "x"}, "y", [((), "schema.const", False)], "Only 'x' is allowed here (not 'y')."),
    ({"not": {"const": 3}}, 3, [((), "schema.not", False)], "'3' is not allowed here."),
    ({"format": "email"}, "nope", [((), "schema.format", False)], "(format email)"),
    ({"minLength": 2}, "a", [((), "schema.min_length", False)], "at least 2 characters"),
    ({"minLength": 2}, "", [((), "schema.empty", False)], "must not be empty"),
    ({"minProperties": 1}, {}, [((), "schema.min_properties", False)], "at least one sub-field"),
    ({"maxProperties": 1}, {"a": 1, "b": 2}, [((), "schema.max_properties", False)], "Only one sub-field"),
    ({"minItems": 2}, [1], [((), "schema.min_items", False)], "at least 2 entries"),
    ({"maxItems": 1}, [1, 2], [((), "schema.max_items", False)], "only one entry"),
    ({"exclusiveMinimum": 0}, 0, [((), "schema.exclusive_minimum", False)], "larger than 0"),
    ({"exclusiveMaximum": 10}, 10, [((), "schema.exclusive_maximum", False)], "smaller than 10"),
    ({"multipleOf": 5}, 7, [((), "schema.multiple_of", False)], "7 must be divisible by 5"),
    ({"dependentRequired": {"a": ["b"]}}, {"a": 1}, [(("b",), "schema.dependent_required", False)],
     "'b' must be filled in when 'a' is"),
    ({"contains": {"type": "integer"}}, ["x"], [((), "schema.contains", False)], "of this kind: a whole number"),
    ({"if": {"required": ["a"]}, "then": {"required": ["b"]}}, {"a": 1}, [(("b",), "schema.required", False)],
     "'b' is missing"),
    ({"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}}, {"Bad": 1}, [(("Bad",), "schema.pattern", True)],
     "'Bad' is not in the expected form: pattern ^[a-z]+$"),
    ({"type": ["string", "null"]}, 3, [((), "schema.type", False)], "Write a text or nothing (null) here (not '3')."),
    ({"type": "number"}, "12,5", [((), "schema.type_number", False)], "Write a number here"),
    ({"uniqueItems": True}, ["a", "a"], [((), "schema.duplicate_item", False)], "more than once: a"),
    ({"enum": ["planned", "published"]}, "planed", [((), "schema.enum", False)], "Choose one of: planned, published"),
]


def _worded(schema: dict, value) -> list[tuple]:
    """The problems bro.schema_errors makes of every error the validator finds."""
    validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
    found: dict = {}
    for err in sorted(validator.iter_errors(value),
                      key=lambda e: PRIORITY.index(e.validator) if e.validator in PRIORITY else 99):
        for path, code, params, on_key in translate(err):
            found.setdefault(path, (path, code, params, on_key))
    return list(found.values())


@pytest.mark.parametrize(("schema", "value", "expected", "words"), KEYWORD_CASES,
                         ids=[str(next(iter(c[0]))) + str(i) for i, c in enumerate(KEYWORD_CASES)])
def test_each_keyword_has_its_own_message_from_its_own_values(schema, value, expected, words):
    """Each keyword is worded by its meaning, with the keyword's values, in English, Danish and Swedish."""
    found = _worded(schema, value)
    assert [(path, code, on_key) for path, code, _, on_key in found] == expected
    for lang in LANGS:
        for path, code, params, _ in found:
            text = message(Problem("x.yml", 1, 1, path, code, params), lang)
            assert text != code and "{" not in text, (lang, text)
            if lang == "en":
                assert words in text or any(words in message(Problem("x.yml", 1, 1, p, c, q))
                                            for p, c, q, _ in found), text
            else:
                assert text != message(Problem("x.yml", 1, 1, path, code, params)), (lang, text)


def test_a_schema_gives_a_field_its_own_wording():
    """x-messages (keyword → message id) gives the friendlier wording; without it the keyword's own is used."""
    reach = {"anyOf": [{"required": ["email"]}, {"required": ["phone"]}]}
    assert [c for _, c, _, _ in _worded(reach, {})] == ["schema.any_of_required"]
    assert [c for _, c, _, _ in _worded({**reach, "x-messages": {"anyOf": "schema.contact_reach"}}, {})] == \
        ["schema.contact_reach"]


def test_every_message_a_schema_names_exists():
    named = set()
    for path in (ROOT / "schemas").glob("*.schema.json"):
        named |= set(re.findall(r'"(schema\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert {"schema.contact_reach", "schema.localized_plain_string", "schema.url"} <= named
    for lang in LANGS:
        assert named <= set(load_catalog(lang)), lang


def test_no_schema_error_is_worded_by_jsonschemas_english():
    """The wording never comes from jsonschema's own (English) message text."""
    source = (ROOT / "src" / "bro" / "schema_errors.py").read_text(encoding="utf-8")
    assert "err.message" not in source and ".message" not in source.replace("messages", "")
