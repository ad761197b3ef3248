"""The Content-Security-Policy of every built page, the absence of inline event handlers, and the offline copy's
build (its search index, its own iframe-worker shim, the policy for the shim's frame, the zip)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import lxml.html
import pytest

from bro import csp
from bro.build import build
from bro.offline import pack
from helpers import ROOT, TODAY

SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_FIRST_LOAD = re.compile(r"<(script|link|style|img|iframe)\b", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")


def _require_shim() -> None:
    """Skip without the npm tools (fail under CI=true, where `make node-setup` must have run)."""
    if SHIM.is_file():
        return
    message = "node_modules/iframe-worker is missing: run `make node-setup` (needs npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _pages(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    return pages


def _directives(policy: str) -> dict[str, list[str]]:
    """The policy as {directive: [sources]}."""
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The offline copy, built once for this module."""
    _require_shim()
    out = tmp_path_factory.mktemp("offline") / "site"
    assert build(ROOT, out, today=TODAY, offline=True) == 0
    return out


# --- the policy itself --------------------------------------------------------------------------------------------

def test_hash_of_a_known_script():
    assert csp.hash_source("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    # the HTML parser turns CR LF into LF before the browser hashes the script
    lf = "'sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg='"
    assert csp.hash_source("a\r\nb") == csp.hash_source("a\nb") == lf


def test_only_scripts_that_run_are_hashed():
    html = ('<head><script>one()</script><script src="x.js"></script><script type="application/ld+json">{"a":1}'
            '</script><script id="__config" type="application/json">{}</script><!-- <script>old()</script> -->'
            '<script type="module">two()</script><SCRIPT type=text/javascript>three()</SCRIPT ></head>')
    assert csp.inline_scripts(html) == ["one()", "two()", "three()"]


def test_policy_allows_no_inline_code_and_no_other_origin():
    directives = _directives(csp.make_policy(["'sha256-abc='", "'sha256-abc='"]))
    assert directives["script-src"] == ["'self'", "'sha256-abc='"]
    assert directives["default-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    sources = [source for values in directives.values() for source in values]
    assert not [s for s in sources if s.startswith("'unsafe") or "://" in s or s in ("*", "http:", "https:")]


def test_protect_puts_the_policy_right_after_the_charset_once():
    page = '<!doctype html><html><head>\n<meta charset="utf-8">\n<title>t</title><script>go()</script></head></html>'
    once = csp.protect(page)
    assert once.index("Content-Security-Policy") < once.index("<title>")
    assert once.index('<meta charset="utf-8">') < once.index("Content-Security-Policy")
    assert csp.hash_source("go()") in _META.search(once).group(1)
    assert csp.protect(once) == once
    assert csp.protect(once, ["more()"]).count("Content-Security-Policy") == 1
    with pytest.raises(ValueError):
        csp.protect("<p>no head</p>")


def test_scripts_in_the_content_area_are_never_allowed():
    # the text's own end and start markers can only widen the area: what follows them in the text is still inside
    text = ('<p>x</p><script>alert(1)</script><!--/bro-content--><script>alert(2)</script><!--bro-content-->'
            '<script>alert(3)</script>')
    page = ('<!doctype html><html><head><meta charset="utf-8"><script>theme()</script></head><body>'
            f'{csp.mark_content(text)}<script>tabs()</script></body></html>')
    policy = _directives(_META.search(csp.protect(page)).group(1))
    assert policy["script-src"] == ["'self'", csp.hash_source("theme()"), csp.hash_source("tabs()")]
    assert csp.own_scripts(page) == ["theme()", "tabs()"]
    assert csp.inline_scripts(page) == ["theme()", "alert(1)", "alert(2)", "alert(3)", "tabs()"]


def test_a_content_area_left_open_runs_to_the_end_of_the_page():
    page = '<head><script>theme()</script></head><body><!--bro-content--><p>x</p><script>alert(1)</script></body>'
    assert csp.own_scripts(page) == ["theme()"]
    ended = page.replace("<!--bro-content-->", "").replace("</body>", "<!--/bro-content--><script>tabs()</script>")
    assert csp.own_scripts(ended) == ["tabs()"]  # an end marker alone: the area runs from the start of the page


def test_a_file_copied_as_it_is_runs_no_inline_script():
    page = '<head><meta charset="utf-8"><script>go()</script></head>'
    assert _directives(_META.search(csp.protect(page, own=False)).group(1))["script-src"] == ["'self'"]


def test_worker_frame_script_follows_the_shim():
    _require_shim()
    script = csp.worker_frame_script(SHIM.read_text(encoding="utf-8"), "../assets/w.js")
    assert script.startswith("postMessage=function ") and ";importScripts=function " in script
    assert 'filename:"../assets/w.js"' in script and "${" not in script


# --- every built page -----------------------------------------------------------------------------------------------

def _check_policy(path: Path, extra_scripts: list[str] = ()) -> None:
    """The page has one policy meta before anything it loads, listing the hash of every inline script it runs."""
    html = path.read_text(encoding="utf-8")
    metas = _META.findall(html)
    assert len(metas) == 1, f"{path}: {len(metas)} policy meta tags"
    first_load = _FIRST_LOAD.search(html)
    assert first_load is None or _META.search(html).start() < first_load.start(), f"{path}: policy comes too late"
    directives = _directives(metas[0])
    assert "'unsafe-inline'" not in " ".join(metas[0].split()), path
    wanted = {csp.hash_source(script) for script in [*csp.inline_scripts(html), *extra_scripts]}
    assert wanted <= set(directives["script-src"]), f"{path}: inline script without its hash"
    assert set(directives["script-src"]) - wanted == {"'self'"}, f"{path}: hash of a script the page lacks"


def test_every_page_has_the_policy_with_its_inline_scripts(built_site):
    pages = _pages(built_site)
    assert built_site / "index.html" in pages and built_site / "da" / "404.html" in pages
    assert built_site / "sv" / "leverantorer" / "madvaerket.html" in pages  # a bulk page
    for path in pages:
        _check_policy(path)
    assert any(csp.inline_scripts(path.read_text(encoding="utf-8")) for path in pages)  # the check had work to do


def test_every_theme_page_marks_its_content_area_once(built_site):
    for path in _pages(built_site):
        html = path.read_text(encoding="utf-8")
        if path == built_site / "index.html" or path.name == "404.html":  # Bro's landing page; no page content
            assert csp.CONTENT_START not in html and csp.CONTENT_END not in html, path
            continue
        start, end = html.index(csp.CONTENT_START), html.index(csp.CONTENT_END)
        assert (html.count(csp.CONTENT_START), html.count(csp.CONTENT_END)) == (1, 1), path
        assert html.index('<article class="md-content__inner') < start < end < html.rindex("</article>"), path
        assert csp.own_scripts(html) == csp.inline_scripts(html), f"{path}: an inline script in the content area"


def test_no_inline_event_handlers_styles_or_script_urls(built_site):
    for path in _pages(built_site):
        tree = lxml.html.fromstring(path.read_bytes())
        for element in (e for e in tree.iter() if isinstance(e.tag, str)):  # elements, not comments
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert handlers == [], f"{path}: <{element.tag} {handlers[0]}=…>"
            assert "style" not in element.attrib, f"{path}: <{element.tag} style=…> (style-src forbids it)"
            for name in _URL_ATTRS:
                value = re.sub(r"[\x00-\x20]", "", element.get(name, "")).lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:")), f"{path}: {name}={value[:40]}"
        assert not tree.xpath("//style"), f"{path}: <style> element (style-src forbids it)"


def test_the_website_is_not_the_offline_copy(built_site):
    page = (built_site / "da" / "leverandorer" / "madvaerket.html").read_text(encoding="utf-8")
    assert '<link rel="alternate"' in page and "iframe-worker" not in page
    assert not (built_site / "da" / "search" / "search_index.js").exists()
    assert not (built_site / "da" / "assets" / "bro" / "iframe-worker-shim.js").exists()


# --- the offline copy ----------------------------------------------------------------------------------------------

def test_offline_pages_allow_the_search_frame_and_load_nothing_from_outside(offline_site):
    shim = SHIM.read_text(encoding="utf-8")
    for lang in ("da", "sv"):
        copied = offline_site / lang / "assets" / "bro" / "iframe-worker-shim.js"
        assert copied.read_text(encoding="utf-8") == shim
    for path in _pages(offline_site):
        html = path.read_text(encoding="utf-8")
        worker = csp.theme_worker_url(html)
        _check_policy(path, [csp.worker_frame_script(shim, worker)] if worker else [])
        if worker:  # a theme page (the landing page runs no theme script)
            assert '<link rel="alternate"' not in html, f"{path}: the theme would fetch sitemap.xml beside it"
        sources = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]*)"', html)
        assert not [s for s in sources if "://" in s or s.startswith("//")], path
        if worker:
            assert re.search(r'<script src="[^":]*assets/bro/iframe-worker-shim\.js"></script>', html), path


