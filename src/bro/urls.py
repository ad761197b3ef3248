"""Where each page lives in each language's site (paths relative to that language's root), and the table of
every file the site writes (OUTPUTS): the hooks take the names they write from it, a build test checks that it
covers every file of a real build, and the validator refuses a record whose page would take one of them
(collision)."""
from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bro import LANGUAGES, files

SEGMENTS = {
    "supplier": {"da": "leverandorer", "sv": "leverantorer"},
    "tender": {"da": "udbudsplan", "sv": "upphandlingsplan"},
    "category": {"da": "leverandorer/kategori", "sv": "leverantorer/kategori"},
    "area": {"da": "leverandorer/omraade", "sv": "leverantorer/omrade"},
    "all": {"da": "leverandorer/alle", "sv": "leverantorer/alla"},
    "buyer": {"da": "udbudsplan/ordregiver", "sv": "upphandlingsplan/myndighet"},
    "case": {"da": "vidensbank/eksempler", "sv": "kunskapsbank/exempel"},
    "organisation": {"da": "vidensbank/hjaelp", "sv": "kunskapsbank/stod"},
}
# "Who helps where": one page per country in the support organisations' folder (country → its page's name).
HELP_PAGES = {"DK": {"da": "danmark", "sv": "danmark"}, "SE": {"da": "sverige", "sv": "sverige"}}
PAGES = {
    "shortlist": {"da": "leverandorer/min-liste", "sv": "leverantorer/min-lista"},
    "events": {"da": "vidensbank/arrangementer", "sv": "kunskapsbank/evenemang"},
    "glossary": {"da": "vidensbank/ordliste", "sv": "kunskapsbank/ordlista"},
    "peers": {"da": "vidensbank/hvem-har-gjort-det", "sv": "kunskapsbank/vem-har-gjort-det"},
}
# Every page written in content/<lang>/: key → its Markdown file in each language. Each language's addresses are in
# its own words; the language switcher leads from one to the other through this table (translate_path).
CONTENT_PAGES = {
    "home": {"da": "index.md", "sv": "index.md"},
    "about": {"da": "om.md", "sv": "om.md"},
    "open_data": {"da": "data.md", "sv": "oppna-data.md"},
    "accessibility": {"da": "tilgaengelighed.md", "sv": "tillganglighet.md"},
    "privacy": {"da": "privatliv.md", "sv": "integritet.md"},
    "knowledge": {"da": "vidensbank/index.md", "sv": "kunskapsbank/index.md"},
    "getting_started": {"da": "vidensbank/kom-i-gang.md", "sv": "kunskapsbank/kom-igang.md"},
    "reserved_contracts": {"da": "vidensbank/reserverede-kontrakter.md", "sv": "kunskapsbank/reserverade-kontrakt.md"},
    "reserved_welfare": {"da": "vidensbank/reserverede-velfaerdsydelser.md",
                         "sv": "kunskapsbank/reserverade-valfardstjanster.md"},
    "social_clauses": {"da": "vidensbank/sociale-klausuler.md", "sv": "kunskapsbank/sociala-kontraktsvillkor.md"},
    "social_award_criteria": {"da": "vidensbank/sociale-tildelingskriterier.md",
                              "sv": "kunskapsbank/sociala-tilldelningskriterier.md"},
    "innovation_partnerships": {"da": "vidensbank/innovationspartnerskaber.md",
                                "sv": "kunskapsbank/innovationspartnerskap.md"},
    "partnerships": {"da": "vidensbank/iop-og-partnerskaber.md", "sv": "kunskapsbank/iop-och-partnerskap.md"},
    "below_thresholds": {"da": "vidensbank/under-taerskelvaerdierne.md", "sv": "kunskapsbank/under-troskelvardena.md"},
    "barriers": {"da": "vidensbank/barrierer.md", "sv": "kunskapsbank/hinder-och-losningar.md"},
    # History: the networks Bro's idea of peers comes from, as their sources state them.
    "history_forum": {"da": "vidensbank/udviklingsforum-for-sociale-indkoeb.md",
                      "sv": "kunskapsbank/utvecklingsforum-for-sociala-inkop.md"},
    "history_gr": {"da": "vidensbank/goteborgsregionens-projekt-2015.md",
                   "sv": "kunskapsbank/goteborgsregionens-projekt-2015.md"},
    "contribute": {"da": "bidrag/index.md", "sv": "bidra/index.md"},
    "announce": {"da": "bidrag/udbud.md", "sv": "bidra/inkop.md"},
    "interest": {"da": "bidrag/interesse.md", "sv": "bidra/intresse.md"},
    "profile": {"da": "bidrag/profil.md", "sv": "bidra/profil.md"},
    "removal": {"da": "bidrag/fjernelse.md", "sv": "bidra/ta-bort.md"},
    # The web forms (front matter bro_form: <kind>; hooks/forms.py adds the form): no GitHub account needed.
    "form_supplier": {"da": "bidrag/formular/leverandor.md", "sv": "bidra/formular/leverantor.md"},
    "form_change": {"da": "bidrag/formular/ret-profil.md", "sv": "bidra/formular/andra-profil.md"},
    "form_tender": {"da": "bidrag/formular/udbud.md", "sv": "bidra/formular/upphandling.md"},
    "form_interest": {"da": "bidrag/formular/interesse.md", "sv": "bidra/formular/intresse.md"},
    "form_removal": {"da": "bidrag/formular/fjernelse.md", "sv": "bidra/formular/ta-bort.md"},
}
# The kind of form on each form page (the page's front matter says the same: bro_form).
FORM_PAGES = {"supplier": "form_supplier", "change": "form_change", "tender": "form_tender",
              "interest": "form_interest", "removal": "form_removal"}
