"""Where a supplier delivers: which areas a delivery list covers, in one place for pages and matching."""
from __future__ import annotations

from bro.vocab import NATIONAL, Vocabularies


def normalize(codes: list[str], country: str) -> list[str]:
    """Delivery codes with 'national' read as the record's own country."""
    return [country if code == NATIONAL else code for code in codes]


def parents(vocab: Vocabularies, code: str) -> list[str]:
    """An area and everything that contains it: municipality → region → country."""
    chain = [code]
    entry = vocab.entry("areas", code)
    if entry.get("region"):
        chain.append(entry["region"])
    if entry.get("country") and entry["country"] != code:
        chain.append(entry["country"])
    return chain


def covers(vocab: Vocabularies, delivery: list[str], country: str, code: str) -> bool:
    """Whether a delivery list reaches an area: named directly, or through its region or whole country."""
    reach = set(normalize(delivery, country))
    return any(area in reach for area in parents(vocab, code))


def kind(vocab: Vocabularies, code: str) -> str:
    """'country', 'region' or 'municipality'."""
    if code in vocab.tables["countries"]:
        return "country"
    return "region" if code in vocab.tables["regions"] else "municipality"


def overlaps(vocab: Vocabularies, a: str, b: str) -> bool:
    """Whether two areas share ground: one is the other, or lies inside it (Aarhus and Region Midtjylland
    overlap either way round; Aarhus and Odense do not)."""
    return a in parents(vocab, b) or b in parents(vocab, a)


def within(vocab: Vocabularies, code: str) -> list[str]:
    """Every area inside an area: a region's municipalities, a country's regions and municipalities."""
    def inside() -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for name in ("regions", "municipalities"):
            for child in vocab.tables[name]:
                for parent in parents(vocab, child)[1:]:
                    table.setdefault(parent, []).append(child)
        return table
    cache = vocab.__dict__.setdefault("_within", {})
    if not cache:
        cache.update(inside())
    return cache.get(code, [])


def overlapping(vocab: Vocabularies, code: str) -> list[str]:
    """Every area that overlaps an area (see overlaps): itself, what contains it and what lies inside it."""
    return [*parents(vocab, code), *within(vocab, code)]
