"""Who runs Bro (data/site.yml): loaded into typed details, every problem reported with file, line and field, the
environment's settings checked like the file's; the pages name the operator and the authorities only through
placeholders, show what the file says (change the file, the page changes), and hold every required point of the
GDPR art. 13 notice and of the Danish (digst.dk, WAS-Tool) and Swedish (Digg) accessibility statement templates."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from bro import content, settings, siteinfo, urls
from bro.build import build
from bro.catalog import load_catalog
from bro.problems import format_problem
from bro.schema import SchemaSet
from helpers import ROOT, TODAY, make_repo

SITE_YML = (ROOT / "data" / "site.yml").read_text(encoding="utf-8")
FRONT = "---\ntitle: Side\ndescription: En side.\n---\n\n"  # the body starts on line 6


def _site_problems(tmp_path: Path, text: str) -> list[str]:
    """Every problem reported for data/site.yml in a repository with this file."""
    catalog = load_catalog(make_repo(tmp_path, {"data/site.yml": text}), today=TODAY)
    return [format_problem(p) for p in catalog.problems if p.file == siteinfo.FILE or p.file.startswith("BRO_")]


def _page_text(site: Path, lang: str, key: str) -> str:
    """A built content page as the reader reads it: text without tags, and its links as (text, address)."""
    page = (site / lang / urls.content_path(key, lang).replace(".md", ".html")).read_text(encoding="utf-8")
    article = page.split('<article', 1)[1].split("</article>", 1)[0]
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", article).split()))


def _links(site: Path, lang: str, key: str) -> dict[str, str]:
    """The links of a built content page's article: address → text."""
    page = (site / lang / urls.content_path(key, lang).replace(".md", ".html")).read_text(encoding="utf-8")
    article = page.split('<article', 1)[1].split("</article>", 1)[0]
    return {html.unescape(href): html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
            for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', article, re.S)}


# --- the file ----------------------------------------------------------------------------------------------------


def test_the_real_file_loads_as_typed_details_and_warns_while_it_is_an_example():
    catalog = load_catalog(ROOT, today=TODAY)
    site = catalog.site
    assert isinstance(site, siteinfo.SiteInfo) and site.sample is True
    assert site.operator.name == "Foreningen Bro" and site.operator.email == "kontakt@example.org"
    assert site.operator.email.endswith("example.org"), "the example operator must not be anyone's real address"
    assert site.accessibility.contact.email == site.operator.email  # no address of its own: the operator's
    assert site.accessibility.updated == dt.date(2026, 11, 23)
    assert site.authorities["DK"].data_protection.name == "Datatilsynet"
    assert site.authorities["SE"].accessibility.url == "https://www.digg.se/tdosanmalan"
    assert [format_problem(p) for p in catalog.problems if p.file == siteinfo.FILE] == [
        "data/site.yml:12:9: warning: sample: The details of who runs Bro in data/site.yml are examples (sample: "
        "true), and the privacy page and the accessibility statement show them. Before Bro is used for real, write the "
        "real organisation's name, postal address and e-mail here, and set sample: false."]


def test_missing_and_wrong_fields_are_each_reported_with_file_line_and_field(tmp_path):
    text = (SITE_YML.replace("  email: kontakt@example.org\n", "")
            .replace("      url: https://www.digg.se/tdosanmalan\n", "")
            .replace('postcode: "2500"', 'postcode: "25000x"')
            .replace("sample: true", "sample: false"))
    assert _site_problems(tmp_path, text) == [
        "data/site.yml:14:3: error: operator.email: The field 'email' is missing and must be filled in.",
        "data/site.yml:34:19: error: authorities.DK.data_protection.address.postcode: '25000x' is not in the "
        "expected form: pattern ^[0-9]{3} ?[0-9]{1,2}$.",
        "data/site.yml:61:7: error: authorities.SE.accessibility.url: The field 'url' is missing and must be filled "
        "in."]


def test_without_the_file_the_pages_cannot_be_built(tmp_path):
    repo = make_repo(tmp_path, {"content/da/side.md": FRONT + "Drevet af {{ operator.name }}.\n"})
    (repo / "data" / "site.yml").unlink()
    assert [format_problem(p) for p in load_catalog(repo, today=TODAY).errors] == [
        "content/da/side.md:6:11: error: '{{ operator.name }}' needs the details of who runs Bro, but data/site.yml "
        "does not exist. Create the file (copy the one in Bro's repository) or take the placeholder out of the page."]


def test_an_environment_setting_replaces_the_file_and_is_checked_like_it():
    catalog, schemas = load_catalog(ROOT, today=TODAY), SchemaSet(ROOT / "schemas")
    site, problems = siteinfo.load(ROOT, schemas, catalog.vocab, TODAY, {
        "BRO_OPERATOR_NAME": "Socialøkonomisk Sekretariat", "BRO_ACCESSIBILITY_PHONE": "+45 70 20 30 40",
        "BRO_OPERATOR_EMAIL": " "})  # empty: not given
    assert site.operator.name == "Socialøkonomisk Sekretariat" and site.operator.email == "kontakt@example.org"
    assert site.accessibility.contact.phone == "+45 70 20 30 40"
    site, problems = siteinfo.load(ROOT, schemas, catalog.vocab, TODAY, {"BRO_OPERATOR_EMAIL": "kontakt(at)bro.dk"})
    assert site is None
    assert [format_problem(p) for p in problems if p.severity == "error"] == [
        "BRO_OPERATOR_EMAIL:1:1: error: operator.email: 'kontakt(at)bro.dk' is not in the expected form: pattern "
        + siteinfo_email_pattern() + "."]


def test_the_statement_s_dates_are_in_order_and_at_most_a_year_old(tmp_path):
    text = SITE_YML.replace("assessed: 2026-11-23", "assessed: 2026-11-01").replace(
        "updated: 2026-11-23", "updated: 2027-01-05")
    problems = [p for p in _site_problems(tmp_path, text) if ": sample: " not in p]
    assert problems[0] == ("data/site.yml:24:13: error: accessibility.assessed: '2026-11-01' is before the day the "
                           "statement was first prepared (2026-11-23). Correct one of the two dates.")
    assert problems[1] == ("data/site.yml:25:12: warning: accessibility.updated: '2027-01-05' is a day that has not "
                           "come yet. Write the day it actually happened.")
    repo = make_repo(tmp_path / "old", {"data/site.yml": SITE_YML})
    stale = [format_problem(p) for p in load_catalog(repo, today=dt.date(2027, 11, 24)).problems
             if p.code == "site.statement_stale"]
    assert stale == ["data/site.yml:25:12: warning: accessibility.updated: The accessibility statement was last "
                     "updated on 2026-11-23, more than a year ago. It must be updated at least once a year: go through "
                     "the statement and the tests, then write the day you did it here."]


# --- placeholders ------------------------------------------------------------------------------------------------


def test_a_placeholder_that_names_nothing_or_nothing_set_is_refused_with_its_place(tmp_path):
    body = "Kontakt {{ operator.phone }}.\n\nSkriv til {{ operatør.navn }} eller {{ operator.mail }}.\n"
    repo = make_repo(tmp_path, {"content/da/side.md": FRONT + body})
    assert [format_problem(p) for p in load_catalog(repo, today=TODAY).errors] == [
        "content/da/side.md:6:9: error: '{{ operator.phone }}' names 'operator.phone', which data/site.yml does not "
        "fill in. Add it to data/site.yml, or take the placeholder out of the page.",
        "content/da/side.md:8:11: error: '{{ operatør.navn }}' names nothing Bro knows ('operatør.navn'). A "
        "placeholder names a part of data/site.yml or the editors (editors.email, from mkdocs.yml), for example: "
        "accessibility.contact, accessibility.updated, authorities.DK.data_protection, "
        "authorities.SE.accessibility.url, editors.email, operator, operator.email, operator.name.",
        "content/da/side.md:8:37: error: '{{ operator.mail }}' names nothing Bro knows ('operator.mail'). A "
        "placeholder names a part of data/site.yml or the editors (editors.email, from mkdocs.yml), for example: "
        "accessibility.contact, accessibility.updated, authorities.DK.data_protection, "
        "authorities.SE.accessibility.url, editors.email, operator, operator.email, operator.name."]


def test_the_editors_placeholders_show_the_setting_and_need_no_site_file(tmp_path):
    """{{ editors.email }}, {{ editors.name }} and {{ editors }} show mkdocs.yml's bro_editors_email (a stand-in
    here), never marked as an example of data/site.yml; the validator fills them in from the repository's mkdocs.yml
    and never asks data/site.yml for them."""
    site = load_catalog(ROOT, today=TODAY).site
    for lang in ("da", "sv"):
        editors = siteinfo.editors("name@example.org", lang)
        assert siteinfo.expand("Skriv til {{ editors.email }}.", site, lang, editors) == (
            r"Skriv til [name@example\.org](mailto:name@example.org).")
        assert siteinfo.expand("{{editors.name}}", None, lang, editors) == "Redaktionen"
        assert "mailto:name@example.org" in siteinfo.expand("{{ editors }}", site, lang, editors)
        with pytest.raises(siteinfo.PlaceholderError):
            siteinfo.expand("{{ editors.email }}", site, lang)  # the hook always gives the setting
        with pytest.raises(siteinfo.PlaceholderError):
            siteinfo.expand("{{ editors.phone }}", site, lang, editors)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    body = "Skriv til {{ editors.email }} ({{ editors.name }}).\n"
    repo = make_repo(tmp_path, {"content/sv/sida.md": FRONT + body, "mkdocs.yml": config})
    (repo / "data" / "site.yml").unlink()
    assert [p for p in load_catalog(repo, today=TODAY).problems if p.file.startswith("content/")] == []
    text, issues = siteinfo.check_placeholders(body, None, "sv", True, siteinfo.editors("name@example.org", "sv"))
    assert issues == [] and text.startswith(r"Skriv til [name@example\.org](mailto:name@example.org)")


def test_what_the_file_holds_is_shown_as_text_never_as_markup():
    site = load_catalog(ROOT, today=TODAY).site
    hostile = site.operator.__class__(**{**site.operator.__dict__, "name": "Bro *A/S* [klik](javascript:x) <b>"})
    site = siteinfo.SiteInfo(False, hostile, site.accessibility, site.authorities)
    rendered = markdown.markdown(siteinfo.expand("Drevet af {{ operator.name }}.\n\n{{ operator }}\n", site, "da"))
    assert "Drevet af Bro *A/S* [klik](javascript:x) &lt;b&gt;." in rendered
    assert "<em>" not in rendered and "javascript" not in re.sub(r">[^<]*<", "><", rendered)
    assert '<a href="mailto:kontakt@example.org">kontakt@example.org</a>' in rendered
    assert "Eksempelvej 1, 8000 Aarhus C" in rendered and "Danmark" not in rendered  # a page's own country: no name
    assert "Eksempelvej 1, 8000 Aarhus C, Danmark" in siteinfo.expand("{{ operator.address }}", site, "sv")


def test_no_page_writes_the_operator_or_an_authority_itself():
    data = yaml.safe_load(SITE_YML)
    organisations = [data["operator"]] + [org for country in data["authorities"].values() for org in country.values()]
    written = {value for org in organisations for value in (org["name"], org.get("email"), org.get("url"),
                                                             org["address"]["street"]) if value}
    bodies = {path: content.FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))  # the editors' points may name them
              for path in sorted((ROOT / "content").rglob("*.md"))}
    found = [f"{path.relative_to(ROOT)}: {value}" for path, body in bodies.items() for value in written
             if value in body]
    assert found == [], "name them with a placeholder, e.g. {{ operator.name }}:\n" + "\n".join(found)


