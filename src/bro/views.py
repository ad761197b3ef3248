"""What each page shows: plain dictionaries handed to templates (templates display, never decide)."""
from __future__ import annotations

from bro import (
    HOME_COUNTRY,
    buyers,
    feeds,
    i18n,
    knowledge,
    markdown_text,
    organisations,
    peers,
    plan_filters,
    reservations,
    shares,
    tenders,
    urls,
)
from bro.catalog import Catalog
from bro.forms.definitions import make_form_url
from bro.model import Supplier, TenderEntry


def record_title(record: Supplier | TenderEntry, lang: str) -> str:
    """A record's page title: the supplier's name or the tender's title in lang."""
    if isinstance(record, Supplier):
        return record.name
    return str(i18n.localize(record.title, lang))


def supplier_search_text(catalog: Catalog, supplier: Supplier, lang: str) -> str:
    """What the site search knows of a supplier (its name is the entry's title): city and categories, kept short
    (the directory's own search knows the rest; the site search index loads whole on the first search)."""
    parts = [supplier.city, *(catalog.vocab.label("categories", c, lang) for c in supplier.categories)]
    return " · ".join(part for part in parts if part)


def search_text(catalog: Catalog, entry: TenderEntry, lang: str) -> str:
    """What the site search knows of a tender entry: buyer, categories and description, as plain text."""
    description = i18n.localize(entry.description, lang)
    parts = [buyers.buyer_of(catalog, entry.slug)["name"],
             *(catalog.vocab.label("categories", c, lang) for c in entry.categories),
             markdown_text.plain(description.text if description else "")]
    return " ".join(part for part in parts if part)


def list_title(kind: str, lang: str) -> str:
    """The title of a collection's list page."""
    return i18n.label(f"{kind}.list_title", lang).text


def share_lines(catalog: Catalog, supplier: Supplier, lang: str) -> dict:
    """What a profile says of the people behind the 30 % rule: those engaged without employment (trainees), and,
    when they make the two acts count differently, each act's count and whether it reaches 30 %, the reader's
    country first."""
    data = supplier.data
    engaged = shares.numbers(data, "engaged")
    lines = {"engaged": (i18n.label("share.engaged", lang, total=engaged[0], share=engaged[1]).text
                         if engaged else None), "by_act": [], "note": None}
    if not shares.differ(data):
        return lines
    reader = HOME_COUNTRY[lang]
    found = supplier.shares(catalog.vocab)
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
    if supplier.eligibility.declares() and reached and missed:
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
    if isinstance(record, Supplier):
        context.update(supplier_context(catalog, record, lang, repository))
    else:
        context.update(entry_context(catalog, record, lang, repository))
    return context


def supplier_context(catalog: Catalog, supplier: Supplier, lang: str, repository: str | None) -> dict:
    """What a supplier's page shows besides its record."""
    slug, basis = supplier.slug, supplier.eligibility.basis
    return dict(
        stale=supplier.is_stale(catalog.today),
        share=supplier.reserved_share,
        share_lines=share_lines(catalog, supplier, lang),
        eligibility=(reservations.eligibility(catalog.vocab, basis, lang) if basis
                     else reservations.not_declared(lang)),
        change_form=urls.form_path("change", lang, profile=slug),  # no account needed: first
        report_url=(make_form_url(repository, "change", lang, profile=slug, title=supplier.name)
                    if repository else None),  # the same on GitHub, for those with an account
        category_paths={c: urls.term_path(catalog.vocab, "category", c, lang) for c in supplier.categories},
        area_paths={c: urls.term_path(catalog.vocab, "area", supplier.country if c == "national" else c, lang)
                    for c in supplier.delivery_area},
        open_entries=catalog.derived.open_entries.get(slug, []),  # slugs: see the link_items filter
    )


def entry_context(catalog: Catalog, entry: TenderEntry, lang: str, repository: str | None) -> dict:
    """What a tender entry's page shows besides its record."""
    slug, buyer = entry.slug, buyers.buyer_of(catalog, entry.slug)
    archived = entry.is_archived(catalog.today)
    return dict(
        basis=reservations.buyer_law(catalog.vocab, entry.reserved, buyer["country"], lang),
        execution=({"label": reservations.execution_label(catalog.vocab, lang),
                    "law": reservations.execution_law(catalog.vocab, buyer["country"], lang),
                    "description": reservations.execution_description(catalog.vocab, lang),
                    "page": knowledge.execution_page(lang)}
                   if entry.execution_reserved else None),
        # 'Ikke reserveret: alle kan deltage' would mislead beside a reserved execution: only that is explained
        explain_reservation=entry.restricts_participation or not entry.execution_reserved,
        restricted=entry.restricts_participation,
        eligibility=reservations.eligibility(catalog.vocab, entry.reserved, lang),
        interested=[s for s in entry.interested if s in catalog.suppliers],
        matching=catalog.derived.match_table[slug],  # hundreds at 10,000 suppliers: see link_items
        archived=archived,
        ted=entry.ted,  # the TED notice an imported entry came from (None when written by hand)
        calendar=entry.in_calendars(catalog.today),  # the calendar rule: hooks/plan.py writes the file then
        buyer=buyer,
        buyer_path=urls.record_path("buyer", buyer["slug"], lang),
        reservation_page=knowledge.page_of(knowledge.RESERVATION_PAGES, entry.reserved, lang),
        procedure_page=knowledge.page_of(knowledge.PROCEDURE_PAGES, entry.procedure, lang),
        threshold=tenders.threshold_for(catalog, entry),
        interest_guide=urls.content_path("interest", lang),
        interest_form=urls.form_path("interest", lang, entry=slug),  # no account needed: first
        interest_url=(make_form_url(repository, "interest", lang, entry=slug, title=slug)
                      if repository else None),  # the same on GitHub, for those with an account
    )


