"""Search relevance of the directory's prebuilt index: compounds by their last part, descriptions, and the facets'
options and counts as the page shows them."""
from __future__ import annotations

from collections import Counter

import pytest
from lunr.index import Index

from bro import directory, search
from bro.catalog import load_catalog
from bro.model import Supplier
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _found(catalog, lang: str, query: str) -> set[str]:
    index = Index.load(search.build_index(catalog, lang))
    order = catalog.derived.ordered_slugs
    return {order[int(hit["ref"])] for hit in index.search(query)}


@pytest.mark.parametrize("word,tail", [
    ("industrivaskeri", "vaskeri"),        # "vaskerier" is a word of the directory
    ("kontorsstädning", "städning"),       # Swedish joining s; "Städning" is a category label
    ("Kontorsstädningen", "städningen"),   # any inflection of the last part
])
def test_a_compound_gives_its_last_part_when_the_directory_uses_that_word(catalog, word, tail):
    assert tail in search.compound_tails(word, catalog.derived.directory_words)


@pytest.mark.parametrize("word", ["rengøring", "städ", "stad", "77310000", "cykel-reparation", "abc"])
def test_no_tail_of_short_endings_numbers_or_short_words(catalog, word):
    assert search.compound_tails(word, catalog.derived.directory_words) == []


def test_a_tail_has_four_letters_and_three_before_it():
    known = frozenset({search.stem(word, lang) for word in ("ring", "vask", "tavask") for lang in ("da", "sv")})
    assert search.compound_tails("bilvask", known) == ["vask"]      # 3 letters before, 4 in the tail
    assert search.compound_tails("bivask", known) == []             # only 2 before
    assert "ring" in search.compound_tails("hovedring", known)


def test_the_last_part_of_a_compound_finds_the_supplier(tmp_path):
    catalog = load_catalog(ROOT, today=TODAY)
    record = catalog.suppliers["arkivhjaelpen"]
    data = {key: value for key, value in record.data.items() if key != "description"}
    data["summary"] = {"da": "Kontorsstädning og arkivering.", "sv": "Kontorsstädning och arkivering."}
    data["offerings"] = []
    catalog.suppliers["arkivhjaelpen"] = Supplier.build(record.slug, data, record.source, catalog.vocab)
    for lang in ("da", "sv"):
        assert "arkivhjaelpen" in _found(catalog, lang, "städning")


def test_descriptions_are_searched(catalog):
    # "opmagasinering" stands in Cykelværkstedet Kæden's description, not in its name, summary or offerings
    assert "cykelvaerkstedet-kaeden" in _found(catalog, "da", "opmagasinering")


def test_facets_list_every_option_with_the_count_of_the_data(catalog):
    for lang in ("da", "sv"):
        groups = {group["name"]: group for group in directory.facet_groups(catalog, lang)}
        for facet in directory.FACETS:
            name = facet.name
            expected = Counter(code for r in catalog.suppliers.values() for code in set(facet.codes(r)))
            options = groups[name]["options"]
            assert {o["code"]: o["count"] for o in options if o["count"]} == dict(expected)
            counts = [o["count"] for o in options]
            assert counts == sorted(counts, reverse=True)                       # most suppliers first
            shown = [o for o in options if o["shown"]]
            assert len(shown) == (len(options) if len(options) <= directory.FACET_SHOWN + 2 else directory.FACET_SHOWN)
        assert len(groups["categories"]["options"]) == len(catalog.vocab.codes("categories"))


def test_zero_results_point_to_announcing_the_need():
    for lang in ("da", "sv"):
        assert directory.zero_result_context(lang)["announce_path"].endswith(".html")
