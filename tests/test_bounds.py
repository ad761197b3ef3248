"""Every value the schemas accept can be rendered, and what validating and building a record costs is bounded:
limits in every schema, a file's size and nesting checked before it is parsed, repeated problems counted instead
of listed, and Markdown that would cost too much to render refused (issue 11). Timings are measured by
scripts/bench.py --worst-case, never asserted here."""
from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import markdown
import pytest
import yaml
from icalendar import Calendar
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource

from bro import limits, markdown_text, urls
from bro.build import build
from bro.catalog import COLLECTIONS, load_catalog
from bro.extremes import Extremes, costly_markdown, dump
from bro.problems import format_problem
from bro.schema import SchemaSet
from bro.yamlload import load_text
from helpers import FIXTURES, ROOT, TODAY, make_repo

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
# The complete fixture as another organisation: its own org number and its own name (names are unique on Bro).
SUPPLIER = (FIXTURES / "valid" / "supplier_complete.yml").read_text(encoding="utf-8").replace(
    '"29403473"', '"10403782"').replace("name: Grøn Genstart ApS", "name: Grøn Omstart ApS")
REL = "data/suppliers/x.yml"
DEEP = ("Lists and fields are nested more than 20 levels deep here; no record on Bro needs that many. Check the "
        "indentation and the brackets [ ] and { }.")


def _errors(repo: Path, rel: str = REL) -> list[str]:
    """The errors reported for one file, as printed."""
    return [format_problem(p) for p in load_catalog(repo, today=TODAY).errors if p.file == rel]


# --- limits in the schemas ---------------------------------------------------------------------------------------


