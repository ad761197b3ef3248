"""A record's file name never takes a file of the site (issue 11): the table of every file a build writes
(bro.urls.OUTPUTS) covers a real build, the validator refuses a record whose page would replace one of them or be
mistaken for it, a build with such a record stops, and the form robot proposes a free name instead."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_forms import event, fixture, replace_answer

from bro import forms, urls
from bro.build import build
from bro.catalog import SLUG, load_catalog
from bro.problems import MESSAGE_LANGUAGES, format_problem
from bro.problems import load_catalog as messages
from helpers import FIXTURES, ROOT, TODAY, assert_build_refused, fixture_kind, fixture_slug, make_repo

TAKEN = sorted((FIXTURES / "invalid").glob("file_name_*.yml"))
CODE_PATTERN = json.loads((ROOT / "schemas" / "vocabulary.schema.json").read_text(encoding="utf-8"))[
    "propertyNames"]["pattern"]


# ------------------------------------------------------------------------------------------------- the table

@pytest.mark.parametrize("kind,slug,files", [
    ("supplier", "index", {("da", "leverandorer/index.html"), ("sv", "leverantorer/index.html")}),
    ("supplier", "min-liste", {("da", "leverandorer/min-liste.html")}),
    ("supplier", "min-lista", {("sv", "leverantorer/min-lista.html")}),
    ("tender", "index", {("da", "udbudsplan/index.html"), ("sv", "upphandlingsplan/index.html")}),
    ("tender", "kalender", {("da", "udbudsplan/kalender.ics"), ("sv", "upphandlingsplan/kalender.ics")}),
    ("tender", "kalender-cleaning", {("da", "udbudsplan/kalender-cleaning.ics"),
                                     ("sv", "upphandlingsplan/kalender-cleaning.ics")}),
    ("tender", "kalender-not-yet-a-category", {("da", "udbudsplan/kalender-not-yet-a-category.ics"),
                                               ("sv", "upphandlingsplan/kalender-not-yet-a-category.ics")}),
    ("tender", "feed", {("da", "udbudsplan/feed.xml"), ("sv", "upphandlingsplan/feed.xml")}),
    ("case", "index", {("da", "vidensbank/eksempler/index.html"), ("sv", "kunskapsbank/exempel/index.html")}),
    ("supplier", urls.SHELL_SLUG, {("da", f"leverandorer/{urls.SHELL_SLUG}.html"),
                                   ("sv", f"leverantorer/{urls.SHELL_SLUG}.html")}),
])
def test_a_name_that_takes_a_file_of_the_site_is_a_collision(kind, slug, files):
    assert {(clash.lang, clash.path) for clash in urls.collision(kind, slug)} == files


@pytest.mark.parametrize("kind,slug", [
    ("supplier", "madvaerket"), ("supplier", "index-2"), ("supplier", "min-liste-2"), ("supplier", "alle"),
    ("supplier", "kategori"), ("supplier", "omraade"), ("supplier", "feed"), ("supplier", "kalender"),
    ("tender", "feed-2"), ("tender", "ordregiver"), ("tender", "min-liste"), ("tender", "tender-kalender"),
    ("case", "kalender"), ("buyer", "index"), ("buyer", "aarhus-kommune"),
    ("supplier", "bro-bulk-shell-7f3a"),  # the shell's name until issue 11: a record's name now
])
def test_other_names_are_free(kind, slug):
    """A name is taken only in its own folder: a folder of the same name (alle/, kategori/) is no collision."""
    assert urls.collision(kind, slug) == []


def test_every_named_file_in_a_record_folder_is_refused_to_that_folders_records():
    """Derived from the table, not from a list: each file it names beside a kind's pages takes that name."""
    checked = 0
    for output in urls.OUTPUTS.values():
        for lang, path in output.paths.items():
            folder, _, name = path.rpartition("/")
            for kind, segments in urls.SEGMENTS.items():
                if output.kind != kind and segments[lang] == folder and "{" not in name:
                    stem = name.rsplit(".", 1)[0]
                    assert (lang, path) in {(c.lang, c.path) for c in urls.collision(kind, stem)}, (kind, path)
                    checked += 1
    assert checked >= 16


def test_the_shell_page_has_a_name_no_record_code_or_list_page_can_have():
    assert not SLUG.match(urls.SHELL_SLUG)
    assert not re.match(CODE_PATTERN, urls.SHELL_SLUG)
    assert not re.fullmatch(r"[A-Za-z0-9_-]+\.\d+", urls.SHELL_SLUG)  # later pages of a list: directory.page_slug
    shell_fixture = FIXTURES / "invalid" / "file_name_supplier_shell.yml"
    assert fixture_slug(shell_fixture) == urls.SHELL_SLUG


