"""The bulk pages' shell, as Material's own templates render it: a real MkDocs build of the project (Danish) with the
installed theme, stopped just before hooks/bulk.py turns each folder's shell page into the record pages, so that the
markers are checked in the theme's output itself. Each must still be there, whole, and where hooks/bulk.py's splice
is right: the body once, as a comment in the page's content area (after the theme's <h1>, inside the area whose
scripts are never allowed); the head once, in <head>; the title, description and file names only as text or
attribute values (bulk.py escapes them as HTML), never in a script, a style or a comment. A theme update that moves,
drops, repeats or rewrites one of them fails here, not on 10,000 pages."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bro import csp, urls
from helpers import ROOT, TODAY

sys.path.insert(0, str(ROOT / "hooks"))
try:
    from _generated import SHELL_CONTENT, SHELL_DESCRIPTION, SHELL_HEAD, SHELL_OTHER, SHELL_SLUG, SHELL_TITLE
finally:
    sys.path.remove(str(ROOT / "hooks"))

LANG = "da"
# The build, as `mkdocs build` runs it for one language, with one plugin more: after the theme has rendered every
# page and before hooks/bulk.py (priority -50) replaces the shells, it copies them aside.
KEEP_SHELLS = """
import os, shutil, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

root, lang, out, keep, shell = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5]


