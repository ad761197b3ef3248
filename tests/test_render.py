"""Golden pages: a record rendered by its template, compared with a file reviewed by a person.
Set BRO_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff. Never under
CI=true: there the golden files are the proof, and a run that rewrote them would pass whatever the pages show."""
from __future__ import annotations

import dataclasses
import os

import pytest

from bro import views
from bro.catalog import load_catalog
from bro.render import make_environment
from helpers import ROOT, TODAY

GOLDEN = ROOT / "tests" / "golden"


def updating_golden() -> bool:
    """Whether to rewrite the golden files (BRO_UPDATE_GOLDEN set); under CI=true that is refused, the test fails."""
    if not os.environ.get("BRO_UPDATE_GOLDEN"):
        return False
    if os.environ.get("CI") == "true":
        pytest.fail("BRO_UPDATE_GOLDEN is set under CI=true: golden files are rewritten only on a contributor's "
                    "machine, after an intended change, and the diff is reviewed there; unset it in CI.")
    return True


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    from helpers import make_repo
    return load_catalog(make_repo(tmp_path_factory.mktemp("golden")), today=TODAY)


@pytest.mark.parametrize("kind,slug", [("supplier", "supplier-complete"), ("supplier", "supplier-minimal"),
                                       ("tender", "tender-complete")])
@pytest.mark.parametrize("lang", ["da", "sv"])
def test_record_page_matches_golden(catalog, kind, slug, lang):
    env = make_environment(ROOT / "overrides" / "bro", lang, catalog.vocab, catalog)
    context = views.record_context(catalog, kind, slug, lang, "https://github.com/example/bro")
    html = env.get_template(f"{kind}.html").render(root="../", **context)
    golden = GOLDEN / f"{slug}.{lang}.html"
    if updating_golden():
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("ci,update,expected", [(None, None, False), ("true", None, False), (None, "1", True),
                                                ("false", "1", True)])
def test_golden_files_are_rewritten_only_when_asked_and_not_in_ci(monkeypatch, ci, update, expected):
    for name, value in (("CI", ci), ("BRO_UPDATE_GOLDEN", update)):
        monkeypatch.setenv(name, value) if value is not None else monkeypatch.delenv(name, raising=False)
    assert updating_golden() is expected


def test_updating_golden_files_under_ci_fails_and_writes_nothing(monkeypatch, catalog):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("BRO_UPDATE_GOLDEN", "1")
    before = {path.name: path.read_bytes() for path in GOLDEN.iterdir()}
    with pytest.raises(pytest.fail.Exception, match="BRO_UPDATE_GOLDEN is set under CI=true"):
        test_record_page_matches_golden(catalog, "supplier", "supplier-minimal", "da")
    assert {path.name: path.read_bytes() for path in GOLDEN.iterdir()} == before


def test_values_are_escaped_in_templates(catalog):
    env = make_environment(ROOT / "overrides" / "bro", "da", catalog.vocab, catalog)
    context = views.record_context(catalog, "supplier", "supplier-complete", "da", None)
    context["record"] = {**context["record"], "name": "<script>x</script>", "summary": {"da": "<b>fed</b> & co"},
                         "offerings": [{"da": '"><img src=x onerror=alert(1)>'}]}
    html = env.get_template("supplier.html").render(root="../", **context)
    assert "<script>x" not in html and "<b>fed" not in html and "<img src=x" not in html
    assert "&lt;b&gt;fed&lt;/b&gt; &amp; co" in html


def test_link_to_a_title_only_in_the_other_language_is_marked_with_it(catalog, monkeypatch):
    entry, title = catalog.tenders["tender-complete"], {"sv": "Städning av skolor"}
    monkeypatch.setitem(catalog.tenders, "tender-complete",
                        dataclasses.replace(entry, data={**entry.data, "title": title}, title=title))
    monkeypatch.setattr(catalog.derived, "links", {})  # links are made once per build: start afresh
    links = make_environment(ROOT / "overrides" / "bro", "da", catalog.vocab, catalog).filters["link_items"]
    html = links(["tender-complete"], "tender", "../")
    assert html == '<li><a href="../udbudsplan/tender-complete.html"><span lang="sv">Städning av skolor</span></a></li>'
    assert links(["supplier-complete"], "supplier", "../").startswith('<li><a href="../leverandorer/supplier-complete')


def _from_ted() -> str:
    """The complete entry as the TED import would have written it: its notice's address, `source: ted` and the
    `ted` block (one lot, TED's tender deadline)."""
    text = (ROOT / "tests" / "fixtures" / "valid" / "tender_complete.yml").read_text(encoding="utf-8")
    text = text.replace("notice_url: https://udbud.example.org/123",
                        "notice_url: https://ted.europa.eu/en/notice/-/detail/00701001-2026")
    return text + "source: ted\nted:\n  publication_number: 00701001-2026\n  lot: LOT-0002\n" \
                  "  tender_deadline: 2027-03-01\n"


@pytest.fixture(scope="module")
def ted_catalog(tmp_path_factory):
    from helpers import make_repo
    repo = make_repo(tmp_path_factory.mktemp("golden-ted"), {"data/tenders/tender-from-ted.yml": _from_ted()})
    return load_catalog(repo, today=TODAY)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_entry_from_ted_matches_golden(ted_catalog, lang):
    """An entry imported from TED: the mark, the link to the notice, where it came from, its lot and TED's deadline."""
    assert ted_catalog.errors == []
    test_record_page_matches_golden(ted_catalog, "tender", "tender-from-ted", lang)
