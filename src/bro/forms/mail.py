"""Reading a saved e-mail (RFC 5322, an .eml file) for the document a form on the site sends: the attached file
bro-*.yml, else the text between the lines ----- BRO START ----- and ----- BRO END ----- of the body. Python's
`email` package (policy=default) undoes the transfer encodings (quoted-printable, base64) and character sets; this
module undoes what mail clients do on top: format=flowed line wrapping, quoting ('> ') in a forwarded or replied
mail, HTML-only mails (their text taken without any markup), CRLF line ends. A message forwarded as an attachment
(message/rfc822) is read like the mail around it. Nothing is guessed: two documents, a start line without its end
line or a document in no known place is a problem for the editor, never a choice made for them.

What is found is a Received document: its text, how problems name it (the mail's file name and the attachment's
name, or "body"), a stable id for the branch and the day the mail was sent (bro.forms.received goes on from there)."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import html.parser
import re
from dataclasses import dataclass
from email.message import EmailMessage

from bro import limits
from bro.problems import Problem

# A saved e-mail is read up to this size: a document at its largest (limits.MAX_FILE_BYTES), base64-encoded (4/3),
# both as an attachment and in the body, with room for the rest of the mail.
MAIL_LIMIT = 4 * limits.MAX_FILE_BYTES
START, END = "----- BRO START -----", "----- BRO END -----"  # the lines around a document in a mail's text
ATTACHMENT = re.compile(r"bro-[a-z0-9._-]*\.ya?ml", re.I)  # the name of an attached document: bro-*.yml
FORM_CODE = "forms."  # a problem code in this prefix is worded from forms.<lang>.yml's problems (bro.forms.received)
# A start or end line, perhaps quoted ('> ' once or more) in a forwarded or replied mail.
_MARKER = re.compile(r"((?:>[ \t]?)*)[ \t]*-----[ \t]*BRO[ \t]+(START|END)[ \t]*-----[ \t]*")
_BLOCK_TAGS = {"br", "p", "div", "li", "tr", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
               "blockquote", "hr"}
_HIDDEN_TAGS = {"script", "style", "head", "title", "template", "noscript"}


@dataclass(frozen=True)
class Received:
    """A document as it was received: its text, how problems name it (mail.eml/bro-x.yml, mail.eml/body or the
    bare file's name), the stable id its branch is named by, and the day it was sent (None when the mail says
    nothing readable)."""

    name: str
    text: str
    stable_id: str
    sent: dt.date | None = None


def problem(name: str, code: str, line: int = 1, column: int = 1, **params) -> Problem:
    """A problem of the received mail or document, worded from the forms' texts (forms.<lang>.yml's problems)."""
    return Problem(name, line, column, (), FORM_CODE + code, params)


def make_stable_id(message_id: str | None, text: str) -> str:
    """Twelve hex digits that name a received document for good: from the mail's Message-ID (the same mail read
    twice gets the same id; two mails get two), else from the document's text. 48 bits: two of the editors' mails
    share an id with a chance of about one in 10^14 for every pair."""
    seed = f"message-id:{message_id.strip().strip('<>').strip()}" if message_id and message_id.strip() \
        else f"text:{text}"
    return hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def read_document_file(raw: bytes, name: str) -> tuple[Received | None, list[Problem]]:
    """A document saved as a file of its own (the downloaded bro-*.yml): its text, or the problem with it."""
    if len(raw) > limits.MAX_FILE_BYTES:
        return None, [limits.too_large(name)]
    text = _decode(raw, None)
    if text is None:
        return None, [problem(name, "mail_unreadable")]
    return Received(name, _normalize(text), make_stable_id(None, _normalize(text))), []


def read_mail(raw: bytes, name: str) -> tuple[Received | None, list[Problem]]:
    """The document a saved e-mail carries (the attachment preferred to the body), or every problem in finding
    it."""
    if len(raw) > MAIL_LIMIT:
        return None, [problem(name, "mail_too_large", size=_megabytes(len(raw)), limit=_megabytes(MAIL_LIMIT))]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    sent = _read_date(message)
    message_id = _header(message, "Message-ID")
    attached, problems = _find_attachment(message, name)
    if problems:
        return None, problems
    if attached is not None:
        label, text = attached
        return Received(f"{name}/{label}", text, make_stable_id(message_id, text), sent), []
    block, problems = _find_block(message, name)
    if problems:
        return None, problems
    if block is None:
        return None, [problem(name, "mail_no_document")]
    return Received(f"{name}/body", block, make_stable_id(message_id, block), sent), []


def _megabytes(size: int) -> str:
    """A size in bytes as MB with one decimal."""
    return f"{size / (1024 * 1024):.1f} MB"


def _header(message: EmailMessage, key: str) -> str | None:
    """A header's text, or None when it is missing or unreadable."""
    try:
        value = message.get(key)
    except (ValueError, TypeError, IndexError):  # a malformed header the parser could not make sense of
        return None
    return str(value) if value is not None else None


