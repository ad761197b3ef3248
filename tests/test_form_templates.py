"""The issue forms as GitHub shows them: the templates generated into .github/ISSUE_TEMPLATE (bro.forms.definitions,
bro.forms.issue_templates), their names, labels and choices, the forms' texts in both languages (bro.forms.texts) and
the links to them from the site."""
from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys

import pytest
import yaml
from test_forms import TEMPLATES, render_body

from bro import views
from bro.catalog import load_catalog
from bro.forms.answers import identify_form
from bro.forms.definitions import FORM_FILES, make_form_url
from bro.forms.issue_templates import EDITORS_EMAIL, SITE_URL, build_issue_templates
from bro.forms.texts import load_texts
from bro.settings import load as load_settings
from bro.vocab import load_vocabularies
from helpers import ROOT, TODAY, make_repo

SITE = "https://bro-socialt-indkob.github.io/bro/"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabularies(ROOT / "data" / "vocabularies", ROOT)


def test_committed_forms_equal_the_generated_ones(vocab):
    generated = build_issue_templates(vocab)
    committed = {p.name: p.read_text(encoding="utf-8") for p in TEMPLATES.iterdir()}
    assert set(committed) == set(generated)
    for name, text in generated.items():
        assert committed[name] == text, f"{name} is out of date: run python scripts/make_forms.py"


def test_the_eight_forms_have_the_agreed_names():
    assert sorted(p.name for p in TEMPLATES.glob("*.yml")) == sorted([
        "ny-leverandor.yml", "ret-profil.yml", "nyt-udbud.yml", "interesse.yml",
        "ny-leverantor.yml", "andra-profil.yml", "ny-upphandling.yml", "intresse.yml", "config.yml"])


def test_make_forms_check_notices_a_new_vocabulary_code(tmp_path):
    script = ROOT / "scripts" / "make_forms.py"
    ok = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data" / "vocabularies", root / "data" / "vocabularies")
    shutil.copytree(TEMPLATES, root / ".github" / "ISSUE_TEMPLATE")
    categories = root / "data" / "vocabularies" / "categories.yml"
    categories.write_text(categories.read_text(encoding="utf-8") + (
        "beekeeping:\n  label:\n    da: Biavl og honning\n    sv: Biodling och honung\n"), encoding="utf-8")
    stale = subprocess.run([sys.executable, script, "--check", "--root", root], capture_output=True, text=True)
    assert stale.returncode == 1
    assert "ny-leverandor.yml" in stale.stderr and "interesse.yml" not in stale.stderr
    assert subprocess.run([sys.executable, script, "--root", root], capture_output=True).returncode == 0
    assert "- Biavl og honning" in (root / ".github" / "ISSUE_TEMPLATE" / "ny-leverandor.yml").read_text()
    assert "- Biodling och honung" in (root / ".github" / "ISSUE_TEMPLATE" / "ny-upphandling.yml").read_text()


VOCABULARY_FIELDS = {"categories": "categories", "target_groups": "target_groups", "legal_form": "legal_forms",
                     "registrations": "registrations", "procedure": "procedures", "reserved": "reservations",
                     "social_clauses": "social_clauses", "status": "statuses", "contact_basis": "publish_bases",
                     "currency": "currencies", "country": "countries", "buyer_country": "countries"}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.yml") if p.name != "config.yml"))