# --- the pages show the file -------------------------------------------------------------------------------------


def test_the_pages_show_what_the_file_and_the_environment_say(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                                              ".site-*", "node_modules"))
    (repo / "data" / "site.yml").write_text(
        SITE_YML.replace("sample: true", "sample: false")
        .replace("name: Foreningen Bro", "name: Sekretariatet for Sociale Indkøb")
        .replace("street: Eksempelvej 1", "street: Vestergade 9")
        .replace("email: kontakt@example.org", 'email: post@sociale-indkob.example.dk\n  phone: "+45 70 11 22 33"\n'
                 "  dpo:\n    email: dpo@sociale-indkob.example.dk")
        .replace("updated: 2026-11-23", "updated: 2026-11-25")
        .replace("https://www.digg.se/tdosanmalan", "https://www.digg.se/anmalan-test"), encoding="utf-8")
    monkeypatch.setenv("BRO_ACCESSIBILITY_EMAIL", "tilgaengelighed@sociale-indkob.example.dk")
    monkeypatch.setenv("BRO_EDITORS_EMAIL", "redaktion@sociale-indkob.example.dk")  # mkdocs.yml's setting
    assert build(repo, tmp_path / "site", today=TODAY) == 0
    site = tmp_path / "site"
    for lang in ("da", "sv"):
        privacy, statement = _page_text(site, lang, "privacy"), _page_text(site, lang, "accessibility")
        assert "Sekretariatet for Sociale Indkøb" in privacy and "Vestergade 9, 8000 Aarhus C" in privacy
        assert "Foreningen Bro" not in privacy + statement
        assert siteinfo.i18n.label("site.sample_block", lang).text not in privacy  # sample: false
        assert ("Databeskyttelsesrådgiver" if lang == "da" else "Dataskyddsombud") in privacy
        assert _links(site, lang, "privacy")["mailto:dpo@sociale-indkob.example.dk"] == "dpo@sociale-indkob.example.dk"
        assert _links(site, lang, "privacy")["tel:+4570112233"] == "+45 70 11 22 33"
        assert "Sekretariatet for Sociale Indkøb" in statement
        links = _links(site, lang, "accessibility")
        assert "mailto:tilgaengelighed@sociale-indkob.example.dk" in links and "tel:+4570112233" in links
        assert ("25. november 2026" if lang == "da" else "25 november 2026") in statement
    assert "https://www.digg.se/anmalan-test" in _links(site, "sv", "accessibility")
    for lang in ("da", "sv"):  # the editors' address from the setting, beside the data controller
        for key in ("privacy", "about", "removal", "contribute"):
            assert "mailto:redaktion@sociale-indkob.example.dk" in _links(site, lang, key), (lang, key)
        assert "Sekretariatet for Sociale Indkøb" in _page_text(site, lang, "about")


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_the_privacy_about_and_removal_pages_name_the_controller_and_the_editors(built_site, lang):
    """The data controller (data/site.yml's operator) and the editors' address (mkdocs.yml's bro_editors_email),
    each under its own heading on the privacy and about pages; removal requests go to the editors."""
    editors = settings.load(ROOT / "mkdocs.yml", environ={})[0].editors_email
    controller = {"da": "Foreningen Bro (eksempel) driver Bro og er dataansvarlig",
                  "sv": "Foreningen Bro (exempel) driver Bro och är personuppgiftsansvarig"}[lang]
    for key in ("privacy", "about"):
        text, links = _page_text(built_site, lang, key), _links(built_site, lang, key)
        assert controller in text and links[f"mailto:{editors}"] == editors, key
        assert "Redaktionen" in text, key
    assert f"mailto:{editors}" in _links(built_site, lang, "removal")
    assert "Eksempelvej" not in _page_text(built_site, lang, "removal")  # the editors, not the operator's address