def _subschemas(node, where: str = "#"):
    """Every mapping in a schema document, with where it is."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _subschemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _subschemas(value, f"{where}/{index}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_text_number_list_and_date_has_its_limit(path: Path):
    missing = []
    for where, node in _subschemas(json.loads(path.read_text(encoding="utf-8"))):
        kind, keys = node.get("type"), set(node)
        if kind == "string" and not keys & {"maxLength", "enum", "const"}:
            missing.append(f"{where}: maxLength")
        if kind in ("integer", "number") and not keys & {"maximum", "exclusiveMaximum"}:
            missing.append(f"{where}: maximum")
        if kind in ("integer", "number") and not keys & {"minimum", "exclusiveMinimum"}:
            missing.append(f"{where}: minimum")
        if kind == "array" and "maxItems" not in keys:
            missing.append(f"{where}: maxItems")
        if node.get("format") == "date" and not {"formatMinimum", "formatMaximum"} <= keys:
            missing.append(f"{where}: formatMinimum and formatMaximum")
    assert missing == []


def _largest(schemas: SchemaSet, schema: dict, doc_name: str, indent: int = 0) -> int:
    """The most characters a valid value can take in YAML: every text at its longest, every list full, one line a
    value with its key and indentation (an upper bound for every record the schema accepts)."""
    schema, doc_name = schemas.resolve(schema, doc_name)
    kind = schema.get("type")
    if kind == "object":
        return sum(len(key) + indent + 3 + _largest(schemas, sub, doc_name, indent + 2)
                   for key, sub in schema.get("properties", {}).items())
    if kind == "array":
        return schema["maxItems"] * (indent + 3 + _largest(schemas, schema["items"], doc_name, indent + 2))
    if kind == "string":
        return 2 + (max(map(len, schema["enum"])) if "enum" in schema else schema["maxLength"])
    if kind in ("integer", "number"):
        return len(str(schema["maximum"])) + 4
    return len("false")


@pytest.mark.parametrize("name", [*COLLECTIONS.values(), "thresholds.schema.json"])
def test_the_file_size_limit_holds_the_largest_record_the_schema_allows(name: str):
    """Every character counted as two bytes, as æ, ø, å, ä and ö are in UTF-8."""
    schemas = SchemaSet(ROOT / "schemas")
    assert 2 * _largest(schemas, schemas.documents[name], name) <= limits.MAX_FILE_BYTES


def test_the_largest_generated_records_are_within_the_size_limit():
    extremes = Extremes(ROOT, TODAY)
    assert len(dump(extremes.supplier()).encode("utf-8")) <= limits.MAX_FILE_BYTES
    for path in (ROOT / "data" / "vocabularies").glob("*.yml"):  # maintained files, read with the same limit
        assert path.stat().st_size <= limits.MAX_FILE_BYTES // 10, path.name


@pytest.mark.parametrize("value", ["1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "0001-01-01", "9999-12-31",
                                   "2026-02-30", "20261123", "2026-11-23"])
def test_the_quick_check_and_the_validator_agree_on_dates(value: str):
    schemas = SchemaSet(ROOT / "schemas")
    data = load_text((FIXTURES / "valid" / "tender_complete.yml").read_text(encoding="utf-8"), "t.yml").data
    data["expected_publication"] = value
    errors = list(schemas.validator("tender.schema.json").iter_errors(data))
    assert schemas.conforms("tender.schema.json", data) == (not errors)
    assert bool(errors) == (value not in ("1900-01-01", "2199-12-31", "2026-11-23"))


# --- before and around parsing -----------------------------------------------------------------------------------


def test_a_million_aliases_are_refused_by_the_size_of_the_file(tmp_path: Path):
    text = SUPPLIER + "x: &a 1\ny: [" + ", ".join(["*a"] * 1_000_000) + "]\n"
    assert len(text.encode()) > limits.MAX_FILE_BYTES
    repo = make_repo(tmp_path, {REL: text})
    assert _errors(repo) == [f"{REL}:1:1: error: The file is larger than 2 MB, more than any record on Bro needs. "
                             "Check that it is the right file, and shorten the longest texts."]


def test_a_file_with_more_values_than_any_record_is_refused_before_it_is_composed(tmp_path: Path):
    text = SUPPLIER + "numbers: [" + "1, " * (limits.MAX_FILE_BYTES // 4) + "1]\n"  # half a million values, 1.6 MB
    repo = make_repo(tmp_path, {REL: text})
    line = text.count("\n")
    column = len("numbers: [") + 3 * (limits.MAX_VALUES - _values(SUPPLIER) - 2) + 1  # the first value too many
    assert _errors(repo) == [f"{REL}:{line}:{column}: error: The file holds more than 20,000 values (fields and "
                             "entries in lists); no record on Bro needs that many. Check that it is the right file."]


def _values(text: str) -> int:
    """How many values (keys, texts, numbers, lists, mappings, aliases) a text holds, read event by event."""
    return sum(isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent))
               for event in yaml.parse(text, Loader=yaml.CSafeLoader))


def test_the_value_limit_holds_the_largest_records_and_vocabularies():
    extremes = Extremes(ROOT, TODAY)
    records = [extremes.supplier(), extremes.tender([f"s{i}" for i in range(5000)]), extremes.case("s"),
               extremes.event(), extremes.term(), extremes.organisation()]
    assert max(_values(dump(record)) for record in records) * 4 <= limits.MAX_VALUES
    for path in (ROOT / "data").rglob("*.yml"):  # the vocabularies are read with the same limit
        assert _values(path.read_text(encoding="utf-8")) * 2 <= limits.MAX_VALUES, path.name


def test_a_text_too_short_to_be_read_for_its_values_cannot_hold_too_many():
    """The densest YAML holds about a value a character: {a,b,c} is a mapping of three keys without values."""
    keys = ",".join("abcdefghijklmnopqrstuvwxyz")
    text = "x: {" + ",".join(keys for _ in range(limits.MAX_VALUES // 2 // len(keys))) + "}"
    text = text[:limits.MAX_VALUES // 2 - 1].rstrip(",") + "}"
    assert len(text) <= limits.MAX_VALUES // 2 and limits.find_too_big(text, REL) is None
    assert _values(text) <= limits.MAX_VALUES


def test_as_many_aliases_as_the_file_may_hold_give_a_short_report_with_their_count(tmp_path: Path):
    head = re.sub(r"^(\w+): dk_aps$", r"\1: &form dk_aps", SUPPLIER, count=1, flags=re.M)  # the legal form
    head = head.replace("languages: [da, en]\n", "")
    count = limits.MAX_VALUES - _values(head) - 2
    text = head + "languages: [" + ", ".join(["*form"] * count) + "]\n"
    repo = make_repo(tmp_path, {REL: text})
    line = text.count("\n")
    alias = "YAML aliases (*name) are not allowed here; write the value out in full."
    assert _errors(repo) == [
        f"{REL}:{line}:1: error: languages[10]: … and {count - 10:,} more problems like the one on line {line}, up "
        f"to line {line} (not listed one by one). Correct them the same way.",
        *(f"{REL}:{line}:1: error: languages[{i}]: {alias}" for i in range(10))]


def test_lines_with_tabs_are_listed_ten_at_most_and_counted(tmp_path: Path):
    text = SUPPLIER + "#\t\n" * 25
    repo = make_repo(tmp_path, {REL: text})
    first = SUPPLIER.count("\n") + 1
    tab = "There is a tab character on this line. YAML needs spaces for indentation: replace the tab with spaces."
    assert _errors(repo) == [*(f"{REL}:{first + i}:2: error: {tab}" for i in range(10)),
                             f"{REL}:{first + 10}:2: error: … and 15 more problems like the one on line {first}, up "
                             f"to line {first + 24} (not listed one by one). Correct them the same way."]


def test_a_list_longer_than_its_maximum_is_reported_once_and_cut(tmp_path: Path):
    text = SUPPLIER.replace("categories: [grounds_maintenance]", "categories: [" + ", ".join(
        f"c{i}" for i in range(15_000)) + "]")
    repo = make_repo(tmp_path, {REL: text})
    errors = _errors(repo)
    assert f"{REL}:22:13: error: categories: The list may hold at most 50 entries." in errors
    assert len(errors) <= 2 * limits.MAX_SAME_PROBLEMS + 3  # the items kept: unknown codes, listed and counted


def _nested(style: str, levels: int) -> str:
    """A value nested levels deep, the record's own mapping not counted."""
    if style == "flow":
        return "[" * levels + "da" + "]" * levels
    if style == "mapping":
        return "{a: " * levels + "da" + "}" * levels
    if style == "compact":  # block sequences on one line: - - - da
        return "\n  " + "- " * levels + "da"
    return "".join(f"\n{'  ' * (i + 1)}- " for i in range(levels)) + "da"  # block, one level a line


