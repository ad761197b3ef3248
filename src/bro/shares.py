"""The share behind a work-integration eligibility claim (directive 2014/24/EU art. 20), counted as each country's
act counts it. Written once here for the validator, the profile page and the open data.

- Denmark, udbudsloven § 54: at least 30 % of the employees ("de ansatte") are persons with disabilities or
  disadvantaged workers. Only employees count.
- Sweden, LOU 4 kap. 18 §: at least 30 % of those engaged in the business ("dem som sysselsätts"), persons with
  disabilities or persons who have difficulty entering the labour market ("personer som har svårt att komma in på
  arbetsmarknaden"). Employment is not required: trainees in a work-integration programme count as well, so the
  count is the employees plus those engaged without employment (the record's `engaged`).

A record gives `employees: {total, from_target_groups}` and, optionally, `engaged: {total, from_target_groups}`.
A record without `engaged` has the same share in both countries, as before."""
from __future__ import annotations

from dataclasses import dataclass

from bro.reservations import WORK_INTEGRATION, provisions
from bro.vocab import NATIONAL, Vocabularies

COUNTRIES = ("DK", "SE")
THRESHOLD_PERCENT = 30
# Who each country's act counts: the record's groups (keys of the record) that add up to the share.
COUNTED = {"DK": ("employees",), "SE": ("employees", "engaged")}


@dataclass(frozen=True)
class Share:
    """One country's count: how many people the act counts and how many of them come from the target groups."""

    country: str
    provision: str
    total: int
    from_target_groups: int

    @property
    def reaches(self) -> bool:
        """Whether the share is at least 30 % (exact: 3 of 10 reaches, 29 of 97 does not)."""
        return self.total > 0 and 100 * self.from_target_groups >= THRESHOLD_PERCENT * self.total

    @property
    def percent(self) -> int:
        """The share in whole percent, rounded down (so that a share shown as 30 % always reaches 30 %)."""
        return 100 * self.from_target_groups // self.total if self.total else 0

    def as_json(self) -> dict:
        """The share as open data."""
        return {"provision": self.provision, "counts": list(COUNTED[self.country]), "total": self.total,
                "from_target_groups": self.from_target_groups, "percent": self.percent, "reaches_30": self.reaches}


def numbers(data: dict, group: str) -> tuple[int, int] | None:
    """A group's (total, from_target_groups) when both are whole numbers of at least 0, else None (the schema
    reports the rest)."""
    part = data.get(group)
    if not isinstance(part, dict):
        return None
    total, target = part.get("total"), part.get("from_target_groups")
    if type(total) is int and type(target) is int and total >= 0 and target >= 0:  # noqa: E721 (not True)
        return total, target
    return None


def provision(vocab: Vocabularies, country: str) -> str:
    """The act and section behind the share in a country: 'udbudsloven § 54', 'LOU 4 kap. 18 §'."""
    return provisions(vocab, WORK_INTEGRATION).get(country, "")


def share(vocab: Vocabularies, data: dict, country: str) -> Share | None:
    """The share as country's act counts it; None when the employees' numbers are missing (the employees are
    counted in both countries), or when a group the act counts is given without both its numbers."""
    if numbers(data, "employees") is None:
        return None
    total = target = 0
    for group in COUNTED[country]:
        if group not in data:
            continue
        counted = numbers(data, group)
        if counted is None:
            return None
        total, target = total + counted[0], target + counted[1]
    return Share(country, provision(vocab, country), total, target)


def shares(vocab: Vocabularies, data: dict) -> dict[str, Share]:
    """The share under each country's act (none when the numbers are missing)."""
    found = {country: share(vocab, data, country) for country in COUNTRIES}
    return {country: value for country, value in found.items() if value is not None}


def differ(data: dict) -> bool:
    """Whether the two acts can count differently: the record names people engaged without employment."""
    return numbers(data, "engaged") is not None


def delivery_countries(data: dict) -> list[str]:
    """The countries a supplier delivers in, from its delivery area ('national' is its own country), in Bro's
    order; its own country when the area names none."""
    own = data.get("country")
    codes = data.get("delivery_area") if isinstance(data.get("delivery_area"), list) else []
    found = {own if code == NATIONAL else code[:2] for code in codes if isinstance(code, str)}
    return [c for c in COUNTRIES if c in found] or ([own] if own in COUNTRIES else [])


@dataclass(frozen=True)
class Verdict:
    """What the numbers say about a claim: the shares under the acts of the countries the supplier delivers in,
    and the countries where the share reaches 30 %."""

    shares: dict[str, Share]

    @property
    def reached(self) -> list[str]:
        """The countries whose act's count reaches 30 %."""
        return [c for c, s in self.shares.items() if s.reaches]

    @property
    def missed(self) -> list[str]:
        """The countries whose act's count stays under 30 %."""
        return [c for c, s in self.shares.items() if not s.reaches]


def verdict(vocab: Vocabularies, data: dict) -> Verdict | None:
    """The 30 % rule for a claim under art. 20, in the countries the supplier delivers in (None when the numbers
    are missing). The claim stands when one of them reaches 30 %."""
    found = shares(vocab, data)
    countries = delivery_countries(data)
    if not countries or any(c not in found for c in countries):
        return None
    return Verdict({c: found[c] for c in countries})