# --- the templates' required points ------------------------------------------------------------------------------


def test_the_danish_statement_holds_every_part_of_the_was_tool_template(built_site):
    text, links = _page_text(built_site, "da", "accessibility"), _links(built_site, "da", "accessibility")
    for heading in ("Overholdelsesstatus", "Ikke-tilgængeligt indhold", "Manglende overholdelse af kravene",
                    "Uforholdsmæssig stor byrde", "Indhold, der ikke er omfattet", "Udarbejdelse af erklæringen",
                    "Feedback og kontaktoplysninger", "Håndhævelsesprocedure"):
        assert re.search(rf"<h[234][^>]*>{re.escape(heading)}", _raw(built_site, "da", "accessibility")), heading
    assert "Foreningen Bro (eksempel) står bag Bro" in text  # the responsible body, from data/site.yml
    assert re.search(r"overholder standarden (fuldt ud|delvist)|overholder ikke standarden", text)
    assert "webtilgængelighedsloven, lov nr. 692 af 8. juni 2018" in text and "EN 301 549" in text
    assert "udarbejdet den 23. november 2026 og senest opdateret den 23. november 2026" in text
    assert "Den seneste vurdering af webstedet blev foretaget den 23. november 2026" in text
    assert "Vi har selv evalueret Bro" in text  # the method of evaluation
    assert links["mailto:kontakt@example.org"] == "kontakt@example.org"  # feedback in writing, without an account
    digst = "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"
    assert digst in links and "Digitaliseringsstyrelsen fører tilsyn" in text
    assert "Landgreven 4, 1301 København K" in text


