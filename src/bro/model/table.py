"""The suppliers' open-data table (api/suppliers.csv): its columns and what each holds, read from the typed Supplier.

The column names are a contract with the re-users of the open data, not the schema's field names: a field renamed in
the schema keeps its column here (renaming a column is a decision of its own, announced to re-users). New columns go
at the end, so that existing columns keep their places."""
from __future__ import annotations

from collections.abc import Mapping

from bro import LANGUAGES, shares, urls
from bro.model.records import Headcount, Supplier

LIST_SEPARATOR = "|"

COLUMNS = [
    "slug", "name", "country", "org_number", "legal_form", "website", "founded", "summary_da", "summary_sv",
    "categories", "cpv", "delivery_area", "street", "postcode", "city", "municipality", "target_groups",
    "employees_total", "employees_from_target_groups", "reserved_eligible", "reserved_basis", "registrations",
    "languages", "contact_name", "contact_email", "contact_phone", "last_verified", "url_da", "url_sv",
    # added later, at the end so that existing columns keep their places
    "engaged_total", "engaged_from_target_groups", "share_dk_percent", "share_dk_reaches_30", "share_se_percent",
    "share_se_reaches_30",
]


def _joined(values) -> str:
    return LIST_SEPARATOR.join(values)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _headcount(count: Headcount | None) -> tuple[str, str]:
    return (str(count.total), _number(count.from_target_groups)) if count else ("", "")


def _flag(value: bool | None) -> str:
    return {True: "true", False: "false"}.get(value, "")


def row(supplier: Supplier, counted: Mapping[str, shares.Share] | None = None) -> dict[str, str]:
    """One supplier as a flat row of COLUMNS: lists joined with '|', texts per language in their own column;
    counted are its shares under each country's act (bro.shares; empty cells without them)."""
    s, counted = supplier, counted or {}
    address, reserved = s.address, s.reserved_contracts
    contact = s.contacts[0] if s.contacts else None
    employees, engaged = _headcount(s.employees), _headcount(s.engaged)
    values = [
        s.slug, s.name, s.country, s.org_number, s.legal_form, s.website, _number(s.founded),
        s.summary.get("da", ""), s.summary.get("sv", ""),
        _joined(s.categories), _joined(s.cpv), _joined(s.delivery_area),
        address.street if address else "", address.postcode if address else "", address.city if address else "",
        address.municipality if address else "", _joined(s.target_groups), *employees,
        _flag(reserved.eligible if reserved else None), reserved.basis if reserved else "",
        _joined(s.registration_types), _joined(s.languages),
        contact.name if contact else "", contact.email if contact else "", contact.phone if contact else "",
        s.last_verified.isoformat(),
        *(urls.site_url(urls.record_path("supplier", s.slug, lang), lang) for lang in LANGUAGES),
        *engaged,
        *(value for country in shares.COUNTRIES for value in (
            str(counted[country].percent) if country in counted else "",
            _flag(counted[country].reaches) if country in counted else "")),
    ]
    return dict(zip(COLUMNS, values, strict=True))
