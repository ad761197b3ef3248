"""Validation's fast paths skip only work that finds nothing: each one agrees with the slow path it stands in for."""
from __future__ import annotations

import copy
import gc
import random

import pytest
import yaml

from bro import catalog as catalog_module
from bro import markdown_text, rules
from bro.catalog import COLLECTIONS, load_catalog
from bro.schema import SchemaSet
from bro.yamlload import _StrictLoader, _StrictResolver, load_text
from helpers import FIXTURES, ROOT, TODAY, fixture_kind, fixture_slug, make_repo

SCHEMAS = SchemaSet(ROOT / "schemas")
# Values that break (or almost break) the rules of Bro's schemas in many ways.
ODD_VALUES = [0, 1, -5, 3.5, 2.0, True, False, None, "", "x", "DK", "SE", "2026-02-30", "2026-09-15", "2026-9-15",
              "https://x.dk", "javascript:alert(1)", "a" * 2001, [], ["a", "a"], ["a", "b"], [1, True], {}, {"da": "x"},
              {"sv": ""}, {"en": "x"}, "catering", "Catering", "DK-751", "dk-751", "national", "other", "art20",
              "+45 12 34 56 78", "a@b", "a@b.dk", "77310000-6", "published", {"type": "other"}, [{"x": 1}]]


def _fixture_documents() -> list[tuple[str, object]]:
    """(schema name, data) for every fixture that loads as a mapping."""
    out = []
    for path in sorted((FIXTURES / "valid").glob("*.yml")) + sorted((FIXTURES / "invalid").glob("*.yml")):
        data = load_text(path.read_text(encoding="utf-8"), path.name).data
        if isinstance(data, dict):
            out.append((COLLECTIONS[fixture_kind(path)], data))
    return out


def _paths(value, path=()):
    """Every path into a document."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, path + (key,))


def _mutated(data, rng: random.Random):
    """A copy of data with a few values replaced, removed or added."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice([p for p in _paths(data) if p] or [None])
        if path is None:
            break
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        choice = rng.random()
        if choice < 0.6:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif choice < 0.8:
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(["extra", f"{path[-1]}x", "da", "sv"])] = copy.deepcopy(rng.choice(ODD_VALUES))
    return data


def test_quick_schema_check_passes_only_documents_jsonschema_finds_no_error_in():
    rng = random.Random(20261123)
    passed = failed = 0
    for name, data in _fixture_documents():
        for candidate in [data] + [_mutated(data, rng) for _ in range(40)]:
            errors = list(SCHEMAS.validator(name).iter_errors(candidate))
            if SCHEMAS.conforms(name, candidate):
                assert errors == [], (name, candidate)
                passed += 1
            else:
                failed += 1
    assert passed > 100 and failed > 1000  # both ways were exercised


def test_every_collection_schema_has_the_quick_check():
    """A keyword the quick check does not know would turn it off (correct, but slow): keep them in step."""
    for name in COLLECTIONS.values():
        SCHEMAS.conforms(name, {})
        assert SCHEMAS._quick[name] is not None, name