# Browse pages named by a vocabulary's labels (kategori/rengoering.html, kategori/stadning.html): kind → vocabulary.
TERM_KINDS = {"category": "categories", "area": "areas"}
ASSETS = "assets/bro"
FEEDS = {"atom": "feed.xml", "calendar": "kalender.ics"}
# The feeds to follow one plan filter (bro.feeds.Follow): a folder in the plan's, a file name per filter value
# (kategori-rengoering, omraade-aarhus, cpv-45) with the filter's word in lang in front.
FOLLOW = {"da": "foelg", "sv": "folj"}
FOLLOW_KINDS = {"category": {"da": "kategori", "sv": "kategori"}, "area": {"da": "omraade", "sv": "omrade"},
                "cpv": {"da": "cpv", "sv": "cpv"}}
# The name of each folder's shell page (hooks/bulk.py). '~' is in no record's, code's or page's alphabet (slugs are
# a-z, 0-9 and '-'; vocabulary codes add A-Z and '_'; later list pages are 'code.n'), so no page can take it.
SHELL_SLUG = "~bro-bulk-shell-7f3a"
SHELL_OTHER = "~bro-bulk-other-7f3a"  # where a bulk page's name in the other language goes (never a file name)


def content_path(key: str, lang: str) -> str:
    """The built page of one content page (CONTENT_PAGES) in lang's site, e.g. bidra/inkop.html."""
    return source_to_page(CONTENT_PAGES[key][lang])


def form_path(kind: str, lang: str, **prefill: str) -> str:
    """A web form's page in lang's site (FORM_PAGES), with the answers the form fills in from the
    address's fragment, e.g. bidrag/formular/interesse.html#entry=odense-groen-drift."""
    fragment = "&".join(f"{key}={quote(value, safe='')}" for key, value in prefill.items())
    return content_path(FORM_PAGES[kind], lang) + (f"#{fragment}" if fragment else "")


def source_to_page(source: str) -> str:
    """The page built from a Markdown source (x/y.md → x/y.html)."""
    return re.sub(r"\.md$", ".html", source)


