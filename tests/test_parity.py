"""Both languages say the same things: the menus have the same shape and name each page by its title, every
knowledge-bank page has its counterpart in the other language, and the sources each page credits are credited in
both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bro import i18n, urls, views
from helpers import ROOT

LANGS = ("da", "sv")
# Generated pages in the menu (no Markdown file in content/): their source → the label of their title.
GENERATED_TITLES = {lang: {urls.list_source("supplier", lang): views.list_title("supplier", lang),
                           urls.list_source("tender", lang): views.list_title("tender", lang),
                           urls.list_source("case", lang): views.list_title("case", lang),
                           urls.page_source("events", lang): i18n.label("events.title", lang).text,
                           urls.page_source("glossary", lang): i18n.label("glossary.title", lang).text,
                           **{urls.source_of(urls.help_path(country, lang)):
                              i18n.label(f"help.title_{country.lower()}", lang).text for country in ("DK", "SE")}}
                    for lang in LANGS}
# Names a page credits, which its counterpart must credit too (content page key → names, as written in both).
CREDITS = {
    "getting_started": ["Upphandlingsmyndigheten", "Coompanion", "Kooperationen", "Udviklingsforum for sociale indkøb",
                        "2023"],
    "barriers": ["Buy Social Taskforce Danmark", "Social Enterprise World Forum", "SEWF", "RSV", "Skoopi",
                 "Social Trade"],
    "social_clauses": ["dialogkrav", "Nordanstig", "Upphandlingsmyndigheten", "§ 176", "17 kap. 1 §"],
}


def _nav(lang: str) -> list:
    """The menu of lang's site as mkdocs.<lang>.yml writes it (its other keys use tags PyYAML does not know)."""
    text = (ROOT / f"mkdocs.{lang}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text[text.index("\nnav:") + 1:])["nav"]


def _entries(nav: list) -> list[tuple[str | None, str]]:
    """Every page in a menu, in order: (its label, or None for a section's own page; its Markdown source). A
    section's label belongs to its own page, its first entry without a label; a section without such a page (the
    forms under Bidrag / Bidra) is a heading only, and its pages keep their own labels."""
    found = []
    for item in nav:
        if isinstance(item, str):
            found.append((None, item))
            continue
        (label, value), = item.items()
        if isinstance(value, list):
            first, *rest = _entries(value)
            found += [(label, first[1]) if first[0] is None else first, *rest]
        else:
            found.append((label, value))
    return found


def _title(lang: str, source: str) -> str:
    """A page's title: its front matter's, or the label that titles a generated page."""
    if source in GENERATED_TITLES[lang]:
        return GENERATED_TITLES[lang][source]
    text = (ROOT / "content" / lang / source).read_text(encoding="utf-8")
    return re.search(r"^title:\s*(.+?)\s*$", text, re.MULTILINE).group(1)


def _key(lang: str, source: str) -> str:
    """The page's key in bro.urls (a content page or a generated one), the same in both languages."""
    for key, sources in urls.CONTENT_PAGES.items():
        if sources[lang] == source:
            return key
    return next(f"generated:{i}" for i, generated in enumerate(GENERATED_TITLES[lang]) if generated == source)


@pytest.mark.parametrize("lang", LANGS)
def test_menu_labels_are_the_page_titles(lang):
    """A label is the page's title or its first words ("Kom i gang" for "Kom i gang med sociale indkøb"), never
    other words for the same page; the home page's label is the menu's word for home."""
    wrong = []
    for label, source in _entries(_nav(lang)):
        if label is None or source == urls.CONTENT_PAGES["home"][lang]:
            continue
        title = _title(lang, source)
        if not title.startswith(label):
            wrong.append(f"{source}: menu says {label!r}, the page is titled {title!r}")
    assert wrong == []


def test_both_menus_list_the_same_pages_in_the_same_order():
    da, sv = ([_key(lang, source) for _, source in _entries(_nav(lang))] for lang in LANGS)
    assert da == sv


def test_every_written_page_is_in_the_menu_and_has_its_counterpart():
    for lang in LANGS:
        written = {p.relative_to(ROOT / "content" / lang).as_posix() for p in (ROOT / "content" / lang).rglob("*.md")}
        known = {sources[lang] for sources in urls.CONTENT_PAGES.values()}
        assert written == known, f"content/{lang} and bro.urls.CONTENT_PAGES differ: {written ^ known}"
        in_menu = {source for _, source in _entries(_nav(lang))}
        assert known <= in_menu, f"not in the {lang} menu: {known - in_menu}"
    for key, sources in urls.CONTENT_PAGES.items():
        for lang in LANGS:
            assert (ROOT / "content" / lang / sources[lang]).is_file(), (key, lang)


@pytest.mark.parametrize(("key", "names"), CREDITS.items())
def test_each_language_credits_the_same_sources(key, names):
    for lang in LANGS:
        text = Path(ROOT / "content" / lang / urls.CONTENT_PAGES[key][lang]).read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]  # the reader's text, not the editors' review points
        missing = [name for name in names if name not in body]
        assert missing == [], f"{urls.CONTENT_PAGES[key][lang]} does not name {missing}"


