"""Reserved contracts: the legal basis in the reader's country, and the one wording for a supplier's declared
eligibility. Every page, badge, facet, script label and change summary that says a supplier can take part in
reserved contracts takes its words from here, so the site says it one way and names the law of the reader's
country (udbudsloven § 54 for a Danish reader, LOU 4 kap. 18 § for a Swedish one)."""
from __future__ import annotations

from bro.vocab import Vocabularies

READER_COUNTRY = {"da": "DK", "sv": "SE"}
# The reservation for work-integration enterprises (directive art. 20): what the directory's facet and badge mean.
WORK_INTEGRATION = "art20"

_DECLARES = {"da": "Erklærer at opfylde betingelserne for reserverede kontrakter ({law})",
             "sv": "Uppger att företaget uppfyller villkoren för reserverade kontrakt ({law})"}
_NOT_DECLARED = {"da": "Har ikke erklæret at opfylde betingelserne for reserverede kontrakter",
                 "sv": "Har inte uppgett att företaget uppfyller villkoren för reserverade kontrakt"}


def legal_basis(vocab: Vocabularies, basis: str | None, lang: str) -> str | None:
    """The provision behind a reservation in the reader's country (udbudsloven § 54 / LOU 4 kap. 18 §);
    where that country has none, the other country's, named with its country."""
    if not basis:
        return None
    provisions = vocab.entry("reservations", basis).get("legal_basis", {})
    reader = READER_COUNTRY[lang]
    if reader in provisions:
        return provisions[reader]
    for country, provision in provisions.items():
        return f"{provision}, {vocab.label('countries', country, lang)}"
    return None


def declared_basis(data: dict) -> str | None:
    """The reservation a supplier declares it is eligible for (None when it declares none)."""
    reserved = data.get("reserved_contracts")
    if isinstance(reserved, dict) and reserved.get("eligible") is True:
        return reserved.get("basis") or WORK_INTEGRATION
    return None


def declares(data: dict, basis: str = WORK_INTEGRATION) -> bool:
    """Whether a supplier declares eligibility on this basis (by default the work-integration reservation)."""
    return declared_basis(data) == basis


def eligibility(vocab: Vocabularies, basis: str | None, lang: str) -> str:
    """The one wording of a declared eligibility, naming the law of the reader's country:
    'Erklærer at opfylde betingelserne for reserverede kontrakter (udbudsloven § 54)'."""
    law = legal_basis(vocab, basis or WORK_INTEGRATION, lang) or legal_basis(vocab, WORK_INTEGRATION, lang)
    return _DECLARES[lang].format(law=law)


def not_declared(lang: str) -> str:
    """What a profile without a declaration says."""
    return _NOT_DECLARED[lang]


def facet_label(vocab: Vocabularies, lang: str) -> str:
    """The directory's eligibility facet: the wording for the work-integration reservation."""
    return eligibility(vocab, WORK_INTEGRATION, lang)


def script_labels(vocab: Vocabularies, lang: str) -> dict[str, str]:
    """The wording for the directory's and shortlist's scripts (badge and table row)."""
    return {"yes_reserved": eligibility(vocab, WORK_INTEGRATION, lang), "no_reserved": not_declared(lang)}
