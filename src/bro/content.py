"""The site's own pages (content/da, content/sv): checked as strictly as Markdown in data, and read as the site reads
them (MkDocs' front matter, the Markdown extensions mkdocs.yml enables)."""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape

from bro import HOME_COUNTRY, files, markdown_text, rules, settings, siteinfo, thresholds
from bro.problems import Problem
from bro.schema import SchemaSet, check
from bro.vocab import Vocabularies
from bro.yamlload import load_text

FOLDER = "content"
SCHEMA = "page.schema.json"  # the front matter: which settings a page may have, of which type
# MkDocs' YAML front matter (mkdocs.utils.meta.YAML_RE; a test keeps them the same). Without it MkDocs reads a
# page's first 'name: value' lines as settings (MultiMarkdown style), so every page must start with it.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
# The extensions MkDocs always adds to those mkdocs.yml lists (MkDocsConfig.markdown_extensions; a test checks).
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


def check_pages(root: Path, schemas: SchemaSet, vocab: Vocabularies,
                site: siteinfo.SiteInfo | None = None) -> list[Problem]:
    """Every problem of the files in content/: files that are not Markdown pages, front matter, and Markdown (read
    with its placeholders filled in from data/site.yml and the editors' address in mkdocs.yml, as the site shows
    it)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    reader = markdown_text.page_reader(*site_extensions(root))
    site_missing = not (root / siteinfo.FILE).exists()
    config = root / settings.FILE  # its problems are bro.settings' to report (the validator lists them too)
    found = settings.load(config)[0] if config.is_file() else None
    problems: list[Problem] = []
    for path, link in files.walk(root, FOLDER):  # links are not followed (the catalog reports them)
        relative = path.relative_to(folder)
        if link or any(part.startswith(".") for part in relative.parts):
            continue  # MkDocs leaves out dot files (exclude_docs)
        display = path.relative_to(root).as_posix()
        if path.suffix != ".md":
            problems.append(Problem(display, 1, 1, (), "content.not_markdown", {"name": path.name}))
        else:
            lang = relative.parts[0] if relative.parts[0] in HOME_COUNTRY else "da"  # content/<lang>/…
            editors = siteinfo.editors(found.editors_email, lang) if found else None
            problems.extend(_check_page(path, display, reader, schemas, vocab,
                                        (site, lang, site_missing, editors)))
    return problems


def _check_page(path: Path, display: str, reader, schemas: SchemaSet, vocab: Vocabularies,
                placeholders: tuple = (None, "da", False)) -> list[Problem]:
    """The problems of one page: its front matter against the page schema, its placeholders (filled in from the
    site's details: site, the page's language, whether its file is missing, the editors), its Markdown as the site
    reads it."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [Problem(display, 1, 1, (), "yaml.encoding", {})]
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it (universal newlines)
    problems: list[Problem] = []
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.append(Problem(display, 1, 1, (), "content.front_matter", {}))
        body, offset = text, 0
    else:
        doc = load_text("\n" + match.group(1), display)  # the leading line: line numbers as in the file
        if isinstance(doc.data, dict):
            check(doc, schemas, SCHEMA)
            rules.check_texts(doc, schemas, SCHEMA, vocab)
        problems.extend(doc.problems)
        body, offset = text[match.end():], text.count("\n", 0, match.end())
    from bro import opendata  # it writes the open data, whose exports import the catalog, which imports this module
    body, unfilled = siteinfo.check_placeholders(opendata.blank(thresholds.blank(body)), *placeholders)
    for issue in unfilled:
        problems.append(Problem(display, offset + issue.line, issue.column, (), issue.code, issue.params))
    for issue in markdown_text.inspect_page(body, reader):
        problems.append(Problem(display, offset + issue.line, issue.column, (), issue.code,
                                {"snippet": issue.detail, "allowed": ", ".join(markdown_text.PAGE_BOXES),
                                 **issue.params}, issue.severity))
    return problems


@dataclass(frozen=True)
class ReviewPoint:
    """One open point of a page's review list (front matter 'review'): what an editor must check, and against
    which source. Never shown to readers."""

    point: str
    source: str | None = None


def review_points(root: Path, pages: Iterable[str] | None = None) -> dict[str, list[ReviewPoint]]:
    """The open review points of the site's pages (or of these repository-relative pages), by page in path order;
    pages without points, and items the validator refuses, are left out."""
    wanted = None if pages is None else set(pages)
    found: dict[str, list[ReviewPoint]] = {}
    for path, link in files.walk(root, FOLDER):
        display = path.relative_to(root).as_posix()
        hidden = any(part.startswith(".") for part in path.relative_to(root / FOLDER).parts)  # not published
        if link or hidden or path.suffix != ".md" or (wanted is not None and display not in wanted):
            continue
        points = _page_review(path.read_bytes().decode("utf-8-sig", errors="replace"), display)
        if points:
            found[display] = points
    return dict(sorted(found.items()))


def _page_review(text: str, display: str) -> list[ReviewPoint]:
    """The review points written in one page's front matter."""
    match = FRONT_MATTER.match(text.replace("\r\n", "\n").replace("\r", "\n"))
    data = load_text("\n" + match.group(1), display).data if match else None
    items = data.get("review") if isinstance(data, dict) else None
    return [ReviewPoint(item["point"], item["source"] if isinstance(item.get("source"), str) else None)
            for item in items if isinstance(item, dict) and isinstance(item.get("point"), str) and item["point"]
            ] if isinstance(items, list) else []


def site_extensions(root: Path) -> tuple[list, dict]:
    """The Markdown extensions the site renders pages with, and their settings (mkdocs.yml, which both languages'
    configurations inherit, and MkDocs' own)."""
    config_path = root / "mkdocs.yml"
    listed = (_load_config(config_path).get("markdown_extensions") or []) if config_path.is_file() else []
    names, configs = [], {}
    for entry in listed:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            configs[name] = settings
    return [*names, *(name for name in MKDOCS_EXTENSIONS if name not in names)], configs


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' own tags (!ENV, !relative) as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _load_config(path: Path) -> dict:
    """mkdocs.yml as data (the settings MkDocs takes from the environment are None)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


@functools.cache
def front_matter_keys(schema_dir: Path) -> frozenset[str]:
    """The settings a page may have (the page schema's fields)."""
    schema = json.loads((schema_dir / SCHEMA).read_text(encoding="utf-8"))
    return frozenset(schema["properties"])


def theme_meta(meta: dict, keys: frozenset[str], title: str | None) -> dict:
    """A page's settings as the theme gets them: only the known ones, texts escaped (the theme writes a page's title
    and description into the HTML as they are), and the title always among them (without one, the theme would
    decode the character references of the title it takes from the page's first heading into <title>)."""
    shown = {key: str(escape(value)) if isinstance(value, str) else value for key, value in meta.items()
             if key in keys and isinstance(value, (str, int, float, dt.date))}  # a list would be shown as Python
    if "title" in keys and "title" not in shown and title:
        shown["title"] = str(escape(html.unescape(str(title))))  # MkDocs' title from the first heading is HTML
    return shown
