"""MkDocs hook: the tender plan's extras — a page per buyer, and the feeds: Atom and an iCalendar file for all
entries and to follow each category, area and CPV division (bro.feeds.follows), and one calendar per entry ("add
to calendar")."""
from __future__ import annotations

import datetime as dt

import _state
from _generated import add_generated
from _state import Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from bro import feeds, history, urls, views


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the buyer pages and the feed files to the language's site under the plan's folder."""
    build = _state.of(config)
    catalog, lang, base = build.catalog, build.lang, build.settings.site_url
    for slug in catalog.derived.buyers:
        context = views.buyer_context(catalog, slug, lang)
        add_generated(files, build, urls.record_source("buyer", slug, lang), context["title"],
                      InclusionLevel.NOT_IN_NAV, Generated("buyer.html", dict, (context,)))
    default = dt.datetime.combine(catalog.today, dt.time(), dt.UTC)
    changed = history.last_changed(build.root, "tenders", catalog.today)
    updated = {slug: changed.get(slug, default) for slug in catalog.tenders}
    outputs = {urls.output_path("feed", lang): feeds.atom(catalog, lang, base, updated),
               urls.output_path("calendar", lang): feeds.calendar(catalog, lang, base)}
    for name in ("feed_sitemap", "follow_sitemap"):
        outputs[urls.output_path(name, lang)] = feeds.EMPTY_SITEMAP
    for follow in feeds.follows(catalog):
        paths = feeds.follow_paths(catalog, follow, lang)
        outputs[paths["atom"]] = feeds.atom(catalog, lang, base, updated, follow)
        outputs[paths["calendar"]] = feeds.calendar(catalog, lang, base, follow=follow)
    for slug in feeds.calendar_entries(catalog):  # the entries whose page links to their calendar
        outputs[urls.output_path("tender_calendar", lang, slug)] = feeds.calendar(catalog, lang, base, [slug])
    for path, content in outputs.items():
        files.append(File.generated(config, path, content=content))
    return files
