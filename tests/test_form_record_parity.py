"""The forms on the site build the robot's record: overrides/assets/bro/form-record.js (build + emit, run by node
once over every case) and the Python robot (the same answers as an issue body → bro.forms.answers → bro.forms.records
→ the emitter, bro.forms.received.write_document) give the same bytes for every kind in both languages, also for
awkward and hostile input (quotes, colons, leading dashes, '#', unicode, very long text, empty optional answers, every
vector of the hostile suite); where one refuses the answers, so does the other. And each emitted document, imported
by the editors' e-mail import, gives no problem and the very file the robot writes from the issue."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_hostile import ACCEPTED_MARKDOWN, ACCEPTED_TEXT, REFUSED_MARKDOWN, REFUSED_TEXT

from bro import LANGUAGES, settings
from bro.forms import submit
from bro.forms.answers import _CHECKBOX, NO_RESPONSE, _split_choices, normalize_body, read_answers
from bro.forms.definitions import list_options, list_questions
from bro.forms.drafts import read_reference
from bro.forms.mail import Received
from bro.forms.received import CHANGE_NOTE, CHANGE_PROFILE, MAIL_KINDS, import_received, write_document
from bro.forms.records import build_change, build_supplier, build_tender, plan_change
from bro.forms.texts import describe_field
from bro.forms.web import make_form_definition
from bro.vocab import load_vocabularies
from helpers import FIXTURES, ROOT, TODAY, make_repo

NODE = shutil.which("node")
VOCAB = load_vocabularies(ROOT / "data" / "vocabularies", ROOT)
SETTINGS = settings.load()[0]
FIXTURE_BODIES = {("supplier", "da"): "ny-leverandor", ("supplier", "sv"): "ny-leverantor",
                  ("tender", "da"): "nyt-udbud", ("tender", "sv"): "ny-upphandling",
                  ("change", "da"): "ret-profil", ("change", "sv"): "andra-profil",
                  ("interest", "da"): "interesse", ("interest", "sv"): "intresse"}
FORMS = [(kind, lang) for kind in MAIL_KINDS for lang in LANGUAGES]
DEFINITIONS = {f"{kind}-{lang}": make_form_definition(kind, lang, VOCAB, SETTINGS) for kind, lang in FORMS}
LONG_WORDS = " ".join(f"ord{n}" for n in range(640))  # longer than the emitter's 4096 columns: folded lines
AWKWARD = [
    'Citat "med" anførselstegn', "Apostrof's og 'enkelte'", "Kolon: efter et ord", "slutter med kolon:",
    "- leder med bindestreg", "-1 minus", "# ligner en kommentar", "tekst # med havelåge", "tekst#uden mellemrum",
    "&anker *alias !tag |blok >foldet %direktiv @at `backtick`", "[liste, i] {mapping: x}", "? spørgsmål",
    "true", "false", "null", "~", "123", "-5", "0.5", "1e3", "0x1F", "yes", "NO", "2027-03-15", "+4512345678",
    "0701234567", "Æble, øl og å – Ørestad • Malmö ‘citat’ „citat“ 😀 中文 ﷺ", "e\u0301 (e og accent)",
    "İstanbul ß ΣΑΣ", "tab\tinde", "to  mellemrum", "slut med mellemrum ", "---", "...", "--- dokument",
    "a\nb", "linje\n\nanden linje\n", "  indrykket\nlinje", "linje med mellemrum \nog så", "linje\n  indrykket",
    "\x81 C1-tegn", "nbsp\u00a0midt", "\u2028linjeskift", "BOM\ufeffmidt", "LONG:" + LONG_WORDS,
    "LONG:" + "x" * 5000, "LONG:'" + LONG_WORDS, "LONG:\"" + LONG_WORDS + "'", "LONG:-" + LONG_WORDS,
    "LONG:a: " + LONG_WORDS, "LONG:" + "\u00e6" * 4100 + " ord ord ord", "LONG:" + LONG_WORDS.replace(" ", "  ")[:4990],
    "LONG:" + LONG_WORDS.replace(" ", "\n", 3), "LONG:\t" + LONG_WORDS, "LONG:" + "😀 " * 2200,
    "LONG:" + "x" * 4090 + " '" + LONG_WORDS[:600],
    "LONG:" + LONG_WORDS[:4090] + "  a b",
    "_No response_", "None",
]
# Words that mean something at the start of a line, in every position around the fold at 4096 columns.
FOLD_STARTS = [("LONG:" + "x" * shift + " " + " ".join(f"{mark} ord{n}" for n, mark in enumerate(marks * 20)))[:4990]
               for marks in ("-?!&*|>%@`#:,[]{}'\"", "-?!&*|>%@`,[]{}'\"") for shift in range(0, 9)]
UNFAITHFUL = LONG_WORDS.replace(" ", "  ")[:4990]  # ruamel.yaml's folded text loses spaces: the fallback emitter
VECTORS = [*FOLD_STARTS, *REFUSED_TEXT, *REFUSED_MARKDOWN, *ACCEPTED_TEXT, *ACCEPTED_MARKDOWN, *AWKWARD]
# The typed questions awkward text goes into, per kind: one-line answers, and texts.
INPUTS = {"supplier": ["name", "street", "city", "contact_role", "contact_phone", "postcode"],
          "tender": ["title_{own}", "buyer_name", "contact_name", "contact_role"],
          "change": ["name", "street", "contact_role", "contact_email"],
          "interest": ["supplier"]}
TEXTS = {"supplier": ["description_{own}", "social_purpose_{other}", "description_{other}"],
         "tender": ["description_{own}", "description_{other}"],
         "change": ["description_{own}", "other_changes", "social_purpose_{own}"],
         "interest": []}
# Typed values the robot reads into numbers, dates, places and codes.
TYPED = {"supplier": [{"founded": "2.016"}, {"founded": "١٢٣"}, {"employees_total": "1 250"},
                      {"employees_total": "１２"}, {"founded": "abc"}, {"website": "www.eksempel.dk/ø?x=1#y"},
                      {"website": "mailto:a@b.dk"}, {"municipality": "københavns kommune"},
                      {"municipality": "Göteborgs Stad"}, {"municipality": "DK-751"}, {"municipality": "dk-751"},
                      {"municipality": "Aarhuss"}, {"municipality": "Atlantis"},
                      {"delivery_municipalities": "Aarhus og Odense; Malmö, Lund och Göteborg"},
                      {"delivery_municipalities": "Aarhus,, Aarhus"}, {"registration_url": "www.x.dk"},
                      {"registrations": ["rsv", "other"], "registration_url": "https://x.dk"},
                      {"reserved_contracts": "no"}, {"reserved_contracts": "art20"}, {"org_number": " 31234565 "},
                      {"confirm": []}, {"categories": []}, {"categories": ["nope"]},
                      {"contact_name": "", "contact_email": "a@b.dk"}],
         "tender": [{"estimated_amount": "450.000 kr."}, {"estimated_amount": "1 250 000,- DKK"},
                    {"estimated_amount": "450000 EURO"}, {"estimated_amount": "ca. 5"}, {"currency": "EUR"},
                    {"estimated_amount": "12", "buyer_country": "SE"}, {"expected_publication": "1/2/2027"},
                    {"expected_publication": "31.02.2027"}, {"expected_publication": "0000-01-01"},
                    {"contract_start": "2027-8-01"}, {"contract_end": "٢٠٢٧-01-01"},
                    {"interest_deadline": "01-12-2026"}, {"cpv": "77310000-6, 77314000-4;  90910000-9\u00a0x"},
                    {"cpv": "[a], 'b', #c, d:e"}, {"reserved_execution": "yes"}, {"reserved_execution": "no"},
                    {"buyer_municipality": "Aarhus Kommune"}, {"social_clauses": []}, {"status": ""},
                    {"notice_url": "udbud.dk/1"}, {"reserved": ""}],
         "change": [{"founded": "2019", "still_correct": ["yes"]}, {"contact_name": "Ny", "contact_basis": ""},
                    {"contact_name": "Ny Kontakt", "contact_basis": "consent", "contact_role": "Leder"},
                    {"contact_phone": "+45 11 22 33 44"}, {"reserved_contracts": "no"},
                    {"delivery_regions": ["DK", "DK01"], "delivery_municipalities": "Aarhus"},
                    {"profile": "Supplier Complete"}, {"profile": "https://x.dk/a/supplier-complete.html?x=1;y"},
                    {"profile": "/suppliers/supplier-complete.yml"}, {"employees_target": "3"}],
         "interest": [{"entry": "tender-complete"}, {"entry": "Tender Complete"}, {"supplier": "https://x/"},
                      {"entry": "https://bro.example/sv/upphandlingsplan/tender-complete.html#kontakt"}]}


def raw_answers(kind: str, lang: str, body: str) -> dict:
    """The answers as the page's inputs hold them, read from an issue body (texts as typed, choices as codes)."""
    labels = {describe_field(kind, lang, f.id)["label"]: f for f, _ in list_questions(kind, lang)}
    parts = body.split("### ")[1:]
    answers = {}
    for part in parts:
        label, _, text = part.partition("\n")
        fld, text = labels[label.strip()], text.strip()
        text = "" if text in (NO_RESPONSE, "None") else text
        codes = {label: code for code, label in list_options(kind, lang, fld, VOCAB)} if fld.options or \
            fld.value == "flag" else {}
        if fld.type == "checkboxes":
            answers[fld.id] = [codes[m.group(2)] for m in _CHECKBOX.finditer(text) if m.group(1) in "xX"]
        elif fld.type == "dropdown":
            chosen = [codes[label] for label in _split_choices(text, list(codes))] if text else []
            answers[fld.id] = chosen if fld.multiple else (chosen[0] if chosen else "")
        else:
            answers[fld.id] = text
    return answers


