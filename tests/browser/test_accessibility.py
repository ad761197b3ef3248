"""Accessibility in a real browser: axe-core's WCAG 2.0/2.1 A and AA rules on every page type in both languages,
keyboard-only use of the directory and the shortlist with a visible focus, and the right lang on every text shown
in the other language."""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path

import pytest

from bro import HOME_COUNTRY, urls
from bro.catalog import load_catalog
from bro.vocab import load_vocabularies
from helpers import ROOT, TODAY

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHORTLIST = ["fjordvask", "gront-jobb-skane"]   # a Danish profile, and a Swedish one with a stale-profile warning
LANGS = ["da", "sv"]


VOCAB = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)  # names the category and area pages


def _path(lang: str, kind: str, slug: str = "index") -> str:
    """A page's path from the site root: a record or browse page of kind, or one of the single pages."""
    if kind in urls.PAGES:
        return f"{lang}/{urls.PAGES[kind][lang]}.html"
    return f"{lang}/{urls.record_path(kind, slug, lang)}"


def _page_types(lang: str) -> dict[str, str]:
    """One page of every type in lang, as a path from the site root (a fragment sets the directory's state)."""
    return {
        "home": f"{lang}/index.html",
        "directory": _path(lang, "supplier"),
        "directory-filtered": _path(lang, "supplier") + "#q=catering&categories=catering&countries=DK",
        "profile": _path(lang, "supplier", "madvaerket"),
        "profile-stale-fallback": _path(lang, "supplier", "gront-jobb-skane"),
        "category": f"{lang}/{urls.term_path(VOCAB, 'category', 'cleaning', lang)}",
        "municipality": f"{lang}/{urls.term_path(VOCAB, 'area', 'DK-751', lang)}",
        "full-list": _path(lang, "all", "1"),
        "shortlist": _path(lang, "shortlist"),
        "tender-list": _path(lang, "tender"),
        "tender": _path(lang, "tender", "goteborg-fruktkorgar-2027"),
        "tender-archived": _path(lang, "tender", "aarhus-vask-arbejdstoej"),
        "buyer": _path(lang, "buyer", "aarhus-kommune"),
        "knowledge": f"{lang}/{urls.content_path('knowledge', lang)}",
        "law": f"{lang}/{urls.content_path('reserved_contracts', lang)}",
        "thresholds": f"{lang}/{urls.content_path('below_thresholds', lang)}",
        "cases": _path(lang, "case"),
        "case": _path(lang, "case", "goteborg-fruktkorgar-2020"),
        "events": _path(lang, "events"),
        "help-country": f"{lang}/{urls.help_path(HOME_COUNTRY[lang], lang)}",
        "help-country-filtered": f"{lang}/{urls.help_path('SE', lang)}#instrument=partnership&region=SE-14",
        "organisation": _path(lang, "organisation", "goteborgsregionen"),
        "glossary": _path(lang, "glossary"),
        "contributing": f"{lang}/{urls.content_path('contribute', lang)}",
        "data": f"{lang}/{urls.content_path('open_data', lang)}",
        "privacy": f"{lang}/{urls.content_path('privacy', lang)}",
        "statement": f"{lang}/{urls.content_path('accessibility', lang)}",
        **{f"form-{kind}": f"{lang}/{urls.content_path(key, lang)}" for kind, key in urls.FORM_PAGES.items()},
    }


PAGE_TYPES = [("landing", "index.html")] + [(f"{lang}-{name}", rel) for lang in LANGS
                                            for name, rel in _page_types(lang).items()]


@pytest.fixture(scope="module")
def axe_source() -> Path:
    """axe-core from node_modules (make node-setup); skipped locally without it, a failure under CI=true."""
    if not AXE.exists():
        _missing("axe-core is not installed (make node-setup)")
    return AXE