def test_every_output_has_words_in_every_message_language():
    labels = {output.label or output.name for output in urls.OUTPUTS.values()} | {"content", "in_da", "in_sv", "and"}
    for lang in MESSAGE_LANGUAGES:
        assert labels <= set(messages(lang)["_outputs"]), lang


def test_fixture_slug_can_be_given_in_the_header(tmp_path):
    assert fixture_slug(FIXTURES / "invalid" / "file_name_tender_kalender.yml") == "kalender"
    assert fixture_slug(FIXTURES / "invalid" / "yaml_tab.yml") == "yaml-tab"


# --------------------------------------------------------------------------------------- the table and the build

def _record_files(catalog, lang: str) -> set[str]:
    """Every file that the records themselves give one language's site."""
    files = {urls.record_path(kind, slug, lang) for kind, records in (
        ("supplier", catalog.suppliers), ("tender", catalog.tenders), ("case", catalog.cases),
        ("organisation", catalog.organisations)) for slug in records}
    files |= {urls.output_path("tender_calendar", lang, slug) for slug in catalog.tenders}
    return files | {urls.record_path("buyer", slug, lang) for slug in catalog.derived.buyers}


def _is_browse_page(catalog, kind: str, path: str, lang: str) -> bool:
    """A page of a category's, area's or the full list's pages (name.html, name.N.html, N.html; the name is the
    code's in lang, bro.urls.term_slugs)."""
    name = path.removeprefix(urls.SEGMENTS[kind][lang] + "/").removesuffix(".html")
    if kind == "all":
        return name.isdigit() and 1 <= int(name) <= len(catalog.suppliers)
    slug, _, number = name.partition(".")
    codes = catalog.derived.category_counts if kind == "category" else catalog.derived.area_counts
    names = urls.term_slugs(catalog.vocab, kind, lang)
    return slug in {names[c] for c in codes} and (not number or number.isdigit())


@pytest.mark.parametrize("which", ["built_site", "paged_site"])
def test_every_file_a_build_writes_is_a_records_own_or_in_the_table(request, which):
    """A hook that writes a new kind of file must add it to bro.urls.OUTPUTS (and so to the validator's check)."""
    site = request.getfixturevalue(which)
    catalog = load_catalog(ROOT, today=TODAY)
    content = urls.content_files(ROOT)
    stray, counted = [], {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        lang, _, inner = rel.partition("/")
        if lang not in ("da", "sv"):
            name = urls.covering(rel, None)
        elif (lang, inner) in content:
            name = "content"
        elif inner in _record_files(catalog, lang):
            name = "record"
        else:
            name = urls.covering(inner, lang)
            kind = urls.OUTPUTS[name].kind if name else None
            if kind and not (kind in ("category", "area", "all") and _is_browse_page(catalog, kind, inner, lang)):
                name = None  # looks like a record's page, but no record has it
        if name is None:
            stray.append(rel)
        counted[name] = counted.get(name, 0) + 1
    assert stray == []
    assert {"record", "content", "supplier_list", "shortlist", "tender_list", "feed", "calendar", "category_calendar",
            "case_list", "events", "events_calendar", "glossary", "assets", "search", "category_page", "area_page",
            "all_page", "landing", "open_data", "help_dk", "help_se"} <= set(counted)


def test_the_shell_page_is_gone_from_the_built_site(built_site):
    assert not [p for p in built_site.rglob("*") if urls.SHELL_SLUG in p.name or "bro-bulk-shell" in p.name]


# ------------------------------------------------------------------------------------------------ the validator

def _errors(repo: Path, rel: str, lang: str = "en") -> list[str]:
    return [format_problem(p, lang) for p in load_catalog(repo, today=TODAY).errors if p.file == rel]


@pytest.mark.parametrize("lang,words", [
    ("en", "a page from the folder content/ in Danish (udbudsplan/guide.html) and in Swedish "
           "(upphandlingsplan/guide.html)"),
    ("da", "en side fra mappen content/ på dansk (udbudsplan/guide.html) og på svensk (upphandlingsplan/guide.html)"),
    ("sv", "en sida från mappen content/ på danska (udbudsplan/guide.html) och på svenska "
           "(upphandlingsplan/guide.html)"),
])
def test_a_page_in_content_beside_the_records_is_taken_too(tmp_path, lang, words):
    tender = (FIXTURES / "valid" / "tender_complete.yml").read_text(encoding="utf-8")
    repo = make_repo(tmp_path, {"content/da/udbudsplan/guide.md": "# Guide\n", "content/sv/upphandlingsplan/guide.md":
                                "# Guide\n", "data/tenders/guide.yml": tender})
    [error] = _errors(repo, "data/tenders/guide.yml", lang)
    assert error.startswith("data/tenders/guide.yml:1:1: ") and words in error and "guide-2.yml" in error


def _supplier(org_number: str = "10403707") -> str:
    """A valid supplier file of its own (an org number and a name no fixture has)."""
    text = (FIXTURES / "valid" / "supplier_minimal.yml").read_text(encoding="utf-8")
    return text.replace("country: SE", "country: DK").replace("802412-3401", f'"{org_number}"').replace(
        "SE-1880", "DK-101").replace("name: Kafé Trappsteget", f"name: Kafé nr. {org_number}")


def test_a_name_differing_only_in_case_is_taken_as_a_case_insensitive_file_system_does(tmp_path):
    supplier = _supplier()
    repo = make_repo(tmp_path, {"content/sv/leverantorer/Guide.md": "# Guide\n", "data/suppliers/guide.yml": supplier})
    [error] = _errors(repo, "data/suppliers/guide.yml")
    assert "a page from the folder content/ in Swedish (leverantorer/Guide.html)" in error


def test_the_suggested_name_is_free(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/index.yml": _supplier("10403707"),
                                "data/suppliers/index-2.yml": _supplier("10403715")})
    [error] = _errors(repo, "data/suppliers/index.yml")
    assert error.endswith("for example index-3.yml.")


