"""The whole site, built as `make build` does: both languages, every record, open data, nothing partial."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bro import urls
from bro.catalog import load_catalog
from helpers import FIXTURES, ROOT, TODAY, assert_build_refused

EXTERNAL_ASSET = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_both_languages_and_landing_page(site):
    for rel in ["index.html", "da/index.html", "sv/index.html", "da/404.html", "sv/404.html",
                "da/search/search_index.json", "sv/search/search_index.json"]:
        assert (site / rel).is_file(), rel
    assert '<html lang="da"' in _html(site, "da/index.html") and '<html lang="sv"' in _html(site, "sv/index.html")
    landing = _html(site, "index.html")
    assert 'href="da/index.html"' in landing and 'href="sv/index.html"' in landing
    assert '<section lang="sv"' in landing


def test_every_record_has_a_page_in_both_languages(site, catalog):
    for kind, records in (("supplier", catalog.suppliers), ("tender", catalog.tenders)):
        for lang in ("da", "sv"):
            listing = _html(site, f"{lang}/{urls.SEGMENTS[kind][lang]}/index.html")
            for slug in records:
                page = site / lang / urls.record_path(kind, slug, lang)
                assert page.is_file(), page
                assert f'href="../{urls.record_path(kind, slug, lang)}"' in listing, (lang, slug)


@pytest.mark.parametrize("rel,title,described", [
    ("da/leverandorer/madvaerket.html", "Madværket SMBA", "Køkken i Aarhus"),
    ("sv/upphandlingsplan/goteborg-fruktkorgar-2027.html", "Fruktkorgar", None),
    ("da/leverandorer/kategori/mad-og-forplejning.html", "Mad og forplejning", None),
    ("sv/leverantorer/alla/1.html", None, None),
])
def test_bulk_pages_are_whole_pages_of_their_own(site, catalog, rel, title, described):
    """Pages written after MkDocs' loop (hooks/bulk.py): no marker left, one <h1>, their own title, file name
    and description, and no trace of the shell page anywhere in the site."""
    page = _html(site, rel)
    assert "7f3a" not in page.lower()
    assert page.count("<h1") == 1
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert re.search(r"<title>" + re.escape(heading.strip()) + " – Bro</title>", page)
    if title:
        assert title in heading
    lang, inner = rel.split("/", 1)
    for other in ("da", "sv"):
        there = inner if other == lang else urls.translate_path(inner, lang, other, catalog.vocab)
        assert f'/{other}/{there}" hreflang="{other}"' in page, other
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert description.startswith(described) if described else description
    assert not list(site.rglob("*bro-bulk-shell*"))


def test_tender_entries_are_in_the_site_search_and_suppliers_are_not(site, catalog):
    for lang in ("da", "sv"):
        index = json.loads(_html(site, f"{lang}/search/search_index.json"))
        locations = {doc["location"] for doc in index["docs"]}
        assert {urls.record_path("tender", slug, lang) for slug in catalog.tenders} <= locations
        assert not any(loc.startswith(urls.record_path("supplier", "", lang)[:-5] + "/") and loc.count("/") == 1
                       for loc in locations if not loc.endswith("index.html"))


def test_lists_do_not_repeat_their_entries_in_the_site_search(site, catalog):
    """Plan, buyer, case and directory lists are excluded (data-search-exclude): each entry is found once, on its
    own page, and the list pages are still found by their titles and introductions."""
    index = json.loads(_html(site, "da/search/search_index.json"))
    by_page = {}
    for doc in index["docs"]:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc["title"] + " " + doc["text"])
    title = catalog.tenders["goteborg-fruktkorgar-2027"].data["title"]["da"]
    assert sum(title in " ".join(texts) for texts in by_page.values()) == 1  # the entry's own page
    assert not any(title in text for text in by_page["udbudsplan/index.html"])
    assert not any(title in text for text in by_page["udbudsplan/ordregiver/goteborgs-stad.html"])
    assert any("Göteborgs Stad" in text for text in by_page["udbudsplan/ordregiver/goteborgs-stad.html"])
    assert not any("Madværket" in text for text in by_page["leverandorer/index.html"])
    assert by_page["udbudsplan/index.html"] and by_page["leverandorer/index.html"]


def test_not_found_pages_link_under_the_published_path(site):
    """A host answers unknown paths at any depth, under any published path, with a 404 page: its links are relative
    to a <base> that holds the published path (extra.bro_site_url, /bro/ by default) until the page's first script
    moves it to the language folder of the address; GitHub Pages uses the root 404.html."""
    for rel, lang in (("da/404.html", "da"), ("sv/404.html", "sv"), ("404.html", "da")):
        page = _html(site, rel)
        assert re.findall(r'(?<!<base )(?:href|src)="/', page) == [], rel   # nothing root-absolute but the <base>
        assert f'<base href="/bro/{lang}/">' in page
        assert page.index("<base") < min(page.index("<script"), page.index("<link"))  # before anything it loads
        assert 'href="assets/stylesheets/bro.css"' in page
        assert '"base": "./"' in page and '__md_scope=new URL(".", document.baseURI)' in page


def test_not_found_page_speaks_both_languages(site):
    """The host shows the root 404 page (Danish) for any unknown address, Swedish ones too."""
    for rel, other, title, other_title in (("404.html", "sv", "Siden findes ikke", "Sidan finns inte"),
                                           ("sv/404.html", "da", "Sidan finns inte", "Siden findes ikke")):
        page = _html(site, rel)
        assert f"<title>{title} – Bro</title>" in page and f"<h1>{title}</h1>" in page
        block = re.search(rf'<div lang="{other}">(.*?)</div>', page, re.S).group(1)
        assert f"<h2>{other_title}</h2>" in block
        assert f'href="../{other}/index.html"' in block  # the other language's front page, from the <base>
        assert 'href="index.html"' in page
        assert "Not found" not in page


def test_language_switcher_leads_to_the_same_page(site):
    page = _html(site, "da/leverandorer/madvaerket.html")
    assert re.search(r'href="\.\./\.\./sv/leverantorer/madvaerket\.html" hreflang="sv" lang="sv"', page)
    page = _html(site, "sv/upphandlingsplan/goteborg-fruktkorgar-2027.html")
    assert re.search(r'href="\.\./\.\./da/udbudsplan/goteborg-fruktkorgar-2027\.html" hreflang="da"', page)
    page = _html(site, "sv/om.html")
    assert 'href="../da/om.html" hreflang="da"' in page


def test_missing_translation_is_shown_in_the_other_language_and_marked(site, catalog):
    slug = next(s for s, r in catalog.suppliers.items() if set(r.data.get("description") or {}) == {"sv"})
    page = _html(site, f"da/leverandorer/{slug}.html")
    assert '<div class="bro-markdown" lang="sv">' in page
    assert '<p class="bro-fallback" lang="da">findes kun på svensk</p>' in page


def test_no_external_requests_in_any_page(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not EXTERNAL_ASSET.search(html), (page, EXTERNAL_ASSET.search(html).group(0))


def test_open_data_lists_every_record_with_its_pages(site, catalog):
    for collection in ("suppliers", "tenders"):
        data = json.loads(_html(site, f"api/{collection}.json"))
        records = getattr(catalog, collection)
        assert data["count"] == len(records) == len(data[collection])
        assert data["license"] == "CC0-1.0"
        for item in data[collection]:
            assert item["slug"] in records
            for lang in ("da", "sv"):
                assert (site / item["urls"][lang]).is_file(), item["urls"][lang]
        assert {k for item in data[collection] for k in item} >= {"slug", "urls", "categories", "delivery_area"}


def test_stale_profile_shows_notice(site, catalog):
    stale = [s for s, r in catalog.suppliers.items() if r.data["last_verified"] < "2025-11-23"]
    fresh = [s for s, r in catalog.suppliers.items() if r.data["last_verified"] >= "2026-01-01"]
    assert stale and fresh
    assert "Oplysningerne kan være forældede" in _html(site, f"da/leverandorer/{stale[0]}.html")
    assert "Oplysningerne kan være forældede" not in _html(site, f"da/leverandorer/{fresh[0]}.html")


def test_reserved_basis_is_given_in_the_readers_country_terms(site, catalog):
    slug = next(s for s, r in catalog.suppliers.items()
                if (r.data.get("reserved_contracts") or {}).get("basis") == "art20" and r.data["country"] == "DK")
    assert "udbudsloven § 54" in _html(site, f"da/leverandorer/{slug}.html")
    assert "LOU 4 kap. 18 §" in _html(site, f"sv/leverantorer/{slug}.html")


def _copy_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                                              ".site-*", "node_modules"))
    return repo


@pytest.mark.parametrize("fixture", ["description_raw_html", "description_javascript_link", "org_number_bad_checksum",
                                     "yaml_duplicate_key", "unknown_field", "yaml_tab"])
def test_a_bad_record_stops_the_build_and_publishes_nothing(tmp_path, capsys, fixture):
    repo = _copy_repo(tmp_path)
    (repo / "data" / "suppliers" / "hostile.yml").write_text(
        (FIXTURES / "invalid" / f"{fixture}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert_build_refused(repo, tmp_path)
    err = capsys.readouterr().err
    assert re.search(r"^data/suppliers/hostile\.yml:\d+:\d+: error: ", err, re.M), err


def test_mkdocs_build_alone_also_refuses_bad_data(tmp_path):
    import subprocess
    import sys
    repo = _copy_repo(tmp_path)
    (repo / "data" / "suppliers" / "hostile.yml").write_text(
        (FIXTURES / "invalid" / "description_raw_html.yml").read_text(encoding="utf-8"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.da.yml", "-d", str(tmp_path / "o")],
                          cwd=repo, capture_output=True, text=True, env={"BRO_TODAY": "2026-11-23", "PATH": "/usr/bin"})
    assert proc.returncode != 0
    assert "data/suppliers/hostile.yml:19:1: error: description.da: The text contains HTML" in proc.stderr
    assert not (tmp_path / "o").exists()


def test_every_internal_link_in_the_built_site_resolves(site):
    """No page links to a file that the build did not write (generated pages and templates included)."""
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # MkDocs writes root-absolute links there (the server shows it anywhere)
            continue
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#?]+)', html):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.exists():
                broken.append(f"{page.relative_to(site)} → {target}")
    assert broken == []


def test_every_build_has_its_own_state(catalog):
    """hooks/_state.py: a build's state is reached through its own configuration only; a configuration it was not
    started for (another language's build, an earlier `mkdocs serve` rebuild) gets an error, never a stale state."""
    import sys
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from bro import settings

    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import _state
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    parsed = settings.load(ROOT / "mkdocs.yml", environ={})[0]
    first, second = (SimpleNamespace(config_file_path=str(ROOT / "mkdocs.da.yml"), theme={"language": lang})
                     for lang in ("da", "sv"))
    state = _state.start(first, parsed, catalog)
    assert _state.of(first) is state and (state.lang, state.root, state.settings.page_size) == ("da", ROOT, 100)
    with pytest.raises(PluginError):
        _state.of(second)
    assert _state.of(_state.start(second, parsed, catalog).config).lang == "sv"
    with pytest.raises(PluginError):
        _state.of(first)
