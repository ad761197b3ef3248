"""Content-Security-Policy for every built page: a `<meta>` tag at the top of <head> that lets the page run only
the site's own script files and the inline scripts the theme and Bro's templates write (each by its SHA-256 hash,
computed at build time).

Which inline scripts are the theme's: those outside the content area. The content area is what a page's Markdown
became (`mark_content`, called by hooks/csp.py on every page's rendered Markdown), wrapped in two comments; a script
inside it is never hashed, so nothing a page's text brings runs, even if it got past the validator. Markers the
text writes itself can only widen the area (it runs from the first marker to the last end marker), never narrow
it. What a page gives the theme to show outside the area (its title and description) is escaped by hooks/csp.py.
Marking the content rather than the theme's scripts needs no change to the theme's templates, so leaving Material
costs nothing here.

Why each directive (meta tags cannot carry frame-ancestors, report-uri or sandbox, so none are used):
- default-src 'self': everything (styles, fonts, fetches of the search index, the search worker, frames) comes from
  the site itself; no third-party origin anywhere.
- script-src 'self' + hashes: no 'unsafe-inline', so an injected <script>, event handler or javascript: URL never
  runs; the theme's few inline scripts are allowed one by one.
- style-src 'self': the pages carry no <style> elements and no style="" attributes; the theme's scripts set styles
  through the CSSOM (element.style), which a policy does not restrict.
- img-src 'self' data:: the theme's stylesheet draws its icons as data: SVG images (CSS mask-image).
- object-src 'none', base-uri 'self', form-action 'self': no plugins, no <base> redirecting relative links, forms
  only to the site (Bro's forms are filters that never submit anywhere).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable

DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
META_START = '<meta http-equiv="Content-Security-Policy" content="'
CONTENT_START = "<!--bro-content-->"
CONTENT_END = "<!--/bro-content-->"
# A script element or a comment, whichever comes first (a <script> inside a comment is not a script).
_TOKEN = re.compile(r"<!--.*?-->|<script\b([^>]*)>(.*?)</script[\s/>]", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
_EXISTING = re.compile(r"\n?[ \t]*" + re.escape(META_START) + r'[^"]*">')
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def mark_content(html: str) -> str:
    """A page's content (its rendered Markdown) marked as such: no inline script inside is ever allowed."""
    return CONTENT_START + html + CONTENT_END


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (data blocks such as JSON-LD are not run)."""
    return [match.group(2) for match in _runnable(html)]


def own_scripts(html: str) -> list[str]:
    """The inline scripts the browser would run that stand outside the page's content area: the theme's and Bro's."""
    start, end = _content_area(html)
    return [match.group(2) for match in _runnable(html) if match.end() <= start or match.start() >= end]


def _runnable(html: str) -> list[re.Match]:
    """The matches of every inline script element the browser would run."""
    found = []
    for match in _TOKEN.finditer(html):
        attrs = match.group(1)
        if attrs is None or _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind is None or next(g for g in kind.groups() if g is not None).strip().lower() in _JS_TYPES:
            found.append(match)
    return found


def _content_area(html: str) -> tuple[int, int]:
    """Start and end of the content area: from the first marker (the page's start, if it has only end markers) to
    the end of the last end marker (the page's end, if a start marker comes last); empty if the page has none."""
    first_start, first_end = html.find(CONTENT_START), html.find(CONTENT_END)
    if first_start < 0 and first_end < 0:
        return len(html), len(html)
    start = min(first_start, first_end) if first_start >= 0 and first_end >= 0 else max(first_start, 0)
    last_start, last_end = html.rfind(CONTENT_START), html.rfind(CONTENT_END)
    return start, (last_end + len(CONTENT_END) if last_end > last_start else len(html))


def hash_source(script: str) -> str:
    """The CSP source expression allowing exactly this inline script (line ends as the HTML parser sees them)."""
    text = script.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def make_policy(script_hashes: Iterable[str] = ()) -> str:
    """The policy text, with the given inline-script hashes added to script-src (each once, in order)."""
    hashes = list(dict.fromkeys(script_hashes))
    return "; ".join(" ".join([name, value, *hashes]) if name == "script-src" else f"{name} {value}"
                     for name, value in DIRECTIVES)


def protect(html: str, extra_scripts: Iterable[str] = (), own: bool = True) -> str:
    """The page with its policy meta tag right after <meta charset> (replacing an earlier one), allowing the inline
    scripts outside its content area; own=False: a file the site copies as it is, whose inline scripts are all
    refused."""
    # extra_scripts: inline scripts the page's own scripts add later (e.g. into a same-origin frame)
    html = _EXISTING.sub("", html, count=1)
    scripts = [*own_scripts(html), *extra_scripts] if own else []
    meta = META_START + make_policy(map(hash_source, scripts)) + '">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("page has no <head> to put the Content-Security-Policy in")
    return html[:anchor.end()] + "\n    " + meta + html[anchor.end():]


def theme_worker_url(html: str) -> str | None:
    """The search worker's URL as Material's page configuration gives it to `new Worker(…)` (None if absent)."""
    match = _CONFIG.search(html)
    return json.loads(match.group(1)).get("search") if match else None


def worker_frame_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its frame for worker_url, read from the shim's template."""
    # The frame inherits the page's policy, so the page must list this script's hash.
    template = re.search(r"document\.write\(`(.*?)`\)", shim, re.S)
    if template is None:
        raise ValueError("iframe-worker shim: no document.write template found")
    first = re.search(r"<script>(.*?)<\\/script>", template.group(1), re.S)
    if first is None:
        raise ValueError("iframe-worker shim: no inline script in its frame template")
    param = re.search(r"constructor\((\w+)\)", shim)
    names = {param.group(1) if param else "": worker_url}
    for name in re.findall(r"\$\{(\w+)\}", first.group(1)):
        if name not in names:
            names[name] = _function_source(shim, name)
    return re.sub(r"\$\{(\w+)\}", lambda m: names[m.group(1)], first.group(1))


def _function_source(js: str, name: str) -> str:
    """The source text of `function name(…){…}` in js, as Function.prototype.toString returns it."""
    start = re.search(r"\bfunction " + re.escape(name) + r"\(", js)
    if start is None:
        raise ValueError(f"iframe-worker shim: function {name} not found")
    depth, index = 0, js.index("{", start.end())
    while True:
        depth += {"{": 1, "}": -1}.get(js[index], 0)
        if depth == 0:
            return js[start.start():index + 1]
        index += 1
