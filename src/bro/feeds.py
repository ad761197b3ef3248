"""Feeds of the tender plan: Atom (new and changed entries) and iCalendar (deadlines, publications)."""
from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event
from lxml import etree

from bro import buyers, i18n, markdown_text, urls
from bro.catalog import Catalog


def atom(catalog: Catalog, lang: str, base_url: str, updated: dict[str, dt.datetime]) -> bytes:
    """An Atom feed of every entry in the plan, newest change first, in lang."""
    feed = FeedGenerator()
    feed.id(f"{base_url}{lang}/{urls.SEGMENTS['tender'][lang]}/")
    feed.title(i18n.label("feed.title", lang).text)
    feed.subtitle(i18n.label("feed.subtitle", lang).text)
    feed.language(lang)
    feed.link(href=urls.published_url(base_url, urls.output_path("tender_list", lang), lang), rel="alternate")
    feed.author({"name": "Bro"})
    newest = max(updated.values(), default=dt.datetime.combine(catalog.today, dt.time(), dt.UTC))
    feed.updated(newest)
    related: dict[str, str] = {}
    for slug in sorted(catalog.tenders, key=lambda s: updated[s]):
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


def calendar(catalog: Catalog, lang: str, base_url: str, slugs: list[str] | None = None) -> bytes:
    """An iCalendar file with an all-day event for each key date (interest deadline, expected publication) of the
    given entries (default: every entry in calendars, calendar_entries)."""
    cal = Calendar()
    cal.add("prodid", "-//Bro//Udbudsplan Upphandlingsplan//DA-SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", i18n.label("feed.calendar_name", lang).text)
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
