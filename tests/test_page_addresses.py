"""Each language's addresses in its own words: Swedish pages under Swedish folder and file names, Danish ones under
Danish names (bro.urls.CONTENT_PAGES, the vocabularies' names for category and area pages), and the language switch
of every page leads to a page that exists in the other language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bro import urls
from bro.catalog import load_catalog
from bro.problems import format_problem
from bro.vocab import check_page_names, load_vocabularies
from helpers import FIXTURES, ROOT, TODAY, expected_messages, make_repo

VOCAB_FIXTURES = FIXTURES / "vocabularies"
VOCAB = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)
# Folder and file words of one language that must not stand in the other language's addresses.
DANISH = {"vidensbank", "bidrag", "udbud", "udbudsplan", "fjernelse", "interesse", "eksempler", "arrangementer",
          "ordliste", "leverandorer", "omraade", "privatliv", "tilgaengelighed", "ordregiver", "alle", "rengoering",
          "barrierer", "klausuler", "velfaerdsydelser", "taerskelvaerdierne", "kontrakter", "og"}
SWEDISH = {"kunskapsbank", "bidra", "inkop", "intresse", "bort", "exempel", "evenemang", "ordlista", "leverantorer",
           "omrade", "upphandlingsplan", "myndighet", "alla", "integritet", "tillganglighet", "oppna", "stadning",
           "hinder", "losningar", "kontraktsvillkor", "valfardstjanster", "troskelvardena", "kontrakt", "och"}


def _tokens(path: str, lang: str) -> set[str]:
    """The words of an address; a record's page counts by its folder only (its file name is the record's own, the
    same in both languages)."""
    output = urls.covering(path, lang)
    if output and urls.OUTPUTS[output].kind in ("supplier", "tender", "case", "buyer", "organisation"):
        path = path.rsplit("/", 1)[0]
    return set(re.split(r"[/._-]+", path.lower()))


def _english_codes() -> set[str]:
    """Words of the categories' codes (English), less those that are also words of a label."""
    words = {w for code in VOCAB.codes("categories") for w in code.lower().split("_")}
    labels = {w for lang in ("da", "sv") for slug in urls.term_slugs(VOCAB, "category", lang).values()
              for w in slug.split("-")}
    return words - labels


def _pages(site: Path, lang: str) -> list[str]:
    return sorted(p.relative_to(site / lang).as_posix() for p in (site / lang).rglob("*")
                  if p.is_file() and p.suffix in (".html", ".ics", ".xml") and "assets" not in p.parts)


# ------------------------------------------------------------------------------------------------- the table


def test_the_content_table_names_every_content_page_in_both_languages():
    for lang in ("da", "sv"):
        files = {p.relative_to(ROOT / "content" / lang).as_posix() for p in (ROOT / "content" / lang).rglob("*.md")}
        assert files == {table[lang] for table in urls.CONTENT_PAGES.values()}, lang


@pytest.mark.parametrize("key,lang,path", [
    ("announce", "da", "bidrag/udbud.html"), ("announce", "sv", "bidra/inkop.html"),
    ("interest", "sv", "bidra/intresse.html"), ("removal", "sv", "bidra/ta-bort.html"),
    ("open_data", "da", "data.html"), ("open_data", "sv", "oppna-data.html"),
    ("getting_started", "sv", "kunskapsbank/kom-igang.html"), ("privacy", "sv", "integritet.html"),
])
def test_content_path(key, lang, path):
    assert urls.content_path(key, lang) == path


@pytest.mark.parametrize("text,lang,slug", [
    ("Rengøring", "da", "rengoering"), ("Städning", "sv", "stadning"), ("Aarhus", "da", "aarhus"),
    ("Göteborg", "sv", "goteborg"), ("Göteborg", "da", "goeteborg"), ("Ærø", "da", "aeroe"), ("Åre", "sv", "are"),
    ("Mad og forplejning", "da", "mad-og-forplejning"), ("IT-tjänster & återbruk", "sv", "it-tjanster-aterbruk"),
    ("Café", "sv", "cafe"), ("—", "da", ""),
])
def test_slugify(text, lang, slug):
    assert urls.slugify(text, lang) == slug


@pytest.mark.parametrize("kind,code,lang,path", [
    ("category", "cleaning", "da", "leverandorer/kategori/rengoering.html"),
    ("category", "cleaning", "sv", "leverantorer/kategori/stadning.html"),
    ("area", "DK-751", "da", "leverandorer/omraade/aarhus.html"),
    ("area", "SE-1480", "sv", "leverantorer/omrade/goteborg.html"),
    ("area", "SE-1480", "da", "leverandorer/omraade/goeteborg.html"),
    ("area", "SE-0305", "sv", "leverantorer/omrade/habo-uppsala-lan.html"),   # its own slug: Habo has "habo"
    ("area", "SE-0643", "sv", "leverantorer/omrade/habo.html"),
])
def test_category_and_area_pages_are_named_by_their_labels(kind, code, lang, path):
    assert urls.term_path(VOCAB, kind, code, lang) == path


def test_the_real_vocabularies_give_every_page_a_free_name():
    assert check_page_names(VOCAB) == []


