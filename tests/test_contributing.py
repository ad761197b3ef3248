"""Contributor guides, templates, pull-request template and editors' docs: what they promise must hold."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from bro import urls
from bro.catalog import SLUG, load_catalog
from bro.problems import load_catalog as messages
from helpers import ROOT, TODAY, make_repo

LANGS = ("da", "sv")
KINDS = {"supplier": "suppliers", "tender": "tenders", "buyer": "buyers", "case": "cases", "event": "events",
         "term": "glossary", "organisation": "organisations"}
GUIDE_KEYS = ("contribute", "profile", "announce", "interest", "removal")  # keys of bro.urls.CONTENT_PAGES
GUIDE_PAGES = {lang: {urls.CONTENT_PAGES[key][lang] for key in GUIDE_KEYS} for lang in ("da", "sv")}
GUIDE_FOLDER = {"da": "bidrag", "sv": "bidra"}
FORM_KEYS = tuple(urls.FORM_PAGES.values())  # the web forms (bidrag/formular/, bidra/formular/): a section of the menu
FORM_PAGES = {lang: {urls.CONTENT_PAGES[key][lang] for key in FORM_KEYS} for lang in ("da", "sv")}
# The issue forms each guide links; removal requests have none (e-mail only, never a public issue).
FORMS = {"da": {"ny-leverandor", "ret-profil", "nyt-udbud", "interesse"},
         "sv": {"ny-leverantor", "andra-profil", "ny-upphandling", "intresse"}}
REPOSITORY = "https://github.com/bro-socialt-indkob/bro"
SITE = "https://bro-socialt-indkob.github.io/bro/"
SEVERITY = {"da": ("fejl", "advarsel"), "sv": ("fel", "varning")}
ISSUE_TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
PR_TEMPLATE = ROOT / ".github" / "pull_request_template.md"
# The web forms on the site (no account needed) each guide leads with: CONTENT_PAGES keys, the first one first.
GUIDE_FORMS = {"contribute": ("form_supplier", "form_change", "form_tender", "form_interest", "form_removal"),
               "profile": ("form_supplier", "form_change"), "announce": ("form_tender",),
               "interest": ("form_interest",), "removal": ("form_removal",)}
NO_ACCOUNT = {"da": "Udfyld formularen her på siden – det kræver ingen konto",
              "sv": "Fyll i formuläret här på webbplatsen – du behöver inget konto"}


def read_guides(lang: str) -> dict[str, str]:
    """The site's contributor guides in one language, by file name."""
    return {p.name: p.read_text(encoding="utf-8")
            for p in sorted((ROOT / "content" / lang / GUIDE_FOLDER[lang]).glob("*.md"))}


def collect_documents() -> dict[str, str]:
    """Every text that tells contributors or editors what to do, by path relative to the repository."""
    paths = [*(ROOT / "content").glob("da/bidrag/*.md"), *(ROOT / "content").glob("sv/bidra/*.md"),
             ROOT / "CONTRIBUTING.md", PR_TEMPLATE,
             *(ROOT / "docs" / "editors").glob("*.md")]
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted(paths)}


def load_template(lang: str, kind: str) -> str:
    """One commented template's text."""
    return (ROOT / "templates" / lang / f"{kind}.yml").read_text(encoding="utf-8")


def expand_braces(path: str) -> list[str]:
    """Expand one {a,b} group in a path: messages.{da,sv}.yml → messages.da.yml, messages.sv.yml."""
    match = re.search(r"\{([^{}]+)\}", path)
    if not match:
        return [path]
    return [p for part in match.group(1).split(",")
            for p in expand_braces(path[:match.start()] + part + path[match.end():])]


