"""A TED notice mapped into Bro's tender contract (schemas/tender.schema.json), with the problems met.

One notice becomes one entry; a notice whose lots are reserved differently becomes one entry per lot.
Nothing here raises on an odd notice: each problem is collected with the notice's publication number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from bro.escape import markdown_line, visible
from bro.model.records import TED_NOTICE_URL, ted_notice_url  # noqa: F401  (TED_NOTICE_URL: bro.ted.summary)
from bro.ted.notices import Lot, Notice, Organisation

# eForms language codes (ISO 639-2/B) of the languages Bro writes.
LANGUAGES = {"DAN": "da", "SWE": "sv"}
COUNTRIES = {"DNK": "DK", "SWE": "SE"}
# BT-71 reserved participation (codelist reserved-procurement) -> Bro's reservation code.
RESERVED = {"res-ws": "art20", "res-pub-ser": "art77", "none": "none", "": "none"}
# BT-736 reserved execution (codelist applicability) -> reserved_execution.
RESERVED_EXECUTION = {"yes": True, "no": False}
# BT-105 procedure type (codelist procurement-procedure-type) -> Bro's procedure code.
PROCEDURES = {
    "open": "open", "restricted": "restricted", "neg-w-call": "negotiated", "neg-wo-call": "direct_award",
    "comp-dial": "competitive_dialogue", "innovation": "innovation_partnership",
}
SOCIAL_NOTICE_TYPES = ("pin-only", "cn-social", "pin-social", "pin-tran", "cn-desg")
PLANNED_NOTICE_TYPES = ("pin-only", "pin-buyer", "pin-social", "pin-tran", "pin-cfc-standard", "pin-cfc-social",
                        "pin-rtl")
# Swedish NUTS-3 areas -> län (SE- + SCB länskod); Danish NUTS-3 areas fall in their NUTS-2 region.
SE_NUTS = {
    "SE110": "SE-01", "SE121": "SE-03", "SE122": "SE-04", "SE123": "SE-05", "SE124": "SE-18", "SE125": "SE-19",
    "SE211": "SE-06", "SE212": "SE-07", "SE213": "SE-08", "SE214": "SE-09", "SE221": "SE-10", "SE224": "SE-12",
    "SE231": "SE-13", "SE232": "SE-14", "SE311": "SE-17", "SE312": "SE-20", "SE313": "SE-21", "SE321": "SE-22",
    "SE322": "SE-23", "SE331": "SE-24", "SE332": "SE-25",
}
_DK_REGION = re.compile(r"^DK0[1-5]")


@dataclass(frozen=True)
class Problem:
    """Something about one notice the editors should see; `code` is a message key (tedimport.<code>)."""

    publication_number: str
    code: str
    detail: str = ""


@dataclass
class Mapped:
    slug: str
    record: dict
    buyer: Organisation


@dataclass
class Vocabulary:
    """What the mapping needs from Bro's registers and vocabularies."""

    buyers: list[dict]  # data/buyers/*.yml
    categories: dict[str, list[str]]  # category code -> its CPV codes (NNNNNNNN-N)
    municipalities: dict[str, dict]  # code -> entry (country, region, label)
    currencies: set[str] = field(default_factory=lambda: {"DKK", "SEK", "EUR"})

    def full_cpv(self) -> dict[str, str]:
        return {code[:8]: code for codes in self.categories.values() for code in codes}


def _digits(value: str) -> str:
    return re.sub(r"[^0-9]", "", value or "")


def match_buyer(org: Organisation, buyers: list[dict]) -> dict | None:
    """The register's buyer with the notice's organisation number, else with its name and country."""
    country = COUNTRIES.get(org.country, "")
    number = _digits(org.company_id)
    for buyer in buyers:
        if number and _digits(buyer.get("org_number", "")) == number and buyer.get("country") == country:
            return buyer
    names = {" ".join(name.split()).casefold() for name in org.name.values()}
    for buyer in buyers:
        if buyer.get("country") == country and buyer.get("name", "").casefold() in names:
            return buyer
    return None


def categories_for(cpv: list[str], vocabulary: Vocabulary) -> list[str]:
    """Bro's categories whose CPV codes cover one of the notice's codes (a category code ending in zeros
    covers every code below it)."""
    found = []
    for category, codes in vocabulary.categories.items():
        for code in codes:
            prefix = code[:8].rstrip("0")
            if len(prefix) < 2:
                prefix = code[:2]
            if any(notice_code.startswith(prefix) for notice_code in cpv) and category not in found:
                found.append(category)
    return found


