"""One eForms notice's XML read into a typed record, with the XPaths of the vendored SDK fields.json.

Nothing here raises on an odd notice: what cannot be read is left empty and `read_notice` returns the
problems it met alongside the record. Only XML that does not parse at all is an error (NoticeError).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from bro.ted.fields import load_fields, relative_xpath

# Namespaces the eForms XPaths use; a notice's own declarations are added on top.
NAMESPACES = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}


class NoticeError(ValueError):
    """The notice's XML cannot be parsed."""


@dataclass
class Organisation:
    id: str
    name: dict[str, str]  # eForms language code (DAN, SWE, ENG ...) -> text
    company_id: str = ""
    country: str = ""  # ISO 3166-1 alpha-3, as eForms writes it
    contact_name: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class Lot:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    cpv: list[str]  # eight digits, as the notice writes them
    reserved_participation: str = ""  # BT-71 code: none, res-ws, res-pub-ser
    reserved_execution: str = ""  # BT-736 code: yes, no
    estimated_value: str = ""
    currency: str = ""
    nuts: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    tender_deadline: str = ""  # BT-131(d), an xs:date possibly with a zone (2020-01-06+01:00)
    start: str = ""
    end: str = ""


@dataclass
class Notice:
    notice_id: str
    publication_number: str  # OPP-010, e.g. 00123456-2026 (may be empty before publication)
    notice_type: str
    subtype: str
    languages: list[str]
    issue_date: str
    procedure: str  # BT-105 code
    title: dict[str, str]
    description: dict[str, str]
    cpv: list[str]
    estimated_value: str
    currency: str
    nuts: list[str]
    countries: list[str]
    buyers: list[Organisation]
    lots: list[Lot]


def _ns(root) -> dict[str, str]:
    spaces = dict(NAMESPACES)
    spaces.update({prefix: uri for prefix, uri in root.nsmap.items() if prefix})
    return spaces


def _texts(node, xpath: str, spaces: dict) -> list[str]:
    found = node.xpath(xpath, namespaces=spaces)
    out = []
    for item in found:
        text = item if isinstance(item, str) else (item.text or "")
        text = " ".join(text.split())
        if text and text not in out:
            out.append(text)
    return out


def _first(node, xpath: str, spaces: dict) -> str:
    found = _texts(node, xpath, spaces)
    return found[0] if found else ""


def _multilingual(node, xpath: str, spaces: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in node.xpath(xpath, namespaces=spaces):
        text = (item.text or "").strip()
        if text:
            out.setdefault(item.get("languageID", "").upper(), text)
    return out


def _attribute(node, xpath: str, name: str, spaces: dict) -> str:
    for item in node.xpath(xpath, namespaces=spaces):
        if item.get(name):
            return item.get(name)
    return ""


def parse(xml: bytes):
    """The notice's root element; NoticeError when it is not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as err:
        raise NoticeError(str(err)) from err


def read_notice(xml: bytes) -> Notice:
    """The notice's fields Bro uses. Raises NoticeError only when the XML does not parse."""
    root = parse(xml)
    fields, _, _ = load_fields()
    spaces = _ns(root)

    def absolute(field_id: str) -> str:
        return fields[field_id].xpath

    def lot_path(field_id: str) -> str:
        return relative_xpath(field_id, "ND-Lot")

    def org_path(field_id: str) -> str:
        return relative_xpath(field_id, "ND-Organization")

    _, nodes, _ = load_fields()
    organisations = {}
    for node in root.xpath(nodes["ND-Organization"], namespaces=spaces):
        org = Organisation(
            id=_first(node, org_path("OPT-200-Organization-Company"), spaces),
            name=_multilingual(node, org_path("BT-500-Organization-Company"), spaces),
            company_id=_first(node, org_path("BT-501-Organization-Company"), spaces),
            country=_first(node, org_path("BT-514-Organization-Company"), spaces),
            contact_name=_first(node, org_path("BT-502-Organization-Company"), spaces),
            email=_first(node, org_path("BT-506-Organization-Company"), spaces),
            phone=_first(node, org_path("BT-503-Organization-Company"), spaces),
        )
        organisations.setdefault(org.id, org)
    buyer_ids = _texts(root, absolute("OPT-300-Procedure-Buyer"), spaces)
    buyers = [organisations[i] for i in buyer_ids if i in organisations]

    lots = []
    for node in root.xpath(nodes["ND-Lot"], namespaces=spaces):
        main = _texts(node, lot_path("BT-262-Lot"), spaces)
        extra = _texts(node, lot_path("BT-263-Lot"), spaces)
        lots.append(Lot(
            id=_first(node, lot_path("BT-137-Lot"), spaces),
            title=_multilingual(node, lot_path("BT-21-Lot"), spaces),
            description=_multilingual(node, lot_path("BT-24-Lot"), spaces),
            cpv=main + [code for code in extra if code not in main],
            reserved_participation=_first(node, lot_path("BT-71-Lot"), spaces),
            reserved_execution=_first(node, lot_path("BT-736-Lot"), spaces),
            estimated_value=_first(node, lot_path("BT-27-Lot"), spaces),
            currency=_attribute(node, lot_path("BT-27-Lot"), "currencyID", spaces),
            nuts=_texts(node, lot_path("BT-5071-Lot"), spaces),
            countries=_texts(node, lot_path("BT-5141-Lot"), spaces),
            towns=_texts(node, lot_path("BT-5131-Lot"), spaces),
            tender_deadline=_first(node, lot_path("BT-131(d)-Lot"), spaces),
            start=_first(node, lot_path("BT-536-Lot"), spaces),
            end=_first(node, lot_path("BT-537-Lot"), spaces),
        ))

    main = _texts(root, absolute("BT-262-Procedure"), spaces)
    extra = _texts(root, absolute("BT-263-Procedure"), spaces)
    return Notice(
        notice_id=_first(root, absolute("BT-701-notice"), spaces),
        publication_number=_first(root, absolute("OPP-010-notice"), spaces),
        notice_type=_first(root, absolute("BT-02-notice"), spaces),
        subtype=_first(root, absolute("OPP-070-notice"), spaces),
        languages=[code.upper() for code in _texts(root, absolute("BT-702(a)-notice"), spaces)],
        issue_date=_first(root, absolute("BT-05(a)-notice"), spaces),
        procedure=_first(root, absolute("BT-105-Procedure"), spaces),
        title=_multilingual(root, absolute("BT-21-Procedure"), spaces),
        description=_multilingual(root, absolute("BT-24-Procedure"), spaces),
        cpv=main + [code for code in extra if code not in main],
        estimated_value=_first(root, absolute("BT-27-Procedure"), spaces),
        currency=_attribute(root, absolute("BT-27-Procedure"), "currencyID", spaces),
        nuts=_texts(root, absolute("BT-5071-Procedure"), spaces),
        countries=_texts(root, absolute("BT-5141-Procedure"), spaces),
        buyers=buyers,
        lots=lots,
    )
