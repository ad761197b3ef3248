"""Rules beyond the schema: identifiers, legal conditions, dates, vocabularies and safe text."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from stdnum.dk import cvr
from stdnum.se import orgnr

from bro import LANGUAGES, addresses, i18n, lookalike, markdown_text, schema_errors, shares
from bro.schema import SAME_COUNTRY_AS, SchemaSet, as_date, walk
from bro.vocab import Vocabularies
from bro.yamlload import Document

SUMMARY_LIMIT = 300
COUNTRY_NAMES = {"DK": {"en": "Denmark", "da": "Danmark", "sv": "Danmark"},
                 "SE": {"en": "Sweden", "da": "Sverige", "sv": "Sverige"}}
LANGUAGE_NAMES = {"da": {"en": "Danish", "da": "dansk", "sv": "danska"},
                  "sv": {"en": "Swedish", "da": "svensk", "sv": "svenska"}}
_HTML_TAG = markdown_text.HTML_TAG  # what looks like markup (a comparison such as "a < b" is text)
# Invisible control characters (C0 except tab and line breaks, DEL, C1) and Unicode noncharacters: HTML counts
# them as parse errors, and XML (the Atom feed) cannot hold most of them at all.
_CONTROL_BMP = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
_CONTROL = re.compile(f"[{_CONTROL_BMP}" + "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(1, 17))
                      + "]")
# Characters that reorder or hide what a reader sees, refused in every text (Markdown too): bidirectional controls
# (a right-to-left override shows "exe.gpj" as "jpg.exe") and Unicode tag characters (invisible copies of ASCII).
_HIDDEN_BMP = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN_ASTRAL = r"\U000e0000-\U000e007f"
# Every other invisible format character (general category Cf: zero-width spaces and joiners, word joiner, soft
# hyphen, byte order mark …) and the Hangul fillers (blank letters), refused in plain one-line texts such as names,
# where they make two names look the same or a name look filled in. Markdown texts keep them: a long text is no
# identity, emoji sequences (woman + zero-width joiner + laptop) and several scripts need the zero-width joiner, and
# text pasted from a word processor carries soft hyphens its writer cannot see; links in Markdown are checked apart.
_FORMAT_BMP = (r"\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f"
               r"\ufeff\ufff9-\ufffb\u115f\u1160\u3164\uffa0")
_FORMAT_ASTRAL = r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
_ASTRAL = r"\U00010000-\U0010ffff"
_UNWANTED = {False: re.compile(f"{_CONTROL.pattern}|[{_HIDDEN_BMP}{_HIDDEN_ASTRAL}]"),  # Markdown
             True: re.compile(f"{_CONTROL.pattern}|[{_HIDDEN_BMP}{_HIDDEN_ASTRAL}{_FORMAT_BMP}{_FORMAT_ASTRAL}]")}
# A first look for _UNWANTED that is many times faster on long texts: all that it matches in the Basic Multilingual
# Plane, and every character beyond it (rare; _UNWANTED then decides, from there on).
_SCREEN = {False: re.compile(f"[{_CONTROL_BMP}{_HIDDEN_BMP}{_ASTRAL}]"),
           True: re.compile(f"[{_CONTROL_BMP}{_HIDDEN_BMP}{_FORMAT_BMP}{_ASTRAL}]")}
BASIS_COUNTRIES = {"se_ideburen": "SE"}


ORG_NUMBERS = {"DK": (cvr, "org.invalid_cvr"), "SE": (orgnr, "org.invalid_orgnr")}  # country → (rule, message)


def is_valid_org_number(number, country) -> bool:
    """Whether a CVR number (DK) or organisationsnummer (SE) has the right form and check digit."""
    return isinstance(number, str) and country in ORG_NUMBERS and ORG_NUMBERS[country][0].is_valid(number)


def check_org_number(doc: Document, path: tuple, number, country) -> str | None:
    """Validate a CVR or organisationsnummer by its country; return its compact form when valid."""
    if not isinstance(number, str) or country not in ORG_NUMBERS:
        return None
    module, code = ORG_NUMBERS[country]
    if not module.is_valid(number):
        doc.problem(path, code, value=number)
        return None
    return module.compact(number)


def check_texts(doc: Document, schemas: SchemaSet, schema_name: str, vocab: Vocabularies) -> None:
    """Walk every field: safe Markdown, plain text without HTML, known codes, missing translations."""
    flagged = {p.field_path: p for p in doc.problems}
    markdown_paths: set[tuple] = set()
    for path, value, node in walk(doc.data, schemas.node(schemas.documents[schema_name], schema_name)):
        if path in flagged:
            _improve_with_suggestion(doc, flagged[path], node.vocabulary, value, vocab)
            continue
        if node.markdown and isinstance(value, dict):
            markdown_paths.add(path)
            for lang, text in value.items():
                if isinstance(text, str) and path + (lang,) not in flagged:  # (a text too long is not looked at)
                    for issue in markdown_text.inspect(text):
                        flagged[path + (lang,)] = doc.problem(path + (lang,), issue.code, severity=issue.severity,
                                                              text_line=issue.line, snippet=issue.detail,
                                                              **issue.params)
                    if unwanted := _find_unwanted(text, one_line=False):
                        flagged[path + (lang,)] = _report_unwanted(
                            doc, path + (lang,), unwanted, text_line=text.count("\n", 0, unwanted.start()) + 1)
        elif node.is_string and isinstance(value, str) and not (markdown_paths and _inside(path, markdown_paths)):
            _check_plain_text(doc, path, value, node)
        vocabulary = node.vocabulary
        if vocabulary and isinstance(value, str) and not node.has_enum and not vocab.has(vocabulary, value):
            suggestion = vocab.suggest(vocabulary, value)
            code = "vocab.unknown_suggest" if suggestion else "vocab.unknown"
            doc.problem(path, code, value=value, vocabulary=vocabulary_file(vocabulary), suggestion=suggestion)
        elif vocabulary and node.same_country_as and isinstance(value, str):
            _check_same_country(doc, path, value, node, vocab)
        if node.localized and isinstance(value, dict) and len(value) == 1:
            present = next(iter(value))
            if present in LANGUAGES:
                missing = i18n.other(present)
                doc.problem(path, "translation.missing", severity="warning",
                            missing=LANGUAGE_NAMES[missing], present=LANGUAGE_NAMES[present])


def _check_same_country(doc: Document, path: tuple, code: str, node, vocab: Vocabularies) -> None:
    """The schema keyword x-same-country-as: a code whose vocabulary entry names a country (a legal form) belongs
    to the country that the sibling field the keyword names gives. Worded by the schema's x-messages."""
    sibling = node.same_country_as
    parent = doc.data
    for key in path[:-1]:
        parent = parent[key]
    country = _text_or_none(parent.get(sibling)) if isinstance(parent, dict) else None
    own = vocab.entry(node.vocabulary, code).get("country")
    if country and own not in (None, country):
        doc.problem(path, schema_errors.message_for(node.schema, SAME_COUNTRY_AS, "schema.same_country"), value=code,
                    field=sibling, country=COUNTRY_NAMES.get(country, str(country)))