def areas_for(nuts: list[str], towns: list[str], countries: list[str], vocabulary: Vocabulary) -> list[str]:
    """delivery_area codes: municipalities named in the notice, else regions from NUTS, else the country."""
    areas: list[str] = []
    names = {" ".join(town.split()).casefold() for town in towns}
    for code, entry in vocabulary.municipalities.items():
        labels = {str(label).casefold() for label in (entry.get("label") or {}).values()}
        if names & labels and code not in areas:
            areas.append(code)
    if areas:
        return areas
    for code in nuts:
        region = _DK_REGION.match(code).group(0) if _DK_REGION.match(code) else SE_NUTS.get(code)
        if region and region not in areas:
            areas.append(region)
    if areas:
        return areas
    return [COUNTRIES[c] for c in dict.fromkeys(countries) if c in COUNTRIES]


def _plain(values: dict[str, str], limit: int) -> dict[str, str]:
    """Plain text (a title) in Bro's languages: one line, hidden characters shown, cut at limit."""
    out = {}
    for lang, text in values.items():
        text = " ".join(visible(text).split())
        if lang in LANGUAGES and text:
            out[LANGUAGES[lang]] = text if len(text) <= limit else text[: limit - 1] + "…"
    return out


def _text(values: dict[str, str], limit: int) -> dict[str, str]:
    """Outside text as Markdown in Bro's languages, shown as written (no links, HTML or emphasis)."""
    out = {}
    for lang, text in values.items():
        paragraphs = [markdown_line(part) for part in re.split(r"\n\s*\n", text) if part.strip()]
        if lang in LANGUAGES and paragraphs:
            joined = "\n\n".join(paragraphs)
            out[LANGUAGES[lang]] = joined if len(joined) <= limit else joined[: limit - 1] + "…"
    return out


def _amount(value: str) -> int | None:
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return int(amount) if amount >= 0 else None


def _date(value: str) -> str:
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value or "") else ""


def slug_for(notice: Notice, lot: Lot | None = None) -> str:
    """The file name of an imported entry: ted-<publication number>[-<lot>]."""
    base = "ted-" + re.sub(r"[^0-9a-z]+", "-", (notice.publication_number or notice.notice_id).lower()).strip("-")
    if lot is not None:
        base += "-" + re.sub(r"[^0-9a-z]+", "-", lot.id.lower()).strip("-")
    return base


def map_notice(notice: Notice, vocabulary: Vocabulary) -> tuple[list[Mapped], list[Problem]]:
    """The entries the notice becomes and the problems met; no entry when a required part is missing."""
    number = notice.publication_number or notice.notice_id
    problems: list[Problem] = []

    def problem(code: str, detail: str = "") -> None:
        problems.append(Problem(number, code, detail))

    if not notice.publication_number:
        problem("no_publication_number")
        return [], problems
    if not notice.buyers:
        problem("no_buyer")
        return [], problems
    if len(notice.buyers) > 1:
        problem("several_buyers", ", ".join(next(iter(b.name.values()), b.id) for b in notice.buyers))
    matched = [(org, match_buyer(org, vocabulary.buyers)) for org in notice.buyers]
    matched = [(org, buyer) for org, buyer in matched if buyer]
    if not matched:
        first = notice.buyers[0]
        problem("buyer_not_registered", f"{next(iter(first.name.values()), first.id)} ({first.country})")
        return [], problems
    org, buyer = matched[0]

    languages = [lang for lang in notice.languages if lang in LANGUAGES]
    title = _plain(notice.title, 2000)
    if not languages or not title:
        problem("language", ", ".join(notice.languages) or "-")
        return [], problems

    procedure = PROCEDURES.get(notice.procedure)
    if procedure is None and notice.procedure.startswith("oth-") and notice.notice_type in SOCIAL_NOTICE_TYPES:
        procedure = "light_regime"
    if procedure is None:
        problem("procedure", notice.procedure or "-")
        return [], problems

    contact = {"name": org.contact_name or buyer["name"]}
    if org.email:
        contact["email"] = org.email
    if org.phone:
        contact["phone"] = org.phone
    contact["publish_basis"] = "legitimate_interest"
    if "email" not in contact and "phone" not in contact:
        problem("no_contact")
        return [], problems

    lots = notice.lots or [Lot(id="", title={}, description={}, cpv=[])]
    kinds = {(lot.reserved_participation, lot.reserved_execution) for lot in lots}
    groups = [lots] if len(kinds) == 1 else [[lot] for lot in lots]
    if len(groups) > 1:
        problem("lots_split", str(len(lots)))

    entries = []
    for group in groups:
        lot = group[0] if len(groups) > 1 else None
        entry = _entry(notice, group, lot, buyer, contact, procedure, vocabulary, problem)
        if entry is not None:
            entries.append(Mapped(slug_for(notice, lot), entry, org))
    return entries, problems


