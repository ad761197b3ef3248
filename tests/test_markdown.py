"""Markdown from outsiders: the inspector refuses unsafe input, the renderer neutralises it anyway."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from bro.markdown_text import ALLOWED_TAGS, inspect, is_safe_url, plain, render

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle/></svg>",
    "<iframe src=https://evil.example></iframe>",
    "<form action=https://evil.example><input name=a></form>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<div onclick=\"alert(1)\">klik</div>",
    "<object data=x></object><embed src=x>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


class _Elements(HTMLParser):
    """Every element and attribute of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("text", HOSTILE)
def test_inspector_refuses_hostile_markdown(text):
    assert inspect(text), text


@pytest.mark.parametrize("text", HOSTILE + ["Hej {: onclick=\"alert(1)\" }", "*a* {: #x .y onmouseover=z }"])
def test_renderer_output_is_inert(text):
    html = str(render(text))
    for tag, attrs in _elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        assert set(attrs) <= {"href", "title", "rel"}, (attrs, html)
        assert "href" not in attrs or is_safe_url(attrs["href"]), html
    assert "<script" not in html.lower() and "alert(1)</" not in html


def test_attr_list_syntax_stays_text():
    html = str(render("Hej {: onclick=\"alert(1)\" }"))
    assert _elements(html) == [("p", {})]


def test_safe_markdown_passes_and_renders():
    text = ("Vi **reparerer** cykler.\n\n- Service\n- Dæk\n\n"
            "[Priser](https://example.org/priser) · <kontakt@example.org> · [Ring](tel:+4512345678)")
    assert inspect(text) == []
    html = str(render(text))
    assert "<strong>reparerer</strong>" in html and "<li>Dæk</li>" in html
    assert 'href="https://example.org/priser"' in html and 'rel="nofollow noopener noreferrer"' in html
    assert 'href="tel:+4512345678"' in html


def test_entities_are_not_raw_html():
    assert inspect("Smith &amp; Co og 5 &lt; 6") == []


def test_list_directly_under_paragraph():
    assert "<ul>" in str(render("Vi tilbyder:\n- vask\n- strygning"))


def test_plain_text_strips_markup():
    assert plain("Vi **reparerer** [cykler](https://x.example)") == "Vi reparerer cykler"


@pytest.mark.parametrize("url,ok", [
    ("https://x.dk", True), ("http://x.dk", True), ("mailto:a@b.dk", True), ("tel:+4512", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("jav&#x61;script:x", False), ("/relative", False), ("data:text/html,x", False), ("HTTPS://X.DK", True),
])
def test_is_safe_url(url, ok):
    assert is_safe_url(url) is ok
