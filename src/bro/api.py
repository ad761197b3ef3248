"""Open data: every record as JSON, with its slug and its page in each language."""
from __future__ import annotations

import datetime as dt

from bro import LANGUAGES, urls
from bro.catalog import Catalog

LICENSE = "CC0-1.0"


def export(catalog: Catalog, collection: str, generated: dt.datetime) -> dict:
    """The JSON document for one collection ('suppliers' or 'tenders')."""
    records = getattr(catalog, collection)
    kind = collection[:-1]
    items = [{"slug": slug,
              "urls": {lang: urls.site_url(urls.record_path(kind, slug, lang), lang) for lang in LANGUAGES},
              **record.data}
             for slug, record in sorted(records.items())]
    return {"generated": generated.isoformat(timespec="seconds"), "count": len(items), "license": LICENSE,
            collection: items}
