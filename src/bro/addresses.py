"""Web and e-mail addresses: what Bro accepts (no disguised destination, no hidden recipients) and how it shows
them (a host that imitates another in punycode, as the reader's browser will reach it)."""
from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import idna

from bro import lookalike

# One e-mail address and nothing that would change a mailto: link built from it (a query with cc/bcc/body, a
# fragment, an encoded character, a second address). schemas/common.schema.json's email pattern is the same text
# (a test keeps them equal).
EMAIL_PATTERN = r'^[^@\s<>"?&%#/\\,;:]+@[^@\s<>"?&%#/\\,;:]+\.[A-Za-z]{2,}$'
_EMAIL = re.compile(EMAIL_PATTERN)
MAILTO_FIELDS = frozenset({"subject", "body"})  # what a mailto: link in Markdown may fill in besides the address
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs", "Cn", "Co", "Cs"})


@dataclass(frozen=True)
class AddressIssue:
    """Something wrong with an address: a message code, its parameters and how serious it is."""

    code: str
    params: dict = field(default_factory=dict)
    severity: str = "error"


def is_email(address: str) -> bool:
    """Whether address is one plain e-mail address (the schema's email pattern)."""
    return bool(_EMAIL.match(address))


def check_url(url: str) -> AddressIssue | None:
    """The error (url_problem) or else the warning (host_warning) for a web address, or None when it is fine."""
    return url_problem(url) or host_warning(url)


def url_problem(url: str) -> AddressIssue | None:
    """Why a web address is refused: a name or password before the host (https://www.skat.dk@evil.example/), a
    backslash, a space or an invisible character, or a host that is no host name; None when it is fine."""
    if "\\" in url:
        return AddressIssue("url.backslash", {"value": url})
    if not (url.isascii() and url.isprintable() and " " not in url) and (invisible := next(
            (char for char in url if unicodedata.category(char) in _INVISIBLE_CATEGORIES), None)):
        return AddressIssue("url.invisible", {"value": url, "character": lookalike.describe_character(invisible)})
    parts = urlsplit(url)
    if "@" in parts.netloc:
        return AddressIssue("url.userinfo", {"value": url, "host": parts.netloc.rpartition("@")[2]})
    try:
        parts.port  # noqa: B018 - a port that is no number raises
    except ValueError:
        return AddressIssue("url.host", {"value": url, "host": parts.netloc})
    if host_forms(parts.hostname or "") is None:
        return AddressIssue("url.host", {"value": url, "host": parts.hostname or parts.netloc})
    return None


def host_warning(url: str) -> AddressIssue | None:
    """A warning for a valid web address whose host imitates another (mixed scripts, or Latin letters written in
    another script): readers are shown its punycode form."""
    host = urlsplit(url).hostname or ""
    forms = host_forms(host)
    if forms is None or not is_deceptive(forms[1]):
        return None
    return AddressIssue("url.deceptive_host", {"value": url, "host": forms[1], "shown": forms[0]}, "warning")


# An ordinary ASCII host name (letters, digits and hyphens, at least two labels): valid without asking IDNA.
_PLAIN_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


@functools.lru_cache(maxsize=4096)  # the same few hosts recur in many records
def host_forms(host: str) -> tuple[str, str] | None:
    """A host name's ASCII (punycode) and Unicode forms, or None when it is no valid host name (IDNA 2008,
    at least two labels) or IP address."""
    if len(host) <= 253 and "xn--" not in host and _PLAIN_HOST.fullmatch(host):
        return host, host
    try:
        ipaddress.ip_address(host)
        return host, host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return None
    try:
        ascii_form = idna.encode(host, uts46=False).decode("ascii")
        return ascii_form, idna.decode(ascii_form)
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def is_deceptive(host: str) -> bool:
    """Whether a host (in Unicode) has a label that mixes scripts or writes Latin letters in another script."""
    if host.isascii():
        return False
    return any(lookalike.mixes_scripts(label) or lookalike.imitates_latin(label)
               for label in host.split(".") if not label.isascii())


def display_host(host: str) -> str:
    """A host as Bro shows it: a deceptive one in punycode, an ordinary international one in Unicode
    (xn--smrrebrd-64af.dk reads smørrebrød.dk), anything else as written."""
    forms = host_forms(host.lower())
    if forms is None:
        return host
    ascii_form, unicode_form = forms
    if is_deceptive(unicode_form):
        return ascii_form
    return unicode_form if unicode_form != host.lower() else host


def display_url(url: str) -> str:
    """A web address as Bro shows it as text: its host as display_host says, everything else as written."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except (ValueError, TypeError):
        return url
    host = parts.hostname
    if not host or "@" in parts.netloc or (shown := display_host(host)) == host:
        return url
    written = parts.netloc if port is None else parts.netloc.rpartition(":")[0]
    start = url.index(parts.netloc)
    return url[:start] + shown + url[start + len(written):]


def mailto_href(address: str) -> str:
    """A mailto: link to one stored address, percent-encoded so that nothing in it can add a recipient or a
    header."""
    return "mailto:" + quote(address, safe="@+")


def mailto_problem(url: str) -> AddressIssue | None:
    """Why a mailto: link in Markdown is refused: not one plain address, or fields other than subject and body
    (to, cc and bcc add recipients the reader does not see)."""
    _, _, rest = url.partition(":")
    address, _, query = rest.partition("?")
    if not is_email(unquote(address)):
        return AddressIssue("mailto.address", {"value": url})
    fields = sorted({name.lower() for name, _ in parse_qsl(query, keep_blank_values=True)} - MAILTO_FIELDS)
    if fields or "#" in query:
        return AddressIssue("mailto.fields", {"value": url, "fields": ", ".join(fields) or "#"})
    return None


def link_problem(url: str) -> AddressIssue | None:
    """An error or warning for a link in Markdown, by its scheme (http(s) and mailto; tel has no parts to hide)."""
    scheme = url.partition(":")[0].strip().lower()
    if scheme in ("http", "https"):
        return check_url(url)
    if scheme == "mailto":
        return mailto_problem(url)
    return None
