"""The EU thresholds in a currency on a date (data/thresholds.yml): the official national figure with its source when
the table has one, otherwise the euro amount converted at the table's rate and marked as approximate. The one rule
that pages, the plan's filter and the exports use for "what is the threshold"."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.numbers import format_decimal

from bro import CURRENCY, HOME_COUNTRY, i18n
from bro.dates import format_day

KINDS = ("works", "supplies_services_central", "supplies_services_subcentral", "social_services")
CURRENCIES = ("EUR", "DKK", "SEK")
SOURCE_LANGUAGE = {"DKK": "da", "SEK": "sv"}  # the language an official national source is written in


@dataclass(frozen=True)
class Threshold:
    """One threshold as a page shows it: the amount in the currency asked for, whether it is the official figure
    (or the legal euro amount itself) or an approximation, and where it comes from."""

    kind: str
    amount: int
    currency: str
    eur: int
    official: bool  # the legal euro amount, or the official national figure from `source`
    approximate: bool  # converted from euro at the table's rate (shown as "ca." / "cirka")
    source: str  # the official national source, or the act that sets the euro amounts
    source_title: str
    act: str  # the act that sets the euro amounts
    act_title: str
    valid_from: dt.date
    valid_to: dt.date


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def period_on(table: list[dict], on: dt.date) -> dict | None:
    """The period of the table in force on a date (None when the table has none)."""
    return next((p for p in table if _day(p["valid_from"]) <= on <= _day(p["valid_to"])), None)


def official_entry(period: dict, currency: str) -> dict | None:
    """A period's official figures in a currency, with their source (None when the table has none)."""
    return next((o for o in period.get("official") or [] if o["currency"] == currency), None)


def threshold_in(table: list[dict], kind: str, currency: str, on: dt.date) -> Threshold | None:
    """The threshold of a kind in a currency on a date: the official figure when there is one (EUR is always
    official), else the euro amount at the period's rate, approximate unless the rates are confirmed. None when
    no period covers the date or the table has no rate for the currency."""
    period = period_on(table, on)
    if period is None:
        return None
    eur = period["eur"][kind]
    dates = (_day(period["valid_from"]), _day(period["valid_to"]))
    act = (period["source"], period["source_title"])
    if currency == "EUR":
        return Threshold(kind, eur, currency, eur, True, False, *act, *act, *dates)
    entry = official_entry(period, currency)
    if entry is not None and kind in entry["amounts"]:
        return Threshold(kind, entry["amounts"][kind], currency, eur, True, False, entry["source"],
                         entry["source_title"], *act, *dates)
    rate = (period.get("rates") or {}).get(currency)
    if rate is None:
        return None
    confirmed = bool(period.get("rates_confirmed"))
    return Threshold(kind, round(eur * rate), currency, eur, confirmed, not confirmed, *act, *act, *dates)


def table_in(table: list[dict], currency: str, on: dt.date) -> list[Threshold]:
    """Every kind's threshold in a currency on a date, in the table's order (empty when no period covers it)."""
    return [t for kind in KINDS if (t := threshold_in(table, kind, currency, on)) is not None]


# --- the knowledge pages' table -----------------------------------------------------------------------------------

# A content page's placeholder for the table in force ({{ thresholds.table }}; filled in before the site's own
# placeholders, bro.siteinfo, which never see it).
MARKER = re.compile(r"\{\{[ \t]*thresholds\.table[ \t]*\}\}")


def _amount(value: int, lang: str, key: str) -> str:
    return i18n.label(key, lang, amount=format_decimal(value, locale=lang)).text


def _link(text: str, url: str) -> str:
    return f"[{text.replace('[', '(').replace(']', ')')}]({url})"


def markdown_table(table: list[dict], lang: str, on: dt.date) -> str:
    """The thresholds in force on a date as Markdown for a content page in one language: the act and the period,
    a table in euro and in the language's currency (official figures marked as such, approximations with "ca." /
    "cirka") and the sources of the official figures. Empty when no period covers the date."""
    period = period_on(table, on)
    if period is None:
        return ""
    currency = CURRENCY[HOME_COUNTRY[lang]]
    rows = [(threshold_in(table, kind, "EUR", on), threshold_in(table, kind, currency, on)) for kind in KINDS]
    act = period["source_title"].split(" / ")[0 if lang == "da" else -1]
    act = act[0].lower() + act[1:] if lang == "sv" else act  # "kommissionens delegerade förordning" in running text
    start, end = (format_day(_day(period[key]), lang) for key in ("valid_from", "valid_to"))
    lines = [i18n.label("threshold.table_intro", lang, act=_link(act, period["source"]), start=start, end=end).text,
             "", f"| {i18n.label('threshold.table_kind', lang)} | {i18n.label('threshold.table_eur', lang)} "
                 f"| {i18n.label('threshold.table_' + currency.lower(), lang)} |", "| --- | --: | --: |"]
    for eur, home in rows:
        if home is None:
            cell = "–"
        elif home.official:
            cell = _amount(home.amount, lang, "threshold.table_official")
        else:
            cell = _amount(home.amount, lang, "threshold.table_approximate")
        lines.append(f"| {i18n.label('threshold.row_' + eur.kind, lang)} "
                     f"| {_amount(eur.amount, lang, 'threshold.table_euro')} | {cell} |")
    lines.append("")
    sources = [o for o in period.get("official") or [] if o["currency"] == currency]
    links = ", ".join(_link(o["source_title"], o["source"]) for o in sources)
    notes = [i18n.label("threshold.table_sources", lang, sources=links).text] if sources else []
    if any(home is not None and home.approximate for _eur, home in rows):
        notes.append(i18n.label("threshold.table_note_approximate", lang).text)
    return "\n".join(lines + [" ".join(notes), ""] if notes else lines)


def expand(markdown: str, table: list[dict], lang: str, on: dt.date) -> str:
    """A content page with its threshold marker replaced by the table in force on the date."""
    if MARKER.search(markdown) is None:
        return markdown
    shown = markdown_table(table, lang, on).rstrip("\n")
    return MARKER.sub(lambda _match: shown, markdown)


def blank(markdown: str) -> str:
    """A page's text with the table's placeholder as plain letters of its length (what the validator reads: the
    table is generated text, checked by the tests, not the editors' Markdown)."""
    return MARKER.sub(lambda match: "x" * len(match.group(0)), markdown)
