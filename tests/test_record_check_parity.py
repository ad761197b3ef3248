"""The forms' checks in the browser give the validator's verdict: the committed schema bundle is what
`npm run build-checks` makes of schemas/ today, and window.BroRecordCheck.check finds, in Danish and Swedish, the
same (field, message) pairs as the Python validator on every supplier and tender fixture and on the sample data."""
from __future__ import annotations

import copy
import functools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bro import rules
from bro.catalog import COLLECTIONS, load_catalog
from bro.forms.drafts import make_draft
from bro.forms.texts import load_texts
from bro.problems import message
from bro.record_checks import make_check_script
from bro.schema import SchemaSet, check, coerce, walk
from bro.vocab import load_vocabularies
from bro.yamlload import load_file
from helpers import FIXTURES, TODAY, fixture_kind

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "overrides" / "assets" / "bro"
BUNDLE = ASSETS / "record-schemas.js"
SCRIPTS = [ASSETS / name for name in ("record-schemas.js", "record-check-core.js", "record-check-rules.js",
                                      "record-check.js")]
RUNNER = ROOT / "tests" / "js" / "record-check-runner.js"
LANGS = ("da", "sv")


def _node() -> str:
    """The node binary with the npm tools installed (skipped locally without them; a failure under CI=true)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (Debian: apt-get install nodejs npm)")
    if not (ROOT / "node_modules" / "ajv").is_dir() or not (ROOT / "node_modules" / "esbuild").is_dir():
        pytest.skip("the npm tools are not installed (make node-setup)")
    return node


def test_schema_bundle_is_up_to_date(tmp_path: Path):
    """record-schemas.js is generated: a schema changed without `npm run build-checks` fails here."""
    fresh = tmp_path / "record-schemas.js"
    subprocess.run([_node(), str(ROOT / "scripts" / "build-checks.mjs"), "--out", str(fresh)], cwd=ROOT,
                   check=True, capture_output=True, timeout=120)
    assert fresh.read_text(encoding="utf-8") == BUNDLE.read_text(encoding="utf-8"), \
        "overrides/assets/bro/record-schemas.js is stale: run `npm run build-checks` and commit the result"


# What the browser cannot know, by message id (or its family, ending in "."), each with the reason. A problem with
# one of these ids is left out of the Python side of the comparison; a record with a WHOLE_RECORD problem is left out
# altogether (the value it concerns never reaches a record built by a form).
BROWSER_CANNOT_KNOW = {
    "yaml.": "the form builds the record itself: no YAML is read in the browser (tabs, aliases, syntax, duplicate "
             "keys, numbers too long to read)",
    "file.": "the file's name, size and place in the repository are chosen by the editors' import, not the form",
    "org.duplicate": "another file holding the same organisation number: the repository's other records",
    "buyer.": "a tender's buyer against the buyer registry (data/buyers/): checked when the record is imported",
    "supplier.duplicate_name": "another supplier with the same name: the repository's other records",
    "supplier.confusable_name": "another supplier whose name looks the same: the repository's other records and "
                                "Unicode's confusables table (0.9 MB)",
    "tender.unknown_supplier": "interested suppliers are added by the interest form (its own check), never typed",
    "tender.unknown_supplier_suggest": "as tender.unknown_supplier",
    # The validator's own, not (yet) ported: a record they concern is still checked by the import and by CI.
    "markdown.": "Markdown's structure (raw HTML, links, nesting) needs the Markdown parser bro.markdown_text uses",
    "mailto.": "links in Markdown: as markdown.",
    "url.deceptive_host": "a look-alike international host name needs Unicode's confusables table and IDNA 2008",
}
WHOLE_RECORD = ("yaml.",)
# Markdown texts: the browser checks them for control and invisible characters only (bro.rules.check_texts); what
# bro.markdown_text.inspect finds there (raw HTML, links and their addresses, nesting) is the validator's.
MARKDOWN_PORTED = frozenset({"text.control_character", "text.invisible_character"})
# Single records the browser cannot judge as the validator does, with the reason.
RECORDS_BROWSER_CANNOT_KNOW = {
    "invalid/estimated_value.amount_400_digits": "a whole number of 400 digits: a JavaScript number cannot hold it "
                                                 "(1e400 is Infinity), so the form keeps such an answer as typed "
                                                 "and the import words it",
}


def cannot_know(code: str) -> bool:
    """Whether a message id is one the browser cannot know (BROWSER_CANNOT_KNOW)."""
    return any(code == key or (key.endswith(".") and code.startswith(key)) for key in BROWSER_CANNOT_KNOW)


def _records() -> list[tuple[str, str, Path]]:
    """(case id, collection, file) for every supplier and tender fixture and every sample record."""
    found = []
    for group in ("valid", "invalid"):
        for path in sorted((FIXTURES / group).glob("*.yml")):
            collection = fixture_kind(path)
            if collection in ("suppliers", "tenders"):
                found.append((f"{group}/{path.stem}", collection, path))
    for collection in ("suppliers", "tenders"):
        for path in sorted((ROOT / "data" / collection).glob("*.yml")):
            found.append((f"data/{collection}/{path.stem}", collection, path))
    return found


@functools.cache
def _python_verdicts() -> dict[str, tuple[str, object, list]]:
    """case id → (collection, the record as the schema sees it, the validator's problems for that one file)."""
    schemas = SchemaSet(ROOT / "schemas")
    vocab = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)
    out = {}
    for case, collection, path in _records():
        doc = load_file(path, path.name)
        if not isinstance(doc.data, dict):
            out[case] = (collection, None, doc.problems)
            continue
        name = COLLECTIONS[collection]
        record = coerce(copy.deepcopy(doc.data), schemas.documents[name], name, schemas, doc)
        markdown = {path for path, _, node in walk(record, schemas.node(schemas.documents[name], name))
                    if node.markdown}
        check(doc, schemas, name)  # what bro.catalog does with each file (_check_file)
        rules.check_texts(doc, schemas, name, vocab)
        rules.RECORD_RULES[collection](doc, vocab, TODAY)
        problems = [p for p in doc.problems if p.code in MARKDOWN_PORTED or p.code.startswith("schema.")
                    or p.field_path[:-1] not in markdown]
        out[case] = (collection, record, problems)
    return out


