"""Legal citations: the table of provisions (data/provisions.yml) holds every citation on reader pages, in data
and in the templates, and the citations that name their act link to its text."""
from __future__ import annotations

import re

import pytest
import yaml

from bro import provisions, upkeep
from bro.provisions import Citation, check_markdown, find_citations, link_citations, load_provisions
from bro.schema import SchemaSet
from bro.yamlload import load_file
from helpers import ROOT

TABLE = load_provisions(ROOT)
LOU = TABLE.acts["lou"]["url"]
UDBUDSLOVEN = TABLE.acts["udbudsloven"]["url"]


def _cited(text: str) -> list[tuple[str | None, str, bool]]:
    """The act, section and 'named' of each citation in a text."""
    return [(c.act, c.section, c.named) for c in find_citations(text)]


def test_the_table_follows_its_schema_and_names_known_acts_once():
    schemas = SchemaSet(ROOT / "schemas")
    data = load_file(ROOT / provisions.PROVISIONS_FILE, "provisions.yml").data
    assert list(schemas.validator("provisions.schema.json").iter_errors(data)) == []
    keys = [(entry["act"], entry["section"]) for entry in data["provisions"]]
    assert len(keys) == len(set(keys)), "a provision is listed twice"
    assert {act for act, _section in keys} == set(data["acts"]), "every act is cited, every cited act is listed"


def test_every_act_links_to_the_official_text():
    hosts = {"DK": "https://www.retsinformation.dk/eli/", "SE": "https://www.riksdagen.se/",
             "EU": "https://eur-lex.europa.eu/eli/"}
    for code, act in TABLE.acts.items():
        assert act["url"].startswith(hosts[act["country"]]), code


def test_the_weekly_link_job_checks_the_acts_addresses():
    found = upkeep.collect_urls(ROOT)
    for act in TABLE.acts.values():
        assert any(place.file == "data/provisions.yml" for place in found[act["url"]]), act["url"]


@pytest.mark.parametrize(("text", "expected"), [
    ("udbudsloven § 54", [("udbudsloven", "§ 54", True)]),
    ("udbudslovens § 30, stk. 1", [("udbudsloven", "§ 30", True)]),
    ("Udbudsloven § 162, stk. 3, nr. 2.", [("udbudsloven", "§ 162", True)]),
    ("udbudsloven §§ 73–79", [("udbudsloven", "§§ 73-79", True)]),
    ("§ 54 i udbudsloven", [("udbudsloven", "§ 54", True)]),
    ("LOU 4 kap. 18 §", [("lou", "4 kap. 18 §", True)]),
    ("LOU (2016:1145) 4 kap. 18 §", [("lou", "4 kap. 18 §", True)]),
    ("4 kap. 18 § i LOU", [("lou", "4 kap. 18 §", True)]),
    ("LOU 19 kap. 25 § och 25 a §", [("lou", "19 kap. 25 §", True), ("lou", "19 kap. 25 a §", True)]),
    ("LOU 19 a kap.", [("lou", "19 a kap.", True)]),
    ("lagen (2008:962) om valfrihetssystem 1 kap. 2 a §", [("lov", "1 kap. 2 a §", True)]),
    ("kommunallagen (2017:725) 2 kap. 1 §", [("kommunallagen", "2 kap. 1 §", True)]),
    ("2 kap. 8 § kommunallagen", [("kommunallagen", "2 kap. 8 §", True)]),
    ("artikel 20 i direktiv 2014/24/EU", [("direktiv-2014-24", "art. 20", True)]),
    ("direktiv 2014/24/EU art. 2, stk. 1, nr. 5", [("direktiv-2014-24", "art. 2", True)]),
    ("direktivets art. 20.2", [("direktiv-2014-24", "art. 20", True)]),
    ("art. 77 (direktiv 2014/24/EU)", [("direktiv-2014-24", "art. 77", True)]),
    ("artikel 6.1 a i dataskyddsförordningen", [("gdpr", "art. 6", True)]),
])
def test_the_forms_the_pages_cite_in_are_read(text, expected):
    assert _cited(text) == expected


def test_a_citation_without_its_act_takes_the_act_named_before_it_and_is_not_linked():
    text = "Efter udbudsloven § 74, stk. 1 … (§ 74, stk. 5). LOU 6 kap. 30 § … (40 §). Se art. 77."
    assert _cited(text) == [("udbudsloven", "§ 74", True), ("udbudsloven", "§ 74", False),
                            ("lou", "6 kap. 30 §", True), ("lou", "6 kap. 40 §", False), (None, "art. 77", False)]
    linked = link_citations(text, TABLE)
    assert linked.count("](") == 2 and "(§ 74, stk. 5)" in linked and "(40 §)" in linked