def _check_plain_text(doc: Document, path: tuple, value: str, node) -> None:
    """A text without Markdown: no HTML, no control or invisible characters; a web address that cannot disguise
    its destination; a name with a letter or digit and without words of mixed scripts."""
    if _HTML_TAG.search(value):
        doc.problem(path, "text.html", snippet=_HTML_TAG.search(value).group(0) + "…")
    elif unwanted := _find_unwanted(value, one_line=True):
        _report_unwanted(doc, path, unwanted)
    elif node.is_url and (issue := addresses.check_url(value)):
        doc.problem(path, issue.code, severity=issue.severity, **issue.params)
    if node.is_name:
        if not any(char.isalnum() and char not in _BLANK_LETTERS for char in value):
            doc.problem(path, "text.name_without_letter")
        for word, scripts in lookalike.mixed_words(value):
            doc.problem(path, "text.mixed_scripts", severity="warning", word=word, scripts=script_names(scripts))


_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")  # Hangul fillers: letters that show nothing


def _find_unwanted(text: str, one_line: bool) -> re.Match | None:
    """The first control, bidirectional, tag (and, in one-line texts, other invisible) character of text; quick:
    nothing can match before the first character the screen finds."""
    screen = _SCREEN[one_line].search(text)
    return _UNWANTED[one_line].search(text, screen.start()) if screen else None


def _report_unwanted(doc: Document, path: tuple, found: re.Match, text_line: int | None = None):
    """Report a control character as such, and any other unwanted character by its name (U+202E RIGHT-TO-LEFT
    OVERRIDE); in Markdown on its line of the text."""
    char = found.group(0)
    if _CONTROL.match(char):
        return doc.problem(path, "text.control_character", text_line=text_line)
    return doc.problem(path, "text.invisible_character", text_line=text_line,
                       character=lookalike.describe_character(char))


