"""The tender plan's rules: what is open or archived, what comes next, which suppliers could deliver,
and where an estimated value lies against the EU threshold (pure functions of the records)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from bro import areas, search, thresholds
from bro import buyers as registry
from bro.catalog import Catalog

CLOSED_STATUSES = {"awarded", "cancelled"}
NEAR_THRESHOLD = 0.10  # within 10 % of a threshold the page says "close to the threshold"


def day(value) -> dt.date | None:
    """An ISO date string as a date (None when absent)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def key_dates(data: dict) -> list[tuple[str, dt.date]]:
    """The dates a reader acts on: the deadline for interest and the expected publication."""
    return [(field, day(data[field])) for field in ("interest_deadline", "expected_publication") if data.get(field)]


def is_archived(data: dict, today: dt.date) -> bool:
    """Awarded or cancelled entries, and entries whose every key date has passed, belong to the archive."""
    dates = key_dates(data)
    return data["status"] in CLOSED_STATUSES or bool(dates) and all(day < today for _, day in dates)


def partition(entries: list, today: dt.date) -> tuple[list, list]:
    """Records (anything with .data) split into the open plan and the archive, keeping their order."""
    open_, archived = [], []
    for entry in entries:
        (archived if is_archived(entry.data, today) else open_).append(entry)
    return open_, archived


def counts(catalog: Catalog) -> dict[str, int]:
    """How many entries are open and how many archived today (what a count of "the plan" means: open ones)."""
    open_, archived = partition(list(catalog.tenders.values()), catalog.today)
    return {"open": len(open_), "archived": len(archived)}


def next_date(data: dict, today: dt.date) -> tuple[str, dt.date] | None:
    """The next key date that has not passed (which field, and the date)."""
    upcoming = [(day, field) for field, day in key_dates(data) if day >= today]
    return (min(upcoming)[1], min(upcoming)[0]) if upcoming else None


def plan_order(data: dict, today: dt.date) -> tuple:
    """Open entries by the next date that matters (entries without dates last)."""
    upcoming = next_date(data, today)
    return (upcoming[1] if upcoming else dt.date.max,)


def archive_order(data: dict) -> tuple:
    """Archived entries by their latest key date, to be listed newest first."""
    return (max((d for _, d in key_dates(data)), default=dt.date.min),)


def _significant(cpv: str) -> str:
    """A CPV code's significant digits: 98310000-9 → 9831 (at least the three-digit group, so that a
    division-wide code such as 50000000 does not match every repair service)."""
    digits = cpv.split("-")[0]
    return digits.rstrip("0").ljust(3, "0")[: max(3, len(digits.rstrip("0")))]


def cpv_overlap(ours: list[str], theirs: list[str]) -> bool:
    """Whether two CPV lists share a code, one being a more specific code under the other."""
    return any(a.startswith(b) or b.startswith(a) for a in map(_significant, ours) for b in map(_significant, theirs))


def reaches(catalog: Catalog, supplier: dict, tender: dict) -> bool:
    """A supplier delivers somewhere in the tender's delivery area."""
    cache = catalog.memo("reach", dict)
    supplier_key = ("supplier", tuple(supplier["delivery_area"]), supplier["country"])
    tender_key = ("tender", tuple(tender["delivery_area"]), tender["buyer"]["country"])
    if supplier_key not in cache:
        cache[supplier_key] = _supplier_reach(catalog, *supplier_key[1:])
    if tender_key not in cache:
        cache[tender_key] = _tender_reach(catalog, *tender_key[1:])
    (named, up), (targets, around) = cache[supplier_key], cache[tender_key]
    return bool(around & named or targets & up)


def _supplier_reach(catalog: Catalog, codes: list[str], country: str) -> tuple[frozenset, frozenset]:
    """The areas a supplier names, and every area that contains one of them."""
    named = areas.normalize(codes, country)
    return frozenset(named), frozenset(p for code in named for p in areas.parents(catalog.vocab, code)[1:])


def _tender_reach(catalog: Catalog, codes: list[str], country: str) -> tuple[frozenset, frozenset]:
    """The areas an entry names, and those areas with everything that contains them (a supplier naming one of
    these covers the entry; a supplier naming a place inside a target reaches it too)."""
    targets = areas.normalize(codes, country)
    return frozenset(targets), frozenset(p for code in targets for p in areas.parents(catalog.vocab, code))


def eligible(tender: dict, supplier: dict) -> bool:
    """For a reserved entry, only suppliers that declare eligibility on the same legal basis."""
    if tender.get("reserved", "none") == "none":
        return True
    reserved = supplier.get("reserved_contracts") or {}
    return reserved.get("eligible") is True and reserved.get("basis") == tender["reserved"]


