"""The areas a record reaches, with containment (a country contains its regions, a region its municipalities),
and the matching of suppliers and tender entries by what they offer and where they deliver."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bro import areas
from bro.vocab import Vocabularies

if TYPE_CHECKING:
    from bro.model.records import Supplier, TenderEntry


@dataclass(frozen=True)
class Reach:
    """The areas a delivery list names ('national' read as the record's country) and every area that contains
    one of them."""

    named: frozenset[str]
    containing: frozenset[str]  # regions and countries around a named area (not the named areas themselves)
    listed_under: frozenset[str]  # the browse pages that list the record: what it names and its municipalities' regions

    @classmethod
    def of(cls, vocab: Vocabularies, codes: Iterable[str], country: str) -> Reach:
        """The reach of a delivery list written for a record of `country`."""
        named = areas.normalize(list(codes), country)
        chains = [areas.parents(vocab, code) for code in named]
        return cls(frozenset(named), frozenset(p for chain in chains for p in chain[1:]),
                   frozenset(named) | {chain[1] for code, chain in zip(named, chains, strict=True)
                                       if areas.kind(vocab, code) == "municipality" and len(chain) > 1})

    def overlaps(self, other: Reach) -> bool:
        """Whether two reaches share ground: one names an area the other names, or an area inside or around one
        the other names (a supplier for Region Midtjylland reaches an entry in Aarhus, and the other way round)."""
        return bool(self.named & (other.named | other.containing) or other.named & self.containing)


def significant(cpv: str) -> str:
    """A CPV code's significant digits: 98310000-9 → 9831 (at least the three-digit group, so that a
    division-wide code such as 50000000 does not match every repair service)."""
    digits = cpv.split("-")[0]
    return digits.rstrip("0").ljust(3, "0")[: max(3, len(digits.rstrip("0")))]


def match_table(suppliers: dict[str, Supplier], entries: dict[str, TenderEntry],
                order: list[str]) -> dict[str, list[str]]:
    """The matching rule, for every entry at once: the suppliers that could deliver it, in `order` (directory
    order). A supplier could deliver an entry when it offers one of the entry's categories or a CPV code under or
    above one of the entry's, its reach overlaps the entry's delivery area, and, for a reserved entry, it declares
    eligibility on the entry's legal basis. Found through indexes by category, CPV group and area; the pairwise
    statement of the rule (tests/test_model.py) gives the same answer for every pair."""
    by_category, by_group, by_prefix = defaultdict(set), defaultdict(set), defaultdict(set)
    by_named, by_inside = defaultdict(set), defaultdict(set)
    for slug, supplier in suppliers.items():
        for code in supplier.categories:
            by_category[code].add(slug)
        for group in map(significant, supplier.cpv):
            by_group[group].add(slug)
            for end in range(3, len(group) + 1):
                by_prefix[group[:end]].add(slug)
        for code in supplier.reach.named:
            by_named[code].add(slug)
        for code in supplier.reach.containing:
            by_inside[code].add(slug)
    table, rank = {}, {s: i for i, s in enumerate(order)}
    for slug, entry in entries.items():
        offers = set().union(*(by_category[code] for code in entry.categories))
        for group in map(significant, entry.cpv):
            offers |= by_prefix.get(group, set())
            offers.update(*(by_group.get(group[:end], ()) for end in range(3, len(group) + 1)))
        reach = entry.reach
        around = reach.named | reach.containing
        near = set().union(*(by_named[code] for code in around), *(by_inside[code] for code in reach.named))
        found = [s for s in offers & near if suppliers[s].eligibility.satisfies(entry.reserved)]
        table[slug] = sorted(found, key=rank.__getitem__)
    return table