def make_body(kind: str, lang: str, answers: dict) -> str:
    """The issue body GitHub writes for these answers (labels for codes, every box listed, a dropdown's default)."""
    parts = []
    for fld, _required in list_questions(kind, lang):
        answer = answers.get(fld.id)
        if fld.type in ("input", "textarea"):
            text = answer if answer else NO_RESPONSE
        else:
            options = list_options(kind, lang, fld, VOCAB)
            chosen = [answer] if isinstance(answer, str) and answer else list(answer or [])
            if fld.type == "dropdown":
                if not chosen and fld.default is not None:
                    chosen = [options[fld.default][0]]
                by_code = dict(options)
                text = ", ".join(by_code.get(code, code) for code in chosen) or NO_RESPONSE
            else:
                text = "\n".join(f"- [{'X' if code in chosen else ' '}] {label}" for code, label in options)
        parts.append(f"### {describe_field(kind, lang, fld.id)['label']}\n\n{text}")
    return "\n\n".join(parts)


def robot_document(kind: str, lang: str, answers: dict) -> tuple[str | None, list[str]]:
    """What the Python robot makes of the answers: the document of its record, or its problems' codes."""
    values, problems = read_answers(kind, lang, normalize_body(make_body(kind, lang, answers)), VOCAB)
    if problems:
        return None, [p.code for p in problems]
    if kind == "supplier":
        record, _sources, problems = build_supplier(values, lang, TODAY)
    elif kind == "tender":
        record, _sources, problems = build_tender(values, lang)
    elif kind == "change":
        _ops, _sources, problems = plan_change(values, lang, {"contacts": [{"name": "x"}]}, TODAY)
        record = {CHANGE_PROFILE: read_reference(values[CHANGE_PROFILE])[0], **build_change(values, lang, TODAY)}
        if values.get(CHANGE_NOTE):
            record[CHANGE_NOTE] = values[CHANGE_NOTE]
    else:
        record = {key: read_reference(values[key])[0] for key in ("entry", "supplier")}
    if problems:
        return None, [p.code for p in problems]
    return write_document(kind, lang, record, ROOT), []