def test_text_without_markup_characters_renders_to_nothing_unsafe():
    rng = random.Random(7)
    pieces = list("abcæøåÄÖ 019\n\t*_`#>-+.!()]:/\\=~|\"'@%;?,{}$^") + [
        "http://x.dk", "javascript:alert(1)", "mailto:a@b.dk", "data:text/html,x", "](", "\n    code", "\n- item",
        "\n1. item", "\n> quote", "\n---\n", "  \n", "`code`", "**b**", "\r\n", "x@y.dk", "\u00a0", "\n```\n", "!"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        assert markdown_text._inspect_rendered(text) == [], text
        assert markdown_text.inspect(text) == [], text


def test_the_slow_markdown_path_still_runs_when_markup_is_there():
    issues = markdown_text.inspect("Se [her](javascript:alert(1)) og <b>fed</b> &amp; ![x](https://x.dk/x.png)")
    assert {issue.code for issue in issues} == {"markdown.image", "markdown.raw_html", "markdown.unsafe_link"}


@pytest.mark.parametrize("one_line", [True, False])
def test_unwanted_character_screen_misses_nothing_the_full_pattern_finds(one_line):
    """The quick screen before the check for control and invisible characters (one-line texts and Markdown)."""
    unwanted, screen = rules._UNWANTED[one_line], rules._SCREEN[one_line]
    for code in range(0x10000):
        if unwanted.match(chr(code)):
            assert screen.match(chr(code)), hex(code)
    for code in range(0x10000, 0x110000, 0x1FFF):
        assert screen.match(chr(code)), hex(code)
    rng = random.Random(3)
    alphabet = ("aæ Å\n\t\x01\x7f\x85\ufdd0\ufffe\U0001f600\U0001fffe\U0010ffff\u00a0\u200b\u200d\u202e\u00ad"
                "\U000e0041\u3164")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        full, quick = unwanted.search(text), rules._find_unwanted(text, one_line)
        assert (full.start() if full else None) == (quick.start() if quick else None), repr(text)


def test_scalars_are_built_exactly_as_pyyaml_builds_them():
    text = ("a: tekst\nb: 12\nc: -3\nd: 0.5\ne: true\nf: false\ng: ~\nh: null\ni:\nj: '12'\nk: \"ja\"\n"
            "l: !!str 12\nm: !!null x\nn: !!int 0x10\no: !!bool yes\np: !!float 1e3\nq: yes\nr: 010\ns: 1_000\n"
            "t: |\n  linje 1\n  linje 2\nu: >\n  foldet\n  tekst\nv: [1, x, {w: 2.5, z: æøå}]\nx: 2026-09-15\n"
            "y: .inf\nz: 1e3\n")
    doc = load_text(text, "x.yml")
    assert doc.problems == []
    assert doc.data == _StrictLoader(text).get_single_data()
    assert doc.data["l"] == "12" and doc.data["m"] is None and doc.data["n"] == 16 and doc.data["q"] == "yes"


def test_resolver_gives_the_tags_pyyaml_gives():
    values = ["", "~", "null", "Null", "true", "True", "false", "yes", "0", "-0", "12", "-12", "012", "1.5", "-1.5",
              "1.", ".5", "1e3", "0x10", "tekst", "n", "t", "-", "2026-09-15", "12:30", "æ"]
    resolver = _StrictResolver()
    for value in values:
        for implicit in [(True, False), (False, True), (False, False)]:
            expected = yaml.resolver.BaseResolver.resolve(resolver, yaml.ScalarNode, value, implicit)
            assert resolver.resolve(yaml.ScalarNode, value, implicit) == expected, (value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert resolver.resolve(kind, None, (False, False)) == yaml.resolver.BaseResolver.resolve(
            resolver, kind, None, (False, False))


def _dump(catalog) -> tuple:
    """Everything a catalog says, comparable."""
    problems = [(p.file, p.line, p.column, p.field_path, p.code, p.params, p.severity) for p in catalog.problems]
    records = {name: {slug: (r.data, r.source) for slug, r in getattr(catalog, name).items()} for name in COLLECTIONS}
    return repr(problems), repr(records)


def test_parallel_and_serial_loading_agree(tmp_path, monkeypatch):
    """Workers send back only what the cross-file checks need; the result is the same as loading in one process."""
    extra = {}
    for index in range(3):  # copies: duplicate org numbers across files
        for path in sorted((FIXTURES / "invalid").glob("*.yml")) + sorted((FIXTURES / "valid").glob("*.yml")):
            extra[f"data/{fixture_kind(path)}/{fixture_slug(path)}-{index}.yml"] = path.read_text(encoding="utf-8")
    repo = make_repo(tmp_path, extra)
    monkeypatch.setattr(catalog_module, "PARALLEL_FROM", 10**9)
    serial = _dump(load_catalog(repo, today=TODAY))
    monkeypatch.setattr(catalog_module, "PARALLEL_FROM", 1)
    parallel = _dump(load_catalog(repo, today=TODAY))
    assert "org.duplicate" in serial[0] and "tender.unknown_supplier" in serial[0]
    assert parallel == serial


def test_loading_leaves_the_garbage_collector_as_it_was(tmp_path):
    repo = make_repo(tmp_path)
    assert gc.isenabled()
    load_catalog(repo, today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        load_catalog(repo, today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _plain_by_rendering(text: str) -> str:
    """markdown_text.plain the slow way: render, strip the tags, fold whitespace."""
    import html
    import re
    rendered = markdown_text._converter().convert(markdown_text.normalize_lists(text))
    return html.unescape(re.sub(r"\s+", " ", markdown_text.nh3.clean(rendered, tags=set()))).strip()


def test_plain_text_shortcut_gives_what_rendering_gives():
    pieces = list("abcæøåäöÉ ABC09.,;-+()?/'\"%$@{}\t") + ["  ", "1.", "2)", "-", "*", "_", "<", "&", "#", "\n", "=",
                                                          "`", ":", "!", "[", "]", "\\", "\u00a0", "\u2028", "\x0b"]
    rng, shortcut = random.Random(7), 0
    for _ in range(8000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        markdown_text.plain.cache_clear()
        shortcut += not markdown_text._INLINE_SYNTAX.search(text)
        assert markdown_text.plain(text) == _plain_by_rendering(text), repr(text)
    assert shortcut > 400  # the shortcut itself was exercised, not only the slow path
    for path in sorted((ROOT / "data" / "suppliers").glob("*.yml")):
        for value in load_text(path.read_text(encoding="utf-8"), path.name).data.get("summary", {}).values():
            assert markdown_text.plain(value) == _plain_by_rendering(value)
