"""The editors' e-mail import (bro.forms.mail, bro.forms.received, scripts/mail_to_pr.py): a saved e-mail with a form
from the site becomes the same data file, byte for byte, as the form robot makes from the same answers, on a branch
named the robot's way, with the robot's pull request text and no word of who sent it; anything hostile or broken
is refused with the validator's kind of message, and nothing is written.

tests/fixtures/mail/*.eml are mails as mail programs save them, each carrying the record the robot makes from the
issue body of the same name in tests/fixtures/forms/ (the parity test below checks that they still agree; after a
change to what the robot writes, regenerate the document inside the mail):
    leverandor-vedhaeftet.eml    Danish supplier, attached bro-leverandor.yml (base64), text body, CRLF
    leverantor-brodtext-qp.eml   Swedish supplier in the body, quoted-printable with soft line breaks
    upphandling-flowed.eml       Swedish tender in the body, format=flowed (long lines wrapped by the client)
    udbud-html.eml               Danish tender in an HTML-only mail (<div>, <br>, &nbsp; indentation, <style>)
    interesse-videresendt.eml    Danish interest, the original mail forwarded as an attachment (message/rfc822)
    intresse-citerad.eml         Swedish interest forwarded inline, every line quoted with '> '
    ret-profil-brodtext.eml      Danish change in the body (quoted-printable): the profile and only the changed fields
    andra-profil-bifogad.eml     Swedish change attached as bro-change-supplier-minimal.yml (base64)"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from fake_github import FakeGitHub

from bro import forms
from bro.catalog import load_catalog
from bro.forms.mail import MAIL_LIMIT, read_document_file, read_mail, take_blocks, unflow
from bro.forms.received import import_received, word_problem_line
from helpers import FIXTURES, ROOT, TODAY, make_repo

MAILS = FIXTURES / "mail"
BODIES = FIXTURES / "forms"
SCRIPT = ROOT / "scripts" / "mail_to_pr.py"
# mail fixture → (the issue body of the same record, kind, language)
CASES = {
    "leverandor-vedhaeftet": ("ny-leverandor", "supplier", "da"),
    "ret-profil-brodtext": ("ret-profil", "change", "da"),
    "andra-profil-bifogad": ("andra-profil", "change", "sv"),
    "leverantor-brodtext-qp": ("ny-leverantor", "supplier", "sv"),
    "upphandling-flowed": ("ny-upphandling", "tender", "sv"),
    "udbud-html": ("nyt-udbud", "tender", "da"),
    "interesse-videresendt": ("interesse", "interest", "da"),
    "intresse-citerad": ("intresse", "interest", "sv"),
}
BRANCH = re.compile(r"form/mail-[0-9a-f]{12}")
SUPPLIER = """# bro-form: supplier da
# yaml-language-server: $schema=../../schemas/supplier.schema.json
name: Ny Vask ApS
country: DK
org_number: "41000007"
summary:
  da: Vi vasker arbejdstøj for kommuner i Østjylland med folk på vej tilbage til arbejdsmarkedet.
  sv: Vi tvättar arbetskläder åt kommuner i Östjylland med folk på väg tillbaka till arbetslivet.
categories: [cleaning]
delivery_area: [DK-751]
contacts:
  - name: Kundeservice
    email: hej@ny-vask.example.dk
    publish_basis: legitimate_interest
last_verified: 2026-11-20
"""


def tree(repo: Path) -> dict[str, bytes]:
    """Every file under data/ with its bytes."""
    return {p.relative_to(repo).as_posix(): p.read_bytes() for p in sorted((repo / "data").rglob("*")) if p.is_file()}


def event(body: str, number: int = 7) -> dict:
    """An `issues` event as GitHub sends it (what the robot reads)."""
    return {"action": "opened", "issue": {"number": number, "title": "x", "body": body, "state": "open",
                                          "labels": [{"name": "form"}]}}


def import_mail(repo: Path, raw: bytes, name: str = "mail.eml"):
    """Read a mail and import its document (problems of reading as a refused result)."""
    received, problems = read_mail(raw, name)
    if received is None:
        return None, problems
    result = import_received(received, repo, TODAY)
    return result, result.problems


def make_mail(body: str | None = None, attachments: dict[str, bytes] = (), message_id: str | None = "<m1@example.dk>",
              subtype: str = "plain", **params) -> bytes:
    """A mail with a text (or HTML) body and attachments, as a mail program saves it."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"], message["To"], message["Subject"] = "Anna <anna@example.dk>", "redaktion@example.org", "Bro"
    message["Date"] = "Tue, 01 Dec 2026 09:00:00 +0100"
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body or "Hej\n", subtype=subtype, **params)
    for name, data in dict(attachments).items():
        message.add_attachment(data, maintype="application", subtype="x-yaml", filename=name)
    return bytes(message)


