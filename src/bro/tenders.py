"""The tender plan: the open plan and the archive, and where an estimated value lies against the EU threshold
(pure functions of the records; the rules for one entry are its record's: bro.model)."""
from __future__ import annotations

import datetime as dt

from bro import thresholds
from bro.catalog import Catalog
from bro.model import TenderEntry

NEAR_THRESHOLD = 0.10  # within 10 % of a threshold the page says "close to the threshold"


def partition(entries: list[TenderEntry], today: dt.date) -> tuple[list[TenderEntry], list[TenderEntry]]:
    """Entries split into the open plan and the archive, keeping their order."""
    open_, archived = [], []
    for entry in entries:
        (archived if entry.is_archived(today) else open_).append(entry)
    return open_, archived


def counts(catalog: Catalog) -> dict[str, int]:
    """How many entries are open and how many archived today (what a count of "the plan" means: open ones)."""
    open_, archived = partition(list(catalog.tenders.values()), catalog.today)
    return {"open": len(open_), "archived": len(archived)}


def threshold_kind(data: dict) -> str:
    """Which EU threshold applies: social and other specific services, works, or supplies and services
    (sub-central: Bro's buyers are municipalities and regions)."""
    if data.get("procedure") == "light_regime" or data.get("reserved") in ("art77", "se_ideburen"):
        return "social_services"
    if any(code.startswith("45") for code in data.get("cpv") or []):
        return "works"
    return "supplies_services_subcentral"


def threshold_for(catalog: Catalog, entry: TenderEntry) -> dict | None:
    """An entry's position against the threshold in force when it is expected to be published
    (or at its deadline, or at the build date)."""
    on = entry.date_of("expected_publication") or entry.date_of("interest_deadline") or catalog.today
    return threshold_position(catalog.thresholds, entry.data, on)


def threshold_position(table: list[dict], data: dict, on: dt.date) -> dict | None:
    """Where the estimated value lies against the threshold in force on a date, in the value's currency (None
    without a value, without a threshold for that date or without a rate for the currency). The threshold is the
    official figure where the table has one, else an approximation (bro.thresholds.threshold_in)."""
    value = data.get("estimated_value")
    if not value:
        return None
    kind = threshold_kind(data)
    limit = thresholds.threshold_in(table, kind, value["currency"], on)
    if limit is None:
        return None
    ratio = value["amount"] / limit.amount
    return {"kind": kind, "limit": limit.amount, "limit_eur": limit.eur, "currency": limit.currency,
            "above": ratio >= 1, "near": abs(ratio - 1) <= NEAR_THRESHOLD,
            "official": limit.official and limit.currency != "EUR", "approximate": limit.approximate,
            "source": limit.source, "source_title": limit.source_title,
            "source_lang": thresholds.SOURCE_LANGUAGE.get(limit.currency),
            "act": limit.act, "act_title": limit.act_title}
