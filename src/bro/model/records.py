"""Typed records: one frozen dataclass per kind of record, made once by bro.catalog from a document that validated.
Each keeps its kind, slug, source file and the validated mapping `data` (for the full-record JSON export and YAML
round trips only); code reads the typed attributes and asks the record its rules (bro.model.rules)."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from bro import reservations, shares
from bro.model import rules
from bro.model.reach import Reach
from bro.model.rules import Eligibility
from bro.vocab import Vocabularies


@dataclass(frozen=True, eq=False)
class Record:
    """Any record as loaded: its kind ('supplier', 'tender', 'buyer', 'case', 'event', 'term'), slug, data and the
    file it came from. Records that did not validate stay this plain (bro.changes describes them)."""

    kind: str
    slug: str
    data: Mapping
    source: str


def _codes(value) -> tuple[str, ...]:
    """A list of codes as a tuple (empty when absent)."""
    return tuple(value or ())


@dataclass(frozen=True, eq=False)
class Supplier(Record):
    """A supplier's profile in the directory."""

    name: str
    country: str
    categories: tuple[str, ...]
    cpv: tuple[str, ...]
    delivery_area: tuple[str, ...]  # as written ('national' for the supplier's own country)
    target_groups: tuple[str, ...]
    languages: tuple[str, ...]
    legal_form: str  # '' when not given
    city: str  # '' when not given
    registration_types: tuple[str, ...]  # the kinds of registration it holds, sorted, each once
    last_verified: dt.date
    eligibility: Eligibility
    reach: Reach

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Supplier:
        """The typed record of a validated supplier file."""
        return cls("supplier", slug, data, source, data["name"], data["country"], _codes(data["categories"]),
                   _codes(data.get("cpv")), _codes(data["delivery_area"]), _codes(data.get("target_groups")),
                   _codes(data.get("languages")), data.get("legal_form", ""),
                   (data.get("address") or {}).get("city", ""),
                   tuple(sorted({r["type"] for r in data.get("registrations") or []})),
                   dt.date.fromisoformat(data["last_verified"]), Eligibility.of(data),
                   Reach.of(vocab, data["delivery_area"], data["country"]))

    @property
    def areas(self) -> list[str]:
        """The areas it names, 'national' read as its country, in the order written."""
        return [self.country if code == "national" else code for code in self.delivery_area]

    def is_stale(self, today: dt.date) -> bool:
        """Whether the profile has not been verified for more than 12 months (bro.model.rules.is_stale)."""
        return rules.is_stale(self.last_verified, today)

    def shares(self, vocab: Vocabularies) -> dict[str, shares.Share]:
        """The share from the target groups under each country's act (bro.shares: the one 30 % rule)."""
        return shares.shares(vocab, self.data)

    @functools.cached_property
    def reserved_share(self) -> int | None:
        """The share of employees from the target groups in whole percent (rounded down, as bro.shares counts),
        when both numbers are given and there are employees."""
        counted = shares.numbers(self.data, "employees")
        return shares.Share("", "", *counted).percent if counted and counted[0] > 0 else None