def block(document: str) -> str:
    """A document between the start and end lines, as the site's mailto: body has it."""
    return f"Hej\n\n----- BRO START -----\n{document}----- BRO END -----\n\nHilsen\n"


# ------------------------------------------------------------------------------------------ the same as the robot

@pytest.mark.parametrize("mail", sorted(CASES))
def test_a_mail_makes_the_robots_file_byte_for_byte(tmp_path, mail):
    body, kind, lang = CASES[mail]
    robot_repo = make_repo(tmp_path / "robot")
    before = tree(robot_repo)
    robot = forms.submit(event((BODIES / f"{body}.md").read_text(encoding="utf-8")), robot_repo, today=TODAY)
    assert robot.ok and robot.pr, robot.reply
    mail_repo = make_repo(tmp_path / "mail")
    result, problems = import_mail(mail_repo, (MAILS / f"{mail}.eml").read_bytes(), f"{mail}.eml")
    assert result.ok, [word_problem_line(p, lang) for p in problems]
    assert all(p.severity == "warning" for p in problems)  # the robot's warnings (a text in one language)
    assert (result.kind, result.lang, result.paths, result.title) == (kind, lang, robot.paths, robot.title)
    assert BRANCH.fullmatch(result.branch) and robot.branch == "form/issue-7"
    written = tree(mail_repo)
    assert written == tree(robot_repo)  # the same files, byte for byte, and nothing else changed
    assert {path for path in written if before.get(path) != written[path]} == set(robot.paths)
    assert [p for p in load_catalog(mail_repo, today=TODAY).errors] == []


def test_the_pull_request_says_when_it_came_and_never_who_sent_it(tmp_path):
    raw = (MAILS / "leverandor-vedhaeftet.eml").read_bytes()
    result, _ = import_mail(make_repo(tmp_path), raw)
    body = result.pr_body
    assert "e-mail, som redaktionen modtog 1. december 2026" in body and "`data/suppliers/koekkenhaven-nord-aps.yml`" \
        in body
    assert "kontakt@koekkenhaven-nord" not in body and "Køkkenhaven Nord <" not in body and "Closes #" not in body
    assert "Svar afsenderen fra redaktionens postkasse" in body and "Afsenderen ser ud til at høre til" in body
    assert result.received == "2026-12-01" and "kontakt@" not in json.dumps(result.summary())
    swedish, _ = import_mail(make_repo(tmp_path / "sv"), (MAILS / "upphandling-flowed.eml").read_bytes())
    assert "som redaktionen fick 3 december 2026" in swedish.pr_body
    assert "Ny fil: `data/buyers/lunds-kommun.yml`" in swedish.pr_body  # the robot's note on a new buyer


def test_the_branch_is_the_mails_for_good_and_no_other_mails(tmp_path):
    repo = make_repo(tmp_path)
    first = read_mail(make_mail(block(SUPPLIER), message_id="<a@example.dk>"), "a.eml")[0]
    again = read_mail(make_mail(block(SUPPLIER), message_id=" <a@example.dk> "), "b.eml")[0]
    other = read_mail(make_mail(block(SUPPLIER), message_id="<b@example.dk>"), "c.eml")[0]
    bare = read_mail(make_mail(block(SUPPLIER), message_id=None), "d.eml")[0]
    file = read_document_file(SUPPLIER.encode(), "bro-leverandor.yml")[0]
    ids = [r.stable_id for r in (first, again, other, bare, file)]
    assert ids[0] == ids[1] and len({ids[0], ids[2], ids[3]}) == 3 and ids[3] == ids[4]  # no Message-ID: the text
    assert all(re.fullmatch(r"[0-9a-f]{12}", i) for i in ids)
    assert import_received(first, repo, TODAY).branch == f"form/mail-{ids[0]}"


