"""The pull-request summary: what changed, in Danish and Swedish (src/bro/changes.py, scripts/pr_summary.py),
and the commenter that posts it, run end to end against a fake GitHub API."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fake_github import BOT, FakeGitHub

from bro.changes import render, render_comment, summarize
from helpers import ROOT, TODAY, make_repo

SCRIPT = ROOT / "scripts" / "pr_summary.py"
SUPPLIER = (ROOT / "tests" / "fixtures" / "valid" / "supplier_complete.yml").read_text(encoding="utf-8")
TENDER = (ROOT / "tests" / "fixtures" / "valid" / "tender_complete.yml").read_text(encoding="utf-8")
EXECUTION = TENDER.replace("reserved: art20\n", "reserved: art20\nreserved_execution: true\n")  # art. 20(1), 2nd alt.
NEW_SUPPLIER = """# yaml-language-server: $schema=../../schemas/supplier.schema.json
name: Kafé Nordlys
country: SE
org_number: 802400-0005
summary:
  sv: Lunch och catering i Umeå, lagad av personer som är på väg tillbaka till arbetslivet.
categories: [catering]
delivery_area: [SE-2480]
contacts:
  - name: Kundtjänst
    email: hej@nordlys.example.se
    publish_basis: legitimate_interest
last_verified: 2026-11-20
"""
HEAD_SHA = "a" * 40


def _pair(tmp_path: Path, base_extra: dict | None = None, head_extra: dict | None = None) -> tuple[Path, Path]:
    """A base and a head repository built from the same fixtures."""
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    return make_repo(tmp_path / "base", base_extra), make_repo(tmp_path / "head", head_extra)


@pytest.fixture
def scenario(tmp_path: Path) -> tuple[Path, Path]:
    """A pull request that adds a supplier, changes one, reserves a tender, removes an event, adds a file that
    cannot be read and a page."""
    base, head = _pair(tmp_path, {"data/tenders/tender-complete.yml": TENDER.replace("reserved: art20",
                                                                                     "reserved: none")}, {
        "data/suppliers/kafe-nordlys.yml": NEW_SUPPLIER,
        "data/suppliers/supplier-complete.yml": SUPPLIER.replace(
            "website: https://groen-genstart.example.org\n", "website: https://www.groen-genstart.example.org\n"
        ).replace("founded: 2014\n", "").replace("last_verified: 2026-09-15", "last_verified: 2026-11-20"),
        "data/tenders/ny-plan.yml": "title:\n  da: Rengøring\n   sv: Städning\n",
        "content/da/om.md": "---\ntitle: Om Bro\ndescription: Hvad Bro er.\n---\n\n# Om Bro\n",
    })
    (head / "data" / "events" / "event-complete.yml").unlink()
    return base, head


EXPECTED_DA = """## Hvad ændrer dette forslag?

- Ny leverandør: **Kafé Nordlys** (`data/suppliers/kafe-nordlys.yml`)
- Ændret leverandør: **Grøn Genstart ApS** (`data/suppliers/supplier-complete.yml`)
  - Ændrede felter: Hjemmeside, Grundlagt (fjernet), Senest bekræftet
  - Profilen er bekræftet som aktuel: 2026-09-15 → 2026-11-20
- Filen `data/tenders/ny-plan.yml` kunne ikke læses. Se fejlene nedenfor.
- Ændret udbud i udbudsplanen: **Grøn pleje af skoler i Aarhus** (`data/tenders/tender-complete.yml`)
  - Ændrede felter: Reservation
  - Udbuddet er nu reserveret: Reserveret kontrakt
- Fjernet arrangement: **Netværksmøde om sociale indkøb** (`data/events/event-complete.yml`)

Ændrede sider: `content/da/om.md` (ny)

### Kontrol af data

❌ Der er 1 fejl i de ændrede filer. Den er også markeret på den rigtige linje under fanen «Files changed». \
Ret den, før forslaget kan godkendes:

- `data/tenders/ny-plan.yml`, linje 3: Filen kan ikke læses som YAML her (mapping values are not allowed in \
this context). Almindelige årsager: der mangler et mellemrum efter et kolon, indrykningen er ujævn, eller en tekst \
indeholder ': ' eller '#' og skal have anførselstegn omkring.

⚠️ Der er 1 advarsel i de ændrede filer. Den stopper ikke forslaget, men se gerne på den:

