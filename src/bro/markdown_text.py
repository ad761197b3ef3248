"""Markdown written by outsiders: checked strictly, then rendered and sanitized (second wall). Two kinds: texts in
data (plain Python-Markdown, absolute links only) and the site's own pages in content/ (read with the extensions
the site renders them with; they may also link to each other and name their headings' anchors)."""
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
# What looks like markup: "<" followed by a letter, "!", "/" or "?", directly or (as lenient parsers read
# "< img …>") after spaces when a ">" closes it. A comparison such as "a < b" is text.
HTML_TAG = re.compile(r"<(?:[A-Za-z!/?]|\s+[A-Za-z!/?](?=[^<>]*>))")


@dataclass(frozen=True)
class TextIssue:
    """Something unsafe in a Markdown text, with the 1-based line of the text it is on."""

    code: str
    line: int
    detail: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = "error"
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


class _ShownAddresses(Treeprocessor):
    """A link that shows its own address (<https://…>) shows it as Bro shows every address: a host that imitates
    another in punycode (addresses.display_url)."""

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href")
            if href and link.text == href and len(link) == 0 and (shown := addresses.display_url(href)) != href:
                link.text = AtomicString(shown)


# What rendering a text may cost. Python-Markdown reads from every '[' to the end of the paragraph looking for the
# ']' that closes it (and from every '](' for the ')'), which is quadratic on a text of many '[': Bro's converter
# looks no further than SCAN_LIMIT characters, and validation refuses texts with more than MAX_BRACKETS '['. Its HTML
# parser is quadratic on many unclosed tags (refused anyway: validation counts them before rendering), and its list
# parser recurses once per level of nesting (about 500 levels crash it).
SCAN_LIMIT = 1000  # characters: far longer than the text or address of any real link
MAX_BRACKETS = 300  # '[' in one text: a link every 67 characters of the longest text
MAX_TAGS = 100  # '<' followed by a letter, '/', '!' or '?' (HTML or an <address>) in one text
MAX_NESTING = 10  # lists and quotes inside each other, 4 spaces of indentation counted as one level

# Python-Markdown's processors that look for closing brackets, with the priority it registers them at.
_LINK_PROCESSORS = {"reference": 170, "link": 160, "image_link": 150, "image_reference": 140,
                    "short_reference": 130, "short_image_ref": 125}


class _BoundedScan:
    """A Python-Markdown link processor that reads at most SCAN_LIMIT characters after an opening bracket or
    parenthesis: the same result for every link whose brackets close within the limit, and no link otherwise."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - Python-Markdown's name
        """The link text between [ and ], looked for in the next SCAN_LIMIT characters."""
        text, end, handled = super().getText(data[index:index + SCAN_LIMIT], 0)
        return text, index + end, handled

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        """The address (and title) between ( and ), looked for in the next SCAN_LIMIT characters."""
        href, title, end, handled = super().getLink(data[index:index + SCAN_LIMIT], 0)
        # (an unclosed title makes Python-Markdown answer -1, which its caller reads from the end of the text)
        return href, title, index + end if end >= 0 else end, handled

    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:  # noqa: N802
        """The reference of [text][id], looked for in the next SCAN_LIMIT characters."""
        reference, end, handled = super().evalId(data[index:index + SCAN_LIMIT], 0, text)
        return reference, index + end, handled


def _make_converter() -> markdown.Markdown:
    """A plain Python-Markdown converter (no extensions, so attr_list stays text) whose link processors read a
    bounded number of characters."""
    md = markdown.Markdown(extensions=[], output_format="html")
    for name, priority in _LINK_PROCESSORS.items():
        stock = md.inlinePatterns[name]
        bounded = type(f"Bounded{type(stock).__name__}", (_BoundedScan, type(stock)), {})
        md.inlinePatterns.register(bounded(stock.pattern, md), name, priority)
    md.treeprocessors.register(_ShownAddresses(md), "bro_shown_addresses", 5)
    return md


_MARKDOWN = [_make_converter()]


def _converter() -> markdown.Markdown:
    """Bro's converter (built once, reset per text)."""
    return _MARKDOWN[0].reset()


def _replace_converter() -> None:
    """A new converter after one failed halfway: reset() leaves its block parser's state as it was (inside a
    list, say), and a text converted after that would not be read as it is."""
    _MARKDOWN[0] = _make_converter()


# Raw HTML, entities, links and images all start with one of these; Python-Markdown's placeholders use \x02, \x03.
_MARKUP_STARTS = re.compile(r"[<&\[\x02\x03]")


# Python-Markdown's attr_list syntax ({: #id .class key="value"}). Bro's converter leaves it as text, but a
# renderer with the extension on (as MkDocs has) would put the attributes, onclick= included, on the element.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.][^\s}]|[A-Za-z_:][\w:.-]*[ \t]*=)[^}\n]*\}")


