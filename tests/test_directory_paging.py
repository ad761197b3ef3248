"""Browse pages (one per category and per area) are paged like the full list: at most PAGE_SIZE cards a page,
page 1 at the address every link uses, later pages beside it under names no code can take."""
from __future__ import annotations

import json
import re

import pytest

from bro import directory, urls
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

SHELL_SLUG = urls.SHELL_SLUG   # the folder's shell page (hooks/bulk.py), replaced by the bulk pages
CODE_PATTERN = json.loads((ROOT / "schemas" / "vocabulary.schema.json").read_text(encoding="utf-8"))[
    "propertyNames"]["pattern"]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _biggest(catalog, kind: str) -> str:
    counts = catalog.derived.category_counts if kind == "category" else catalog.derived.area_counts
    return counts.most_common(1)[0][0]


def _members(catalog, kind: str, code: str) -> list[str]:
    return catalog.derived.in_category.get(code, []) if kind == "category" else catalog.derived.in_area.get(code, [])


@pytest.mark.parametrize("lang", ["da", "sv"])
@pytest.mark.parametrize("kind", ["category", "area"])
def test_biggest_list_is_split_into_pages_that_hold_each_supplier_once(catalog, kind, lang):
    code = _biggest(catalog, kind)
    members = _members(catalog, kind, code)
    assert len(members) >= 3, "the sample data needs a list of three to show several pages"
    pages = directory.browse_contexts(catalog, kind, code, lang, page_size=1)
    assert len(pages) == len(members)
    assert [item["slug"] for _, context in pages for item in context["items"]] == members   # once, in order
    paths = [urls.record_path(kind, slug, lang) for slug, _ in pages]
    assert paths[0] == urls.term_path(catalog.vocab, kind, code, lang)     # page 1 keeps its address
    assert len(set(paths)) == len(paths)
    assert {path.rsplit("/", 1)[0] for path in paths} == {urls.SEGMENTS[kind][lang]}   # beside the shell
    for number, (_, context) in enumerate(pages, start=1):
        assert context["number"] == number and context["total"] == len(members)
        assert [page["path"] for page in context["pages"]] == paths
        assert context["pages"][number - 1]["first"] == catalog.suppliers[members[number - 1]].data["name"]


@pytest.mark.parametrize("size", [1, 2, 100])
def test_no_page_is_empty_and_none_is_too_long(catalog, size):
    for kind in ("category", "area"):
        counts = catalog.derived.category_counts if kind == "category" else catalog.derived.area_counts
        for code, count in counts.items():
            pages = directory.browse_contexts(catalog, kind, code, "da", page_size=size)
            assert len(pages) == -(-count // size)
            assert all(0 < len(context["items"]) <= size for _, context in pages)


def test_page_names_never_collide_with_a_code_or_the_shell(catalog):
    codes = {code.lower() for name in ("categories", "areas") for code in catalog.vocab.codes(name)}
    later = [slug.lower() for kind in ("category", "area")
             for code in (catalog.derived.category_counts if kind == "category" else catalog.derived.area_counts)
             for slug, _ in directory.browse_contexts(catalog, kind, code, "da", page_size=1)[1:]]
    assert later and len(set(later)) == len(later)
    assert not set(later) & (codes | {SHELL_SLUG})
    assert not any(re.match(CODE_PATTERN, slug) for slug in later)   # no code allowed by the schema looks like one
    assert not re.match(CODE_PATTERN, SHELL_SLUG)   # nor is the shell's name a code (tests/test_slugs.py)
    assert directory.page_slug(catalog, "area", "DK-751", 1, "da") == "aarhus"
    assert directory.page_slug(catalog, "area", "SE-1480", 12, "sv") == "goteborg.12"
    assert directory.page_slug(catalog, "category", "cleaning", 2, "da") == "rengoering.2"


@pytest.mark.parametrize("kind,code,lang,title", [
    ("category", "cleaning", "da", "Rengøring, side 2 af 2"),
    ("category", "cleaning", "sv", "Städning, sida 2 av 2"),
    ("area", "DK-751", "da", "Aarhus, side 2 af 2"),
    ("area", "SE-1280", "sv", "Malmö, sida 2 av 2"),
])
def test_later_pages_say_which_page_they_are(catalog, kind, code, lang, title):
    first, second = directory.browse_contexts(catalog, kind, code, lang, page_size=1)[:2]
    name = first[1]["title"]
    assert not re.search(r"\d", name)                                   # page 1 keeps its plain title
    assert second[1]["title"] == title
    assert second[0] == directory.page_slug(catalog, kind, code, 2, lang)
    assert second[0].endswith(".2") and not second[0].startswith(code.lower())   # named in the reader's words
    label = {"da": f"{name}, side for side", "sv": f"{name}, sida för sida"}[lang]
    assert first[1]["pager_label"] == second[1]["pager_label"] == label


def test_short_lists_have_one_page_at_the_default_size(catalog):
    for code in catalog.derived.category_counts:
        pages = directory.browse_contexts(catalog, "category", code, "sv")
        assert len(pages) == 1 and len(pages[0][1]["pages"]) == 1
        assert pages[0][0] == urls.term_slugs(catalog.vocab, "category", "sv")[code]


def test_page_size_follows_the_module_setting(catalog, monkeypatch):
    monkeypatch.setattr(directory, "PAGE_SIZE", 2)
    code = _biggest(catalog, "category")
    pages = directory.browse_contexts(catalog, "category", code, "da")
    assert [len(context["items"]) for _, context in pages] == [2, 1]
    assert len(directory.pager(catalog, "da")) == -(-len(catalog.suppliers) // 2)


def test_every_page_of_an_area_links_to_the_wider_areas(catalog):
    pages = directory.browse_contexts(catalog, "area", "DK-751", "da", page_size=1)
    assert len(pages) > 1 and pages[0][1]["wider"]
    assert all(context["wider"] == pages[0][1]["wider"] for _, context in pages)
