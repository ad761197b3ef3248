"""The knowledge bank's collections: cases, events and the glossary (pure functions of the catalog)."""
from __future__ import annotations

from urllib.parse import quote

from bro import addresses, i18n, urls
from bro.catalog import Catalog

INSTRUMENT_RESERVATION = {"reserved_contract": {"art20"}, "reserved_welfare": {"art77", "se_ideburen"}}
INSTRUMENT_PAGES = {  # knowledge-bank page on each instrument (a key of bro.urls.CONTENT_PAGES)
    "reserved_contract": "reserved_contracts",
    "reserved_welfare": "reserved_welfare",
    "social_clause": "social_clauses",
    "social_award_criterion": "social_award_criteria",
    "innovation_partnership": "innovation_partnerships",
    "partnership": "partnerships",
    "below_threshold": "below_thresholds",
}
RESERVATION_PAGES = {"art20": INSTRUMENT_PAGES["reserved_contract"], "art77": INSTRUMENT_PAGES["reserved_welfare"],
                     "se_ideburen": INSTRUMENT_PAGES["reserved_welfare"]}
PROCEDURE_PAGES = {"innovation_partnership": INSTRUMENT_PAGES["innovation_partnership"],
                   "partnership": INSTRUMENT_PAGES["partnership"],
                   "below_threshold": INSTRUMENT_PAGES["below_threshold"],
                   "direct_award": INSTRUMENT_PAGES["below_threshold"]}


def page_of(table: dict[str, str], code: str | None, lang: str) -> str | None:
    """The knowledge-bank page (path in lang's site) that one of the tables above names for a code, or None."""
    key = table.get(code) if code else None
    return urls.content_path(key, lang) if key else None


EXECUTION_ANCHORS = {"da": "udfoerelse", "sv": "fullgorande"}  # the reserved-contract page's section on art. 20(1)'s
# second alternative (sheltered employment programmes)


def execution_page(lang: str) -> str:
    """The knowledge bank's section on reserved execution (path and anchor in lang's site)."""
    return f"{urls.content_path(INSTRUMENT_PAGES['reserved_contract'], lang)}#{EXECUTION_ANCHORS[lang]}"


def could_do_the_same(catalog: Catalog, case_slug: str) -> list[str]:
    """Suppliers in the case's categories and country, in directory order; for a reserved case, only those whose
    declared eligibility satisfies one of the instrument's reservations."""
    case = catalog.cases[case_slug]
    bases = INSTRUMENT_RESERVATION.get(case.instrument)
    found = []
    for slug in catalog.derived.ordered_slugs:
        supplier = catalog.suppliers[slug]
        if not set(case.categories) & set(supplier.categories) or supplier.country != case.country:
            continue
        if bases and not any(supplier.eligibility.satisfies(basis) for basis in bases):
            continue
        found.append(slug)
    return found


def open_entries_like(catalog: Catalog, case_slug: str) -> list[str]:
    """Open tender entries in the case's categories."""
    case = catalog.cases[case_slug]
    return [slug for slug, entry in sorted(catalog.tenders.items())
            if set(case.categories) & set(entry.categories) and not entry.is_archived(catalog.today)]


def _link(catalog: Catalog, kind: str, slug: str, lang: str) -> dict:
    """A link to a supplier or tender page (lang: the title's language when it is not the reader's)."""
    record = (catalog.suppliers if kind == "supplier" else catalog.tenders)[slug]
    title = None if kind == "supplier" else i18n.localize(record.title, lang)
    return {"slug": slug, "title": title.text if title else record.name,
            "path": urls.record_path(kind, slug, lang), "lang": title.lang if title and title.fallback else None}


def case_context(catalog: Catalog, slug: str, lang: str) -> dict:
    """One case: its facts, the suppliers who could do the same, similar open entries."""
    case = catalog.cases[slug]
    return {"title": i18n.localize(case.title, lang).text, "record": case.data, "slug": slug,
            "instrument_page": page_of(INSTRUMENT_PAGES, case.instrument, lang),
            "supplier_link": _link(catalog, "supplier", case.supplier_slug, lang)
            if case.supplier_slug in catalog.suppliers else None,
            "same": [_link(catalog, "supplier", s, lang) for s in could_do_the_same(catalog, slug)],
            "entries": [_link(catalog, "tender", s, lang) for s in open_entries_like(catalog, slug)]}


def cases_context(catalog: Catalog, lang: str) -> dict:
    """The list of cases (newest first) with the values to filter by."""
    vocab = catalog.vocab
    items = sorted(catalog.cases.items(), key=lambda pair: (-pair[1].year, pair[0]))
    used = {c for _, case in items for c in case.categories}
    return {"items": [{"slug": slug, "record": r.data, "title": i18n.localize(r.title, lang).text,
                       "path": urls.record_path("case", slug, lang)} for slug, r in items],
            "instruments": sorted({case.instrument for _, case in items}),
            "countries": sorted({case.country for _, case in items}),
            "categories": sorted(((c, vocab.label("categories", c, lang)) for c in used), key=lambda p: p[1])}


def _shown(record) -> dict:
    """An event or a term as its file has it, with the id of its place on its page (the open data links to it)."""
    return {**record.data, "anchor": urls.record_anchor(record.kind, record.slug)}


def events_context(catalog: Catalog, lang: str, repository: str | None = None, site_url: str | None = None,
                   editors_email: str | None = None) -> dict:
    """Events split into upcoming (soonest first) and past (newest first), as of the build date; the calendar file
    (its address to subscribe to, when the site's address is known) and where to suggest an event: by e-mail to the
    editors (no account needed) and, when the repository is known, as an issue on GitHub."""
    records = sorted(catalog.events.values(), key=lambda event: event.start)
    calendar = urls.output_path("events_calendar", lang)
    return {"upcoming": [_event(catalog, event, lang) for event in records if not event.is_past(catalog.today)],
            "past": [_event(catalog, event, lang) for event in reversed(records) if event.is_past(catalog.today)],
            "calendar": urls.output_name("events_calendar", lang),
            "calendar_url": urls.published_url(site_url, calendar, lang) if site_url else None,
            "suggest_url": suggest_event_url(repository, lang),
            "editors_email": editors_email,
            "editors_mailto": addresses.mailto_href(editors_email) if editors_email else None,
            "contribute": urls.content_path("contribute", lang)}


def _event(catalog: Catalog, event, lang: str) -> dict:
    """An event's fields, with the page of its organiser when that is a support organisation on Bro."""
    named = event.organiser_slug in catalog.organisations
    return {**_shown(event), "organiser_path": urls.record_path("organisation", event.organiser_slug, lang)
            if named else None}


def suggest_event_url(repository: str | None, lang: str) -> str | None:
    """A new issue on the repository with a title and the points the editors need to add an event, or None."""
    if not repository:
        return None
    title = i18n.label("events.suggest_issue_title", lang).text
    body = i18n.label("events.suggest_issue_body", lang).text
    return f"{repository.rstrip('/')}/issues/new?title={quote(title)}&body={quote(body)}"


def glossary_context(catalog: Catalog, lang: str) -> dict:
    """Every term, sorted by the reader's language, each with the id of its row (the open data links to it)."""
    ordered = sorted(catalog.glossary.values(), key=lambda term: getattr(term, lang).casefold())
    return {"terms": [_shown(term) for term in ordered]}
