"""Load and validate the whole repository: vocabularies, suppliers, tenders, the knowledge bank's collections
(cases, events, glossary, support organisations) and the site's pages in content/, with every problem."""
from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import gc
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bro import buyers, content, files, limits, model, names, rules, siteinfo, urls
from bro.collisions import check_names, suggest_slug
from bro.model import Buyer, Case, Event, Organisation, Record, Supplier, TenderEntry, Term
from bro.problems import Problem, errors_in, warnings_in
from bro.schema import SchemaSet, check
from bro.vocab import Vocabularies, _display, check_page_names, load_vocabularies
from bro.yamlload import Document, load_file

if TYPE_CHECKING:
    from bro.derived import Derived

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COLLECTIONS = {"suppliers": "supplier.schema.json", "tenders": "tender.schema.json", "buyers": "buyer.schema.json",
               "cases": "case.schema.json", "events": "event.schema.json", "glossary": "term.schema.json",
               "organisations": "organisation.schema.json"}
KINDS = {"suppliers": "supplier", "tenders": "tender", "buyers": "buyer", "cases": "case", "events": "event",
         "glossary": "term", "organisations": "organisation"}
IGNORED_FILES = {".gitkeep", "README.md"}


@dataclass
class Catalog:
    """Everything Bro publishes, with the problems found while loading it. Each collection holds the typed records
    (bro.model) of its files that validated; `rejected` keeps the plain records of files with errors."""

    root: Path
    today: dt.date
    vocab: Vocabularies
    suppliers: dict[str, Supplier] = field(default_factory=dict)
    tenders: dict[str, TenderEntry] = field(default_factory=dict)
    buyers: dict[str, Buyer] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    glossary: dict[str, Term] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    rejected: dict[str, dict[str, Record]] = field(default_factory=dict)  # collection → slug → record with errors
    problems: list[Problem] = field(default_factory=list)
    thresholds: list[dict] = field(default_factory=list)
    site: siteinfo.SiteInfo | None = None  # who runs Bro (data/site.yml); None when missing or invalid

    @functools.cached_property
    def derived(self) -> Derived:
        """The tables derived from the records, each computed on first use (the catalog does not change after
        loading): bro.derived."""
        from bro.derived import Derived  # derived tables use modules that themselves import the catalog
        return Derived(self)

    def records(self, collection: str) -> dict[str, Record]:
        """A collection's records, those that validated and those with errors, by slug."""
        return {**self.rejected.get(collection, {}), **getattr(self, collection)}

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a build."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """Problems shown to editors that do not stop a build."""
        return warnings_in(self.problems)


def doc_has_problem(doc: Document, path: tuple) -> bool:
    """Whether a problem is already reported at path."""
    return any(p.field_path == path for p in doc.problems)


_HANDED_OVER: list[Catalog] = []


def hand_over(catalog: Catalog) -> None:
    """Give a validated catalog to the MkDocs build that runs next in this process (a per-language build forked
    by `make build`: it inherits the catalog and skips re-validating)."""
    _HANDED_OVER[:] = [catalog]


def handed_over() -> Catalog | None:
    """The catalog given by hand_over, if any."""
    return _HANDED_OVER[0] if _HANDED_OVER else None


PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves
_CHECKERS: dict = {}


def load_catalog(root: Path, today: dt.date | None = None, schemas: SchemaSet | None = None) -> Catalog:
    """Load, validate and cross-check every data file under root; never raises on bad data.
    Large collections are checked in parallel (one process per core); the result is the same."""
    with _collector_paused():
        return _load_catalog(root, today, schemas)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cycle collector while loading: it would rescan the growing heap of loaded records again
    and again, and loading creates no reference cycles to collect (worker processes inherit the pause)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_catalog(root: Path, today: dt.date | None, schemas: SchemaSet | None) -> Catalog:
    """load_catalog's work."""
    today = today or dt.date.today()
    links = [Problem(link, 1, 1, (), "file.symlink", {"name": Path(link).name}) for link in files.find_links(root)]
    if any(p.file.split("/")[0] == "schemas" for p in links):  # nothing can be checked without its schema
        return Catalog(root, today, Vocabularies(), problems=links)
    schemas = schemas or SchemaSet(root / "schemas")
    vocab = load_vocabularies(root / "data" / "vocabularies", root)
    catalog = Catalog(root, today, vocab, problems=links + vocab.problems)
    _check_vocabulary_schema(catalog, schemas)
    catalog.problems.extend(check_page_names(vocab))
    catalog.thresholds = _load_thresholds(root, schemas, catalog.problems)
    catalog.site, site_problems = siteinfo.load(root, schemas, vocab, today)
    catalog.problems.extend(site_problems)
    catalog.problems.extend(content.check_pages(root, schemas, vocab, catalog.site))  # the site's own pages
    _CHECKERS.clear()
    _CHECKERS[(str(root), today)] = (schemas, vocab)
    tasks = [(root, today, collection, path) for collection in COLLECTIONS
             for path in files.entries(root / "data" / collection, root)]  # links are reported, never read
    workers = min(os.cpu_count() or 1, 4)
    if len(tasks) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_check_file_in_worker, tasks, chunksize=64))
    else:
        results = [_check_file(task) for task in tasks]
    docs: dict[str, list[tuple[str, Document]]] = {collection: [] for collection in COLLECTIONS}
    for collection, stem, doc, problems in results:
        catalog.problems.extend(problems)
        if doc is not None:
            docs[collection].append((stem, doc))
    _cross_check(docs)
    check_names(docs, urls.content_files(root))
    for collection, items in docs.items():
        for slug, doc in items:
            catalog.problems.extend(doc.problems)
            if not isinstance(doc.data, dict):
                continue
            if errors_in(doc.problems):
                catalog.rejected.setdefault(collection, {})[slug] = Record(KINDS[collection], slug, doc.data, doc.path)
            else:
                getattr(catalog, collection)[slug] = model.build(collection, slug, doc.data, doc.path, vocab)
    catalog.problems.sort(key=Problem.sort_key)
    return catalog


