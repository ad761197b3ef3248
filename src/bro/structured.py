"""Machine-readable descriptions of a page: schema.org JSON-LD and Open Graph (pure data, no markup).

One mapping per kind of page, written here once; the hooks only hand a page in (`Page`) and insert what `head`
returns (overrides/bro/head.html):

- the home page: `WebSite`, with a `SearchAction` that opens the supplier directory with the words searched for
  (the directory's address state, `#q=…`, assets/bro/url-state.js);
- a supplier's profile: `Organization`;
- a tender entry: `Demand` (schema.org: "the public, not necessarily binding, not necessarily exclusive,
  announcement by an organization or person to seek a certain type of goods or services"), which its buyer
  `seeks`. Demand takes Offer's properties: the service sought (`itemOffered`, a `Service` with the entry's
  categories and CPV codes), where it is delivered (`areaServed`), when it is to be delivered
  (`availabilityStarts`/`availabilityEnds`: the contract period), until when companies can answer (`validThrough`:
  the deadline for interest) and its estimated value without VAT (`priceSpecification`). A buyer is not the
  `seller` (the one who offers the goods), so the entry names none;
- a buyer's page: `GovernmentOrganization`, which `seeks` its open entries;
- a case and a page of the knowledge bank: `Article` (`dateModified`: the page's review date, a case's last change);
- the events page: one `Event` per event; the glossary: a `DefinedTermSet`;
- every page below the home page: a `BreadcrumbList` of the pages above it;
- every page: Open Graph (title, description, type, address, locale).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from bro import LANGUAGES, ORG_ID_SCHEMES, buyers, i18n, markdown_text, tenders, urls
from bro.catalog import Catalog

OG_LOCALE = {"da": "da_DK", "sv": "sv_SE"}
SCHEMA = "https://schema.org"
SITE_NAME = "Bro"
DESCRIPTION_LENGTH = 300  # a link preview's description: about two lines of a search result or a chat preview
# The knowledge bank's articles (keys of bro.urls.CONTENT_PAGES); its front page is a list of them.
ARTICLES = ("getting_started", "reserved_contracts", "reserved_welfare", "social_clauses", "social_award_criteria",
            "innovation_partnerships", "partnerships", "below_thresholds", "barriers")
CPV = {"@type": "CategoryCodeSet", "name": "Common Procurement Vocabulary (CPV)"}


@dataclass(frozen=True)
class Page:
    """A page as the hooks know it: its language, its path in that language's site (vidensbank/eksempler/x.html),
    its title and description as plain text ('' when it has no description of its own), the published site's
    address (extra.bro_site_url, ending in '/') and the day its text was last reviewed (front matter `reviewed`)."""

    lang: str
    path: str
    title: str
    description: str
    site_url: str
    reviewed: dt.date | None = None


@dataclass(frozen=True)
class Site:
    """What every page's description may need of the rest of the site: the titles of the pages above it (path →
    title), the home page's description (the fallback of a page without its own) and when each case's file last
    changed (slug → time; empty without git)."""

    titles: Mapping[str, str]
    description: str = ""
    cases_changed: Mapping[str, dt.datetime] | None = None


@dataclass(frozen=True)
class Head:
    """What a page's head carries: its description (plain text), its Open Graph properties and its JSON-LD (safe to
    place in a <script> element; None when the page has none)."""

    description: str
    open_graph: dict[str, str]
    jsonld: Markup | None


def head(catalog: Catalog, page: Page, site: Site) -> Head:
    """A page's description, Open Graph properties and JSON-LD."""
    kind, slug = page_kind(page.path, page.lang)
    description = _shorten(_description(catalog, kind, slug, page) or site.description)
    nodes = _nodes(catalog, kind, slug, page, site)
    if "/" in page.path:
        nodes.append(breadcrumbs(page, site.titles))
    article = kind == "case" or (kind == "content" and slug in ARTICLES)
    graph = None
    if nodes:
        graph = {"@context": SCHEMA, **nodes[0]} if len(nodes) == 1 else {"@context": SCHEMA, "@graph": nodes}
    return Head(description, open_graph(page.title, description, page.lang, "article" if article else "website",
                                        url(page)), script_json(graph) if graph else None)


