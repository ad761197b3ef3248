"""Markdown written by outsiders: checked strictly, then rendered and sanitized (second wall)."""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup

from bro import addresses

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h2", "h3", "h4", "h5", "h6", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_ENTITY = re.compile(r"^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


@dataclass(frozen=True)
class TextIssue:
    """Something unsafe in a Markdown text, with the 1-based line of the text it is on."""

    code: str
    line: int
    detail: str
    severity: str = "error"
    params: dict = field(default_factory=dict, compare=False)


_LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|1[.)])\s+\S")


def normalize_lists(text: str) -> str:
    """Let a list start right under a paragraph line, as people write it (and CommonMark reads it)."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and _LIST_ITEM.match(line) and not _LIST_ITEM.match(out[-1]) \
                and not out[-1].startswith((" ", "\t")):
            out.append("")
        out.append(line)
    return "\n".join(out)


class _ShownAddresses(Treeprocessor):
    """A link that shows its own address (<https://…>) shows it as Bro shows every address: a host that imitates
    another in punycode (addresses.display_url)."""

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href")
            if href and link.text == href and len(link) == 0 and (shown := addresses.display_url(href)) != href:
                link.text = AtomicString(shown)


_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")
_MARKDOWN.treeprocessors.register(_ShownAddresses(_MARKDOWN), "bro_shown_addresses", 5)


def _converter() -> markdown.Markdown:
    """A plain Python-Markdown converter (built once, reset per text): no extensions, so attr_list stays text."""
    return _MARKDOWN.reset()


# Raw HTML, entities, links and images all start with one of these; Python-Markdown's placeholders use \x02, \x03.
_MARKUP_STARTS = re.compile(r"[<&\[\x02\x03]")


# Python-Markdown's attr_list syntax ({: #id .class key="value"}). Bro's converter leaves it as text, but a
# renderer with the extension on (as MkDocs has) would put the attributes, onclick= included, on the element.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.][^\s}]|[A-Za-z_:][\w:.-]*[ \t]*=)[^}\n]*\}")


def inspect(text: str) -> list[TextIssue]:
    """Find raw HTML, attribute lists, images, links with schemes other than http(s), mailto and tel, and links
    whose address is refused or imitates another host (addresses.link_problem)."""
    issues = [TextIssue("markdown.attr_list", _line_of(text, found.group(0)), _short(found.group(0)))
              for found in _ATTR_LIST.finditer(text)]
    if not _MARKUP_STARTS.search(text):
        return issues  # nothing that could become HTML, a link or an image: no need to render
    return issues + _inspect_rendered(text)


def _inspect_rendered(text: str) -> list[TextIssue]:
    """inspect() the slow way: render the text and look at what came out."""
    md = _converter()
    rendered = md.convert(text)
    issues = []
    raw_blocks = [str(s) for s in md.htmlStash.rawHtmlBlocks if not _ENTITY.match(str(s).strip())]
    for raw in raw_blocks:
        issues.append(TextIssue("markdown.raw_html", _line_of(text, raw), _short(raw)))
    collector = _LinkCollector()
    collector.feed(rendered)
    for tag, _attr, value in collector.found:
        if any(value in raw or html.escape(value) in raw for raw in raw_blocks):
            continue  # already reported as raw HTML
        if tag == "img":
            issues.append(TextIssue("markdown.image", _line_of(text, "!["), _short(value)))
        elif not is_safe_url(value):
            issues.append(TextIssue("markdown.unsafe_link", _link_line(text, value), _short(value)))
        elif problem := addresses.link_problem(value):
            issues.append(TextIssue(problem.code, _link_line(text, value), _short(value), problem.severity,
                                    {**problem.params, "value": _short(value)}))
    return issues


def is_safe_url(url: str) -> bool:
    """True for absolute http(s), mailto and tel links (after decoding entities and control chars)."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    scheme, sep, _ = cleaned.partition(":")
    return bool(sep) and scheme.lower() in ALLOWED_SCHEMES and "/" not in scheme


@functools.lru_cache(maxsize=65536)  # the same texts recur across pages, feeds and search data of a build
def render(text: str) -> Markup:
    """Markdown → HTML with only an explicit allow-list of tags, attributes and link schemes kept."""
    rendered = _converter().convert(normalize_lists(text or ""))
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=ALLOWED_SCHEMES, link_rel="nofollow noopener noreferrer",
                      strip_comments=True)
    return Markup(clean)


# A one-line text (spaces and tabs only) without these characters or a block marker at its start is its own
# plain text.
_INLINE_SYNTAX = re.compile(r"[*_`\[\]<>&#!\\=|~:\x02\x03]|[^\S \t]|^\s*(?:[-+>]|\d+[.)]|$)|^\s{4}")


@functools.lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Markdown → plain text (for search, summaries and feeds)."""
    if text and not _INLINE_SYNTAX.search(text):
        return " ".join(text.split())  # what rendering would give (tested against it), without the renderer
    stripped = nh3.clean(_converter().convert(normalize_lists(text or "")), tags=set())
    return html.unescape(re.sub(r"\s+", " ", stripped)).strip()


class _LinkCollector(HTMLParser):
    """Collect href/src attributes of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                self.found.append((tag, name, value))


_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|<([^>\s]+)>", re.M)


def _link_line(text: str, value: str) -> int:
    """The 1-based line of the link whose decoded target is value."""
    for match in _LINK_TARGETS.finditer(text):
        target = next(g for g in match.groups() if g is not None)
        decoded = _CONTROL.sub("", html.unescape(target))
        if decoded and _CONTROL.sub("", value).startswith(decoded):
            return text.count("\n", 0, match.start()) + 1 + (1 if text[match.start()] == "\n" else 0)
    return _line_of(text, value.split(":")[0])


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of text where needle first occurs (1 if not found)."""
    index = text.find(needle) if needle else -1
    if index < 0:
        index = text.lower().find(needle.lower()[:20]) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _short(value: str) -> str:
    """A snippet for messages."""
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"