def _load_thresholds(root: Path, schemas: SchemaSet, problems: list[Problem]) -> list[dict]:
    """The EU threshold table (data/thresholds.yml), validated like any data file."""
    path = root / "data" / "thresholds.yml"
    if not path.exists() or files.linked(path, root):
        return []
    doc = load_file(path, _display(path, root))
    if isinstance(doc.data, dict):
        check(doc, schemas, "thresholds.schema.json")
    problems.extend(doc.problems)
    return doc.data["periods"] if not doc.problems else []


def _check_file(task: tuple) -> tuple[str, str, Document | None, list[Problem]]:
    """Load one record file and apply the schema and the single-file rules (runs in a worker too)."""
    root, today, collection, path = task
    key = (str(root), today)
    if key not in _CHECKERS:  # a fresh worker process: load schemas and vocabularies once
        _CHECKERS[key] = (SchemaSet(root / "schemas"), load_vocabularies(root / "data" / "vocabularies", root))
    schemas, vocab = _CHECKERS[key]
    problems: list[Problem] = []
    doc = _load_record_file(path, root, problems)
    if doc is not None and isinstance(doc.data, dict):
        schema_name = COLLECTIONS[collection]
        check(doc, schemas, schema_name)
        rules.check_texts(doc, schemas, schema_name, vocab)
        rules.RECORD_RULES[collection](doc, vocab, today)
    if doc is not None:
        doc.problems = limits.cap_repeated(doc.problems)
    return collection, path.stem, doc, problems


# The fields _cross_check may report a problem at; only their positions travel back from a worker.
_CROSS_CHECKED = frozenset({"org_number", "name", "supplier_slug", "interested", "buyer", "organiser_slug"})


