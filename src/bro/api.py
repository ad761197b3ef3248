"""Open data: every record as JSON, with its slug and its page in each language."""
from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata

from bro import LANGUAGES, buyers, shares, urls
from bro.catalog import Catalog
from bro.escape import is_hidden

LICENSE = "CC0-1.0"


def export(catalog: Catalog, collection: str, generated: dt.datetime) -> dict:
    """The JSON document for one collection ('suppliers', 'tenders' or 'buyers'). A tender's buyer is the
    registry's, with the address of its page."""
    records = getattr(catalog, collection)
    kind = collection[:-1]
    items = []
    for slug, record in sorted(records.items()):
        item = {"slug": slug, "urls": _page_urls(kind, slug), **record.data}
        if collection == "suppliers":
            counted = record.shares(catalog.vocab)
            item["shares"] = {country: share.as_json() for country, share in counted.items()}
        if collection == "tenders":
            buyer = buyers.buyer_of(catalog, slug)
            item["buyer"] = {**buyer, "urls": _page_urls("buyer", buyer["slug"])}
        items.append(item)
    return {"generated": generated.isoformat(timespec="seconds"), "count": len(items), "license": LICENSE,
            collection: items}


def _page_urls(kind: str, slug: str) -> dict[str, str]:
    """A record's page in each language, relative to the site root."""
    return {lang: urls.site_url(urls.record_path(kind, slug, lang), lang) for lang in LANGUAGES}


CSV_COLUMNS = [
    "slug", "name", "country", "org_number", "legal_form", "website", "founded", "summary_da", "summary_sv",
    "categories", "cpv", "delivery_area", "street", "postcode", "city", "municipality", "target_groups",
    "employees_total", "employees_from_target_groups", "reserved_eligible", "reserved_basis", "registrations",
    "languages", "contact_name", "contact_email", "contact_phone", "last_verified", "url_da", "url_sv",
    # added later, at the end so that existing columns keep their places
    "engaged_total", "engaged_from_target_groups", "share_dk_percent", "share_dk_reaches_30", "share_se_percent",
    "share_se_reaches_30",
]
LIST_SEPARATOR = "|"
FORMULA_STARTS = frozenset("=+-@")  # and every character whose compatibility form (NFKC) is one of them
_SKIPPED = frozenset(";,|")  # separators a program may split a cell at


def supplier_row(slug: str, data: dict, counted: dict[str, shares.Share] | None = None) -> dict[str, str]:
    """One supplier as a flat CSV row: lists joined with '|', texts per language in their own column; counted are
    its shares under each country's act (bro.shares; empty cells without them)."""
    address, employees = data.get("address") or {}, data.get("employees") or {}
    engaged, counted = data.get("engaged") or {}, counted or {}
    reserved, contact = data.get("reserved_contracts") or {}, (data.get("contacts") or [{}])[0]
    joined = lambda values: LIST_SEPARATOR.join(values or [])  # noqa: E731
    return {
        "slug": slug, "name": data["name"], "country": data["country"], "org_number": data["org_number"],
        "legal_form": data.get("legal_form", ""), "website": data.get("website", ""),
        "founded": str(data.get("founded", "")),
        "summary_da": (data.get("summary") or {}).get("da", ""),
        "summary_sv": (data.get("summary") or {}).get("sv", ""),
        "categories": joined(data["categories"]), "cpv": joined(data.get("cpv")),
        "delivery_area": joined(data["delivery_area"]), "street": address.get("street", ""),
        "postcode": address.get("postcode", ""), "city": address.get("city", ""),
        "municipality": address.get("municipality", ""), "target_groups": joined(data.get("target_groups")),
        "employees_total": str(employees.get("total", "")),
        "employees_from_target_groups": str(employees.get("from_target_groups", "")),
        "reserved_eligible": {True: "true", False: "false"}.get(reserved.get("eligible"), ""),
        "reserved_basis": reserved.get("basis", ""),
        "registrations": joined(sorted({r["type"] for r in data.get("registrations") or []})),
        "languages": joined(data.get("languages")), "contact_name": contact.get("name", ""),
        "contact_email": contact.get("email", ""), "contact_phone": contact.get("phone", ""),
        "last_verified": data["last_verified"],
        **{f"url_{lang}": urls.site_url(urls.record_path("supplier", slug, lang), lang) for lang in LANGUAGES},
        "engaged_total": str(engaged.get("total", "")),
        "engaged_from_target_groups": str(engaged.get("from_target_groups", "")),
        **{column: value for country in shares.COUNTRIES for column, value in (
            (f"share_{country.lower()}_percent", str(counted[country].percent) if country in counted else ""),
            (f"share_{country.lower()}_reaches_30",
             ("true" if counted[country].reaches else "false") if country in counted else ""))},
    }


def suppliers_csv(catalog: Catalog) -> str:
    """All suppliers as CSV for Excel with Danish or Swedish settings: ';' separated, CRLF, every value quoted.
    Write it with a UTF-8 byte-order mark (encoding 'utf-8-sig') so that Excel reads æøå and åäö."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    for slug, record in sorted(catalog.suppliers.items()):
        row = supplier_row(slug, record.data, record.shares(catalog.vocab))
        writer.writerow({key: defuse_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def defuse_cell(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula (CSV injection): a cell gets an apostrophe in
    front (shown as text) when it starts with a tab or a carriage return (as OWASP advises), or when its first
    character after any white space (no-break space and line breaks too), hidden characters and separators is
    = + - @ or a look-alike of them (full-width ＝＋－＠, small ﹦﹢﹣﹫, super- and subscript ⁺⁼₊₌).
    Every other cell stays exactly as written."""
    if value[:1].isalnum():
        return value
    if value[:1] in ("\t", "\r"):
        return "'" + value
    for char in value:
        if not (char.isspace() or char in _SKIPPED or is_hidden(char)):
            return "'" + value if unicodedata.normalize("NFKC", char) in FORMULA_STARTS else value
    return value
