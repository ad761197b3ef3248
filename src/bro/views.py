"""What each page shows: plain dictionaries handed to templates (templates display, never decide)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from bro import buyers, i18n, knowledge, markdown_text, plan_filters, reservations, shares, structured, tenders, urls
from bro.catalog import Catalog, Record

STALE_AFTER_DAYS = 365


def record_title(record: Record, lang: str) -> str:
    """A record's page title: the supplier's name or the tender's title in lang."""
    if record.kind == "supplier":
        return record.data["name"]
    return str(i18n.localize(record.data["title"], lang))


def supplier_search_text(catalog: Catalog, record: Record, lang: str) -> str:
    """What the site search knows of a supplier (its name is the entry's title): city and categories, kept short
    (the directory's own search knows the rest; the site search index loads whole on the first search)."""
    data = record.data
    parts = [(data.get("address") or {}).get("city", ""),
             *(catalog.vocab.label("categories", c, lang) for c in data["categories"])]
    return " · ".join(part for part in parts if part)


def search_text(catalog: Catalog, record: Record, lang: str) -> str:
    """What the site search knows of a tender entry: buyer, categories and description, as plain text."""
    data = record.data
    description = i18n.localize(data.get("description"), lang)
    parts = [buyers.buyer_of(catalog, record.slug)["name"],
             *(catalog.vocab.label("categories", c, lang) for c in data["categories"]),
             markdown_text.plain(description.text if description else "")]
    return " ".join(part for part in parts if part)


def list_title(kind: str, lang: str) -> str:
    """The title of a collection's list page."""
    return i18n.label(f"{kind}.list_title", lang).text


def is_stale(record: Record, today: dt.date) -> bool:
    """A profile not verified for more than 12 months."""
    verified = record.data.get("last_verified")
    return bool(verified) and (today - dt.date.fromisoformat(verified)).days > STALE_AFTER_DAYS


def reserved_share(data: dict) -> int | None:
    """The share of employees from the target groups, in whole percent (rounded down, as bro.shares counts), when
    both numbers are given."""
    counted = shares.numbers(data, "employees")
    return shares.Share("", "", *counted).percent if counted and counted[0] > 0 else None


def share_lines(catalog: Catalog, data: dict, lang: str) -> dict:
    """What a profile says of the people behind the 30 % rule: those engaged without employment (trainees), and,
    when they make the two acts count differently, each act's count and whether it reaches 30 %, the reader's
    country first."""
    engaged = shares.numbers(data, "engaged")
    lines = {"engaged": (i18n.label("share.engaged", lang, total=engaged[0], share=engaged[1]).text
                         if engaged else None), "by_act": [], "note": None}
    if not shares.differ(data):
        return lines
    reader = reservations.READER_COUNTRY[lang]
    found = shares.shares(catalog.vocab, data)
    delivers = shares.delivery_countries(data)
    for country in sorted(found, key=lambda c: (c != reader, c)):
        share = found[country]
        if not share.total:
            continue
        key = "share.reaches" if share.reaches else "share.below"
        lines["by_act"].append({
            "country": country, "reaches": share.reaches, "delivers": country in delivers,
            "text": _sentence(i18n.label(f"share.{country.lower()}", lang, law=share.provision,
                                         country=catalog.vocab.label("countries", country, lang),
                                         share=share.from_target_groups, total=share.total,
                                         percent=share.percent).text + " " + i18n.label(key, lang).text)})
    reached = [line for line in lines["by_act"] if line["reaches"]]
    missed = [line for line in lines["by_act"] if not line["reaches"]]
    if reservations.declares(data) and reached and missed:
        named = {line["country"]: reservations.in_country(catalog.vocab, found[line["country"]].provision,
                                                          line["country"], lang) for line in lines["by_act"]}
        lines["note"] = i18n.label("share.only", lang, reached=named[reached[0]["country"]],
                                   missed=named[missed[0]["country"]]).text
    return lines


def _sentence(text: str) -> str:
    """A text as a sentence: its first letter upper case ('udbudsloven § 54 …' → 'Udbudsloven § 54 …')."""
    return text[:1].upper() + text[1:]


