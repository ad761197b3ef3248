"""The directory's search index: lunr.py with the Snowball stemmers, loadable by lunr.js + lunr-languages.

Index and browser share one pipeline: a Unicode trimmer ('trimmer-bro', registered by the page script
too) and the language's Snowball stemmer under the name lunr-languages gives it ('stemmer-da',
'stemmer-sv'). Stop words are dropped from queries in the browser, not from the index, so no
stop-word list is needed here (lunr.py would download NLTK's)."""
from __future__ import annotations

import functools
import re

import snowballstemmer
from lunr.builder import Builder
from lunr.pipeline import Pipeline

from bro import markdown_text
from bro.catalog import Catalog

SNOWBALL = {"da": "danish", "sv": "swedish"}
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
FIELD = "text"  # one field and numeric refs keep the serialized index small; names get a bonus in the browser


def _trim(token, i=None, tokens=None):
    """Strip leading and trailing characters that are neither letters nor digits; drop what is left empty."""
    token.update(lambda s, metadata=None: _EDGES.sub("", s))
    return token if str(token) else None


Pipeline.register_function(_trim, "trimmer-bro")


@functools.cache
def stemmer_function(lang: str):
    """The lunr pipeline function for lang's Snowball stemmer, named as lunr-languages names it."""
    stem_word = functools.lru_cache(maxsize=200_000)(snowballstemmer.stemmer(SNOWBALL[lang]).stemWord)

    def stem(token, i=None, tokens=None):
        return token.update(lambda s, metadata=None: stem_word(s))

    Pipeline.register_function(stem, f"stemmer-{lang}")
    return stem


def stem(word: str, lang: str) -> str:
    """A single word's stem (for tests and tools)."""
    return snowballstemmer.stemmer(SNOWBALL[lang]).stemWord(word.lower())


def document(catalog: Catalog, slug: str, ref: int) -> dict:
    """The searchable text of one supplier: its name, and the rest in one field (both languages,
    category labels in both, offerings, summary, CPV codes, places), each word once."""
    data, vocab = catalog.suppliers[slug].data, catalog.vocab
    both = ("da", "sv")

    def texts(value) -> list[str]:
        return [value[lang] for lang in both if isinstance(value, dict) and value.get(lang)]

    words = [vocab.label("categories", c, lang) for c in data["categories"] for lang in both]
    words += [code.replace("_", " ") for code in data["categories"]]
    words += [t for item in data.get("offerings") or [] for t in texts(item)]
    words += [markdown_text.plain(t) for t in texts(data.get("summary"))]
    words += [code.split("-")[0] for code in data.get("cpv") or []]
    words += [vocab.label("areas", code, lang) for code in data["delivery_area"] if code != "national" for lang in both]
    words.append((data.get("address") or {}).get("city", ""))
    unique = dict.fromkeys(w for text in words for w in text.lower().split())
    return {"id": str(ref), FIELD: data["name"] + " " + " ".join(unique)}


def build_index(catalog: Catalog, lang: str, slugs: list[str] | None = None) -> dict:
    """A serialized lunr index of the given suppliers (default: all, in directory order), stemmed for lang;
    a supplier's ref is its position in that list."""
    builder = Builder()
    stemmer = stemmer_function(lang)
    builder.pipeline.add(_trim, stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    builder.field(FIELD)
    for ref, slug in enumerate(ordered_slugs(catalog) if slugs is None else slugs):
        builder.add(document(catalog, slug, ref))
    index = builder.build().serialize()
    index["fieldVectors"] = [[ref, [round(x, 2) if isinstance(x, float) else x for x in vector]]
                             for ref, vector in index["fieldVectors"]]
    return index


def ordered_slugs(catalog: Catalog) -> list[str]:
    """Suppliers in directory order (alphabetical by name); a supplier's index ref is its position here."""
    return catalog.memo("ordered_slugs", lambda: sorted(
        catalog.suppliers, key=lambda slug: (catalog.suppliers[slug].data["name"].casefold(), slug)))
