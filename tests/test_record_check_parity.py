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
import yaml

from bro import catalog as catalog_module
from bro import messages, rules
from bro.catalog import COLLECTIONS, load_catalog
from bro.forms.drafts import make_draft
from bro.forms.texts import load_texts
from bro.problems import message
from bro.record_checks import make_check_script
from bro.schema import SchemaSet, check, coerce, walk
from bro.vocab import load_vocabularies
from bro.yamlload import load_file, load_text
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
    "buyer.": "a tender's buyer against the registry (data/buyers/): the import settles it (bro.forms.buyer: the "
              "registry's details, or a new registry buyer as a companion file); the browser checks the number's "
              "check digit of a buyer outside the registry",
    "supplier.duplicate_name": "another supplier with the same name: the repository's other records",
    "supplier.confusable_name": "another supplier whose name looks the same: the repository's other records and "
                                "Unicode's confusables table (0.9 MB)",
    "tender.unknown_supplier": "interested suppliers are added by the interest form (its own check), never typed",
    "tender.unknown_supplier_suggest": "as tender.unknown_supplier",
    # The validator's own, not (yet) ported: a record they concern is still checked by the import and by CI.
    "markdown.": "Markdown's structure (raw HTML, links, nesting) needs the Markdown parser bro.markdown_text uses",
    "mailto.": "links in Markdown: as markdown.",
    "url.deceptive_host": "a look-alike international host name needs Unicode's confusables table and IDNA 2008",
    # (an international host name that IDNA 2008 refuses, url.host, is accepted by the browser for the same
    # reason; the ASCII host names of url.host are checked alike)
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


def _base(name: str) -> dict:
    """A valid fixture's record (tests/fixtures/valid/<name>.yml) as the schema sees it."""
    path = FIXTURES / "valid" / f"{name}.yml"
    schemas = SchemaSet(ROOT / "schemas")
    doc = load_file(path, path.name)
    schema = COLLECTIONS[fixture_kind(path)]
    return coerce(doc.data, schemas.documents[schema], schema, schemas, doc)


def _changed(fixture: str, /, **changes) -> dict:
    """A valid fixture's record with top-level fields replaced (None: left out)."""
    record = copy.deepcopy(_base(fixture))
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def _supplier(**changes):
    return ("suppliers", lambda: _changed("supplier_complete", **changes))


def _tender(**changes):
    return ("tenders", lambda: _changed("tender_complete", **changes))


