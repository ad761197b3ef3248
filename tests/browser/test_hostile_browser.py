"""Hostile records in a real browser: their pages, the directory, the shortlist and the site search show the
vectors as text. Nothing opens a dialog, nothing logs an error (a vector stopped by the Content-Security-Policy
shows up as one), nothing is requested from outside the site."""
from __future__ import annotations

import pytest
from test_hostile import ACCEPTED_MARKDOWN, ACCEPTED_TEXT, build_hostile_site

from bro import urls
from helpers import serve_site

COUNT = len(ACCEPTED_TEXT) + len(ACCEPTED_MARKDOWN)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))


@pytest.fixture(scope="module")
def hostile_root(hostile):
    """The hostile site served on 127.0.0.1 (a free port)."""
    site, _records = hostile
    with serve_site(site) as root:
        yield root


@pytest.fixture
def watched(page):
    """The page, answering and recording every dialog (an alert() means a vector ran)."""
    page.dialogs = []

    def record(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", record)
    return page


def _norm(text: str) -> str:
    return " ".join(text.split())


def _records(hostile, collection: str) -> dict[str, dict]:
    return {rel.rsplit("/", 1)[1][:-4]: record["data"] for rel, record in hostile[1].items()
            if rel.startswith(f"data/{collection}/")}


def _assert_quiet(page, root: str) -> None:
    """No dialog, no console error, no request outside the site."""
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.console_errors == []
    assert [url for url in page.requests if not url.startswith(root)] == []


def test_record_pages_show_the_vectors_as_text(watched, hostile, hostile_root):
    suppliers, tenders = _records(hostile, "suppliers"), _records(hostile, "tenders")
    assert len(suppliers) == len(tenders) == COUNT
    for slug, data in suppliers.items():
        watched.goto(f"{hostile_root}/da/{urls.record_path('supplier', slug, 'da')}", wait_until="load")
        assert _norm(watched.locator("h1").first.inner_text()) == _norm(data["name"])
    for slug, data in list(tenders.items())[::3]:  # every page was checked without a browser; a sample here
        watched.goto(f"{hostile_root}/sv/{urls.record_path('tender', slug, 'sv')}", wait_until="load")
        assert _norm(watched.locator("h1").first.inner_text()) == _norm(data["title"]["sv"])
    for rel in ("da/" + urls.PAGES["events"]["da"] + ".html", "sv/" + urls.PAGES["glossary"]["sv"] + ".html",
                "da/" + urls.record_path("case", "hostile-3", "da"),
                "sv/" + urls.SEGMENTS["tender"]["sv"] + "/index.html"):
        watched.goto(f"{hostile_root}/{rel}", wait_until="load")
    _assert_quiet(watched, hostile_root)


def test_directory_and_shortlist_show_the_names_as_text(watched, hostile, hostile_root):
    names = sorted(_norm(data["name"]) for data in _records(hostile, "suppliers").values())
    watched.goto(f"{hostile_root}/da/{urls.SEGMENTS['supplier']['da']}/index.html")
    watched.fill("#bro-q", "hxs")  # every hostile name ends in its tag: hxs, record, field
    watched.wait_for_function("n => document.querySelectorAll('#bro-results .bro-card').length === n", arg=COUNT)
    cards = watched.locator("#bro-results .bro-card__title")
    assert sorted(_norm(text) for text in cards.all_inner_texts()) == names
    toggles = watched.locator("#bro-results .bro-shortlist-toggle")
    for i in range(toggles.count()):
        toggles.nth(i).click()
    watched.goto(f"{hostile_root}/da/{urls.PAGES['shortlist']['da']}.html")
    heads = watched.locator("#bro-compare thead th a")
    heads.first.wait_for()
    assert sorted(_norm(text) for text in heads.all_inner_texts()) == names
    labels = [_norm(label) for label in watched.locator("#bro-compare .bro-remove").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))")]
    assert all(any(name in label for label in labels) for name in names), labels
    _assert_quiet(watched, hostile_root)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_site_search_shows_the_hostile_entries_as_text(watched, hostile, hostile_root, lang):
    tenders = _records(hostile, "tenders")
    watched.goto(f"{hostile_root}/{lang}/index.html")
    watched.keyboard.press("/")
    for i in (0, 1, 3, 4, 7):
        title = tenders[f"hostile-{i}"]["title"][lang]
        tag = title.rsplit(" ", 1)[1]
        field = watched.locator("input.md-search__input")
        field.fill("")
        field.press_sequentially(tag)  # typed: the theme's search reacts to keys, not to a changed value
        # the list is redrawn while the index loads and as the query changes: wait for the entry's own heading
        # (not the first answer, "search the directory for …", which repeats the words)
        entries = ".md-search-result__item:not(.bro-site-search) h1"
        watched.wait_for_function("([t, css]) => ["
                                  "...document.querySelectorAll(css)].some(h => h.innerText.includes(t))",
                                  arg=[tag, entries], timeout=30000)
        shown = [_norm(text) for text in watched.locator(entries).all_inner_texts()]
        assert _norm(title) in shown, (title, shown)
    _assert_quiet(watched, hostile_root)