- `data/suppliers/kafe-nordlys.yml`, linje 6: `summary`: Teksten findes kun på svensk; der mangler en oversættelse \
til dansk. Indtil da vises teksten på svensk når siden læses på dansk, med en markering af at den ikke er oversat.
"""

EXPECTED_SV = """## Vad ändrar det här förslaget?

- Ny leverantör: **Kafé Nordlys** (`data/suppliers/kafe-nordlys.yml`)
- Ändrad leverantör: **Grøn Genstart ApS** (`data/suppliers/supplier-complete.yml`)
  - Ändrade fält: Webbplats, Grundat (borttaget), Senast bekräftad
  - Profilen är bekräftad som aktuell: 2026-09-15 → 2026-11-20
- Filen `data/tenders/ny-plan.yml` kunde inte läsas. Se felen nedan.
- Ändrad upphandling i upphandlingsplanen: **Grönyteskötsel vid skolor i Aarhus** (`data/tenders/tender-complete.yml`)
  - Ändrade fält: Reservation
  - Upphandlingen är nu reserverad: Reserverad upphandling
- Borttaget evenemang: **Nätverksmöte om sociala inköp** (`data/events/event-complete.yml`)

Ändrade sidor: `content/da/om.md` (ny)

### Kontroll av data

❌ Det finns 1 fel i de ändrade filerna. Det är också markerat på rätt rad under fliken ”Files changed”. \
Rätta det innan förslaget kan godkännas:

- `data/tenders/ny-plan.yml`, rad 3: Filen kan inte läsas som YAML här (mapping values are not allowed in this \
context). Vanliga orsaker: det saknas ett mellanslag efter ett kolon, indraget är ojämnt, eller en text innehåller \
': ' eller '#' och behöver citattecken runt sig.

⚠️ Det finns 1 varning i de ändrade filerna. Den stoppar inte förslaget, men titta gärna på den:

