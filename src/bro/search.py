"""The directory's search index: lunr.py's index with the Snowball stemmers, loadable by lunr.js + lunr-languages.
Built here in plain Python exactly as lunr.py's Builder builds it (several times faster); tests/lunr_reference.py
builds the same index with lunr.py's Builder, and tests/test_search_builder.py compares the two.

Index and browser share one pipeline: a Unicode trimmer ('trimmer-bro', registered by the page script
too) and the language's Snowball stemmer under the name lunr-languages gives it ('stemmer-da',
'stemmer-sv'). Stop words are dropped from queries in the browser, not from the index, so no
stop-word list is needed here (lunr.py would download NLTK's)."""
from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict

import snowballstemmer
from lunr import __TARGET_JS_VERSION__ as LUNR_JS_VERSION
from lunr.tokenizer import SEPARATOR_CHARS

from bro import markdown_text
from bro.catalog import Catalog

SNOWBALL = {"da": "danish", "sv": "swedish"}
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # the trimmer: neither letters nor digits at either end of a token
FIELD = "text"  # one field and numeric refs keep the serialized index small; names get a bonus in the browser


@functools.cache
def _stem_word(lang: str):
    """lang's Snowball stemmer for one word, cached (inflected forms recur in every supplier)."""
    return functools.lru_cache(maxsize=200_000)(snowballstemmer.stemmer(SNOWBALL[lang]).stemWord)


def stemmer_label(lang: str) -> str:
    """The name lunr-languages gives lang's stemmer in a serialized index's pipeline."""
    return f"stemmer-{lang}"


def stem(word: str, lang: str) -> str:
    """A single word's stem (for tests and tools)."""
    return snowballstemmer.stemmer(SNOWBALL[lang]).stemWord(word.lower())


def document(catalog: Catalog, slug: str, ref: int) -> dict:
    """The searchable text of one supplier under its ref (the text is the same in both languages: built once)."""
    texts = catalog.derived.search_texts
    if slug not in texts:
        texts[slug] = _text(catalog, slug)
    return {"id": str(ref), FIELD: texts[slug]}


def _text(catalog: Catalog, slug: str) -> str:
    """A supplier's name, and the rest in one field (both languages, category labels in both, offerings,
    summary, description, CPV codes, places), each word once, then the last parts of its compounds."""
    unique = _unique_words(catalog, slug)
    known, seen = catalog.derived.directory_words, catalog.derived.search_tails  # words recur: take each apart once
    for word in unique:
        if word not in seen:
            seen[word] = compound_tails(_EDGES.sub("", word), known)
    tails = dict.fromkeys(tail for word in unique for tail in seen[word])
    return (catalog.suppliers[slug].name + " " + " ".join(unique)
            + "".join(" " + tail for tail in tails if tail not in unique))


def _unique_words(catalog: Catalog, slug: str) -> dict[str, None]:
    """The words of a supplier's searchable fields, lower case, each once, in order."""
    table = catalog.derived.search_words
    if slug in table:
        return table[slug]
    supplier, vocab = catalog.suppliers[slug], catalog.vocab
    both = ("da", "sv")

    def texts(value) -> list[str]:
        return [value[lang] for lang in both if isinstance(value, dict) and value.get(lang)]

    words = [vocab.label("categories", c, lang) for c in supplier.categories for lang in both]
    words += [code.replace("_", " ") for code in supplier.categories]
    words += [t for item in supplier.offerings for t in texts(item)]
    words += [markdown_text.plain(t) for value in (supplier.summary, supplier.description) for t in texts(value)]
    words += [code.split("-")[0] for code in supplier.cpv]
    words += [vocab.label("areas", code, lang) for code in supplier.delivery_area if code != "national"
              for lang in both]
    words.append(supplier.city)
    table[slug] = dict.fromkeys(w for text in words for w in text.lower().split())
    return table[slug]


# Compounds: Danish and Swedish write "industrivaskeri" and "kontorsstädning" as one word. A word also goes into
# the index by its last part when that part is itself a word of the directory (in the texts or the category labels),
# so that "vaskeri" finds "industrivaskeri". The last part has at least TAIL_MIN letters and at least HEAD_MIN come
# before it, so that short endings ("ring" of "rengøring") are not taken for words.
TAIL_MIN, HEAD_MIN = 4, 3
_WORD = re.compile(r"[^\W\d_]+")


def compound_tails(word: str, known: frozenset[str]) -> list[str]:
    """The last parts of a word that are words of the directory in some inflection (their Danish or Swedish stem is
    a stem of a word the directory uses), longest first: 'industrivaskeri' gives 'vaskeri' when a text says
    'vaskerier'; 'kontorsstädning' gives 'städning'."""
    word = word.lower()
    if len(word) < HEAD_MIN + TAIL_MIN or not _WORD.fullmatch(word):
        return []
    da, sv = _stem_word("da"), _stem_word("sv")
    return [word[i:] for i in range(HEAD_MIN, len(word) - TAIL_MIN + 1)
            if da(word[i:]) in known or sv(word[i:]) in known]


