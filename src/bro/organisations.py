"""Who helps where: the support organisations' pages, one "who helps where" page per country (the organisations by
region, with the values to filter by tool and region) and the "who can help" block at the end of each tool page of
the knowledge bank (pure functions of the catalog; the tables behind them are computed once in bro.derived)."""
from __future__ import annotations

from bro import HOME_COUNTRY, i18n, urls
from bro.catalog import Catalog
from bro.knowledge import INSTRUMENT_PAGES
from bro.model import Organisation
from bro.vocab import Vocabularies

COUNTRIES = tuple(HOME_COUNTRY.values())
NATIONAL = "national"  # the group of organisations that help in the whole of a country
# The tool page (a key of bro.urls.CONTENT_PAGES) → the instrument its "who can help" block is about.
PAGE_INSTRUMENTS = {page: instrument for instrument, page in INSTRUMENT_PAGES.items()}


def home_first(lang: str) -> tuple[str, ...]:
    """The two countries, the reader's own first (Danish readers: Denmark)."""
    home = HOME_COUNTRY[lang]
    return (home, *(c for c in COUNTRIES if c != home))


def regions_of(vocab: Vocabularies, country: str) -> list[str]:
    """A country's regions (DK01–DK05, the Swedish län) in the vocabulary's order."""
    return [code for code in vocab.codes("regions") if vocab.entry("regions", code).get("country") == country]


def regions_served(org: Organisation, country: str, vocab: Vocabularies) -> list[str]:
    """The regions of a country an organisation helps in (all of them when it helps in the whole country)."""
    return [region for region in regions_of(vocab, country) if org.serves_region(region, vocab)]


def places(org: Organisation, country: str, vocab: Vocabularies, lang: str) -> str:
    """Where in a country it helps, in words: "Hele Sverige", or its regions and municipalities by name."""
    if org.serves_whole(country):
        return i18n.label(f"help.whole_{country.lower()}", lang).text
    return ", ".join(vocab.label("areas", code, lang) for code in org.places_in(country))


def card(catalog: Catalog, org: Organisation, country: str, lang: str) -> dict:
    """One organisation as a card of a list: name, page, what it does, where, its tools; the filter's tokens."""
    vocab = catalog.vocab
    return {"slug": org.slug, "name": org.name, "path": urls.record_path("organisation", org.slug, lang),
            "summary": org.summary, "kind": vocab.label("organisation_kinds", org.organisation_kind, lang),
            "places": places(org, country, vocab, lang),
            "instruments": [vocab.label("instruments", code, lang) for code in org.instruments],
            "tokens": {"instrument": " ".join(org.instruments),
                       "region": " ".join(regions_served(org, country, vocab))}}


def country_context(catalog: Catalog, country: str, lang: str) -> dict:
    """The "who helps where" page of one country: its organisations in groups, those for the whole country first,
    then one group per region with those that help in (a part of) it; the filters' options (tools in the
    vocabulary's order, the country's regions); the other country's page."""
    vocab = catalog.vocab
    orgs = catalog.derived.organisations_in[country]
    groups = [{"code": NATIONAL, "label": i18n.label(f"help.whole_{country.lower()}", lang).text,
               "items": [card(catalog, o, country, lang) for o in orgs if o.serves_whole(country)]}]
    for region in regions_of(vocab, country):
        inside = [o for o in orgs if not o.serves_whole(country) and o.serves_region(region, vocab)]
        if inside:
            groups.append({"code": region, "label": vocab.label("regions", region, lang),
                           "items": [card(catalog, o, country, lang) for o in inside]})
    other = next(c for c in COUNTRIES if c != country)
    return {"country": country, "count": len(orgs), "groups": [g for g in groups if g["items"]],
            "instruments": [(code, vocab.label("instruments", code, lang)) for code in vocab.codes("instruments")],
            "regions": [(code, vocab.label("regions", code, lang)) for code in regions_of(vocab, country)],
            "other_page": urls.help_path(other, lang), "other_country": vocab.label("countries", other, lang)}


def organisation_context(catalog: Catalog, slug: str, lang: str) -> dict:
    """One organisation's page: what it does, which tools (linked to the knowledge bank) and categories, where,
    in which languages, its general contact details, its sources and when they were checked, its upcoming
    events."""
    org, vocab = catalog.organisations[slug], catalog.vocab
    return {"name": org.name, "summary": org.summary,
            "kind": vocab.label("organisation_kinds", org.organisation_kind, lang),
            "instruments": [{"label": vocab.label("instruments", code, lang),
                             "path": urls.content_path(INSTRUMENT_PAGES[code], lang)} for code in org.instruments],
            "categories": [{"label": vocab.label("categories", code, lang),
                            "path": urls.term_path(vocab, "category", code, lang)} for code in org.categories],
            "where": [{"country": vocab.label("countries", country, lang), "places": places(org, country, vocab, lang),
                       "path": urls.help_path(country, lang)} for country in org.countries],
            "languages": [vocab.label("languages", code, lang) for code in org.languages],
            "email": org.email, "phone": org.phone, "website": org.website, "sources": org.sources,
            "checked": org.checked.isoformat(), "stale": org.is_stale(catalog.today),
            "events": [{"title": e.title, "start": e.start.isoformat(), "end": e.end.isoformat(),
                        "url": e.url, "place": e.place}
                       for e in org.upcoming_events(catalog.events, catalog.today)],
            "events_page": urls.output_path("events", lang)}


def who_can_help(catalog: Catalog, page_key: str, lang: str) -> dict | None:
    """The "who can help" block of a knowledge-bank tool page (None for any other page): per country, the reader's
    own first, the organisations that help with the page's tool, and the country's page filtered by the tool."""
    instrument = PAGE_INSTRUMENTS.get(page_key)
    if instrument is None or page_key not in urls.CONTENT_PAGES:
        return None
    countries = []
    for country in home_first(lang):
        orgs = [o for o in catalog.derived.organisations_for[instrument] if country in o.countries]
        countries.append({"label": catalog.vocab.label("countries", country, lang),
                          "items": [card(catalog, o, country, lang) for o in orgs],
                          "path": f"{urls.help_path(country, lang)}#instrument={instrument}"})
    return {"instrument": instrument, "countries": countries}


def page_key(src_uri: str, lang: str) -> str | None:
    """The key of bro.urls.CONTENT_PAGES for a content page's source in lang, or None."""
    return next((key for key, table in urls.CONTENT_PAGES.items() if table[lang] == src_uri), None)

