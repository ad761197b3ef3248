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
    """Any record as loaded: its kind ('supplier', 'tender', 'buyer', 'case', 'event', 'term', 'organisation'), slug,
    data and the file it came from. Records that did not validate stay this plain (bro.changes describes them)."""

    kind: str
    slug: str
    data: Mapping
    source: str


def _codes(value) -> tuple[str, ...]:
    """A list of codes as a tuple (empty when absent)."""
    return tuple(value or ())


@dataclass(frozen=True)
class Address:
    """A supplier's postal address ('' for a part not given; the schema requires city and municipality)."""

    street: str
    postcode: str
    city: str
    municipality: str

    @classmethod
    def of(cls, data: Mapping | None) -> Address | None:
        """The address of a record's mapping, None when not given."""
        if not data:
            return None
        return cls(data.get("street", ""), data.get("postcode", ""), data.get("city", ""), data.get("municipality", ""))


@dataclass(frozen=True)
class Contact:
    """A contact person: a name and an e-mail address or a phone number or both ('' when not given)."""

    name: str
    email: str
    phone: str

    @classmethod
    def of(cls, data: Mapping) -> Contact:
        """A contact of a record's mapping."""
        return cls(data.get("name", ""), data.get("email", ""), data.get("phone", ""))


@dataclass(frozen=True)
class Headcount:
    """How many people in all, and how many of them from the target groups (None when not given)."""

    total: int
    from_target_groups: int | None

    @classmethod
    def of(cls, data: Mapping | None) -> Headcount | None:
        """The headcount of a record's mapping, None when not given."""
        return cls(data["total"], data.get("from_target_groups")) if data else None


@dataclass(frozen=True)
class ReservedContracts:
    """What a supplier writes about reserved contracts, as written: eligible true or false, and the basis ('' when
    not given). Its meaning is the supplier's Eligibility."""

    eligible: bool
    basis: str

    @classmethod
    def of(cls, data: Mapping | None) -> ReservedContracts | None:
        """The declaration of a record's mapping, None when not given."""
        return cls(data["eligible"], data.get("basis", "")) if data else None


@dataclass(frozen=True)
class Amount:
    """An amount of money in a currency (an entry's estimated value)."""

    amount: int | float
    currency: str


@dataclass(frozen=True)
class TedNotice:
    """The notice on TED (Tenders Electronic Daily) an imported entry came from (schemas/tender.schema.json's
    `source: ted` and `ted` block, written by bro.ted): its publication number, the lot when the notice's lots
    became entries of their own, TED's tender deadline (BT-131) when the notice gives one, and its address."""

    publication_number: str
    lot: str  # '' when the entry is the whole notice
    tender_deadline: dt.date | None
    url: str

    @classmethod
    def of(cls, data: Mapping) -> TedNotice | None:
        """The TED notice of an entry's mapping, None for an entry written by hand."""
        ted = data.get("ted")
        if data.get("source") != "ted" or not ted:
            return None
        number = ted["publication_number"]
        return cls(number, ted.get("lot", ""), rules.day(ted.get("tender_deadline")), ted_notice_url(number))


TED_NOTICE_URL = "https://ted.europa.eu/en/notice/-/detail/{number}"


def ted_notice_url(publication_number: str) -> str:
    """A notice's page on TED, from its publication number (the importer writes the same as the entry's
    notice_url)."""
    return TED_NOTICE_URL.format(number=publication_number)


@dataclass(frozen=True)
class Source:
    """Where a fact can be read: a title and an address."""

    title: str
    url: str


@dataclass(frozen=True)
class Period:
    """A contract period: its start and, when given, its end."""

    start: dt.date
    end: dt.date | None


