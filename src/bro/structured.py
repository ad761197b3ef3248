"""Machine-readable descriptions of a page: schema.org JSON-LD and Open Graph (pure data, no markup)."""
from __future__ import annotations

import json

from markupsafe import Markup

from bro import ORG_ID_SCHEMES, i18n
from bro.catalog import Catalog

OG_LOCALE = {"da": "da_DK", "sv": "sv_SE"}


def organization(catalog: Catalog, slug: str, lang: str) -> dict:
    """schema.org Organization for a supplier profile."""
    data = catalog.suppliers[slug].data
    summary = i18n.localize(data.get("summary"), lang)
    address = data.get("address") or {}
    result = {
        "@context": "https://schema.org", "@type": "Organization", "name": data["name"],
        "description": summary.text if summary else "",  # plain text: as written
        "identifier": {"@type": "PropertyValue", "propertyID": ORG_ID_SCHEMES[data["country"]],
                       "value": data["org_number"]},
        "areaServed": [catalog.vocab.label("areas", code, lang) if code != "national"
                       else catalog.vocab.label("countries", data["country"], lang) for code in data["delivery_area"]],
        "knowsAbout": [catalog.vocab.label("categories", code, lang) for code in data["categories"]],
    }
    if data.get("website"):
        result["url"] = data["website"]
    if data.get("founded"):
        result["foundingDate"] = str(data["founded"])
    if data.get("legal_form"):
        result["legalName"] = data["name"]
    if address:
        result["address"] = {"@type": "PostalAddress", "addressCountry": data["country"],
                             **{key: address[field] for key, field in (("streetAddress", "street"),
                                ("postalCode", "postcode"), ("addressLocality", "city")) if address.get(field)}}
    contacts = [c for c in data.get("contacts") or [] if c.get("email") or c.get("phone")]
    if contacts:
        result["contactPoint"] = [{"@type": "ContactPoint", "name": c["name"],
                                   **({"email": c["email"]} if c.get("email") else {}),
                                   **({"telephone": c["phone"]} if c.get("phone") else {})} for c in contacts]
    if data.get("languages"):
        result["knowsLanguage"] = data["languages"]
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