def page_kind(path: str, lang: str) -> tuple[str, str | None]:
    """What a page of lang's site is: ('home', None), ('content', key of urls.CONTENT_PAGES), a record page
    (kind of urls.SEGMENTS, its slug) or a single page ('events', 'glossary', 'supplier_list', …, None)."""
    for key, sources in urls.CONTENT_PAGES.items():
        if path == urls.source_to_page(sources[lang]):
            return ("home", None) if key == "home" else ("content", key)
    for name, output in urls.OUTPUTS.items():
        if output.kind is None and output.path(lang) == path:
            return name, None
    folders = sorted(((urls.SEGMENTS[kind][lang] + "/", kind) for kind in urls.SEGMENTS), key=lambda p: -len(p[0]))
    for folder, kind in folders:
        rest = path.removeprefix(folder)
        if rest != path and "/" not in rest and rest.endswith(".html"):
            return kind, rest.removesuffix(".html")
    return "page", None


def url(page: Page, path: str | None = None) -> str:
    """The published address of the page (or of another page of its language's site)."""
    return urls.published_url(page.site_url, page.path if path is None else path, page.lang)


def _description(catalog: Catalog, kind: str, slug: str | None, page: Page) -> str:
    """A page's own description as plain text: its record's summary or text, else what the page says of itself."""
    lang = page.lang
    if kind == "supplier" and slug in catalog.suppliers:
        return _text(catalog.suppliers[slug].summary, lang)
    if kind == "tender" and slug in catalog.tenders:
        return markdown_text.plain(_text(catalog.tenders[slug].description, lang))
    if kind == "case" and slug in catalog.cases:
        return _text(catalog.cases[slug].summary, lang)
    if kind == "buyer" and slug in catalog.derived.buyers:
        return i18n.label("buyer.description", lang, name=catalog.derived.buyers[slug]["name"]).text
    if page.description:
        return page.description
    if kind in ("events", "glossary", "case_list"):  # a collection's page: its introduction
        return i18n.label("case.list_intro" if kind == "case_list" else f"{kind}.intro", lang).text
    if kind == "supplier_list":
        return i18n.label("supplier.list_intro", lang, count=len(catalog.suppliers)).text
    if kind == "tender_list":
        return i18n.label("tender.list_intro", lang, count=tenders.counts(catalog)["open"]).text
    return ""


def _text(value, lang: str) -> str:
    """A {da, sv} text in lang (or the other language when lang is missing), '' when there is none."""
    found = i18n.localize(value, lang)
    return found.text if found else ""


def _shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """A text cut at a word before length characters, with an ellipsis when cut."""
    if len(text) <= length:
        return text  # as written
    text = " ".join(text.split())
    cut = text[:length - 1].rsplit(" ", 1)[0] if " " in text[:length - 1] else text[:length - 1]
    return cut.rstrip(" ,;:–-") + "…"


def _nodes(catalog: Catalog, kind: str, slug: str | None, page: Page, site: Site) -> list[dict]:
    """The schema.org nodes that describe what the page is about."""
    if kind == "home":
        return [website(page)]
    if kind == "supplier" and slug in catalog.suppliers:
        return [organization(catalog, slug, page.lang)]
    if kind == "tender" and slug in catalog.tenders:
        return demand(catalog, slug, page)
    if kind == "buyer" and slug in catalog.derived.buyers:
        return [government_organization(catalog, slug, page)]
    if kind == "case" and slug in catalog.cases:
        changed = (site.cases_changed or {}).get(slug)
        return [case_article(catalog, slug, page, changed.date() if changed else None)]
    if kind == "content" and slug in ARTICLES:
        return [article(page)]
    if kind == "events":
        return [event(catalog, key, page) for key in sorted(catalog.events, key=lambda k: catalog.events[k].start)]
    if kind == "glossary":
        return [glossary(catalog, page)]
    return []


def website(page: Page) -> dict:
    """The site in one language, and how to search its supplier directory."""
    directory = url(page, urls.output_path("supplier_list", page.lang))
    return {"@type": "WebSite", "@id": url(page) + "#website", "name": SITE_NAME, "url": url(page),
            "inLanguage": page.lang, "description": _shorten(page.description),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": directory + "#q={query}"},
                "query-input": {"@type": "PropertyValueSpecification", "valueRequired": True,
                                "valueName": "query"}}}


