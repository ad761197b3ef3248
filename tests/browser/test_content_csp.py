"""What gets past the validator into a page's content still does not run. The site is built from a copy of the
repository with the content check switched off and hostile pages in content/, plus a test-only hook that writes
inline scripts into the content area of built pages (a content page, a generated page and a bulk record page)
after every other defence and before the Content-Security-Policy is computed: exactly where a script that
slipped through would stand. None of them runs, nothing redirects, and the theme's own inline scripts still run
(the site search works) with no policy violation but those of the planted scripts."""
from __future__ import annotations

import shutil

import pytest

import bro.content
from bro.build import build
from helpers import ROOT, TODAY, serve_site

PLANTED = ['<script>window.broPlanted = 1; alert("planted")</script>',
           '<!--/bro-content--><script>window.broPlanted = 2; alert("after a false end")</script>']
# Written after hooks/bulk.py has filled the record pages (-50), before hooks/csp.py protects the pages (-90).
HOOK = '''
from pathlib import Path

from mkdocs.plugins import event_priority

from bro import csp

PAGES = ["om.html", "leverandorer/index.html", "leverandorer/madvaerket.html"]


@event_priority(-60)
def on_post_build(config, **kwargs):
    if config.theme["language"] != "da":
        return
    for rel in PAGES:
        path = Path(config.site_dir) / rel
        html = path.read_text(encoding="utf-8")
        assert html.count(csp.CONTENT_END) == 1, rel
        path.write_text(html.replace(csp.CONTENT_END, PLANTED + csp.CONTENT_END), encoding="utf-8")
'''
MARKDOWN = '''
<script>alert("markdown")</script>

<meta http-equiv="refresh" content="0; url=https://evil.example/">

<img src="x.png" onerror="alert('handler')">
'''
PAGES = {
    # no title in the front matter: MkDocs takes it from the heading, whose references Material decodes into <title>
    "content/da/nyhed.md": '# Nyhed &lt;/title&gt;&lt;script&gt;alert("title")&lt;/script&gt;\n\nTekst.\n',
    # Material's redirect page, chosen by the page's settings; a description that closes its attribute
    "content/da/omdirigering.md": ('---\ntitle: Omdirigering\ntemplate: redirect.html\nlocation: https://evil.example/\n'
                                   'description: \'"><script>alert("description")</script>\'\n---\n\nTekst.\n'),
}
RECORD_VIOLATIONS = ("window.__broViolations = []; document.addEventListener('securitypolicyviolation', "
                     "e => window.__broViolations.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def planted_root(tmp_path_factory):
    """The site with hostile content and planted scripts, served on 127.0.0.1."""
    work = tmp_path_factory.mktemp("content-csp")
    repo = work / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                                              ".site-*", "node_modules", "dist", "build"))
    (repo / "hooks" / "test_plant.py").write_text(f"PLANTED = {''.join(PLANTED)!r}\n{HOOK}", encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config.replace("  - hooks/csp.py", "  - hooks/test_plant.py\n  - hooks/csp.py"),
                                     encoding="utf-8")
    with open(repo / "content" / "da" / "om.md", "a", encoding="utf-8") as page:
        page.write(MARKDOWN)
    for rel, text in PAGES.items():
        (repo / rel).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # the validator misses them (the build's forks inherit this)
        patch.setattr(bro.content, "check_pages", lambda *args: [])
        assert build(repo, work / "site", today=TODAY) == 0
    with serve_site(work / "site") as root:
        yield root


@pytest.fixture
def watched(page):
    """The page, recording dialogs (a script that ran) and policy violations."""
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def _open(page, url: str) -> None:
    """Open url and wait until the page is quiet (a redirect would have happened by then)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.url == url
    assert page.evaluate("typeof __md_get") == "function"  # the theme's inline script in <head> ran


@pytest.mark.parametrize("rel", ["da/om.html", "da/leverandorer/index.html", "da/leverandorer/madvaerket.html"])
def test_scripts_planted_in_the_content_area_do_not_run(watched, planted_root, rel):
    _open(watched, f"{planted_root}/{rel}")
    assert watched.evaluate("window.broPlanted") is None
    assert watched.dialogs == []
    assert watched.evaluate("window.__broViolations") == ["script-src-elem inline"] * len(PLANTED)
    assert watched.locator('meta[http-equiv="refresh"]').count() == 0
    assert [e for e in watched.console_errors if "Content Security Policy" not in e] == []


def test_the_theme_s_scripts_still_run_beside_planted_ones(watched, planted_root):
    _open(watched, f"{planted_root}/da/om.html")
    watched.keyboard.press("/")
    watched.keyboard.type("klausuler", delay=20)
    watched.locator(".md-search-result__item").first.wait_for(timeout=15000)  # the theme's search answers
    assert watched.evaluate("window.__broViolations") == ["script-src-elem inline"] * len(PLANTED)


@pytest.mark.parametrize("rel,title", [
    ("da/nyhed.html", 'Nyhed </title><script>alert("title")</script> – Bro'),
    ("da/omdirigering.html", "Omdirigering – Bro"),
])
def test_a_page_s_title_and_settings_stay_text(watched, planted_root, rel, title):
    _open(watched, f"{planted_root}/{rel}")  # no redirect: the page's template setting was dropped
    assert watched.title() == title
    assert watched.dialogs == []
    assert watched.evaluate("window.__broViolations") == []
    assert watched.console_errors == []
    if rel == "da/omdirigering.html":
        assert watched.locator('meta[name="description"]').get_attribute("content") == \
            '"><script>alert("description")</script>'