def make_cases() -> list[dict]:
    """Every case: the fixture's answers of each form, emptied optional answers, awkward and hostile text in the
    typed questions, and typed values the robot reads."""
    cases = []
    for kind, lang in FORMS:
        base = raw_answers(kind, lang, (FIXTURES / "forms" / f"{FIXTURE_BODIES[kind, lang]}.md").read_text("utf-8"))
        other = "sv" if lang == "da" else "da"
        required = {f.id for f, req in list_questions(kind, lang) if req}

        def add(answers, name, kind=kind, lang=lang):
            cases.append({"form": f"{kind}-{lang}", "kind": kind, "lang": lang, "answers": answers, "name": name})

        add(base, "fixture")
        kept = required | {"contact_email", "contact_phone", "delivery_regions", "delivery_municipalities"}
        if kind == "change":  # the profile and its first changed field
            kept = {"profile", next(k for k, v in base.items() if k != "profile" and isinstance(v, str) and v)}
        add({key: value for key, value in base.items() if key in kept}, "required only")
        for index, vector in enumerate(VECTORS):
            text = vector.removeprefix("LONG:")
            for group, fields in (("inputs", INPUTS[kind]), ("texts", TEXTS[kind])):
                if fields and (group == "texts" or not vector.startswith("LONG:")):
                    ids = [f.format(own=lang, other=other) for f in fields]
                    add({**base, **dict.fromkeys(ids, text)}, f"{group} {index} {vector[:30]!r}")
            if kind in ("supplier", "tender") and not vector.startswith("LONG:"):  # PyYAML's text (emit_record)
                ids = [f.format(own=lang, other=other) for f in INPUTS[kind]]
                add({**base, **dict.fromkeys(ids, text), TEXTS[kind][0].format(own=lang): UNFAITHFUL},
                    f"fallback {index} {vector[:30]!r}")
        for index, typed in enumerate(TYPED[kind]):
            add({**base, **typed}, f"typed {index} {typed}")
    return cases


