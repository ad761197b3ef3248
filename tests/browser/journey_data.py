"""Data for the core journeys: the repository's data plus a few records that make the journeys meaningful,
and what the data says a filter should show (computed here with the bro package, never read from a page).

The sample data has no eligible cleaning supplier in Aarhus or Göteborg and one cleaning entry in the plan, so
the journey site adds, in a temporary copy of the repository (never in data/):
- cleaning suppliers in Aarhus (directly, through Region Midtjylland and through all of Denmark), one that does
  not claim eligibility and one eligible in Odense; the same around Göteborg (the city and Västra Götalands län);
- cleaning entries in the plan for Aarhus, Region Midtjylland, Odense, Göteborg, Västra Götalands län and Malmö.
"""
from __future__ import annotations

import functools
import shutil
from pathlib import Path

import yaml
from stdnum import luhn

from bro import areas
from bro.build import build
from bro.catalog import Catalog, load_catalog
from helpers import ROOT, TODAY, make_org_numbers

IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", ".site-*", "node_modules",
                                "build", "dist")
ELIGIBILITY = {"da": "Erklærer at opfylde betingelserne for reserverede kontrakter "
                     "(udbudsloven § 54 i Danmark, LOU 4 kap. 18 § i Sverige)",
               "sv": "Uppger att företaget uppfyller villkoren för reserverade kontrakt "
                     "(LOU 4 kap. 18 § i Sverige, udbudsloven § 54 i Danmark)"}
# The legal basis the eligibility wording names (udbudsloven § 54 / LOU 4 kap. 18 §: art. 20 of the directive).
ELIGIBILITY_BASIS = "art20"
CLEANING_STEMS = ("rengør", "städ")  # "rengøring", "städning" and their forms, in either language

# name, country, delivery areas, eligible, contact e-mail
_SUPPLIERS = {
    "rent-hus-aarhus": ("Rent Hus Aarhus ApS", "DK", ["DK-751", "DK-746"], True, "kontakt@renthus.example.org"),
    "pudseholdet-midt": ("Pudseholdet Midt S.m.b.a.", "DK", ["DK04"], True, "hej@pudseholdet.example.org"),
    "rengoeringsfonden": ("Rengøringsfonden Danmark", "DK", ["national"], True, "post@rengoeringsfonden.example.org"),
    "skinnende-aarhus": ("Skinnende Aarhus A/S", "DK", ["DK-751"], False, "info@skinnende.example.org"),
    "fynsk-rengoering": ("Fynsk Rengøringskooperativ", "DK", ["DK-461"], True, "fyn@rengoering.example.org"),
    "stadlaget-hisingen": ("Städlaget Hisingen ekonomisk förening", "SE", ["SE-1480"], True,
                           "info@stadlaget.example.org"),
    "renhallarna-vast": ("Renhållarna Väst AB (svb)", "SE", ["SE-14"], True, "kontakt@renhallarna.example.org"),
    "glansfullt-goteborg": ("Glansfullt Göteborg AB", "SE", ["SE-1480"], False, "hej@glansfullt.example.org"),
}

# title (da, sv), buyer slug, delivery areas
_TENDERS = {
    "aarhus-rengoering-skoler": (("Rengøring af skoler i Aarhus Vest", "Städning av skolor i västra Aarhus"),
                                 "aarhus-kommune", ["DK-751"]),
    "midtjylland-rengoering-klinikker": (("Rengøring af regionens klinikker i Midtjylland",
                                          "Städning av regionens kliniker i Mittjylland"),
                                         "aarhus-kommune", ["DK04"]),
    "odense-rengoering-kontorer": (("Rengøring af rådhusets kontorer", "Städning av stadshusets kontor"),
                                   "odense-kommune", ["DK-461"]),
    "goteborg-stadning-forskolor": (("Rengøring af børnehaver i Göteborg", "Städning av förskolor i Göteborg"),
                                    "goteborgs-stad", ["SE-1480"]),
    "vgr-stadning-vardcentraler": (("Rengøring af sundhedscentre i Västra Götaland",
                                    "Städning av vårdcentraler i Västra Götaland"),
                                   "vastra-gotalandsregionen", ["SE-14"]),
    "malmo-stadning-bibliotek": (("Rengøring af bibliotekerne i Malmö", "Städning av Malmös bibliotek"),
                                 "malmo-stad", ["SE-1280"]),
}