def test_choices_are_the_vocabularies_labels(template):
    lang = "da" if template in {files["da"] for files in FORM_FILES.values()} else "sv"
    form = yaml.safe_load((TEMPLATES / template).read_text(encoding="utf-8"))
    for element in form["body"]:
        name = VOCABULARY_FIELDS.get(element.get("id"))
        if not name:
            continue
        table = yaml.safe_load((ROOT / "data" / "vocabularies" / f"{name}.yml").read_text(encoding="utf-8"))
        offered = [o["label"] if isinstance(o, dict) else o for o in element["attributes"]["options"]]
        assert sorted(offered) == sorted(entry["label"][lang] for entry in table.values()), (template, name)
    regions = yaml.safe_load((ROOT / "data" / "vocabularies" / "regions.yml").read_text(encoding="utf-8"))
    for element in form["body"]:
        if element.get("id") == "delivery_regions":
            assert {entry["label"][lang] for entry in regions.values()} < set(element["attributes"]["options"])


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.yml") if p.name != "config.yml"))
def test_forms_keep_githubs_rules(template):
    form = yaml.safe_load((TEMPLATES / template).read_text(encoding="utf-8"))
    assert set(form) == {"name", "description", "title", "labels", "body"}
    assert form["labels"][0] == "form" and sum(label.startswith("lang:") for label in form["labels"]) == 1
    assert all(re.fullmatch(r"[a-z]+(:[a-z]+)?", label) for label in form["labels"])
    ids, labels = [], []
    for element in form["body"]:
        attributes = element["attributes"]
        for value in attributes.values():
            assert not isinstance(value, str) or value.strip(), (template, element)
        if element["type"] == "markdown":
            continue
        ids.append(element["id"])
        labels.append(attributes["label"])
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        if element["type"] == "dropdown":
            assert len(set(attributes["options"])) == len(attributes["options"])
            assert all(isinstance(o, str) and o.strip() not in ("None", "n/a") for o in attributes["options"])
        if element["type"] == "checkboxes":
            labels += [o["label"] for o in attributes["options"]]
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels)), template
    names = [yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in TEMPLATES.glob("*.yml")
             if p.name != "config.yml"]
    assert len(names) == len(set(names))


def test_each_form_is_recognised_from_its_headings_alone():
    for kind, files in FORM_FILES.items():
        for lang, template in files.items():
            assert identify_form(render_body(template, {})) == (kind, lang)


def test_labels_say_what_the_form_is_for():
    labels = {t: yaml.safe_load((TEMPLATES / t).read_text(encoding="utf-8"))["labels"]
              for files in FORM_FILES.values() for t in files.values()}
    assert labels["ny-leverandor.yml"] == ["form", "data:suppliers", "new", "lang:da"]
    assert labels["andra-profil.yml"] == ["form", "data:suppliers", "change", "lang:sv"]
    assert labels["nyt-udbud.yml"] == ["form", "data:tenders", "new", "lang:da"]
    assert labels["intresse.yml"] == ["form", "data:tenders", "interest", "lang:sv"]
    assert not any("removal" in names for names in labels.values())


def _flat(catalog, prefix=""):
    if isinstance(catalog, dict):
        return {k: v for key, value in catalog.items() for k, v in _flat(value, f"{prefix}{key}.").items()}
    if isinstance(catalog, list):
        return {k: v for i, value in enumerate(catalog) for k, v in _flat(value, f"{prefix}{i}.").items()}
    return {prefix.rstrip("."): catalog}


def test_danish_and_swedish_texts_have_the_same_keys_and_placeholders():
    danish, swedish = _flat(load_texts("da")), _flat(load_texts("sv"))
    assert list(danish) == list(swedish)
    for key, text in danish.items():
        names = sorted(n for _, n, _, _ in string.Formatter().parse(text) if n)
        assert names == sorted(n for _, n, _, _ in string.Formatter().parse(swedish[key]) if n), key
        if key.startswith(("reply.", "problems.", "forms.")):
            assert text != swedish[key], f"{key} is not translated"


def test_every_problem_code_used_has_words():
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "bro" / "forms").glob("*.py"))
    used = set(re.findall(r'FormProblem\([^,]+, "([a-z_]+)"', source))
    used |= {"unknown_area_suggest", "unknown_profile_suggest", "unknown_entry_suggest", "ambiguous_record"}
    assert used and used <= set(load_texts("da")["problems"]), used - set(load_texts("da")["problems"])


