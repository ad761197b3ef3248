"""Feeds of the tender plan: Atom (new and changed entries) and iCalendar (deadlines, publications), for the
whole plan and to follow one of its filters (a category, an area, a CPV division: Follow)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event
from lxml import etree

from bro import areas, buyers, i18n, markdown_text, plan_filters, urls
from bro.catalog import Catalog

EMPTY_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')  # urls: feed_sitemap
FOLLOWED = ("category", "area", "cpv")  # the plan's filters (bro.plan_filters) that have feeds to follow


@dataclass(frozen=True)
class Follow:
    """A feed to follow: the plan's filter `filter` set to `value` (a category code, an area code, or a CPV
    division: the first two digits of a CPV code). It lists exactly the entries the plan shows with that filter
    set (plan_filters.matches): for an area, every entry whose delivery area overlaps it (bro.areas.overlapping):
    an entry for the whole region is in each of its municipalities' feeds, a nationwide entry in every feed of its
    country, an entry in Aarhus in the feeds of Region Midtjylland and Denmark."""

    filter: str
    value: str


def division(cpv: str) -> str:
    """A CPV code's division: its first two digits (90911200-8 → 90)."""
    return "".join(c for c in cpv if c.isdigit())[:2]


def follows(catalog: Catalog) -> list[Follow]:
    """Every feed to follow: each category and each area (country, region or län, municipality) of the
    vocabularies, whether or not an entry is there yet (a subscriber can follow a place before its first entry),
    and each CPV division named by an entry or by a category's CPV codes."""
    vocab = catalog.vocab
    divisions = {division(code) for entry in catalog.tenders.values() for code in entry.cpv}
    divisions |= {division(code) for category in vocab.codes("categories")
                  for code in vocab.entry("categories", category).get("cpv", [])}
    return ([Follow("category", code) for code in vocab.codes("categories")]
            + [Follow("area", code) for code in urls.term_slugs(vocab, "area", "da")]
            + [Follow("cpv", code) for code in sorted(divisions)])


def followed_entries(catalog: Catalog, follow: Follow) -> list[str]:
    """The entries a feed to follow lists, by slug: those the plan shows when its filter is set to the value
    (the tokens each entry offers the filter, plan_filters.entry_values; a CPV division as the CPV box's prefix)."""
    index = catalog.derived.follow_index
    if not index:
        for slug, entry in sorted(catalog.tenders.items()):
            values = plan_filters.entry_values(catalog, entry)
            for name in FOLLOWED:
                tokens = {division(t) for t in values[name]} if name == "cpv" else set(values[name])
                for token in tokens:
                    index.setdefault((name, token), []).append(slug)
        index[("", "")] = []  # filled: an empty catalog is not filled again
    return index.get((follow.filter, follow.value), [])


def follow_name(catalog: Catalog, follow: Follow, lang: str) -> str:
    """What a feed follows, as a reader names it: the category's or area's name, or the division's digits."""
    if follow.filter == "cpv":
        return follow.value
    return catalog.vocab.label(urls.TERM_KINDS[follow.filter], follow.value, lang)


def follow_title(catalog: Catalog, follow: Follow, lang: str) -> str:
    """A feed's title in lang: Nye indkøb i Aarhus, Nya upphandlingar: Städning."""
    return i18n.label(f"feed.follow_{follow.filter}", lang, name=follow_name(catalog, follow, lang)).text


def follow_subtitle(catalog: Catalog, follow: Follow, lang: str) -> str:
    """What a feed lists, in a sentence (for an area: which wider and narrower places count)."""
    name = follow_name(catalog, follow, lang)
    if follow.filter != "area":
        return i18n.label(f"feed.follow_about_{follow.filter}", lang, name=name).text
    kind = areas.kind(catalog.vocab, follow.value)
    wider = [catalog.vocab.label("areas", code, lang) for code in areas.parents(catalog.vocab, follow.value)[1:]]
    return i18n.label(f"feed.follow_about_{kind}", lang, name=name, region=wider[0], country=wider[-1]).text \
        if wider else i18n.label(f"feed.follow_about_{kind}", lang, name=name).text


