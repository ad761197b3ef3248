"""The tender form's buyer and the robot's pull request (issue 11, findings 6 and 7).

A buyer the registry knows is written as the registry has it, whatever the form says; a new buyer gets its own
registry file in the same pull request, validated with the tender. The robot finds its pull request by this
repository's branch: a fork's pull request from a branch of the same name is never touched."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fake_github import FakeGitHub
from test_forms import data_of, event, replace_answer, tree

from bro import buyers, forms
from bro.catalog import load_catalog
from bro.forms.buyer import choose_buyer_slug
from bro.github import GitHub, find_own_pull, upsert_pull
from helpers import FIXTURES, ROOT, TODAY, make_repo

NAME, NUMBER, MUNICIPALITY = "Ordregiver", "Ordregiverens CVR- eller organisationsnummer", "Ordregiverens kommune"


def nyt_udbud(**answers: str) -> str:
    """The Danish tender form's body (Silkeborg Kommune, a buyer the registry does not know) with answers replaced."""
    body = (FIXTURES / "forms" / "nyt-udbud.md").read_text(encoding="utf-8")
    for label, answer in answers.items():
        body = replace_answer(body, label, answer)
    return body


def submit(repo: Path, body: str) -> forms.Result:
    return forms.submit(event(body, number=9), repo, today=TODAY)


# --- a buyer the registry knows ---------------------------------------------------------------------------------


def test_a_known_buyer_typed_differently_is_written_as_the_registry_has_it(tmp_path):
    repo = make_repo(tmp_path)
    result = submit(repo, nyt_udbud(**{NAME: "århus  kommune", NUMBER: "55 13 30 18", MUNICIPALITY: "Silkeborg"}))
    assert result.ok and result.paths == ["data/tenders/aarhus-vinduespudsning-paa-23-daginstitutioner.yml"]
    data = data_of(repo, result.path)
    assert data["buyer"] == {"name": "Aarhus Kommune", "org_number": "55133018", "country": "DK",
                             "municipality": "DK-751"}
    assert ("Ordregiveren står i Bros register som **Aarhus Kommune** (55133018, `data/buyers/aarhus-kommune.yml`)."
            " I formularen stod der 'århus kommune, DK-740', så robotten har brugt registrets oplysninger."
            ) in result.pr_body
    assert load_catalog(repo, today=TODAY).errors == []
    assert sorted(p.name for p in (repo / "data" / "buyers").iterdir()) == sorted(
        [p.name for p in (ROOT / "data" / "buyers").iterdir()] + ["buyer-complete.yml", "buyer-minimal.yml"])


def test_a_known_buyer_typed_as_the_registry_has_it_needs_no_note(tmp_path):
    repo = make_repo(tmp_path)
    result = submit(repo, nyt_udbud(**{NAME: "Aarhus Kommune", NUMBER: "55133018", MUNICIPALITY: "Aarhus"}))
    assert result.ok and "Bros register" not in result.pr_body


def test_a_registry_buyers_name_with_an_unknown_number_is_refused(tmp_path):
    repo = make_repo(tmp_path)
    before = tree(repo)
    result = submit(repo, nyt_udbud(**{NAME: "Aarhus kommune", NUMBER: "29189641"}))
    assert not result.ok and tree(repo) == before
    assert ("- **Ordregiverens CVR- eller organisationsnummer**: Aarhus Kommune står i Bros register med nummeret "
            "55133018, ikke 29189641. Skriv det nummer. Er det en anden myndighed, så skriv dens eget navn.") \
        in result.reply


# --- a new buyer ------------------------------------------------------------------------------------------------


def test_a_new_buyer_gets_its_registry_file_in_the_same_pull_request(tmp_path):
    repo = make_repo(tmp_path)
    result = submit(repo, nyt_udbud(**{NUMBER: "29189641", "Titel på svensk": "Fönsterputsning på 23 förskolor",
                                       "Beskrivelse på svensk": "Fönsterputsning fyra gånger om året.",
                                       "Kontakt: rolle eller titel": "_No response_"}))  # no warnings
    assert result.ok and result.paths == ["data/tenders/silkeborg-vinduespudsning-paa-23-daginstitutioner.yml",
                                          "data/buyers/silkeborg-kommune.yml"]
    text = (repo / result.paths[1]).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/buyer.schema.json\n")
    assert data_of(repo, result.paths[1]) == {"name": "Silkeborg Kommune", "org_number": "29189641", "country": "DK",
                                              "municipality": "DK-740"} == data_of(repo, result.paths[0])["buyer"]
    catalog = load_catalog(repo, today=TODAY)
    assert [p for p in catalog.problems if p.file in result.paths and p.severity == "error"] == []
    assert buyers.buyer_of(catalog, "silkeborg-vinduespudsning-paa-23-daginstitutioner")["slug"] == "silkeborg-kommune"
    body = result.pr_body
    assert "Ny fil: `data/tenders/silkeborg-vinduespudsning-paa-23-daginstitutioner.yml`" in body
    assert "Ny fil: `data/buyers/silkeborg-kommune.yml`" in body
    assert "Ordregiveren stod ikke i Bros register, så robotten har også oprettet `data/buyers/silkeborg-kommune.yml`" \
           ". Tjek navn og nummer i CVR-registret" in body
    assert "Validatoren har tjekket filerne og fandt ingen fejl." in body


def test_a_new_buyer_and_its_tender_are_refused_together(tmp_path):
    """The tender has an error: neither file stays in the tree."""
    repo = make_repo(tmp_path)
    before = tree(repo)
    result = submit(repo, nyt_udbud(**{NUMBER: "29189641", "Kontraktslut": "2026-01-01"}))
    assert not result.ok and tree(repo) == before
    assert "**Kontraktslut**: Kontraktperioden slutter" in result.reply