def test_the_attachment_is_preferred_to_the_body(tmp_path):
    other = SUPPLIER.replace("Ny Vask ApS", "Fra Teksten ApS")
    raw = make_mail(block(other), {"bro-leverandor.yml": SUPPLIER.encode()})
    received, problems = read_mail(raw, "m.eml")
    assert problems == [] and received.name == "m.eml/bro-leverandor.yml" and "Ny Vask ApS" in received.text
    result = import_received(received, make_repo(tmp_path), TODAY)
    assert result.paths == ["data/suppliers/ny-vask-aps.yml"]


def test_a_bare_file_and_crlf_and_a_byte_order_mark(tmp_path):
    raw = ("\ufeff" + SUPPLIER).replace("\n", "\r\n").encode()
    received, problems = read_document_file(raw, "bro-leverandor.yml")
    result = import_received(received, make_repo(tmp_path), TODAY)
    assert problems == [] and result.ok and result.paths == ["data/suppliers/ny-vask-aps.yml"]


def test_format_flowed_is_undone():
    flowed = "Hej \nverden\n  da: lang \ntekst\n-- \nsig"
    assert unflow(flowed, delsp=False) == "Hej verden\n da: lang tekst\n-- \nsig"
    assert unflow("a\u00a0 \nb", delsp=True) == "a\u00a0b"
    assert unflow(">> citat \n>> fortsat", delsp=False) == ">> citat fortsat"
    assert unflow(">    da: x", delsp=False) == ">    da: x"  # the stuffed space after the quote marks goes


def test_a_hard_wrapped_body_is_refused_with_a_hint(tmp_path):
    long = SUPPLIER.replace("Vi vasker", "Vi vasker\n" + "og vasker " * 3)  # a client broke the line
    assert long != SUPPLIER
    result, problems = import_mail(make_repo(tmp_path), make_mail(block(long)))
    assert result is not None and not result.ok
    assert problems[-1].code == "forms.mail_wrapped"
    assert word_problem_line(problems[-1], "da").endswith("Bed afsenderen vedhæfte filen bro-….yml i stedet.")


# ------------------------------------------------------------------------------------------ refused and inert

def refused(tmp_path: Path, raw: bytes, lang: str = "da") -> list[str]:
    """The problem lines of a mail that must be refused; the tree must stay as it was."""
    repo = make_repo(tmp_path)
    before = tree(repo)
    result, problems = import_mail(repo, raw, "m.eml")
    assert problems and (result is None or not result.ok)
    assert tree(repo) == before
    return [word_problem_line(p, lang) for p in problems]