def _read_date(message: EmailMessage) -> dt.date | None:
    """The day the mail was sent, by its Date header (in the sender's own time zone), or None."""
    value = _header(message, "Date")
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _walk(message: EmailMessage):
    """Every leaf part of the mail, of forwarded mails inside it too (message/rfc822 is walked into)."""
    for part in message.walk():
        if not part.is_multipart():
            yield part


def _filename(part: EmailMessage) -> str | None:
    """A part's file name, or None (also when its header cannot be read)."""
    try:
        return part.get_filename()
    except (ValueError, TypeError, IndexError, LookupError):
        return None


def _find_attachment(message: EmailMessage, name: str) -> tuple[tuple[str, str] | None, list[Problem]]:
    """The attached document (its file name and text), None when there is none, or the problem: two different
    ones, or one that is no UTF-8 text."""
    found: dict[str, str] = {}
    for part in _walk(message):
        filename = _filename(part)
        if not filename or not ATTACHMENT.fullmatch(filename):
            continue
        payload = part.get_payload(decode=True) or b""
        if len(payload) > limits.MAX_FILE_BYTES:
            return None, [limits.too_large(f"{name}/{filename}")]
        text = _decode(payload, part.get_content_charset())
        if text is None:
            return None, [problem(f"{name}/{filename}", "mail_unreadable")]
        found.setdefault(_normalize(text), filename)  # the same file attached twice (a forward of a forward) is one
    if len(found) > 1:
        return None, [problem(name, "mail_two_attachments", count=len(found), names=", ".join(found.values()))]
    return (next(((label, text) for text, label in found.items()), None)), []


def _body_texts(message: EmailMessage, subtype: str) -> list[str]:
    """The text of every text/<subtype> part that is no attachment, decoded, its wrapping and line ends undone."""
    texts = []
    for part in _walk(message):
        if part.get_content_type() != f"text/{subtype}" or part.get_content_disposition() == "attachment" \
                or _filename(part):
            continue
        text = _decode(part.get_payload(decode=True) or b"", part.get_content_charset())
        if text is None:
            continue
        text = _normalize(text)
        if subtype == "plain" and part.get_param("format", "").lower() == "flowed":
            text = unflow(text, part.get_param("delsp", "").lower() == "yes")
        texts.append(strip_html(text) if subtype == "html" else text)
    return texts


def _find_block(message: EmailMessage, name: str) -> tuple[str | None, list[Problem]]:
    """The document between the start and end lines of the mail's text (its plain text, else its HTML), None when
    no text has a start line, or the problems: a block without its end, two different blocks."""
    for subtype in ("plain", "html"):
        blocks, problems = [], []
        for text in _body_texts(message, subtype):
            found, trouble = take_blocks(text, f"{name}/body")
            blocks += found
            problems += trouble
        if problems:
            return None, problems
        distinct = list(dict.fromkeys(blocks))  # a forwarded copy of the same text counts once
        if len(distinct) > 1:
            return None, [problem(f"{name}/body", "mail_two_blocks", count=len(distinct))]
        if distinct:
            return distinct[0], []
    return None, []