@dataclass(frozen=True, eq=False)
class TenderEntry(Record):
    """An entry of the tender plan."""

    title: Mapping  # {da, sv}: one or both
    status: str
    procedure: str
    reserved: str  # the reservation code, 'none' when not reserved
    categories: tuple[str, ...]
    cpv: tuple[str, ...]
    delivery_area: tuple[str, ...]
    buyer_number: str  # the buyer's organisation number (the registry has its details: bro.buyers)
    buyer_country: str
    interested: tuple[str, ...]
    key_dates: tuple[tuple[str, dt.date], ...]  # (field, date) for the dates it gives (bro.model.rules.key_dates)
    reach: Reach

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> TenderEntry:
        """The typed record of a validated tender entry file."""
        buyer = data["buyer"]
        return cls("tender", slug, data, source, data["title"], data["status"], data["procedure"],
                   data.get("reserved") or rules.NOT_RESERVED, _codes(data["categories"]), _codes(data.get("cpv")),
                   _codes(data["delivery_area"]), buyer["org_number"], buyer["country"], _codes(data.get("interested")),
                   rules.key_dates(data), Reach.of(vocab, data["delivery_area"], buyer["country"]))

    @property
    def is_reserved(self) -> bool:
        """Whether the entry is reserved in any way: who may take part, or who performs it."""
        return reservations.is_reserved(self.data)

    @property
    def restricts_participation(self) -> bool:
        """Whether only suppliers eligible on the entry's legal basis may take part."""
        return self.reserved != rules.NOT_RESERVED

    @property
    def execution_reserved(self) -> bool:
        """Whether the contract is to be performed within sheltered employment programmes."""
        return reservations.execution_reserved(self.data)

    def date_of(self, name: str) -> dt.date | None:
        """One key date ('interest_deadline', 'expected_publication'), None when not given."""
        return dict(self.key_dates).get(name)

    def dates_passed(self, today: dt.date) -> bool:
        """Whether it has key dates and every one has passed."""
        return rules.dates_passed(self.key_dates, today)

    def is_archived(self, today: dt.date) -> bool:
        """Whether it belongs to the archive today (bro.model.rules.is_archived)."""
        return rules.is_archived(self.status, self.key_dates, today)

    def next_date(self, today: dt.date) -> tuple[str, dt.date] | None:
        """The next key date that has not passed (which field, and the date)."""
        return rules.next_date(self.key_dates, today)

    def plan_order(self, today: dt.date) -> tuple:
        """Open entries by the next date that matters (entries without dates last)."""
        upcoming = self.next_date(today)
        return (upcoming[1] if upcoming else dt.date.max,)

    @property
    def archive_order(self) -> tuple:
        """Archived entries by their latest key date, to be listed newest first."""
        return (max((d for _, d in self.key_dates), default=dt.date.min),)

    def in_calendars(self, today: dt.date) -> bool:
        """The calendar rule (bro.model.rules.in_calendars): its page links to its calendar file, and the plan's
        calendars list its key dates, when it is open and has a key date."""
        return rules.in_calendars(self.is_archived(today), self.key_dates)


@dataclass(frozen=True, eq=False)
class Buyer(Record):
    """A public buyer of the registry (data/buyers/)."""

    name: str
    org_number: str
    country: str

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Buyer:
        """The typed record of a validated buyer file."""
        return cls("buyer", slug, data, source, data["name"], data["org_number"], data["country"])


@dataclass(frozen=True, eq=False)
class Case(Record):
    """A case of the knowledge bank: a contract that used a social instrument."""

    title: Mapping
    instrument: str
    country: str
    year: int
    categories: tuple[str, ...]
    supplier_slug: str | None

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Case:
        """The typed record of a validated case file."""
        return cls("case", slug, data, source, data["title"], data["instrument"], data["country"], data["year"],
                   _codes(data["categories"]), data.get("supplier_slug"))


@dataclass(frozen=True, eq=False)
class Event(Record):
    """A network event of the knowledge bank."""

    title: Mapping
    start: dt.date
    end: dt.date  # the start for a one-day event

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Event:
        """The typed record of a validated event file."""
        start = dt.date.fromisoformat(data["start"])
        return cls("event", slug, data, source, data["title"], start, rules.day(data.get("end")) or start)

    def is_past(self, today: dt.date) -> bool:
        """Whether the event has ended before today."""
        return self.end < today


@dataclass(frozen=True, eq=False)
class Term(Record):
    """A glossary term in Danish and Swedish."""

    da: str
    sv: str

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Term:
        """The typed record of a validated glossary file."""
        return cls("term", slug, data, source, data["da"], data["sv"])


TYPES: dict[str, type] = {"suppliers": Supplier, "tenders": TenderEntry, "buyers": Buyer, "cases": Case,
                          "events": Event, "glossary": Term}


def build(collection: str, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Record:
    """The typed record of a validated file of a collection."""
    return TYPES[collection].build(slug, data, source, vocab)
