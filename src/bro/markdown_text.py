"""Markdown written by outsiders: checked strictly, then rendered and sanitized (second wall). Two kinds: texts in
data (plain Python-Markdown, absolute links only) and the site's own pages in content/ (read with the extensions
the site renders them with; they may also link to each other and name their headings' anchors)."""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h2", "h3", "h4", "h5", "h6", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_ENTITY = re.compile(r"^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
# What looks like markup: "<" followed by a letter, "!", "/" or "?", directly or (as lenient parsers read
# "< img …>") after spaces when a ">" closes it. A comparison such as "a < b" is text.
HTML_TAG = re.compile(r"<(?:[A-Za-z!/?]|\s+[A-Za-z!/?](?=[^<>]*>))")


@dataclass(frozen=True)
class TextIssue:
    """Something unsafe in a Markdown text, with the 1-based line of the text it is on."""

    code: str
    line: int
    detail: str
    column: int = 1


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


_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


def _converter() -> markdown.Markdown:
    """A plain Python-Markdown converter (built once, reset per text): no extensions, so attr_list stays text."""
    return _MARKDOWN.reset()


# Raw HTML, entities, links and images all start with one of these; Python-Markdown's placeholders use \x02, \x03.
_MARKUP_STARTS = re.compile(r"[<&\[\x02\x03]")


# Python-Markdown's attr_list syntax ({: #id .class key="value"}). Bro's converter leaves it as text, but a
# renderer with the extension on (as MkDocs has) would put the attributes, onclick= included, on the element.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.][^\s}]|[A-Za-z_:][\w:.-]*[ \t]*=)[^}\n]*\}")


def inspect(text: str) -> list[TextIssue]:
    """Find raw HTML, attribute lists, images and links with schemes other than http(s), mailto and tel."""
    issues = [TextIssue("markdown.attr_list", _line_of(text, found.group(0)), _short(found.group(0)))
              for found in _ATTR_LIST.finditer(text)]
    if not _MARKUP_STARTS.search(text):
        return issues  # nothing that could become HTML, a link or an image: no need to render
    return issues + _inspect_rendered(text)


def _inspect_rendered(text: str) -> list[TextIssue]:
    """inspect() the slow way: render the text and look at what came out."""
    md = _converter()
    rendered = md.convert(text)
    raw_blocks = _raw_blocks(md)
    issues = [TextIssue("markdown.raw_html", _line_of(text, raw), _short(raw)) for raw in raw_blocks]
    collector = _LinkCollector()
    collector.feed(rendered)
    for tag, _attr, value in collector.found:
        if any(value in raw or html.escape(value) in raw for raw in raw_blocks):
            continue  # already reported as raw HTML
        if tag == "img":
            issues.append(TextIssue("markdown.image", _line_of(text, "!["), _short(value)))
        elif not is_safe_url(value):
            issues.append(TextIssue("markdown.unsafe_link", _link_line(text, value), _short(value)))
    return issues


def _raw_blocks(md: markdown.Markdown, start: int = 0) -> list[str]:
    """The raw HTML the last conversion set aside (character references such as &amp; are not HTML), from the
    start-th block on."""
    return [str(s) for s in md.htmlStash.rawHtmlBlocks[start:] if not _ENTITY.match(str(s).strip())]