def _body(key: str, lang: str) -> str:
    """A knowledge page's reader text (not its front matter, where the editors' review points are)."""
    text = (ROOT / "content" / lang / urls.CONTENT_PAGES[key][lang]).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def _section(body: str, anchor: str) -> str:
    """The text of the section whose heading has the anchor { #anchor }, up to the next heading of its level."""
    match = re.search(rf"^## [^\n]*\{{ #{anchor} \}}\n(.*?)(?=^## |\Z)", body, re.MULTILINE | re.DOTALL)
    assert match, f"no section #{anchor}"
    return match.group(1)


def test_each_clause_page_has_a_section_on_the_other_country():
    """The Danish clause page tells about Sweden, and the Swedish one about Denmark: the training requirement of
    udbudsloven § 176, stk. 2-4, with its exceptions."""
    assert "17 kap. 1 §" in _section(_body("social_clauses", "da"), "sverige")
    danish = _section(_body("social_clauses", "sv"), "danmark")
    for point in ("§ 176 stk. 2-4", "1 juli 2022", "säkerhetsrisk", "tilbudsloven", "följ eller förklara"):
        assert point in danish, point


def test_both_iop_pages_set_the_same_limits():
    """A partnership stays within procurement law and state aid rules, in Denmark and in Sweden, on both pages."""
    words = {"da": ("statsstøtte", "udbudsreglerne"), "sv": ("statsstöd", "upphandlingsreglerna")}
    for lang, (state_aid, procurement) in words.items():
        body = _body("partnerships", lang)
        for anchor in ("danmark", "sverige" if lang == "da" else "iop"):
            section = _section(body, anchor)
            assert state_aid in section, (lang, anchor, state_aid)
            assert procurement in section or "LOU" in section, (lang, anchor, procurement)


def test_both_innovation_pages_say_the_solution_is_bought_without_a_new_procurement():
    assert "købe den uden et nyt udbud" in _body("innovation_partnerships", "da")
    assert "köpa den utan en ny upphandling" in _body("innovation_partnerships", "sv")


def test_both_below_threshold_pages_say_swedish_buyers_must_have_guidelines():
    """The Swedish rule (LOU 19 a kap.) on both pages; Denmark's own local purchasing policies on both pages."""
    assert "riktlinjer för direktupphandling" in _section(_body("below_thresholds", "sv"), "sverige")
    sweden = _section(_body("below_thresholds", "da"), "sverige")
    assert "retningslinjer for direktupphandling" in sweden and "LOU 19 a kap." in sweden
    assert "indkøbspolitik" in _section(_body("below_thresholds", "da"), "danmark")
    assert "inköpspolicy" in _section(_body("below_thresholds", "sv"), "danmark")