def could_deliver(catalog: Catalog, tender: dict, supplier: dict) -> bool:
    """Matches by category or CPV, reaches the delivery area, and is eligible when the entry is reserved."""
    offers = bool(set(tender["categories"]) & set(supplier["categories"])) or cpv_overlap(
        tender.get("cpv") or [], supplier.get("cpv") or [])
    return offers and reaches(catalog, supplier, tender) and eligible(tender, supplier)


def matching_suppliers(catalog: Catalog, tender_slug: str) -> list[str]:
    """Suppliers that could deliver an entry, alphabetically."""
    return match_table(catalog)[tender_slug]


def open_entries_for(catalog: Catalog, supplier_slug: str) -> list[str]:
    """Open entries that a supplier could deliver, by their next date."""
    def compute() -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        ordered = sorted(catalog.tenders.items(), key=lambda item: (plan_order(item[1].data, catalog.today), item[0]))
        for slug, record in ordered:
            if not is_archived(record.data, catalog.today):
                for supplier in match_table(catalog)[slug]:
                    table.setdefault(supplier, []).append(slug)
        return table
    return catalog.memo("open_entries", compute).get(supplier_slug, [])


def match_table(catalog: Catalog) -> dict[str, list[str]]:
    """Every entry's could-deliver suppliers (alphabetically), computed once through indexes by category and
    CPV group; the answer is the same as could_deliver's for every pair (tested)."""
    def compute() -> dict[str, list[str]]:
        by_category, by_group, by_prefix = defaultdict(set), defaultdict(set), defaultdict(set)
        by_named, by_inside = defaultdict(set), defaultdict(set)
        for slug, record in catalog.suppliers.items():
            for code in record.data["categories"]:
                by_category[code].add(slug)
            for group in map(_significant, record.data.get("cpv") or []):
                by_group[group].add(slug)
                for end in range(3, len(group) + 1):
                    by_prefix[group[:end]].add(slug)
            named, up = _supplier_reach(catalog, record.data["delivery_area"], record.data["country"])
            for code in named:
                by_named[code].add(slug)
            for code in up:
                by_inside[code].add(slug)
        table, rank = {}, {s: i for i, s in enumerate(search.ordered_slugs(catalog))}  # alphabetical, as listed
        for slug, record in catalog.tenders.items():
            tender = record.data
            offers = set().union(*(by_category[code] for code in tender["categories"]))
            for group in map(_significant, tender.get("cpv") or []):
                offers |= by_prefix.get(group, set())
                offers.update(*(by_group.get(group[:end], ()) for end in range(3, len(group) + 1)))
            targets, around = _tender_reach(catalog, tender["delivery_area"], tender["buyer"]["country"])
            reach = set().union(*(by_named[code] for code in around), *(by_inside[code] for code in targets))
            found = [s for s in offers & reach if eligible(tender, catalog.suppliers[s].data)]
            table[slug] = sorted(found, key=rank.__getitem__)
        return table
    return catalog.memo("match_table", compute)


def buyers(catalog: Catalog) -> dict[str, dict]:
    """Every buyer of the registry, by slug, with the registry's details and its entries: open ones by next date,
    archived ones newest first (a buyer without entries has empty lists)."""
    def compute() -> dict[str, dict]:
        table = {slug: {**registry.details(catalog, slug), "open": [], "archive": []}
                 for slug in sorted(catalog.buyers)}
        for slug, record in sorted(catalog.tenders.items()):
            entry = table[registry.buyer_of(catalog, slug)["slug"]]
            (entry["archive"] if is_archived(record.data, catalog.today) else entry["open"]).append(slug)
        for entry in table.values():
            entry["open"].sort(key=lambda s: plan_order(catalog.tenders[s].data, catalog.today))
            entry["archive"].sort(key=lambda s: archive_order(catalog.tenders[s].data), reverse=True)
        return table
    return catalog.memo("buyers", compute)


def threshold_kind(data: dict) -> str:
    """Which EU threshold applies: social and other specific services, works, or supplies and services
    (sub-central: Bro's buyers are municipalities and regions)."""
    if data.get("procedure") == "light_regime" or data.get("reserved") in ("art77", "se_ideburen"):
        return "social_services"
    if any(code.startswith("45") for code in data.get("cpv") or []):
        return "works"
    return "supplies_services_subcentral"


def threshold_for(catalog: Catalog, data: dict) -> dict | None:
    """An entry's position against the threshold in force when it is expected to be published
    (or at its deadline, or at the build date)."""
    on = day(data.get("expected_publication") or data.get("interest_deadline")) or catalog.today
    return threshold_position(catalog.thresholds, data, on)


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
