"""The knowledge bank's collections: cases lead to suppliers, events split by date, glossary in both orders."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from bro import i18n, knowledge, urls
from bro.catalog import load_catalog
from helpers import ROOT, TODAY, make_repo

# Month names as the pages write dates (written out here, not taken from the code under test).
DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december"]
SV_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
             "november", "december"]


def test_a_reserved_case_leads_to_eligible_suppliers_only(tmp_path):
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    assert knowledge.could_do_the_same(catalog, "case-complete") == ["supplier-complete"]
    context = knowledge.case_context(catalog, "case-complete", "sv")
    assert context["supplier_link"]["path"] == "leverantorer/supplier-complete.html"
    assert context["instrument_page"] == "kunskapsbank/reserverade-kontrakt.html"
    assert knowledge.case_context(catalog, "case-complete", "da")["instrument_page"] == \
        "vidensbank/reserverede-kontrakter.html"
    assert context["entries"] == [{"slug": "tender-complete", "title": "Grönyteskötsel vid skolor i Aarhus",
                                   "path": urls.record_path("tender", "tender-complete", "sv"), "lang": None}]


def test_events_split_by_build_date(tmp_path):
    repo = make_repo(tmp_path)
    before = knowledge.events_context(load_catalog(repo, today=dt.date(2027, 3, 11)), "da")
    after = knowledge.events_context(load_catalog(repo, today=dt.date(2027, 3, 12)), "da")
    assert [e["start"] for e in before["upcoming"]] == ["2027-03-10"] and before["past"] == []
    assert after["upcoming"] == [] and [e["start"] for e in after["past"]] == ["2027-03-10"]


def test_glossary_is_sorted_in_the_readers_language(tmp_path):
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    terms = knowledge.glossary_context(catalog, "sv")["terms"]
    assert [t["sv"] for t in terms] == sorted((t["sv"] for t in terms), key=str.casefold)


def test_every_instrument_and_reservation_has_a_knowledge_page_in_both_languages():
    for key in {*knowledge.INSTRUMENT_PAGES.values(), *knowledge.RESERVATION_PAGES.values(),
                *knowledge.PROCEDURE_PAGES.values()}:
        for lang in ("da", "sv"):
            assert (ROOT / "content" / lang / urls.CONTENT_PAGES[key][lang]).is_file(), (lang, key)


def test_knowledge_pages_in_the_built_site(built_site):
    catalog = load_catalog(ROOT, today=TODAY)
    for lang in ("da", "sv"):
        for slug in catalog.cases:
            assert (built_site / lang / urls.record_path("case", slug, lang)).is_file()
        glossary = (built_site / lang / f"{urls.PAGES['glossary'][lang]}.html").read_text(encoding="utf-8")
        for term in catalog.glossary.values():
            assert term.data["sv"] in glossary and term.data["da"] in glossary
        events = Calendar.from_ical((built_site / lang / f"{urls.PAGES['events'][lang]}.ics").read_bytes())
        assert len([c for c in events.walk() if c.name == "VEVENT"]) == len(catalog.events)
    footer = (built_site / "sv" / "index.html").read_text(encoding="utf-8")
    assert 'href="tillganglighet.html"' in footer and 'href="integritet.html"' in footer


def _reviewed(path: Path) -> dt.date:
    """The 'reviewed' date in a content page's front matter."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])["reviewed"]


def test_knowledge_pages_show_when_they_were_reviewed(built_site):
    day = _reviewed(ROOT / "content" / "da" / "vidensbank" / "reserverede-kontrakter.md")
    page = (built_site / "da" / "vidensbank" / "reserverede-kontrakter.html").read_text(encoding="utf-8")
    assert f"Senest gennemgået {day.day}. {DA_MONTHS[day.month - 1]} {day.year}." in page
    day = _reviewed(ROOT / "content" / "sv" / "kunskapsbank" / "reserverade-kontrakt.md")
    page = (built_site / "sv" / "kunskapsbank" / "reserverade-kontrakt.html").read_text(encoding="utf-8")
    assert f"Senast granskad {day.day} {SV_MONTHS[day.month - 1]} {day.year}." in page