def plan_context(catalog: Catalog, lang: str) -> dict:
    """The tender plan: open entries by next date, the archive, feeds and the filters (bro.plan_filters)."""
    today = catalog.today
    entries = sorted(catalog.tenders.values(), key=lambda entry: (entry.plan_order(today), entry.slug))
    current, archive = tenders.partition(entries, today)
    archive = sorted(archive, key=lambda entry: (entry.archive_order, entry.slug), reverse=True)

    def item(entry: TenderEntry) -> dict:
        return plan_item(catalog, entry, lang)
    categories = sorted({c for entry in catalog.tenders.values() for c in entry.categories})
    feeds = {"atom": urls.FEEDS["atom"], "calendar": urls.FEEDS["calendar"],
             "categories": [(c, urls.calendar_for_category(catalog.vocab, c, lang)) for c in categories]}
    return {"items": [item(r) for r in current], "archive": [item(r) for r in archive],
            "today": today.isoformat(), "feeds": feeds, "filters": plan_filters.controls(catalog, lang),
            "follow": plan_follows(catalog, lang), "assets": urls.ASSETS,
            "alternates": [{"href": urls.FEEDS["atom"], "title": i18n.label("feed.title", lang).text}]}


def plan_follows(catalog: Catalog, lang: str) -> list[dict]:
    """The feeds the plan's filters offer to follow, for each value a filter can be set to (bro.feeds.Follow):
    each category and area among the filters' options, each CPV division of an entry; the page shows those of
    the filters set (filter.js)."""
    page = urls.output_path("tender_list", lang)
    options = plan_filters.options(catalog, lang)
    chosen = [feeds.Follow(name, code) for name in ("category", "area") for code, _ in options[name]]
    chosen += [follow for follow in feeds.follows(catalog)
               if follow.filter == "cpv" and feeds.followed_entries(catalog, follow)]
    return [feeds.follow_links(catalog, follow, lang, page) for follow in chosen]


def plan_item(catalog: Catalog, entry: TenderEntry, lang: str) -> dict:
    """A tender entry as a card in the plan: link, record, next date, its buyer's page, whether it is archived or
    reserved, and the tokens its card offers the plan's filters (data-<name>, see bro.plan_filters)."""
    upcoming = entry.next_date(catalog.today)
    buyer = buyers.buyer_of(catalog, entry.slug)
    return {**record_link(catalog, entry, lang), "record": entry.data, "buyer": buyer,
            "buyer_path": urls.record_path("buyer", buyer["slug"], lang),
            "archived": entry.is_archived(catalog.today),
            "restricted": entry.restricts_participation, "execution_reserved": entry.execution_reserved,
            "ted": entry.ted, "filter_values": plan_filters.entry_values(catalog, entry),
            "next": {"field": upcoming[0], "date": upcoming[1].isoformat()} if upcoming else None}


def buyer_context(catalog: Catalog, slug: str, lang: str) -> dict:
    """A registry buyer's page: its details from the registry, its plan and its archive."""
    buyer = catalog.derived.buyers[slug]
    return {"title": buyer["name"], "buyer": buyer, "today": catalog.today.isoformat(),
            "tools": buyer_tools(catalog, slug, lang), "helpers": buyer_helpers(catalog, slug, lang),
            "items": [plan_item(catalog, catalog.tenders[s], lang) for s in buyer["open"]],
            "archive": [plan_item(catalog, catalog.tenders[s], lang) for s in buyer["archive"]]}


def record_link(catalog: Catalog, record: Supplier | TenderEntry, lang: str) -> dict:
    """A record's slug, title and path (relative to the language root); computed once per record and language
    (at 10,000 suppliers the same entries are linked from thousands of profiles)."""
    links, key = catalog.derived.links, (record.kind, record.slug, lang)
    if key not in links:
        title = i18n.localize(record.title, lang) if isinstance(record, TenderEntry) else None
        links[key] = {"slug": record.slug, "title": record_title(record, lang),
                      "path": urls.record_path(record.kind, record.slug, lang),
                      "lang": title.lang if title and title.fallback else None,  # a title shown in the other language
                      "ted": record.ted if isinstance(record, TenderEntry) else None}  # an entry's TED notice
    return links[key]


