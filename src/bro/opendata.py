"""Bro's open data: one registry (FILES) of every file published for re-use, from which everything else is made.

- bro.build writes the files under api/ from it (write), with api/index.json, the index of every file (index), and
  each JSON file's JSON Schema under api/schemas/ (schemas_out);
- the open-data pages list the files, the feeds and each CSV's columns from it (expand, through the placeholders
  {{ open_data.files }}, {{ open_data.feeds }} and {{ open_data.columns.<key> }}; hooks/opendata.py);
- pages may link to the files under api/ (api_names; hooks/pages.py);
- the tests read every file back and hold it against its entry (tests/test_opendata.py).

A new open-data file is one entry of FILES: its name, its words in Danish and Swedish, its format, how many records
it holds and how it is written (an ApiFile), or which file of each language's site it is (a SiteFile: the feeds and
calendars the language builds write). A JSON file has a JSON Schema: a collection of the catalog exported with
bro.api.export (collection=…) has its records' schema (bro.catalog.COLLECTIONS) with what the export adds; any other
JSON file gives its own (make_schema=…)."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bro import LANGUAGES, api, feeds, i18n, ocds, peers, urls
from bro.catalog import COLLECTIONS
from bro.model import table
from bro.model.table import Column

if TYPE_CHECKING:
    from pathlib import Path

    from bro.catalog import Catalog
    from bro.schema import SchemaSet

LICENSE = api.LICENSE
API = urls.ROOT_OUTPUTS["open_data"].partition("{name}")[0]  # "api/"
SCHEMAS = urls.ROOT_OUTPUTS["open_data_schema"].partition("{name}")[0].removeprefix(API)  # "schemas/", under API
INDEX = "index.json"
JSON, CSV, ATOM, ICALENDAR = "application/json", "text/csv", "application/atom+xml", "text/calendar"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
OCDS_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
STANDARDS = {ATOM: "https://www.rfc-editor.org/rfc/rfc4287", ICALENDAR: "https://www.rfc-editor.org/rfc/rfc5545",
             CSV: "https://www.rfc-editor.org/rfc/rfc4180"}


def _d(da: str, sv: str) -> dict[str, str]:
    return {"da": da, "sv": sv}


@dataclass(frozen=True)
class Listed:
    """One file as the index lists it: where it is (from the site root), its language (None: both), how many
    records it holds, and a word that tells it from its siblings (a category's calendar: the category)."""

    path: str
    lang: str | None
    count: int
    label: Mapping[str, str] | None = None


@dataclass(frozen=True)
class ApiFile:
    """A file bro.build writes under api/, shared by both languages; its key is its name there."""

    key: str
    media_type: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    count: Callable[[Catalog], int]
    write: Callable[[Catalog, dt.datetime], str]
    encoding: str = "utf-8"
    collection: str | None = None  # the catalog's collection a JSON file exports (bro.api.export)
    standard_schema: str | None = None  # the JSON Schema of a standard's format (OCDS), by its address
    make_schema: Callable[[SchemaSet], dict] | None = None  # the JSON Schema of a JSON file that is no collection
    columns: tuple[Column, ...] = ()  # a CSV's columns (bro.model.table)

    @property
    def name(self) -> str:
        return self.key

    def listed(self, catalog: Catalog) -> list[Listed]:
        return [Listed(API + self.name, None, self.count(catalog))]

    @property
    def schema(self) -> str | None:
        """The name of the JSON Schema Bro publishes for it under api/schemas/ (an exported collection's, or the
        one make_schema makes)."""
        return self.key.removesuffix(".json") + ".schema.json" if self.collection or self.make_schema else None

    @property
    def schema_path(self) -> str | None:
        """Its JSON Schema's address: Bro's own from the site root, a standard's as it is."""
        return API + SCHEMAS + self.schema if self.schema else self.standard_schema


@dataclass(frozen=True)
class SiteFile:
    """A file each language's site has (the feeds and calendars, written by the language builds' hooks): its
    output in bro.urls.OUTPUTS, or several (each with its own label and count) from files."""

    key: str
    media_type: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    output: str = ""  # its name in bro.urls.OUTPUTS, with count: how many records it holds
    count: Callable[[Catalog], int] | None = None
    files: Callable[[Catalog, str], list[Listed]] | None = None  # or a family of files, per language
    columns: tuple[Column, ...] = ()
    collection: None = None
    schema: None = None
    make_schema: None = None

    def listed(self, catalog: Catalog) -> list[Listed]:
        if self.files is not None:
            return [found for lang in LANGUAGES for found in self.files(catalog, lang)]
        return [Listed(urls.site_url(urls.output_path(self.output, lang), lang), lang, self.count(catalog))
                for lang in LANGUAGES]

    @property
    def schema_path(self) -> None:
        return None


def _json(collection: str) -> Callable[[Catalog, dt.datetime], str]:
    """A collection's JSON document (bro.api.export), compact: indented it is 39 MB at 10,000 suppliers."""
    return lambda catalog, generated: json.dumps(api.export(catalog, collection, generated), ensure_ascii=False,
                                                 separators=(",", ":")) + "\n"


def _ocds(catalog: Catalog, generated: dt.datetime) -> str:
    """The tender plan as an OCDS release package (bro.ocds), whose uri is its own file."""
    return json.dumps(ocds.release_package(catalog, generated, "tenders.ocds.json"), ensure_ascii=False,
                      indent=1) + "\n"


def _category_calendars(catalog: Catalog, lang: str) -> list[Listed]:
    """The plan's calendar of each category (hooks/plan.py writes one for each, with entries or not: bro.feeds)."""
    codes = sorted(catalog.vocab.codes("categories"))
    names = urls.term_slugs(catalog.vocab, "category", lang)
    return [Listed(urls.site_url(urls.output_path("category_calendar", lang, names.get(code, code.lower())), lang),
                   lang, len(feeds.calendar_entries(catalog, code)),
                   {other: catalog.vocab.label("categories", code, other) for other in LANGUAGES})
            for code in codes]


def _follow_feeds(kind: str) -> Callable[[Catalog, str], list[Listed]]:
    """The plan's feeds to follow one category, place or CPV division (bro.feeds.Follow) that list an entry today
    (hooks/plan.py writes one for every category and place, with entries or not)."""
    def listed(catalog: Catalog, lang: str) -> list[Listed]:
        chosen = [f for f in feeds.follows(catalog) if f.filter == kind and feeds.followed_entries(catalog, f)]
        return [Listed(urls.site_url(feeds.follow_paths(catalog, f, lang)["atom"], lang), lang,
                       len(feeds.followed_entries(catalog, f)),
                       {other: feeds.follow_name(catalog, f, other) for other in LANGUAGES}) for f in chosen]
    return listed


def _collection(collection: str) -> Callable[[Catalog], int]:
    return lambda catalog: len(getattr(catalog, collection))


FILES: tuple[ApiFile | SiteFile, ...] = (
    ApiFile("suppliers.json", JSON,
            _d("Leverandørlisten", "Leverantörslistan"),
            _d("Alle leverandører med alle oplysninger fra deres profiler og andelen fra målgrupperne.",
               "Alla leverantörer med alla uppgifter från deras profiler och andelen från målgrupperna."),
            _collection("suppliers"), _json("suppliers"), collection="suppliers"),
    ApiFile("suppliers.csv", CSV,
            _d("Leverandørlisten som regneark", "Leverantörslistan som kalkylblad"),
            _d("De samme leverandører som en tabel med én række pr. leverandør.",
               "Samma leverantörer som en tabell med en rad per leverantör."),
            _collection("suppliers"), lambda catalog, _generated: api.suppliers_csv(catalog),
            encoding=api.CSV_ENCODING, columns=table.SUPPLIER_COLUMNS),
    ApiFile("tenders.json", JSON,
            _d("Udbudsplanen", "Upphandlingsplanen"),
            _d("Alle indkøb i udbudsplanen, også de afsluttede, med ordregiveren fra registret.",
               "Alla inköp i upphandlingsplanen, även de avslutade, med den upphandlande organisationen från "
               "registret."),
            _collection("tenders"), _json("tenders"), collection="tenders"),
    ApiFile("tenders.csv", CSV,
            _d("Udbudsplanen som regneark", "Upphandlingsplanen som kalkylblad"),
            _d("De samme indkøb som en tabel med én række pr. indkøb.",
               "Samma inköp som en tabell med en rad per inköp."),
            _collection("tenders"), lambda catalog, _generated: api.tenders_csv(catalog),
            encoding=api.CSV_ENCODING, columns=table.TENDER_COLUMNS),
    ApiFile("tenders.ocds.json", JSON,
            _d("Udbudsplanen i OCDS-format", "Upphandlingsplanen i OCDS-format"),
            _d("Indkøbene i planlægningsfasen efter den internationale standard Open Contracting Data Standard "
               "(OCDS) 1.1.",
               "Inköpen i planeringsskedet enligt den internationella standarden Open Contracting Data Standard "
               "(OCDS) 1.1."),
            _collection("tenders"), _ocds, standard_schema=OCDS_SCHEMA),
    ApiFile("buyers.json", JSON,
            _d("Registret over ordregivere", "Registret över upphandlande organisationer"),
            _d("De offentlige ordregivere, som udbudsplanen henviser til.",
               "De upphandlande organisationer som upphandlingsplanen hänvisar till."),
            _collection("buyers"), _json("buyers"), collection="buyers"),
    ApiFile("organisations.json", JSON,
            _d("Støtteorganisationerne", "Stödorganisationerna"),
            _d("Organisationer, der hjælper med sociale indkøb, og hvor de hjælper.",
               "Organisationer som hjälper till med sociala inköp, och var de hjälper till."),
            _collection("organisations"), _json("organisations"), collection="organisations"),
    ApiFile("peers.json", JSON,
            _d("Hvem har gjort det", "Vem har gjort det"),
            _d("Hvilke ordregivere der har brugt hvilke af vidensbankens redskaber, med eksemplet eller indkøbet, "
               "der viser det.",
               "Vilka upphandlande organisationer som har använt vilka av kunskapsbankens verktyg, med exemplet "
               "eller inköpet som visar det."),
            lambda catalog: len(catalog.derived.peers.uses),
            lambda catalog, generated: json.dumps(api.peers_export(catalog, generated), ensure_ascii=False,
                                                  indent=1) + "\n",
            make_schema=lambda _schemas: peers.json_schema()),
    ApiFile("cases.json", JSON,
            _d("Eksempler fra virkeligheden", "Exempel från verkligheten"),
            _d("Offentlige indkøb, hvor sociale hensyn gjorde en forskel, med kilder.",
               "Offentliga inköp där sociala hänsyn gjorde skillnad, med källor."),
            _collection("cases"), _json("cases"), collection="cases"),
    ApiFile("events.json", JSON,
            _d("Netværk og arrangementer", "Nätverk och evenemang"),
            _d("Fora, møder og konferencer om sociale indkøb i Danmark og Sverige, også de tidligere.",
               "Forum, möten och konferenser om sociala inköp i Sverige och Danmark, även de tidigare."),
            _collection("events"), _json("events"), collection="events"),
    ApiFile("glossary.json", JSON,
            _d("Ordlisten dansk–svensk", "Ordlistan danska–svenska"),
            _d("Fagudtryk på dansk, svensk og engelsk med en forklaring.",
               "Fackuttryck på danska, svenska och engelska med en förklaring."),
            _collection("glossary"), _json("glossary"), collection="glossary"),
    SiteFile("tenders.atom", ATOM, _d("Nyt i udbudsplanen (Atom)", "Nytt i upphandlingsplanen (Atom)"),
             _d("Et feed med alle indkøb i udbudsplanen, det senest ændrede først.",
                "Ett flöde med alla inköp i upphandlingsplanen, det senast ändrade först."),
             output="feed", count=_collection("tenders")),
    SiteFile("tenders.ics", ICALENDAR, _d("Udbudsplanens kalender", "Upphandlingsplanens kalender"),
             _d("Fristerne og de forventede offentliggørelser for de åbne indkøb.",
                "Sista dagarna och de väntade publiceringarna för de öppna inköpen."),
             output="calendar", count=lambda catalog: len(feeds.calendar_entries(catalog))),
    SiteFile("tenders.category.ics", ICALENDAR,
             _d("Udbudsplanens kalender pr. kategori", "Upphandlingsplanens kalender per kategori"),
             _d("De samme datoer for de åbne indkøb i én kategori.",
                "Samma datum för de öppna inköpen i en kategori."),
             files=_category_calendars),
    SiteFile("tenders.category.atom", ATOM, _d("Nyt pr. kategori (Atom)", "Nytt per kategori (Atom)"),
             _d("Indkøbene i én kategori.", "Inköpen i en kategori."), files=_follow_feeds("category")),
    SiteFile("tenders.area.atom", ATOM, _d("Nyt pr. sted (Atom)", "Nytt per ort (Atom)"),
             _d("Indkøbene med levering på ét sted, også dem for hele regionen eller landet (der er et feed for "
                "hvert land, hver region og hver kommune).",
                "Inköpen med leverans på en ort, även de för hela regionen eller landet (det finns ett flöde för "
                "varje land, varje region och län och varje kommun)."), files=_follow_feeds("area")),
    SiteFile("tenders.cpv.atom", ATOM, _d("Nyt pr. CPV-kode (Atom)", "Nytt per CPV-kod (Atom)"),
             _d("Indkøbene med en CPV-kode, der begynder med de samme to cifre.",
                "Inköpen med en CPV-kod som börjar med samma två siffror."), files=_follow_feeds("cpv")),
    SiteFile("events.ics", ICALENDAR, _d("Kalender med arrangementer", "Kalender med evenemang"),
             _d("Alle arrangementer som heldagsbegivenheder.", "Alla evenemang som heldagshändelser."),
             output="events_calendar", count=_collection("events")),
)
BY_KEY = {entry.key: entry for entry in FILES}


def api_names() -> list[str]:
    """Every file under api/ (index, data files, schemas), by its path under api/: what pages may link to."""
    return [INDEX, *(entry.name for entry in FILES if isinstance(entry, ApiFile)),
            *(SCHEMAS + name for name in schema_names())]


def schema_names() -> list[str]:
    """The JSON Schemas Bro publishes under api/schemas/: one per exported collection, and the index's."""
    return [*(entry.schema for entry in FILES if entry.schema), "index.schema.json"]


# --- the index ------------------------------------------------------------------------------------------------------

def index(catalog: Catalog, generated: dt.datetime) -> dict:
    """api/index.json: every open-data file with its words, format, licence, count, schema and, for a CSV, its
    columns; paths from the site root, like the records' urls."""
    listed = []
    for entry in FILES:
        for found in entry.listed(catalog):
            listed.append({
                "key": entry.key, "path": found.path, "language": found.lang, "media_type": entry.media_type,
                "title": dict(entry.title), "description": dict(entry.description), "label": found.label,
                "license": LICENSE, "count": found.count, "schema": entry.schema_path,
                "standard": STANDARDS.get(entry.media_type),
                "columns": [{"name": c.name, "description": dict(c.description)} for c in entry.columns] or None})
    return {"generated": generated.isoformat(timespec="seconds"), "license": LICENSE, "count": len(listed),
            "schema": API + SCHEMAS + "index.schema.json", "files": listed}


_TEXTS = {"type": "object", "additionalProperties": False, "required": list(LANGUAGES),
          "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES}}
_NULLABLE_URL = {"type": ["string", "null"], "minLength": 1}


def index_schema() -> dict:
    """The JSON Schema of api/index.json."""
    item = {"type": "object", "additionalProperties": False,
            "required": ["key", "path", "language", "media_type", "title", "description", "label", "license", "count",
                         "schema", "standard", "columns"],
            "properties": {
                "key": {"type": "string", "minLength": 1}, "path": {"type": "string", "minLength": 1},
                "language": {"enum": [*LANGUAGES, None]},
                "media_type": {"enum": sorted({entry.media_type for entry in FILES})},
                "title": _TEXTS, "description": _TEXTS, "label": {"anyOf": [_TEXTS, {"type": "null"}]},
                "license": {"const": LICENSE}, "count": {"type": "integer", "minimum": 0},
                "schema": _NULLABLE_URL, "standard": _NULLABLE_URL,
                "columns": {"anyOf": [{"type": "null"}, {"type": "array", "minItems": 1, "items": {
                    "type": "object", "additionalProperties": False, "required": ["name", "description"],
                    "properties": {"name": {"type": "string", "minLength": 1}, "description": _TEXTS}}}]}}}
    return {"$schema": DRAFT, "title": "Bro: api/index.json",
            "description": "Alle Bros åbne data. — Alla Bros öppna data.", "type": "object",
            "additionalProperties": False, "required": ["generated", "license", "count", "schema", "files"],
            "properties": {"generated": {"type": "string", "format": "date-time"}, "license": {"const": LICENSE},
                           "count": {"type": "integer", "minimum": 0}, "schema": {"type": "string"},
                           "files": {"type": "array", "items": item}}}


# --- the schemas of the exported collections ------------------------------------------------------------------------


def record_schema(collection: str) -> str:
    """The repository's schema of a collection's records (schemas/), the base of the published schema."""
    return COLLECTIONS[collection]

_SLUG = {"title": "Kortnavn / Kortnamn", "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
_URLS = {"title": "Sider / Sidor",
         "description": "Postens side på dansk og svensk, regnet fra sitets rod. — Postens sida på danska och "
                        "svenska, räknat från webbplatsens rot.",
         "type": "object", "additionalProperties": False, "required": list(LANGUAGES),
         "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES}}
_SHARE = {"type": "object", "additionalProperties": False,
          "required": ["provision", "counts", "total", "from_target_groups", "percent", "reaches_30"],
          "properties": {"provision": {"type": "string"}, "counts": {"type": "array", "items": {"type": "string"}},
                         "total": {"type": "integer", "minimum": 0},
                         "from_target_groups": {"type": "integer", "minimum": 0},
                         "percent": {"type": "integer", "minimum": 0, "maximum": 100},
                         "reaches_30": {"type": "boolean"}}}
_SHARES = {"title": "Andel fra målgrupperne / Andel från målgrupperna",
           "description": "Pr. land (DK, SE), som landets lov tæller den; tom uden tallene. — Per land (DK, SE), så "
                          "som landets lag räknar den; tom utan siffrorna.",
           "type": "object", "additionalProperties": False, "properties": {"DK": _SHARE, "SE": _SHARE}}


def _with_page(record: dict) -> dict:
    """A record's schema with the slug and the pages the export adds to each record."""
    item = {key: value for key, value in record.items() if key != "$schema"}
    item["properties"] = {"slug": _SLUG, "urls": _URLS, **record["properties"]}
    item["required"] = ["slug", "urls", *record.get("required", [])]
    return item


def collection_schema(schemas: SchemaSet, collection: str) -> dict:
    """The JSON Schema of one collection's JSON file (bro.api.export): the repository's schema of its records
    (every $ref inlined, so that the file stands alone) with what the export adds to each record."""
    name = record_schema(collection)
    item = _with_page(schemas.inline(schemas.documents[name], name))
    if collection == "suppliers":
        item["properties"]["shares"] = _SHARES
        item["required"].append("shares")
    if collection == "tenders":
        registry = _with_page(schemas.inline(schemas.documents[record_schema("buyers")], record_schema("buyers")))
        item["properties"]["buyer"] = {**registry, "title": item["properties"]["buyer"].get("title", ""),
                                       "description": "Ordregiveren fra Bros register. — Den upphandlande "
                                                      "organisationen från Bros register."}
    return {"$schema": DRAFT, "title": f"Bro: api/{collection}.json", "description": item.get("description", ""),
            "type": "object", "additionalProperties": False, "required": ["generated", "count", "license", collection],
            "properties": {"generated": {"type": "string", "format": "date-time"},
                           "count": {"type": "integer", "minimum": 0}, "license": {"const": LICENSE},
                           collection: {"type": "array", "items": item}}}


def schemas_out(schemas: SchemaSet) -> dict[str, dict]:
    """Every schema Bro publishes under api/schemas/, by name."""
    found = {entry.schema: (entry.make_schema(schemas) if entry.make_schema
                            else collection_schema(schemas, entry.collection)) for entry in FILES if entry.schema}
    found["index.schema.json"] = index_schema()
    return found


# --- writing --------------------------------------------------------------------------------------------------------

def write(out: Path, catalog: Catalog, generated: dt.datetime, schemas: SchemaSet) -> None:
    """Write every ApiFile, the schemas and the index into out/api/ (out: the whole site's root)."""
    folder = out / API
    (folder / SCHEMAS).mkdir(parents=True, exist_ok=True)
    for entry in FILES:
        if isinstance(entry, ApiFile):
            (folder / entry.name).write_text(entry.write(catalog, generated), encoding=entry.encoding, newline="")
    for name, schema in schemas_out(schemas).items():
        (folder / SCHEMAS / name).write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
    (folder / INDEX).write_text(json.dumps(index(catalog, generated), ensure_ascii=False, indent=1) + "\n",
                                encoding="utf-8")


# --- the open-data pages ------------------------------------------------------------------------------------------

# A content page's placeholders, filled in by hooks/opendata.py before the site's own (bro.siteinfo never sees them).
# {{ open_data.files }}, {{ open_data.feeds }}, {{ open_data.columns.<key of a CSV> }}: a placeholder naming anything
# else is not one of these, and the validator refuses it as naming nothing (bro.siteinfo).
MARKER = re.compile(r"\{\{[ \t]*open_data\.(files|feeds|columns\.("
                    + "|".join(re.escape(entry.key) for entry in FILES if entry.columns) + r"))[ \t]*\}\}")

def _word(key: str, lang: str, **params) -> str:
    return i18n.label(f"open_data.{key}", lang, **params).text


def _md(text: str) -> str:
    """Our own words and labels from the vocabularies as link text: brackets cannot end a link early."""
    return text.replace("[", "(").replace("]", ")")


def files_markdown(catalog: Catalog, lang: str, to_root: str) -> str:
    """The files under api/ as a Markdown list for the open-data page in lang (to_root: the way from the page's
    folder to the site's root, e.g. '../')."""
    lines = [f"- [{INDEX}]({to_root}{API}{INDEX}): **{_word('index', lang)}**: {_word('index_text', lang)}."]
    for entry in FILES:
        if not isinstance(entry, ApiFile):
            continue
        found = entry.listed(catalog)[0]
        schema = entry.schema_path
        where = schema if schema and "://" in schema else f"{to_root}{schema}"
        schema_link = f" ([{_word('schema', lang)}]({where}))" if schema else ""
        count = _word("count", lang, count=found.count)
        lines.append(f"- [{entry.name}]({to_root}{found.path}): **{entry.title[lang]}**, {count}. "
                     f"{entry.description[lang]}{schema_link}")
    return "\n".join(lines) + "\n"


def feeds_markdown(catalog: Catalog, lang: str, to_root: str) -> str:
    """The feeds and calendars of lang's site as a Markdown list (to_root as for files_markdown; the links stay
    inside the language's site, where MkDocs sees the files)."""
    to_lang, lines = to_root.removesuffix("../"), []
    for entry in FILES:
        if not isinstance(entry, SiteFile):
            continue
        mine = sorted((found for found in entry.listed(catalog) if found.lang == lang),
                      key=lambda found: (found.label or {}).get(lang, "").casefold())
        if entry.files is None:
            for found in mine:
                lines.append(f"- [{entry.title[lang]}]({to_lang}{_in_lang(found)}): {entry.description[lang]}")
        elif mine:
            links = ", ".join(f"[{_md(found.label[lang])}]({to_lang}{_in_lang(found)})" for found in mine)
            lines.append(f"- {entry.title[lang]}: {links}")
    return "\n".join(lines) + "\n"


def _in_lang(found: Listed) -> str:
    """A language's file by its path inside the language's site."""
    return found.path.removeprefix(f"{found.lang}/")


def columns_markdown(key: str, lang: str) -> str:
    """A CSV's columns (bro.model.table) as a Markdown list for the open-data page in lang, in the file's order (a
    list, not a table: long column names wrap at their own ends on a phone)."""
    return "".join(f"- `{column.name}`: {column.description[lang]}\n" for column in BY_KEY[key].columns)


def expand(markdown: str, catalog: Catalog, lang: str, page: str) -> str:
    """A content page with its open-data placeholders filled in (page: its source in the language's folder,
    e.g. data.md)."""
    to_root = "../" * (page.count("/") + 1)
    def fill(match: re.Match) -> str:
        what, key = match.group(1), match.group(2)
        if what == "files":
            return files_markdown(catalog, lang, to_root).rstrip("\n")
        if what == "feeds":
            return feeds_markdown(catalog, lang, to_root).rstrip("\n")
        return columns_markdown(key, lang).rstrip("\n")
    return MARKER.sub(fill, markdown)


def blank(markdown: str) -> str:
    """A page's text with the open-data placeholders as plain letters of their length (what the validator reads:
    the lists are generated, checked by the tests, not the editors' Markdown)."""
    return MARKER.sub(lambda match: "x" * len(match.group(0)), markdown)