def record_context(catalog: Catalog, kind: str, slug: str, lang: str, repository: str | None) -> dict:
    """Everything a record page shows."""
    record = (catalog.suppliers if kind == "supplier" else catalog.tenders)[slug]
    context = {"record": record.data, "slug": slug, "kind": kind, "source": record.source,
               "edit_url": f"{repository.rstrip('/')}/edit/main/{record.source}" if repository else None}
    if kind == "supplier":
        basis = reservations.declared_basis(record.data)
        summary = i18n.localize(record.data.get("summary"), lang)
        context.update(
            stale=is_stale(record, catalog.today),
            share=reserved_share(record.data),
            share_lines=share_lines(catalog, record.data, lang),
            eligibility=(reservations.eligibility(catalog.vocab, basis, lang) if basis
                         else reservations.not_declared(lang)),
            report_url=(f"{repository.rstrip('/')}/issues/new?template="
                        f"{'ret-profil' if lang == 'da' else 'andra-profil'}.yml"
                        f"&profile={quote(slug)}&title={quote(record.data['name'])}" if repository else None),
            jsonld=structured.script_json(structured.organization(catalog, slug, lang)),
            open_graph=structured.open_graph(record.data["name"], summary.text if summary else "", lang, "profile"),
            category_paths={c: urls.term_path(catalog.vocab, "category", c, lang) for c in record.data["categories"]},
            area_paths={c: urls.term_path(catalog.vocab, "area", record.data["country"] if c == "national" else c, lang)
                        for c in record.data["delivery_area"]},
        )
        context["open_entries"] = tenders.open_entries_for(catalog, slug)  # slugs: see the link_items filter
    else:
        data, buyer = record.data, buyers.buyer_of(catalog, slug)
        context.update(
            basis=reservations.buyer_law(catalog.vocab, data.get("reserved"), buyer["country"], lang),
            execution=({"label": reservations.execution_label(catalog.vocab, lang),
                        "law": reservations.execution_law(catalog.vocab, buyer["country"], lang),
                        "description": reservations.execution_description(catalog.vocab, lang),
                        "page": knowledge.execution_page(lang)}
                       if reservations.execution_reserved(data) else None),
            # 'Ikke reserveret: alle kan deltage' would mislead beside a reserved execution: only that is explained
            explain_reservation=not (data.get("reserved", "none") == "none" and reservations.execution_reserved(data)),
            eligibility=reservations.eligibility(catalog.vocab, data.get("reserved"), lang),
            interested=[s for s in data.get("interested") or [] if s in catalog.suppliers],
            matching=tenders.matching_suppliers(catalog, slug),  # hundreds at 10,000 suppliers: see link_items
            archived=tenders.is_archived(data, catalog.today),
            buyer=buyer,
            buyer_path=urls.record_path("buyer", buyer["slug"], lang),
            reservation_page=knowledge.page_of(knowledge.RESERVATION_PAGES, data.get("reserved"), lang),
            procedure_page=knowledge.page_of(knowledge.PROCEDURE_PAGES, data.get("procedure"), lang),
            threshold=tenders.threshold_for(catalog, data),
            interest_guide=urls.content_path("interest", lang),
            interest_url=(f"{repository.rstrip('/')}/issues/new?template="
                          f"{'interesse' if lang == 'da' else 'intresse'}.yml"
                          f"&entry={quote(slug)}&title={quote(slug)}" if repository else None),
        )
    return context


def plan_context(catalog: Catalog, lang: str) -> dict:
    """The tender plan: open entries by next date, the archive, feeds and the filters (bro.plan_filters)."""
    entries = sorted(catalog.tenders.values(), key=lambda r: (tenders.plan_order(r.data, catalog.today), r.slug))
    current, archive = tenders.partition(entries, catalog.today)
    archive = sorted(archive, key=lambda r: (tenders.archive_order(r.data), r.slug), reverse=True)

    def item(record: Record) -> dict:
        return plan_item(catalog, record, lang)
    categories = sorted({c for r in catalog.tenders.values() for c in r.data["categories"]})
    feeds = {"atom": urls.FEEDS["atom"], "calendar": urls.FEEDS["calendar"],
             "categories": [(c, urls.calendar_for_category(catalog.vocab, c, lang)) for c in categories]}
    return {"items": [item(r) for r in current], "archive": [item(r) for r in archive],
            "today": catalog.today.isoformat(), "feeds": feeds, "filters": plan_filters.controls(catalog, lang),
            "assets": urls.ASSETS}


def plan_item(catalog: Catalog, record: Record, lang: str) -> dict:
    """A tender entry as a card in the plan: link, record, next date, its buyer's page, whether it is archived,
    and the tokens its card offers the plan's filters (data-<name>, see bro.plan_filters)."""
    data = record.data
    upcoming = tenders.next_date(data, catalog.today)
    buyer = buyers.buyer_of(catalog, record.slug)
    return {**record_link(catalog, record, lang), "record": data, "buyer": buyer,
            "buyer_path": urls.record_path("buyer", buyer["slug"], lang),
            "archived": tenders.is_archived(data, catalog.today),
            "filter_values": plan_filters.entry_values(catalog, record),
            "next": {"field": upcoming[0], "date": upcoming[1].isoformat()} if upcoming else None}


def buyer_context(catalog: Catalog, slug: str, lang: str) -> dict:
    """A registry buyer's page: its details from the registry, its plan and its archive."""
    buyer = tenders.buyers(catalog)[slug]
    return {"title": buyer["name"], "buyer": buyer, "today": catalog.today.isoformat(),
            "items": [plan_item(catalog, catalog.tenders[s], lang) for s in buyer["open"]],
            "archive": [plan_item(catalog, catalog.tenders[s], lang) for s in buyer["archive"]]}


def record_link(catalog: Catalog, record: Record, lang: str) -> dict:
    """A record's slug, title and path (relative to the language root); computed once per record and language
    (at 10,000 suppliers the same entries are linked from thousands of profiles)."""
    links, key = catalog.memo("links", dict), (record.kind, record.slug, lang)
    if key not in links:
        title = i18n.localize(record.data["title"], lang) if record.kind == "tender" else None
        links[key] = {"slug": record.slug, "title": record_title(record, lang),
                      "path": urls.record_path(record.kind, record.slug, lang),
                      "lang": title.lang if title and title.fallback else None}  # a title shown in the other language
    return links[key]
