"""A buyer reserves under its own country's act: a tender entry names the buyer's provision on both language
versions, and for a reader from the other country adds the reader's matching provision or says there is none;
a supplier's declared eligibility names the act in each country (bro.reservations)."""
from __future__ import annotations

import html
import re

import pytest

from bro import reservations
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

FOLDERS = {"da": "udbudsplan", "sv": "upphandlingsplan"}


@pytest.fixture(scope="module")
def vocab():
    return load_catalog(ROOT, today=TODAY).vocab


def _reservation_fact(built_site, lang: str, slug: str) -> str:
    """The text of the entry page's 'Reservation' fact."""
    page = (built_site / lang / FOLDERS[lang] / f"{slug}.html").read_text(encoding="utf-8")
    match = re.search(r"<dt>Reservation</dt><dd>(.*?)</dd>", page, re.S)
    assert match, slug
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


@pytest.mark.parametrize("slug, lang, expected", [
    # Swedish buyers, art. 20: LOU on both pages; the Danish page adds the Danish match.
    ("goteborg-fruktkorgar-2027", "sv", "Reserverad upphandling (LOU 4 kap. 18 §)"),
    ("goteborg-fruktkorgar-2027", "da", "Reserveret kontrakt (LOU 4 kap. 18 § i Sverige, svarer til udbudsloven § 54)"),
    ("vgr-gaavor-medarbetare", "da", "Reserveret kontrakt (LOU 4 kap. 18 § i Sverige, svarer til udbudsloven § 54)"),
    # Danish buyer, art. 20: udbudsloven on both pages.
    ("aarhus-vask-arbejdstoej", "da", "Reserveret kontrakt (udbudsloven § 54)"),
    ("aarhus-vask-arbejdstoej", "sv", "Reserverad upphandling (udbudsloven § 54 i Danmark, motsvarar LOU 4 kap. 18 §)"),
    # Danish buyer, art. 77.
    ("frederiksberg-ungeforloeb", "da", "Reserveret kontrakt for visse velfærdsydelser (udbudsloven § 190)"),
    ("frederiksberg-ungeforloeb", "sv", "Reserverad upphandling av vissa välfärdstjänster "
                                        "(udbudsloven § 190 i Danmark, motsvarar LOU 19 kap. 25 §)"),
    # Swedish buyer, idéburen: no Danish counterpart, said plainly.
    ("stockholm-ideburen-motesplatser", "sv",
     "Reserverad upphandling för idéburna organisationer (LOU 19 kap. 25 a §)"),
    ("stockholm-ideburen-motesplatser", "da", "Reserveret for idébaserede organisationer (svensk ordning) "
                                              "(LOU 19 kap. 25 a § i Sverige; ordningen findes ikke i dansk ret)"),
])
def test_entry_names_the_buyers_provision(built_site, slug, lang, expected):
    assert _reservation_fact(built_site, lang, slug) == expected


@pytest.mark.parametrize("slug", ["goteborg-fruktkorgar-2027", "aarhus-vask-arbejdstoej", "frederiksberg-ungeforloeb",
                                  "stockholm-ideburen-motesplatser"])
@pytest.mark.parametrize("lang", ["da", "sv"])
def test_entry_explains_the_reservation_with_the_same_provision(built_site, slug, lang):
    page = (built_site / lang / FOLDERS[lang] / f"{slug}.html").read_text(encoding="utf-8")
    page = html.unescape(re.sub(r"</?a\b[^>]*>", "", page))  # its citations link to the acts
    assert f"<strong>{_reservation_fact(built_site, lang, slug)}.</strong>" in page


def test_buyer_law_for_each_reader(vocab):
    assert reservations.buyer_law(vocab, "art20", "SE", "sv") == "LOU 4 kap. 18 §"
    assert reservations.buyer_law(vocab, "art20", "SE", "da") == (
        "LOU 4 kap. 18 § i Sverige, svarer til udbudsloven § 54")
    assert reservations.buyer_law(vocab, "art77", "DK", "sv") == (
        "udbudsloven § 190 i Danmark, motsvarar LOU 19 kap. 25 §")
    assert reservations.buyer_law(vocab, "se_ideburen", "SE", "da") == (
        "LOU 19 kap. 25 a § i Sverige; ordningen findes ikke i dansk ret")


def test_buyer_law_without_a_provision_in_the_buyers_country(vocab):
    assert reservations.buyer_law(vocab, "none", "DK", "da") is None
    assert reservations.buyer_law(vocab, None, "SE", "sv") is None
    assert reservations.buyer_law(vocab, "se_ideburen", "DK", "da") is None  # the validator rejects such an entry


def test_declared_law_names_each_country_readers_first(vocab):
    assert reservations.declared_law(vocab, "art20", "da") == "udbudsloven § 54 i Danmark, LOU 4 kap. 18 § i Sverige"
    assert reservations.declared_law(vocab, "art20", "sv") == "LOU 4 kap. 18 § i Sverige, udbudsloven § 54 i Danmark"
    assert reservations.declared_law(vocab, "se_ideburen", "da") == "LOU 19 kap. 25 a § i Sverige"
    assert reservations.declared_law(vocab, None, "da") == reservations.declared_law(vocab, "art20", "da")


def test_eligibility_names_the_act_in_each_country(vocab):
    assert reservations.eligibility(vocab, "art77", "da") == (
        "Erklærer at opfylde betingelserne for reserverede kontrakter "
        "(udbudsloven § 190 i Danmark, LOU 19 kap. 25 § i Sverige)")
    assert reservations.eligibility(vocab, "art77", "sv") == (
        "Uppger att företaget uppfyller villkoren för reserverade kontrakt "
        "(LOU 19 kap. 25 § i Sverige, udbudsloven § 190 i Danmark)")


@pytest.mark.parametrize("lang, page", [("da", "leverandorer/fjordvask.html"), ("sv", "leverantorer/fjordvask.html")])
def test_profile_names_both_acts(built_site, lang, page):
    text = (built_site / lang / page).read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"</?a\b[^>]*>", "", text))  # its citations link to the acts
    assert reservations.eligibility(load_catalog(ROOT, today=TODAY).vocab, "art20", lang) in text
    assert "udbudsloven § 54 i Danmark" in text and "LOU 4 kap. 18 § i Sverige" in text
