"""Tables derived from a catalog's records, each computed once on first use and kept on the catalog
(`catalog.derived`): the directory's order and counts, the matching of entries and suppliers, the buyer registry
with its entries, and the caches of the modules that build pages, search data and calendars (per slug or per
language). The catalog does not change after loading, so nothing here is ever recomputed."""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bro import buyers as registry
from bro import directory, model, peers, search

if TYPE_CHECKING:
    from bro.catalog import Catalog
    from bro.model import Buyer


@dataclass(eq=False)
class Derived:
    """The derived tables of one catalog."""

    catalog: Catalog = field(repr=False)
    # caches filled by the modules that own them, one entry per key as it is first asked for
    search_words: dict[str, dict[str, None]] = field(default_factory=dict)  # supplier → its words (bro.search)
    search_texts: dict[str, str] = field(default_factory=dict)  # supplier → its indexed text (bro.search)
    search_tails: dict[str, list[str]] = field(default_factory=dict)  # word → its compound tails (bro.search)
    search_terms: dict[str, dict[str, str | None]] = field(default_factory=dict)  # lang → token → term
    links: dict[tuple[str, str, str], dict] = field(default_factory=dict)  # (kind, slug, lang) → link (bro.views)
    calendar_events: dict[tuple[str, str, str], bytes] = field(default_factory=dict)  # (slug, lang, base) → .ics
    plan_filter_values: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # entry → filter → tokens
    follow_index: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (filter, value) → entries
    field_order: dict[str, list[str]] = field(default_factory=dict)  # collection → schema field order (changes)

    @functools.cached_property
    def ordered_slugs(self) -> list[str]:
        """Suppliers in directory order (alphabetical by name); a supplier's search ref is its position here."""
        suppliers = self.catalog.suppliers
        return sorted(suppliers, key=lambda slug: (suppliers[slug].name.casefold(), slug))

    @functools.cached_property
    def organisations_in(self) -> dict[str, list]:
        """Country → the support organisations that help there, by name (bro.organisations)."""
        orgs = sorted(self.catalog.organisations.values(), key=lambda org: (org.name.casefold(), org.slug))
        return {country: [org for org in orgs if country in org.countries] for country in ("DK", "SE")}

    @functools.cached_property
    def organisations_for(self) -> dict[str, list]:
        """Instrument (a tool of the knowledge bank) → the support organisations that help with it, by name."""
        orgs = sorted(self.catalog.organisations.values(), key=lambda org: (org.name.casefold(), org.slug))
        return {code: [org for org in orgs if org.helps_with(code)] for code in self.catalog.vocab.codes("instruments")}

    @functools.cached_property
    def match_table(self) -> dict[str, list[str]]:
        """Every entry's could-deliver suppliers in directory order (bro.model.reach.match_table)."""
        return model.match_table(self.catalog.suppliers, self.catalog.tenders, self.ordered_slugs)

    @functools.cached_property
    def open_entries(self) -> dict[str, list[str]]:
        """Supplier → the open entries it could deliver, by their next date."""
        catalog, table = self.catalog, {}
        ordered = sorted(catalog.tenders.items(), key=lambda item: (item[1].plan_order(catalog.today), item[0]))
        for slug, entry in ordered:
            if not entry.is_archived(catalog.today):
                for supplier in self.match_table[slug]:
                    table.setdefault(supplier, []).append(slug)
        return table

    @functools.cached_property
    def buyer_registry(self) -> dict[str, Buyer]:
        """The registry's buyers by number key (when two files share a number, which is an error, the first)."""
        table: dict[str, Buyer] = {}
        for _slug, buyer in sorted(self.catalog.buyers.items()):
            table.setdefault(registry.number_key(buyer.org_number), buyer)
        return table

    @functools.cached_property
    def buyer_names(self) -> dict[tuple[str, str], Buyer]:
        """The registry's buyers by name and country (bro.buyers.name_key; the first file of a name)."""
        table: dict[tuple[str, str], Buyer] = {}
        for _slug, buyer in sorted(self.catalog.buyers.items()):
            table.setdefault(registry.name_key(buyer.name, buyer.country), buyer)
        return table

    @functools.cached_property
    def peers(self) -> peers.Table:
        """Who has done it: every use of a legal tool by a buyer, from the cases and the tender entries
        (bro.peers)."""
        return peers.Table.of(self.catalog)

    @functools.cached_property
    def buyer_details(self) -> dict[str, dict]:
        """Registry slug → what readers see of the buyer: the slug of its page, name, number, country,
        municipality, website."""
        return {slug: {"slug": slug, **{key: buyer.data[key] for key in registry.SHOWN if key in buyer.data}}
                for slug, buyer in self.catalog.buyers.items()}

    @functools.cached_property
    def buyers(self) -> dict[str, dict]:
        """Every buyer of the registry, by slug, with its details and its entries: open ones by next date, archived
        ones newest first (a buyer without entries has empty lists)."""
        catalog = self.catalog
        table = {slug: {**self.buyer_details[slug], "open": [], "archive": []} for slug in sorted(catalog.buyers)}
        for slug, entry in sorted(catalog.tenders.items()):
            listed = table[registry.buyer_of(catalog, slug)["slug"]]
            (listed["archive"] if entry.is_archived(catalog.today) else listed["open"]).append(slug)
        for listed in table.values():
            listed["open"].sort(key=lambda s: catalog.tenders[s].plan_order(catalog.today))
            listed["archive"].sort(key=lambda s: catalog.tenders[s].archive_order, reverse=True)
        return table

    @functools.cached_property
    def category_counts(self) -> Counter:
        """How many suppliers sell in each category."""
        return Counter(code for s in self.catalog.suppliers.values() for code in s.categories)

    @functools.cached_property
    def area_counts(self) -> Counter:
        """How many suppliers each area's browse page lists (a municipality's suppliers count for its region)."""
        return Counter(code for s in self.catalog.suppliers.values() for code in s.reach.listed_under)

    @functools.cached_property
    def exactly_named(self) -> Counter:
        """How many suppliers name each area itself (a country counts its 'national' suppliers)."""
        return Counter(code for s in self.catalog.suppliers.values() for code in s.reach.named)

    @functools.cached_property
    def in_category(self) -> dict[str, list[str]]:
        """Every category's suppliers in directory order."""
        return self._members(lambda supplier: supplier.categories)

    @functools.cached_property
    def in_area(self) -> dict[str, list[str]]:
        """Every area's suppliers in directory order: those that name it, or a municipality in it."""
        return self._members(lambda supplier: supplier.reach.listed_under)

    def _members(self, codes) -> dict[str, list[str]]:
        """Suppliers by each of their codes, in directory order, found in one pass."""
        table: dict[str, list[str]] = {}
        for slug in self.ordered_slugs:
            for code in dict.fromkeys(codes(self.catalog.suppliers[slug])):
                table.setdefault(code, []).append(slug)
        return table

    @functools.cached_property
    def facet_counts(self) -> dict[str, Counter]:
        """How many suppliers have each code of each directory facet (bro.directory.FACETS)."""
        suppliers = self.catalog.suppliers.values()
        return {facet.name: Counter(code for s in suppliers for code in dict.fromkeys(facet.codes(s)))
                for facet in directory.FACETS}

    @functools.cached_property
    def directory_words(self) -> frozenset[str]:
        """The stems of every word the directory uses on its own (bro.search.directory_words)."""
        return search.directory_words(self.catalog)