@pytest.mark.parametrize("document,expected", [
    ("# bro-form: supplier da\nname: !!python/object/apply:os.system [id]\n",
     "m.eml/body:2:7: fejl: name: Værdien har et YAML-typemærke (tag:yaml.org,2002:python/object/apply:os.system)"),
    ("# bro-form: supplier da\nname: !ondt x\n", "m.eml/body:2:7: fejl: name: Værdien har et YAML-typemærke (!ondt)"),
    ("# bro-form: supplier da\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n", "m.eml/body:3:"),
    ("# bro-form: supplier da\nname: a\n---\nname: b\n", "m.eml/body:3:1: fejl: "),
    ("# bro-form: supplier da\nname: \"klokke \\a\"\n", "m.eml/body:2:7: fejl: name: Svaret indeholder usynlige tegn"),
    ("# bro-form: removal da\nrecord: x\n", "m.eml/body:1:1: fejl: Første linje skal være '# bro-form: ART SPROG'"),
    ("name: x\n", "m.eml/body:1:1: fejl: Første linje skal være"),
    ("# bro-form: interest da\nentry: ../../etc/passwd\nsupplier: supplier-minimal\n",
     "m.eml/body:2:8: fejl: entry: '../../etc/passwd' er ikke et kortnavn."),
    ("# bro-form: interest da\nentry: data/tenders/tender-complete.yml\nsupplier: supplier-minimal\n",
     "m.eml/body:2:8: fejl: entry: 'data/tenders/tender-complete.yml' er ikke et kortnavn."),
    ("# bro-form: interest da\nentry: tender-complete\nsupplier: supplier-minimal\ninterested: [x]\n",
     "m.eml/body:2:1: fejl: En interesse har præcis to felter"),
    ("# bro-form: interest da\nentry: tender-complete\nsupplier: supplier-complete\n",
     "m.eml/body:3:11: fejl: supplier: Virksomheden står allerede som interesseret"),
    ("# bro-form: change da\nprofile: ../supplier-complete\nwebsite: https://x.example.org\n",
     "m.eml/body:2:10: fejl: profile: '../supplier-complete' er ikke et kortnavn."),
    ("# bro-form: change da\nprofile: supplier-complet\nwebsite: https://x.example.org\n",
     "m.eml/body:2:10: fejl: profile: Vi kan ikke finde 'supplier-complet' på Bro. Mente du 'supplier-complete'?"),
    ("# bro-form: change da\nprofile: supplier-complete\nwebsite: https://x.example.org\norg_number: '12345678'\n",
     "m.eml/body:4:13: fejl: org_number: 'org_number' kan ikke bruges i en rettelse"),
    ("# bro-form: change da\nprofile: supplier-complete\ncontacts:\n  - name: A\n    publish_basis: consent\n"
     "  - name: B\n", "m.eml/body:4:3: fejl: contacts: 'contacts' kan ikke bruges i en rettelse"),
    ("# bro-form: change da\nprofile: supplier-complete\ncontacts:\n  - role: {sv: Chef}\n",
     "m.eml/body:4:11: fejl: contacts[0].role: 'role' kan ikke bruges i en rettelse"),
    ("# bro-form: change da\nprofile: supplier-complete\nlast_verified: 2026-13-01\n",
     "m.eml/body:3:16: fejl: last_verified: 'last_verified' kan ikke bruges i en rettelse"),
    ("# bro-form: change da\nprofile: supplier-complete\nother_changes: Nyt logo.\n",
     "m.eml/body:2:1: fejl: Rettelsen indeholder kun en besked til redaktionen"),
    ("# bro-form: change da\nprofile: supplier-complete\nfounded: tyve\n",
     "m.eml/body:3:10: fejl: founded: "),
    ("# bro-form: change da\nprofile: supplier-complete\ncontacts:\n  - name: Ny Person\n",
     "m.eml/body:4:5: fejl: contacts[0].publish_basis: Vælg, om vi må vise kontaktoplysningerne"),
], ids=["python-tag", "own-tag", "aliases", "two-documents", "control-character", "removal", "no-form-line",
        "path-slug", "file-slug", "interest-extra-key", "already-interested", "change-path-slug",
        "change-unknown-profile", "change-unknown-key", "change-two-contacts", "change-role-language",
        "change-bad-date", "change-note-only", "change-not-a-year", "change-contact-without-basis"])
def test_hostile_documents_are_refused_at_their_place(tmp_path, document, expected):
    lines = refused(tmp_path, make_mail(block(document)))
    assert any(line.startswith(expected) for line in lines), lines


def test_html_and_script_in_a_text_field_get_the_validators_words(tmp_path):
    document = SUPPLIER.replace("name: Ny Vask ApS", 'name: "<script>alert(1)</script>"')
    assert document != SUPPLIER
    lines = refused(tmp_path, make_mail(block(document)), "sv")
    line = next(n for n, text in enumerate(document.split("\n"), 1) if text.startswith("name:"))
    assert f"m.eml/body:{line}:7: fel: name: Texten innehåller något som liknar HTML (<s…)." in lines[0]


