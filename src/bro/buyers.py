"""The buyer registry: one file per public buyer in data/buyers/ (its name is the buyer's slug and the name of its
page), keyed by organisation number. A tender entry names its buyer by that number and may repeat the name,
country and municipality only as the registry has them; every page, feed, calendar and export shows the
registry's details, taken through buyer_of."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from bro.yamlload import load_file

if TYPE_CHECKING:
    from bro.catalog import Catalog
    from bro.model import Buyer

REPEATED = ("name", "country", "municipality")  # what a tender's buyer block may repeat from the registry
SHOWN = ("name", "org_number", "country", "municipality", "website")  # what readers see of a buyer
FOLDER = "data/buyers"


def number_key(number: str) -> str:
    """An organisation number as the registry compares it: its digits (64942212, 2120001355). Danish CVR numbers
    have 8 digits and Swedish organisation numbers 10, so the digits alone tell every buyer apart."""
    return re.sub(r"[^0-9]", "", number)


def name_key(name: str, country: str) -> tuple[str, str]:
    """A buyer's name as the registry compares names written as text (a case's buyer): white space collapsed,
    case ignored, in its country ("Göteborgs  stad", SE and "Göteborgs Stad", SE are one buyer)."""
    return " ".join(name.split()).casefold(), country


def named(catalog: Catalog, name: str, country: str) -> Buyer | None:
    """The registry's buyer of that name in that country (name_key), or None when the registry has none."""
    return catalog.derived.buyer_names.get(name_key(name, country))


def buyer_of(catalog: Catalog, tender_slug: str) -> dict:
    """A tender entry's buyer with the registry's details: the one place that pages, feeds, calendars and open
    data take a buyer from (in a valid catalog every entry's number is in the registry)."""
    derived = catalog.derived
    return derived.buyer_details[derived.buyer_registry[number_key(catalog.tenders[tender_slug].buyer_number)].slug]


def read_registry(root: Path) -> dict[str, tuple[str, dict]]:
    """The registry as it stands in a checkout, without validating it: number key → (slug, data). For the form
    robot, which looks a buyer up before it writes a tender; the validator then checks both files."""
    table: dict[str, tuple[str, dict]] = {}
    for path in sorted((root / FOLDER).glob("*.yml")):
        data = load_file(path).data
        number = data.get("org_number") if isinstance(data, dict) else None
        if isinstance(number, str):
            table.setdefault(number_key(number), (path.stem, data))
    return table
