"""A supplier's or an entry's field is read by its name in the schema only by the model (src/bro/model/: the typed
records read the validated file once), the forms (src/bro/forms/: a question writes a field), the templates that show
it, and the modules below, each with its reason. A new module that reads `data["some_field"]` or
`data.get("some_field")` for a field of schemas/supplier.schema.json or schemas/tender.schema.json fails here: read
the typed record's attribute instead (and add the attribute to bro.model.records when it lacks one), so that
renaming a field stays a change of the schema, the model and the templates (README, "Changing the data contract")."""
from __future__ import annotations

import ast
import json

from helpers import ROOT

# The model and the forms may name fields; everything else is scanned.
EXEMPT = ("src/bro/model/", "src/bro/forms/")

# module → (the keys it may read, why). Many are not records at all: a key of the same name on a page, a vocabulary
# entry, the buyer registry or a GitHub object.
ALLOWED: dict[str, tuple[set[str], str]] = {
    "hooks/directory.py": ({"title"}, "a page's title in the template context, not a record"),
    "hooks/knowledge.py": ({"title"}, "a page's title in the template context, not a record"),
    "hooks/plan.py": ({"title"}, "a page's title in the template context, not a record"),
    "src/bro/areas.py": ({"country"}, "an area's vocabulary entry (data/vocabularies/areas.yml)"),
    "src/bro/buyers.py": ({"org_number"}, "the buyer registry's own files (data/buyers/), read while validating"),
    "src/bro/catalog.py": ({"buyer", "country", "interested", "name", "org_number"},
                           "checks across files on the raw documents, before any typed record exists"),
    "src/bro/changes.py": ({"last_verified", "name", "reserved", "status", "title"},
                           "a pull request's summary also describes files that did not validate (plain Record, no "
                           "typed attributes), so it compares the raw mappings"),
    "src/bro/directory.py": ({"categories", "country", "cpv", "description", "languages", "registrations"},
                             "the facets' own table and vocabulary entries (a category's description and CPV codes)"),
    "src/bro/feeds.py": ({"cpv", "name", "summary"},
                         "the registry's buyer, an event of the knowledge bank, a category's vocabulary entry (its "
                         "CPV codes: the divisions that have feeds)"),
    "src/bro/github.py": ({"description", "name"}, "GitHub's labels and API objects"),
    "src/bro/names.py": ({"country", "name", "org_number"},
                         "names and organisation numbers across every file while validating (raw documents)"),
    "src/bro/opendata.py": ({"buyer", "description", "title"},
                            "the published JSON Schemas' own keys (a schema's properties and annotations)"),
    "src/bro/organisations.py": ({"country"}, "a region's vocabulary entry (data/vocabularies/regions.yml)"),
    "src/bro/ocds.py": ({"country", "name", "org_number"}, "the registry's buyer (bro.buyers), not the entry"),
    "src/bro/plan_filters.py": ({"buyer", "name", "procedure", "source", "status"},
                                "the plan filters' own names and the registry's buyer names"),
    "src/bro/record_checks.py": ({"country", "interested", "org_number"},
                                 "the browser checks' data: a vocabulary entry's country, and the files of every "
                                 "buyer and entry, valid or not (catalog.records), as the validator sees them"),
    "src/bro/render.py": ({"description"}, "a vocabulary entry"),
    "src/bro/reservations.py": ({"description", "reserved"},
                                "a vocabulary entry; is_reserved on a raw mapping for files that did not validate"),
    "src/bro/rules.py": ({"address", "buyer", "contract_period", "country", "expected_publication", "founded",
                          "interest_deadline", "last_verified", "notice_url", "org_number", "references",
                          "registrations", "reserved", "reserved_contracts", "status", "summary"},
                         "validation of the raw file, before a record exists: the rules beyond the schema that join "
                         "several fields (a rule on one field belongs in the schema, like x-same-country-as)"),
    "src/bro/schema_errors.py": ({"description"}, "a schema's annotation"),
    "src/bro/shares.py": ({"country", "delivery_area"},
                          "the 30 % rule, applied by the validator to the raw file as well as to the model"),
    "src/bro/siteinfo.py": ({"address", "country", "name", "org_number"}, "data/site.yml: who runs Bro"),
    "src/bro/content.py": ({"source"}, "a review point's source in a page's front matter, not a record"),
    "src/bro/ted/importer.py": ({"buyer", "cpv", "name", "reserved", "reserved_execution", "source", "ted", "title"},
                                "the TED import compares the mapping it made and the raw files of hand-written "
                                "entries (which may not validate) before any record exists, and reads what the "
                                "editors' summary shows of the mapping once (importer.Written)"),
    "src/bro/ted/mapping.py": ({"country", "name", "org_number"}, "the buyer registry's own files (data/buyers/)"),
    "hooks/structured.py": ({"description", "title"}, "a page's front matter, not a record"),
    "src/bro/structured.py": ({"country", "name", "org_number", "website"}, "the registry's buyer (bro.buyers)"),
    "src/bro/thresholds.py": ({"source"}, "data/thresholds.yml: a threshold's official source, not a record"),
    "src/bro/tenders.py": ({"cpv", "estimated_value", "procedure", "reserved"},
                           "the threshold rule on an entry's mapping (its tests give plain mappings); left to move "
                           "to TenderEntry"),
    "src/bro/views.py": ({"country", "name"}, "the registry's buyer and the share lines (Bro's own mappings)"),
}


def record_fields() -> set[str]:
    """Every top-level field of a supplier or a tender entry."""
    return {name for schema in ("supplier", "tender")
            for name in json.loads((ROOT / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
            ["properties"]}


def keys_read(source: str, fields: set[str]) -> set[str]:
    """The fields source reads by string key: x["field"] and x.get/pop/setdefault("field", …)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        key = None
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and isinstance(node.slice, ast.Constant):
            key = node.slice.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args \
                and node.func.attr in ("get", "pop", "setdefault") and isinstance(node.args[0], ast.Constant):
            key = node.args[0].value
        if isinstance(key, str) and key in fields:
            found.add(key)
    return found


def scanned() -> dict[str, set[str]]:
    """Each scanned module → the record fields it reads by key."""
    fields = record_fields()
    paths = sorted([*(ROOT / "src" / "bro").rglob("*.py"), *(ROOT / "hooks").glob("*.py")])
    result = {}
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith(EXEMPT):
            result[rel] = keys_read(path.read_text(encoding="utf-8"), fields)
    return result


def test_no_module_reads_a_record_field_by_its_key_unless_listed():
    unexpected = {rel: sorted(keys - ALLOWED.get(rel, (set(), ""))[0]) for rel, keys in scanned().items()}
    assert {rel: keys for rel, keys in unexpected.items() if keys} == {}, \
        "read the typed record's attribute (bro.model.records), or list the module in ALLOWED with its reason"


def test_the_allow_list_holds_nothing_stale():
    found = scanned()
    stale = {rel: sorted(keys - found.get(rel, set())) for rel, (keys, _) in ALLOWED.items()}
    assert {rel: keys for rel, keys in stale.items() if keys} == {}, "a listed key is no longer read: drop it"
    assert all(reason for _, reason in ALLOWED.values())


def test_the_scan_sees_both_forms_of_reading():
    fields = {"legal_form", "cpv"}
    assert keys_read('x = data["legal_form"]\ny = entry.get("cpv", [])\ndata["name"] = 1\n', fields) == \
        {"legal_form", "cpv"}
    assert keys_read('data["legal_form"] = "dk_aps"\n', fields) == set()  # writing a file's field is not reading