def directory_words(catalog: Catalog) -> frozenset[str]:
    """The Danish and Swedish stems of every word the directory uses on its own: in any supplier's text and in the
    category labels of both languages (lower case, letters only, at least TAIL_MIN letters). Computed once per
    catalog: catalog.derived.directory_words."""
    vocab, both = catalog.vocab, ("da", "sv")
    texts = [vocab.label("categories", c, lang).lower() for c in vocab.codes("categories") for lang in both]
    texts += {word for slug in catalog.suppliers for word in _unique_words(catalog, slug)}
    words = {word for text in texts for word in _WORD.findall(text) if len(word) >= TAIL_MIN}
    da, sv = _stem_word("da"), _stem_word("sv")
    return frozenset(stem for word in words for stem in (da(word), sv(word)) if len(stem) >= TAIL_MIN)


def build_index(catalog: Catalog, lang: str, slugs: list[str] | None = None) -> dict:
    """A serialized lunr index of the given suppliers (default: all, in directory order), stemmed for lang;
    a supplier's ref is its position in that list."""
    order = catalog.derived.ordered_slugs if slugs is None else slugs
    docs = [document(catalog, slug, ref) for ref, slug in enumerate(order)]
    return _serialize_fast(docs, lang, catalog.derived.search_terms.setdefault(lang, {}))


# What lunr.py's Builder does for our configuration, on plain strings. lunr.py stays the reference
# (tests/lunr_reference.py, compared in tests/test_search_builder.py): same tokens, terms, term numbers, scores
# (same operations in the same order) and the same serialized form.
_TOKEN = re.compile(f"[^{re.escape(SEPARATOR_CHARS)}]+")  # lunr's tokenizer splits on these characters
_K1, _B = 1.2, 0.75  # lunr's BM25 defaults; field and document boosts are 1


def _terms(text: str, lang: str, cache: dict[str, str | None]) -> list[str]:
    """The index terms of a field, in order: lunr's tokenizer, then the pipeline (trimmer, stemmer) per token."""
    tokens = _TOKEN.findall(text.lower())
    new = set(tokens).difference(cache)
    if new:
        stem_word = _stem_word(lang)
        for token in new:
            trimmed = _EDGES.sub("", token)
            cache[token] = stem_word(trimmed) if trimmed else None
    return [term for term in map(cache.__getitem__, tokens) if term is not None]


class _Rounded(dict):
    """Scores rounded as lunr.py and build_index round them (3 decimals, then 2), each distinct score once."""

    def __missing__(self, score: float) -> float:
        value = self[score] = round(round(score, 3), 2)  # round(x, 3) again in serialize() changes nothing
        return value


def _serialize_fast(docs: list[dict], lang: str, cache: dict[str, str | None] | None = None) -> dict:
    """The serialized index lunr.py's Builder makes of docs (distinct ids), fieldVectors rounded to 2 decimals."""
    cache = {} if cache is None else cache  # token -> term (None: trimmed away), reusable across calls
    refs_of: defaultdict[str, dict] = defaultdict(dict)  # term -> {ref: {}}, terms in order of first use
    fields: list[tuple[str, Counter, int]] = []  # (ref, term frequencies, field length)
    for doc in docs:
        ref = str(doc["id"])
        terms = _terms(doc[FIELD], lang, cache)
        frequencies = Counter(terms)
        fields.append((ref, frequencies, len(terms)))
        for term in frequencies:
            refs_of[term][ref] = {}  # no metadata is whitelisted
    numbers = {term: number for number, term in enumerate(refs_of)}  # Builder numbers terms in order of first use

    # BM25 with the same operations in the same order as Builder, so the floats are the same
    count = len(docs)
    average_length = sum(length for _, _, length in fields) / count
    idf = {term: math.log(1 + abs((count - len(refs) + 0.5) / (len(refs) + 0.5))) for term, refs in refs_of.items()}
    rounded = _Rounded()
    field_vectors = []
    for ref, frequencies, length in fields:
        # unused without terms (and if no document has any, the average length is 0)
        norm = _K1 * (1 - _B + _B * (length / average_length)) if length else 0.0
        elements = sorted((numbers[term], rounded[idf[term] * ((_K1 + 1) * tf) / (norm + tf)])
                          for term, tf in frequencies.items())
        field_vectors.append([f"{FIELD}/{ref}", [x for element in elements for x in element]])
    return {
        "version": LUNR_JS_VERSION,
        "fields": [FIELD],
        "fieldVectors": field_vectors,
        "invertedIndex": [[term, {FIELD: refs_of[term], "_index": numbers[term]}] for term in sorted(refs_of)],
        "pipeline": [stemmer_label(lang)],
    }