def _check_file_in_worker(task: tuple) -> tuple[str, str, Document | None, list[Problem]]:
    """_check_file, with the document cut down to what _cross_check needs (far cheaper to send back)."""
    collection, stem, doc, problems = _check_file(task)
    if doc is not None:
        values = {path: pos for path, pos in doc.values.items() if not path or path[0] in _CROSS_CHECKED}
        doc = Document(doc.path, doc.data, values, {}, {}, doc.problems)
    return collection, stem, doc, problems


def _load_record_file(path: Path, root: Path, problems: list[Problem]) -> Document | None:
    """Load one record file, or report why the file itself is wrong (name, extension)."""
    display = _display(path, root)
    if path.name in IGNORED_FILES or path.is_dir():
        return None
    if path.suffix != ".yml":
        code = "file.extension_yaml" if path.suffix == ".yaml" else "file.extension"
        problems.append(Problem(display, 1, 1, (), code, {"name": path.name, "stem": path.stem}))
        return None
    doc = load_file(path, display)
    if not SLUG.match(path.stem):
        doc.problems.append(Problem(display, 1, 1, (), "file.name_not_slug",
                                    {"name": path.name, "suggestion": suggest_slug(path.stem) + ".yml"}))
    return doc


def _check_vocabulary_schema(catalog: Catalog, schemas: SchemaSet) -> None:
    """The vocabulary files follow their own schema."""
    for name, table in catalog.vocab.tables.items():
        for code, entry in table.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("label"), dict):
                catalog.problems.append(Problem(f"data/vocabularies/{name}.yml", 1, 1, (code,),
                                                "vocab.entry_without_label", {"code": code}))


def _cross_check(docs: dict[str, list[tuple[str, Document]]]) -> None:
    """Rules across files: unique org numbers and names, interested suppliers exist, buyers agree with the
    registry."""
    _check_buyers(docs["buyers"], docs["tenders"])  # before duplicates are marked: their tenders are not unknown
    _check_unique_numbers(docs["suppliers"], "org.duplicate")
    _check_unique_numbers(docs["buyers"], "buyer.duplicate")
    for collection in names.NAME_CODES:
        names.check_unique_names([doc for _slug, doc in docs[collection]], collection)
    known = {slug for slug, doc in docs["suppliers"] if isinstance(doc.data, dict)}
    candidates = sorted(known)
    for _slug, doc in docs["cases"]:
        data = doc.data if isinstance(doc.data, dict) else {}
        slug = data.get("supplier_slug")
        if isinstance(slug, str) and slug not in known and not doc_has_problem(doc, ("supplier_slug",)):
            close = difflib.get_close_matches(slug, candidates, n=1, cutoff=0.6)
            doc.problem(("supplier_slug",), "tender.unknown_supplier_suggest" if close else "tender.unknown_supplier",
                        value=slug, suggestion=close[0] if close else "")
    _check_organisers(docs["organisations"], docs["events"])
    for _slug, doc in docs["tenders"]:
        data = doc.data if isinstance(doc.data, dict) else {}
        interested = data.get("interested")
        if not isinstance(interested, list):
            continue
        flagged = {p.field_path for p in doc.problems}
        unknown = 0
        for index, slug in enumerate(interested):
            if isinstance(slug, str) and slug not in known and ("interested", index) not in flagged:
                # a suggestion searches every supplier: only for as many names as are listed one by one
                unknown += 1
                close = difflib.get_close_matches(slug, candidates, n=1, cutoff=0.6) \
                    if unknown <= limits.MAX_SAME_PROBLEMS else []
                code = "tender.unknown_supplier_suggest" if close else "tender.unknown_supplier"
                doc.problem(("interested", index), code,
                            value=slug, suggestion=close[0] if close else "")
        if unknown > limits.MAX_SAME_PROBLEMS:
            doc.problems = limits.cap_repeated(doc.problems)