PAGE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # a category's or area's page name (vocab.slug_invalid)
_FOLD = {"da": {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"},
         "sv": {"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ü": "u"}}


def slugify(text: str, lang: str) -> str:
    """A text as a file name in lang's own spelling: lower case a-z, 0-9 and single hyphens; æ→ae, ø→oe, å→aa in
    Danish, å/ä→a, ö→o in Swedish, other accents dropped (é→e); '' when nothing is left."""
    folded = "".join(_FOLD[lang].get(char, char) for char in text.casefold())
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def term_slugs(vocab, kind: str, lang: str) -> dict[str, str]:
    """Every code of a browse kind ('category', 'area') → the name of its page in lang: the entry's `slug` if it has
    one, else its label slugified (the validator checks that they are slugs and unique, vocab.slug_*)."""
    cache = vocab.page_names
    if (kind, lang) not in cache:
        name = TERM_KINDS[kind]
        codes = [c for c in vocab.codes(name) if c != "national"]
        cache[kind, lang] = {code: term_slug(vocab.entry(name, code), code, lang) for code in codes}
    return cache[kind, lang]


def term_slug(entry: dict, code: str, lang: str) -> str:
    """One vocabulary entry's page name in lang: its `slug` for lang if given, else its label slugified."""
    given = entry.get("slug") if isinstance(entry, dict) else None
    if isinstance(given, dict) and lang in given:
        return str(given[lang])
    label = entry.get("label") if isinstance(entry, dict) else None
    text = label.get(lang) if isinstance(label, dict) else None
    return slugify(str(text), lang) if text else code.lower()


def term_path(vocab, kind: str, code: str, lang: str, number: int = 1) -> str:
    """The page of a category's or area's browse list in lang (page `number` of it), e.g. leverantorer/kategori/
    stadning.html, leverandorer/omraade/aarhus.2.html."""
    slug = term_slugs(vocab, kind, lang).get(code, code.lower())
    return record_path(kind, slug if number == 1 else f"{slug}.{number}", lang)


def calendar_for_category(vocab, code: str, lang: str) -> str:
    """The iCalendar file of one category's entries, in the plan's folder (kalender-rengoering.ics)."""
    return output_name("category_calendar", lang, term_slugs(vocab, "category", lang).get(code, code.lower()))


@dataclass(frozen=True)
class Output:
    """A file, or a family of files, that each language's site writes: its path per language, where {name} stands
    for one file name and {path} for any path below a folder; `kind` is the record kind whose pages these are (None:
    no record's). `label` names it in the validator's messages (messages.*.yml, _outputs)."""

    name: str
    paths: dict[str, str]
    kind: str | None = None
    label: str = ""

    def path(self, lang: str) -> str | None:
        """The path (or pattern) in lang's site."""
        return self.paths.get(lang)


def _in(kind: str, name: str) -> dict[str, str]:
    """A file name in a record kind's folder, per language."""
    return {lang: f"{SEGMENTS[kind][lang]}/{name}" for lang in LANGUAGES}


def _page(name: str, suffix: str) -> dict[str, str]:
    """One of the single pages (PAGES) with its file suffix, per language."""
    return {lang: f"{PAGES[name][lang]}{suffix}" for lang in LANGUAGES}


def _everywhere(path: str) -> dict[str, str]:
    """The same path in every language."""
    return dict.fromkeys(LANGUAGES, path)


_TABLE = (
    # Record pages: one per supplier, tender entry, case and buyer, and per page of a browse list.
    *(Output(f"{kind}_page", _in(kind, "{name}.html"), kind) for kind in SEGMENTS),
    Output("tender_calendar", _in("tender", "{name}.ics"), "tender"),  # an entry's "add to calendar" file
    # Every folder's shell page, replaced by its bulk pages and removed (hooks/bulk.py).
    *(Output(f"{kind}_shell", _in(kind, SHELL_SLUG + ".html"), label="shell") for kind in SEGMENTS),
    # Lists and single pages.
    Output("supplier_list", _in("supplier", "index.html")),
    Output("shortlist", _page("shortlist", ".html")),
    Output("tender_list", _in("tender", "index.html")),
    Output("feed", _in("tender", FEEDS["atom"])),
    Output("calendar", _in("tender", FEEDS["calendar"])),
    Output("category_calendar", _in("tender", "kalender-{name}.ics")),  # every category, now or later
    # The feeds to follow a category, an area or a CPV division (bro.feeds.follows): Atom, and iCalendar for
    # areas and divisions (a category's calendar is category_calendar).
    Output("follow_feed", {lang: f"{SEGMENTS['tender'][lang]}/{FOLLOW[lang]}/{{name}}.xml" for lang in LANGUAGES}),
    Output("follow_calendar", {lang: f"{SEGMENTS['tender'][lang]}/{FOLLOW[lang]}/{{name}}.ics" for lang in LANGUAGES}),
    # An empty sitemap beside the feeds that pages name in <link rel="alternate">: the theme's script fetches
    # sitemap.xml beside every such link, which would otherwise be a "404 Not Found" on every page naming a feed.
    Output("feed_sitemap", _in("tender", "sitemap.xml"), label="sitemap"),
    Output("follow_sitemap", {lang: f"{SEGMENTS['tender'][lang]}/{FOLLOW[lang]}/sitemap.xml" for lang in LANGUAGES},
           label="sitemap"),
    Output("case_list", _in("case", "index.html")),
    Output("events", _page("events", ".html")),
    Output("events_calendar", _page("events", ".ics")),
    Output("glossary", _page("glossary", ".html")),
    Output("peers", _page("peers", ".html")),
    *(Output(f"help_{country.lower()}", {lang: f"{SEGMENTS['organisation'][lang]}/{name}.html"
                                         for lang, name in names.items()}) for country, names in HELP_PAGES.items()),
    # The theme's and Bro's files (Bro's own scripts and data under ASSETS), the search index, the sitemap.
    Output("assets", _everywhere("assets/{path}")),
    Output("search", _everywhere("search/{path}")),
    Output("sitemap", _everywhere("sitemap.xml")),
    Output("sitemap_gz", _everywhere("sitemap.xml.gz")),
    Output("not_found", _everywhere("404.html")),
)
OUTPUTS: dict[str, Output] = {output.name: output for output in _TABLE}
# Files at the root of the whole site (beside the language folders), written by bro.build.
ROOT_OUTPUTS = {"landing": "index.html", "not_found": "404.html", "open_data": "api/{name}",
                "open_data_schema": "api/schemas/{name}"}
# The open data files under ROOT_OUTPUTS["open_data"] are bro.opendata's registry (opendata.api_names()).


def output_path(name: str, lang: str, file: str = "") -> str:
    """The path of one output in lang's site, with {name} filled in (output_path('feed', 'da') …)."""
    before, after = _around_name(name, lang)
    return before + file + after


def output_name(name: str, lang: str, file: str = "") -> str:
    """The file name of one output in lang's site, without its folder (output_name('events_calendar', 'da') is
    arrangementer.ics)."""
    return output_path(name, lang, file).rpartition("/")[2]


@functools.cache
def _around_name(name: str, lang: str) -> tuple[str, str]:
    """An output's path before and after its {name} (record links are made by the hundred thousand)."""
    before, hole, after = OUTPUTS[name].path(lang).partition("{name}")
    return (before, after) if hole else (before, "")


def help_path(country: str, lang: str) -> str:
    """The "who helps where" page of one country in lang's site, e.g. kunskapsbank/stod/sverige.html."""
    return output_path(f"help_{country.lower()}", lang)


def source_of(path: str) -> str:
    """The generated Markdown source behind a page (x/y.html → x/y.md)."""
    return path.removesuffix(".html") + ".md"


def record_path(kind: str, slug: str, lang: str) -> str:
    """The page of one record or browse entry, e.g. leverandorer/social-trade.html."""
    return output_path(f"{kind}_page", lang, slug.lower())


def record_source(kind: str, slug: str, lang: str) -> str:
    """The generated Markdown source behind a record page, e.g. leverandorer/social-trade.md."""
    return source_of(record_path(kind, slug, lang))


def list_source(kind: str, lang: str) -> str:
    """The generated Markdown source of a collection's list page."""
    return source_of(output_path(f"{kind}_list", lang))


def page_source(name: str, lang: str) -> str:
    """The generated Markdown source of a single page such as the shortlist."""
    return source_of(output_path(name, lang))


def translate_path(path: str, source: str, target: str, vocab=None) -> str | None:
    """The same page in the other language (path relative to the language's root), or None when it has none: content
    pages through CONTENT_PAGES, category and area pages through the vocabulary's names, generated sections by their
    folders (a record's file name is the same in both languages)."""
    for table in CONTENT_PAGES.values():
        if path == source_to_page(table[source]):
            return source_to_page(table[target])
    if path == OUTPUTS["not_found"].path(source):
        return OUTPUTS["not_found"].path(target)
    if vocab is not None:
        for kind in TERM_KINDS:
            folder = SEGMENTS[kind][source] + "/"
            if path.startswith(folder) and path.endswith(".html"):
                slug, _, number = path[len(folder):-len(".html")].partition(".")
                codes = {name: code for code, name in term_slugs(vocab, kind, source).items()}
                if slug not in codes or (number and not number.isdigit()):
                    return None
                return term_path(vocab, kind, codes[slug], target, int(number or 1))
    prefixes = [(table[source], table[target]) for table in (*SEGMENTS.values(), *PAGES.values())]
    for old, new in sorted(prefixes, key=lambda pair: -len(pair[0])):
        if path == f"{old}.html":
            return f"{new}.html"
        if path.startswith(old + "/"):
            return new + path[len(old):]
    return None


# Records without a page of their own (events, glossary terms) stand on their collection's page, each at an anchor
# named by its slug (record_anchor: the page's template and the open data take it from here).
ON_PAGE = {"event": "events", "term": "glossary"}


def record_anchor(kind: str, slug: str) -> str:
    """The id of a record's place on its collection's page (events, glossary)."""
    return slug


def record_url(kind: str, slug: str, lang: str) -> str:
    """A record's address from the root of the whole site: its own page, or its place on its collection's page
    (da/vidensbank/ordliste.html#udbud)."""
    if kind in ON_PAGE:
        return site_url(output_path(ON_PAGE[kind], lang), lang) + "#" + record_anchor(kind, slug)
    return site_url(record_path(kind, slug, lang), lang)


def site_url(path: str, lang: str) -> str:
    """A page's path from the root of the whole site (both languages), e.g. da/leverandorer/x.html."""
    return f"{lang}/{path}"


def relative(page: str, target: str) -> str:
    """The address of `target` from `page` (both paths from the language's root; target may end in a fragment),
    e.g. from leverandorer/omraade/aarhus.html to udbudsplan/foelg/omraade-aarhus.xml: ../../udbudsplan/…, and
    from udbudsplan/index.html: foelg/omraade-aarhus.xml."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def published_url(base: str, path: str, lang: str) -> str:
    """A page's address on the published site: the site's address (extra.bro_site_url, which ends in "/":
    bro.settings) and the page's path from the root of the whole site, e.g.
    https://bro-socialt-indkob.github.io/bro/da/leverandorer/x.html."""
    return base + site_url(path, lang)


# ------------------------------------------------------------------------------------------------- collisions

@dataclass(frozen=True)
class Clash:
    """A file of one language's site that a record's page would replace or be mistaken for."""

    label: str  # the output's label (messages.*.yml, _outputs)
    lang: str
    path: str  # the file, relative to the language's root


def content_files(root: Path) -> frozenset[tuple[str, str]]:
    """Every page and file that content/<lang>/ gives the site, as (lang, path in the built site)."""
    found = set()
    for path, link in files.walk(root, "content"):  # links are not followed (the catalog reports them)
        parts = path.relative_to(root / "content").parts
        if not link and len(parts) > 1 and parts[0] in LANGUAGES and not any(p.startswith(".") for p in parts[1:]):
            found.add((parts[0], re.sub(r"\.md$", ".html", "/".join(parts[1:]))))
    return frozenset(found)


def collision(kind: str, slug: str, content: frozenset[tuple[str, str]] = frozenset()) -> list[Clash]:
    """Every file of the site, in either language, that a record of `kind` (supplier, tender, case, buyer …) named
    `slug` would replace or be mistaken for: a file of the table or of content/ in the record's folder with the same
    name whatever its extension (kalender.ics for a tender 'kalender', whose calendar file it would overwrite;
    feed.xml for 'feed'), compared without regard to case, as a case-insensitive file system does."""
    clashes = []
    for lang in LANGUAGES:
        stem = f"{SEGMENTS[kind][lang]}/{slug}"
        if not _matcher(kind, lang, content).fullmatch(stem):
            continue  # the common case: one match of one pattern per language
        for label, pattern in _others(kind, lang, content):
            if match := _pattern(pattern).fullmatch(stem):
                clashes.append(Clash(label, lang, pattern.format(**match.groupdict())))
    return clashes


def _others(kind: str, lang: str, content: frozenset[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, path pattern) of every output in lang's site that is not a page of this kind's records."""
    table = [(output.label or output.name, output.path(lang)) for output in OUTPUTS.values()
             if output.kind != kind and output.path(lang)]
    return table + sorted(("content", path.replace("{", "{{").replace("}", "}}"))
                          for where, path in content if where == lang)


def covering(path: str, lang: str | None) -> str | None:
    """The name of the table's entry that a built file belongs to, records' pages last (lang None: a file at the root
    of the whole site), or None: what a build test asks of every file the build writes."""
    table = ROOT_OUTPUTS.items() if lang is None else (
        (o.name, o.path(lang)) for o in sorted(OUTPUTS.values(), key=lambda o: o.kind is not None))
    return next((name for name, pattern in table if pattern and _pattern(pattern, stem=False).fullmatch(path)), None)


@functools.lru_cache(maxsize=64)
def _matcher(kind: str, lang: str, content: frozenset[tuple[str, str]]) -> re.Pattern:
    """One pattern matching every record stem (folder/slug) that some other output takes."""
    return re.compile("|".join(f"(?:{_regex(pattern, stem=True, named=False)})"
                               for _, pattern in _others(kind, lang, content)), re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _pattern(pattern: str, stem: bool = True) -> re.Pattern:
    """A path pattern (without its file extension if stem) as a regular expression capturing its placeholders."""
    return re.compile(_regex(pattern, stem, named=True), re.IGNORECASE)


def _regex(pattern: str, stem: bool, named: bool) -> str:
    """A path pattern as a regular expression ({name}: one file name, {path}: any path below a folder)."""
    if stem:
        pattern = re.sub(r"\.[^./{}]+$", "", pattern)
    holes = {"{name}": "[^/]+", "{path}": ".+", "{{": r"\{", "}}": r"\}"}
    out = []
    for part in re.split(r"(\{\w+\}|\{\{|\}\})", pattern):
        regex = holes.get(part)
        if regex and named and part in ("{name}", "{path}"):
            regex = f"(?P<{part[1:-1]}>{regex})"
        out.append(regex or re.escape(part))
    return "".join(out)