- `data/suppliers/kafe-nordlys.yml`, rad 6: `summary`: Texten finns bara på svenska; en översättning till danska \
saknas. Fram till dess visas texten på svenska när sidan läses på danska, med en markering om att den inte är översatt.
"""


def test_summary_of_a_pull_request_in_danish_and_swedish(scenario):
    base, head = scenario
    summary = summarize(base, head, TODAY)
    assert render(summary, "da") == EXPECTED_DA
    assert render(summary, "sv") == EXPECTED_SV
    assert render_comment(summary) == EXPECTED_DA + "\n---\n\n" + EXPECTED_SV


def test_cli_writes_the_same_comment(scenario, tmp_path):
    base, head = scenario
    out = tmp_path / "out" / "summary.md"
    result = subprocess.run([sys.executable, str(SCRIPT), "--base", str(base), "--head", str(head), "--out", str(out),
                             "--today", TODAY.isoformat()], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == EXPECTED_DA + "\n---\n\n" + EXPECTED_SV


def test_nothing_changed(tmp_path):
    base, head = _pair(tmp_path)
    text = render_comment(summarize(base, head, TODAY))
    assert "- " not in text.split("### Kontrol af data")[0]
    assert "Forslaget ændrer ingen data eller sider." in text
    assert "Förslaget ändrar inga data eller sidor." in text
    assert "✅ Alle data er i orden." in text and "✅ Alla data är i ordning." in text


def test_comment_only_change_is_called_formatting(tmp_path):
    base, head = _pair(tmp_path, head_extra={"data/suppliers/supplier-complete.yml": SUPPLIER + "# checked\n"})
    summary = summarize(base, head, TODAY)
    assert [(c.action, c.fields) for c in summary.records] == [("formatting", [])]
    assert "  - Kun kommentarer eller opstilling er ændret. Indholdet er det samme." in render(summary, "da")


def test_renamed_file_with_a_changed_field(tmp_path):
    base, head = _pair(tmp_path, head_extra={
        "data/suppliers/groen-genstart.yml": SUPPLIER.replace("founded: 2014", "founded: 2015")})
    (head / "data" / "suppliers" / "supplier-complete.yml").unlink()
    summary = summarize(base, head, TODAY)
    assert [(c.action, c.old_file, c.file, c.fields) for c in summary.records] == [
        ("renamed", "data/suppliers/supplier-complete.yml", "data/suppliers/groen-genstart.yml",
         [("founded", "changed")])]
    lines = render(summary, "sv").splitlines()
    assert ("- Nytt filnamn: **Grøn Genstart ApS** (`data/suppliers/supplier-complete.yml` → "
            "`data/suppliers/groen-genstart.yml`)") in lines
    assert "  - Ändrade fält: Grundat" in lines


def test_unrelated_new_and_removed_files_are_not_a_rename(tmp_path):
    base, head = _pair(tmp_path, head_extra={"data/suppliers/kafe-nordlys.yml": NEW_SUPPLIER})
    (head / "data" / "suppliers" / "supplier-complete.yml").unlink()
    (head / "data" / "tenders" / "tender-complete.yml").write_text(TENDER.replace("interested: [supplier-complete]\n",
                                                                                  ""), encoding="utf-8")
    actions = {(c.action, c.file) for c in summarize(base, head, TODAY).records}
    assert ("added", "data/suppliers/kafe-nordlys.yml") in actions
    assert ("removed", "data/suppliers/supplier-complete.yml") in actions


@pytest.mark.parametrize(("base_text", "head_text", "expected_da", "expected_sv"), [
    (TENDER, TENDER.replace("reserved: art20", "reserved: none"),
     "Udbuddet er ikke længere reserveret.", "Upphandlingen är inte längre reserverad."),
    (TENDER, TENDER.replace("reserved: art20", "reserved: art77"),
     "Reservationen er ændret: Reserveret kontrakt → Reserveret kontrakt for visse velfærdsydelser",
     "Reservationen har ändrats: Reserverad upphandling → Reserverad upphandling av vissa välfärdstjänster"),
    (EXECUTION, EXECUTION.replace("reserved_execution: true", "reserved_execution: false"),
     "Udførelsen er ikke længere reserveret til beskyttet beskæftigelse.",
     "Fullgörandet är inte längre reserverat för skyddade anställningsprogram."),
    (TENDER, EXECUTION,
     "Udførelsen er nu reserveret til beskyttet beskæftigelse.",
     "Fullgörandet är nu reserverat för skyddade anställningsprogram."),
    (TENDER, TENDER.replace("status: planned", "status: published"),
     "Status er ændret: Planlagt → Annonceret", "Status har ändrats: Planerad → Annonserad"),
])
def test_tender_transitions(tmp_path, base_text, head_text, expected_da, expected_sv):
    base, head = _pair(tmp_path, {"data/tenders/tender-complete.yml": base_text},
                       {"data/tenders/tender-complete.yml": head_text})
    summary = summarize(base, head, TODAY)
    assert f"  - {expected_da}" in render(summary, "da").splitlines()
    assert f"  - {expected_sv}" in render(summary, "sv").splitlines()


def test_supplier_eligibility_transitions(tmp_path):
    not_eligible = SUPPLIER.replace("  eligible: true\n  basis: art20\n", "  eligible: false\n")
    base, head = _pair(tmp_path, {"data/suppliers/supplier-complete.yml": not_eligible})
    assert ("  - Profilen siger nu: »Erklærer at opfylde betingelserne for reserverede kontrakter "
            "(udbudsloven § 54 i Danmark, LOU 4 kap. 18 § i Sverige)«") in render(
        summarize(base, head, TODAY), "da").splitlines()
    assert ("  - Profilen säger inte längre: ”Uppger att företaget uppfyller villkoren för reserverade kontrakt "
            "(LOU 4 kap. 18 § i Sverige, udbudsloven § 54 i Danmark)”") in render(
        summarize(head, base, TODAY), "sv").splitlines()


def test_older_last_verified_is_not_called_renewed(tmp_path):
    base, head = _pair(tmp_path, head_extra={"data/suppliers/supplier-complete.yml": SUPPLIER.replace(
        "last_verified: 2026-09-15", "last_verified: 2026-08-01")})
    change = summarize(base, head, TODAY).records[0]
    assert change.fields == [("last_verified", "changed")]
    assert change.notes == []


def test_new_reserved_tender_says_so(tmp_path):
    base, head = _pair(tmp_path, head_extra={"data/tenders/ny-plan.yml": TENDER})
    lines = render(summarize(base, head, TODAY), "da").splitlines()
    assert "- Nyt udbud i udbudsplanen: **Grøn pleje af skoler i Aarhus** (`data/tenders/ny-plan.yml`)" in lines
    assert "  - Udbuddet er reserveret: Reserveret kontrakt" in lines


def test_errors_elsewhere_are_counted_not_listed(tmp_path):
    broken = {"data/suppliers/supplier-minimal.yml": "name: [\n"}
    base, head = _pair(tmp_path, broken, {**broken, "content/sv/om.md": "# Om\n"})
    text = render(summarize(base, head, TODAY), "sv")
    assert "Det finns också 1 fel i filer som förslaget inte rör. Dem tar en redaktör hand om." in text
    assert "supplier-minimal" not in text


def test_text_from_data_cannot_format_the_comment(tmp_path):
    name = "**Fed** [klik](https://x.example) <img src=x> `kode` ~~s~~ A_B @team #12\nlinje"
    base, head = _pair(tmp_path, None, {"data/suppliers/kafe-nordlys.yml": NEW_SUPPLIER.replace(
        "name: Kafé Nordlys", f"name: {json.dumps(name)}")})
    line = next(line for line in render(summarize(base, head, TODAY), "sv").splitlines() if "kafe-nordlys" in line)
    assert line == ("- Ny leverantör: **\\*\\*Fed\\*\\* \\[klik\\](https\u200b://x.example) &lt;img src=x&gt; "
                    "\\`kode\\` \\~\\~s\\~\\~ A\\_B @\u200bteam #\u200b12 linje** (`data/suppliers/kafe-nordlys.yml`)")


def test_hidden_characters_in_a_name_are_shown_to_the_editor(tmp_path):
    """A look-alike name: the editor sees where the direction changes and where the invisible characters are
    (the summary used to drop them, so the name looked clean)."""
    name = "Kafé\u202eNordlys\u200b\u00ad\U000e0041"
    base, head = _pair(tmp_path, None, {"data/suppliers/kafe-nordlys.yml": NEW_SUPPLIER.replace(
        "name: Kafé Nordlys", f"name: {json.dumps(name, ensure_ascii=False)}")})
    comment = render_comment(summarize(base, head, TODAY))
    assert "**Kafé⟨U+202E⟩Nordlys⟨U+200B⟩⟨U+00AD⟩⟨U+E0041⟩** (`data/suppliers/kafe-nordlys.yml`)" in comment
    assert not {"\u202e", "\u00ad", "\U000e0041"} & set(comment)


def test_locale_files_have_the_same_keys():
    da = yaml.safe_load((ROOT / "src/bro/locales/changes.da.yml").read_text(encoding="utf-8"))
    sv = yaml.safe_load((ROOT / "src/bro/locales/changes.sv.yml").read_text(encoding="utf-8"))
    assert set(da) == set(sv)
    assert all(isinstance(value, str) and value.strip() for value in [*da.values(), *sv.values()])


def test_annotations_point_at_the_changed_file_and_line(tmp_path):
    bad = SUPPLIER.replace("email: mette@groen-genstart.example.org", "email: mette(at)groen-genstart.example.org")
    repo = make_repo(tmp_path, {"data/suppliers/supplier-complete.yml": bad})
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if "mette(at)" in text)
    result = subprocess.run([sys.executable, "-m", "bro.cli", "--format", "github", "--errors-only", "--root",
                             str(repo), "--today", TODAY.isoformat()], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith(f"::error file=data/suppliers/supplier-complete.yml,line={line},col=")


# --- the summary from a git revision (as CI runs it) ----------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    """Run git in a test repository."""
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"})


def test_base_from_a_git_revision_and_program_files(tmp_path):
    repo = make_repo(tmp_path)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    (repo / "data" / "suppliers" / "kafe-nordlys.yml").write_text(NEW_SUPPLIER, encoding="utf-8")
    (repo / "scripts").mkdir()
    (repo / "scripts" / "evil.py").write_text("print('hi')\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "pull request")
    out = tmp_path / "summary.md"
    result = subprocess.run([sys.executable, str(SCRIPT), "--base-ref", "HEAD^1", "--head", str(repo), "--out",
                             str(out), "--today", TODAY.isoformat()], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "- Ny leverandør: **Kafé Nordlys** (`data/suppliers/kafe-nordlys.yml`)" in text
    assert "- Ändrad leverantör" not in text
    assert ("⚠️ Forslaget ændrer også Bros programkode eller opsætning (1 fil). Det skal en udvikler gennemgå: "
            "`scripts/evil.py`") in text
    assert "⚠️ Förslaget ändrar också Bros programkod eller inställningar (1 fil)." in text


# --- the commenter (pr-comment.yml) against a fake GitHub -----------------------------------------------------


def _artifact(tmp_path: Path, number: str = "7\n", summary: str = EXPECTED_DA) -> Path:
    """The folder download-artifact would leave: pr-number and summary.md."""
    folder = tmp_path / "artifact"
    folder.mkdir(exist_ok=True)
    (folder / "pr-number").write_text(number, encoding="utf-8")
    (folder / "summary.md").write_text(summary, encoding="utf-8")
    return folder


def _comment(fake: FakeGitHub, folder: Path, tmp_path: Path, head_sha: str = HEAD_SHA):
    """Run the commenter as the workflow step does; returns the process and what it wrote to GITHUB_OUTPUT."""
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "comment", "--artifact", str(folder), "--run-id", "42",
                             "--head-sha", head_sha], capture_output=True, text=True, check=False,
                            env={"PATH": os.environ["PATH"], "GITHUB_OUTPUT": str(output), **fake.env})
    return result, output.read_text(encoding="utf-8")


def test_commenter_posts_one_comment_and_updates_it(tmp_path):
    folder = _artifact(tmp_path)
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        fake.state.artifacts[42] = [{"id": 901, "name": "preview", "expired": False}]
        first, output = _comment(fake, folder, tmp_path)
        assert first.returncode == 0, first.stdout + first.stderr
        assert output == "pr-number=7\n"
        (folder / "summary.md").write_text(EXPECTED_SV, encoding="utf-8")
        second, _ = _comment(fake, folder, tmp_path)
        assert second.returncode == 0, second.stdout + second.stderr
        comments = fake.state.comments[7]
    assert len(comments) == 1
    assert [call[0] for call in fake.writes()] == ["POST", "PATCH"]
    body = comments[0]["body"]
    assert body.startswith("<!-- bro-pr-summary -->\n\n## Vad ändrar det här förslaget?")
    assert ("**Forhåndsvisning:** [Hent den færdige side som zip-fil]"
            "(https://github.com/bro-socialt-indkob/bro/actions/runs/42/artifacts/901).") in body
    assert ("**Förhandsvisning:** [Ladda ner den färdiga webbplatsen som zip-fil]"
            "(https://github.com/bro-socialt-indkob/bro/actions/runs/42/artifacts/901).") in body


def test_commenter_without_preview_links_the_run(tmp_path):
    folder = _artifact(tmp_path)
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        result, _ = _comment(fake, folder, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    body = fake.state.comments[7][0]["body"]
    assert ("Der er ingen forhåndsvisning denne gang, fordi siden ikke kunne bygges. Den kommer af sig selv, når "
            "fejlene er rettet. [Se kørslen](https://github.com/bro-socialt-indkob/bro/actions/runs/42).") in body


def test_commenter_leaves_other_peoples_comments_alone(tmp_path):
    folder = _artifact(tmp_path)
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        fake.state.comments[7] = [{"id": 5, "body": "<!-- bro-pr-summary --> fake", "user": {"login": "mallory"}},
                                  {"id": 6, "body": "<!-- bro-pr-summary -->\nold", "user": BOT}]
        result, _ = _comment(fake, folder, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert fake.writes()[0][:2] == ("PATCH", "/repos/bro-socialt-indkob/bro/issues/comments/6")
    assert fake.state.comments[7][0]["body"] == "<!-- bro-pr-summary --> fake"


@pytest.mark.parametrize("number", ["7; rm -rf /\n", "../8", "", "1234567890", "7\n8\n", "-7"])
def test_commenter_rejects_a_number_that_is_not_a_number(tmp_path, number):
    folder = _artifact(tmp_path, number=number)
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        result, output = _comment(fake, folder, tmp_path)
    assert result.returncode == 1
    assert "::error::pr_summary: pr-number: not a pull request number" in result.stdout
    assert fake.state.calls == []
    assert output == ""


def test_commenter_skips_a_pull_request_at_another_commit(tmp_path):
    folder = _artifact(tmp_path, number="8\n")
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        fake.state.add_pull(8, sha="b" * 40)  # the artifact names a pull request this run did not test
        result, output = _comment(fake, folder, tmp_path)
    assert result.returncode == 0
    assert "skipped: pull request #8 is not at aaaaaaaaaaaa" in result.stdout
    assert fake.writes() == []
    assert output == ""


def test_commenter_caps_and_cleans_the_text(tmp_path):
    hostile = ("<!-- bro-pr-summary -->\n@maintainers se her\x1b[31m\u202e\n" + "- linje\n" * 20_000)
    folder = _artifact(tmp_path, summary=hostile)
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        result, _ = _comment(fake, folder, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    body = fake.state.comments[7][0]["body"]
    assert len(body) < 65_536
    assert body.count("<!--") == 1 and body.startswith("<!-- bro-pr-summary -->\n\n&lt;!-- bro-pr-summary -->")
    assert "@\u200bmaintainers" in body
    assert "\x1b" not in body and "\u202e" not in body
    assert "@\u200bmaintainers se her⟨U+001B⟩[31m⟨U+202E⟩\n" in body  # shown, not dropped without a trace
    assert "_Oversigten er forkortet, fordi den var for lang." in body
    assert "_Översikten har förkortats eftersom den var för lång." in body


def test_commenter_refuses_a_symlink(tmp_path):
    folder = _artifact(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("token", encoding="utf-8")
    (folder / "summary.md").unlink()
    (folder / "summary.md").symlink_to(secret)
    with FakeGitHub() as fake:
        fake.state.add_pull(7, sha=HEAD_SHA)
        result, _ = _comment(fake, folder, tmp_path)
    assert result.returncode == 1
    assert "summary.md: missing or not a regular file" in result.stdout
    assert fake.writes() == []


def test_commenter_refuses_a_malformed_head_sha(tmp_path):
    folder = _artifact(tmp_path)
    with FakeGitHub() as fake:
        result, _ = _comment(fake, folder, tmp_path, head_sha="main")
    assert result.returncode == 2
    assert fake.state.calls == []


REVIEWED_PAGE = """---
title: Reserverede kontrakter
description: Om reservation.
review:
  - point: Bekræft, at RSV-ordningen stadig findes.
    source: https://erhvervsstyrelsen.dk/rsv
  - point: "Taget ud af teksten: »Danske vejledninger advarer [klik](https://x.example) @team«"
    source: lov om registrerede socialøkonomiske virksomheder