# As the messages use them, of an alphabet (Swedish "alfabet" is neuter: "kyrilliskt").
SCRIPT_NAMES = {"LATIN": {"en": "Latin", "da": "latinsk", "sv": "latinskt"},
                "CYRILLIC": {"en": "Cyrillic", "da": "kyrillisk", "sv": "kyrilliskt"},
                "GREEK": {"en": "Greek", "da": "græsk", "sv": "grekiskt"}}


def script_names(scripts) -> dict[str, str]:
    """Script names for a message, in each message language (sorted; unusual scripts by their Unicode name)."""
    def name(script: str, lang: str) -> str:
        return SCRIPT_NAMES.get(script, {}).get(lang) or script.title()
    return {lang: ", ".join(sorted(name(script, lang) for script in scripts)) for lang in ("en", "da", "sv")}


def _inside(path: tuple, parents: set[tuple]) -> bool:
    """Whether a proper prefix of path is one of parents (there are few parents: Markdown texts)."""
    for parent in parents:  # noqa: SIM110 - a plain loop: this runs for every text of every document
        if len(parent) < len(path) and path[:len(parent)] == parent:
            return True
    return False


def _improve_with_suggestion(doc: Document, problem, vocabulary: str | None, value, vocab: Vocabularies) -> None:
    """A code in the wrong form that names a known entry ('Aarhus') gets a 'did you mean' instead."""
    if not vocabulary or problem.code != "schema.pattern" or not isinstance(value, str):
        return
    suggestion = vocab.suggest(vocabulary, value)
    if suggestion:
        doc.problems.remove(problem)
        doc.problem(problem.field_path, "vocab.unknown_suggest", value=value,
                    vocabulary=vocabulary_file(vocabulary), suggestion=suggestion)


def vocabulary_file(name: str) -> str:
    """Where a vocabulary's codes are listed, for messages."""
    if name == "areas":
        return "data/vocabularies/regions.yml, data/vocabularies/municipalities.yml"
    if name == "languages":
        return "ISO 639-1"
    return f"data/vocabularies/{name}.yml"


def _text_or_none(value):
    """A code as the rules can compare it: text stays, anything else (None, lists, mappings) reads as absent."""
    return value if isinstance(value, str) else None