def test_no_issue_form_asks_for_a_removal_and_config_sends_it_to_the_editors_by_email(vocab, tmp_path):
    """Removal and privacy requests never become public: no issue form for them (make_forms removes a stale one),
    and config.yml's removal links name the editors' one address, mkdocs.yml's bro_editors_email."""
    assert "removal" not in FORM_FILES and not list(TEMPLATES.glob("*fjern*")) and not list(TEMPLATES.glob("*bort*"))
    settings, problems = load_settings(ROOT / "mkdocs.yml", environ={})
    assert problems == [] and settings.editors_email == EDITORS_EMAIL
    config = yaml.safe_load((TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    removal = [link for link in config["contact_links"] if link["url"].endswith(("fjernelse.html", "ta-bort.html"))]
    assert len(removal) == 2 and all(f"på {EDITORS_EMAIL}." in link["about"] for link in removal)
    assert "offentlige" in removal[0]["about"] and "offentliga" in removal[1]["about"]
    other = build_issue_templates(vocab, editors_email="privat@bro.example.org")["config.yml"]
    assert other.count("privat@bro.example.org") == 2 and EDITORS_EMAIL not in other
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data" / "vocabularies", repo / "data" / "vocabularies")
    shutil.copytree(TEMPLATES, repo / ".github" / "ISSUE_TEMPLATE")
    (repo / ".github" / "ISSUE_TEMPLATE" / "fjern-personoplysninger.yml").write_text("name: x\n", encoding="utf-8")
    script = ROOT / "scripts" / "make_forms.py"
    check = subprocess.run([sys.executable, script, "--check", "--root", repo], capture_output=True, text=True)
    assert check.returncode == 1 and "Not generated" in check.stderr and "fjern-personoplysninger.yml" in check.stderr
    subprocess.run([sys.executable, script, "--root", repo], capture_output=True, text=True, check=True)
    assert not (repo / ".github" / "ISSUE_TEMPLATE" / "fjern-personoplysninger.yml").exists()


def test_config_links_to_the_sites_guide_and_keeps_blank_issues():
    config = yaml.safe_load((TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is True
    urls = [link["url"] for link in config["contact_links"]]
    assert f"{SITE}da/bidrag/index.html" in urls and f"{SITE}sv/bidra/ta-bort.html" in urls
    assert SITE_URL == SITE and f'"{SITE}"' in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for url in urls:
        page, _, anchor = url.removeprefix(SITE).partition("#")
        source = ROOT / "content" / page.replace(".html", ".md")
        assert source.is_file(), url
        assert not anchor or "{ #" + anchor + " }" in source.read_text(encoding="utf-8"), url


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_profile_and_plan_pages_link_to_the_prefilled_form_in_their_language(tmp_path, lang):
    catalog = load_catalog(make_repo(tmp_path), today=TODAY)
    supplier = views.record_context(catalog, "supplier", "supplier-complete", lang, "https://github.com/o/bro")
    tender = views.record_context(catalog, "tender", "tender-complete", lang, "https://github.com/o/bro")
    for url, kind, field_id, slug in ((supplier["report_url"], "change", "profile", "supplier-complete"),
                                      (tender["interest_url"], "interest", "entry", "tender-complete")):
        assert url.startswith(f"https://github.com/o/bro/issues/new?template={FORM_FILES[kind][lang]}&")
        assert f"&{field_id}={slug}&" in url
        form = yaml.safe_load((TEMPLATES / FORM_FILES[kind][lang]).read_text(encoding="utf-8"))
        assert field_id in [e.get("id") for e in form["body"] if e["type"] == "input"]
    name = catalog.suppliers["supplier-complete"].data["name"]
    assert supplier["report_url"] == make_form_url("https://github.com/o/bro/", "change", lang,
                                                   profile="supplier-complete", title=name)
    assert tender["interest_url"] == make_form_url("https://github.com/o/bro", "interest", lang,
                                                   entry="tender-complete", title="tender-complete")
    folder = {"da": "bidrag", "sv": "bidra"}[lang]  # and first, the site's own form (no account needed)
    assert supplier["change_form"] == f"{folder}/formular/{'ret-profil' if lang == 'da' else 'andra-profil'}.html" \
        "#profile=supplier-complete"
    assert tender["interest_form"] == f"{folder}/formular/{'interesse' if lang == 'da' else 'intresse'}.html" \
        "#entry=tender-complete"