@dataclass(frozen=True, eq=False)
class Supplier(Record):
    """A supplier's profile in the directory."""

    name: str
    country: str
    org_number: str
    legal_form: str  # '' when not given
    website: str  # '' when not given
    founded: int | None
    summary: Mapping  # {da, sv}: one or both
    description: Mapping | None
    offerings: tuple[Mapping, ...]  # each {da, sv}: one or both
    categories: tuple[str, ...]
    cpv: tuple[str, ...]
    delivery_area: tuple[str, ...]  # as written ('national' for the supplier's own country)
    address: Address | None
    city: str  # '' when not given
    target_groups: tuple[str, ...]
    employees: Headcount | None
    engaged: Headcount | None
    reserved_contracts: ReservedContracts | None  # as written; its meaning is `eligibility`
    registration_types: tuple[str, ...]  # the kinds of registration it holds, sorted, each once
    contacts: tuple[Contact, ...]
    languages: tuple[str, ...]
    last_verified: dt.date
    eligibility: Eligibility
    reach: Reach

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Supplier:
        """The typed record of a validated supplier file: the one place that reads a supplier's fields by their
        names in the schema (schemas/supplier.schema.json)."""
        address = Address.of(data.get("address"))
        return cls(
            "supplier", slug, data, source, name=data["name"], country=data["country"],
            org_number=data["org_number"], legal_form=data.get("legal_form", ""), website=data.get("website", ""),
            founded=data.get("founded"), summary=data["summary"], description=data.get("description"),
            offerings=tuple(data.get("offerings") or ()), categories=_codes(data["categories"]),
            cpv=_codes(data.get("cpv")), delivery_area=_codes(data["delivery_area"]), address=address,
            city=address.city if address else "", target_groups=_codes(data.get("target_groups")),
            employees=Headcount.of(data.get("employees")), engaged=Headcount.of(data.get("engaged")),
            reserved_contracts=ReservedContracts.of(data.get("reserved_contracts")),
            registration_types=tuple(sorted({r["type"] for r in data.get("registrations") or []})),
            contacts=tuple(Contact.of(c) for c in data["contacts"]), languages=_codes(data.get("languages")),
            last_verified=dt.date.fromisoformat(data["last_verified"]), eligibility=Eligibility.of(data),
            reach=Reach.of(vocab, data["delivery_area"], data["country"]))

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
    description: Mapping  # {da, sv}: one or both
    status: str
    procedure: str
    reserved: str  # the reservation code, 'none' when not reserved
    social_clauses: tuple[str, ...]
    categories: tuple[str, ...]
    cpv: tuple[str, ...]
    delivery_area: tuple[str, ...]
    buyer_number: str  # the buyer's organisation number (the registry has its details: bro.buyers)
    buyer_country: str
    estimated_value: Amount | None
    contract_period: Period | None
    notice_url: str  # '' when not given
    reserved_execution: bool | None  # None when the entry does not say
    interested: tuple[str, ...]
    contact: Contact | None  # the buyer's contact person for the entry (None when it names none)
    ted: TedNotice | None  # the TED notice an imported entry came from; None for an entry written by hand
    key_dates: tuple[tuple[str, dt.date], ...]  # (field, date) for the dates it gives (bro.model.rules.key_dates)
    reach: Reach

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> TenderEntry:
        """The typed record of a validated tender entry file: the one place that reads an entry's fields by their
        names in the schema (schemas/tender.schema.json)."""
        buyer, value, period = data["buyer"], data.get("estimated_value"), data.get("contract_period")
        return cls(
            "tender", slug, data, source, title=data["title"], description=data["description"],
            status=data["status"], procedure=data["procedure"], reserved=data.get("reserved") or rules.NOT_RESERVED,
            social_clauses=_codes(data.get("social_clauses")), categories=_codes(data["categories"]),
            cpv=_codes(data.get("cpv")), delivery_area=_codes(data["delivery_area"]), buyer_number=buyer["org_number"],
            buyer_country=buyer["country"],
            estimated_value=Amount(value["amount"], value["currency"]) if value else None,
            contract_period=Period(dt.date.fromisoformat(period["start"]), rules.day(period.get("end")))
            if period else None,
            notice_url=data.get("notice_url", ""), reserved_execution=data.get(reservations.EXECUTION),
            interested=_codes(data.get("interested")),
            contact=Contact.of(data["contact"]) if data.get("contact") else None, ted=TedNotice.of(data),
            key_dates=rules.key_dates(data), reach=Reach.of(vocab, data["delivery_area"], buyer["country"]))

    @property
    def is_reserved(self) -> bool:
        """Whether the entry is reserved in any way: who may take part, or who performs it."""
        return self.restricts_participation or self.execution_reserved

    @property
    def restricts_participation(self) -> bool:
        """Whether only suppliers eligible on the entry's legal basis may take part."""
        return self.reserved != rules.NOT_RESERVED

    @property
    def execution_reserved(self) -> bool:
        """Whether the contract is to be performed within sheltered employment programmes."""
        return self.reserved_execution is True

    @property
    def execution_code(self) -> str | None:
        """The entry's eForms BT-736 code: 'yes', 'no', or None when the entry does not say."""
        return reservations.EXECUTION_CODES.get(self.reserved_execution)

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
    summary: Mapping  # {da, sv}: one or both
    sources: tuple[Source, ...]

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Case:
        """The typed record of a validated case file."""
        return cls("case", slug, data, source, data["title"], data["instrument"], data["country"], data["year"],
                   _codes(data["categories"]), data.get("supplier_slug"), data["summary"],
                   tuple(Source(s["title"], s["url"]) for s in data["sources"]))