@pytest.mark.parametrize("raw,expected", [
    (make_mail(block(SUPPLIER) + "\n" + block(SUPPLIER.replace("Ny Vask", "Anden Vask"))),
     "m.eml/body:1:1: fejl: Teksten indeholder 2 forskellige formularer."),
    (make_mail("----- BRO START -----\n" + block(SUPPLIER)),
     "m.eml/body:4:1: fejl: Linjen ----- BRO START ----- står igen, før formularen fra linje 1 er slut."),
    (make_mail("----- BRO START -----\n" + SUPPLIER), "m.eml/body:1:1: fejl: Linjen ----- BRO END ----- mangler."),
    (make_mail("Hej, se vedhæftet.\n"), "m.eml:1:1: fejl: E-mailen indeholder ingen formular fra Bro"),
    (make_mail("Hej", {"bro-a.yml": SUPPLIER.encode(), "bro-b.yml": SUPPLIER.replace("Ny", "Nyere").encode()}),
     "m.eml:1:1: fejl: E-mailen har 2 forskellige vedhæftede formularer (bro-a.yml, bro-b.yml)."),
    (make_mail("Hej", {"bro-a.yml": b"# bro-form: supplier da\nname: \xff\xfe\n"}),
     "m.eml/bro-a.yml:1:1: fejl: Filen kan ikke læses som tekst (UTF-8)."),
    (make_mail("Hej", {"../../bro-x.yml": SUPPLIER.encode()}), "m.eml:1:1: fejl: E-mailen indeholder ingen formular"),
    (make_mail("Hej", {"bro-x.yml": b"# bro-form: supplier da\nname: " + b"x" * (3 * 1024 * 1024) + b"\n"}),
     "m.eml/bro-x.yml:1:1: fejl: "),
], ids=["two-blocks", "second-start", "no-end", "nothing", "two-attachments", "not-utf8", "path-in-file-name",
        "huge-document"])
def test_broken_and_ambiguous_mails_are_refused(tmp_path, raw, expected):
    lines = refused(tmp_path, raw)
    assert any(line.startswith(expected) for line in lines), lines


def test_a_huge_mail_is_refused_before_it_is_parsed(tmp_path):
    raw = make_mail("x" * (MAIL_LIMIT + 1))
    assert refused(tmp_path, raw)[0].startswith("m.eml:1:1: fejl: E-mailen er for stor (")


def test_quoted_blocks_and_html_mails_keep_the_text_not_the_markup():
    blocks, problems = take_blocks("> ----- BRO START -----\n> a: 1\n>   b: x\n> ----- BRO END -----", "x")
    assert (blocks, problems) == (["a: 1\n  b: x\n"], [])
    html = ("<div>----- BRO START -----</div><div># bro-form: supplier da<br>name: &lt;b&gt;Navn&lt;/b&gt;<br>"
            "&nbsp;&nbsp;da: x<script>alert(1)</script></div><div>----- BRO END -----</div>")
    received, problems = read_mail(make_mail(html, subtype="html"), "h.eml")
    assert problems == [] and received.text == "# bro-form: supplier da\nname: <b>Navn</b>\n  da: x\n"


def test_every_problem_is_worded_in_both_languages(tmp_path):
    raw = make_mail(block("# bro-form: interest sv\nentry: ../x\nsupplier: supplier-minimal\n"))
    assert refused(tmp_path / "a", raw, "sv") == ["m.eml/body:2:8: fel: entry: '../x' är inget kortnamn. Skriv "
                                                  "kortnamnet som står sist i sidans adress, t.ex. gron-tvatt-ab."]
    assert refused(tmp_path / "b", raw, "da")[0].startswith("m.eml/body:2:8: fejl: entry: '../x' er ikke et kortnavn")


# ------------------------------------------------------------------------------------------------ the script

def run_script(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, SCRIPT, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})})


def test_script_writes_the_files_and_the_pull_requests_text(tmp_path):
    repo, out = make_repo(tmp_path), tmp_path / "out"
    done = run_script(MAILS / "udbud-html.eml", "--root", repo, "--out", out, "--today", "2026-11-23")
    assert done.returncode == 0, done.stderr
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result["ok"] and result["paths"] == ["data/tenders/silkeborg-vinduespudsning-paa-23-daginstitutioner.yml",
                                                "data/buyers/silkeborg-kommune.yml"]
    assert BRANCH.fullmatch(result["branch"]) and result["received"] == "2026-12-04"
    assert (repo / result["paths"][0]).exists()
    assert "modtog 4. december 2026" in (out / "pr-body.md").read_text(encoding="utf-8")