def _swedish_org_numbers(count: int) -> list[str]:
    """Valid Swedish organisation numbers (NNNNNN-NNNN, Luhn) that the sample data does not use."""
    numbers = []
    for serial in range(count):
        body = f"7696{serial:05d}"
        numbers.append(f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}")
    return numbers


def _supplier_yaml(name: str, country: str, org: str, delivery: list[str], eligible: bool, email: str) -> str:
    record = {
        "name": name, "country": country, "org_number": org,
        "legal_form": "dk_aps" if country == "DK" else "se_ab_svb" if name.endswith("(svb)") else "se_ab",
        "summary": {"da": f"{name} gør rent i kontorer, skoler og institutioner med faste hold, hvor mange "
                          "medarbejdere er kommet tilbage på arbejdsmarkedet.",
                    "sv": f"{name} städar kontor, skolor och förskolor med fasta lag där många medarbetare har "
                          "kommit tillbaka till arbetslivet."},
        "categories": ["cleaning"], "cpv": ["90910000-9"], "delivery_area": delivery,
        "target_groups": ["long_term_unemployed"], "employees": {"total": 20, "from_target_groups": 12},
        "reserved_contracts": {"eligible": True, "basis": ELIGIBILITY_BASIS} if eligible else {"eligible": False},
        "contacts": [{"name": "Kim Testesen" if country == "DK" else "Kim Testsson", "email": email,
                      "publish_basis": "consent"}],
        "languages": ["da" if country == "DK" else "sv"], "last_verified": "2026-09-01",
    }
    return "# yaml-language-server: $schema=../../schemas/supplier.schema.json\n" + yaml.safe_dump(
        record, allow_unicode=True, sort_keys=False)


def _tender_yaml(title: tuple[str, str], buyer_slug: str, delivery: list[str], number: int) -> str:
    buyer = yaml.safe_load((ROOT / "data" / "buyers" / f"{buyer_slug}.yml").read_text(encoding="utf-8"))
    record = {
        "title": {"da": title[0], "sv": title[1]},
        "buyer": {k: buyer[k] for k in ("name", "org_number", "country", "municipality")},
        "description": {"da": "Daglig rengøring og hovedrengøring. Socialøkonomiske virksomheder opfordres til at "
                              "melde deres interesse.",
                        "sv": "Daglig städning och storstädning. Sociala företag uppmuntras att anmäla intresse."},
        "categories": ["cleaning"], "cpv": ["90910000-9"], "procedure": "below_threshold", "reserved": "none",
        "interest_deadline": f"2027-03-{10 + number:02d}", "delivery_area": delivery, "status": "planned",
        "contact": {"name": "Alex Indkøber", "email": f"indkob{number}@example.org",
                    "publish_basis": "legitimate_interest"},
    }
    return "# yaml-language-server: $schema=../../schemas/tender.schema.json\n" + yaml.safe_dump(
        record, allow_unicode=True, sort_keys=False)


def extra_records() -> dict[str, str]:
    """{path relative to the repository: YAML text} of the records the journeys add."""
    danish = iter(make_org_numbers(10, start=47_100_000))
    swedish = iter(_swedish_org_numbers(10))
    files = {}
    for slug, (name, country, delivery, eligible, email) in _SUPPLIERS.items():
        org = next(danish) if country == "DK" else next(swedish)
        files[f"data/suppliers/{slug}.yml"] = _supplier_yaml(name, country, org, delivery, eligible, email)
    for number, (slug, (title, buyer, delivery)) in enumerate(_TENDERS.items()):
        files[f"data/tenders/{slug}.yml"] = _tender_yaml(title, buyer, delivery, number)
    return files


