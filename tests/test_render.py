"""Golden pages: a record rendered by its template, compared with a file reviewed by a person.
Set BRO_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff."""
from __future__ import annotations

import dataclasses
import os

import pytest

from bro import views
from bro.catalog import load_catalog
from bro.render import make_environment
from helpers import ROOT, TODAY

GOLDEN = ROOT / "tests" / "golden"


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
    if os.environ.get("BRO_UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


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