def test_offline_search_index_holds_the_record_pages(offline_site):
    for lang, tender in (("da", "udbudsplan/goteborg-fruktkorgar-2027.html"),
                         ("sv", "upphandlingsplan/goteborg-fruktkorgar-2027.html")):
        folder = offline_site / lang / "search"
        script = (folder / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ")
        inlined = json.loads(script.removeprefix("var __index = "))
        assert inlined == json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        assert tender in {doc["location"] for doc in inlined["docs"]}  # appended by hooks/bulk.py before inlining


def test_offline_zip_has_one_top_folder(offline_site, tmp_path):
    out = tmp_path / "bro-offline.zip"
    count = pack(offline_site, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert count == len(names) == len([p for p in offline_site.rglob("*") if p.is_file()])
    assert {name.split("/")[0] for name in names} == {"bro"}
    assert {"bro/index.html", "bro/da/index.html", "bro/sv/search/search_index.js", "bro/api/suppliers.json",
            "bro/da/udbudsplan/feed.xml"} <= set(names)


def test_offline_script_packs_a_built_copy(offline_site, tmp_path):
    out = tmp_path / "dist" / "bro-offline.zip"
    done = subprocess.run([sys.executable, ROOT / "scripts" / "offline.py", "--no-build", "--site", offline_site,
                           "--out", out], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.is_file() and "files packed into" in done.stderr
    missing = subprocess.run([sys.executable, ROOT / "scripts" / "offline.py", "--no-build", "--site", tmp_path / "x",
                              "--out", tmp_path / "y.zip"], capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "nothing to pack" in missing.stderr