def organization(catalog: Catalog, slug: str, lang: str) -> dict:
    """schema.org Organization for a supplier profile."""
    supplier = catalog.suppliers[slug]
    summary = i18n.localize(supplier.summary, lang)
    address = supplier.address
    result = {
        "@type": "Organization", "name": supplier.name,
        "description": summary.text if summary else "",  # plain text: as written
        "identifier": {"@type": "PropertyValue", "propertyID": ORG_ID_SCHEMES[supplier.country],
                       "value": supplier.org_number},
        "areaServed": [_area(catalog, supplier.country if code == "national" else code, lang)
                       for code in supplier.delivery_area],
        "knowsAbout": [catalog.vocab.label("categories", code, lang) for code in supplier.categories],
    }
    if supplier.website:
        result["url"] = supplier.website
    if supplier.founded:
        result["foundingDate"] = str(supplier.founded)
    if supplier.legal_form:
        result["legalName"] = supplier.name
    if address:
        result["address"] = {"@type": "PostalAddress", "addressCountry": supplier.country,
                             **{key: value for key, value in (("streetAddress", address.street),
                                ("postalCode", address.postcode), ("addressLocality", address.city)) if value}}
    contacts = [c for c in supplier.contacts if c.email or c.phone]
    if contacts:
        result["contactPoint"] = [{"@type": "ContactPoint", "name": c.name,
                                   **({"email": c.email} if c.email else {}),
                                   **({"telephone": c.phone} if c.phone else {})} for c in contacts]
    if supplier.languages:
        result["knowsLanguage"] = list(supplier.languages)
    return result


def _area(catalog: Catalog, code: str, lang: str) -> dict:
    """An area as schema.org names it: a country, or a region or municipality (an administrative area)."""
    if code in catalog.vocab.tables["countries"]:
        return {"@type": "Country", "name": catalog.vocab.label("countries", code, lang), "identifier": code}
    return {"@type": "AdministrativeArea", "name": catalog.vocab.label("areas", code, lang)}


def _buyer_id(page: Page, slug: str) -> str:
    """The JSON-LD identifier of a registry buyer: its page's address (one node for the entry and the buyer page)."""
    return url(page, urls.record_path("buyer", slug, page.lang)) + "#organization"


def _demand_id(page: Page, slug: str) -> str:
    """The JSON-LD identifier of a tender entry's Demand: its page's address."""
    return url(page, urls.record_path("tender", slug, page.lang)) + "#demand"


def demand(catalog: Catalog, slug: str, page: Page) -> list[dict]:
    """A tender entry as schema.org Demand, and its buyer, who seeks it (see the module's description)."""
    entry, lang = catalog.tenders[slug], page.lang
    title = _text(entry.title, lang)
    service = {"@type": "Service", "name": title,
               "category": [catalog.vocab.label("categories", code, lang) for code in entry.categories]
               + [{"@type": "CategoryCode", "codeValue": code, "inCodeSet": CPV} for code in entry.cpv]}
    result = {"@type": "Demand", "@id": _demand_id(page, slug), "url": url(page), "name": title,
              "description": markdown_text.plain(_text(entry.description, lang)), "itemOffered": service,
              "areaServed": [_area(catalog, entry.buyer_country if code == "national" else code, lang)
                             for code in entry.delivery_area]}
    if entry.contract_period:
        result["availabilityStarts"] = entry.contract_period.start.isoformat()
        if entry.contract_period.end:
            result["availabilityEnds"] = entry.contract_period.end.isoformat()
    deadline = entry.date_of("interest_deadline")
    if deadline:
        result["validThrough"] = deadline.isoformat()
    if entry.estimated_value:  # the schema: "estimated total value without VAT"
        result["priceSpecification"] = {"@type": "PriceSpecification", "price": entry.estimated_value.amount,
                                        "priceCurrency": entry.estimated_value.currency,
                                        "valueAddedTaxIncluded": False}
    buyer = buyers.buyer_of(catalog, slug)
    return [result, {**_buyer_node(catalog, buyer, page), "seeks": {"@id": result["@id"]}}]


def _buyer_node(catalog: Catalog, buyer: dict, page: Page) -> dict:
    """A registry buyer (bro.buyers' details) as schema.org GovernmentOrganization."""
    country = buyer["country"]
    result = {"@type": "GovernmentOrganization", "@id": _buyer_id(page, buyer["slug"]), "name": buyer["name"],
              "identifier": {"@type": "PropertyValue", "propertyID": ORG_ID_SCHEMES[country],
                             "value": buyer["org_number"]},
              "address": {"@type": "PostalAddress", "addressCountry": country}}
    if buyer.get("municipality"):  # where the authority has its seat
        result["location"] = _area(catalog, buyer["municipality"], page.lang)
    if buyer.get("website"):
        result["url"] = buyer["website"]
    return result


def government_organization(catalog: Catalog, slug: str, page: Page) -> dict:
    """A buyer's page: the buyer, and the open entries it seeks."""
    buyer = catalog.derived.buyers[slug]
    result = _buyer_node(catalog, buyer, page)
    if buyer["open"]:
        result["seeks"] = [{"@id": _demand_id(page, entry)} for entry in buyer["open"]]
    return result


