"""The search index builder: search.py builds the index in plain Python, and it must be exactly what lunr.py's
Builder makes (the reference, tests/lunr_reference.py), so that lunr.js in the browser behaves the same."""
from __future__ import annotations

import json
import random

import lunr.builder
import lunr.vector
import lunr_reference
import pytest
from lunr_reference import build_with_lunr

from bro import search
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

LANGS = ("da", "sv")

# Danish and Swedish words and endings: inflected forms share stems, so terms recur across documents
STEMS = ["rengøring", "cykel", "cykl", "have", "anlæg", "vedligehold", "tøj", "køkken", "mad", "frugt", "ordning",
         "skole", "børn", "ældre", "städning", "trädgård", "skötsel", "kök", "måltid", "tvätt", "flytt", "snö",
         "röjning", "förening", "café", "façade", "straße", "naïve", "øl", "ål", "æble", "skåne", "göteborg", "århus",
         "odense", "malmö", "kooperativ", "socialøkonomisk", "arbetsintegrerande", "é", "ß", "ø", "å", "ä", "ö"]
SUFFIXES = ["", "", "en", "er", "erne", "ene", "et", "ets", "ning", "ningen", "ningar", "ningarna", "arna", "orna",
            "s", "ens", "ernes", "ar", "or", "na", "heder", "lig", "lighet", "ande", "ene's", "e"]
PUNCTUATION = list(".,;:!?()[]{}\"'«»–—/&*+%#@_…")
# lunr's tokenizer splits on space, \t \n \r \f \v, no-break space and hyphen; the others stay inside tokens
SEPARATORS = [" "] * 12 + ["  ", "\t", "\n", "\r\n", "\xa0", "-", " - ", "\f", "\v", "\u2003", "\u200b", "/", "_"]
ODD_WORDS = ["İstanbul", "ǅemal", "ﬁsk", "🙂", "--", "...", "''", "_", "_x_", "a_b", "d'Artagnan", "Andersen's",
             "’s", "«kök»", "(rengøring),", "STÄDNINGEN!", "Ærø", "ÅRHUS", "Straße", "ΣΟΦΊΑ", "\u0301", "x\u0301"]


def random_word(rng: random.Random) -> str:
    """One word as suppliers write them: inflected, cased, punctuated, a number, a CPV code or something odd."""
    kind = rng.random()
    if kind < 0.55:
        word = rng.choice(STEMS) + rng.choice(SUFFIXES)
        word = rng.choice([word, word, word.capitalize(), word.upper()])
    elif kind < 0.62:
        word = str(rng.randrange(10 ** rng.randrange(1, 9)))
    elif kind < 0.68:
        word = f"{rng.randrange(10 ** 7, 10 ** 8)}-{rng.randrange(10)}"  # a CPV code
    elif kind < 0.72:
        word = "-".join(rng.choice(STEMS) for _ in range(rng.randrange(2, 4)))
    elif kind < 0.75:
        word = rng.choice(STEMS) * rng.randrange(10, 40) + rng.choice(SUFFIXES)  # very long
    else:
        word = rng.choice(ODD_WORDS)
    if rng.random() < 0.2:
        word = rng.choice(PUNCTUATION) + word
    if rng.random() < 0.3:
        word += "".join(rng.choices(PUNCTUATION, k=rng.randrange(1, 3)))
    return word


def random_text(rng: random.Random) -> str:
    """A document's text: empty, only punctuation, one word repeated, or words between random separators."""
    shape = rng.random()
    if shape < 0.05:
        return ""
    if shape < 0.08:
        return " ".join(rng.choices(PUNCTUATION + ["-", "--"], k=rng.randrange(1, 6)))
    if shape < 0.12:
        return " ".join([random_word(rng)] * rng.randrange(2, 30))
    words = [random_word(rng) for _ in range(rng.randrange(1, 80))]
    text = rng.choice(["", " ", "-", "\n"])
    for word in words:
        text += word + rng.choice(SEPARATORS)
    return text