def test_the_swedish_statement_holds_every_part_of_digg_s_template(built_site):
    text, links = _page_text(built_site, "sv", "accessibility"), _links(built_site, "sv", "accessibility")
    for heading in ("Hur tillgänglig är webbplatsen?", "Vad kan du göra om du inte kan använda delar av webbplatsen?",
                    "Rapportera brister i webbplatsens tillgänglighet", "Tillsyn",
                    "Teknisk information om webbplatsens tillgänglighet", "Innehåll som inte är tillgängligt",
                    "Bristande förenlighet med lagkraven", "Oskäligt betungande anpassning",
                    "Innehåll som inte omfattas av lagkraven", "Hur vi testat webbplatsen"):
        assert re.search(rf"<h[2345][^>]*>{re.escape(heading)}", _raw(built_site, "sv", "accessibility")), heading
    assert "Foreningen Bro (exempel) står bakom Bro" in text
    assert "lagen (2018:1937) om tillgänglighet till digital" in text
    assert re.search(r"(helt|delvis|inte) förenlig med lagen", text)
    assert "Senaste bedömningen gjordes den 23 november 2026" in text
    assert "uppdaterades senast den 23 november 2026" in text and "självskattning" in text
    assert links["mailto:kontakt@example.org"] == "kontakt@example.org"  # the message function
    assert "https://www.digg.se/tdosanmalan" in links  # Digg's reporting function
    assert "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn" in text


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_the_privacy_page_holds_every_point_of_gdpr_article_13(built_site, lang):
    text, links = _page_text(built_site, lang, "privacy"), _links(built_site, lang, "privacy")
    words = {
        "da": ["Foreningen Bro (eksempel) driver Bro og er dataansvarlig", "Eksempelvej 1, 8000 Aarhus C",  # (1)(a)
               "Formålet er", "artikel 6, stk. 1", "Samtykke", "Legitim interesse", "Vores interesse er",  # (1)(c)(d)
               "Hvem får oplysningerne", "GitHub, Inc.", "opbevaret i USA",  # (1)(e)(f)
               "Hvor længe gemmer vi oplysningerne",  # (2)(a)
               "indsigt", "rettet", "slettet", "begrænset", "indsigelse", "dataportabilitet",  # (2)(b)
               "trække dit samtykke tilbage",  # (2)(c)
               "klage til Datatilsynet", "Carl Jacobsens Vej 35, 2500 Valby", "Integritetsskyddsmyndigheten (IMY)",
               "Du har ikke pligt til at give os personoplysninger",  # (2)(e)
               "ingen automatiske afgørelser"],  # (2)(f)
        "sv": ["Foreningen Bro (exempel) driver Bro och är personuppgiftsansvarig",
               "Eksempelvej 1, 8000 Aarhus C, Danmark",
               "Syftet är", "artikel 6.1", "Samtycke", "Berättigat intresse", "Vårt intresse är",
               "Vem som får uppgifterna", "GitHub, Inc.", "lagras därför även i USA",
               "Hur länge vi sparar uppgifterna",
               "registerutdrag", "rättade", "raderade", "begränsad", "invända", "dataportabilitet",
               "återkalla ditt samtycke",
               "klagomål till Integritetsskyddsmyndigheten (IMY)", "Box 8114, 104 20 Stockholm", "Datatilsynet",
               "Du är inte skyldig att lämna personuppgifter",
               "inga automatiserade beslut"],
    }[lang]
    assert [word for word in words if word not in text] == []
    assert links["mailto:kontakt@example.org"] == "kontakt@example.org"  # without a GitHub account
    assert siteinfo.i18n.label("site.sample_block", lang).text in text  # the example operator says it is one
    assert "https://www.datatilsynet.dk/borger/klage" in links
    assert "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/" in links