def iter_strings(value):
    """Every string inside a parsed YAML value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_strings(item)


def message_pattern(template: str) -> re.Pattern:
    """A validator message template as a regular expression ({placeholders} match any text)."""
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".+?".join(re.escape(part) for part in parts))


# --- templates -------------------------------------------------------------------------------------------------


def test_templates_exist_for_every_collection_in_both_languages():
    for lang in LANGS:
        names = {p.name for p in (ROOT / "templates" / lang).glob("*.yml")}
        assert names == {f"{kind}.yml" for kind in KINDS}, lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_template_is_a_valid_record_when_copied_into_its_collection(tmp_path, lang, kind):
    collection = KINDS[kind]
    slug = f"skabelon-{lang}"
    repo = make_repo(tmp_path, {f"data/{collection}/{slug}.yml": load_template(lang, kind)})
    catalog = load_catalog(repo, today=TODAY)
    mine = [p for p in catalog.problems if p.file == f"data/{collection}/{slug}.yml"]
    assert mine == [], [f"{p.line}:{p.column} {p.code} {p.params}" for p in mine]
    assert slug in getattr(catalog, collection)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_template_names_its_schema_on_the_first_line(lang, kind):
    first = load_template(lang, kind).splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_template_shows_and_explains_every_field_of_its_schema(lang, kind):
    """Each schema field is in the template (or commented out with its explanation), under a comment."""
    text = load_template(lang, kind)
    lines = text.splitlines()
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    shown = {m.group(1) for m in re.finditer(r"^(?:# )?([a-z_]+):", text, re.M)}
    assert set(schema["properties"]) <= shown, set(schema["properties"]) - shown
    for number, line in enumerate(lines):
        key = re.match(r"^([a-z_]+):", line)
        if key:
            above = next(prev for prev in reversed(lines[:number]) if prev.strip())
            assert above.startswith("#") or re.match(rf"^{key.group(1)}:.*#", line), (lang, kind, line)


@pytest.mark.parametrize("lang", LANGS)
def test_templates_are_commented_in_their_own_language(lang):
    marker = {"da": "PÅKRÆVET", "sv": "KRÄVS"}[lang]
    other = {"da": "KRÄVS", "sv": "PÅKRÆVET"}[lang]
    for kind in KINDS:
        text = load_template(lang, kind)
        assert marker in text and other not in text, (lang, kind)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_template_values_use_example_domains_only(lang, kind):
    data = yaml.safe_load(load_template(lang, kind))
    for value in iter_strings(data):
        hosts = re.findall(r"https?://([A-Za-z0-9.-]+)", value) + re.findall(r"[\w.+-]+@([A-Za-z0-9.-]+)", value)
        for host in (h.rstrip(".") for h in hosts):
            assert re.search(r"(^|\.)example\.(org|se|invalid)$", host), (lang, kind, host)


# --- guides on the site ----------------------------------------------------------------------------------------


def test_guide_folders_hold_the_guides_of_the_table():
    for lang in LANGS:
        assert {f"{GUIDE_FOLDER[lang]}/{name}" for name in read_guides(lang)} == GUIDE_PAGES[lang]


def _menu_pages(entries: list) -> list[str]:
    """Every page of a menu section, in order, its subsections' pages included."""
    pages = []
    for entry in entries:
        value = entry if isinstance(entry, str) else next(iter(entry.values()))
        pages += _menu_pages(value) if isinstance(value, list) else [value]
    return pages


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_and_form_page_is_in_the_navigation(lang):
    """The section Bidrag / Bidra holds the guides and, right after its own page, a subsection with the five forms
    (the route without a GitHub account comes first)."""
    config = yaml.safe_load((ROOT / f"mkdocs.{lang}.yml").read_text(encoding="utf-8"))
    section = next(item for item in config["nav"] if isinstance(item, dict) and {"Bidrag", "Bidra"} & set(item))
    entries = next(iter(section.values()))
    pages = _menu_pages(entries)
    assert set(pages) == GUIDE_PAGES[lang] | FORM_PAGES[lang] and len(pages) == len(set(pages))
    assert entries[0] == urls.CONTENT_PAGES["contribute"][lang]
    forms = next(iter(entries[1].values()))
    assert set(_menu_pages(forms)) == FORM_PAGES[lang]


def test_guides_link_every_form_of_their_language():
    for lang in LANGS:
        linked = {m for text in read_guides(lang).values() for m in re.findall(r"\?template=([a-z-]+)\.yml", text)}
        assert linked == FORMS[lang], lang


def _guide_body(key: str, lang: str) -> str:
    """A guide's Markdown without its front matter."""
    text = (ROOT / "content" / lang / urls.CONTENT_PAGES[key][lang]).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", GUIDE_KEYS)
