"""Every page's <title> names the page once and the site once: "Page – Bro"; the home pages carry the site's own
title ("Bro – sociale indkøb" / "Bro – sociala inköp") and nothing after it (overrides/main.html, htmltitle)."""
from __future__ import annotations

import html
import re

import pytest

HOME = {"da": "Bro – sociale indkøb", "sv": "Bro – sociala inköp"}


def _titles(page: str) -> list[str]:
    return [html.unescape(t).strip() for t in re.findall(r"<title>(.*?)</title>", page, re.S)]


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_home_page_title_is_the_sites_own(built_site, lang):
    assert _titles((built_site / lang / "index.html").read_text(encoding="utf-8")) == [HOME[lang]]


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_every_page_title_is_page_then_bro_once(built_site, lang):
    pages = sorted((built_site / lang).rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        if path == built_site / lang / "index.html":
            continue
        titles = _titles(path.read_text(encoding="utf-8"))
        assert len(titles) == 1, path
        name, sep, site = titles[0].rpartition(" – ")
        assert sep and site == "Bro" and name, (path, titles[0])
        assert not name.endswith(("- Bro", "– Bro")) and HOME[lang] not in name, (path, titles[0])
        assert " - Bro" not in titles[0], (path, titles[0])