def inspect(text: str) -> list[TextIssue]:
    """Find raw HTML, attribute lists, images, links with schemes other than http(s), mailto and tel, and links
    whose address is refused or imitates another host (addresses.link_problem); a text that would cost too much to
    render is refused before that."""
    lines = _as_python_markdown_splits(text)
    too_costly = _costly(lines)
    if too_costly:
        return [too_costly]
    issues = list(_attr_lists(text))
    if not _MARKUP_STARTS.search(text) and _markers(lines) <= MAX_NESTING:
        return issues  # nothing that could become HTML, a link or an image, or nest too deep: no need to render
    return issues + _inspect_rendered(text)


def _as_python_markdown_splits(text: str) -> str:
    """text with its line breaks as Python-Markdown reads them (a lone carriage return ends a line too), after a
    line break of its own: every line starts after a newline (searching for one is fast)."""
    return "\n" + (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text)


_TAG_START = re.compile(r"<[A-Za-z/!?]")
# A line that might nest deeper than MAX_NESTING: every level takes at least one of these characters.
_MAYBE_DEEP = re.compile(rf"\n[ \t>*+\-0-9.)]{{{MAX_NESTING + 1}}}")
_MARKED = re.compile(r"\n[ \t]*(?:>|[-*+]|[0-9]+[.)])")
_LEVEL = re.compile(r"( *)(>|(?:[-*+]|[0-9]+[.)])(?= |$))?")
_CONTAINERS = re.compile(r"<(/?)(?:ul|ol|blockquote)\b[^>]*>")


def _costly(text: str) -> TextIssue | None:
    """Why rendering text (from _as_python_markdown_splits) would take long or crash (too many '[', too many tags,
    a line nested too deep), if so."""
    if text.count("[") > MAX_BRACKETS:
        return TextIssue("markdown.too_many_brackets", _line_of_nth(text, "[", MAX_BRACKETS + 1), "",
                         {"count": text.count("["), "limit": MAX_BRACKETS})
    if "<" in text and len(tags := _TAG_START.findall(text)) > MAX_TAGS:
        starts = [found.start() for found in _TAG_START.finditer(text)]
        return TextIssue("markdown.too_many_tags", text.count("\n", 0, starts[MAX_TAGS]), "",
                         {"count": len(tags), "limit": MAX_TAGS})
    for found in _MAYBE_DEEP.finditer(text):
        if nesting(_line_after(text, found.start())) > MAX_NESTING:
            return _too_deep(text, found.start())
    return None


def _too_deep(text: str, newline: int) -> TextIssue:
    """Lists or quotes nested deeper than MAX_NESTING, on the line after the newline at newline."""
    return TextIssue("markdown.too_deep", text.count("\n", 0, newline) + 1, "", {"limit": MAX_NESTING})


def _line_after(text: str, newline: int) -> str:
    """The line of text after the newline at newline."""
    end = text.find("\n", newline + 1)
    return text[newline + 1:end if end >= 0 else len(text)]


def nesting(line: str) -> int:
    """How deep a line of Markdown nests at most: its quote and list markers, and its indentation in steps of four
    (tabs count four, as Python-Markdown reads them; the space that follows a marker is part of it)."""
    markers, spaces = _levels(line)
    return markers + spaces // 4


def _levels(line: str) -> tuple[int, int]:
    """The quote and list markers at the start of a line, and the spaces around them."""
    line = line.expandtabs(4)
    markers, spaces, pos = 0, 0, 0
    while True:
        found = _LEVEL.match(line, pos)
        spaces += len(found.group(1)) - (1 if markers and found.group(1) else 0)
        if not found.group(2):
            return markers, spaces
        markers, pos = markers + 1, found.end()


def _markers(text: str) -> int:
    """Every quote and list marker at the starts of the lines of text (from _as_python_markdown_splits): lists and
    quotes cannot nest deeper than that (a line without one continues the item above it, and inside it a line's own
    markers nest further)."""
    return sum(_levels(_line_after(text, found.start()))[0] for found in _MARKED.finditer(text))


def _deepest_line(text: str) -> int:
    """The newline before the line with the most markers (where a nesting too deep is reported)."""
    starts = [found.start() for found in _MARKED.finditer(text)] or [0]
    return max(starts, key=lambda start: _levels(_line_after(text, start))[0])


def _line_of_nth(text: str, needle: str, count: int) -> int:
    """The 1-based line of the count-th occurrence of needle in text (from _as_python_markdown_splits)."""
    index = -1
    for _ in range(count):
        index = text.find(needle, index + 1)
    return text.count("\n", 0, index)


def _attr_lists(text: str):
    """Attribute lists, line by line, each line only up to its last '}' (after it none can end: looking there
    would scan the rest of the line from every '{')."""
    if "}" not in text:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        end = line.rfind("}")
        if end >= 0:
            for found in _ATTR_LIST.finditer(line, 0, end + 1):
                yield TextIssue("markdown.attr_list", number, _short(found.group(0)))