def case_article(catalog: Catalog, slug: str, page: Page, changed: dt.date | None) -> dict:
    """A case of the knowledge bank as an Article, citing its sources."""
    case = catalog.cases[slug]
    title = i18n.localize(case.title, page.lang)
    result = {"@type": "Article", "@id": url(page) + "#article", "url": url(page), "headline": title.text,
              "name": title.text, "description": _text(case.summary, page.lang), "inLanguage": title.lang,
              "citation": [{"@type": "CreativeWork", "name": source.title, "url": source.url}
                           for source in case.sources]}
    if changed:
        result["dateModified"] = changed.isoformat()
    return result


def article(page: Page) -> dict:
    """A page of the knowledge bank as an Article, modified when its text was last reviewed."""
    result = {"@type": "Article", "@id": url(page) + "#article", "url": url(page), "headline": page.title,
              "name": page.title, "description": page.description, "inLanguage": page.lang}
    if page.reviewed:
        result["dateModified"] = page.reviewed.isoformat()
    return result


def event(catalog: Catalog, slug: str, page: Page) -> dict:
    """An event of the knowledge bank: online or in a place, in one language, organised by someone."""
    record, lang = catalog.events[slug], page.lang
    place = _text(record.place, lang)
    result = {"@type": "Event", "@id": f"{url(page)}#{slug}", "name": _text(record.title, lang),
              "startDate": record.start.isoformat(), "endDate": record.end.isoformat(),
              "description": _text(record.summary, lang), "inLanguage": record.language,
              "organizer": {"@type": "Organization", "name": record.organiser},
              "eventAttendanceMode": f"{SCHEMA}/{'Online' if record.online else 'Offline'}EventAttendanceMode",
              "location": {"@type": "VirtualLocation" if record.online else "Place", "name": place}}
    if record.url:
        result["url"] = record.url
    return result


def glossary(catalog: Catalog, page: Page) -> dict:
    """The glossary: each term in the page's language, with its name in the other languages."""
    lang = page.lang
    terms = sorted(catalog.glossary.values(), key=lambda term: getattr(term, lang).casefold())
    return {"@type": "DefinedTermSet", "@id": url(page) + "#terms", "url": url(page), "name": page.title,
            "inLanguage": lang,
            "hasDefinedTerm": [{"@type": "DefinedTerm", "name": getattr(term, lang),
                                "alternateName": [getattr(term, other) for other in LANGUAGES if other != lang]}
                               for term in terms]}


def breadcrumbs(page: Page, titles: Mapping[str, str]) -> dict:
    """The pages above a page (the home page, then each folder's front page that exists), and the page itself."""
    parts = page.path.split("/")
    above = ["index.html"] + ["/".join(parts[:depth]) + "/index.html" for depth in range(1, len(parts))]
    trail = [(SITE_NAME if path == "index.html" else titles[path], path)
             for path in above if path != page.path and (path == "index.html" or path in titles)]
    trail.append((page.title, page.path))
    return {"@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": number, "name": name,
                                 # a page, not a string: `item` takes a Thing (a string would be text in JSON-LD)
                                 "item": {"@type": "WebPage", "@id": url(page, path), "name": name}}
                                for number, (name, path) in enumerate(trail, 1)]}


def script_json(value: dict) -> Markup:
    """JSON safe to place inside a <script> element (no '</script>', no HTML comment openers), marked safe
    for autoescaping templates."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def landing(site_url: str) -> dict:
    """Open Graph of the bilingual landing page at the site's root (overrides/bro/landing.html): the two languages'
    titles and leads, Danish first as on the page."""
    title = f"{SITE_NAME} – sociale indkøb · sociala inköp"  # the page's <title> (its heading marks each language)
    description = " / ".join(i18n.label("landing.lead", lang).text for lang in LANGUAGES)
    return open_graph(title, description, LANGUAGES[0], "website", site_url)


def open_graph(title: str, description: str, lang: str, kind: str = "website", address: str | None = None) -> dict:
    """Open Graph properties for a page (og:locale:alternate: the other language, in which every page exists)."""
    result = {"og:title": title, "og:description": description, "og:type": kind}
    if address:
        result["og:url"] = address
    return {**result, "og:locale": OG_LOCALE[lang], "og:locale:alternate": OG_LOCALE[i18n.other(lang)],
            "og:site_name": SITE_NAME}