@pytest.fixture(scope="module")
def axe_page(browser):
    """One page for all axe checks (they only read), which may inject axe even under the site's
    Content-Security-Policy; the shortlist is filled, so that its table and the pressed buttons are checked too."""
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(f"try {{ localStorage.setItem('bro-shortlist', '{_json(SHORTLIST)}'); }} catch (e) {{}}")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def not_found_roots(built_site, tmp_path_factory):
    """The site published under /bro/ (as extra.bro_site_url's path says), unknown paths answered with the
    language's 404 page (as a host does): the 404 page's links must work from any depth."""
    host = tmp_path_factory.mktemp("host")
    (host / "bro").symlink_to(built_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_NotFoundHandler,
                                                                                 directory=str(host)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {lang: f"http://127.0.0.1:{server.server_address[1]}/bro/{lang}" for lang in LANGS}
    server.shutdown()


# --- axe: zero violations on every page type ---------------------------------------------------------------------

@pytest.mark.parametrize("rel", [rel for _, rel in PAGE_TYPES], ids=[name for name, _ in PAGE_TYPES])
def test_axe_finds_no_violations_over_http(axe_page, axe_source, http_root, rel):
    _open(axe_page, f"{http_root}/{rel}")
    assert _axe(axe_page, axe_source) == []


@pytest.mark.parametrize("page_type", ["directory-filtered", "profile-stale-fallback"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violations_from_disk(axe_page, axe_source, built_site, lang, page_type):
    _open(axe_page, f"{built_site.as_uri()}/{_page_types(lang)[page_type]}")
    assert _axe(axe_page, axe_source) == []


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violations_on_the_404_page(axe_page, axe_source, not_found_roots, lang):
    response = axe_page.goto(f"{not_found_roots[lang]}/no/such/page.html")
    assert response.status == 404
    # the page must be styled as visitors see it: Material's stylesheet is loaded, and its search toggle hidden
    assert axe_page.locator("#__search").is_hidden()
    assert axe_page.locator("html").get_attribute("lang") == lang
    assert _axe(axe_page, axe_source) == []


def test_axe_reports_a_violation_when_there_is_one(axe_page, axe_source, http_root):
    """The check itself works: an image without a text alternative, added to a real page, is reported."""
    _open(axe_page, f"{http_root}/da/index.html")
    axe_page.evaluate("document.querySelector('article').appendChild(document.createElement('img')).src = 'x.png'")
    assert any(line.startswith("image-alt ") for line in _axe(axe_page, axe_source))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["supplier", "removal"])
def test_axe_finds_no_violations_on_a_form_with_errors_and_with_its_result(axe_page, axe_source, http_root, lang,
                                                                            kind):
    """A form as the reader sees it after a submit with mistakes (the summary, errors by the fields), and after a
    correct one (the document and the routes)."""
    from test_webforms import fill, valid_answers
    _open(axe_page, f"{http_root}/{lang}/{urls.content_path(urls.FORM_PAGES[kind], lang)}")
    axe_page.evaluate("localStorage.clear()")
    axe_page.locator("#bro-form-actions").wait_for()
    axe_page.locator("#bro-form-submit").click()
    axe_page.locator("#bro-form-summary").wait_for()
    assert _axe(axe_page, axe_source) == []
    fill(axe_page, valid_answers(kind, lang))
    axe_page.locator("#bro-form-submit").click()
    axe_page.locator("#bro-form-mail").wait_for()
    assert _axe(axe_page, axe_source) == []
    axe_page.evaluate("localStorage.clear()")


# --- keyboard only ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_interest_form_from_the_top_to_the_email(page, http_root, lang):
    """Skip link, the questions in order, a mistake found and reached from the summary, the fix, the e-mail: all with
    the keyboard, the focus always visible."""
    page.goto(f"{http_root}/{lang}/{urls.content_path('form_interest', lang)}")
    page.locator("#bro-form-actions").wait_for()
    hidden_focus = _tab_to(page, "#bro-q-entry")
    page.keyboard.type("aalborg-flytning-opmagasinering")
    hidden_focus += _tab_to(page, "#bro-q-supplier")
    page.keyboard.type("arkivhjaelpen")
    hidden_focus += _tab_to(page, "#bro-form-submit")   # the confirmation is left out: a mistake
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'bro-form-summary'")
    hidden_focus += _tab_to(page, "#bro-form-summary-list a")
    page.keyboard.press("Enter")
    assert _focused(page) == "bro-q-confirm_interest-1"
    page.keyboard.press("Space")
    assert page.locator("#bro-q-confirm_interest-1").is_checked()
    hidden_focus += _tab_to(page, "#bro-form-submit")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'bro-form-result-title'")
    hidden_focus += _tab_to(page, "#bro-form-mail")
    assert page.evaluate("document.activeElement.href").startswith("mailto:")
    hidden_focus += _tab_to(page, "#bro-form-download")
    assert hidden_focus == [], "focus not visible on:\n" + "\n".join(hidden_focus)


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_search_facets_and_shortlist(page, http_root, lang):
    page.goto(f"{http_root}/{_path(lang, 'supplier')}")
    page.wait_for_function("() => document.getElementById('bro-status').textContent.length > 0")
    total = page.locator("#bro-status").inner_text()
    hidden_focus = _tab_to(page, "#bro-q")
    page.keyboard.type("rengøring" if lang == "da" else "städning")
    page.wait_for_function("t => document.getElementById('bro-status').textContent !== t", arg=total)
    found = page.locator("#bro-results .bro-card__title").all_inner_texts()
    assert "Fjordvask" in found and len(found) < 18
    assert _focused(page) == "bro-q"
    page.keyboard.press("Escape")   # the browser empties a search field on Escape; the full list comes back
    page.wait_for_function("t => document.getElementById('bro-status').textContent === t", arg=total)
    assert _focused(page) == "bro-q"

    hidden_focus += _tab_to(page, "#f-countries-DK")   # the filters come after the search box and its results bar
    page.keyboard.press("Space")
    page.wait_for_function("() => location.hash.includes('countries=DK')")
    assert page.locator("#f-countries-DK").is_checked()
    assert _focused(page) == "f-countries-DK"          # the list was drawn again; the focus stays on the box
    danish = page.locator("#bro-results .bro-card__title").all_inner_texts()
    assert "Städkooperativet Vinden ekonomisk förening" not in danish and "Fjordvask" in danish

    hidden_focus += _tab_to(page, '#bro-results .bro-shortlist-toggle[aria-pressed="false"]')
    first = page.evaluate("document.activeElement.dataset.slug")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    hidden_focus += _tab_to(page, '#bro-results .bro-shortlist-toggle[aria-pressed="false"]')
    second = page.evaluate("document.activeElement.dataset.slug")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    assert page.locator("#bro-shortlist-count").inner_text() == "2"

    hidden_focus += _tab_to(page, "#bro-shortlist-link", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(urls.PAGES["shortlist"][lang]) + r"\.html"))
    page.locator("#bro-compare thead th a").first.wait_for()
    assert page.locator("#bro-compare thead .bro-remove").count() == 2

    hidden_focus += _tab_to(page, f'.bro-remove[data-slug="{first}"]')
    page.keyboard.press("Enter")
    assert page.locator("#bro-compare thead .bro-remove").count() == 1
    assert _focused(page) == "bro-compare-caption"     # not lost on the page when the button disappears
    hidden_focus += _visible_focus_problems(page)
    hidden_focus += _tab_to(page, f'.bro-remove[data-slug="{second}"]')
    page.keyboard.press("Space")
    assert page.locator("#bro-shortlist-empty").is_visible()
    assert _focused(page) == "bro-shortlist-empty"
    hidden_focus += _visible_focus_problems(page)
    assert hidden_focus == [], "focus not visible on:\n" + "\n".join(hidden_focus)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_results_are_a_few_tab_stops_after_the_search_box(browser, http_root, lang, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{http_root}/{_path(lang, 'supplier')}")
    page.locator("#bro-results .bro-card").first.wait_for()
    page.locator("#bro-q").focus()
    page.keyboard.type("rengøring" if lang == "da" else "städning")
    page.wait_for_function("() => location.hash.includes('q=')")
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.closest('.bro-card') ? 'card' : document.activeElement.id"))
        if stops[-1] == "card":
            break
    assert stops[0] == "bro-to-results", stops   # first after the box: the way past the filters
    if width < 960:   # on a phone the filters sit closed behind one button: the results follow in a few stops
        assert stops[-1] == "card" and len(stops) <= 4, stops
    # from the top of the page: the skip link, then the search box is the next stop (the filters come after it)
    page.goto(f"{http_root}/{_path(lang, 'supplier')}")
    page.locator("#bro-results .bro-card").first.wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "bro-q"
    page.locator("#bro-q").fill("rengøring" if lang == "da" else "städning")
    page.wait_for_function("() => location.hash.includes('q=')")
    # "Vis resultater" / "Visa resultat" leads to the first result, and keeps the search in the address
    page.locator("#bro-q").focus()
    page.keyboard.press("Tab")
    link_text = page.evaluate("document.activeElement.textContent")
    assert link_text == ("Vis resultater" if lang == "da" else "Visa resultat")
    page.keyboard.press("Enter")
    assert page.evaluate("!!document.activeElement.closest('#bro-results .bro-card')")
    assert "q=" in page.url
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_tender_filters_and_profile_shortlist_button(page, http_root, lang):
    page.goto(f"{http_root}/{_path(lang, 'tender')}")
    hidden_focus = _tab_to(page, "#plan-reservedkind")
    page.keyboard.press("ArrowDown")       # a closed select changes its value with the arrow keys
    page.wait_for_function("() => location.hash.includes('reservedkind=yes')")
    assert _focused(page) == "plan-reservedkind"
    shown = page.locator(".bro-card:visible").count()
    assert 0 < shown < 10
    page.goto(f"{http_root}/{_path(lang, 'supplier', 'madvaerket')}")
    hidden_focus += _tab_to(page, ".bro-shortlist-box .bro-shortlist-toggle")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    assert hidden_focus == [], "focus not visible on:\n" + "\n".join(hidden_focus)


# --- language marking ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_text_in_the_other_language_is_marked_with_its_language(page, http_root, lang):
    other = "sv" if lang == "da" else "da"
    snippets = _single_language_snippets(other)
    assert snippets, f"the sample data should have texts only in {other} (to check how {lang} pages show them)"
    slugs = sorted({slug for slug, _ in snippets.values()})
    page.add_init_script(f"try {{ localStorage.setItem('bro-shortlist', '{_json(slugs)}'); }} catch (e) {{}}")
    pages = [_path(lang, "supplier", slug) for slug in slugs]
    pages += [_path(lang, "supplier"), _path(lang, "all", "1"), _path(lang, "shortlist")]
    wrong, seen = [], set()
    for rel in pages:
        _open(page, f"{http_root}/{rel}")
        for text, found in _langs_of(page, list(snippets)):
            seen.add(text)
            if found != other:
                wrong.append(f"{rel}: {text!r} is marked lang={found!r}, expected {other!r}")
    assert wrong == []
    assert seen == set(snippets), f"not shown at all: {sorted(set(snippets) - seen)}"


@pytest.mark.parametrize("lang", LANGS)
def test_names_of_languages_and_the_other_site_are_marked(page, http_root, lang):
    other = "sv" if lang == "da" else "da"
    _open(page, f"{http_root}/{lang}/index.html")
    switch_to = {"da": "Dansk", "sv": "Svenska"}
    assert dict(_langs_of(page, [switch_to[other]])) == {switch_to[other]: other}
    _open(page, f"{http_root}/{_path(lang, 'glossary')}")
    terms = load_catalog(ROOT, today=TODAY).glossary.values()
    words = [term.data[other] for term in terms]
    # the other language's column (a Swedish term quoted in a Danish note is a technical term: WCAG 3.1.2 allows it)
    cells = _langs_of(page, words, whole=True)
    assert len(cells) >= len(words) and {found for _, found in cells} == {other}
    _open(page, f"{http_root}/{_path(lang, 'events')}")
    # a language's name in the page's own words ("danska" on a Swedish page) belongs to the page's language
    spoken = "Sprog: dansk" if lang == "da" else "Språk: danska"
    marks = _langs_of(page, [spoken])
    assert marks and {found for _, found in marks} == {lang}


def test_landing_page_sections_carry_their_language(page, http_root):
    _open(page, f"{http_root}/index.html")
    for code in LANGS:
        section = page.locator(f'section[lang="{code}"]')
        text = section.locator("p").first.inner_text()[:30]
        assert dict(_langs_of(page, [text])) == {text: code}


# --- helpers ---------------------------------------------------------------------------------------------------

def _missing(reason: str) -> None:
    """Skip locally, fail under CI=true (where the set-up installs everything)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires it")
    pytest.skip(reason)


def _json(value) -> str:
    """A JSON text safe inside a single-quoted JavaScript string."""
    return json.dumps(value).replace("\\", "\\\\").replace("'", "\\'")


def _open(page, url: str) -> None:
    """Load a page afresh and wait until Bro's scripts have drawn it (directory results, shortlist table)."""
    if page.url.split("#")[0] == url.split("#")[0]:
        page.goto("about:blank")        # a new fragment alone would not load the page again
    page.goto(url)
    page.wait_for_function("""() => {
        const status = document.getElementById('bro-status');
        const body = document.getElementById('bro-shortlist-body');
        return (!status || status.textContent.length > 0) && (!body || !body.hidden);
    }""")


def _axe(page, source: Path) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page, one line per rule with the elements concerned."""
    page.add_script_tag(path=str(source))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"]]


_FOCUS_STATE = """sel => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return {lost: true};
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {lost: false, visible: outline || shadow, match: sel ? el.matches(sel) : false,
            what: el.outerHTML.slice(0, 160)};
}"""


def _visible_focus_problems(page) -> list[str]:
    """The focused element, if its focus cannot be seen (no outline and no box shadow); the focus must exist."""
    state = page.evaluate(_FOCUS_STATE, None)
    assert not state["lost"], "the keyboard focus fell back to the page"
    return [] if state["visible"] else [state["what"]]


def _tab_to(page, selector: str, backwards: bool = False, limit: int = 250) -> list[str]:
    """Press Tab (or Shift+Tab) until selector has the focus; returns the elements on the way whose focus was not
    visible."""
    hidden = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(_FOCUS_STATE, selector)
        assert not state["lost"], f"the keyboard focus fell back to the page on the way to {selector}"
        if not state["visible"]:
            hidden.append(state["what"])
        if state["match"]:
            return hidden
    pytest.fail(f"{selector} was not reached with the keyboard in {limit} steps")


def _focused(page) -> str:
    """The id of the element with the keyboard focus."""
    return page.evaluate("document.activeElement.id")


_LANGS_OF = """([texts, whole]) => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, template, textarea, noscript')) continue;
        const text = node.textContent.replace(/\\s+/g, ' ').trim();
        for (const wanted of texts) {
            if (whole ? text === wanted : text.includes(wanted)) {
                const marked = parent.closest('[lang]');
                found.push([wanted, marked ? marked.getAttribute('lang') : null]);
            }
        }
    }
    return found;
}"""


def _langs_of(page, texts: list[str], whole: bool = False) -> list[tuple[str, str | None]]:
    """Every text node that contains (or, whole, equals) one of texts, with the lang of its nearest marked ancestor."""
    return [tuple(pair) for pair in page.evaluate(_LANGS_OF, [texts, whole])]


def _single_language_snippets(lang: str) -> dict[str, tuple[str, tuple]]:
    """The opening words of every supplier text written only in lang: {snippet: (slug, field path)}."""
    snippets = {}
    for slug, record in load_catalog(ROOT, today=TODAY).suppliers.items():
        for path, text in _only_in(record.data, lang, ()):
            first = re.split(r"[_*`\[\]<>]", text.strip().splitlines()[0].lstrip("#>-* "))[0]
            snippet = " ".join(first.split())[:40].strip()
            if len(snippet) >= 15:
                snippets[snippet] = (slug, path)
    return snippets


def _only_in(value, lang: str, path: tuple):
    """(path, text) of every {da, sv} text in value that exists only in lang."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS):
            if set(value) == {lang}:
                yield path, value[lang]
            return
        for key, item in value.items():
            yield from _only_in(item, lang, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _only_in(item, lang, (*path, index))


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: unknown paths get the site's 404 page with status 404; no access log."""

    def send_error(self, code, message=None, explain=None):
        """Answer 404 with the site's own page."""
        lang = self.path.split("/")[2] if self.path.count("/") > 2 else ""
        page = Path(self.directory) / "bro" / lang / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """No access log on the test output."""
