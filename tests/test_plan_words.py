"""Reader pages of the tender plan speak to readers: the entry page explains how to signal interest without
developer words, and eligibility is worded once (bro.reservations)."""
from __future__ import annotations

import html
import re

import pytest

DEVELOPER_WORDS = ("pull request", "interested", "data/tenders", "git", ".yml")


def _article_text(path) -> str:
    page = path.read_text(encoding="utf-8")
    article = page[page.index('<article class="bro-record'):]
    article = article[:article.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


@pytest.mark.parametrize("lang, folder, slug, heading, guide", [
    ("da", "udbudsplan", "odense-groen-drift", "Meld interesse", "bidrag/interesse.html"),
    ("sv", "upphandlingsplan", "goteborg-fruktkorgar-2027", "Anmäl intresse", "interesse.html"),
])
def test_entry_page_explains_interest_in_plain_words(built_site, lang, folder, slug, heading, guide):
    path = built_site / lang / folder / f"{slug}.html"
    text = _article_text(path)
    assert heading in text
    assert not [w for w in DEVELOPER_WORDS if w in text.lower()]
    page = path.read_text(encoding="utf-8")
    box = page[page.index('class="bro-interest"'):page.index("</section>", page.index('class="bro-interest"'))]
    assert f"entry={slug}" in box and guide in box
    assert ("Ret selv oplysningerne" if lang == "da" else "Rätta uppgifterna") in text
