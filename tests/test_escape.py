"""Outside text leaving Bro in its automation (src/bro/escape.py): shown as written on GitHub and on a terminal,
never obeyed, and nothing hidden."""
from __future__ import annotations

import re
import unicodedata

import pytest

from bro import escape

HIDDEN = {
    "\u202e": "⟨U+202E⟩",    # right-to-left override
    "\u2066": "⟨U+2066⟩",    # left-to-right isolate
    "\u200f": "⟨U+200F⟩",    # right-to-left mark
    "\u061c": "⟨U+061C⟩",    # Arabic letter mark
    "\u200b": "⟨U+200B⟩",    # zero-width space
    "\u200d": "⟨U+200D⟩",    # zero-width joiner
    "\u2060": "⟨U+2060⟩",    # word joiner
    "\ufeff": "⟨U+FEFF⟩",    # byte-order mark
    "\u00ad": "⟨U+00AD⟩",    # soft hyphen
    "\U000e0041": "⟨U+E0041⟩",  # tag letter A
    "\U000e007f": "⟨U+E007F⟩",  # cancel tag
    "\u3164": "⟨U+3164⟩",    # Hangul filler (a "blank" name)
    "\u115f": "⟨U+115F⟩",    # Hangul choseong filler
    "\u034f": "⟨U+034F⟩",    # combining grapheme joiner
    "\ufe0f": "⟨U+FE0F⟩",    # variation selector
    "\x00": "⟨U+0000⟩",
    "\x1b": "⟨U+001B⟩",      # escape: starts terminal sequences
    "\x7f": "⟨U+007F⟩",
    "\x85": "⟨U+0085⟩",      # next line (C1)
    "\x9b": "⟨U+009B⟩",      # control sequence introducer (C1)
    "\u2028": "⟨U+2028⟩",    # line separator
    "\u2029": "⟨U+2029⟩",    # paragraph separator
    "\udc80": "⟨U+DC80⟩",    # a lone surrogate (a byte that was not UTF-8)
}
SHOWN_AS_WRITTEN = ["Grøn Genstart ApS", "Städkooperativet Vinden", "Ωmega", "Москва", "עברית", "🚲 og 🍎",
                    "a\u00a0b", "x\u3000y", "100 % <50", "⟨U+202E⟩"]
HOSTILE = ["@octocat", "se @bro-socialt-indkob/redaktion", "#12", "owner/repo#3", "GH-12", "gh-7",
           "[klik](https://evil.example)", "![x](https://evil.example/x.png)", "<img src=x onerror=alert(1)>",
           "<!-- skjult -->", "&lt;b&gt;", "**fed** _kursiv_ ~~væk~~ `kode`", "a | b | c", "$x^2$", "\\[",
           "# Overskrift", "- punkt", "+ punkt", "1. punkt", "===", "https://evil.example/login", "www.evil.example",
           "linje 1\nlinje 2\r\n\tlinje 3", "Fjord\u202evask", "\x1b[31mrød\x1b[0m", "[x]: https://evil.example",
           "[^1]", "- [ ] opgave", "> citat", "    kode"]


@pytest.mark.parametrize("char,shown", HIDDEN.items(), ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_hidden_characters_are_shown_as_their_code_point(char, shown):
    assert escape.is_hidden(char)
    assert escape.visible(f"a{char}b") == f"a{shown}b"
    assert escape.terminal(f"a{char}b") == f"a{shown}b"


@pytest.mark.parametrize("text", SHOWN_AS_WRITTEN)
def test_ordinary_text_stays_as_written(text):
    assert escape.visible(text) == escape.terminal(text) == text


def test_every_format_and_control_character_is_hidden():
    """Unicode's own categories decide, so a format character added in a later version is shown too."""
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            assert escape.is_hidden(char), f"U+{code:04X}"


def test_visible_keeps_what_it_is_told_to_keep():
    assert escape.visible("a\nb\tc\u202e", keep="\n\t") == "a\nb\tc⟨U+202E⟩"
    assert escape.terminal("a\nb\tc") == "a⟨U+000A⟩b⟨U+0009⟩c"


def _unescaped(text: str, chars: str) -> list[str]:
    """Markdown characters in text without a backslash in front."""
    return re.findall(rf"(?<!\\)[{re.escape(chars)}]", text.replace("\\\\", ""))


@pytest.mark.parametrize("text", HOSTILE)
def test_a_markdown_line_cannot_format_call_or_link(text):
    line = escape.markdown_line(text)
    assert "\n" not in line and "\r" not in line and "\t" not in line
    assert "<" not in line and ">" not in line
    assert _unescaped(line, "[]`*_|~$") == []
    assert not re.search(r"(?<![A-Za-z0-9_])@[A-Za-z0-9]", line)   # no mention
    assert not re.search(r"#[0-9]|(?i:\bgh-[0-9])", line)           # no issue link
    assert not re.search(r"(?i:https?://|www\.)", line)             # no automatic link
    assert not re.match(r"[-+=#]|[0-9]+\.", line)                     # no list, heading or underline
    assert not [char for char in line if escape.is_hidden(char) and char != escape.BREAK]


def test_a_markdown_line_reads_as_written():
    assert escape.markdown_line("@octocat se #12 <img src=x> [a](b) a|b") == \
        "@\u200boctocat se #\u200b12 &lt;img src=x&gt; \\[a\\](b) a\\|b"
    assert escape.markdown_line("Pris: 3 < 4 & 5 > 2, hej@example.dk") == \
        "Pris: 3 &lt; 4 &amp; 5 &gt; 2, hej@example.dk"
    assert escape.markdown_line("Et navn\nmed # linjeskift") == "Et navn med # linjeskift"
    assert escape.markdown_line("1. maj") == "1\\. maj" and escape.markdown_line("- x") == "\\- x"
    assert escape.markdown_line("Grøn\u202eGenstart") == "Grøn⟨U+202E⟩Genstart"


def test_a_markdown_line_is_cut_but_never_inside_a_code_point():
    assert escape.markdown_line("x" * 500, limit=120) == "x" * 119 + "…"
    cut = escape.markdown_line("ab" + "\u202e" * 30, limit=15)
    assert cut == "ab⟨U+202E⟩…"


def test_markdown_code_and_url():
    assert escape.markdown_code("data/a`b\u202e.yml") == "`data/a'b⟨U+202E⟩.yml`"
    assert escape.markdown_url("https://x.example/a b>c<d|e`f\u202e\n") == \
        "<https://x.example/a%20b%3Ec%3Cd%7Ce%60f%E2%80%AE%0A>"
    assert escape.markdown_url("https://x.example/?q=1&r=[2]#@team") == "<https://x.example/?q=1&r=[2]#@team>"
    assert escape.markdown_url("javascript:alert(1)") == "`javascript:alert(1)`"


def test_mentions_are_broken_where_github_would_see_one():
    assert escape.break_mentions("@a x@b (@c) `@d` a.@e") == \
        "@\u200ba x@b (@\u200bc) `@\u200bd` a.@\u200be"
    assert escape.break_mentions("@\u200ba") == "@\u200ba"
