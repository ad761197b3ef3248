"""The supplier directory: data for the search page, counts and browse pages (pure functions of the catalog)."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from bro import HOME_COUNTRY, areas, feeds, i18n, reservations, search, urls
from bro.catalog import Catalog
from bro.model import Supplier

FACET_VOCABULARIES = ("categories", "target_groups", "registrations", "legal_forms")
PAGE_SIZE = 100  # suppliers per page of the lists readable without JavaScript (all, per category, per area)
SHARD_SIZE = 1000  # suppliers per search shard: the first shard alone yields the first results


def supplier_entry(catalog: Catalog, slug: str, lang: str) -> dict:
    """What the browser needs of one supplier to filter, show a result card and compare it: the one definition
    of the directory data's shape that overrides/assets/bro/*.js read (the facets' keys are FACETS')."""
    supplier = catalog.suppliers[slug]
    summary = i18n.localize(supplier.summary, lang)
    contact = supplier.contacts[0] if supplier.contacts else None
    codes = {facet.name: facet.codes(supplier) for facet in FACETS}
    basis = supplier.eligibility.basis
    return {
        "slug": slug, "name": supplier.name, "path": urls.record_path("supplier", slug, lang),
        "summary": summary.text if summary else "",  # plain text: shown as written
        "summaryLang": summary.lang if summary else lang,
        "country": supplier.country, "city": supplier.city,
        "categories": codes["categories"], "areas": supplier.areas,
        "targetGroups": codes["targetGroups"],
        "registrations": codes["registrations"],
        "eligible": supplier.eligibility.declares(),  # the facet's and badge's reservation (bro.reservations)
        **({"eligibleElse": reservations.eligibility(catalog.vocab, basis, lang)}  # another basis: the shortlist
           if basis and basis != reservations.WORK_INTEGRATION else {}),
        "legalForm": supplier.legal_form, "languages": codes["languages"],
        "stale": supplier.is_stale(catalog.today),
        "contact": {"name": contact.name if contact else "", "email": contact.email if contact else "",
                    "phone": contact.phone if contact else ""},
    }


def directory_data(catalog: Catalog, lang: str, shard_size: int = SHARD_SIZE) -> dict:
    """What the directory script needs first: labels for every code and the list of shards to load."""
    vocab = catalog.vocab
    labels = {name: {code: vocab.label(name, code, lang) for code in vocab.codes(name)} for name in FACET_VOCABULARIES}
    used_languages = sorted({code for supplier in catalog.suppliers.values() for code in supplier.languages})
    labels["languages"] = {code: vocab.label("languages", code, lang) for code in used_languages}
    labels["countries"] = {code: vocab.label("countries", code, lang) for code in vocab.tables["countries"]}
    area_table = {code: [area_name(catalog, code, lang), areas.kind(vocab, code), *areas.parents(vocab, code)[1:]]
                  for code in vocab.codes("areas") if code != "national"}
    ui = {key[3:]: text for key, text in i18n.ui_catalog(lang).items() if key.startswith("js.")}
    ui.update(reservations.script_labels(vocab, lang))
    count = len(shard_bounds(len(catalog.suppliers), shard_size))
    return {"lang": lang, "labels": labels, "areas": area_table, "ui": ui, "total": len(catalog.suppliers),
            "shards": [shard_name(n) for n in range(count)]}


def shard_name(number: int) -> str:
    """The file name of one shard of the directory data."""
    return f"directory-shard-{number}.js"