def test_a_buyer_number_with_a_wrong_check_digit_is_refused_once(tmp_path):
    repo = make_repo(tmp_path)
    before = tree(repo)
    result = submit(repo, nyt_udbud(**{NUMBER: "29189642"}))
    assert not result.ok and tree(repo) == before
    assert result.reply.count("'29189642' er ikke et gyldigt dansk CVR-nummer") == 1
    assert "- **Ordregiverens CVR- eller organisationsnummer**: '29189642' er ikke" in result.reply


def test_the_buyer_number_is_required(tmp_path):
    result = submit(make_repo(tmp_path), nyt_udbud(**{NUMBER: "_No response_"}))
    assert not result.ok and "- **Ordregiverens CVR- eller organisationsnummer**: Skal udfyldes." in result.reply


def test_a_new_buyers_slug_avoids_every_existing_file(tmp_path):
    repo = make_repo(tmp_path, {"data/buyers/silkeborg-kommune.yml": "not: [a buyer\n"})
    assert choose_buyer_slug("Silkeborg Kommune", repo) == "silkeborg-kommune-2"
    assert choose_buyer_slug("Region Nordjylland", repo) == "region-nordjylland"
    assert len(choose_buyer_slug("Kommune " * 20, repo)) <= 60


# --- the robot's pull request (finding 7) -----------------------------------------------------------------------

BRANCH = "form/issue-9"


def test_a_forks_pull_request_from_the_same_branch_name_is_never_touched(tmp_path):
    with FakeGitHub() as fake:
        outside = fake.state.add_pull(3, branch=BRANCH, head_repo="attacker/bro", title="fork", body="fork")
        inside = fake.state.add_pull(4, branch=BRANCH, head_repo="bro-socialt-indkob/bro-kopi", title="fork")
        gh = GitHub(fake.repo, fake.state.token, fake.url)
        assert find_own_pull(gh, BRANCH) is None
        done, pull = upsert_pull(gh, BRANCH, "main", "Nyt indkøb: x", "Closes #9")
        assert done == "created" and pull["number"] == 5 and pull["head"]["repo"]["full_name"] == fake.repo
        assert [(m, path, body) for m, path, body in fake.writes()] == [
            ("POST", f"/repos/{fake.repo}/pulls",
             {"title": "Nyt indkøb: x", "body": "Closes #9", "head": BRANCH, "base": "main"})]
        assert (outside["title"], outside["body"], inside["title"]) == ("fork", "fork", "fork")
        listed = [path for m, path, _ in fake.state.calls if m == "GET" and path.endswith("/pulls")]
        assert listed == [f"/repos/{fake.repo}/pulls"] * 2  # find_own_pull, then upsert_pull


def test_the_robots_own_pull_request_is_updated(tmp_path):
    with FakeGitHub() as fake:
        fake.state.add_pull(3, branch=BRANCH, head_repo="bro-socialt-indkob/bro-kopi", title="fork")
        fake.state.add_pull(6, branch=BRANCH, title="old", body="old", state="closed")
        own = fake.state.add_pull(7, branch=BRANCH, title="old", body="old")
        done, pull = upsert_pull(GitHub(fake.repo, fake.state.token, fake.url), BRANCH, "main", "new", "body")
        assert done == "updated" and pull["number"] == 7 and (own["title"], own["body"]) == ("new", "body")
        assert [(m, path) for m, path, _ in fake.writes()] == [("PATCH", f"/repos/{fake.repo}/pulls/7")]


def test_the_fake_lists_pull_requests_by_head_owner_and_branch_as_github_does():
    with FakeGitHub() as fake:
        fake.state.add_pull(3, branch=BRANCH, head_repo="attacker/bro")
        fake.state.add_pull(4, branch=BRANCH)
        fake.state.add_pull(5, branch="main")
        gh = GitHub(fake.repo, fake.state.token, fake.url)
        numbers = lambda head: [p["number"] for p in gh.request("GET", gh.repo("/pulls"), params={  # noqa: E731
            "head": head, "state": "open"})]
        assert numbers(f"bro-socialt-indkob:{BRANCH}") == [4] and numbers(f"attacker:{BRANCH}") == [3]
        assert numbers("ATTACKER:main") == []


def test_the_script_opens_the_pull_request_and_fills_the_link(tmp_path):
    repo, out = make_repo(tmp_path), tmp_path / "out"
    (tmp_path / "event.json").write_text(json.dumps(event(nyt_udbud(**{NUMBER: "29189641"}), number=9)),
                                         encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "form_to_pr.py")]
    done = subprocess.run([*script, "--event", tmp_path / "event.json", "--root", repo, "--out", out,
                           "--today", "2026-11-23"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with FakeGitHub() as fake:
        fake.state.add_pull(3, branch=BRANCH, head_repo="attacker/bro", title="fork")
        env = {"PATH": os.environ["PATH"], **fake.env}
        opened = subprocess.run([*script, "--out", out, "--open-pr", "--base", "main"], capture_output=True,
                                text=True, env=env)
        assert opened.returncode == 0, opened.stderr
        assert fake.state.pulls[3]["title"] == "fork" and fake.state.pulls[4]["body"] == \
            (out / "pr-body.md").read_text(encoding="utf-8")
        again = subprocess.run([*script, "--out", out, "--open-pr", "--base", "main"], capture_output=True,
                               text=True, env=env)
        assert again.returncode == 0 and "pull request updated" in again.stdout and len(fake.state.pulls) == 2
    assert "Her er forslaget: https://github.com/bro-socialt-indkob/bro/pull/4" in \
        (out / "reply.md").read_text(encoding="utf-8")