@pytest.mark.parametrize("style", ["flow", "mapping", "compact", "block"])
@pytest.mark.parametrize("read_by_events", [False, True])
def test_nesting_at_the_limit_is_read_and_one_deeper_is_refused(tmp_path: Path, style: str, read_by_events: bool):
    """The same line and column whether the loader counts the levels or the event scan does (a comment with many
    brackets makes the text one that might nest deeply, which the events are read for)."""
    pad = "# " + "[" * (limits.COMPOSED_DEPTH + 1) + "\n" if read_by_events else ""
    found = []
    for levels in (limits.MAX_DEPTH - 1, limits.MAX_DEPTH):
        text = SUPPLIER.replace("languages: [da, en]", pad + "languages: " + _nested(style, levels))
        found.append(load_text(text, REL).problems)
    assert [p.code for p in found[0]] == []
    assert [p.code for p in found[1]] == ["yaml.too_deep"]
    text = SUPPLIER.replace("languages: [da, en]", pad + "languages: " + _nested(style, limits.MAX_DEPTH))
    line = text.index(_nested(style, limits.MAX_DEPTH))
    assert found[1][0].line > text.count("\n", 0, line)


@pytest.mark.parametrize("style", ["flow", "mapping", "compact"])
def test_nesting_200000_levels_deep_is_refused_without_a_crash(tmp_path: Path, style: str):
    """In a separate process: PyYAML's composer crashed the whole process on this (a segmentation fault)."""
    text = SUPPLIER.replace("languages: [da, en]", "languages: " + _nested(style, 200_000))
    repo = make_repo(tmp_path, {REL: text})
    done = subprocess.run([sys.executable, "-m", "bro.cli", "--root", str(repo), "--today", TODAY.isoformat(),
                           "--errors-only"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr[-3000:]
    line = text[:text.index("languages: ")].count("\n") + 1 + (style == "compact")  # the 21st level, counting the file
    column = {"flow": 12 + 19, "mapping": 12 + 19 * len("{a: "), "compact": 3 + 19 * len("- ")}[style]
    assert [found for found in done.stdout.splitlines() if found.startswith(REL)] == [
        f"{REL}:{line}:{column}: error: {DEEP}"]


def _depth(text: str) -> int:
    """How deep text nests, read event by event."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return deepest


def _random_value(rng: random.Random, depth: int, shared: list, budget: list):
    """A random nested value of at most budget[0] collections; some lists are shared, so that the dump has anchors
    and aliases."""
    if depth <= 0 or budget[0] <= 0 or rng.random() < 0.1:
        return rng.choice(["a", "b c", "- x", "[y]", 1, True, None, "x: y"])
    if shared and rng.random() < 0.05:
        return rng.choice(shared)
    budget[0] -= 1
    if rng.random() < 0.5:
        value = [_random_value(rng, depth - 1, shared, budget) for _ in range(rng.randint(1, 3))]
        shared.append(value)
        return value
    return {f"k{i}": _random_value(rng, depth - 1, shared, budget) for i in range(rng.randint(1, 3))}


def test_the_cheap_nesting_bound_is_never_below_the_real_depth():
    rng = random.Random(11)
    for _ in range(1500):
        shared: list = []
        value = {"root": _random_value(rng, rng.randint(1, 40), shared, [60])}
        text = yaml.safe_dump(value, default_flow_style=rng.choice([False, True, None]), indent=rng.randint(2, 6),
                              width=rng.choice([20, 80, 10**6]), explicit_start=rng.random() < 0.2,
                              line_break=rng.choice(["\n", "\r\n", "\r"]))
        depth = _depth(text)
        assert limits.might_nest_deeper(text, depth - 1), text


# --- Markdown ------------------------------------------------------------------------------------------------------


def test_bros_converter_keeps_python_markdowns_processors_and_their_order():
    stock, ours = markdown.Markdown(extensions=[], output_format="html"), markdown_text._make_converter()
    ours.inlinePatterns._sort()
    stock.inlinePatterns._sort()
    assert list(ours.inlinePatterns._priority) == list(stock.inlinePatterns._priority)
    for name in markdown_text._LINK_PROCESSORS:
        assert isinstance(ours.inlinePatterns[name], type(stock.inlinePatterns[name]))
        assert isinstance(ours.inlinePatterns[name], markdown_text._BoundedScan)


_PIECES = ["[", "]", "(", ")", "![", "](", "]:", "[a]", "<", ">", '"', "'", "`", "\\", "*", "_", " ", "\n", "\n\n",
           "https://e.org/x", "a b", "tel:1", "&amp;", "<https://e.org>", "[x](https://e.org 't')", "- ", "1. ",
           "> ", "    ", "[r]: https://e.org/r", "æ", "{", "}", "#"]


def test_bounded_link_processors_render_as_python_markdowns_do():
    """Random texts shorter than the scan limit (so that nothing is cut), and long texts whose links close within
    it: the same HTML as Python-Markdown's own processors give."""
    stock, ours = markdown.Markdown(extensions=[], output_format="html"), markdown_text._make_converter()
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
        assert len(text) < markdown_text.SCAN_LIMIT
        assert ours.reset().convert(text) == stock.reset().convert(text), repr(text)
    words = ["Vi", "hjælper", "**folk**", "i", "_job_", "`kode`", "[læs mere](https://e.org/a_b)", "![x](y.png)",
             "[ref]", "[ref][]", "(parentes)", "[a [b] c](https://e.org)", "\n", "\n\n- punkt", "\n\n> citat"]
    for _ in range(40):
        text = "[ref]: https://e.org/ref\n\n" + " ".join(rng.choice(words) for _ in range(rng.randint(100, 2500)))
        assert ours.reset().convert(text) == stock.reset().convert(text)


def test_existing_texts_render_as_before():
    stock = markdown.Markdown(extensions=[], output_format="html")
    for path in sorted((ROOT / "data").glob("*/*.yml")) + sorted(FIXTURES.glob("valid/*.yml")):
        for value in _texts(load_text(path.read_text(encoding="utf-8"), path.name).data):
            assert str(markdown_text.render(value)) == str(_sanitized(stock.reset().convert(
                markdown_text.normalize_lists(value)))), path.name


def _texts(value):
    """Every text in a loaded record."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _sanitized(rendered: str) -> str:
    """What render() does after converting."""
    import nh3
    return nh3.clean(rendered, tags=markdown_text.ALLOWED_TAGS, attributes=markdown_text.ALLOWED_ATTRIBUTES,
                     url_schemes=markdown_text.ALLOWED_SCHEMES, link_rel="nofollow noopener noreferrer",
                     strip_comments=True)


def test_the_marker_count_is_never_below_python_markdowns_nesting():
    """Texts that are not rendered while validating (no link, no HTML, few markers) cannot nest deeper than their
    markers; lines that each nest little can nest inside each other, which rendering then measures."""
    stock = markdown.Markdown(extensions=[], output_format="html")
    starts = ["- ", "* ", "+ ", "1. ", "22. ", "> ", ">", "    ", "  ", " ", "\t", "-", ""]
    rng = random.Random(3)
    for _ in range(4000):
        lines = ["".join(rng.choice(starts) for _ in range(rng.randint(0, 8))) + rng.choice(["x", "", "y z"])
                 for _ in range(rng.randint(1, 8))]
        text = "\n".join(lines)
        depth = markdown_text._depth(stock.reset().convert(markdown_text.normalize_lists(text)))
        assert depth <= markdown_text._markers(markdown_text._as_python_markdown_splits(text)), repr(text)
        refused = [issue.code for issue in markdown_text.inspect(text)] == ["markdown.too_deep"]
        assert refused == (depth > markdown_text.MAX_NESTING or max(map(markdown_text.nesting, lines)) >
                           markdown_text.MAX_NESTING), repr(text)


def test_a_carriage_return_ends_a_line_for_the_nesting_checks_as_for_python_markdown():
    assert [(i.code, i.line) for i in markdown_text.inspect("x\r" + "- " * 2500 + "y")] == [("markdown.too_deep", 2)]
    assert [(i.code, i.line) for i in markdown_text.inspect("x\r\n" + "1. " * 6 + "a\r> " + "1. " * 6 + "b")] == [
        ("markdown.too_deep", 3)]  # the line with the most markers


def test_lines_nested_in_each_other_are_refused_when_too_deep():
    text = "1. " * 9 + "x\n> " + "1. " * 8 + "y"  # 9 and 9 levels: the second line nests in the first
    assert markdown_text.nesting(text.split("\n")[0]) <= markdown_text.MAX_NESTING
    assert [(issue.code, issue.line) for issue in markdown_text.inspect(text)] == [("markdown.too_deep", 1)]


def test_attribute_lists_are_found_line_by_line_as_the_whole_text_search_finds_them():
    rng = random.Random(9)
    pieces = ["{", "}", ":", "#a", ".b", "c=d", " ", "\n", "x", "{:", "{#", "}}", "=", "\t"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        whole = [(text.count("\n", 0, m.start()) + 1, markdown_text._short(m.group(0)))
                 for m in markdown_text._ATTR_LIST.finditer(text)]
        assert [(issue.line, issue.detail) for issue in markdown_text._attr_lists(text)] == whole, repr(text)


@pytest.mark.parametrize("text,code", [
    ("[" * 20000, "markdown.too_many_brackets"),
    ("[" * (markdown_text.MAX_BRACKETS + 1), "markdown.too_many_brackets"),
    ("<a " * (markdown_text.MAX_TAGS + 1), "markdown.too_many_tags"),
    ("<![CDATA[" * 2000, "markdown.too_many_brackets"),
    ("- " * 2500 + "x", "markdown.too_deep"),
    ("1. " * (markdown_text.MAX_NESTING + 1) + "[x](y)", "markdown.too_deep"),
    ("\n".join("\t" * i + "- x" for i in range(300)), "markdown.too_deep"),
])
def test_costly_markdown_is_refused_before_it_is_rendered(monkeypatch, text: str, code: str):
    monkeypatch.setattr(markdown_text, "_inspect_rendered", lambda text: pytest.fail("rendered"))
    assert [issue.code for issue in markdown_text.inspect(text)] == [code]


def test_a_recursion_in_the_renderer_is_a_problem_not_a_crash(monkeypatch):
    """And the converter reads the next text as it is (one left halfway through a list did not see its links)."""
    monkeypatch.setattr(markdown_text, "_costly", lambda text: None)
    assert [issue.code for issue in markdown_text.inspect("- " * 2500 + "[x](https://e.org)")] == [
        "markdown.too_deep"]
    assert [issue.code for issue in markdown_text.inspect("Se [priser](javascript:alert(1)).")] == [
        "markdown.unsafe_link"]


def test_the_costliest_accepted_text_is_accepted_and_renders():
    text = costly_markdown(20000)
    assert len(text) == 20000 and markdown_text.inspect(text) == []
    assert html.unescape(markdown_text.plain(text)).count("[") == markdown_text.MAX_BRACKETS


# --- a site of records at every limit ----------------------------------------------------------------------------

NOT_COPIED = {".git", ".venv", "node_modules", "site", "dist", "data", "schemas", "tests", ".pytest_cache",
              ".ruff_cache", "__pycache__"}
OCDS = ROOT / "schemas" / "ocds"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


@pytest.fixture(scope="module")
def extreme_site(tmp_path_factory) -> Path:
    """The site built from the valid fixtures and records at every limit (the largest files, the costliest
    accepted Markdown, the largest amount, the earliest and latest dates)."""
    tmp = tmp_path_factory.mktemp("extremes")
    repo = make_repo(tmp, Extremes(ROOT, TODAY).repository_files(suppliers=2))
    for source in ROOT.iterdir():
        if source.name in NOT_COPIED or source.name.startswith(".site-"):
            continue
        if source.is_dir():
            shutil.copytree(source, repo / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / source.name)
    assert load_catalog(repo, today=TODAY).errors == []
    out = tmp / "site"
    assert build(repo, out, today=TODAY) == 0
    return out


@pytest.mark.parametrize("lang,folder", [("da", "udbudsplan"), ("sv", "upphandlingsplan")])
def test_feeds_and_calendars_of_records_at_every_limit_parse(extreme_site: Path, lang: str, folder: str):
    feed = feedparser.parse((extreme_site / lang / folder / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert any(entry.link.endswith("/extreme-open.html") for entry in feed.entries)
    calendar = Calendar.from_ical((extreme_site / lang / folder / "kalender.ics").read_bytes())
    ends = {event.decoded("dtend") for event in calendar.walk("VEVENT") if "extreme-open" in str(event["uid"])}
    assert ends == {dt.date(2200, 1, 1)}  # the day after the latest date a plan entry may have
    for path in (extreme_site / lang / folder).glob("*.ics"):
        Calendar.from_ical(path.read_bytes())
    events = extreme_site / lang / urls.output_path("events_calendar", lang)
    spans = {(e.decoded("dtstart"), e.decoded("dtend")) for e in Calendar.from_ical(events.read_bytes()).walk("VEVENT")}
    assert (dt.date(1900, 1, 1), dt.date(2200, 1, 1)) in spans


def test_a_support_organisation_at_every_limit_has_its_pages(extreme_site: Path):
    data = json.loads((extreme_site / "api" / "organisations.json").read_text(encoding="utf-8"))
    assert "extreme-organisation" in {item["slug"] for item in data["organisations"]}
    for lang in ("da", "sv"):
        page = (extreme_site / lang / urls.record_path("organisation", "extreme-organisation", lang))
        assert page.read_text(encoding="utf-8").count('rel="nofollow noopener"') >= 20  # every source
        country = (extreme_site / lang / urls.help_path("SE", lang)).read_text(encoding="utf-8")
        assert country.count('data-key="extreme-organisation"') == 21  # every län it names: a card in each group


def test_open_data_of_records_at_every_limit_parses(extreme_site: Path):
    package = json.loads((extreme_site / "api" / "tenders.ocds.json").read_text(encoding="utf-8"))
    release_schema = json.loads((OCDS / "release-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(RELEASE_URL, Resource.from_contents(release_schema))
    validator = Draft4Validator(json.loads((OCDS / "release-package-schema.json").read_text(encoding="utf-8")),
                                registry=registry, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(package)] == []
    by_ocid = {r["ocid"]: r for r in package["releases"]}
    assert by_ocid["ocds-bro000-extreme-open"]["tender"]["value"]["amount"] == 10**12
    tenders = json.loads((extreme_site / "api" / "tenders.json").read_text(encoding="utf-8"))["tenders"]
    assert {t["slug"]: t["expected_publication"] for t in tenders if t["slug"].startswith("extreme")} == {
        "extreme-open": "2199-12-31", "extreme-archived": "1900-01-01"}
    suppliers = json.loads((extreme_site / "api" / "suppliers.json").read_text(encoding="utf-8"))["suppliers"]
    assert {s["slug"] for s in suppliers} >= {"extreme-00000", "extreme-00001"}
    assert (extreme_site / "api" / "suppliers.csv").read_text(encoding="utf-8-sig").count("extreme-0000") >= 2


def test_pages_of_records_at_every_limit_show_their_dates_and_amount(extreme_site: Path):
    page = (extreme_site / "da" / "udbudsplan" / "extreme-open.html").read_text(encoding="utf-8")
    assert "31. december 2199" in page and "1.000.000.000.000 EUR" in page
    old = (extreme_site / "sv" / "upphandlingsplan" / "extreme-archived.html").read_text(encoding="utf-8")
    assert "1 januari 1900" in old