def _entry(notice, group, lot, buyer, contact, procedure, vocabulary, problem) -> dict | None:
    first = group[0]
    reserved = RESERVED.get(first.reserved_participation)
    if reserved is None:
        problem("reservation", first.reserved_participation)
        return None
    cpv = list(dict.fromkeys((lot.cpv if lot else notice.cpv) + [c for item in group for c in item.cpv]))
    categories = categories_for(cpv, vocabulary)
    if not categories:
        problem("no_category", ", ".join(cpv) or "-")
        return None
    title = _plain(lot.title if lot and lot.title else notice.title, 2000)
    description = _text(lot.description if lot and lot.description else notice.description, 20000)
    if lot is None and len(group) == 1:  # one lot: its own description follows the procedure's
        for lang, text in _text(first.description, 20000).items():
            if text not in description.get(lang, ""):
                description[lang] = (description[lang] + "\n\n" + text) if lang in description else text
    if not description:
        description = {lang: markdown_line(text) for lang, text in title.items()}
    if len(group) > 1:
        for lang in list(description):
            lines = [f"- {markdown_line(item.id)}: {markdown_line(_pick(item.title, lang))}" for item in group]
            description[lang] += "\n\n" + "\n".join(lines)
    record: dict = {
        "title": title,
        "buyer": {key: buyer[key] for key in ("name", "org_number", "country", "municipality") if key in buyer},
        "description": {lang: text + "\n" for lang, text in description.items()},
        "categories": categories,
    }
    full = vocabulary.full_cpv()
    known = [full[code[:8]] for code in cpv if code[:8] in full]
    if known:
        record["cpv"] = list(dict.fromkeys(known))
    record["procedure"] = procedure
    record["reserved"] = reserved
    if first.reserved_execution in RESERVED_EXECUTION:
        record["reserved_execution"] = RESERVED_EXECUTION[first.reserved_execution]
    value, currency = (first.estimated_value, first.currency) if lot else (notice.estimated_value, notice.currency)
    amount = _amount(value) if value else None
    if amount is not None and currency in vocabulary.currencies:
        record["estimated_value"] = {"amount": amount, "currency": currency}
    elif value:
        problem("value", f"{value} {currency}".strip())
    if _date(notice.issue_date):
        record["expected_publication"] = _date(notice.issue_date)
    start, end = _date(first.start), _date(first.end)
    if start:
        record["contract_period"] = {"start": start, **({"end": end} if end and end >= start else {})}
    nuts = [c for item in group for c in item.nuts] or notice.nuts
    countries = [c for item in group for c in item.countries] or notice.countries
    towns = [t for item in group for t in item.towns]
    record["delivery_area"] = areas_for(nuts, towns, countries, vocabulary) or [buyer["country"]]
    record["status"] = "planned" if notice.notice_type in PLANNED_NOTICE_TYPES else "published"
    record["notice_url"] = ted_notice_url(notice.publication_number)
    record["contact"] = contact
    record["source"] = "ted"
    ted = {"publication_number": notice.publication_number}
    if lot is not None and lot.id:
        ted["lot"] = lot.id
    deadline = _date(first.tender_deadline)
    if deadline:
        ted["tender_deadline"] = deadline
    record["ted"] = ted
    return record


def _pick(values: dict[str, str], lang: str) -> str:
    wanted = {code for code, bro in LANGUAGES.items() if bro == lang}
    for code, text in values.items():
        if code in wanted:
            return text
    return next(iter(values.values()), "")