_CONTACT = {"name": "Kundeservice", "email": "hej@example.org", "publish_basis": "consent"}
# Records the fixtures do not hold, for rules and wordings they do not reach: case id → (collection, record maker).
MUTATIONS = {
    "more/cvr_separators": _supplier(org_number="29 40 34 73"),
    "more/cvr_en_dash": _supplier(org_number="2940\u201334 73"),
    "more/cvr_leading_zero": _supplier(org_number="09403473"),
    "more/cvr_prefix": _supplier(org_number="DK29403473"),
    "more/orgnr_good": _supplier(country="SE", org_number="556703-7485", legal_form="se_ekonomisk_forening",
                                 delivery_area=["SE-0180"], address=None),
    "more/orgnr_bad": _supplier(country="SE", org_number="556703-7484", delivery_area=["SE"], legal_form=None),
    "more/legal_form_other_country": _supplier(legal_form="se_ekonomisk_forening"),
    "more/legal_form_unknown_close": _supplier(legal_form="dk_apss"),
    "more/municipality_label": _supplier(address={"city": "Aarhus", "municipality": "Aarhus"}),
    "more/municipality_other_country": _supplier(address={"city": "Malmö", "municipality": "SE-1280"}),
    "more/category_case": _supplier(categories=["Grounds_Maintenance"]),
    "more/category_close": _supplier(categories=["grounds_maintenanse", "catering", "catering"]),
    "more/category_unknown": _supplier(categories=["zzz"]),
    "more/language_unknown": _supplier(languages=["da", "xx"]),
    "more/unknown_keys": _supplier(webiste="https://example.org", zzz=1, contakts=[]),
    "more/enum_close": _supplier(country="DKK"),
    "more/type_errors": _supplier(founded="2014", employees={"total": "many"}, summary="Tekst", categories="x"),
    "more/empty_texts": _supplier(name="", summary={}, offerings=[{"da": ""}]),
    "more/too_long": _supplier(name="N" * 121, contacts=[_CONTACT] * 11),
    "more/contact_unreachable": _supplier(contacts=[{"name": "A", "publish_basis": "consent"}]),
    "more/contact_bad": _supplier(contacts=[{"name": "<b>A</b>", "email": "a@b", "phone": "12",
                                             "publish_basis": "maybe"}]),
    "more/name_invisible": _supplier(name="Grøn\u200bGenstart"),
    "more/name_bidi": _supplier(name="Grøn \u202eGenstart"),
    "more/name_control": _supplier(name="Grøn\x07 Genstart"),
    "more/name_mixed_scripts": _supplier(name="Grøn Гenstart ApS"),
    "more/name_only_marks": _supplier(name="--"),
    "more/website_port": _supplier(website="https://example.org:99999/"),
    "more/website_port_text": _supplier(website="https://example.org:http/"),
    "more/website_ip": _supplier(website="http://192.168.1.1/"),
    "more/website_ipv6": _supplier(website="http://[::1]:8080/"),
    "more/website_underscore": _supplier(website="https://my_site.example.org/"),
    "more/website_userinfo": _supplier(website="https://user:pw@example.org/"),
    "more/website_space": _supplier(website="https://example.org/a\u00a0b"),
    "more/dates_future": _supplier(last_verified="2027-01-01", founded=2030,
                                   registrations=[{"type": "rsv", "since": "2026-12-01"}]),
    "more/dates_invalid": _supplier(last_verified="2026-02-30"),
    "more/dates_range": _supplier(last_verified="1999-12-31"),
    "more/registration_expired_other": _supplier(registrations=[{"type": "skoopi", "valid_until": "2020-01-01"},
                                                                {"type": "other"}]),
    "more/share_below_both": _supplier(employees={"total": 10, "from_target_groups": 2}, engaged=None,
                                       delivery_area=["DK-751", "SE-1280"],
                                       reserved_contracts={"eligible": True, "basis": "art20"}),
    "more/share_short_dk": _supplier(employees={"total": 10, "from_target_groups": 2},
                                     engaged={"total": 10, "from_target_groups": 5}, delivery_area=["national", "SE"],
                                     reserved_contracts={"eligible": True, "basis": "art20"}),
    "more/share_above_total": _supplier(employees={"total": 3, "from_target_groups": 4},
                                        reserved_contracts={"eligible": True, "basis": "art20"}),
    "more/share_missing": _supplier(employees=None, engaged=None,
                                    reserved_contracts={"eligible": True, "basis": "art20"}),
    "more/basis_missing": _supplier(reserved_contracts={"eligible": True}),
    "more/basis_without_eligible": _supplier(reserved_contracts={"eligible": False, "basis": "art77"}),
    "more/summary_long": _supplier(summary={"da": "å" * 301, "sv": "ö" * 300}),
    "more/translation_missing": _supplier(summary={"sv": "Bara svenska."}),
    "more/empty": ("suppliers", lambda: {}),
    "more/tender_period_order": _tender(contract_period={"start": "2027-04-01", "end": "2027-03-31"}),
    "more/tender_deadline_after": _tender(interest_deadline="2027-03-01"),
    "more/tender_published": _tender(status="published", notice_url=None),
    "more/tender_ideburen_dk": _tender(reserved="se_ideburen"),
    "more/tender_buyer_municipality": _tender(buyer={"name": "Aarhus Kommune", "org_number": "55133018",
                                                     "country": "DK", "municipality": "SE-1280"}),
    "more/tender_amount_float": _tender(estimated_value={"amount": 1.5, "currency": "dkk"}),
    "more/tender_interested_bad": _tender(interested=["Not A Slug", "ok-slug", "ok-slug"]),
    "more/tender_cpv_bad": _tender(cpv=["7731000-6"]),
    "more/tender_new_buyer": _tender(buyer={"name": "Ny Kommune", "org_number": "29403473", "country": "DK"}),
    "more/tender_new_buyer_bad_number": _tender(buyer={"name": "Ny Kommune", "org_number": "29403474",
                                                       "country": "DK"}),
    "more/tender_registry_number_spaced": _tender(buyer={"name": "Aarhus Kommune", "org_number": "55 13 30 18",
                                                         "country": "DK", "municipality": "DK-751"}),
    "more/tender_new_buyer_se": _tender(buyer={"name": "Ny kommun", "org_number": "212000-1356", "country": "SE"}),
}