def test_guides_lead_with_the_form_on_the_site_before_any_github_route(key, lang):
    """The first thing under a guide's title is the no-account route: the sentence that says so, and its first link
    is the site's form page in the page's language; every GitHub link (issue forms, web editor, sign-up) comes
    after the form pages of its subject."""
    body = _guide_body(key, lang)
    lead = body.split("# ", 1)[1].split("\n\n", 2)[1]  # the paragraph right under the title
    assert NO_ACCOUNT[lang] in lead, (key, lang)
    links = re.findall(r"\]\(([^)\s]+)\)", body)
    folder = f"{GUIDE_FOLDER[lang]}/"
    forms = [urls.CONTENT_PAGES[form][lang].removeprefix(folder) for form in GUIDE_FORMS[key]]
    assert links[0] == forms[0], (key, lang, links[:3])
    first_github = min([i for i, target in enumerate(links) if "github.com" in target] or [len(links)])
    for form in forms:
        assert form in links[:first_github], (key, lang, form)


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_pages_the_guides_link_are_content_pages_of_their_language(lang):
    for key in GUIDE_FORMS["contribute"]:
        path = ROOT / "content" / lang / urls.CONTENT_PAGES[key][lang]
        assert path.is_file(), path
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        assert front["bro_form"] == key.removeprefix("form_"), path


def test_entry_and_profile_pages_offer_the_site_s_form_before_github_s(built_site):
    """A tender entry's page links the interest form with #entry=<slug> and a profile page the change form with
    #profile=<slug>, each before the prefilled GitHub issue form."""
    for lang, plan, suppliers, entry, supplier in (
            ("da", "udbudsplan", "leverandorer", "odense-groen-drift", "arkivhjaelpen"),
            ("sv", "upphandlingsplan", "leverantorer", "goteborg-fruktkorgar-2027", "gront-jobb-skane")):
        page = (built_site / lang / plan / f"{entry}.html").read_text(encoding="utf-8")
        form = f'href="../{urls.form_path("interest", lang, entry=entry)}"'
        assert form in page and page.index(form) < page.index(f"&amp;entry={entry}&amp;"), (lang, entry)
        page = (built_site / lang / suppliers / f"{supplier}.html").read_text(encoding="utf-8")
        form = f'href="../{urls.form_path("change", lang, profile=supplier)}"'
        assert form in page and page.index(form) < page.index(f"&amp;profile={supplier}&amp;"), (lang, supplier)


def test_every_linked_form_exists_in_the_language_of_the_page():
    if not ISSUE_TEMPLATES.is_dir():
        pytest.skip(".github/ISSUE_TEMPLATE/ does not exist yet: the issue forms are built in another change")
    for path, text in collect_documents().items():
        for name in re.findall(r"\?template=([a-z-]+\.yml)", text):
            form = ISSUE_TEMPLATES / name
            assert form.is_file(), (path, name)
            labels = yaml.safe_load(form.read_text(encoding="utf-8")).get("labels", [])
            lang = re.search(r"content/(da|sv)/", path)
            if lang:
                assert f"lang:{lang.group(1)}" in labels, (path, name)


def test_every_repository_path_the_documents_name_exists():
    """GitHub links into the repository, data/… paths, relative links and backticked paths all point at real
    files; example record files are valid slugs in a real collection folder."""
    missing = []
    for path, text in collect_documents().items():
        for target in re.findall(re.escape(REPOSITORY) + r"/(?:blob|tree|edit|new)/main/([^\s)\"'#?]+)", text):
            if not (ROOT / target).exists():
                missing.append((path, target))
        for target in re.findall(r"(?<![\w/.-])(data/[A-Za-z0-9_./-]*[A-Za-z0-9_/])", text):
            parts = target.rstrip("/").split("/")
            folder = ROOT / "data" / parts[1]
            if len(parts) == 3 and parts[1] in KINDS.values() and parts[2].endswith(".yml"):
                if not folder.is_dir() or not SLUG.match(parts[2].removesuffix(".yml")):
                    missing.append((path, target))
            elif not (ROOT / target).exists():
                missing.append((path, target))
        if not path.startswith("content/"):  # MkDocs checks the site's own links in its strict build
            for target in re.findall(r"\]\((?!https?:|mailto:|#)([^)#\s]+)", text):
                if not (ROOT / path).parent.joinpath(target).resolve().exists():
                    missing.append((path, target))
        for target in re.findall(r"`((?:templates|schemas|src|scripts|content|docs|tests|\.github)/[^`\s<>…*]*)`",
                                 text):
            for expanded in expand_braces(target):
                if not (ROOT / expanded).exists():
                    missing.append((path, expanded))
    assert missing == []