def follow_paths(catalog: Catalog, follow: Follow, lang: str) -> dict[str, str]:
    """A feed's files in lang's site: its Atom feed and its calendar (a category's is the plan's category
    calendar), and the plan with the filter set (its address's fragment, as the plan's filters write it)."""
    word = urls.FOLLOW_KINDS[follow.filter][lang]
    if follow.filter == "cpv":
        stem = f"{word}-{follow.value}"
    else:
        stem = f"{word}-{urls.term_slugs(catalog.vocab, follow.filter, lang)[follow.value]}"
    calendar_path = (urls.output_path("tender_list", lang).rpartition("/")[0] + "/"
                     + urls.calendar_for_category(catalog.vocab, follow.value, lang)
                     if follow.filter == "category" else urls.output_path("follow_calendar", lang, stem))
    return {"atom": urls.output_path("follow_feed", lang, stem), "calendar": calendar_path,
            "plan": f"{urls.output_path('tender_list', lang)}#{follow.filter}={follow.value}"}


def follow_links(catalog: Catalog, follow: Follow, lang: str, page: str) -> dict:
    """A feed as a page links to it (page: the linking page's path in lang's site): title, and addresses
    relative to the page (the site works from file://): atom, calendar, plan; alternate for the page's head."""
    paths = {key: urls.relative(page, path) for key, path in follow_paths(catalog, follow, lang).items()}
    title = follow_title(catalog, follow, lang)
    return {"title": title, "filter": follow.filter, "value": follow.value, **paths,
            "alternate": {"href": paths["atom"], "title": title}}  # the page head's <link rel="alternate">


def atom(catalog: Catalog, lang: str, base_url: str, updated: dict[str, dt.datetime],
         follow: Follow | None = None) -> bytes:
    """An Atom feed (RFC 4287) in lang of every entry in the plan, or of those a Follow lists, newest change
    first; an empty feed is still a valid one (updated: the build's day)."""
    slugs = list(catalog.tenders) if follow is None else followed_entries(catalog, follow)
    path = urls.output_path("feed", lang) if follow is None else follow_paths(catalog, follow, lang)["atom"]
    plan = urls.output_path("tender_list", lang)
    feed = FeedGenerator()
    if follow is None:
        feed.id(f"{base_url}{lang}/{urls.SEGMENTS['tender'][lang]}/")
        feed.title(i18n.label("feed.title", lang).text)
        feed.subtitle(i18n.label("feed.subtitle", lang).text)
    else:
        feed.id(urls.published_url(base_url, path, lang))
        feed.title(follow_title(catalog, follow, lang))
        feed.subtitle(follow_subtitle(catalog, follow, lang))
        plan = follow_paths(catalog, follow, lang)["plan"]
    feed.language(lang)
    feed.link(href=urls.published_url(base_url, plan, lang), rel="alternate", type="text/html")
    feed.link(href=urls.published_url(base_url, path, lang), rel="self", type="application/atom+xml")
    feed.author({"name": "Bro"})
    newest = max((updated[s] for s in slugs), default=dt.datetime.combine(catalog.today, dt.time(), dt.UTC))
    feed.updated(newest)
    related: dict[str, str] = {}
    for slug in sorted(slugs, key=lambda s: updated[s]):
        record = catalog.tenders[slug]
        entry = feed.add_entry()
        url = urls.published_url(base_url, urls.record_path("tender", slug, lang), lang)
        entry.id(url)
        entry.title(i18n.localize(record.title, lang).text)
        entry.link(href=url)
        if record.ted:  # an entry imported from TED: its notice there, added below
            related[url] = record.ted.url
        entry.updated(updated[slug])
        summary = i18n.localize(record.description, lang)
        entry.summary(markdown_text.plain(summary.text)[:500] if summary else "")
        for code in record.categories:
            entry.category(term=code, label=catalog.vocab.label("categories", code, lang))
    return _with_related(feed.atom_str(pretty=True), related, i18n.label("ted.mark", lang).text)