@dataclass(frozen=True, eq=False)
class Event(Record):
    """A network event of the knowledge bank."""

    title: Mapping
    start: dt.date
    end: dt.date  # the start for a one-day event
    place: Mapping  # {da, sv}: one or both ('Online' for an online event)
    online: bool
    language: str  # the language spoken: da, sv or en
    organiser: str
    summary: Mapping  # {da, sv}: one or both
    url: str  # the event's own page, '' when not given
    organiser_slug: str | None = None  # a support organisation of data/organisations/, when it is one

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Event:
        """The typed record of a validated event file."""
        start = dt.date.fromisoformat(data["start"])
        return cls("event", slug, data, source, data["title"], start, rules.day(data.get("end")) or start,
                   data["place"], data["online"], data["language"], data["organiser"], data["summary"],
                   data.get("url", ""), data.get("organiser_slug"))

    def is_past(self, today: dt.date) -> bool:
        """Whether the event has ended before today."""
        return self.end < today


@dataclass(frozen=True, eq=False)
class Organisation(Record):
    """A support organisation or network (data/organisations/): who helps buyers and social enterprises, with
    which tools, where. Only the organisation's general contact details, never a person's."""

    name: str
    organisation_kind: str  # the file's `kind` (a code of organisation_kinds.yml; Record.kind is 'organisation')
    summary: Mapping
    instruments: tuple[str, ...]
    categories: tuple[str, ...]
    countries: tuple[str, ...]
    regions: tuple[str, ...]  # empty: the whole of each country
    municipalities: tuple[str, ...]
    languages: tuple[str, ...]
    email: str
    phone: str
    website: str
    sources: tuple[Source, ...]
    checked: dt.date

    @classmethod
    def build(cls, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Organisation:
        """The typed record of a validated organisation file."""
        return cls("organisation", slug, data, source, data["name"], data["kind"], data["summary"],
                   _codes(data["instruments"]), _codes(data.get("categories")), _codes(data["countries"]),
                   _codes(data.get("regions")), _codes(data.get("municipalities")), _codes(data["languages"]),
                   data.get("email", ""), data.get("phone", ""), data["website"],
                   tuple(Source(s["title"], s["url"]) for s in data["sources"]), dt.date.fromisoformat(data["checked"]))

    def helps_with(self, instrument: str) -> bool:
        """Whether the organisation helps with one of the knowledge bank's tools."""
        return instrument in self.instruments

    def serves_whole(self, country: str) -> bool:
        """Whether it helps in the whole of a country: it names the country and no region or municipality there."""
        return country in self.countries and not self.places_in(country)

    def places_in(self, country: str) -> tuple[str, ...]:
        """The regions and municipalities it names in a country (codes start with the country: DK01, SE-14,
        DK-101, SE-1480)."""
        return tuple(code for code in self.regions + self.municipalities if code.startswith(country))

    def serves_region(self, region: str, vocab: Vocabularies) -> bool:
        """Whether it helps in a region: in the whole of the region's country, in the region, or in one of the
        region's municipalities."""
        country = vocab.entry("regions", region).get("country", "")
        return (self.serves_whole(country) or region in self.regions
                or any(vocab.entry("municipalities", m).get("region") == region for m in self.municipalities))

    def is_stale(self, today: dt.date) -> bool:
        """Not checked against its sources for more than a year (rules.is_stale, as a supplier's profile)."""
        return rules.is_stale(self.checked, today)

    def upcoming_events(self, events: Mapping[str, Event], today: dt.date) -> list[Event]:
        """The events that name it as their organiser and have not ended, soonest first."""
        return sorted((e for e in events.values() if e.organiser_slug == self.slug and not e.is_past(today)),
                      key=lambda e: (e.start, e.slug))


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
                          "events": Event, "glossary": Term, "organisations": Organisation}


def build(collection: str, slug: str, data: Mapping, source: str, vocab: Vocabularies) -> Record:
    """The typed record of a validated file of a collection."""
    return TYPES[collection].build(slug, data, source, vocab)