def check_supplier(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """Rules for one supplier that the schema cannot express."""
    data = doc.data if isinstance(doc.data, dict) else {}
    country = _text_or_none(data.get("country"))  # a list or mapping here is the schema's error to report
    check_org_number(doc, ("org_number",), data.get("org_number"), country)
    address = data.get("address") if isinstance(data.get("address"), dict) else {}
    _check_area_country(doc, ("address", "municipality"), address.get("municipality"), country, vocab)
    summary = data.get("summary")
    if isinstance(summary, dict):
        for lang, text in summary.items():
            if isinstance(text, str) and len(text) > SUMMARY_LIMIT:
                doc.problem(("summary", lang), "text.summary_too_long", length=len(text), limit=SUMMARY_LIMIT)
    consistent = True
    for group in ("employees", "engaged"):
        counted = shares.numbers(data, group)
        if counted and counted[1] > counted[0]:
            consistent = False
            doc.problem((group, "from_target_groups"), f"supplier.{group}_share_above_total",
                        share=counted[1], total=counted[0])
    _check_reserved(doc, data, country, vocab, consistent)
    registrations = data.get("registrations")
    for index, registration in enumerate(registrations if isinstance(registrations, list) else []):
        _check_registration(doc, ("registrations", index), registration, country, vocab, today)
    _check_not_future(doc, ("last_verified",), data.get("last_verified"), today)
    _check_year_not_future(doc, ("founded",), data.get("founded"), today)
    references = data.get("references")
    for index, reference in enumerate(references if isinstance(references, list) else []):
        if isinstance(reference, dict):
            _check_year_not_future(doc, ("references", index, "year"), reference.get("year"), today)


def _check_reserved(doc: Document, data: dict, country, vocab: Vocabularies, consistent: bool) -> None:
    """Declared eligibility for reserved contracts must have a basis the data supports: under art. 20 the share
    from the target groups reaches 30 % as the act of at least one country the supplier delivers in counts it
    (bro.shares); a country whose count stays under 30 % is named in a warning."""
    reserved = data.get("reserved_contracts")
    if not isinstance(reserved, dict):
        return
    basis = reserved.get("basis")
    if basis is not None and not isinstance(basis, str):
        return  # the schema reports the wrong type
    if reserved.get("eligible") is True:
        if basis is None:
            doc.problem(("reserved_contracts",), "reserved.basis_missing")
        elif basis in BASIS_COUNTRIES and BASIS_COUNTRIES[basis] != country:
            doc.problem(("reserved_contracts", "basis"), "reserved.basis_country", basis=basis,
                        country=COUNTRY_NAMES[BASIS_COUNTRIES[basis]])
        elif basis == "art20":
            found = shares.verdict(vocab, data)
            if found is None:
                if shares.numbers(data, "employees") is None:  # else the schema reports what is wrong in engaged
                    doc.problem(("reserved_contracts", "eligible"), "reserved.employees_missing")
            elif consistent and not found.reached:
                for place, share in found.shares.items():
                    doc.problem(("reserved_contracts", "eligible"), f"reserved.share_below_30_{place.lower()}",
                                share=share.from_target_groups, total=share.total, percent=share.percent)
            elif consistent and found.missed:
                for place in found.missed:
                    share = found.shares[place]
                    doc.problem(("reserved_contracts", "eligible"), f"reserved.share_short_{place.lower()}",
                                severity="warning", share=share.from_target_groups, total=share.total,
                                percent=share.percent)
    elif reserved.get("eligible") is False and basis is not None:
        doc.problem(("reserved_contracts", "basis"), "reserved.basis_without_eligible", severity="warning")


def _check_registration(doc: Document, path: tuple, registration, country, vocab: Vocabularies,
                        today: dt.date) -> None:
    """Evidence of social-enterprise status: 'other' needs a link; expiry and country are checked."""
    if not isinstance(registration, dict):
        return
    kind = registration.get("type")
    if kind == "other" and not registration.get("url"):
        doc.problem(path, "registration.other_needs_url")
    expected = vocab.entry("registrations", kind).get("country") if isinstance(kind, str) else None
    if expected and country and expected != country:
        doc.problem(path + ("type",), "registration.country", severity="warning", value=kind,
                    country=COUNTRY_NAMES.get(expected, expected))
    until = _date(registration.get("valid_until"))
    if until and until < today:
        doc.problem(path + ("valid_until",), "registration.expired", severity="warning",
                    value=registration.get("valid_until"))
    _check_not_future(doc, path + ("since",), registration.get("since"), today)


def check_tender(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """Rules for one tender plan entry that the schema cannot express."""
    data = doc.data if isinstance(doc.data, dict) else {}
    buyer = data.get("buyer") if isinstance(data.get("buyer"), dict) else {}
    country = buyer.get("country")  # buyer.org_number is checked against the buyer registry (catalog._check_buyers)
    _check_area_country(doc, ("buyer", "municipality"), buyer.get("municipality"), country, vocab)
    reserved = _text_or_none(data.get("reserved"))
    country = _text_or_none(country)
    if reserved in BASIS_COUNTRIES and country and BASIS_COUNTRIES[reserved] != country:
        doc.problem(("reserved",), "reserved.basis_country", basis=reserved,
                    country=COUNTRY_NAMES[BASIS_COUNTRIES[reserved]])
    period = data.get("contract_period") if isinstance(data.get("contract_period"), dict) else {}
    start, end = _date(period.get("start")), _date(period.get("end"))
    if start and end and end < start:
        doc.problem(("contract_period", "end"), "tender.period_order", start=period["start"], end=period["end"])
    deadline, publication = _date(data.get("interest_deadline")), _date(data.get("expected_publication"))
    if deadline and publication and deadline > publication:
        doc.problem(("interest_deadline",), "tender.deadline_after_publication", severity="warning",
                    deadline=data["interest_deadline"], publication=data["expected_publication"])
    if data.get("status") == "published" and not data.get("notice_url"):
        doc.problem(("status",), "tender.published_without_notice", severity="warning")


def check_buyer(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """A buyer in the registry: its number's check digit, and a municipality in its country."""
    data = doc.data if isinstance(doc.data, dict) else {}
    country = _text_or_none(data.get("country"))
    check_org_number(doc, ("org_number",), data.get("org_number"), country)
    _check_area_country(doc, ("municipality",), data.get("municipality"), country, vocab)


def _check_area_country(doc: Document, path: tuple, code, country, vocab: Vocabularies) -> None:
    """A municipality code must belong to the record's country."""
    if isinstance(code, str) and country in ("DK", "SE") and vocab.has("areas", code):
        area_country = vocab.entry("areas", code).get("country")
        if area_country and area_country != country:
            doc.problem(path, "area.country_mismatch", value=code, country=COUNTRY_NAMES[country])


def _check_not_future(doc: Document, path: tuple, value, today: dt.date) -> None:
    """Dates that describe the past may not lie in the future."""
    day = _date(value)
    if day and day > today and not _has_problem(doc, path):
        doc.problem(path, "date.future", value=value, today=today.isoformat())


_date = as_date  # an ISO date string as a date, or None when absent or invalid (the schema reports invalid ones)


def _check_year_not_future(doc: Document, path: tuple, value, today: dt.date) -> None:
    """A year that describes the past (founded, a case, a reference) may not lie in the future; the schema gives
    the earliest."""
    if isinstance(value, int) and not isinstance(value, bool) and value > today.year and not _has_problem(doc, path):
        doc.problem(path, "date.future", value=value, today=today.isoformat())


def _has_problem(doc: Document, path: tuple) -> bool:
    """Whether a problem is already reported at path (the schema's, say: one message per field)."""
    return any(problem.field_path == path for problem in doc.problems)


def check_case(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """A case lies in the past."""
    data = doc.data if isinstance(doc.data, dict) else {}
    _check_year_not_future(doc, ("year",), data.get("year"), today)


def check_event(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """An event ends on or after the day it starts."""
    data = doc.data if isinstance(doc.data, dict) else {}
    start, end = _date(data.get("start")), _date(data.get("end"))
    if start and end and end < start:
        doc.problem(("end",), "event.period_order", start=data["start"], end=data["end"])


# Words of a shared mailbox's name: an address whose local part is two or three words of letters (anna.jensen@,
# a.jensen@, anna.m.jensen@) is a person's unless one of them is such a word (kontakt.os@, info.dk@).
FUNCTION_WORDS = frozenset({
    "info", "kontakt", "kontakta", "contact", "post", "mail", "epost", "email", "office", "kontor", "kansli",
    "sekretariat", "sekretariatet", "support", "help", "hjaelp", "hjalp", "radgivning", "raadgivning", "service",
    "kundservice", "kundtjanst", "registrator", "reception", "os", "oss", "us", "team", "forum", "netvaerk",
    "natverk", "udbud", "upphandling", "indkob", "inkop", "vejledning", "vagledning", "press", "presse",
    "admin", "noreply", "no", "reply", "web", "webmaster", "redaktion", "redaktionen", "sociala", "social",
    "socialokonomi", "socialoekonomi"})
_PERSONAL_LOCAL = re.compile(r"^[^\W\d_]+([._-][^\W\d_]+){1,2}$")


def looks_personal(email: str) -> bool:
    """Whether an e-mail address looks like a person's rather than an organisation's shared mailbox, as far as the
    address can tell: its local part is two or three words of letters joined by '.', '_' or '-' (anna.jensen,
    a.jensen, anna-maria.svensson) and none of them is a mailbox word such as info or kontakt (FUNCTION_WORDS)."""
    local = email.split("@", 1)[0].casefold()
    if not _PERSONAL_LOCAL.match(local):
        return False
    words = {unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in re.split(r"[._-]", local)}
    return not words & FUNCTION_WORDS


def check_organisation(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """A support organisation: a shared address, never a person's; its regions and municipalities lie in the
    countries it names; checked is not in the future."""
    data = doc.data if isinstance(doc.data, dict) else {}
    email = data.get("email")
    if isinstance(email, str) and not _has_problem(doc, ("email",)) and looks_personal(email):
        doc.problem(("email",), "organisation.personal_email", value=email)
    countries = data.get("countries")
    countries = {c for c in countries if isinstance(c, str)} if isinstance(countries, list) else set()
    for field in ("regions", "municipalities"):
        codes = data.get(field)
        for index, code in enumerate(codes if isinstance(codes, list) else []):
            if not isinstance(code, str) or _has_problem(doc, (field, index)) or not vocab.has("areas", code):
                continue
            country = vocab.entry("areas", code).get("country")
            if countries and country not in countries:
                doc.problem((field, index), "organisation.place_outside_countries", value=code,
                            country=COUNTRY_NAMES.get(country, country),
                            countries=", ".join(sorted(countries)))
    _check_not_future(doc, ("checked",), data.get("checked"), today)


def check_nothing(doc: Document, vocab: Vocabularies, today: dt.date) -> None:
    """Collections whose schema says everything."""


RECORD_RULES = {"suppliers": check_supplier, "tenders": check_tender, "buyers": check_buyer, "cases": check_case,
                "events": check_event, "glossary": check_nothing, "organisations": check_organisation}