def _check_organisers(organisation_docs: list[tuple[str, Document]], event_docs: list[tuple[str, Document]]) -> None:
    """An event's organiser_slug names a support organisation of data/organisations/ (a close slug is suggested)."""
    known = sorted(slug for slug, doc in organisation_docs if isinstance(doc.data, dict))
    for _slug, doc in event_docs:
        slug = doc.data.get("organiser_slug") if isinstance(doc.data, dict) else None
        if isinstance(slug, str) and slug not in known and not doc_has_problem(doc, ("organiser_slug",)):
            close = difflib.get_close_matches(slug, known, n=1, cutoff=0.6)
            doc.problem(("organiser_slug",), "event.unknown_organisation_suggest" if close
                        else "event.unknown_organisation", value=slug, suggestion=close[0] if close else "")


def _check_unique_numbers(items: list[tuple[str, Document]], code: str) -> None:
    """Within one collection, each organisation number (with a valid check digit) is held by one file."""
    holders: dict[str, list[Document]] = {}
    for _slug, doc in items:
        data = doc.data if isinstance(doc.data, dict) else {}
        identity = names.org_identity(data)
        if identity and not doc_has_problem(doc, ("org_number",)):
            holders.setdefault(identity, []).append(doc)
    for group in holders.values():
        for doc in group if len(group) > 1 else []:
            others = ", ".join(other.path for other in group if other is not doc)
            doc.problem(("org_number",), code, value=doc.data["org_number"], other=others)


def _check_buyers(buyer_docs: list[tuple[str, Document]], tender_docs: list[tuple[str, Document]]) -> None:
    """A tender's buyer is a registry buyer (by organisation number), and the name, country and municipality
    the entry repeats are the registry's."""
    registry: dict[str, Document] = {}
    for _slug, doc in buyer_docs:
        number = doc.data.get("org_number") if isinstance(doc.data, dict) else None
        if isinstance(number, str) and not doc_has_problem(doc, ("org_number",)):
            registry.setdefault(buyers.number_key(number), doc)
    for _slug, doc in tender_docs:
        buyer = doc.data.get("buyer") if isinstance(doc.data, dict) else None
        number = buyer.get("org_number") if isinstance(buyer, dict) else None
        if not isinstance(number, str) or doc_has_problem(doc, ("buyer", "org_number")):
            continue
        entry = registry.get(buyers.number_key(number))
        if entry is None:
            _report_unknown_buyer(doc, buyer, registry)
            continue
        for key in buyers.REPEATED:
            if key not in buyer or doc_has_problem(doc, ("buyer", key)) or buyer[key] == entry.data.get(key):
                continue
            if key in entry.data:
                doc.problem(("buyer", key), "buyer.registry_mismatch", value=buyer[key], file=entry.path,
                            expected=entry.data[key], number=number)
            else:
                doc.problem(("buyer", key), "buyer.registry_lacks", value=buyer[key], file=entry.path)


def _report_unknown_buyer(doc: Document, buyer: dict, registry: dict[str, Document]) -> None:
    """A number not in the registry: wrong check digit, another registry buyer's name, or a buyer to add."""
    number, name, country = buyer["org_number"], buyer.get("name"), buyer.get("country")
    if rules.check_org_number(doc, ("buyer", "org_number"), number, country) is None and country in ("DK", "SE"):
        return  # the check digit does not add up: reported
    named = {str(d.data.get("name")).casefold(): d for d in registry.values()}
    match = named.get(name.casefold()) if isinstance(name, str) else None
    if match is None and isinstance(name, str):
        close = difflib.get_close_matches(name.casefold(), sorted(named), n=1, cutoff=0.85)
        match = named[close[0]] if close else None
    if match is not None:
        doc.problem(("buyer", "org_number"), "buyer.unknown_suggest", value=number, name=match.data["name"],
                    file=match.path, suggestion=match.data["org_number"])
    else:
        slug = suggest_slug(name) if isinstance(name, str) else "navn"
        doc.problem(("buyer", "org_number"), "buyer.unknown", value=number, file=f"{buyers.FOLDER}/{slug}.yml")
