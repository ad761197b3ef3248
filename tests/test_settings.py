"""Bro's settings (mkdocs.yml, extra.bro_*; a deployment gives them as BRO_* environment variables) are parsed and
checked once (bro.settings): every bad value is an error in the project's one shape, all of them listed, and the
build stops before anything is written."""
from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from bro import settings
from bro.build import build
from bro.problems import format_problem
from helpers import ROOT, TODAY

GOOD = {"bro_site_url": "https://bro.example.org/bro/", "bro_repository": "https://github.com/bro-socialt-indkob/bro",
        "bro_editors_email": "redaktion@example.org", "bro_page_size": 100, "bro_shard_size": 1000,
        "bro_sample_data": True}
LINES = settings.positions((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def _problems(**changes) -> list[str]:
    """The settings' problems, formatted as bro.cli prints them, with some of GOOD's values changed (None: left
    out)."""
    extra = {key: value for key, value in {**GOOD, **changes}.items() if value is not None}
    parsed, problems = settings.parse(extra, LINES)
    assert (parsed is None) == bool(problems)
    return [format_problem(problem) for problem in problems]


def test_good_settings_parse_into_their_typed_values():
    parsed, problems = settings.parse({**GOOD, "alternate": [], "polyfills": []}, LINES)  # others are not Bro's
    assert problems == []
    assert parsed == settings.Settings("https://bro.example.org/bro/", "https://github.com/bro-socialt-indkob/bro",
                                       "redaktion@example.org", 100, 1000, True)


def test_every_setting_has_its_check():
    assert tuple(f"bro_{field.name}" for field in dataclasses.fields(settings.Settings)) == settings.KEYS


def test_the_repository_may_be_left_out_but_nothing_else():
    assert settings.parse({**GOOD, "bro_repository": ""})[0].repository is None
    assert settings.parse({**GOOD, "bro_repository": None})[0].repository is None
    assert _problems(bro_editors_email=None) == [
        f"mkdocs.yml:{LINES[''][0]}:{LINES[''][1]}: error: extra: The field 'bro_editors_email' is missing and must "
        "be filled in."]


@pytest.mark.parametrize("key,value,message", [
    ("bro_site_url", "bro.example.org/bro/", "'bro.example.org/bro/' is not a web address Bro accepts"),
    ("bro_site_url", "ftp://bro.example.org/bro/", "'ftp://bro.example.org/bro/' is not a web address Bro accepts"),
    ("bro_site_url", "/bro/", "'/bro/' is not a web address Bro accepts"),
    ("bro_site_url", "https://bro.example.org/bro", "'https://bro.example.org/bro' is not in the expected form: a "
                                                    "full address ending in '/'"),
    ("bro_site_url", "https://bro.example.org/?x=/", "is not in the expected form"),
    ("bro_site_url", "https://user@bro.example.org/", "has something before an '@'"),
    ("bro_site_url", "https://bro_example/", "is not a valid domain name"),
    ("bro_site_url", 42, "'42' is not a web address Bro accepts"),
    ("bro_repository", "bro-socialt-indkob/bro", "is not a web address Bro accepts"),
    ("bro_repository", "https://github.com/bro-socialt-indkob", "is not in the expected form: the repository's "
                                                                "address, https://github.com/owner/name"),
    ("bro_repository", "https://github.com/a/b/c", "is not in the expected form"),
    ("bro_repository", "https://github.com/a/b#readme", "is not in the expected form"),
    ("bro_editors_email", "redaktion(at)example.org", "'redaktion(at)example.org' is not in the expected form: an "
                                                      "e-mail address"),
    ("bro_editors_email", "redaktion@example.org?cc=x@y.org", "is not in the expected form"),
    ("bro_editors_email", "", "'' is not in the expected form"),
    ("bro_page_size", 0, "The number 0 is too small; the smallest allowed is 1."),
    ("bro_page_size", -5, "The number -5 is too small"),
    ("bro_page_size", "ten", "Write a whole number here, digits only (not 'ten')."),
    ("bro_page_size", 2.5, "Write a whole number here, digits only (not '2.5')."),
    ("bro_page_size", True, "Write a whole number here, digits only (not 'true')."),
    ("bro_shard_size", 0, "The number 0 is too small"),
    ("bro_shard_size", "1k", "Write a whole number here"),
    ("bro_sample_data", "yes please", "Write true or false here (not 'yes please')."),
    ("bro_sample_data", 1, "Write true or false here (not '1')."),
])
def test_each_bad_value_is_an_error_at_its_line_in_mkdocs_yml(key, value, message):
    line, column = LINES[key]
    [problem] = _problems(**{key: value})
    assert problem.startswith(f"mkdocs.yml:{line}:{column}: error: extra.{key}: "), problem
    assert message in problem


def test_a_misspelt_setting_is_an_error_not_ignored():
    line, column = LINES[""]  # not in mkdocs.yml: at its extra: block
    assert _problems(bro_pagesize=10) == [f"mkdocs.yml:{line}:{column}: error: extra.bro_pagesize: 'bro_pagesize' is "
                                          "not a field Bro knows. Did you mean 'bro_page_size'?"]
    [problem] = _problems(bro_colour="blue")
    assert "'bro_colour' is not a field Bro knows. Allowed fields here: bro_site_url, bro_repository" in problem


def test_every_problem_is_listed_in_the_files_order():
    problems = _problems(bro_site_url="nowhere", bro_page_size=0, bro_editors_email="x", bro_sample_data="no way")
    fields = [re.search(r"error: (\S+):", p).group(1) for p in problems]
    assert sorted(fields) == ["extra.bro_editors_email", "extra.bro_page_size", "extra.bro_sample_data",
                              "extra.bro_site_url"]
    assert [int(p.split(":")[1]) for p in problems] == sorted(int(p.split(":")[1]) for p in problems)


def test_mkdocs_yml_defines_every_setting_and_its_defaults_are_valid():
    parsed, problems = settings.load(ROOT / "mkdocs.yml", environ={})
    assert problems == [] and parsed.page_size == 100 and parsed.shard_size == 1000
    assert set(settings.KEYS) <= set(LINES)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'bro_site_url: !ENV [BRO_SITE_URL, "{settings.DEFAULT_SITE_URL}"]' in text  # written once, there
    assert settings.DEFAULT_SITE_URL == parsed.site_url == "https://bro-socialt-indkob.github.io/bro/"


def test_the_editors_address_and_the_data_controller_are_each_written_once():
    """One editors' address (mkdocs.yml's bro_editors_email, read through bro.settings by everything that needs it:
    the footer, the events page, the issue forms' config, the forms' e-mail route) and one data controller
    (data/site.yml's operator, read through bro.siteinfo by the pages); no other file of the project writes either
    address (config.yml is generated from the setting; the tests may name them)."""
    parsed, _ = settings.load(ROOT / "mkdocs.yml", environ={})
    assert parsed.editors_email == settings.DEFAULT_EDITORS_EMAIL
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'bro_editors_email: !ENV [BRO_EDITORS_EMAIL, "{settings.DEFAULT_EDITORS_EMAIL}"]' in text
    operator = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["operator"]["email"]
    allowed = {parsed.editors_email: {"mkdocs.yml", ".github/ISSUE_TEMPLATE/config.yml"}, operator: {"data/site.yml"}}
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.split("\0"):
        path = ROOT / name
        if not name or name.startswith(("tests/", "node_modules/")) or not path.is_file() \
                or path.suffix not in (".py", ".yml", ".yaml", ".md", ".html", ".js", ".json", ".toml", ".txt"):
            continue
        content = path.read_text(encoding="utf-8", errors="replace")
        for address, files in allowed.items():
            assert address not in content or name in files, f"{name} writes {address}: read it from its setting"


def test_the_environment_gives_a_deployments_settings_as_mkdocs_reads_them():
    environ = {"BRO_SITE_URL": "https://bro.example.dk/", "BRO_PAGE_SIZE": "7", "BRO_REPOSITORY_URL":
               "https://github.com/kommune/bro", "BRO_EDITORS_EMAIL": "bro@kommune.dk", "BRO_SHARD_SIZE": "50"}
    parsed, problems = settings.load(ROOT / "mkdocs.yml", environ=environ)
    assert problems == []
    assert (parsed.site_url, parsed.page_size, parsed.repository, parsed.editors_email, parsed.shard_size) == (
        "https://bro.example.dk/", 7, "https://github.com/kommune/bro", "bro@kommune.dk", 50)
    [problem] = settings.load(ROOT / "mkdocs.yml", environ={"BRO_PAGE_SIZE": "0"})[1]
    assert format_problem(problem) == (f"mkdocs.yml:{LINES['bro_page_size'][0]}:{LINES['bro_page_size'][1]}: error: "
                                       "extra.bro_page_size: The number 0 is too small; the smallest allowed is 1.")


def test_the_deploy_workflow_sets_only_variables_mkdocs_yml_reads():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site = (ROOT / "data" / "site.yml").read_text(encoding="utf-8")
    for name in workflow["jobs"]["build"]["env"]:
        assert f"!ENV [{name}," in text or name in site, name


def test_the_problems_are_in_the_users_language():
    [problem] = settings.parse({**GOOD, "bro_site_url": "https://bro.example.org/bro"}, LINES)[1]
    assert "en fuld adresse, der slutter med '/'" in format_problem(problem, "da")
    assert "en fullständig adress som slutar med '/'" in format_problem(problem, "sv")


def test_the_build_stops_on_bad_settings_listing_them_all(monkeypatch, tmp_path: Path, capsys):
    monkeypatch.setenv("BRO_PAGE_SIZE", "0")
    monkeypatch.setenv("BRO_SITE_URL", "https://bro.example.org/bro")
    out = tmp_path / "site"
    assert build(ROOT, out, today=TODAY) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "extra.bro_page_size: The number 0 is too small" in err and "extra.bro_site_url: 'https://" in err
    assert "2 error(s)" in err


def test_an_empty_variable_means_not_given_and_mkdocs_ymls_default_holds():
    """As for data/site.yml's BRO_* variables: a workflow's unset repository variable is an empty one."""
    environ = dict.fromkeys(("BRO_SITE_URL", "BRO_PAGE_SIZE", "BRO_SHARD_SIZE", "BRO_EDITORS_EMAIL"), "")
    assert settings.load(ROOT / "mkdocs.yml", environ=environ) == settings.load(ROOT / "mkdocs.yml", environ={})
    parsed, problems = settings.from_config({**GOOD, "bro_page_size": None}, ROOT / "mkdocs.yml")
    assert problems == [] and parsed.page_size == 100


def test_make_validate_reports_a_bad_setting_with_the_data(monkeypatch, capsys):
    from bro import cli
    monkeypatch.setenv("BRO_PAGE_SIZE", "0")
    code = cli.main(["--root", str(ROOT), "--errors-only", "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"^mkdocs\.yml:\d+:\d+: error: extra\.bro_page_size: ", out, re.M), out
