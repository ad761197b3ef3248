"""Machine-readable descriptions of a page: schema.org JSON-LD and Open Graph (pure data, no markup)."""
from __future__ import annotations

import json

from markupsafe import Markup

from bro import ORG_ID_SCHEMES, i18n
from bro.catalog import Catalog

OG_LOCALE = {"da": "da_DK", "sv": "sv_SE"}


def organization(catalog: Catalog, slug: str, lang: str) -> dict:
    """schema.org Organization for a supplier profile."""
    supplier = catalog.suppliers[slug]
    summary = i18n.localize(supplier.summary, lang)
    address = supplier.address
    result = {
        "@context": "https://schema.org", "@type": "Organization", "name": supplier.name,
        "description": summary.text if summary else "",  # plain text: as written
        "identifier": {"@type": "PropertyValue", "propertyID": ORG_ID_SCHEMES[supplier.country],
                       "value": supplier.org_number},
        "areaServed": [catalog.vocab.label("areas", code, lang) if code != "national"
                       else catalog.vocab.label("countries", supplier.country, lang)
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


def script_json(value: dict) -> Markup:
    """JSON safe to place inside a <script> element (no '</script>', no HTML comment openers), marked safe
    for autoescaping templates."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def open_graph(title: str, description: str, lang: str, kind: str = "website") -> dict:
    """Open Graph properties for a page."""
    return {"og:title": title, "og:description": description, "og:type": kind, "og:locale": OG_LOCALE[lang],
            "og:site_name": "Bro"}