def test_script_reports_problems_like_the_validator_and_writes_nothing(tmp_path):
    repo, out = make_repo(tmp_path), tmp_path / "out"
    before = tree(repo)
    mail = tmp_path / "ondt.eml"
    mail.write_bytes(make_mail(block(SUPPLIER.replace("name: Ny Vask ApS", "name: \"<svg/onload=alert(1)>\""))))
    done = run_script(mail, "--root", repo, "--out", out, "--lang", "sv")
    assert done.returncode == 1 and not out.exists() and tree(repo) == before
    assert re.search(r"^ondt\.eml/body:\d+:7: fel: name: Texten innehåller", done.stderr, re.M), done.stderr
    assert done.stderr.rstrip().endswith("mail_to_pr: nothing written")
    document = tmp_path / "bro-x.yml"
    document.write_text("# bro-form: tender da\ntitle: [\n", encoding="utf-8")
    done = run_script(document, "--root", repo)
    assert done.returncode == 1 and done.stderr.startswith("bro-x.yml:3:1: fejl: ") and tree(repo) == before


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_script_pushes_the_branch_and_opens_then_updates_one_pull_request(tmp_path):
    repo, remote = make_repo(tmp_path), tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    identity = {"GIT_AUTHOR_NAME": "Redaktør", "GIT_AUTHOR_EMAIL": "r@example.org", "GIT_COMMITTER_NAME": "Redaktør",
                "GIT_COMMITTER_EMAIL": "r@example.org"}
    subprocess.run(["git", "commit", "-qm", "start"], cwd=repo, env={**os.environ, **identity}, check=True)
    _git(repo, "remote", "add", "origin", str(remote))
    _git(repo, "push", "-q", "origin", "main")
    mail = MAILS / "leverandor-vedhaeftet.eml"
    with FakeGitHub() as api:
        env = {**api.env, **identity}
        done = run_script(mail, "--root", repo, "--today", "2026-11-23", "--open-pr", "--base", "main", env=env)
        assert done.returncode == 0, done.stderr
        branch = json.loads(done.stdout.splitlines()[0])["branch"]
        assert BRANCH.fullmatch(branch) and _git(repo, "branch", "--show-current").strip() == "main"
        assert _git(remote, "log", "--format=%s|%b", branch).split("\n")[0] == \
            "Ny leverandør: koekkenhaven-nord-aps|Received by e-mail on 2026-12-01."
        assert _git(remote, "show", "--name-only", "--format=", branch).split() == \
            ["data/suppliers/koekkenhaven-nord-aps.yml"]
        created = [b for m, p, b in api.writes() if (m, p) == ("POST", f"/repos/{api.repo}/pulls")]
        assert [(c["head"], c["base"], c["title"]) for c in created] == [
            (branch, "main", "Ny leverandør: koekkenhaven-nord-aps")]
        assert "modtog 1. december 2026" in created[0]["body"] and "kontakt@" not in created[0]["body"]
        # The same mail imported again (back on main, the file is not there): the same branch and pull request.
        (repo / "data" / "suppliers" / "koekkenhaven-nord-aps.yml").unlink(missing_ok=True)
        done = run_script(mail, "--root", repo, "--today", "2026-11-23", "--open-pr", "--base", "main", env=env)
        assert done.returncode == 0, done.stderr
        assert sum(m == "POST" and p.endswith("/pulls") for m, p, _ in api.writes()) == 1
        assert [(m, p) for m, p, _ in api.writes()][-1][0] == "PATCH"
        # Not on the base branch: nothing is committed, pushed or opened.
        _git(repo, "switch", "-q", "-c", "elsewhere")
        writes = len(api.writes())
        done = run_script(mail, "--root", repo, "--open-pr", "--base", "main", env=env)
        assert done.returncode == 1 and "switch to an up-to-date main first" in done.stderr
        assert len(api.writes()) == writes and _git(repo, "branch", "--show-current").strip() == "elsewhere"