def make_journey_repo(tmp_path: Path) -> Path:
    """A copy of the repository with the journeys' extra records."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORE)
    for rel, text in extra_records().items():
        (repo / rel).write_text(text, encoding="utf-8")
    return repo


def build_journey_site(tmp_path_factory) -> tuple[Path, Path]:
    """(repository copy, built site)."""
    base = tmp_path_factory.mktemp("journeys")
    repo = make_journey_repo(base)
    site = base / "site"
    assert build(repo, site, today=TODAY) == 0
    return repo, site


@functools.cache
def journey_catalog(repo: Path) -> Catalog:
    catalog = load_catalog(repo, today=TODAY)
    assert not catalog.errors, catalog.errors
    return catalog


# ---- what the data says ---------------------------------------------------------------------------------------

def overlap(catalog: Catalog, one: str, other: str) -> bool:
    """Two areas overlap when one contains the other (Aarhus and Region Midtjylland, Göteborg and Sweden)."""
    return one in areas.parents(catalog.vocab, other) or other in areas.parents(catalog.vocab, one)


def supplier_delivers_in(catalog: Catalog, slug: str, area: str) -> bool:
    """A supplier delivers in an area when one of its delivery areas overlaps it (what the directory's place
    filter promises: "Hele Region Midtjylland" finds a supplier in Aarhus, Aarhus one for all of Denmark)."""
    data = catalog.suppliers[slug].data
    return any(overlap(catalog, code, area) for code in areas.normalize(data["delivery_area"], data["country"]))


def supplier_declares_eligibility(catalog: Catalog, slug: str) -> bool:
    """Declares it meets the conditions for reserved contracts under udbudsloven § 54 / LOU 4 kap. 18 §."""
    reserved = catalog.suppliers[slug].data.get("reserved_contracts") or {}
    return reserved.get("eligible") is True and reserved.get("basis", ELIGIBILITY_BASIS) == ELIGIBILITY_BASIS


def supplier_mentions_cleaning(catalog: Catalog, slug: str) -> bool:
    """The supplier is a cleaning supplier, or its texts speak of cleaning (a search hit that is no error)."""
    data = catalog.suppliers[slug].data
    if "cleaning" in data["categories"]:
        return True
    texts = [data["name"], *(data.get("summary") or {}).values(), *(data.get("description") or {}).values()]
    texts += [text for offering in data.get("offerings") or [] for text in offering.values()]
    return any(stem in text.lower() for text in texts for stem in CLEANING_STEMS)


def supplier_contact_email(catalog: Catalog, slug: str) -> str:
    return ((catalog.suppliers[slug].data.get("contacts") or [{}])[0]).get("email", "")


def supplier_facet_values(catalog: Catalog, slug: str) -> dict[str, set[str]]:
    """The values a supplier has for each checkbox facet of the directory (keys as the page's data-facet)."""
    data = catalog.suppliers[slug].data
    return {
        "categories": set(data["categories"]), "countries": {data["country"]},
        "targetGroups": set(data.get("target_groups") or []),
        "registrations": {r["type"] for r in data.get("registrations") or []},
        "legalForm": {data["legal_form"]} if data.get("legal_form") else set(),
        "languages": set(data.get("languages") or []),
        "eligible": {"1"} if supplier_declares_eligibility(catalog, slug) else set(),
    }


def entry_in_area(catalog: Catalog, slug: str, area: str) -> bool:
    """An entry is found under a place when one of its places overlaps it, either way round (an entry for
    Västra Götalands län under Göteborg, an entry in Göteborg under Västra Götalands län and Sweden)."""
    data = catalog.tenders[slug].data
    return any(overlap(catalog, code, area)
               for code in areas.normalize(data["delivery_area"], data["buyer"]["country"]))


def entry_values(catalog: Catalog, slug: str, name: str) -> set[str]:
    """The values an entry has for the plan filter called name (the control id without 'plan-'); the singular
    and plural spellings of a name mean the same filter."""
    from bro import buyers, tenders
    data = catalog.tenders[slug].data
    if name in ("category", "categories"):
        return set(data["categories"])
    if name == "buyer":
        return {buyers.buyer_of(catalog, slug)["slug"]}
    if name in ("procedure", "status"):
        return {data[name]}
    if name in ("reservedkind", "reserved"):
        # any reservation (who takes part, or who performs: art. 20(1)'s second alternative) is 'yes';
        # a reserved execution is also 'execution'
        execution = data.get("reserved_execution") is True
        if data.get("reserved", "none") == "none" and not execution:
            return {"none"}
        return {"yes", "execution"} if execution else {"yes"}
    if name == "source":  # imported from TED (source: ted) or sent to Bro
        return {"ted" if catalog.tenders[slug].data.get("source") == "ted" else "bro"}
    if name == "threshold":
        position = tenders.threshold_for(catalog, catalog.tenders[slug])
        return set() if position is None else {"above" if position["above"] else "below"}
    raise KeyError(f"the journeys do not know the plan filter {name!r}: add it to entry_values")


def entry_matches(catalog: Catalog, slug: str, name: str, value: str) -> bool:
    """Whether the plan should show an entry with filter `name` set to `value`."""
    if name in ("area", "areas"):
        return entry_in_area(catalog, slug, value)
    return value in entry_values(catalog, slug, name)


def is_open(catalog: Catalog, slug: str) -> bool:
    return not catalog.tenders[slug].is_archived(catalog.today)