def _with_related(xml: bytes, related: dict[str, str], title: str) -> bytes:
    """The feed with a rel="related" link (an entry's notice on TED) after each such entry's own link. feedgen 1.0
    writes an entry's links without their rel, which would make a second link a second "alternate"."""
    if not related:
        return xml
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(xml)
    for entry in root.iter(f"{atom}entry"):
        href = related.get(entry.findtext(f"{atom}id"))
        if href:
            own = entry.find(f"{atom}link")
            link = etree.Element(f"{atom}link", href=href, rel="related", title=title)
            link.tail = own.tail
            own.addnext(link)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def calendar_entries(catalog: Catalog, category: str | None = None) -> list[str]:
    """The entries whose key dates a plan calendar lists, by slug: those in calendars today (the calendar rule,
    TenderEntry.in_calendars), all of them or those in one category."""
    return [slug for slug, entry in sorted(catalog.tenders.items())
            if entry.in_calendars(catalog.today) and (category is None or category in entry.categories)]


def followed_calendar_entries(catalog: Catalog, follow: Follow) -> list[str]:
    """The entries a feed to follow's calendar lists: those it lists (followed_entries) that are in calendars."""
    return [slug for slug in followed_entries(catalog, follow) if catalog.tenders[slug].in_calendars(catalog.today)]


def calendar(catalog: Catalog, lang: str, base_url: str, slugs: list[str] | None = None,
             follow: Follow | None = None) -> bytes:
    """An iCalendar file with an all-day event for each key date (interest deadline, expected publication) of the
    given entries (default: every entry in calendars, calendar_entries), named for what it follows if anything."""
    cal = Calendar()
    cal.add("prodid", "-//Bro//Udbudsplan Upphandlingsplan//DA-SV")
    cal.add("version", "2.0")
    name = i18n.label("feed.calendar_name", lang).text
    if follow is not None:
        name = i18n.label("feed.follow_calendar", lang, title=follow_title(catalog, follow, lang)).text
        slugs = followed_calendar_entries(catalog, follow) if slugs is None else slugs
    cal.add("x-wr-calname", name)
    chosen = calendar_entries(catalog) if slugs is None else slugs
    # An entry's events appear in several files (all, its categories, its own): serialized once each, and
    # placed where icalendar places subcomponents, after the calendar's properties.
    head, end = cal.to_ical(), b"END:VCALENDAR\r\n"
    events = b"".join(_entry_events(catalog, slug, lang, base_url) for slug in chosen)
    return head[:-len(end)] + events + end


def _entry_events(catalog: Catalog, slug: str, lang: str, base_url: str) -> bytes:
    """One entry's events (its key dates) as iCalendar text, made once per build."""
    cache, key = catalog.derived.calendar_events, (slug, lang, base_url)
    if key in cache:
        return cache[key]
    entry = catalog.tenders[slug]
    title = i18n.localize(entry.title, lang).text
    url = urls.published_url(base_url, urls.record_path("tender", slug, lang), lang)
    out = []
    for field, day in entry.key_dates:
        event = Event()
        event.add("uid", f"{slug}-{field}@bro")
        event.add("dtstamp", dt.datetime.combine(catalog.today, dt.time(), dt.UTC))
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"{i18n.label('tender.' + field, lang).text}: {title}")
        event.add("description", f"{buyers.buyer_of(catalog, slug)['name']}\n{url}")
        event.add("url", url)
        event.add("categories", [catalog.vocab.label("categories", c, lang) for c in entry.categories])
        out.append(event.to_ical())
    cache[key] = b"".join(out)
    return cache[key]


def events_calendar(catalog: Catalog, lang: str, base_url: str) -> bytes:
    """An iCalendar file with every network event (all-day, over its days)."""
    cal = Calendar()
    cal.add("prodid", "-//Bro//Netvaerk Natverk//DA-SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", i18n.label("feed.events_name", lang).text)
    for slug, record in sorted(catalog.events.items()):
        data = record.data
        event = Event()
        event.add("uid", f"{slug}@bro-events")
        event.add("dtstamp", dt.datetime.combine(catalog.today, dt.time(), dt.UTC))
        event.add("dtstart", record.start)
        event.add("dtend", record.end + dt.timedelta(days=1))
        event.add("summary", i18n.localize(record.title, lang).text)
        event.add("location", i18n.localize(data["place"], lang).text)
        event.add("description", f"{data['organiser']}\n{i18n.localize(data['summary'], lang).text}")
        if data.get("url"):
            event.add("url", data["url"])
        cal.add_component(event)
    return cal.to_ical()