CASES = make_cases()


def run_node(cases: list[dict]) -> list[dict]:
    """form-record.js's build, emit and fileName over every case, in one node process."""
    payload = json.dumps({"definitions": DEFINITIONS, "cases": [
        {"form": c["form"], "answers": c["answers"], "today": TODAY.isoformat()} for c in cases]})
    done = subprocess.run([NODE, str(ROOT / "tests" / "js" / "form-record-cli.js")], input=payload.encode("utf-8"),
                          capture_output=True, check=True, timeout=300)
    return json.loads(done.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def node_results() -> list[dict]:
    if NODE is None:
        pytest.skip("node is not installed")
    return run_node(CASES)


def test_the_cases_cover_every_form_and_the_hostile_suite():
    assert {c["form"] for c in CASES} == set(DEFINITIONS)
    assert len(CASES) > 1000


def test_the_page_and_the_robot_make_the_same_document(node_results):
    mismatches, refused_both, made = [], 0, 0
    for case, result in zip(CASES, node_results, strict=True):
        document, problems = robot_document(case["kind"], case["lang"], case["answers"])
        if document is None:
            refused_both += result["problems"] != []
            if result["document"] is not None:
                mismatches.append((case["form"], case["name"], "robot refused", problems, result["document"][:200]))
            continue
        made += 1
        if result["document"] != document:
            mismatches.append((case["form"], case["name"], result["problems"], document, result["document"]))
    assert mismatches == [], mismatches[:3]
    assert made > 800 and refused_both > 100  # both paths are exercised


def test_the_file_name_is_one_the_mail_import_reads(node_results):
    from bro.forms.mail import ATTACHMENT
    for case, result in zip(CASES, node_results, strict=True):
        if result["file"]:
            assert ATTACHMENT.fullmatch(result["file"]), result["file"]
            assert result["file"].startswith(f"bro-{case['kind']}-")


IMPORTED = [c for c in CASES if c["name"] in ("fixture", "required only")] + \
    [c for c in CASES if c["kind"] != "interest" and c["name"].startswith("texts ") and
     any(repr(v[:30]) in c["name"] for v in ("Citat \"med\" anførselstegn", "- leder med bindestreg", "LONG:" +
                                              LONG_WORDS[:25], "a\nb"))][:12]


@pytest.mark.parametrize("case", IMPORTED, ids=[f"{c['form']}-{c['name']}" for c in IMPORTED])
def test_the_mailed_document_makes_the_robots_file(tmp_path, node_results, case):
    result = node_results[CASES.index(case)]
    assert result["document"] is not None, result["problems"]
    robot_repo, mail_repo = make_repo(tmp_path / "robot"), make_repo(tmp_path / "mail")
    issue = submit({"action": "opened", "issue": {"number": 7, "title": "x", "labels": [{"name": "form"}],
                                                   "body": make_body(case["kind"], case["lang"], case["answers"]),
                                                   "state": "open"}}, robot_repo, today=TODAY)
    mailed = import_received(Received("mail.eml/body", result["document"], "0123456789ab"), mail_repo, TODAY)
    assert issue.ok, issue.problems
    assert mailed.ok and [p for p in mailed.problems if p.severity == "error"] == [], mailed.problems
    assert len(mailed.problems) == len(issue.problems)  # the same warnings (a missing translation)
    assert mailed.paths == issue.paths
    for path in issue.paths:
        assert (mail_repo / path).read_bytes() == (robot_repo / path).read_bytes(), path
