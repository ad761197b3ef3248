"""Rendering records with Jinja templates (from overrides/bro/): autoescaped, localized, sanitized."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from bro import addresses, i18n, markdown_text, urls, views
from bro.dates import format_day
from bro.vocab import NATIONAL, Vocabularies


class _Environment(jinja2.Environment):
    """Jinja, reading `record.field` from a dict by key first: Bro's contexts are dicts (records as loaded),
    and Jinja's attribute-first lookup costs a caught exception per access, millions of times in a large build.
    Only a key named like a dict method (none is used in the templates) reads differently."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(template_dir: Path, lang: str, vocab: Vocabularies, catalog=None) -> jinja2.Environment:
    """A Jinja environment bound to one language (and a catalog, for lists of links to records); every value is
    escaped unless marked safe."""
    env = _Environment(loader=jinja2.FileSystemLoader(str(template_dir)), autoescape=True,
                       undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True,
                       auto_reload=False)  # one build: templates are read once, not checked on every use
    env.globals.update(lang=lang, other_lang=i18n.other(lang), ui=lambda key, **kw: i18n.label(key, lang, **kw),
                       ui_in=lambda code, key, **kw: i18n.label(key, code, **kw),
                       urls=urls, vocab=vocab)
    env.filters.update(
        t=lambda value: i18n.localize(value, lang),
        label=lambda code, name: vocab.label(name, code, lang),
        markdown=markdown_text.render,
        date=lambda value, fmt="long": format_day(value, lang, fmt),
        number=lambda value: format_decimal(value, locale=lang),
        money=lambda amount, currency: f"{format_decimal(amount, locale=lang)} {currency}",
        area=lambda code, country=None: area_label(vocab, code, lang, country),
        lang_text=lambda value: lang_text(i18n.localize(value, lang), lang),
        display_url=addresses.display_url,  # a web address shown as text (a deceptive host in punycode)
        mailto=addresses.mailto_href,  # a mailto: link to one stored address, percent-encoded
    )
    if catalog is not None:
        env.filters["link_items"] = functools.partial(link_items, catalog, env, {})
    env.filters["supplier_cards"] = functools.partial(supplier_cards, env, {})
    return env


def link_items(catalog, env: jinja2.Environment, done: dict, slugs: list[str], kind: str, root: str) -> Markup:
    """List items linking to records (bro/link_item.html): at 10,000 suppliers and 2,000 entries the same links
    appear on thousands of pages."""
    table = catalog.suppliers if kind == "supplier" else catalog.tenders
    template = env.get_template("link_item.html")
    return _rendered_once(done.setdefault((kind, root), {}), slugs, lambda slug: template.render(
        link=views.record_link(catalog, table[slug], env.globals["lang"]), root=root))


def supplier_cards(env: jinja2.Environment, done: dict, items: list[dict], root: str) -> Markup:
    """Suppliers as cards (macros.html's supplier_card): at 10,000 suppliers a card appears on the full list and
    on several category and area pages."""
    by_slug, card = {item["slug"]: item for item in items}, env.get_template("macros.html").module.supplier_card
    return _rendered_once(done.setdefault(root, {}), [item["slug"] for item in items],
                          lambda slug: str(card(by_slug[slug], root)))


def _rendered_once(known: dict, keys: list[str], render) -> Markup:
    """The pieces for keys joined, each rendered once per build (per page depth) into known."""
    try:
        return Markup("".join(map(known.__getitem__, keys)))
    except KeyError:  # some not rendered yet
        for key in keys:
            if key not in known:
                known[key] = render(key)
        return Markup("".join(map(known.__getitem__, keys)))


def area_label(vocab: Vocabularies, code: str, lang: str, country: str | None = None) -> str:
    """A delivery area's name: whole countries and 'national' read as 'Hele Danmark' / 'Hela Sverige'."""
    if code == NATIONAL:
        code = country or code
    if code in ("DK", "SE"):
        return vocab.entry("countries", code).get("description", {}).get(lang, code).rstrip(".")
    return vocab.label("areas", code, lang)


def lang_text(value: i18n.Localized | None, lang: str) -> Markup:
    """Inline text with a lang attribute when it stands in for a missing translation."""
    if value is None:
        return Markup("")
    if not value.fallback:
        return escape(value.text)
    note = i18n.label(f"fallback.only_in_{value.lang}", lang)
    return Markup('<span lang="{0}">{1}</span> <span class="bro-fallback">({2})</span>').format(
        value.lang, value.text, note.text)
