"""Reader pages speak the reader's language: no developer vocabulary ("pull request", "git", "YAML", field names
such as `interested`, paths such as data/tenders/…yml) outside the contribution guides (da bidrag/, sv bidra/),
which explain those routes step by step. The open-data page may name its formats (JSON) in plain words, and the
columns of its files by their names (`interested`)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bro import urls

# (pattern, case-sensitive): each a word a reader should not meet.
WORDS = [
    (r"pull request", False), (r"git-arkiv", False), (r"\bgit\b", False), (r"\bYAML\b", False),
    (r"\binterested\b", True), (r"data/tenders", False), (r"data/suppliers", False), (r"\.yml\b", False),
    (r"\bJSON\b", False),
]
GUIDES = {lang: urls.CONTENT_PAGES["contribute"][lang].rsplit("/", 1)[0] + "/" for lang in ("da", "sv")}


def _reader_text(page: str) -> str:
    """What a reader sees or hears: text without scripts, styles, data blocks and tags, plus the titles and labels
    of elements."""
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S | re.I)
    labels = " ".join(re.findall(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + labels)


def _findings(site: Path, lang: str) -> list[str]:
    found = []
    for path in sorted((site / lang).rglob("*.html")):
        rel = path.relative_to(site / lang).as_posix()
        if rel.startswith(GUIDES[lang]):
            continue
        text = _reader_text(path.read_text(encoding="utf-8"))
        for pattern, case in WORDS:
            if pattern in (r"\bJSON\b", r"\binterested\b") and rel == urls.content_path("open_data", lang):
                continue
            for match in re.finditer(pattern, text, 0 if case else re.I):
                around = " ".join(text[max(0, match.start() - 60):match.end() + 40].split())
                found.append(f"{lang}/{rel}: {pattern}: …{around}…")
    return found


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_reader_pages_have_no_developer_words(built_site, lang):
    findings = _findings(built_site, lang)
    assert findings == [], "\n".join(findings[:40])


def test_the_check_finds_developer_words():
    """The check itself: a page with them is caught, the same words in the guides are not."""
    page = "<p>Tilføj jeres kortnavn under <code>interested</code> i filen data/tenders/x.yml med en pull request.</p>"
    text = _reader_text(page)
    assert {p for p, case in WORDS if re.search(p, text, 0 if case else re.I)} == {
        r"pull request", r"\binterested\b", r"data/tenders", r"\.yml\b"}
    assert not re.search(r"\bgit\b", _reader_text("<p>GitHub</p>"), re.I)