# -------------------------------------------------------------------------------------------------- the build

def _copy_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                                              ".site-*", "node_modules"))
    return repo


@pytest.mark.parametrize("path", TAKEN, ids=lambda p: p.stem)
def test_a_record_that_takes_a_file_stops_the_build_and_publishes_nothing(tmp_path, capsys, path):
    repo = _copy_repo(tmp_path)
    rel = f"data/{fixture_kind(path)}/{fixture_slug(path)}.yml"
    (repo / rel).write_text(path.read_text(encoding="utf-8").replace("supplier-complete", "madvaerket"),
                            encoding="utf-8")
    assert_build_refused(repo, tmp_path)
    assert f"{rel}:1:1: error: The file name '" in capsys.readouterr().err


def test_a_record_named_like_the_old_shell_page_is_built(tmp_path):
    """Until issue 11 the shell page was bro-bulk-shell-7f3a.html, and a record of that name crashed the build."""
    repo = _copy_repo(tmp_path)
    for kind, name in (("supplier", "supplier_minimal"), ("tender", "tender_complete")):
        text = (FIXTURES / "valid" / f"{name}.yml").read_text(encoding="utf-8")
        (repo / "data" / f"{kind}s" / "bro-bulk-shell-7f3a.yml").write_text(
            text.replace("supplier-complete", "madvaerket"), encoding="utf-8")
    out = tmp_path / "site"
    assert build(repo, out, today=TODAY) == 0
    for lang in ("da", "sv"):
        page = out / lang / urls.record_path("supplier", "bro-bulk-shell-7f3a", lang)
        assert "Kafé Trappsteget" in page.read_text(encoding="utf-8")
        assert (out / lang / urls.record_path("tender", "bro-bulk-shell-7f3a", lang)).is_file()
        assert (out / lang / urls.record_path("supplier", "madvaerket", lang)).is_file()


# --------------------------------------------------------------------------------------------- the form robot

@pytest.mark.parametrize("name,slug", [("Index", "index-2"), ("Min liste", "min-liste-2"), ("Min lista", "min-lista-2"),
                                       ("INDEX", "index-2")])
def test_the_robot_gives_a_company_a_free_name(tmp_path, name, slug):
    repo = make_repo(tmp_path)
    body = replace_answer(fixture("ny-leverandor"), "Virksomhedens navn", name)
    result = forms.submit(event(body), repo, today=TODAY)
    assert (result.ok, result.pr, result.path) == (True, True, f"data/suppliers/{slug}.yml"), result.reply
    assert _errors(repo, result.path) == []


@pytest.mark.parametrize("title,slug", [("Kalender", "tender-kalender"), ("Feed", "feed-2"), ("Index", "index-2"),
                                        ("Kalender for rengøring", "tender-kalender-for-rengoering")])
def test_the_robot_gives_a_tender_a_free_name(tmp_path, title, slug):
    """A buyer named with generic words only ("Kommune") leaves the title alone in the name."""
    repo = make_repo(tmp_path)
    body = replace_answer(replace_answer(fixture("nyt-udbud"), "Titel på dansk", title), "Ordregiver", "Kommune")
    result = forms.submit(event(body), repo, today=TODAY)
    assert (result.ok, result.pr, result.path) == (True, True, f"data/tenders/{slug}.yml"), result.reply
    assert _errors(repo, result.path) == []


def test_the_robot_avoids_a_page_in_content_beside_the_records(tmp_path):
    repo = make_repo(tmp_path, {"content/da/leverandorer/saadan-virker-det.md": "# Sådan virker det\n"})
    body = replace_answer(fixture("ny-leverandor"), "Virksomhedens navn", "Sådan virker det")
    result = forms.submit(event(body), repo, today=TODAY)
    assert (result.ok, result.path) == (True, "data/suppliers/saadan-virker-det-2.yml"), result.reply
