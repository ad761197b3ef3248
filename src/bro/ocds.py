"""The tender plan as an Open Contracting Data Standard 1.1 release package (planning-stage releases)."""
from __future__ import annotations

import datetime as dt

from bro import ORG_ID_SCHEMES, buyers, i18n, markdown_text, tenders, urls
from bro.catalog import Catalog

OCID_PREFIX = "ocds-bro000"  # placeholder until Bro registers its own prefix with the OCDS Data Support Team
EXTENSIONS = ["https://raw.githubusercontent.com/open-contracting-extensions/ocds_otherRequirements_extension/"
              "master/extension.json",
              "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contractTerms_extension/"
              "master/extension.json"]
COUNTRY_NAMES = {"DK": "Denmark", "SE": "Sweden"}
METHODS = {"open": "open", "restricted": "selective", "competitive_dialogue": "selective",
           "innovation_partnership": "selective", "negotiated": "limited", "direct_award": "direct",
           "dynamic_purchasing": "selective", "light_regime": "open", "below_threshold": "open",
           "partnership": "direct"}
# eForms BT-71 (reserved participation): art. 20 → res-ws, art. 77 → res-pub-ser; OCDS codes alike.
RESERVED = {"art20": "shelteredWorkshop", "art77": "publicServiceMissionOrganization"}
STATUS = {"planned": "planned", "published": "active", "awarded": "complete", "cancelled": "cancelled"}


def _time(day: dt.date) -> str:
    """An OCDS date-time for a plain date."""
    return f"{day.isoformat()}T00:00:00Z"


def _party(buyer: dict) -> dict:
    """The registry's buyer as an OCDS party with its organisation identifier (DK-CVR / SE-ON)."""
    digits = buyers.number_key(buyer["org_number"])
    scheme = ORG_ID_SCHEMES[buyer["country"]]
    return {"id": f"{scheme}-{digits}", "name": buyer["name"], "roles": ["buyer", "procuringEntity"],
            "identifier": {"scheme": scheme, "id": digits, "legalName": buyer["name"]},
            "address": {"countryName": COUNTRY_NAMES[buyer["country"]]}}


def release(catalog: Catalog, slug: str, published: dt.datetime) -> dict:
    """One planning-stage release for a tender plan entry."""
    entry, buyer = catalog.tenders[slug], buyers.buyer_of(catalog, slug)
    lang = "da" if buyer["country"] == "DK" else "sv"
    title = i18n.localize(entry.title, lang)
    description = i18n.localize(entry.description, lang)
    party = _party(buyer)
    tender = {
        "id": slug, "title": title.text, "description": markdown_text.plain(description.text),
        "status": STATUS[entry.status], "procuringEntity": {"id": party["id"], "name": party["name"]},
        "procurementMethod": METHODS[entry.procedure], "procurementMethodDetails": entry.procedure,
        "mainProcurementCategory": "works" if tenders.threshold_kind(entry.data) == "works" else "services",
        "items": [{"id": str(i + 1), "classification": {"scheme": "CPV", "id": code.split("-")[0]}}
                  for i, code in enumerate(entry.cpv)],
    }
    if entry.estimated_value:
        tender["value"] = {"amount": entry.estimated_value.amount, "currency": entry.estimated_value.currency}
    period = entry.contract_period
    if period:
        tender["contractPeriod"] = {"startDate": _time(period.start),
                                    **({"endDate": _time(period.end)} if period.end else {})}
    publication = entry.date_of("expected_publication")
    if publication:
        tender["tenderPeriod"] = {"startDate": _time(publication)}
    if entry.reserved in RESERVED:
        tender["otherRequirements"] = {"reservedParticipation": [RESERVED[entry.reserved]]}
    if entry.execution_code:  # eForms BT-736 → contractTerms.reservedExecution (true for 'yes')
        tender["contractTerms"] = {"reservedExecution": entry.execution_reserved}
    page = urls.site_url(urls.record_path("tender", slug, lang), lang)
    # an entry from TED links its notice as a document of its own (below); Bro's page is then the planning document
    document = {"id": f"{slug}-notice", "documentType": "plannedProcurementNotice", "title": title.text,
                "url": page if entry.ted else entry.notice_url or page, "language": lang, "format": "text/html"}
    planning = {"documents": [document]}
    if entry.ted:
        _add_ted_notice(entry, planning, tender)
    deadline = entry.date_of("interest_deadline")
    if deadline:
        planning["milestones"] = [{"id": f"{slug}-interest", "title": "Deadline for expressions of interest",
                                   "type": "engagement", "dueDate": _time(deadline),
                                   "status": "met" if deadline < catalog.today else "scheduled"}]
    return {"ocid": f"{OCID_PREFIX}-{slug}", "id": f"{slug}-planning-{catalog.today.isoformat()}",
            "date": published.isoformat(timespec="seconds").replace("+00:00", "Z"), "tag": ["planning"],
            "initiationType": "tender", "language": lang, "parties": [party],
            "buyer": {"id": party["id"], "name": party["name"]}, "planning": planning, "tender": tender}


def _add_ted_notice(entry, planning: dict, tender: dict) -> None:
    """The notice on TED an imported entry came from, as an OCDS document identified by its publication number
    (OCDS 1.1 documentType codelist: a prior information notice is a plannedProcurementNotice, listed under
    planning; a contract notice is a tenderNotice, under tender), and TED's tender deadline when it gives one."""
    planned = entry.status == "planned"
    if entry.ted.tender_deadline:  # BT-131: tenderPeriod.endDate is the closing date for submissions
        tender.setdefault("tenderPeriod", {})["endDate"] = _time(entry.ted.tender_deadline)
    notice = {"id": entry.ted.publication_number,
              "documentType": "plannedProcurementNotice" if planned else "tenderNotice",
              "title": f"TED {entry.ted.publication_number}", "url": entry.ted.url, "format": "text/html"}
    (planning if planned else tender).setdefault("documents", []).append(notice)


def release_package(catalog: Catalog, published: dt.datetime, uri: str) -> dict:
    """Every tender plan entry as one OCDS 1.1 release package."""
    return {"uri": uri, "version": "1.1", "extensions": EXTENSIONS,
            "publishedDate": published.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "publisher": {"name": "Bro"}, "license": "https://creativecommons.org/publicdomain/zero/1.0/",
            "publicationPolicy": "https://github.com/bro-socialt-indkob/bro#open-data",
            "releases": [release(catalog, slug, published) for slug in sorted(catalog.tenders)]}
