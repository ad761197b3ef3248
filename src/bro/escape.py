"""Text from outside Bro (data files, issue forms, web servers) leaving Bro in its automation: as one line of
GitHub Markdown (the robot's replies, pull-request bodies, the change summary, the upkeep issue) or as a line on
a terminal or in a workflow log (the validator's command line and annotations).

Outside text is data there: it can neither format the page (links, images, HTML, tables, headings), nor call
people (@mentions), link issues (#12), steer a terminal (escape sequences), nor hide or reorder characters.
Characters that show nothing or change the text's direction (controls, bidi controls, zero-width and tag
characters, soft hyphens, fillers) are shown as their code point, e.g. ⟨U+202E⟩, so that an editor sees them.

Standard library only: the jobs that hold a write token run without Bro's other dependencies."""
from __future__ import annotations

import re
import unicodedata

# Unicode's Default_Ignorable_Code_Point characters that are not format characters (Cf) (DerivedCoreProperties:
# combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian variation selectors, variation
# selectors, and the reserved ranges that render as nothing).
_IGNORABLE = frozenset([0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2065, 0x3164, 0xFFA0,
                        *range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xFFF0, 0xFFF9),
                        *range(0xE0000, 0xE1000)])
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # controls, format, surrogates, line/paragraph sep.
_NOT_PLAIN = re.compile(r"[^ -~]")  # anything but printable ASCII is looked at one by one

# Our own breaks in what GitHub would turn into a mention, an issue link or a web link: a zero-width space,
# the way GitHub's own users write '@' and '#' without calling anyone. It is added after outside text has been
# made visible, so it never hides anything the text held.
BREAK = "\u200b"
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])")  # '@name' or '@org/team'; 'a@b.dk' is no mention
_REFERENCE = re.compile(r"#(?=[0-9])|(?<![A-Za-z0-9])(GH)-(?=[0-9])", re.I)  # '#12', 'owner/repo#12', 'GH-12'
_AUTOLINK = re.compile(r"(https?|www)(?=(://|\.))", re.I)  # GitHub links 'https://…' and 'www.…' by itself
_MARKDOWN = re.compile(r"([\\`*_\[\]|~$])")  # emphasis, code, links and images, tables, strikethrough, math
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_START = re.compile(r"^([-+=#])|^(\d+)\.")  # at a line's start: a list item, a heading or its underline
_URL_SAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")  # RFC 3986 characters, as written
_URL = re.compile(r"https?://[^/?#]+", re.I)


def is_hidden(char: str) -> bool:
    """Whether a character shows nothing, or changes how the text around it is shown."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or ord(char) in _IGNORABLE


def visible(text: str, keep: str = "") -> str:
    """Text with every hidden character (see is_hidden) written as its code point: ⟨U+202E⟩. Characters in
    keep stay as they are (say a line break where lines are wanted)."""
    def show(match: re.Match) -> str:
        char = match.group(0)
        return f"⟨U+{ord(char):04X}⟩" if char not in keep and is_hidden(char) else char
    return _NOT_PLAIN.sub(show, str(text))


def terminal(text: str) -> str:
    """Text that is safe to print on a terminal or in a workflow log: no escape sequence or other control
    reaches it (not even a line break), and every hidden character is shown."""
    return visible(text)


def break_mentions(markdown: str) -> str:
    """Markdown in which no '@name' calls anyone."""
    return _MENTION.sub("@" + BREAK, markdown)


def markdown_line(text, limit: int | None = None) -> str:
    """Outside text inside one line of GitHub Markdown, shown as written: one line (runs of white space become
    one space), at most limit characters of the text, hidden characters shown; no HTML, links, images,
    emphasis, tables, math, mentions, issue links or automatic links."""
    text = _cut(" ".join(visible(text, keep="\t\n\r").split()), limit)
    text = _MARKDOWN.sub(r"\\\1", text)
    text = "".join(_HTML.get(char, char) for char in text)
    text = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\.", text)
    text = _AUTOLINK.sub(r"\1" + BREAK, text)
    text = _REFERENCE.sub(lambda m: (m.group(1) + "-" if m.group(1) else "#") + BREAK, text)
    return break_mentions(text)


def markdown_code(text, limit: int = 200) -> str:
    """Outside text as inline code in a Markdown line (a file name, a path): one line, hidden characters shown,
    no backticks inside."""
    return "`" + _cut(" ".join(visible(text, keep="\t\n\r").split()).replace("`", "'"), limit) + "`"


def _cut(text: str, limit: int | None) -> str:
    """Text cut to at most limit characters, ending in '…' when cut, never inside a shown code point."""
    if limit is None or len(text) <= limit:
        return text
    text = text[: limit - 1]
    start = text.rfind("⟨")
    if start >= 0 and "⟩" not in text[start:]:
        text = text[:start]
    return text + "…"


def markdown_url(url: str) -> str:
    """A web address from outside as a link an editor can follow: <https://…> with every character outside
    the URL syntax percent-encoded (so it cannot end the link or start Markdown or HTML); anything that is not
    an http(s) address is shown as code instead."""
    url = str(url)
    if not _URL.match(url):
        return markdown_code(url, limit=500)
    encoded = _URL_SAFE.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group(0).encode("utf-8")), url)
    return f"<{encoded}>"