@pytest.mark.parametrize("path,source,target,expected", [
    ("bidrag/udbud.html", "da", "sv", "bidra/inkop.html"),
    ("kunskapsbank/hinder-och-losningar.html", "sv", "da", "vidensbank/barrierer.html"),
    ("leverandorer/kategori/rengoering.html", "da", "sv", "leverantorer/kategori/stadning.html"),
    ("leverantorer/omrade/goteborg.3.html", "sv", "da", "leverandorer/omraade/goeteborg.3.html"),
    ("vidensbank/eksempler/x.html", "da", "sv", "kunskapsbank/exempel/x.html"),
    ("vidensbank/ordliste.html", "da", "sv", "kunskapsbank/ordlista.html"),
    ("leverandorer/madvaerket.html", "da", "sv", "leverantorer/madvaerket.html"),
    ("leverandorer/kategori/no-such-category.html", "da", "sv", None),
    ("nowhere.html", "sv", "da", None),
])
def test_translate_path(path, source, target, expected):
    assert urls.translate_path(path, source, target, VOCAB) == expected


# ------------------------------------------------------------------------------------------------- the validator


def _vocabulary_messages(tmp: Path, path: Path) -> list[str]:
    """Error lines for a vocabulary fixture put in place of the vocabulary its '# vocabulary:' line names."""
    name = re.search(r"^# vocabulary: (\w+)$", path.read_text(encoding="utf-8"), re.M).group(1)
    repo = make_repo(tmp)
    rel = f"data/vocabularies/{name}.yml"
    (repo / rel).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return [format_problem(p).removeprefix(rel + ":") for p in load_catalog(repo, today=TODAY).problems
            if p.file == rel and p.severity == "error"]


@pytest.mark.parametrize("path", sorted((VOCAB_FIXTURES / "invalid").glob("*.yml")), ids=lambda p: p.stem)
def test_invalid_vocabulary_fixture_reports_exactly_expected(path: Path, tmp_path: Path):
    expected = expected_messages(path)
    assert expected
    assert _vocabulary_messages(tmp_path, path) == expected


@pytest.mark.parametrize("path", sorted((VOCAB_FIXTURES / "valid").glob("*.yml")), ids=lambda p: p.stem)
def test_valid_vocabulary_fixture_has_no_errors(path: Path, tmp_path: Path):
    assert _vocabulary_messages(tmp_path, path) == []


def test_vocabulary_fixtures_are_named_field_reason():
    assert {p.stem for p in VOCAB_FIXTURES.glob("invalid/*.yml")} >= {"slug_taken", "slug_invalid"}
    assert all("_" in p.stem for p in VOCAB_FIXTURES.glob("*/*.yml"))


def test_the_messages_exist_in_every_language(tmp_path):
    problems = _vocabulary_problems(tmp_path)
    for lang in ("da", "sv", "en"):
        for problem in problems:
            assert problem.code not in format_problem(problem, lang), (lang, problem.code)


def _vocabulary_problems(tmp: Path):
    repo = make_repo(tmp)
    rel = "data/vocabularies/categories.yml"
    (repo / rel).write_text((VOCAB_FIXTURES / "invalid" / "slug_taken.yml").read_text(encoding="utf-8")
                            + (VOCAB_FIXTURES / "invalid" / "slug_invalid.yml").read_text(encoding="utf-8")
                            .replace("cleaning:", "cleaning_2:"), encoding="utf-8")
    problems = [p for p in load_catalog(repo, today=TODAY).problems if p.file == rel]
    assert {p.code for p in problems} == {"vocab.slug_taken", "vocab.slug_invalid"}
    return problems


# ------------------------------------------------------------------------------------------------- the built site


def test_swedish_addresses_have_no_danish_or_english_words(built_site):
    english = _english_codes()
    for path in _pages(built_site, "sv"):
        assert not _tokens(path, "sv") & (DANISH | english), path


def test_danish_addresses_have_no_swedish_or_english_words(built_site):
    english = _english_codes()
    for path in _pages(built_site, "da"):
        assert not _tokens(path, "da") & (SWEDISH | english), path


@pytest.mark.parametrize("lang,other", [("da", "sv"), ("sv", "da")])
def test_every_pages_language_switch_leads_to_a_page_of_the_other_language(built_site, lang, other):
    home = (built_site / other / "index.html").resolve()
    for rel in _pages(built_site, lang):
        if not rel.endswith(".html") or rel == "404.html":   # 404.html: absolute links (tests/test_build.py)
            continue
        page = built_site / lang / rel
        html = page.read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)" hreflang="' + other + r'"[^>]*class="bro-lang__link"([^>]*)>', html)
        assert link, rel
        target = (page.parent / link.group(1)).resolve()
        assert target.is_file(), (rel, link.group(1))
        if target == home and rel != "index.html":
            assert "title=" in link.group(2), rel      # a page without a counterpart says where the link goes


@pytest.mark.parametrize("key", sorted(urls.CONTENT_PAGES))
def test_each_content_page_switches_to_its_counterpart(built_site, key):
    for lang, other in (("da", "sv"), ("sv", "da")):
        html = (built_site / lang / urls.content_path(key, lang)).read_text(encoding="utf-8")
        wanted = re.escape(f"{other}/{urls.content_path(key, other)}")
        assert re.search(r'href="[./]*' + wanted + f'" hreflang="{other}"', html), (lang, key)


def test_a_page_without_counterpart_leads_home_and_says_so(built_site, tmp_path):
    """Through the hook: a page that only one language has."""
    import sys
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import language
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    entry = language._alternate("only-in-danish.html", "da", "sv", None)
    assert entry["link"] == "../sv/index.html"
    assert entry["note"] == "Denne side findes ikke på svensk. Linket fører til den svenske forside."
    entry = language._alternate("bara-pa-svenska.html", "sv", "da", None)
    assert entry["link"] == "../da/index.html"
    assert entry["note"] == "Sidan finns inte på danska. Länken leder till den danska startsidan."
    assert "note" not in language._alternate("bidrag/udbud.html", "da", "sv", None)