class KeepShells(BasePlugin):
    @event_priority(-40)
    def on_post_build(self, config, **kwargs):
        for path in Path(config.site_dir).rglob(shell + ".html"):
            target = keep / path.relative_to(config.site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


os.chdir(root)
config = load_config(str(root / f"mkdocs.{lang}.yml"), site_dir=str(out))
config.plugins["bro-test-keep-shells"] = KeepShells()
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
"""
TEXT_MARKERS = (SHELL_TITLE, SHELL_DESCRIPTION, SHELL_SLUG, SHELL_OTHER)  # spliced in as escaped text or names
COMMENT_MARKERS = (SHELL_CONTENT, SHELL_HEAD)  # spliced in as HTML: each must be a comment of its own
_RAW_TEXT = {"script", "style"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MarkerFinder(HTMLParser):
    """Where each marker stands in a page: (marker, how, element path), in document order, with the content area's
    start and end comments (bro.csp) among them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []  # open elements as 'tag.class1.class2'
        self.found: list[tuple[str, str, tuple[str, ...]]] = []

    def _note(self, text: str, how: str) -> None:
        """Record every text marker in text."""
        for marker in TEXT_MARKERS:
            self.found += [(marker, how, tuple(self.stack))] * text.count(marker)

    def handle_starttag(self, tag, attrs):
        """Markers in attribute values; then the element is open (void elements close at once)."""
        for name, value in attrs:
            self._note(value or "", f"attribute {tag}[{name}]")
        classes = dict(attrs).get("class") or ""
        if tag not in _VOID:
            self.stack.append(".".join([tag, *classes.split()]))

    def handle_startendtag(self, tag, attrs):
        """A self-closed element: only its attributes."""
        for name, value in attrs:
            self._note(value or "", f"attribute {tag}[{name}]")

    def handle_endtag(self, tag):
        """Close up to the matching open element (the theme's HTML is well formed)."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].split(".", 1)[0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        """Markers in text, or in a script's or style's raw text."""
        inside = self.stack[-1].split(".", 1)[0] if self.stack else ""
        self._note(data, inside if inside in _RAW_TEXT else "text")

    def handle_comment(self, data):
        """A whole-comment marker (or the content area's bounds); a text marker inside a comment is noted as such."""
        comment = f"<!--{data}-->"
        if comment in COMMENT_MARKERS + (csp.CONTENT_START, csp.CONTENT_END):
            self.found.append((comment, "comment", tuple(self.stack)))
        else:
            self._note(data, "inside a comment")


def markers_of(html: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every marker of a page and where it stands."""
    finder = MarkerFinder()
    finder.feed(html)
    finder.close()
    return finder.found


@pytest.fixture(scope="module")
def shells(tmp_path_factory) -> dict[str, str]:
    """The shell pages of a real build, as the theme rendered them: {path in the site: HTML}."""
    work = tmp_path_factory.mktemp("theme-shell")
    result = subprocess.run(
        [sys.executable, "-c", KEEP_SHELLS, str(ROOT), LANG, str(work / "site"), str(work / "shells"), SHELL_SLUG],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "BRO_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1",
             "BRO_OFFLINE": "false"})
    assert result.returncode == 0, result.stderr[-3000:]
    found = {str(p.relative_to(work / "shells")): p.read_text(encoding="utf-8")
             for p in sorted((work / "shells").rglob("*.html"))}
    # one shell per folder of bulk pages; the bulk pages of the build replaced them
    assert found and not list((work / "site").rglob(SHELL_SLUG + ".html"))
    return found


def test_every_folder_of_bulk_pages_had_its_shell(shells):
    kinds = ("supplier", "tender", "category", "area", "all")
    assert set(shells) == {urls.record_path(kind, SHELL_SLUG, LANG) for kind in kinds}


def test_the_body_goes_once_into_the_content_area_after_the_theme_s_heading(shells):
    for rel, html in shells.items():
        found = markers_of(html)
        body = [where for marker, _, where in found if marker == SHELL_CONTENT]
        assert len(body) == 1, rel
        assert any(element.startswith("article.") and "md-content__inner" in element.split(".") for element in body[0])
        order = [marker for marker, how, _ in found if how == "comment" or marker == SHELL_TITLE]
        # the theme's <h1> with the title, then the content area (bro.csp: no script in it is ever allowed)
        at = order.index(SHELL_CONTENT)
        assert order[at - 1] == csp.CONTENT_START and order[at + 1] == csp.CONTENT_END, rel
        assert order[at - 2] == SHELL_TITLE, rel
        h1 = re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, re.S)
        assert [text.strip() for text in h1] == [SHELL_TITLE], rel


def test_the_head_goes_once_into_head(shells):
    for rel, html in shells.items():
        heads = [where for marker, _, where in markers_of(html) if marker == SHELL_HEAD]
        assert len(heads) == 1 and heads[0][-1] == "head", rel


def test_title_description_and_file_names_stand_where_escaped_text_is_right(shells):
    """bulk.py puts the title and description in as escaped HTML and the file names as they are ([a-z0-9-]): right
    in text and in quoted attribute values, wrong in a script, a style or a comment."""
    for rel, html in shells.items():
        found = markers_of(html)
        places = Counter((marker, how.split("[", 1)[0] if how.startswith("attribute") else how)
                         for marker, how, _ in found if marker in TEXT_MARKERS)
        wrong = [(marker, how) for marker, how, _ in found
                 if marker in TEXT_MARKERS and not (how == "text" or how.startswith("attribute "))]
        assert wrong == [], rel
        assert places[(SHELL_TITLE, "text")] >= 2, rel  # <title> and <h1> at least
        title = [where for marker, how, where in found if marker == SHELL_TITLE and how == "text"]
        assert any(where[-1] == "title" for where in title), rel
        assert (SHELL_DESCRIPTION, "attribute meta") in {(m, h.split("[", 1)[0]) for m, h, _ in found}, rel
        assert re.search(r'<meta name="description" content="' + SHELL_DESCRIPTION + '"', html), rel
        # the language switcher: this page's name here and in the other language
        assert f"{SHELL_SLUG}.html" in html and f"{SHELL_OTHER}.html" in html, rel
        assert places[(SHELL_OTHER, "attribute a")] >= 1, rel


def test_no_marker_is_broken_up_or_rewritten(shells):
    """Every trace of a marker in the theme's output is a whole marker that bulk.py replaces: the theme did not
    truncate, change the case of, slugify or escape one (it would stay on every bulk page)."""
    whole = re.compile("|".join(map(re.escape, TEXT_MARKERS + COMMENT_MARKERS)))
    for rel, html in shells.items():
        rest = whole.sub("", html)
        assert not re.search(r"7f3a|brobulk|bro-bulk", rest, re.I), (rel, re.findall(r".{40}7f3a.{20}", rest, re.I))


def test_the_marker_finder_sees_what_it_is_meant_to():
    html = (f"<html><head><title>{SHELL_TITLE} – Bro</title>{SHELL_HEAD}<script>var t = '{SHELL_TITLE}';</script>"
            f'</head><body><article class="md-content__inner md-typeset"><h1>{SHELL_TITLE}</h1>'
            f'{csp.CONTENT_START}{SHELL_CONTENT}{csp.CONTENT_END}<a href="{SHELL_SLUG}.html">x</a>'
            f"<!-- {SHELL_DESCRIPTION} --></article></body></html>")
    assert [(marker, how, where[-1] if where else "") for marker, how, where in markers_of(html)] == [
        (SHELL_TITLE, "text", "title"), (SHELL_HEAD, "comment", "head"), (SHELL_TITLE, "script", "script"),
        (SHELL_TITLE, "text", "h1"), (csp.CONTENT_START, "comment", "article.md-content__inner.md-typeset"),
        (SHELL_CONTENT, "comment", "article.md-content__inner.md-typeset"),
        (csp.CONTENT_END, "comment", "article.md-content__inner.md-typeset"),
        (SHELL_SLUG, "attribute a[href]", "article.md-content__inner.md-typeset"),
        (SHELL_DESCRIPTION, "inside a comment", "article.md-content__inner.md-typeset")]


def test_the_shell_is_rendered_by_the_installed_theme(shells):
    """The build used Material as installed (its generator tag), not a copy of its templates."""
    import material
    version = Path(material.__file__).parent.joinpath("__init__.py").read_text(encoding="utf-8")
    installed = re.search(r'__version__\s*=\s*"([^"]+)"', version)
    for rel, html in shells.items():
        generator = re.search(r'<meta name="generator" content="([^"]*)"', html)
        assert generator and "mkdocs-material" in generator.group(1), rel
        if installed:
            assert f"mkdocs-material-{installed.group(1)}" in generator.group(1), rel
