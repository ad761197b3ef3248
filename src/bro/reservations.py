"""Reserved contracts: which act a reservation stands on, and the one wording for a supplier's declared
eligibility. A buyer reserves under its own country's act, so a tender entry names the buyer's provision (LOU 4 kap.
18 § for Göteborgs Stad, udbudsloven § 54 for Aarhus) and, for a reader from the other country, the matching
provision of the reader's country or the plain fact that there is none. A supplier's declaration is not tied to one
buyer, so its wording names the provision in each country where one exists. Every page, badge, facet, script
label and change summary that says a supplier can take part in reserved contracts takes its words from here."""
from __future__ import annotations

from bro import HOME_COUNTRY
from bro.vocab import Vocabularies

# The reservation for work-integration enterprises (directive art. 20): what the directory's facet and badge mean.
WORK_INTEGRATION = "art20"

_DECLARES = {"da": "Erklærer at opfylde betingelserne for reserverede kontrakter ({law})",
             "sv": "Uppger att företaget uppfyller villkoren för reserverade kontrakt ({law})"}
_NOT_DECLARED = {"da": "Har ikke erklæret at opfylde betingelserne for reserverede kontrakter",
                 "sv": "Har inte uppgett att företaget uppfyller villkoren för reserverade kontrakt"}
# What the open data's columns of a declaration hold (bro.model.table), in the same words.
COLUMN_WORDS = {
    "reserved_eligible": {"da": "Om virksomheden erklærer at opfylde betingelserne for reserverede kontrakter "
                                "(`true`/`false`)",
                          "sv": "Om företaget uppger att det uppfyller villkoren för reserverade kontrakt "
                                "(`true`/`false`)"},
    "reserved_basis": {"da": "Grundlaget for erklæringen (kode, fx `art20`)",
                       "sv": "Grunden för uppgiften (kod, t.ex. `art20`)"},
}
_IN_COUNTRY = "{provision} i {country}"  # the same words in Danish and Swedish: "LOU 4 kap. 18 § i Sverige"
_MATCHES = {"da": "{own}, svarer til {reader}", "sv": "{own}, motsvarar {reader}"}
_NO_MATCH = {"da": "{own}; ordningen findes ikke i dansk ret", "sv": "{own}; ordningen finns inte i svensk rätt"}


def provisions(vocab: Vocabularies, basis: str | None) -> dict[str, str]:
    """The provisions behind a reservation by country code (empty for no reservation)."""
    return dict(vocab.entry("reservations", basis).get("legal_basis", {})) if basis else {}


def in_country(vocab: Vocabularies, provision: str, country: str, lang: str) -> str:
    """A provision named with its country: 'LOU 4 kap. 18 § i Sverige'."""
    return _IN_COUNTRY.format(provision=provision, country=vocab.label("countries", country, lang))


def buyer_law(vocab: Vocabularies, basis: str | None, buyer_country: str, lang: str) -> str | None:
    """The provision a buyer reserves under (its own country's act): bare for a reader from the buyer's country;
    for a reader from the other country, named with its country and followed by the reader's matching provision
    ('LOU 4 kap. 18 § i Sverige, svarer til udbudsloven § 54') or by the plain fact that there is none
    ('LOU 19 kap. 25 a § i Sverige; ordningen findes ikke i dansk ret')."""
    return _law_for_reader(vocab, provisions(vocab, basis), buyer_country, lang)


def _law_for_reader(vocab: Vocabularies, table: dict[str, str], buyer_country: str, lang: str) -> str | None:
    """buyer_law's wording for any table of provisions by country."""
    own = table.get(buyer_country)
    if own is None:
        return None
    reader = HOME_COUNTRY[lang]
    if reader == buyer_country:
        return own
    named = in_country(vocab, own, buyer_country, lang)
    if reader in table:
        return _MATCHES[lang].format(own=named, reader=table[reader])
    return _NO_MATCH[lang].format(own=named)


def declared_law(vocab: Vocabularies, basis: str | None, lang: str) -> str:
    """The provisions behind a declared eligibility, the reader's country first, each with its country:
    'udbudsloven § 54 i Danmark, LOU 4 kap. 18 § i Sverige'."""
    table = provisions(vocab, basis or WORK_INTEGRATION) or provisions(vocab, WORK_INTEGRATION)
    reader = HOME_COUNTRY[lang]
    return ", ".join(in_country(vocab, table[country], country, lang)
                     for country in sorted(table, key=lambda c: (c != reader, c)))


def eligibility(vocab: Vocabularies, basis: str | None, lang: str) -> str:
    """The one wording of a declared eligibility, naming the act in each country: 'Erklærer at opfylde
    betingelserne for reserverede kontrakter (udbudsloven § 54 i Danmark, LOU 4 kap. 18 § i Sverige)'."""
    return _DECLARES[lang].format(law=declared_law(vocab, basis, lang))


def not_declared(lang: str) -> str:
    """What a profile without a declaration says."""
    return _NOT_DECLARED[lang]


def facet_label(vocab: Vocabularies, lang: str) -> str:
    """The directory's eligibility facet: the wording for the work-integration reservation."""
    return eligibility(vocab, WORK_INTEGRATION, lang)


def script_labels(vocab: Vocabularies, lang: str) -> dict[str, str]:
    """The wording for the directory's and shortlist's scripts (badge and table row)."""
    return {"yes_reserved": eligibility(vocab, WORK_INTEGRATION, lang), "no_reserved": not_declared(lang)}


# --- reserved execution: art. 20(1), second alternative (eForms BT-736) ---------------------------------------------

EXECUTION = "reserved_execution"  # the vocabulary, and the tender field
EXECUTION_CODES = {True: "yes", False: "no"}  # eForms codelist reserved-execution


def execution_reserved(data: dict) -> bool:
    """Whether an entry requires that the contract is performed within sheltered employment programmes."""
    return data.get(EXECUTION) is True


def execution_code(data: dict) -> str | None:
    """The entry's eForms BT-736 code: 'yes', 'no', or None when the entry does not say."""
    return EXECUTION_CODES.get(data.get(EXECUTION)) if isinstance(data.get(EXECUTION), bool) else None


def execution_label(vocab: Vocabularies, lang: str) -> str:
    """The words for a reserved execution: 'Udførelse reserveret til beskyttet beskæftigelse'."""
    return vocab.label(EXECUTION, "yes", lang)


def execution_description(vocab: Vocabularies, lang: str) -> str:
    """What a reserved execution means, in plain words."""
    return vocab.entry(EXECUTION, "yes")["description"][lang]


def execution_law(vocab: Vocabularies, buyer_country: str, lang: str) -> str | None:
    """The provision a buyer reserves the execution under, worded for the reader as buyer_law words it:
    'udbudsloven § 54' for a Danish reader of an Aarhus entry, 'udbudsloven § 54 i Danmark, motsvarar LOU 4 kap.
    18 §' for a Swedish one."""
    table = dict(vocab.entry(EXECUTION, "yes").get("legal_basis", {}))
    return _law_for_reader(vocab, table, buyer_country, lang)


def is_reserved(data: dict) -> bool:
    """Whether an entry is reserved in any way: who may take part (reserved) or who performs it."""
    return data.get("reserved", "none") not in ("none", None) or execution_reserved(data)