def _inspect_rendered(text: str) -> list[TextIssue]:
    """inspect() the slow way: render the text as render() does and look at what came out."""
    md = _converter()
    try:
        rendered = md.convert(normalize_lists(text))
    except RecursionError:  # nesting that _costly did not foresee: refused, never a crash
        _replace_converter()
        return [_too_deep(lines := _as_python_markdown_splits(text), _deepest_line(lines))]
    issues = []
    raw_blocks = _raw_blocks(md)
    if not raw_blocks and _depth(rendered) > MAX_NESTING:  # lines that each nest little can nest in each other
        return [_too_deep(lines := _as_python_markdown_splits(text), _deepest_line(lines))]
    for raw in raw_blocks:
        issues.append(TextIssue("markdown.raw_html", _line_of(text, raw), _short(raw)))
    collector = _LinkCollector()
    collector.feed(rendered)
    issues += [TextIssue("markdown.image", _line_of(text, "!["), _short(value)) for tag, _attr, value in collector.found
               if tag == "img" and not _in_raw_html(value, raw_blocks)]
    return issues + _link_issues(text, collector.found, raw_blocks, is_safe_url, "markdown.unsafe_link")


def _in_raw_html(value: str, raw_blocks: list[str]) -> bool:
    """Whether an attribute value came from raw HTML (reported as raw HTML already)."""
    return any(value in raw or html.escape(value) in raw for raw in raw_blocks)


def _link_issues(text: str, found: list[tuple[str, str, str]], raw_blocks: list[str], safe, unsafe_code: str):
    """The links of a rendered text (outside raw HTML) whose scheme is not safe (unsafe_code), or whose address is
    refused or imitates another host (addresses.link_problem), at the line of the text that writes them."""
    issues, targets = [], None
    for tag, _attr, value in found:
        if tag == "img" or _in_raw_html(value, raw_blocks):
            continue
        if not safe(value):
            code, params, severity = unsafe_code, {}, "error"
        elif problem := addresses.link_problem(value):
            code, params, severity = problem.code, {**problem.params, "value": _short(value)}, problem.severity
        else:
            continue
        targets = _link_targets(text) if targets is None else targets
        issues.append(TextIssue(code, _link_line(text, targets, value), _short(value), params, severity))
    return issues


def _depth(rendered: str) -> int:
    """How deep lists and quotes nest in rendered HTML."""
    depth = deepest = 0
    for found in _CONTAINERS.finditer(rendered):
        depth += -1 if found.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


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
# What makes a box editorial: its title names the editors' work (redaktion, granskning). Open points are kept in the
# page's front matter ('review') and never shown to readers (issue 13).
EDITORIAL_TITLE = re.compile(r"redaktion|granskning", re.IGNORECASE)
_BOX_TITLE = re.compile(r'^[ \t]*!!![ \t]*[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"([^"\n]*)"', re.MULTILINE)
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
    to the site's pages and to http(s), mailto and tel, attributes other than those in PAGE_ATTRIBUTES, and
    editorial boxes."""
    rendered = reader.reset().convert(text)
    rendered_blocks = reader.preprocessors["bro_stash_mark"].count
    raw_blocks = _raw_blocks(reader, rendered_blocks)
    issues = [_issue_at("markdown.raw_html", text, _find(text, raw), _short(raw)) for raw in raw_blocks]
    collector = _LinkCollector()
    collector.feed(rendered)
    issues += _link_issues(text, collector.found, raw_blocks, is_safe_page_link, "content.unsafe_link")
    notes: _ElementNotes = reader.treeprocessors["bro_element_notes"]
    for piece in notes.texts:
        if found := HTML_TAG.search(piece):
            snippet = piece[found.start():found.start() + 12]
            issues.append(_issue_at("text.html", text, _encoded_index(text, snippet), _short(snippet) + "…"))
    for box in _BOX_TITLE.finditer(text):
        if EDITORIAL_TITLE.search(box.group(1)):
            issues.append(_issue_at("content.editorial_box", text, box.start(), _short(box.group(1))))
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
    return TextIssue(code, text.count("\n", 0, index) + 1, detail, column=index - text.rfind("\n", 0, index))


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


_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|<([^>\s]+)>", re.M)


def _link_targets(text: str) -> list[tuple[str, int]]:
    """Every link target written in text, decoded, with its 1-based line (read once per text)."""
    targets = []
    for match in _LINK_TARGETS.finditer(text):
        target = next(g for g in match.groups() if g is not None)
        decoded = _CONTROL.sub("", html.unescape(target))
        if decoded:
            targets.append((decoded, text.count("\n", 0, match.start()) + 1))
    return targets


def _link_line(text: str, targets: list[tuple[str, int]], value: str) -> int:
    """The 1-based line of the link whose decoded target is value."""
    cleaned = _CONTROL.sub("", value)
    for decoded, line in targets:
        if cleaned.startswith(decoded):
            return line
    return _line_of(text, value.split(":")[0])


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of text where needle first occurs (1 if not found)."""
    index = _find(text, needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _short(value: str) -> str:
    """A snippet for messages."""
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"
