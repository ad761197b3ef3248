"""The open-data tables (api/suppliers.csv, api/tenders.csv): their columns, what each holds in Danish and Swedish,
and how each is read from the typed record. The open-data pages document the columns from these definitions
(bro.opendata), so the page and the file cannot drift apart.

The column names are a contract with the re-users of the open data, not the schema's field names: a field renamed in
the schema keeps its column here (renaming a column is a decision of its own, announced to re-users). New columns go
at the end, so that existing columns keep their places."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bro import reservations, shares, urls
from bro.model.records import Headcount, Record, Supplier, TenderEntry

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    """One column of an open-data table: its published name, what it holds ({da, sv}, Markdown for the open-data
    page) and its value for a record (with the table's extra details: a supplier's shares, an entry's buyer)."""

    name: str
    description: Mapping[str, str]
    value: Callable[[Record, Mapping], str]


def _joined(values) -> str:
    return LIST_SEPARATOR.join(values)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _headcount(count: Headcount | None, part: int) -> str:
    if count is None:
        return ""
    return str(count.total) if part == 0 else _number(count.from_target_groups)


def _flag(value: bool | None) -> str:
    return {True: "true", False: "false"}.get(value, "")


def _text(texts: Mapping, lang: str) -> str:
    return texts.get(lang, "") if texts else ""


def _page(kind: str, lang: str) -> Callable[[Record, Mapping], str]:
    return lambda r, _extra: urls.site_url(urls.record_path(kind, r.slug, lang), lang)


def _share(country: str, part: str) -> Callable[[Supplier, Mapping], str]:
    def value(_s: Supplier, counted: Mapping) -> str:
        if country not in counted:
            return ""
        return str(counted[country].percent) if part == "percent" else _flag(counted[country].reaches)
    return value


def _first_contact(part: str) -> Callable[[Supplier, Mapping], str]:
    return lambda s, _extra: getattr(s.contacts[0], part) if s.contacts else ""


def _entry_contact(part: str) -> Callable[[TenderEntry, Mapping], str]:
    return lambda t, _extra: getattr(t.contact, part) if t.contact else ""


def _address(part: str) -> Callable[[Supplier, Mapping], str]:
    return lambda s, _extra: getattr(s.address, part) if s.address else ""


_LIST = {"da": "Flere værdier står adskilt af `|`.", "sv": "Flera värden står åtskilda av `|`."}
_BOOL = {"da": "(`true`/`false`)", "sv": "(`true`/`false`)"}


def _d(da: str, sv: str) -> dict[str, str]:
    return {"da": da, "sv": sv}


SUPPLIER_COLUMNS: tuple[Column, ...] = (
    Column("slug", _d("Leverandørens kortnavn: den sidste del af adressen på profilen, uden `.html`",
                      "Leverantörens kortnamn: sista delen av adressen till profilen, utan `.html`"),
           lambda s, _e: s.slug),
    Column("name", _d("Navn", "Namn"), lambda s, _e: s.name),
    Column("country", _d("Land (`DK` eller `SE`)", "Land (`DK` eller `SE`)"), lambda s, _e: s.country),
    Column("org_number", _d("CVR- eller organisationsnummer", "Organisationsnummer eller CVR-nummer"),
           lambda s, _e: s.org_number),
    Column("legal_form", _d("Virksomhedsform (kode)", "Företagsform (kod)"), lambda s, _e: s.legal_form),
    Column("website", _d("Hjemmeside", "Webbplats"), lambda s, _e: s.website),
    Column("founded", _d("Året, virksomheden blev grundlagt", "Året då företaget grundades"),
           lambda s, _e: _number(s.founded)),
    Column("summary_da", _d("Den korte beskrivelse på dansk (tom, hvis den mangler)",
                            "Den korta beskrivningen på danska (tom om den saknas)"),
           lambda s, _e: _text(s.summary, "da")),
    Column("summary_sv", _d("Den korte beskrivelse på svensk (tom, hvis den mangler)",
                            "Den korta beskrivningen på svenska (tom om den saknas)"),
           lambda s, _e: _text(s.summary, "sv")),
    Column("categories", _d("Kategorier som koder. " + _LIST["da"], "Kategorier som koder. " + _LIST["sv"]),
           lambda s, _e: _joined(s.categories)),
    Column("cpv", _d("CPV-koder. " + _LIST["da"], "CPV-koder. " + _LIST["sv"]), lambda s, _e: _joined(s.cpv)),
    Column("delivery_area", _d("Leveringsområde: kommuner og regioner som koder, eller `national` for hele landet. "
                               + _LIST["da"],
                               "Leveransområde: kommuner och län som koder, eller `national` för hela landet. "
                               + _LIST["sv"]),
           lambda s, _e: _joined(s.delivery_area)),
    Column("street", _d("Adresse: vej og husnummer", "Adress: gata och nummer"), _address("street")),
    Column("postcode", _d("Postnummer", "Postnummer"), _address("postcode")),
    Column("city", _d("By", "Ort"), _address("city")),
    Column("municipality", _d("Kommunen som kode", "Kommunen som kod"), _address("municipality")),
    Column("target_groups", _d("Målgrupper som koder. " + _LIST["da"], "Målgrupper som koder. " + _LIST["sv"]),
           lambda s, _e: _joined(s.target_groups)),
    Column("employees_total", _d("Antal ansatte i alt", "Antal anställda totalt"),
           lambda s, _e: _headcount(s.employees, 0)),
    Column("employees_from_target_groups", _d("Antal ansatte fra målgrupperne", "Antal anställda från målgrupperna"),
           lambda s, _e: _headcount(s.employees, 1)),
    Column("reserved_eligible", reservations.COLUMN_WORDS["reserved_eligible"],
           lambda s, _e: _flag(s.reserved_contracts.eligible if s.reserved_contracts else None)),
    Column("reserved_basis", reservations.COLUMN_WORDS["reserved_basis"],
           lambda s, _e: s.reserved_contracts.basis if s.reserved_contracts else ""),
    Column("registrations", _d("Registreringer, fx `rsv`. " + _LIST["da"],
                               "Registreringar, t.ex. `skoopi`. " + _LIST["sv"]),
           lambda s, _e: _joined(s.registration_types)),
    Column("languages", _d("Sprog (ISO 639-1). " + _LIST["da"], "Språk (ISO 639-1). " + _LIST["sv"]),
           lambda s, _e: _joined(s.languages)),
    Column("contact_name", _d("Den første kontaktpersons navn", "Den första kontaktpersonens namn"),
           _first_contact("name")),
    Column("contact_email", _d("Den første kontaktpersons e-mailadresse", "Den första kontaktpersonens e-postadress"),
           _first_contact("email")),
    Column("contact_phone", _d("Den første kontaktpersons telefonnummer", "Den första kontaktpersonens telefonnummer"),
           _first_contact("phone")),
    Column("last_verified", _d("Dagen, profilen senest blev bekræftet (ÅÅÅÅ-MM-DD)",
                               "Dagen då profilen senast bekräftades (ÅÅÅÅ-MM-DD)"),
           lambda s, _e: s.last_verified.isoformat()),
    Column("url_da", _d("Profilens adresse på dansk, regnet fra sitets rod",
                        "Profilens adress på danska, räknat från webbplatsens rot"), _page("supplier", "da")),
    Column("url_sv", _d("Profilens adresse på svensk, regnet fra sitets rod",
                        "Profilens adress på svenska, räknat från webbplatsens rot"), _page("supplier", "sv")),
    # added later, at the end so that existing columns keep their places
    Column("engaged_total", _d("Antal, der er beskæftiget uden at være ansat (fx praktikanter), i alt",
                               "Antal som är sysselsatta utan att vara anställda (t.ex. praktikanter), totalt"),
           lambda s, _e: _headcount(s.engaged, 0)),
    Column("engaged_from_target_groups", _d("Antal af dem, der kommer fra målgrupperne",
                                            "Antal av dem som kommer från målgrupperna"),
           lambda s, _e: _headcount(s.engaged, 1)),
    Column("share_dk_percent", _d("Andelen fra målgrupperne efter udbudsloven § 54, der kun tæller de ansatte, i hele "
                                  "procent (tom uden tallene)",
                                  "Andelen från målgrupperna enligt udbudsloven § 54, som bara räknar de anställda, i "
                                  "hela procent (tom utan siffrorna)"), _share("DK", "percent")),
    Column("share_dk_reaches_30", _d("Om andelen efter udbudsloven § 54 er mindst 30 % " + _BOOL["da"],
                                     "Om andelen enligt udbudsloven § 54 är minst 30 procent " + _BOOL["sv"]),
           _share("DK", "reaches")),
    Column("share_se_percent", _d("Andelen fra målgrupperne efter LOU 4 kap. 18 §, der tæller alle, der er "
                                  "beskæftiget i virksomheden, i hele procent (tom uden tallene)",
                                  "Andelen från målgrupperna enligt LOU 4 kap. 18 §, som räknar alla som sysselsätts "
                                  "i verksamheten, i hela procent (tom utan siffrorna)"), _share("SE", "percent")),
    Column("share_se_reaches_30", _d("Om andelen efter LOU 4 kap. 18 § er mindst 30 % " + _BOOL["da"],
                                     "Om andelen enligt LOU 4 kap. 18 § är minst 30 procent " + _BOOL["sv"]),
           _share("SE", "reaches")),
)
COLUMNS = [column.name for column in SUPPLIER_COLUMNS]


def _date(field: str) -> Callable[[TenderEntry, Mapping], str]:
    def value(entry: TenderEntry, _extra: Mapping) -> str:
        day = entry.date_of(field)
        return day.isoformat() if day else ""
    return value


def _period(part: str) -> Callable[[TenderEntry, Mapping], str]:
    def value(entry: TenderEntry, _extra: Mapping) -> str:
        day = getattr(entry.contract_period, part) if entry.contract_period else None
        return day.isoformat() if day else ""
    return value


TENDER_COLUMNS: tuple[Column, ...] = (
    Column("slug", _d("Indkøbets kortnavn: den sidste del af adressen på dets side, uden `.html`",
                      "Inköpets kortnamn: sista delen av adressen till dess sida, utan `.html`"),
           lambda t, _e: t.slug),
    Column("title_da", _d("Titlen på dansk (tom, hvis den mangler)", "Titeln på danska (tom om den saknas)"),
           lambda t, _e: _text(t.title, "da")),
    Column("title_sv", _d("Titlen på svensk (tom, hvis den mangler)", "Titeln på svenska (tom om den saknas)"),
           lambda t, _e: _text(t.title, "sv")),
    Column("status", _d("Status: `planned` (planlagt), `published` (offentliggjort), `awarded` (tildelt) eller "
                        "`cancelled` (aflyst)",
                        "Status: `planned` (planerad), `published` (publicerad), `awarded` (tilldelad) eller "
                        "`cancelled` (avbruten)"), lambda t, _e: t.status),
    Column("procedure", _d("Udbudsformen (kode)", "Upphandlingsförfarandet (kod)"), lambda t, _e: t.procedure),
    Column("reserved", _d("Hvem indkøbet er reserveret til (kode), `none`, hvis det ikke er reserveret",
                          "Vem inköpet är reserverat för (kod), `none` om det inte är reserverat"),
           lambda t, _e: t.reserved),
    Column("reserved_execution", _d("Om kontrakten skal udføres inden for programmer for beskyttet beskæftigelse "
                                    + _BOOL["da"] + ", tom, hvis indkøbet ikke siger det",
                                    "Om kontraktet ska fullgöras inom program för skyddad anställning "
                                    + _BOOL["sv"] + ", tom om inköpet inte anger det"),
           lambda t, _e: _flag(t.reserved_execution)),
    Column("social_clauses", _d("Sociale klausuler som koder. " + _LIST["da"],
                                "Sociala krav som koder. " + _LIST["sv"]), lambda t, _e: _joined(t.social_clauses)),
    Column("categories", _d("Kategorier som koder. " + _LIST["da"], "Kategorier som koder. " + _LIST["sv"]),
           lambda t, _e: _joined(t.categories)),
    Column("cpv", _d("CPV-koder. " + _LIST["da"], "CPV-koder. " + _LIST["sv"]), lambda t, _e: _joined(t.cpv)),
    Column("delivery_area", _d("Hvor der skal leveres: kommuner og regioner som koder, eller `national` for hele "
                               "landet. " + _LIST["da"],
                               "Var leveransen ska ske: kommuner och län som koder, eller `national` för hela "
                               "landet. " + _LIST["sv"]), lambda t, _e: _joined(t.delivery_area)),
    Column("buyer_slug", _d("Ordregiverens kortnavn i Bros register (se `buyers.json`)",
                            "Den upphandlande organisationens kortnamn i Bros register (se `buyers.json`)"),
           lambda _t, buyer: buyer["slug"]),
    Column("buyer_name", _d("Ordregiverens navn", "Den upphandlande organisationens namn"),
           lambda _t, buyer: buyer["name"]),
    Column("buyer_org_number", _d("Ordregiverens CVR- eller organisationsnummer",
                                  "Den upphandlande organisationens organisationsnummer eller CVR-nummer"),
           lambda _t, buyer: buyer["org_number"]),
    Column("buyer_country", _d("Ordregiverens land (`DK` eller `SE`)",
                               "Den upphandlande organisationens land (`DK` eller `SE`)"),
           lambda _t, buyer: buyer["country"]),
    Column("estimated_value", _d("Anslået samlet værdi uden moms, i hele kroner eller euro",
                                 "Uppskattat totalt värde utan moms, i hela kronor eller euro"),
           lambda t, _e: str(t.estimated_value.amount) if t.estimated_value else ""),
    Column("currency", _d("Valutaen for værdien (`DKK`, `SEK` eller `EUR`)",
                          "Valutan för värdet (`DKK`, `SEK` eller `EUR`)"),
           lambda t, _e: t.estimated_value.currency if t.estimated_value else ""),
    Column("interest_deadline", _d("Frist for at melde interesse (ÅÅÅÅ-MM-DD)",
                                   "Sista dag att anmäla intresse (ÅÅÅÅ-MM-DD)"), _date("interest_deadline")),
    Column("expected_publication", _d("Hvornår udbuddet forventes offentliggjort (ÅÅÅÅ-MM-DD)",
                                      "När upphandlingen väntas publiceras (ÅÅÅÅ-MM-DD)"),
           _date("expected_publication")),
    Column("contract_start", _d("Kontraktens startdato (ÅÅÅÅ-MM-DD)", "Kontraktets startdatum (ÅÅÅÅ-MM-DD)"),
           _period("start")),
    Column("contract_end", _d("Kontraktens slutdato (ÅÅÅÅ-MM-DD)", "Kontraktets slutdatum (ÅÅÅÅ-MM-DD)"),
           _period("end")),
    Column("notice_url", _d("Adressen på udbudsbekendtgørelsen, når den er offentliggjort",
                            "Adressen till upphandlingsannonsen när den är publicerad"), lambda t, _e: t.notice_url),
    Column("contact_name", _d("Kontaktpersonens navn", "Kontaktpersonens namn"), _entry_contact("name")),
    Column("contact_email", _d("Kontaktpersonens e-mailadresse", "Kontaktpersonens e-postadress"),
           _entry_contact("email")),
    Column("contact_phone", _d("Kontaktpersonens telefonnummer", "Kontaktpersonens telefonnummer"),
           _entry_contact("phone")),
    Column("interested", _d("Kortnavnene på de leverandører på Bro, der har meldt interesse. " + _LIST["da"],
                            "Kortnamnen på de leverantörer på Bro som har anmält intresse. " + _LIST["sv"]),
           lambda t, _e: _joined(t.interested)),
    Column("url_da", _d("Indkøbets adresse på dansk, regnet fra sitets rod",
                        "Inköpets adress på danska, räknat från webbplatsens rot"), _page("tender", "da")),
    Column("url_sv", _d("Indkøbets adresse på svensk, regnet fra sitets rod",
                        "Inköpets adress på svenska, räknat från webbplatsens rot"), _page("tender", "sv")),
    Column("description_da", _d("Beskrivelsen på dansk, som Markdown (tom, hvis den mangler)",
                                "Beskrivningen på danska, som Markdown (tom om den saknas)"),
           lambda t, _e: _text(t.description, "da")),
    Column("description_sv", _d("Beskrivelsen på svensk, som Markdown (tom, hvis den mangler)",
                                "Beskrivningen på svenska, som Markdown (tom om den saknas)"),
           lambda t, _e: _text(t.description, "sv")),
)
TENDER_NAMES = [column.name for column in TENDER_COLUMNS]


def _row(columns: tuple[Column, ...], record: Record, extra: Mapping) -> dict[str, str]:
    return {column.name: column.value(record, extra) for column in columns}


def row(supplier: Supplier, counted: Mapping[str, shares.Share] | None = None) -> dict[str, str]:
    """One supplier as a flat row of COLUMNS: lists joined with '|', texts per language in their own column;
    counted are its shares under each country's act (bro.shares; empty cells without them)."""
    return _row(SUPPLIER_COLUMNS, supplier, counted or {})


def tender_row(entry: TenderEntry, buyer: Mapping) -> dict[str, str]:
    """One tender entry as a flat row of TENDER_COLUMNS; buyer is its buyer as the registry has it
    (bro.buyers.buyer_of)."""
    return _row(TENDER_COLUMNS, entry, buyer)

