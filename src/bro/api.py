"""Open data: every record as JSON, with its slug and its page in each language."""
from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata

from bro import LANGUAGES, buyers, shares, urls
from bro.catalog import KINDS, Catalog
from bro.escape import is_hidden
from bro.model import Supplier, TenderEntry, table

LICENSE = "CC0-1.0"


def export(catalog: Catalog, collection: str, generated: dt.datetime) -> dict:
    """The JSON document for one collection of the catalog (bro.catalog.KINDS): every record as its file has it,
    with its slug and its page in each language. A supplier has its shares; a tender's buyer is the registry's, with
    the address of its page."""
    records = getattr(catalog, collection)
    kind = KINDS[collection]
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
    """A record's page in each language (or its place on its collection's page), relative to the site root."""
    return {lang: urls.record_url(kind, slug, lang) for lang in LANGUAGES}


CSV_COLUMNS = table.COLUMNS  # the published column names, defined next to the model (bro.model.table)
LIST_SEPARATOR = table.LIST_SEPARATOR
FORMULA_STARTS = frozenset("=+-@")  # and every character whose compatibility form (NFKC) is one of them
_SKIPPED = frozenset(";,|")  # separators a program may split a cell at


def supplier_row(supplier: Supplier, counted: dict[str, shares.Share] | None = None) -> dict[str, str]:
    """One supplier as a flat CSV row (bro.model.table.row); counted are its shares under each country's act."""
    return table.row(supplier, counted)


def tender_row(entry: TenderEntry, buyer: dict) -> dict[str, str]:
    """One tender entry as a flat CSV row (bro.model.table.tender_row); buyer is the registry's."""
    return table.tender_row(entry, buyer)


# Written with a UTF-8 byte-order mark so that Excel reads æøå and åäö (bro.opendata writes it so).
CSV_ENCODING = "utf-8-sig"
CSV_DELIMITER = ";"


def table_csv(columns: list[str], rows) -> str:
    """Rows as CSV for Excel with Danish or Swedish settings: ';' separated, CRLF, every value quoted, every cell
    defused (defuse_cell). Write it with the encoding CSV_ENCODING."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_ALL,
                            lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: defuse_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def suppliers_csv(catalog: Catalog) -> str:
    """All suppliers as CSV (table_csv), in slug order."""
    return table_csv(CSV_COLUMNS, (supplier_row(record, record.shares(catalog.vocab))
                                   for _, record in sorted(catalog.suppliers.items())))


def tenders_csv(catalog: Catalog) -> str:
    """The whole tender plan as CSV (table_csv), in slug order, each entry with its buyer from the registry."""
    return table_csv(table.TENDER_NAMES, (tender_row(entry, buyers.buyer_of(catalog, slug))
                                          for slug, entry in sorted(catalog.tenders.items())))


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
