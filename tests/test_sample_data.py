"""The sample content that ships with Bro is valid, varied and fictional."""
from __future__ import annotations

import re

import pytest

from bro.catalog import load_catalog
from helpers import ROOT, TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def test_sample_data_has_no_errors(catalog):
    assert catalog.errors == []


def test_enough_varied_samples(catalog):
    suppliers = catalog.suppliers.values()
    assert len(catalog.suppliers) >= 15 and len(catalog.tenders) >= 8
    assert {s.data["country"] for s in suppliers} == {"DK", "SE"}
    assert len({c for s in suppliers for c in s.data["categories"]}) >= 10
    assert len({s.legal_form for s in suppliers}) >= 6
    assert {t.data["status"] for t in catalog.tenders.values()} == {"planned", "published", "awarded", "cancelled"}


def test_contact_data_is_fictional(catalog):
    """No real person's contact data: every e-mail and website uses a reserved example domain."""
    example = re.compile(r"(^|\.)example\.(org|com|net)$|\.example$")
    for record in list(catalog.suppliers.values()) + list(catalog.tenders.values()):
        people = record.data.get("contacts") or [record.data.get("contact")]
        for person in people:
            if person.get("email"):
                assert example.search(person["email"].split("@")[1]), (record.slug, person["email"])
        if record.data.get("website"):
            host = re.sub(r"^https?://([^/]+).*$", r"\1", record.data["website"])
            assert example.search(host), (record.slug, host)


def test_file_names_are_slugs():
    for path in [*(ROOT / "data" / "suppliers").glob("*"), *(ROOT / "data" / "tenders").glob("*")]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.yml", path.name), path


def test_every_record_file_names_its_schema_for_editor_completion():
    for collection, schema in (("suppliers", "supplier"), ("tenders", "tender")):
        for path in (ROOT / "data" / collection).glob("*.yml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json", path.name
    for path in (ROOT / "data" / "vocabularies").glob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/vocabulary.schema.json", path.name