def peer_link(catalog: Catalog, use: peers.Use, lang: str) -> dict:
    """The case or entry behind one use of a tool: its title, path and what it is ('Eksempel fra 2020', 'I
    udbudsplanen: Planlagt', or archived)."""
    if use.kind == "case":
        title = i18n.localize(catalog.cases[use.slug].title, lang)
        return {"title": title.text, "path": urls.record_path("case", use.slug, lang),
                "lang": title.lang if title.fallback else None,
                "note": i18n.label("peers.case", lang, year=use.year).text}
    entry = catalog.tenders[use.slug]
    status = catalog.vocab.label("statuses", use.status, lang)
    status = status[:1].lower() + status[1:]  # after a colon inside a sentence: "i udbudsplanen: planlagt"
    key = "peers.archived" if entry.is_archived(catalog.today) else "peers.entry"
    return {**record_link(catalog, entry, lang), "note": i18n.label(key, lang, status=status).text}


def peer_groups(catalog: Catalog, uses: list[peers.Use], lang: str) -> list[dict]:
    """Uses grouped by buyer, the reader's country first: the buyer's name, its page when it is in the registry,
    its country and the cases and entries that show the use (each once)."""
    groups = []
    for first, group in peers.grouped(uses, lang):
        links = {(use.kind, use.slug): peer_link(catalog, use, lang) for use in group}
        groups.append({"name": first.buyer, "country": first.country,
                       "path": urls.record_path("buyer", first.buyer_slug, lang) if first.buyer_slug else None,
                       "links": list(links.values())})
    return groups


def tool_peers_context(catalog: Catalog, tool: str, lang: str) -> dict:
    """"Who has done it" at the end of a tool's knowledge-bank page (bro.peers)."""
    return {"tool": tool, "groups": peer_groups(catalog, catalog.derived.peers.of_tool(tool), lang),
            "overview": urls.output_path("peers", lang), "cases": urls.output_path("case_list", lang),
            "plan": urls.output_path("tender_list", lang)}


def buyer_tools(catalog: Catalog, slug: str, lang: str) -> list[dict]:
    """The tools a registry buyer has used, in their order: the tool, its knowledge-bank page and the cases and
    entries that show it (bro.peers)."""
    tools: dict[str, dict] = {}
    for use in catalog.derived.peers.of_buyer(slug):
        tool = tools.setdefault(use.tool, {"tool": use.tool, "links": {},
                                           "page": knowledge.page_of(knowledge.INSTRUMENT_PAGES, use.tool, lang)})
        tool["links"].setdefault((use.kind, use.slug), peer_link(catalog, use, lang))
    return [{**tool, "links": list(tool["links"].values())} for tool in tools.values()]


def peers_context(catalog: Catalog, lang: str) -> dict:
    """The page "who has done it": for each legal tool, its knowledge-bank page and the buyers that have used it
    (bro.peers), the reader's country first; and the categories in which buyers have used a tool."""
    table = catalog.derived.peers
    used = {code for use in table.uses for code in use.categories}
    return {"tools": [{"tool": tool, "page": knowledge.page_of(knowledge.INSTRUMENT_PAGES, tool, lang),
                       "groups": peer_groups(catalog, table.of_tool(tool), lang)} for tool in peers.TOOLS],
            "categories": sorted(((code, catalog.vocab.label("categories", code, lang),
                                   sorted({use.tool for use in table.in_category(code)}, key=peers.TOOLS.index))
                                  for code in used), key=lambda item: item[1].casefold()),
            "cases": urls.output_path("case_list", lang), "plan": urls.output_path("tender_list", lang),
            "data": urls.content_path("open_data", lang) + "#peers"}


def buyer_helpers(catalog: Catalog, slug: str, lang: str) -> dict:
    """Who helps where the buyer is (bro.organisations): the support organisations that help in the region of its
    municipality (all of its country's when the registry names no municipality), and the country's "who helps
    where" page filtered by that region."""
    buyer = catalog.derived.buyers[slug]
    country = buyer["country"]
    region = catalog.vocab.entry("municipalities", buyer["municipality"]).get("region") \
        if buyer.get("municipality") else None
    orgs = [org for org in catalog.derived.organisations_in.get(country, [])
            if region is None or org.serves_region(region, catalog.vocab)]
    page = urls.help_path(country, lang)
    return {"region": catalog.vocab.label("regions", region, lang) if region else None,
            "items": [organisations.card(catalog, org, country, lang) for org in orgs],
            "path": f"{page}#region={region}" if region else page}