def is_safe_url(url: str) -> bool:
    """True for absolute http(s), mailto and tel links (after decoding entities and control chars)."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    scheme, sep, _ = cleaned.partition(":")
    return bool(sep) and scheme.lower() in ALLOWED_SCHEMES and "/" not in scheme


# --- the site's pages (content/) -----------------------------------------------------------------------------------

PAGE_BOXES = ("note", "tip", "warning")  # the admonition types the pages use
# The attributes the pages' Markdown may give an element, with the values allowed (None: any value; links are
# checked apart): headings' anchors (toc, or `## Heading { #name }`), the permalink beside each heading, the boxes,
# and the language of a fenced code block. Material's own elements are named __…, so an anchor may not be.
_ANCHOR = re.compile(r"[A-Za-z0-9][\w-]*", re.A)
PAGE_ATTRIBUTES: dict[str, dict[str, re.Pattern | None]] = {
    **{f"h{level}": {"id": _ANCHOR} for level in range(1, 7)},
    "a": {"href": None, "title": None, "class": re.compile("headerlink")},
    "div": {"class": re.compile("admonition (?:" + "|".join(PAGE_BOXES) + ")")},
    "p": {"class": re.compile("admonition-title")},
    "code": {"class": re.compile(r"language-[\w-]+", re.A)},
}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PLACEHOLDER = re.compile(markdown.util.HTML_PLACEHOLDER % r"(\d+)")
_LT_REFERENCE = re.compile(r"&(?:lt|#0*60|#x0*3c);", re.I)


def page_reader(extensions: list, configs: dict) -> markdown.Markdown:
    """A converter that reads a page as the site renders it (with these Markdown extensions) and notes the elements
    the Markdown made: build it once, then give it to inspect_page for every page."""
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    # Python-Markdown's raw-HTML preprocessor runs at priority 20: what is in the stash before it are blocks that
    # extensions rendered (fenced code), not HTML the page wrote.
    md.preprocessors.register(_StashMark(md), "bro_stash_mark", 21)
    md.treeprocessors.register(_ElementNotes(md), "bro_element_notes", -100)  # after every other tree processor
    return md


def inspect_page(text: str, reader: markdown.Markdown) -> list[TextIssue]:
    """inspect() for a page of the site: raw HTML, HTML written with character references, images, links other than
    to the site's pages and to http(s), mailto and tel, and attributes other than those in PAGE_ATTRIBUTES."""
    rendered = reader.reset().convert(text)
    rendered_blocks = reader.preprocessors["bro_stash_mark"].count
    raw_blocks = _raw_blocks(reader, rendered_blocks)
    issues = [_issue_at("markdown.raw_html", text, _find(text, raw), _short(raw)) for raw in raw_blocks]
    collector = _LinkCollector()
    collector.feed(rendered)
    for tag, _attr, value in collector.found:
        in_raw_html = any(value in raw or html.escape(value) in raw for raw in raw_blocks)  # reported already
        if tag != "img" and not in_raw_html and not is_safe_page_link(value):
            issues.append(TextIssue("content.unsafe_link", _link_line(text, value), _short(value)))
    notes: _ElementNotes = reader.treeprocessors["bro_element_notes"]
    for piece in notes.texts:
        if found := HTML_TAG.search(piece):
            snippet = piece[found.start():found.start() + 12]
            issues.append(_issue_at("text.html", text, _encoded_index(text, snippet), _short(snippet) + "…"))
    fences = _TagCollector()
    fences.feed("".join(str(block) for block in reader.htmlStash.rawHtmlBlocks[:rendered_blocks]))
    for tag, attributes in [*notes.elements, *fences.found]:
        issues.extend(_attribute_issues(text, tag, attributes))
    return list(dict.fromkeys(issues))  # an aligned column gives every cell the same problem


PAGE_TAGS = ALLOWED_TAGS | {"h1", "div", "table", "thead", "tbody", "tr", "th", "td"}


def clean_page(rendered: str) -> str:
    """A page's rendered Markdown with only the tags, attributes and links inspect_page accepts (second wall: what the
    Content-Security-Policy cannot stop, such as <meta http-equiv="refresh">, is gone too)."""
    return nh3.clean(rendered, tags=PAGE_TAGS, attributes={tag: set(names) for tag, names in PAGE_ATTRIBUTES.items()},
                     attribute_filter=_kept_page_attribute, url_schemes=ALLOWED_SCHEMES, link_rel=None,
                     strip_comments=True)


def _kept_page_attribute(tag: str, name: str, value: str) -> str | None:
    """An attribute's value if PAGE_ATTRIBUTES allows it (links: if is_safe_page_link), else None."""
    if name == "href":
        return value if is_safe_page_link(value) else None
    pattern = PAGE_ATTRIBUTES.get(tag, {}).get(name)
    return value if pattern is None or pattern.fullmatch(value) else None


