"""Dates as a reader reads them: 15. september 2026 on the Danish site, 15 september 2026 on the Swedish one
(Babel's CLDR formats). The one place pages, thresholds, the accessibility statement and the hooks format a date."""
from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date


@functools.lru_cache(maxsize=20_000)
def format_day(value, lang: str, fmt: str = "long") -> str:
    """An ISO date (or a date) in the reader's language; anything else as it is. The same few hundred dates recur
    on thousands of pages, so each is formatted once."""
    try:
        return format_date(dt.date.fromisoformat(str(value)), format=fmt, locale=lang)
    except ValueError:
        return str(value)
