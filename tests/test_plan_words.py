"""Reader pages of the tender plan speak to readers: the entry page explains how to signal interest without
developer words, and eligibility is worded once (bro.reservations)."""
from __future__ import annotations

import html
import re

import pytest

from bro import reservations
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

DEVELOPER_WORDS = ("pull request", "interested", "data/tenders", "git", ".yml")


def _article_text(path) -> str:
    page = path.read_text(encoding="utf-8")
    article = page[page.index('<article class="bro-record'):]
    article = article[:article.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


@pytest.mark.parametrize("lang, folder, slug, heading, guide", [
    ("da", "udbudsplan", "odense-groen-drift", "Meld interesse", "bidrag/interesse.html"),
    ("sv", "upphandlingsplan", "goteborg-fruktkorgar-2027", "Anmäl intresse", "bidra/intresse.html"),
])
def test_entry_page_explains_interest_in_plain_words(built_site, lang, folder, slug, heading, guide):
    path = built_site / lang / folder / f"{slug}.html"
    text = _article_text(path)
    assert heading in text
    # "git" as a word: the second route names GitHub plainly (for those with an account), after the site's form
    lower = text.lower()
    assert not [w for w in DEVELOPER_WORDS if (re.search(r"\bgit\b", lower) if w == "git" else w in lower)]
    page = path.read_text(encoding="utf-8")
    box = page[page.index('class="bro-interest"'):page.index("</section>", page.index('class="bro-interest"'))]
    assert f"entry={slug}" in box and guide in box
    form = guide.replace("interesse", "formular/interesse").replace("intresse", "formular/intresse")
    assert box.index(f'{form}#entry={slug}"') < box.index(f"entry={slug}&"), "the site's form before GitHub's"
    assert ("Ret oplysningerne om indkøbet" if lang == "da" else "Ändra uppgifterna om inköpet") in text


# How eligibility for reserved contracts has been worded; only bro.reservations may say it.
ELIGIBILITY_WORDS = re.compile(r"erklær(?!ing)|intyga|uppger att|byde på reserverede|anbud (på|i) reserverade"
                               r"|opfylde(r)? betingelserne for|uppfyller villkoren för", re.IGNORECASE)


def test_eligibility_is_worded_only_in_reservations():
    sources = [*(ROOT / "src" / "bro" / "locales").glob("ui.*.yml"), *(ROOT / "src" / "bro" / "locales").glob(
        "changes.*.yml"), *(ROOT / "overrides").rglob("*.html"),
               *(p for p in (ROOT / "overrides").rglob("*.js")  # the schemas compiled for the forms' checks: the
                 if p.name != "record-schemas.js"),  # schemas' own words, which this test does not read either
               *(p for p in (ROOT / "src" / "bro").rglob("*.py")  # the forms ask the question, in their own words
                 if p.name != "reservations.py" and p.parent.name != "forms"),
               *(ROOT / "hooks").glob("*.py")]
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in sources
             for m in ELIGIBILITY_WORDS.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


def test_eligibility_wording_names_the_act_in_each_country():
    catalog = load_catalog(ROOT, today=TODAY)
    assert reservations.facet_label(catalog.vocab, "da") == (
        "Erklærer at opfylde betingelserne for reserverede kontrakter (udbudsloven § 54 i Danmark, "
        "LOU 4 kap. 18 § i Sverige)")
    assert reservations.facet_label(catalog.vocab, "sv") == (
        "Uppger att företaget uppfyller villkoren för reserverade kontrakt (LOU 4 kap. 18 § i Sverige, "
        "udbudsloven § 54 i Danmark)")
    assert reservations.eligibility(catalog.vocab, "se_ideburen", "da").endswith("(LOU 19 kap. 25 a § i Sverige)")


@pytest.mark.parametrize("lang, pages", [
    ("da", ["leverandorer/index.html", "leverandorer/fjordvask.html", "udbudsplan/aarhus-vask-arbejdstoej.html"]),
    ("sv", ["leverantorer/index.html", "leverantorer/fjordvask.html", "upphandlingsplan/aarhus-vask-arbejdstoej.html"]),
])
def test_pages_show_eligibility_in_the_one_wording(built_site, lang, pages):
    catalog = load_catalog(ROOT, today=TODAY)
    wording = reservations.facet_label(catalog.vocab, lang)
    for page in pages:
        text = (built_site / lang / page).read_text(encoding="utf-8")
        text = html.unescape(re.sub(r"</?a\b[^>]*>", "", text))  # its citations link to the acts
        assert wording in text, page
        assert not ELIGIBILITY_WORDS.search(text.replace(wording, "").replace(reservations.not_declared(lang), "")
                                            .replace("Tilgængelighedserklæring", "")), page
