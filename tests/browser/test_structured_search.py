"""The home page's JSON-LD promises search engines a search action: its address template, filled in as RFC 6570
fills {query}, opens the supplier directory searching for those words (opened from disk here: the template's
published address is replaced by the built folder's)."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

QUERY = {"da": "rengøring", "sv": "städning"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_the_search_action_opens_the_directory_with_the_words(page, built_site, lang):
    home = built_site / lang / "index.html"
    website = json.loads(JSON_LD.search(home.read_text(encoding="utf-8")).group(1))
    template = website["potentialAction"]["target"]["urlTemplate"]
    published = template.split(f"/{lang}/", 1)[0] + f"/{lang}/"
    address = template.replace(published, (built_site / lang).as_uri() + "/").replace(
        "{query}", quote(QUERY[lang], safe=""))
    page.goto(address)
    expect(page.locator("#bro-q")).to_have_value(QUERY[lang])
    expect(page.locator("#bro-results .bro-card__title").first).to_be_visible()
    expect(page.locator("#bro-results")).to_contain_text("Fjordvask" if lang == "da" else "Städkooperativet Vinden")
    # fewer than the whole list (18 suppliers): the words were searched for
    expect(page.locator("#bro-status")).not_to_have_text(re.compile(r"^18 "))