def take_blocks(text: str, name: str) -> tuple[list[str], list[Problem]]:
    """Every document between a start and an end line of a text, with the quoting of its start line taken off each
    of its lines; problems for a start line inside a block and for a block that does not end."""
    blocks, problems = [], []
    current: list[str] | None = None
    depth = start_line = 0
    for number, line in enumerate(text.split("\n"), start=1):
        marker = _MARKER.fullmatch(line)
        if marker and marker.group(2) == "START":
            if current is not None:
                problems.append(problem(name, "mail_start_twice", number, first=start_line))
            current, depth, start_line = [], marker.group(1).count(">"), number
        elif marker and current is not None:
            blocks.append("\n".join(current).strip("\n") + "\n")
            current = None
        elif current is not None:
            current.append(_unquote(line, depth))
    if current is not None:
        problems.append(problem(name, "mail_no_end", start_line))
    return blocks, problems


def _unquote(line: str, depth: int) -> str:
    """A line without the first `depth` quote marks ('>', each with one space after it)."""
    for _ in range(depth):
        if not line.startswith(">"):
            break
        line = line[2:] if line.startswith(("> ", ">\t")) else line[1:]
    return line


def unflow(text: str, delsp: bool) -> str:
    """Text sent as format=flowed (RFC 3676) as it was written: a line that ends in a space goes on in the next one
    (with DelSp=yes that space was added by the client and goes); the space a client put before a line that starts
    with a space, '>' or 'From ' goes; the signature line '-- ' stays as it is."""
    out: list[str] = []
    carry = ""
    for line in text.split("\n"):
        quotes = len(line) - len(line.lstrip(">"))
        prefix, content = line[:quotes], line[quotes:]
        if content.startswith(" "):  # space-stuffing
            content = content[1:]
        if content.endswith(" ") and content != "-- ":
            carry += (content[:-1] if delsp else content)
            carry_prefix = prefix
            continue
        if carry:
            out.append(_requote(carry_prefix, carry + content))
            carry = ""
        else:
            out.append(_requote(prefix, content))
    if carry:
        out.append(_requote(carry_prefix, carry))
    return "\n".join(out)


def _requote(prefix: str, content: str) -> str:
    """A quoted line written the usual way ('>> text'), an unquoted one as it is."""
    return f"{prefix} {content}" if prefix and content else prefix + content


class _TextOnly(html.parser.HTMLParser):
    """An HTML mail's text: each block element a new line, entities read, nothing of scripts, styles or tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = self.pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        """A block element starts a new line; a script or style hides what it holds."""
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            self.pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        """The end of a hidden element shows text again; the end of a block starts a new line."""
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n")
            self.pre = max(0, self.pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        """Text outside hidden elements; HTML's own line breaks are spaces, except in <pre>."""
        if not self.hidden:
            self.parts.append(data if self.pre else re.sub(r"[ \t]*\n[ \t]*", " ", data))


def strip_html(markup: str) -> str:
    """The text of an HTML mail, for finding a document in it: every tag left out, block elements and <br> as line
    breaks, entities read, non-breaking spaces at the start of a line (how HTML keeps indentation) as spaces.
    Markup in the text of the document itself is entity-encoded in the HTML, so it comes back as the text it was
    (and the validator judges it)."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    return "\n".join(re.sub(r"^[\u00a0 ]+", lambda m: " " * len(m.group()), line) for line in lines)


def _decode(raw: bytes, charset: str | None) -> str | None:
    """Bytes as text in the part's character set, else UTF-8 (a byte-order mark dropped); None when neither reads
    them."""
    for name in dict.fromkeys(c for c in (charset, "utf-8") if c):
        try:
            return raw.decode("utf-8-sig" if name.lower().replace("_", "-") in ("utf-8", "utf8") else name)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _normalize(text: str) -> str:
    """Text with Unix line ends (a mail's CRLF, a lone CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