def is_safe_page_link(url: str) -> bool:
    """True for the links a page may hold: is_safe_url's, and links to another page of the site (relative)."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    if _SCHEME.match(cleaned):
        return is_safe_url(url)
    return not cleaned.startswith(("/", "\\"))  # //host and \\host lead to another site, /x out of the site


def _attribute_issues(text: str, tag: str, attributes: dict[str, str]) -> list[TextIssue]:
    """What is wrong with one element the Markdown made: an image, or an attribute the pages do not use."""
    if tag == "img":
        return [_issue_at("content.image", text, _find(text, "!["), _short(attributes.get("src", "")))]
    allowed, issues = PAGE_ATTRIBUTES.get(tag, {}), []
    for name, value in attributes.items():
        if name in allowed and (allowed[name] is None or allowed[name].fullmatch(value)):
            continue
        if tag in ("th", "td") and name in ("style", "align"):
            where = re.search(r"^(?=[^\n]*:)[ \t|:-]*-[ \t|:-]*$", text, re.M)  # the row under the header
            issues.append(_issue_at("content.table_align", text, where.start() if where else -1,
                                    _short(where.group(0)) if where else value))
        elif tag == "div" and name == "class" and value.startswith("admonition "):
            box = value.removeprefix("admonition ")
            where = re.search(r"^[ \t]*!!![ \t]*" + re.escape(box.split()[0]), text, re.M) if box else None
            issues.append(_issue_at("content.admonition", text, where.start() if where else -1, box))
        elif name == "id" and name in allowed:
            issues.append(_issue_at("content.anchor", text, _find(text, value), value))
        else:
            attribute_list = _attribute_list(text, name, value)
            issues.append(_issue_at("content.attr_list", text, attribute_list[0],
                                    _short(attribute_list[1] or f'{name}="{value}"')))
    return issues


def _attribute_list(text: str, name: str, value: str) -> tuple[int, str]:
    """Where the attribute list that gave an element name="value" is, and its text ((-1, "") if not found)."""
    token = {"id": "#" + value, "class": "." + value.split()[0] if value else "."}.get(name, name)
    for found in re.finditer(r"\{[^{}\n]*\}", text):
        if token in found.group(0) or name in found.group(0):
            return found.start(), found.group(0)
    return -1, ""


def _encoded_index(text: str, snippet: str) -> int:
    """Where text writes snippet (which starts with "<"): as it is, or with a character reference for the "<"."""
    index = text.find(snippet)
    if index >= 0:
        return index
    for found in _LT_REFERENCE.finditer(text):
        if html.unescape(text[found.start():found.start() + 8 * len(snippet)]).startswith(snippet[:8]):
            return found.start()
    return -1


class _StashMark(markdown.preprocessors.Preprocessor):
    """Count the blocks extensions have stashed before the raw-HTML preprocessor runs."""

    count = 0

    def run(self, lines):
        """Note the count; the lines are left as they are."""
        self.count = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class _TagCollector(HTMLParser):
    """Collect every start tag of HTML with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


class _ElementNotes(markdown.treeprocessors.Treeprocessor):
    """Note every element the Markdown made with its attributes, and its text outside code with character references
    decoded (raw HTML is set aside in the stash, so what is here is Markdown's own)."""

    def run(self, root):
        """Record the tree (it is left as it is)."""
        self.elements = [(element.tag, dict(element.attrib)) for element in root.iter() if element is not root]
        self.texts = [self._decoded(piece) for element in root.iter()
                      for piece in ((element.tail,) if element.tag in ("code", "pre") else (element.text, element.tail))
                      if piece]

    def _decoded(self, piece: str) -> str:
        """The text with stashed character references decoded and stashed raw HTML left out."""
        def replace(found: re.Match) -> str:
            stashed = str(self.md.htmlStash.rawHtmlBlocks[int(found.group(1))])
            return html.unescape(stashed) if _ENTITY.match(stashed.strip()) else ""
        return _PLACEHOLDER.sub(replace, piece.replace(markdown.util.AMP_SUBSTITUTE, "&"))


def _issue_at(code: str, text: str, index: int, detail: str) -> TextIssue:
    """A TextIssue at an index of text (line 1, column 1 when not found)."""
    if index < 0:
        return TextIssue(code, 1, detail)
    return TextIssue(code, text.count("\n", 0, index) + 1, detail, index - text.rfind("\n", 0, index))


def _find(text: str, needle: str) -> int:
    """The index where needle first occurs in text (case-insensitively as a fallback; -1 if not found)."""
    index = text.find(needle) if needle else -1
    if index < 0 and needle:
        index = text.lower().find(needle.lower()[:20])
    return index


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
    index = _find(text, needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _short(value: str) -> str:
    """A snippet for messages."""
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"
