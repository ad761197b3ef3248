"""Who runs Bro (data/site.yml): the data controller and body responsible for the accessibility statement, its
contacts, the statement's dates and the supervisory authorities of each country, loaded and validated into a typed
object; and the placeholders ({{ operator.name }}, {{ authorities.DK.accessibility }} …) through which the pages in
content/ name them, so that no page writes a name or an address of its own. The editors' address is no part of the
file: it is mkdocs.yml's setting (extra.bro_editors_email, parsed by bro.settings), which the pages name as
{{ editors.email }} ({{ editors.name }}, {{ editors }}) through the same placeholders (`editors`)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bro import HOME_COUNTRY, addresses, files, i18n, rules
from bro.dates import format_day
from bro.problems import Problem
from bro.schema import SchemaSet, check
from bro.vocab import Vocabularies
from bro.yamlload import load_file

FILE = "data/site.yml"
SCHEMA = "site.schema.json"
# Settings a deployment may give without changing the file (empty means not given); validated like the file's.
ENV_OVERRIDES = {
    "BRO_OPERATOR_NAME": ("operator", "name"),
    "BRO_OPERATOR_EMAIL": ("operator", "email"),
    "BRO_OPERATOR_PHONE": ("operator", "phone"),
    "BRO_ACCESSIBILITY_EMAIL": ("accessibility", "email"),
    "BRO_ACCESSIBILITY_PHONE": ("accessibility", "phone"),
}
STATEMENT_MAX_AGE = 365  # days: the statement is updated at least once a year (Digitaliseringsstyrelsen, Digg)
COUNTRY_NAMES = {"DK": {"da": "Danmark", "sv": "Danmark"}, "SE": {"da": "Sverige", "sv": "Sverige"}}


class Email(str):
    """An e-mail address (shown as a mailto: link)."""


class Phone(str):
    """A telephone number (shown as a tel: link)."""


class Url(str):
    """A web address (a link's target)."""


@dataclass(frozen=True)
class Address:
    """A postal address."""

    street: str
    postcode: str
    city: str
    country: str


@dataclass(frozen=True)
class Contact:
    """Someone to write to or call: a name (if any), an e-mail address and a telephone number (if any)."""

    name: str | None
    email: Email | None
    phone: Phone | None


@dataclass(frozen=True)
class Organisation:
    """An organisation with its postal address and contacts; an authority's complaint page is its url."""

    name: str
    address: Address
    email: Email | None = None
    phone: Phone | None = None
    url: Url | None = None
    org_number: str | None = None
    dpo: Contact | None = None


@dataclass(frozen=True)
class Accessibility:
    """Where readers report accessibility problems, and the statement's dates."""

    contact: Contact
    prepared: dt.date
    assessed: dt.date
    updated: dt.date
    published: dt.date | None = None


@dataclass(frozen=True)
class CountryAuthorities:
    """One country's supervisory authorities."""

    data_protection: Organisation
    accessibility: Organisation


@dataclass(frozen=True)
class SiteInfo:
    """Everything data/site.yml says."""

    sample: bool
    operator: Organisation
    accessibility: Accessibility
    authorities: dict[str, CountryAuthorities]


# --- loading -----------------------------------------------------------------------------------------------------


def load(root: Path, schemas: SchemaSet, vocab: Vocabularies, today: dt.date,
         environ: dict[str, str] | None = None) -> tuple[SiteInfo | None, list[Problem]]:
    """data/site.yml as a SiteInfo, with every problem (None when it has errors or does not exist). The settings in
    ENV_OVERRIDES replace the file's; a problem with one of them names the variable instead of the file."""
    path = root / FILE
    if not path.exists() or files.linked(path, root):
        return None, []  # a link is the catalog's error; without the file, no page can use the placeholders
    doc = load_file(path, FILE)
    if not isinstance(doc.data, dict):
        return None, doc.problems
    overridden = _apply_environment(doc.data, os.environ if environ is None else environ)
    check(doc, schemas, SCHEMA)
    rules.check_texts(doc, schemas, SCHEMA, vocab)
    data = doc.data
    operator = data.get("operator")
    if isinstance(operator, dict) and isinstance(operator.get("address"), dict):
        rules.check_org_number(doc, ("operator", "org_number"), operator.get("org_number"),
                               operator["address"].get("country"))
    if not any(p.severity == "error" for p in doc.problems):
        _check_dates(doc, today)
    if data.get("sample") is True:
        doc.problem(("sample",), "site.sample", severity="warning", file=FILE)
    problems = [Problem(overridden[p.field_path], 1, 1, p.field_path, p.code, p.params, p.severity)
                if p.field_path in overridden else p for p in doc.problems]
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _site(data), problems


def _apply_environment(data: dict, environ) -> dict[tuple, str]:
    """Put the settings given in the environment into the data; returns each replaced field's variable."""
    overridden = {}
    for name, (section, key) in ENV_OVERRIDES.items():
        value = environ.get(name, "").strip()
        if value and isinstance(data.get(section), dict):
            data[section][key] = value
            overridden[(section, key)] = name
    return overridden


def _check_dates(doc, today: dt.date) -> None:
    """The statement's dates in order (prepared, then assessed and updated), none in the future, and the statement
    updated within the last year."""
    days = {key: dt.date.fromisoformat(value) for key, value in doc.data["accessibility"].items()
            if key in ("prepared", "assessed", "updated", "published")}
    for key in ("assessed", "updated"):
        if days[key] < days["prepared"]:
            doc.problem(("accessibility", key), "site.before_prepared", value=days[key].isoformat(),
                        prepared=days["prepared"].isoformat())
    for key, day in days.items():
        if day > today:
            doc.problem(("accessibility", key), "site.future_date", severity="warning", value=day.isoformat())
    if (today - days["updated"]).days > STATEMENT_MAX_AGE:
        doc.problem(("accessibility", "updated"), "site.statement_stale", severity="warning",
                    value=days["updated"].isoformat())


def _site(data: dict) -> SiteInfo:
    """The validated data as typed objects."""
    operator = _organisation(data["operator"])
    accessibility = data["accessibility"]
    contact = Contact(None, Email(accessibility.get("email") or operator.email),
                      _phone(accessibility.get("phone")) or operator.phone)
    dates = {key: dt.date.fromisoformat(accessibility[key]) for key in ("prepared", "assessed", "updated",
                                                                          "published") if key in accessibility}
    authorities = {code: CountryAuthorities(_organisation(entry["data_protection"]),
                                            _organisation(entry["accessibility"]))
                   for code, entry in data["authorities"].items()}
    return SiteInfo(data["sample"], operator, Accessibility(contact, **dates), authorities)


def _organisation(data: dict) -> Organisation:
    """One organisation of the file."""
    dpo = data.get("dpo")
    return Organisation(
        name=data["name"], address=Address(**data["address"]), email=_email(data.get("email")),
        phone=_phone(data.get("phone")), url=Url(data["url"]) if data.get("url") else None,
        org_number=data.get("org_number"),
        dpo=Contact(dpo.get("name"), _email(dpo["email"]), _phone(dpo.get("phone"))) if dpo else None)


def _email(value) -> Email | None:
    return Email(value) if value else None


def _phone(value) -> Phone | None:
    return Phone(value) if value else None


# --- the editors ---------------------------------------------------------------------------------------------------

EDITORS = "editors"  # the placeholders' name for the editors (not in data/site.yml: mkdocs.yml's setting)


def editors(email: str, lang: str) -> Contact:
    """The editors as the placeholders show them: their name in the page's language ("Redaktionen") and the one
    address readers write to, mkdocs.yml's extra.bro_editors_email (bro.settings; give the parsed setting, never a
    copy of the address)."""
    return Contact(i18n.label("editors.name", lang).text, Email(email), None)


# --- placeholders ------------------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{\{[ \t]*([^{}\n]*?)[ \t]*\}\}")  # any {{ … }}: a misspelt one is reported too
_SEPARATOR = "  \n"  # a line break inside a block (Markdown's two spaces)


class PlaceholderError(ValueError):
    """A placeholder that names nothing in data/site.yml (the validator reports these before any build)."""


@functools.cache
def known_paths() -> frozenset[str]:
    """Every placeholder a page may write, whether or not the file sets its value."""
    found = [*_paths(Organisation, "operator"), *_paths(Accessibility, "accessibility")]
    for code in COUNTRY_NAMES:
        found.append(f"authorities.{code}")
        found += [path for role in ("data_protection", "accessibility")
                  for path in _paths(Organisation, f"authorities.{code}.{role}")]
    found += [EDITORS, f"{EDITORS}.name", f"{EDITORS}.email"]  # no telephone: the setting is an address
    return frozenset(found) - {"accessibility"}  # the statement's parts are named one by one


def _paths(kind, prefix: str) -> Iterator[str]:
    """A typed object's dotted path and those of everything inside it."""
    yield prefix
    if dataclasses.is_dataclass(kind):
        for name, hint in typing.get_type_hints(kind).items():
            yield from _paths(_without_none(hint), f"{prefix}.{name}")


def _without_none(hint):
    """The type an optional field holds (X for X | None)."""
    if isinstance(hint, types.UnionType):
        return next(arg for arg in hint.__args__ if arg is not type(None))
    return hint


def is_editors(path: str) -> bool:
    """Whether a placeholder names the editors (mkdocs.yml's setting) rather than a part of data/site.yml."""
    return path.split(".")[0] == EDITORS


def resolve(site: SiteInfo | None, path: str, editors: Contact | None = None):
    """The value a placeholder names (the editors' from `editors`, see editors()), or None when nothing sets it;
    PlaceholderError when no such placeholder exists."""
    if path not in known_paths():
        raise PlaceholderError(path)
    value = {EDITORS: editors} if is_editors(path) else site
    for part in path.split("."):
        if value is None:
            return None
        value = value.get(part) if isinstance(value, dict) else getattr(value, part)
    return value


def render(value, lang: str) -> str:
    """A value as Markdown in the page's language: e-mail addresses and telephone numbers as links, dates written
    out, an address on one line, an organisation or a contact as a block of lines."""
    if isinstance(value, Email):
        return f"[{text(value)}]({addresses.mailto_href(value)})"
    if isinstance(value, Phone):
        return f"[{text(value)}](tel:{re.sub(r'[^0-9+]', '', value)})"
    if isinstance(value, Url):  # the target of a link the page writes: [Digg's form]({{ … .url }})
        return _URL_BREAKERS.sub(lambda m: f"%{ord(m.group(0)):02X}", value)
    if isinstance(value, dt.date):
        return format_day(value.isoformat(), lang)
    if isinstance(value, Address):
        return text(address_line(value, lang))
    if isinstance(value, (Organisation, Contact)):
        return _SEPARATOR.join(_block_lines(value, lang))
    if isinstance(value, CountryAuthorities):
        return "\n\n".join(render(org, lang) for org in (value.data_protection, value.accessibility))
    return text(str(value))


_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")  # what Python-Markdown lets a backslash keep as itself
_URL_BREAKERS = re.compile(r"[()<>\s]")  # would end a link's target


def text(value: str) -> str:
    """A text from data/site.yml as Markdown that shows it as written (no emphasis, links or HTML), on one line."""
    value = " ".join(value.split()).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKUP.sub(r"\\\1", value)


def address_line(address: Address, lang: str) -> str:
    """An address on one line, with the country's name when it is not the page's own country."""
    line = f"{address.street}, {address.postcode} {address.city}"
    if address.country != HOME_COUNTRY[lang]:
        line += f", {COUNTRY_NAMES[address.country][lang]}"
    return line


def _block_lines(value: Organisation | Contact, lang: str) -> list[str]:
    """The lines of an organisation's or a contact's block."""
    def label(key: str) -> str:
        return i18n.label(key, lang).text

    lines = [f"**{text(value.name)}**"] if value.name else []
    if isinstance(value, Organisation):
        if value.org_number:
            lines.append(f"{label('org_number.' + value.address.country)} {text(value.org_number)}")
        lines.append(text(address_line(value.address, lang)))
    if value.email:
        lines.append(f"{label('contact.email')}: {render(value.email, lang)}")
    if value.phone:
        lines.append(f"{label('contact.phone')}: {render(value.phone, lang)}")
    if isinstance(value, Organisation) and value.url:  # an authority's page for complaints
        lines.append(f"[{text(label('site.complaint'))}]({render(value.url, lang)})")
    if isinstance(value, Organisation) and value.dpo:
        dpo = value.dpo
        reach = " · ".join(render(item, lang) for item in (dpo.email, dpo.phone) if item)
        name = f"{text(dpo.name)}, " if dpo.name else ""
        lines.append(f"{label('site.dpo')}: {name}{reach}")
    return lines


_SAMPLE_PATHS = ("operator", "accessibility.contact")  # what the file's `sample` is about (authorities are real)


def is_sample(site: SiteInfo | None, path: str) -> bool:
    """Whether a placeholder shows one of the example details of who runs Bro (the file says sample: true)."""
    return site is not None and site.sample and any(path == root or path.startswith(root + ".")
                                                    for root in _SAMPLE_PATHS)


def filled(site: SiteInfo | None, path: str, lang: str, editors: Contact | None = None) -> str | None:
    """What a placeholder shows on a page, or None when nothing sets it. While the file's details are
    examples (sample: true), every placeholder that shows one says so: a block with a line of its own, a single
    value (a name, an e-mail address …) with a word after it."""
    value = resolve(site, path, editors)
    if value is None:
        return None
    shown = render(value, lang)
    if is_sample(site, path):
        if isinstance(value, (Organisation, Contact)):
            shown += _SEPARATOR + f"*{text(i18n.label('site.sample_block', lang).text)}*"
        else:
            shown += f" *{text(i18n.label('site.sample_value', lang).text)}*"
    return shown


def expand(markdown: str, site: SiteInfo | None, lang: str, editors: Contact | None = None) -> str:
    """A page's Markdown with every placeholder filled in (PlaceholderError for one that names nothing set); the
    editors' placeholders from `editors` (see editors())."""
    def fill(match: re.Match) -> str:
        shown = filled(site, match.group(1), lang, editors)
        if shown is None:
            raise PlaceholderError(match.group(1))
        return shown
    return PLACEHOLDER.sub(fill, markdown)


@dataclass(frozen=True)
class PlaceholderIssue:
    """A placeholder a page cannot use: where it is in the text (1-based) and why."""

    line: int
    column: int
    code: str
    params: dict


def check_placeholders(text: str, site: SiteInfo | None, lang: str, file_missing: bool = False,
                       editors: Contact | None = None) -> tuple[str, list[PlaceholderIssue]]:
    """The text as the site renders it, each placeholder filled in on one line (so that every later line keeps its
    number), and the placeholders that name nothing or something the file does not set. Without a valid file
    (site None) only unknown names are reported, and a missing file where a page needs it. The editors'
    placeholders need no file: filled in from `editors` (see editors()); without it (mkdocs.yml missing or its
    setting wrong, which bro.settings reports) they are left blank and not reported again."""
    issues: list[PlaceholderIssue] = []

    def fill(match: re.Match) -> str:
        path = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        if path not in known_paths():
            close = sorted(p for p in known_paths() if p.rsplit(".", 1)[-1] == path.rsplit(".", 1)[-1])[:3]
            issues.append(PlaceholderIssue(line, column, "content.placeholder_unknown",
                                           {"snippet": match.group(0), "name": path,
                                            "known": ", ".join(close or sorted(_TOP))}))
            return _blank(match)
        if is_editors(path):
            return _blank(match) if editors is None else _one_line(filled(site, path, lang, editors))
        if site is None:
            if file_missing:
                issues.append(PlaceholderIssue(line, column, "content.placeholder_no_file",
                                               {"snippet": match.group(0), "file": FILE}))
            return _blank(match)
        shown = filled(site, path, lang)
        if shown is None:
            issues.append(PlaceholderIssue(line, column, "content.placeholder_unset",
                                           {"snippet": match.group(0), "name": path, "file": FILE}))
            return _blank(match)
        return _one_line(shown)
    return PLACEHOLDER.sub(fill, text), issues


def _one_line(shown: str) -> str:
    """What a placeholder shows, on one line."""
    return shown.replace(_SEPARATOR, "  ").replace("\n\n", "  ")


def _blank(match: re.Match) -> str:
    """A placeholder that cannot be filled in, as plain letters of its length (reported once, as a placeholder)."""
    return "x" * len(match.group(0))


_TOP = ("editors.email", "operator", "operator.name", "operator.email", "accessibility.contact",
        "accessibility.updated", "authorities.DK.data_protection", "authorities.SE.accessibility.url")