def shard_bounds(total: int, shard_size: int = SHARD_SIZE) -> list[tuple[int, int]]:
    """Where each shard starts and ends in directory order: the first holds an eighth of shard_size (the page
    shows its results while the rest loads, so it should arrive and parse fast), the others shard_size each."""
    first = min(total, max(1, shard_size // 8))
    return [(0, first)] + [(start, min(start + shard_size, total)) for start in range(first, total, shard_size)]


def shard_data(catalog: Catalog, lang: str, number: int, shard_size: int = SHARD_SIZE) -> dict:
    """One shard: a slice of the suppliers in directory order and a lunr index over just them. Shards let
    the page show its first results before a large directory has loaded in full."""
    start, end = shard_bounds(len(catalog.suppliers), shard_size)[number]
    slugs = catalog.derived.ordered_slugs[start:end]
    return {"offset": start, "suppliers": [supplier_entry(catalog, slug, lang) for slug in slugs],
            "index": search.build_index(catalog, lang, slugs)}


def data_script(name: str, data: dict) -> str:
    """Data as a script (loadable from file://, where fetch() is not allowed): the main data sets
    window.broDirectory, shards are appended to window.broShards. JSON.parse of a string literal
    parses large data faster than an object literal does."""
    literal = json.dumps(json.dumps(data, ensure_ascii=False, separators=(",", ":")), ensure_ascii=False)
    if name == "directory":
        return f"window.broDirectory=JSON.parse({literal});\n"
    return f"(window.broShards=window.broShards||[]).push(JSON.parse({literal}));\n"


def area_name(catalog: Catalog, code: str, lang: str) -> str:
    """An area's name as a reader expects it ('Hele Danmark' for a country)."""
    if code in catalog.vocab.tables["countries"]:
        return catalog.vocab.entry("countries", code)["description"][lang].rstrip(".")
    return catalog.vocab.label("areas", code, lang)


def _card(catalog: Catalog, slug: str, lang: str) -> dict:
    """A supplier as a card in lists: link, record and its badges."""
    supplier = catalog.suppliers[slug]
    return {"slug": slug, "path": urls.record_path("supplier", slug, lang), "record": supplier.data,
            "eligible": reservations.eligibility(catalog.vocab, reservations.WORK_INTEGRATION, lang)
            if supplier.eligibility.declares() else None,
            "registrations": list(supplier.registration_types)}


def list_context(catalog: Catalog, lang: str, page_size: int | None = None) -> dict:
    """The directory page: every supplier (the list without JavaScript), the facets, and browse counts."""
    size = page_size or PAGE_SIZE
    vocab = catalog.vocab
    slugs = catalog.derived.ordered_slugs
    counts = catalog.derived.area_counts
    regions = [code for code in vocab.tables["regions"] if counts[code]]
    area_groups = [{"code": country, "name": area_name(catalog, country, lang),
                    "regions": [{"code": region, "name": vocab.label("regions", region, lang),
                                 "municipalities": [(m, vocab.label("municipalities", m, lang))
                                                    for m, e in vocab.tables["municipalities"].items()
                                                    if e["region"] == region]}
                                for region, e in vocab.tables["regions"].items() if e["country"] == country]}
                   for country in vocab.tables["countries"]]
    return {
        "items": [_card(catalog, slug, lang) for slug in slugs[:size]],
        "total": len(slugs),
        "pages": pager(catalog, lang, size),
        "facets": {"areas": area_groups, "groups": facet_groups(catalog, lang)},
        "zero": zero_result_context(lang),
        "category_counts": sorted(((c, vocab.label("categories", c, lang), n,
                                    urls.term_path(vocab, "category", c, lang))
                                   for c, n in catalog.derived.category_counts.items()), key=lambda row: row[1]),
        "region_counts": [(c, area_name(catalog, c, lang), counts[c], urls.term_path(vocab, "area", c, lang))
                          for c in [*vocab.tables["countries"], *regions] if counts[c]],
        "eligible_label": reservations.facet_label(vocab, lang),
        "shortlist_path": urls.output_path("shortlist", lang),
        "assets": urls.ASSETS,
        "scripts": directory_scripts(lang),  # in order; main.html also preloads them from the page's head
    }


@dataclass(frozen=True)
class Facet:
    """One of the directory's checkbox facets: its name in the page, the URL and the directory data, the key of its
    legend, its vocabulary, and the codes a supplier has (the same codes the directory data gives the script)."""

    name: str
    legend: str
    vocabulary: str
    codes: Callable[[Supplier], list[str]]


FACETS = (
    Facet("categories", "directory.facet_categories", "categories", lambda s: list(s.categories)),
    Facet("countries", "directory.facet_country", "countries", lambda s: [s.country]),
    Facet("targetGroups", "directory.facet_target_groups", "target_groups", lambda s: list(s.target_groups)),
    Facet("registrations", "directory.facet_registrations", "registrations", lambda s: list(s.registration_types)),
    Facet("legalForm", "directory.facet_legal_form", "legal_forms", lambda s: [s.legal_form] if s.legal_form else []),
    Facet("languages", "directory.facet_languages", "languages", lambda s: list(s.languages)),
)
FACET_SHOWN = 6  # options a long facet shows before "show all"; a facet with up to FACET_SHOWN + 2 shows all


def facet_groups(catalog: Catalog, lang: str) -> list[dict]:
    """The checkbox facets as the page shows them: options by number of suppliers (most first, then by label),
    the first FACET_SHOWN shown and the rest behind "show all" in a long facet. Categories, countries, target groups
    and registrations list every code of their vocabulary; legal forms and languages only those some supplier has."""
    vocab, counts = catalog.vocab, catalog.derived.facet_counts
    groups = []
    for facet in FACETS:
        name, legend, vocabulary = facet.name, facet.legend, facet.vocabulary
        if name in ("legalForm", "languages"):
            codes = list(counts[name])
        elif name == "countries":
            codes = list(vocab.tables["countries"])
        else:
            codes = list(vocab.codes(vocabulary))
        options = sorted(((code, vocab.label(vocabulary, code, lang), counts[name][code]) for code in codes),
                         key=lambda option: (-option[2], option[1].casefold()))
        shown = len(options) if len(options) <= FACET_SHOWN + 2 else FACET_SHOWN
        groups.append({"name": name, "legend": legend, "total": len(options),
                       "options": [{"code": code, "label": label, "count": count, "shown": n < shown}
                                   for n, (code, label, count) in enumerate(options)]})
    return groups


def zero_result_context(lang: str) -> dict:
    """Where the page sends a reader whom no supplier fits: the tender plan's page on announcing a need, and the
    buyers who have done it before (bro.peers) and who helps where in the reader's country (bro.organisations)."""
    home = HOME_COUNTRY[lang]
    return {"announce_path": urls.content_path("announce", lang), "peers_path": urls.output_path("peers", lang),
            "help_path": urls.help_path(home, lang), "help_country": home.lower()}


def directory_scripts(lang: str) -> list[str]:
    """The directory page's scripts in the order they run: lunr.js and the stemmer, the data, the first shard
    (found by the browser as early as possible: its first results need all of these)."""
    return ["lunr.js", "lunr.stemmer.support.js", f"lunr.{lang}.js", "directory-data.js", shard_name(0), "shards.js",
            "shortlist-store.js", "url-state.js", "filter-panel.js", "directory-core.js", "directory.js"]


def pager(catalog: Catalog, lang: str, page_size: int | None = None) -> list[dict]:
    """The alphabetical list split into pages: number, path and the first and last name on each."""
    return _pages(catalog, catalog.derived.ordered_slugs, lambda n: urls.record_path("all", str(n), lang), page_size)


def _pages(catalog: Catalog, slugs: list[str], path, page_size: int | None = None) -> list[dict]:
    """A list split into pages of page_size (PAGE_SIZE by default): number, path(number) and the first and last
    name on each page."""
    size = page_size or PAGE_SIZE
    chunks = [slugs[i:i + size] for i in range(0, len(slugs), size)]
    return [{"number": n, "path": path(n),
             "first": catalog.suppliers[chunk[0]].name, "last": catalog.suppliers[chunk[-1]].name}
            for n, chunk in enumerate(chunks, start=1)]


def all_page_context(catalog: Catalog, number: int, lang: str, page_size: int | None = None) -> dict:
    """One page of the alphabetical list of every supplier."""
    size = page_size or PAGE_SIZE
    slugs = catalog.derived.ordered_slugs[(number - 1) * size:number * size]
    pages = pager(catalog, lang, size)
    return {"title": i18n.label("directory.all_title", lang, number=number, pages=len(pages)).text,
            "items": [_card(catalog, slug, lang) for slug in slugs], "pages": pages, "number": number,
            "directory_path": urls.output_path("supplier_list", lang)}


def page_slug(catalog: Catalog, kind: str, code: str, number: int, lang: str) -> str:
    """The file name (before .html) of one page of a category's or area's list in lang: page 1 is the name the
    vocabulary gives the code in lang (bro.urls.term_slugs: rengoering, stadning, aarhus), page n ≥ 2 is 'name.n'
    (rengoering.2.html). Names are a-z, 0-9 and '-' (the validator checks them), so 'name.n' is never a name nor
    the bulk shell's slug, and it sits in the folder beside the shell. The language switcher and the hreflang links
    lead to the same code's page in the other language (bro.urls.translate_path)."""
    slug = urls.term_slugs(catalog.vocab, kind, lang).get(code, code.lower())
    return slug if number == 1 else f"{slug}.{number}"


def _browse_page(catalog: Catalog, kind: str, code: str, name: str, slugs: list[str], number: int, lang: str,
                 page_size: int | None) -> dict:
    """What every page of a category's or area's list shows: its cards, the count of the whole list, the pager
    (with the list's name for screen readers), the title, which names the page from page 2 on, and the feeds
    that follow the tender plan's entries of the same category or area (bro.feeds; also in the page's head)."""
    size = page_size or PAGE_SIZE
    pages = _pages(catalog, slugs, lambda n: urls.term_path(catalog.vocab, kind, code, lang, n), size)
    title = name if number == 1 else i18n.label("browse.page_title", lang, name=name, number=number,
                                                pages=len(pages)).text
    follow = feeds.follow_links(catalog, feeds.Follow(kind, code), lang,
                                urls.term_path(catalog.vocab, kind, code, lang, number))
    return {"title": title, "code": code, "number": number, "total": len(slugs), "pages": pages,
            "follow": follow, "alternates": [follow["alternate"]],
            "pager_label": i18n.label("browse.pages", lang, name=name).text,
            "items": [_card(catalog, slug, lang) for slug in slugs[(number - 1) * size:number * size]],
            "directory_path": urls.output_path("supplier_list", lang)}


def browse_contexts(catalog: Catalog, kind: str, code: str, lang: str,
                    page_size: int | None = None) -> list[tuple[str, dict]]:
    """Every page of a category's ('category') or area's ('area') browse list as (file slug, context): one
    page when the list fits on one, no empty pages."""
    make_context = category_context if kind == "category" else area_context
    first = make_context(catalog, code, lang, 1, page_size)
    return [(page_slug(catalog, kind, code, 1, lang), first)] + [(page_slug(catalog, kind, code, page["number"], lang),
                                             make_context(catalog, code, lang, page["number"], page_size))
                                            for page in first["pages"][1:]]


def category_context(catalog: Catalog, code: str, lang: str, number: int = 1, page_size: int | None = None) -> dict:
    """Page `number` of the browse list of one category."""
    entry = catalog.vocab.entry("categories", code)
    page = _browse_page(catalog, "category", code, catalog.vocab.label("categories", code, lang),
                        catalog.derived.in_category.get(code, []), number, lang, page_size)
    return {**page, "description": (entry.get("description") or {}).get(lang, ""), "cpv": entry.get("cpv") or []}


def area_context(catalog: Catalog, code: str, lang: str, number: int = 1, page_size: int | None = None) -> dict:
    """Page `number` of the browse list of one municipality, region or country. Suppliers that reach the area
    through its whole region or country are counted with a link to that page, not listed again on every page;
    those links stand on every page of the list."""
    chain = areas.parents(catalog.vocab, code)
    page = _browse_page(catalog, "area", code, area_name(catalog, code, lang), catalog.derived.in_area.get(code, []),
                        number, lang, page_size)
    return {**page, "kind": areas.kind(catalog.vocab, code),
            "wider": [(catalog.vocab.label("areas", c, lang), catalog.derived.exactly_named[c],
                       urls.term_path(catalog.vocab, "area", c, lang), areas.kind(catalog.vocab, c))
                      for c in chain[1:] if catalog.derived.exactly_named[c]]}


def shortlist_title(lang: str) -> str:
    """The shortlist page's title."""
    return i18n.label("shortlist.title", lang).text


def shortlist_context(catalog: Catalog, lang: str) -> dict:
    """The shortlist page: everything is drawn in the browser from the directory data."""
    return {"assets": urls.ASSETS, "directory_path": urls.output_path("supplier_list", lang)}