def random_docs(seed: int, count: int) -> list[dict]:
    """count documents with refs 0..count-1 (some as ints, as lunr.py accepts them)."""
    rng = random.Random(seed)
    return [{"id": ref if rng.random() < 0.1 else str(ref), search.FIELD: random_text(rng)} for ref in range(count)]


def assert_same_index(fast: dict, reference: dict) -> None:
    """Equal as data and as the JSON the site writes (key order included)."""
    assert fast == reference
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(reference, ensure_ascii=False)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


@pytest.mark.parametrize("lang", LANGS)
def test_sample_catalog_index_is_lunr_py_s(catalog, lang):
    docs = [search.document(catalog, slug, ref) for ref, slug in enumerate(catalog.derived.ordered_slugs)]
    reference = build_with_lunr(docs, lang)
    assert_same_index(search.build_index(catalog, lang), reference)
    assert_same_index(search._serialize_fast(docs, lang), reference)


@pytest.mark.parametrize("lang", LANGS)
def test_sample_catalog_shards_are_lunr_py_s(catalog, lang):
    slugs = catalog.derived.ordered_slugs
    for start in range(0, len(slugs), 4):  # shards share the catalog's token cache
        shard = slugs[start:start + 4]
        docs = [search.document(catalog, slug, ref) for ref, slug in enumerate(shard)]
        assert_same_index(search.build_index(catalog, lang, shard), build_with_lunr(docs, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("seed,count", [(0, 300), (1, 300), (2, 150), (3, 40), (4, 7), (5, 1)])
def test_random_documents_index_is_lunr_py_s(lang, seed, count):
    docs = random_docs(seed, count)
    assert_same_index(search._serialize_fast(docs, lang), build_with_lunr(docs, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_scores_are_lunr_py_s_to_the_bit(monkeypatch, lang):
    """Before any rounding (lunr.py's to 3 decimals, ours to 2), the scores are the very floats Builder computes."""
    for module in (lunr.builder, lunr.vector, lunr_reference, search):
        monkeypatch.setattr(module, "round", lambda number, ndigits=None: number, raising=False)
    docs = random_docs(6, 300)
    fast = search._serialize_fast(docs, lang)
    assert_same_index(fast, build_with_lunr(docs, lang))
    assert any(round(x, 3) != x for _, vector in fast["fieldVectors"] for x in vector[1::2])  # really unrounded


@pytest.mark.parametrize("lang", LANGS)
def test_one_token_cache_serves_many_indexes(lang):
    cache: dict[str, str | None] = {}
    for seed in range(10, 16):
        docs = random_docs(seed, 60)
        assert_same_index(search._serialize_fast(docs, lang, cache), build_with_lunr(docs, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_documents_without_terms(lang):
    docs = [{"id": "0", search.FIELD: ""}, {"id": "1", search.FIELD: "-- ... \xa0 ''"}, {"id": "2", search.FIELD: "_"}]
    fast = search._serialize_fast(docs, lang)
    assert_same_index(fast, build_with_lunr(docs, lang))
    assert fast["invertedIndex"] == [] and [vector for _, vector in fast["fieldVectors"]] == [[], [], []]


@pytest.mark.parametrize("lang,forms,term", [
    ("da", ["rengøringen", "Rengøring", "(rengøring)"], "rengøring"),
    ("sv", ["städningen", "Städning,", "STÄDNING"], "städning"),
])
def test_index_terms_are_trimmed_stems(lang, forms, term):
    docs = [{"id": str(ref), search.FIELD: f"firma {form}"} for ref, form in enumerate(forms)]
    index = search._serialize_fast(docs, lang)
    postings = dict(index["invertedIndex"])
    assert postings[term][search.FIELD] == {str(ref): {} for ref in range(len(forms))}
    assert not any(other.startswith(term) and other != term for other in postings)
    assert index["pipeline"] == [f"stemmer-{lang}"]


def test_production_leaves_lunr_py_s_builder_to_the_tests():
    """bro.search builds the index itself: lunr.py's Builder and pipeline are only the tests' reference."""
    source = (ROOT / "src" / "bro" / "search.py").read_text(encoding="utf-8")
    assert "lunr.builder" not in source and "lunr.pipeline" not in source and "Builder(" not in source
