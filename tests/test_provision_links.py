"""Generated pages (tender entries, supplier profiles, cases) link each legal citation that names its act to the act's
text, as content pages do (bro.provisions.link_html, applied by hooks/_generated.render_body)."""
from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest

from bro import provisions, views
from bro.catalog import load_catalog
from bro.render import make_environment
from helpers import ROOT, TODAY, make_repo

TABLE = provisions.load_provisions(ROOT)
UDBUDSLOVEN = TABLE.acts["udbudsloven"]["url"]
LOU = TABLE.acts["lou"]["url"]
DIRECTIVE = TABLE.acts["direktiv-2014-24"]["url"]


def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', html)


def test_named_citations_in_text_are_linked():
    html = "<p>Reserveret (udbudsloven § 54), svarer til LOU 4 kap. 18 § og direktivets art. 20.</p>"
    assert _links(provisions.link_html(html, TABLE)) == [
        (UDBUDSLOVEN, "udbudsloven § 54"), (LOU, "LOU 4 kap. 18 §"), (DIRECTIVE, "direktivets art. 20")]


@pytest.mark.parametrize("html", [
    '<h2>udbudsloven § 54</h2>',  # headings stay as they are, like on content pages
    '<a href="https://example.org">LOU 4 kap. 18 §</a>',  # already a link
    '<p title="udbudsloven § 54">x</p>',  # attributes are not text
    '<code>udbudsloven § 54</code>',
    '<p>udbudsloven § 999</p>',  # not in the table: plain text
    '<p>§ 54</p>',  # names no act
    '<!-- udbudsloven § 54 --><p>Ingen henvisning</p>',
])
def test_what_is_not_a_citation_in_text_is_left_alone(html):
    assert provisions.link_html(html, TABLE) == html


def test_text_after_a_kept_element_is_linked_again_and_entities_survive():
    html = '<h3>LOU 4 kap. 18 §</h3><p>&raquo;udbudsloven § 54&laquo; &amp; mere</p><br/><p>LOU 4 kap. 18 §</p>'
    out = provisions.link_html(html, TABLE)
    assert _links(out) == [(UDBUDSLOVEN, "udbudsloven § 54"), (LOU, "LOU 4 kap. 18 §")]
    assert out.startswith("<h3>LOU 4 kap. 18 §</h3><p>&raquo;") and "&laquo; &amp; mere" in out


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(make_repo(tmp_path_factory.mktemp("links")), today=TODAY)


def _render_body():
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import _generated
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return _generated.render_body


@pytest.mark.parametrize("lang", ["da", "sv"])
@pytest.mark.parametrize("kind,slug", [("tender", "tender-complete"), ("supplier", "supplier-complete")])
def test_the_generated_pages_hook_links_the_citations(catalog, lang, kind, slug):
    env = make_environment(ROOT / "overrides" / "bro", lang, catalog.vocab, catalog)
    build = SimpleNamespace(env=env, provisions=TABLE)  # the parts of hooks/_state.BuildState that rendering reads
    body = SimpleNamespace(template=f"{kind}.html", make_context=views.record_context,
                           args=(catalog, kind, slug, lang, None))
    html, _context = _render_body()(build, f"x/{slug}.md", body)
    links = _links(html)
    assert (UDBUDSLOVEN, "udbudsloven § 54") in links and (LOU, "LOU 4 kap. 18 §") in links
    # every citation left in the page's text either names no act or is not in the table
    text = re.sub(r"<a [^>]*>.*?</a>|<[^>]+>", " ", html)
    assert all(not c.named or TABLE.url(c) is None for c in provisions.find_citations(text))


@pytest.mark.parametrize("lang,page,cite,url", [
    ("da", "udbudsplan/goteborg-fruktkorgar-2027.html", "LOU 4 kap. 18 §", LOU),
    ("da", "udbudsplan/frederiksberg-ungeforloeb.html", "udbudsloven § 190", UDBUDSLOVEN),
    ("sv", "upphandlingsplan/aarhus-vask-arbejdstoej.html", "LOU 4 kap. 18 §", LOU),
])
def test_tender_entries_on_the_built_site_link_their_citations(built_site, lang, page, cite, url):
    html = (built_site / lang / page).read_text(encoding="utf-8")
    assert f'<a href="{url}">{cite}</a>' in html