def siteinfo_email_pattern() -> str:
    """The schemas' e-mail pattern (the English message names it)."""
    common = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    return common["$defs"]["email"]["pattern"]


def _raw(site: Path, lang: str, key: str) -> str:
    """A built content page's HTML."""
    return (site / lang / urls.content_path(key, lang).replace(".md", ".html")).read_text(encoding="utf-8")


def test_every_placeholder_showing_an_example_detail_says_it_is_one():
    site = load_catalog(ROOT, today=TODAY).site
    for lang, word in (("da", "eksempel"), ("sv", "exempel")):
        for path in ("operator.name", "operator.email", "operator.address", "accessibility.contact.email"):
            assert siteinfo.expand(f"{{{{ {path} }}}}", site, lang).endswith(f" *{siteinfo.text(f'({word})')}*"), path
        block = siteinfo.i18n.label("site.sample_block", lang).text
        assert siteinfo.expand("{{ accessibility.contact }}", site, lang).endswith(f"*{siteinfo.text(block)}*")
        for path in ("authorities.DK.data_protection.email", "accessibility.updated"):  # real, not examples
            assert word not in siteinfo.expand(f"{{{{ {path} }}}}", site, lang), path
    real = dataclasses.replace(site, sample=False)
    assert siteinfo.expand("{{ operator.email }}", real, "da") == r"[kontakt@example\.org](mailto:kontakt@example.org)"
