"""The domain's rules on plain values, each written once: a supplier's declared eligibility for reserved contracts
and whether it satisfies a reservation, staleness, an entry's key dates, whether it is archived, and the calendar
rule. The typed records (bro.model.records) expose them; bro.changes applies the eligibility rule to records that
did not validate (a pull request's summary describes those too)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bro.reservations import WORK_INTEGRATION

STALE_AFTER_DAYS = 365  # a profile not verified for more than this is stale
CLOSED_STATUSES = frozenset({"awarded", "cancelled"})  # an entry with one of these statuses is archived
KEY_DATE_FIELDS = ("interest_deadline", "expected_publication")  # the dates a reader acts on, in this order
NOT_RESERVED = "none"


def day(value) -> dt.date | None:
    """An ISO date string as a date (None when absent)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class Eligibility:
    """What a supplier declares about reserved contracts: the reservation (legal basis) it says it is eligible
    for, or None when it declares none."""

    basis: str | None

    @classmethod
    def of(cls, data: Mapping) -> Eligibility:
        """The declaration in a supplier's data: `reserved_contracts.eligible: true` on its `basis` (the validator
        requires a basis; a record that did not validate is read as declaring the work-integration reservation)."""
        reserved = data.get("reserved_contracts")
        if isinstance(reserved, Mapping) and reserved.get("eligible") is True:
            return cls(reserved.get("basis") or WORK_INTEGRATION)
        return cls(None)

    @property
    def declared(self) -> bool:
        """Whether the supplier declares eligibility on any basis."""
        return self.basis is not None

    def declares(self, basis: str = WORK_INTEGRATION) -> bool:
        """Whether the supplier declares eligibility on this basis (by default the work-integration reservation:
        what the directory's facet and badge mean)."""
        return self.basis == basis

    def satisfies(self, reservation: str | None) -> bool:
        """Whether the declaration lets the supplier take part in a contract reserved on `reservation` (anyone
        may take part in an unreserved one): only a declaration on that same legal basis does."""
        return reservation in (None, NOT_RESERVED) or self.basis == reservation


def is_stale(last_verified: dt.date, today: dt.date) -> bool:
    """A profile not verified for more than STALE_AFTER_DAYS days (the site's notice and the upkeep report)."""
    return (today - last_verified).days > STALE_AFTER_DAYS


def key_dates(data: Mapping) -> tuple[tuple[str, dt.date], ...]:
    """An entry's key dates, (field, date) in KEY_DATE_FIELDS order: the deadline for interest and the expected
    publication, those the entry gives."""
    return tuple((name, day(data[name])) for name in KEY_DATE_FIELDS if data.get(name))


def dates_passed(dates: tuple[tuple[str, dt.date], ...], today: dt.date) -> bool:
    """Whether an entry has key dates and every one has passed."""
    return bool(dates) and all(date < today for _, date in dates)


def is_archived(status: str, dates: tuple[tuple[str, dt.date], ...], today: dt.date) -> bool:
    """Awarded or cancelled entries, and entries whose every key date has passed, belong to the archive."""
    return status in CLOSED_STATUSES or dates_passed(dates, today)


def next_date(dates: tuple[tuple[str, dt.date], ...], today: dt.date) -> tuple[str, dt.date] | None:
    """The next key date that has not passed (which field, and the date)."""
    upcoming = [(date, name) for name, date in dates if date >= today]
    return (min(upcoming)[1], min(upcoming)[0]) if upcoming else None


def in_calendars(archived: bool, dates: tuple[tuple[str, dt.date], ...]) -> bool:
    """The calendar rule: an entry is in the plan's calendars (all entries, per category, its own file, and the
    "add to calendar" link on its page) when it is open and has a key date; its events are its key dates."""
    return not archived and bool(dates)
