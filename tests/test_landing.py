"""The landing page's numbers (every supplier, and only the tender plan's open entries) and the home pages' tiles."""
from __future__ import annotations

import datetime as dt
import re

from bro import urls
from bro.build import landing_context
from bro.catalog import load_catalog
from helpers import ROOT, TODAY


def test_landing_counts_open_entries_not_the_archive():
    catalog = load_catalog(ROOT, today=TODAY)
    counts = landing_context(catalog)["counts"]
    archived = {slug for slug, record in catalog.tenders.items() if record.is_archived(TODAY)}
    # the sample data: 11 entries, of which 4 are awarded, cancelled or past every date
    assert archived == {"aarhus-vask-arbejdstoej", "malmo-it-aaterbruk", "stockholm-ideburen-motesplatser",
                        "vgr-gaavor-medarbetare"}
    assert counts == {"suppliers": 18, "open_tenders": 7}


def test_landing_counts_follow_the_date():
    """The same data seen years later: every entry's dates have passed, so nothing is open."""
    catalog = load_catalog(ROOT, today=dt.date(2040, 1, 1))
    assert landing_context(catalog)["counts"]["open_tenders"] == 0


def test_landing_page_shows_the_open_counts_and_leads_to_both_lists(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<strong>7</strong> kommende udbud og indkøb i udbudsplanen" in html
    assert "<strong>7</strong> kommande upphandlingar och inköp i upphandlingsplanen" in html
    assert 'href="da/udbudsplan/index.html"' in html and 'href="sv/upphandlingsplan/index.html"' in html
    assert 'href="da/leverandorer/index.html"' in html and 'href="sv/leverantorer/index.html"' in html


def test_home_pages_lead_to_the_guide_and_every_task(built_site):
    """The task tiles on each home page, the getting-started guide among them (one click from home)."""
    for lang, titles in (("da", ["Find leverandører", "Udbudsplan", "Kom i gang", "Vidensbank", "Bidrag"]),
                         ("sv", ["Hitta leverantörer", "Upphandlingsplan", "Kom igång", "Kunskapsbank", "Bidra"])):
        html = (built_site / lang / "index.html").read_text(encoding="utf-8")
        shown = re.findall(r'<a class="bro-tile" href="([^"]+)"><span class="bro-tile__title">([^<]+)</span>', html)
        assert [title for _, title in shown] == titles
        for href, _ in shown:
            assert (built_site / lang / href).exists(), href
        assert (urls.content_path("getting_started", lang), titles[2]) in shown