---

# Reserverede kontrakter
"""


def test_open_review_points_of_the_changed_pages_are_listed_in_both_languages(tmp_path):
    """Only pages the pull request changes (and keeps) are listed, each with its points and sources; text from a
    page cannot format the comment."""
    untouched = REVIEWED_PAGE.replace("Bekræft", "Kontrollér")
    base, head = _pair(tmp_path, {"content/da/gammel.md": REVIEWED_PAGE,  # removed: no open points any more
                                  "content/da/uroert.md": untouched}, {
        "content/da/vidensbank/reserverede-kontrakter.md": REVIEWED_PAGE,
        "content/sv/om.md": "---\ntitle: Om Bro\ndescription: Vad Bro är.\n---\n\n# Om Bro\n",
        "content/da/uroert.md": untouched})
    summary = summarize(base, head, TODAY)
    assert list(summary.reviews) == ["content/da/vidensbank/reserverede-kontrakter.md"]
    points = ["  - Bekræft, at RSV-ordningen stadig findes. {} <https://erhvervsstyrelsen.dk/rsv>",
              "  - Taget ud af teksten: »Danske vejledninger advarer \\[klik\\](https\u200b://x.example) @\u200bteam« "
              "{} lov om registrerede socialøkonomiske virksomheder"]
    assert "\n".join([
        "Åbne punkter til redaktionel kontrol på de ændrede sider (2). Læserne ser dem ikke. Slet et punkt under "
        "sidens «review», når det er afklaret:", "",
        "- `content/da/vidensbank/reserverede-kontrakter.md` (2 punkter)",
        *(line.format("– kilde:") for line in points), ""]) in render(summary, "da")
    assert "\n".join([
        "Öppna punkter för redaktionell granskning på de ändrade sidorna (2). Läsarna ser dem inte. Ta bort en punkt "
        "under sidans ”review” när den är utredd:", "",
        "- `content/da/vidensbank/reserverede-kontrakter.md` (2 punkter)",
        *(line.format("– källa:") for line in points), ""]) in render(summary, "sv")


def test_a_page_without_open_points_adds_no_review_section(scenario):
    base, head = scenario
    summary = summarize(base, head, TODAY)
    assert summary.reviews == {}
    assert "redaktionel kontrol" not in render(summary, "da")