def test_an_unknown_or_actless_citation_fails_with_its_file_line_and_text():
    page = "# Titel\n\nTekst.\nSe udbudsloven § 999 og art. 20.\n"
    assert check_markdown(page, TABLE, "content/da/x.md") == [
        "content/da/x.md:4: 'udbudsloven § 999' (udbudsloven § 999) is not in data/provisions.yml",
        "content/da/x.md:4: 'art. 20' names no act, and none is named before it",
    ]
    assert check_markdown("LOU 4 kap. 18 § och udbudsloven § 54.", TABLE, "x.md") == []
    # the front matter's review points are the editors', not the reader's: not checked, line numbers kept
    page = "---\nreview:\n  - point: art. 12, stk. 3\n---\n\nSe udbudsloven § 999.\n"
    assert check_markdown(page, TABLE, "x.md") == ["x.md:6: 'udbudsloven § 999' (udbudsloven § 999) is not in "
                                                  "data/provisions.yml"]


def test_every_citation_on_the_content_pages_is_in_the_table():
    wrong = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        wrong += check_markdown(path.read_text(encoding="utf-8"), TABLE, path.relative_to(ROOT).as_posix())
    assert wrong == []


def _strings(value) -> list[str]:
    """Every string in a loaded YAML value, in file order."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_every_citation_in_the_data_and_the_templates_is_in_the_table():
    wrong = []
    for path in sorted((ROOT / "data").rglob("*.yml")):
        if path != ROOT / provisions.PROVISIONS_FILE:  # its texts joined, one a line, in file order
            text = "\n".join(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
            wrong += check_markdown(text, TABLE, f"{path.relative_to(ROOT).as_posix()} (texts)")
    for path in sorted((ROOT / "templates").rglob("*.yml")):  # explained in comments to contributors
        wrong += check_markdown(path.read_text(encoding="utf-8"), TABLE, path.relative_to(ROOT).as_posix())
    assert wrong == []


def test_every_legal_basis_of_a_reservation_is_one_provision_in_the_table():
    reservations = yaml.safe_load((ROOT / "data" / "vocabularies" / "reservations.yml").read_text(encoding="utf-8"))
    bases = [(code, basis) for code, entry in reservations.items() for basis in entry.get("legal_basis", {}).values()]
    assert bases
    for code, basis in bases:
        citations = find_citations(basis)
        assert len(citations) == 1 and citations[0].text == basis and citations[0].named, (code, basis)
        assert TABLE.find(citations[0]) is not None, (code, basis)


def test_citations_that_name_their_act_link_to_it_but_not_in_headings_links_code_or_editorial_notes():
    page = ("## Udbudsloven § 54 { #s54 }\n\n"
            "Efter udbudsloven § 54 og LOU 4 kap. 18 § kan du reservere; se [udbudsloven § 54](a.md).\n"
            "`udbudsloven § 54` er kode.\n\n"
            '!!! note "Efter udbudsloven § 54"\n    Tekst.\n\n'
            '!!! warning "Til redaktionel kontrol"\n    Bekræft udbudsloven § 54.\n\n'
            "Tidligere LOU 19 kap. 6 a §; udbudsloven § 999.\n")
    assert link_citations(page, TABLE) == page.replace(
        "Efter udbudsloven § 54 og LOU 4 kap. 18 §",
        f"Efter [udbudsloven § 54]({UDBUDSLOVEN}) og [LOU 4 kap. 18 §]({LOU})")


def test_a_former_number_is_in_the_table_but_never_linked():
    former = Citation(0, 16, "LOU 19 kap. 6 a §", "lou", "19 kap. 6 a §", True)
    assert TABLE.find(former) is not None and TABLE.url(former) is None


def test_the_built_pages_link_the_citations_to_the_acts(built_site):
    page = (built_site / "da" / "vidensbank" / "reserverede-kontrakter.html").read_text(encoding="utf-8")
    assert re.search(rf'<a href="{re.escape(UDBUDSLOVEN)}"[^>]*>udbudsloven § 54</a>', page)
    assert re.search(rf'<a href="{re.escape(LOU)}"[^>]*>LOU \(2016:1145\) 4 kap\. 18 §</a>', page)
    assert "<h1" in page and not re.search(r"<h[1-6][^>]*>[^<]*<a href=\"https://www\.retsinformation", page)