def test_case_page_marks_an_entry_title_shown_in_the_other_language(tmp_path):
    from bro.render import make_environment
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    entry, title = catalog.tenders["tender-complete"], {"sv": "Grönyteskötsel vid skolor i Aarhus"}
    catalog.tenders["tender-complete"] = dataclasses.replace(entry, data={**entry.data, "title": title}, title=title)
    env = make_environment(ROOT / "overrides" / "bro", "da", catalog.vocab, catalog)
    html = env.get_template("case.html").render(root="../../", **knowledge.case_context(catalog, "case-complete", "da"))
    assert '<span lang="sv">Grönyteskötsel vid skolor i Aarhus</span></a></li>' in html


def test_events_context_offers_the_calendar_and_a_way_to_suggest_an_event():
    catalog = load_catalog(ROOT, today=TODAY)
    context = knowledge.events_context(catalog, "sv", "https://github.com/example/bro/", "https://example.org/bro/",
                                       "redaktion@example.org")
    assert context["calendar"] == "evenemang.ics"
    assert context["editors_mailto"] == "mailto:redaktion@example.org"
    assert context["calendar_url"] == "https://example.org/bro/sv/kunskapsbank/evenemang.ics"
    assert context["suggest_url"].startswith("https://github.com/example/bro/issues/new?title=F%C3%B6rslag")
    assert "body=Evenemangets%20namn%3A%0A" in context["suggest_url"]
    assert context["contribute"] == "bidra/index.html"
    bare = knowledge.events_context(catalog, "da")
    assert bare["suggest_url"] is None and bare["calendar_url"] is None and bare["editors_mailto"] is None


EVENTS_PAGE = {"da": ("Der er ingen kommende arrangementer lige nu.", "Abonnér på kalenderen",
                      "Foreslå et arrangement", "Tidligere arrangementer"),
               "sv": ("Det finns inga kommande evenemang just nu.", "Prenumerera på kalendern",
                      "Föreslå ett evenemang", "Tidigare evenemang")}


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_events_page_says_first_that_nothing_is_coming_and_keeps_the_past_as_an_archive(built_site, lang):
    """The sample events all lie before the build date: the page says so at the top, then offers the calendar
    subscription and how to suggest an event, and lists every past event under its own heading."""
    catalog = load_catalog(ROOT, today=TODAY)
    none, subscribe, suggest, past = EVENTS_PAGE[lang]
    page = built_site / lang / f"{urls.PAGES['events'][lang]}.html"
    html = page.read_text(encoding="utf-8")
    body = html[html.index("<h1"):]
    headings = re.findall(r'<h2 id="[^"]+">([^<]+)', body)
    assert headings[:3] == [subscribe, suggest, past]
    assert body.index(none) < body.index(f">{subscribe}<"), "the plain statement comes before anything else"
    assert not re.search(r"<h2[^>]*>(Kommende|Kommande)", body), "no empty 'upcoming' section"
    calendar = re.search(r'<a href="([^"]+\.ics)" type="text/calendar"', body).group(1)
    assert (page.parent / calendar).is_file()
    assert re.search(rf'<code[^>]*>https://[^<]+/{lang}/{urls.PAGES["events"][lang]}\.ics</code>', body)
    assert re.search(r'href="https://github\.com/[^"]+/issues/new\?title=', body)
    email = {"da": "Du kan skrive til dem på", "sv": "Du kan skriva till dem på"}[lang]
    assert re.search(rf'{email} <a href="mailto:[^"@]+@[^"]+">[^<]+@[^<]+</a>', body), "the route without an account"
    contribute = re.search(r'<a href="(\.\./[^"]+)">(Bidrag til Bro|Bidra till Bro)</a>', body).group(1)
    assert (page.parent / contribute).resolve().is_file()
    archive = body[body.index(f">{past}<"):]
    for event in catalog.events.values():
        assert i18n.localize(event.data["title"], lang).text in archive