@functools.cache
def _registry() -> list[tuple[str, object]]:
    """The buyer registry's files as bro.catalog reads them."""
    return [(path.stem, load_file(path, path.name)) for path in sorted((ROOT / "data" / "buyers").glob("*.yml"))]


def _check_buyers(collection: str, doc) -> None:
    """What bro.catalog checks of a tender's buyer against the registry (after the file's own checks)."""
    if collection == "tenders":
        catalog_module._check_buyers(_registry(), [("case", doc)])


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
        _check_buyers(collection, doc)
        problems = [p for p in doc.problems if p.code in MARKDOWN_PORTED or p.code.startswith("schema.")
                    or p.field_path[:-1] not in markdown]
        out[case] = (collection, record, problems)
    for case, (collection, make) in MUTATIONS.items():
        out[case] = _verdict_of(case, collection, make(), schemas, vocab)
    return out


class _PlainDumper(yaml.SafeDumper):
    """YAML without aliases (Bro's loader refuses them): a value used twice is written twice."""

    def ignore_aliases(self, data) -> bool:
        return True


def _verdict_of(case: str, collection: str, record, schemas: SchemaSet, vocab) -> tuple[str, object, list]:
    """The validator's problems for a record written as a data file (YAML), as for any file."""
    doc = load_text(yaml.dump(record, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False), f"{case}.yml")
    assert not doc.problems, doc.problems
    name = COLLECTIONS[collection]
    if not isinstance(doc.data, dict):
        return collection, record, []  # the loader's yaml.not_mapping: the browser reports nothing it can know
    check(doc, schemas, name)
    rules.check_texts(doc, schemas, name, vocab)
    rules.RECORD_RULES[collection](doc, vocab, TODAY)
    _check_buyers(collection, doc)
    return collection, record, doc.problems


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


def _refused_yaml() -> set[str]:
    """The cases whose YAML the loader refused or left values out of (BROWSER_CANNOT_KNOW: yaml.)."""
    return {case for case, (_, record, problems) in _python_verdicts().items()
            if record is None or any(p.code.startswith(WHOLE_RECORD) for p in problems)}


@pytest.mark.parametrize("case", [case for case, _, _ in _records()] + list(MUTATIONS))
def test_browser_gives_the_validators_verdict(case: str):
    comparison = _comparison()
    for lang in LANGS:
        if f"{case} {lang}" not in comparison:  # the browser cannot know: the reason is written down
            assert case in RECORDS_BROWSER_CANNOT_KNOW or case in _refused_yaml()
            continue
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


def test_check_script_sets_the_check_data_and_is_inert_in_a_page():
    for lang in LANGS:
        script = make_check_script(_catalog(), lang, TODAY)
        assert "<" not in script and "\u2028" not in script  # nothing in it can close or open a tag
        _, _, body = script.partition("window.BroCheckData = ")
        data = json.loads(body.rstrip().removesuffix(";"))
        assert data["lang"] == lang and data["today"] == TODAY.isoformat()
        assert data["messages"]["schema.required"] == messages.text("messages", lang, "schema.required")
        assert "supplier-complete" not in data["suppliers"] and data["suppliers"]  # the repository's own records
        assert data["characterNames"]["202E"] == "U+202E RIGHT-TO-LEFT OVERRIDE"
        assert "\u2013" in data["numberSeparators"]["SE"]  # an en dash reads as a hyphen, as in python-stdnum
