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
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = "error"


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
    raw_blocks = [str(s) for s in md.htmlStash.rawHtmlBlocks if not _ENTITY.match(str(s).strip())]
    if not raw_blocks and _depth(rendered) > MAX_NESTING:  # lines that each nest little can nest in each other
        return [_too_deep(lines := _as_python_markdown_splits(text), _deepest_line(lines))]
    for raw in raw_blocks:
        issues.append(TextIssue("markdown.raw_html", _line_of(text, raw), _short(raw)))
    collector = _LinkCollector()
    collector.feed(rendered)
    targets = None
    for tag, _attr, value in collector.found:
        if any(value in raw or html.escape(value) in raw for raw in raw_blocks):
            continue  # already reported as raw HTML
        if tag == "img":
            issues.append(TextIssue("markdown.image", _line_of(text, "!["), _short(value)))
        elif not is_safe_url(value):
            targets = _link_targets(text) if targets is None else targets
            issues.append(TextIssue("markdown.unsafe_link", _link_line(text, targets, value), _short(value)))
        elif problem := addresses.link_problem(value):
            targets = _link_targets(text) if targets is None else targets
            issues.append(TextIssue(problem.code, _link_line(text, targets, value), _short(value),
                                    {**problem.params, "value": _short(value)}, problem.severity))
    return issues


def _depth(rendered: str) -> int:
    """How deep lists and quotes nest in rendered HTML."""
    depth = deepest = 0
    for found in _CONTAINERS.finditer(rendered):
        depth += -1 if found.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


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
    index = text.find(needle) if needle else -1
    if index < 0:
        index = text.lower().find(needle.lower()[:20]) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _short(value: str) -> str:
    """A snippet for messages."""
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"