@functools.cache
def _catalog():
    return load_catalog(ROOT, today=TODAY)


def _run_js(cases: list[dict]) -> dict[str, dict]:
    """The browser's verdicts: one node process over all cases."""
    node = _node()
    payload = {"scripts": [str(p) for p in SCRIPTS], "cases": cases,
               "data": {lang: make_check_script(_catalog(), lang, TODAY) for lang in LANGS}}
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True,
                          check=True, timeout=300)
    return {item["id"]: item for item in json.loads(done.stdout)}


@functools.cache
def _comparison() -> dict[str, tuple[set, set]]:
    """case id + language → (the validator's (field, message, severity) set, the browser's)."""
    cases, expected = [], {}
    for case, (collection, record, problems) in _python_verdicts().items():
        if record is None or case in RECORDS_BROWSER_CANNOT_KNOW or any(p.code.startswith(WHOLE_RECORD)
                                                                        for p in problems):
            continue
        for lang in LANGS:
            key = f"{case} {lang}"
            expected[key] = {(p.field, message(p, lang), p.severity) for p in problems if not cannot_know(p.code)}
            cases.append({"id": key, "collection": collection, "record": record, "lang": lang,
                          "today": TODAY.isoformat()})
    found = _run_js(cases)
    out = {}
    for key, want in expected.items():
        result = found[key]
        assert result["error"] is None, f"{key}: {result['error']}"
        out[key] = (want, {(p["field"], p["message"], p["severity"]) for p in result["problems"]})
    return out


def test_every_fixture_and_sample_record_is_compared():
    compared = {key.rsplit(" ", 1)[0] for key in _comparison()}
    skipped = set(_python_verdicts()) - compared
    assert len(compared) > 100
    # only records whose YAML the loader refused or left values out of
    verdicts = _python_verdicts()
    assert all(case in RECORDS_BROWSER_CANNOT_KNOW or any(p.code.startswith(WHOLE_RECORD) for p in verdicts[case][2])
               for case in skipped), sorted(skipped)


@pytest.mark.parametrize("case", [case for case, _, _ in _records()])
def test_browser_gives_the_validators_verdict(case: str):
    comparison = _comparison()
    for lang in LANGS:
        if f"{case} {lang}" not in comparison:
            pytest.skip(RECORDS_BROWSER_CANNOT_KNOW.get(case, "the YAML loader refused it or left values out "
                                                                   "(BROWSER_CANNOT_KNOW: yaml.)"))
        python, browser = comparison[f"{case} {lang}"]
        assert browser == python, f"{case} ({lang}): only Python {python - browser}; only JS {browser - python}"


def _interest_cases() -> list[tuple[str, dict]]:
    """Interest forms: right, an unknown or misspelt entry or supplier, a supplier already interested."""
    tenders = _catalog().records("tenders")
    entry = next(slug for slug, record in sorted(tenders.items()) if record.data.get("interested"))
    interested = tenders[entry].data["interested"]
    listed = interested[0]
    other = next(slug for slug in sorted(_catalog().records("suppliers")) if slug not in interested)
    return [("right", {"entry": entry, "supplier": other}),
            ("entry address", {"entry": f"https://example.org/da/udbudsplan/{entry}.html", "supplier": other}),
            ("unknown entry", {"entry": "no-such-entry-at-all", "supplier": other}),
            ("misspelt entry", {"entry": entry[:-1], "supplier": other}),
            ("unknown supplier", {"entry": entry, "supplier": "zzzz-qqqq"}),
            ("misspelt supplier", {"entry": entry, "supplier": other + "x"}),
            ("already interested", {"entry": entry, "supplier": listed})]


def _python_interest(values: dict, lang: str) -> set:
    """The problems bro.forms.drafts finds in an interest form's answers, worded as the form robot words them."""
    _, problems = make_draft("interest", lang, values, ROOT, TODAY)
    words = load_texts(lang)["problems"]
    return {(p.field or "", words[p.code].format(**p.params), "error") for p in problems}


def test_interest_form_gives_the_robots_verdict():
    cases = [{"id": f"{name} {lang}", "collection": "interest", "record": values, "lang": lang,
              "today": TODAY.isoformat()} for name, values in _interest_cases() for lang in LANGS]
    found = _run_js(cases)
    for name, values in _interest_cases():
        for lang in LANGS:
            result = found[f"{name} {lang}"]
            assert result["error"] is None, result["error"]
            browser = {(p["field"], p["message"], p["severity"]) for p in result["problems"]}
            assert browser == _python_interest(values, lang), name