def test_every_make_target_the_documents_name_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    named = {(path, name) for path, text in collect_documents().items()
             for name in re.findall(r"(?<![\w-])make ([a-z][a-z-]*)", text)}
    assert named, "the documents should name at least one make target"
    assert {(path, name) for path, name in named if name not in targets} == set()


@pytest.mark.parametrize("lang", LANGS)
def test_quoted_validator_messages_are_real_messages(lang):
    """Every error or warning the guides quote matches a message of the validator in that language."""
    catalog = messages(lang)
    patterns = [message_pattern(text) for key, text in catalog.items() if not key.startswith("_")]
    severities = "|".join(SEVERITY[lang])
    quoted = []
    for text in read_guides(lang).values():
        for block in re.findall(r"```text\n(.*?)```", text, re.S):
            for line in block.splitlines():
                found = re.search(rf"(?:^|: )(?:{severities}): (.*)$", line)
                if found:
                    quoted.append(found.group(1))
    assert len(quoted) >= 10, "the guides should explain at least ten messages"
    for message in quoted:
        candidates = [message] + [message.split(": ", 1)[1]] if ": " in message else [message]
        assert any(p.fullmatch(c) for p in patterns for c in candidates), message


@pytest.mark.parametrize("lang", LANGS)
def test_guides_link_templates_of_their_own_language(lang):
    linked = {m for text in read_guides(lang).values() for m in re.findall(r"/templates/(da|sv)/", text)}
    assert linked == {lang}


def test_guide_pages_are_built_in_both_languages_with_the_language_switcher(built_site):
    for key in GUIDE_KEYS:
        for lang, other in (("da", "sv"), ("sv", "da")):
            html = (built_site / lang / urls.content_path(key, lang)).read_text(encoding="utf-8")
            assert f'href="../../{other}/{urls.content_path(key, other)}" hreflang="{other}"' in html, (lang, key)
    assert re.search(r">\s*Bidrag\s*<", (built_site / "da" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r">\s*Bidra\s*<", (built_site / "sv" / "index.html").read_text(encoding="utf-8"))


# --- CONTRIBUTING, pull-request template, editors' docs ----------------------------------------------------------


def test_contributing_points_to_every_guide_on_the_site_and_as_a_file():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for lang in LANGS:
        for key in GUIDE_KEYS:
            assert f"{SITE}{lang}/{urls.content_path(key, lang)}" in text, (lang, key)
            assert f"(content/{lang}/{urls.CONTENT_PAGES[key][lang]})" in text, (lang, key)
    assert "## For developers" in text and "make test" in text and "make serve" in text


def test_pull_request_template_has_a_checklist_in_danish_then_swedish():
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    assert text.index("## Dansk") < text.index("## Svenska")
    danish, swedish = text.split("## Svenska")
    danish = danish.split("## Dansk")[1]
    assert danish.count("- [ ]") == swedish.count("- [ ]") >= 3
    assert re.search(r"[æø]", danish) and not re.search(r"[äö]", danish)
    assert re.search(r"[äö]", swedish) and not re.search(r"[æø]", swedish)
    assert f"{SITE}da/bidrag/" in danish and f"{SITE}sv/bidra/" in swedish


def test_editors_docs_exist_in_both_languages_and_are_indexed():
    folder = ROOT / "docs" / "editors"
    index = (folder / "README.md").read_text(encoding="utf-8")
    for doc in ("review", "removal-runbook"):
        for lang in LANGS:
            assert (folder / f"{doc}.{lang}.md").is_file(), (doc, lang)
            assert f"]({doc}.{lang}.md)" in index, (doc, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_removal_runbook_covers_what_remains_after_removal(lang):
    text = (ROOT / "docs" / "editors" / f"removal-runbook.{lang}.md").read_text(encoding="utf-8")
    for needle in ("git filter-repo", "--sensitive-data-removal", "GitHub Support", "refs/pull", "fork",
                   "clone", "max-age=600", "bro-offline.zip", "Google", "Bing", "art. 12", "art. 17"):
        assert needle.lower() in text.lower(), needle
