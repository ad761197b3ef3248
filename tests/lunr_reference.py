"""lunr.py's own Builder with Bro's pipeline: the reference bro.search's fast builder is compared with
(tests/test_search_builder.py). Importing this module also registers Bro's pipeline functions with lunr.py, so that
tests can load and search a built index with lunr.py's Index (tests/conftest.py imports it for the whole suite)."""
from __future__ import annotations

import functools

from lunr.builder import Builder
from lunr.pipeline import Pipeline

from bro import search


def trim(token, i=None, tokens=None):
    """Strip leading and trailing characters that are neither letters nor digits; drop what is left empty."""
    token.update(lambda s, metadata=None: search._EDGES.sub("", s))
    return token if str(token) else None


Pipeline.register_function(trim, "trimmer-bro")


@functools.cache
def stemmer_function(lang: str):
    """The lunr pipeline function for lang's Snowball stemmer, registered under the name lunr-languages gives it."""
    stem_word = search._stem_word(lang)

    def stem(token, i=None, tokens=None):
        return token.update(lambda s, metadata=None: stem_word(s))

    Pipeline.register_function(stem, search.stemmer_label(lang))
    return stem


for _lang in search.SNOWBALL:
    stemmer_function(_lang)  # registered now: lunr.py's Index.load looks the serialized pipeline up by name


def build_with_lunr(docs: list[dict], lang: str) -> dict:
    """The index lunr.py's Builder makes of docs, fieldVectors rounded to 2 decimals as bro.search rounds them."""
    builder = Builder()
    stemmer = stemmer_function(lang)
    builder.pipeline.add(trim, stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    builder.field(search.FIELD)
    for doc in docs:
        builder.add(doc)
    index = builder.build().serialize()
    index["fieldVectors"] = [[ref, [round(x, 2) if isinstance(x, float) else x for x in vector]]
                             for ref, vector in index["fieldVectors"]]
    return index
