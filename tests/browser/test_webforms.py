"""The web forms in a real browser, in both languages, on a desktop and a phone: a new user fills every form, makes
the mistakes the form must catch before it offers any route (a wrong CVR or organisationsnummer check digit, a
missing answer, a bad e-mail address, an end before the start), then a correct submission; the document the page
shows goes through the project's own e-mail import and validator with zero problems, and the mailto: and GitHub links
carry exactly that document. Drafts survive a reload until deleted; hostile input stays text everywhere."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from email import policy as email_policy
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import expect
from test_hostile import ACCEPTED_TEXT

from bro import urls
from bro.forms.definitions import FORM_FILES
from bro.forms.mail import read_document_file, read_mail
from bro.forms.received import import_received
from bro.settings import DEFAULT_EDITORS_EMAIL
from helpers import ROOT, TODAY

LANGS = ("da", "sv")
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
REPOSITORY = "https://github.com/bro-socialt-indkob/bro"
EDITORS = DEFAULT_EDITORS_EMAIL
START, END = "----- BRO START -----", "----- BRO END -----"
ENTRY = "aalborg-flytning-opmagasinering"  # an open entry of the sample plan, with a buyer contact
ENTRY_CONTACT = "indkoeb.skoler@aalborg.example.org"
PROFILE = "arkivhjaelpen"  # a sample profile
# A new supplier in each country: a CVR number and an organisationsnummer with right check digits, unused in the data.
NEW_ORG = {"da": ("DK", "98765409", "98765408"), "sv": ("SE", "559016-6525", "559016-6526")}
TEXT = {
    "da": {"name": "Grøn Vask ApS", "summary": "Vi vasker arbejdstøj for kommuner i Østjylland og giver faste job "
                                               "til folk, der har været længe uden arbejde.",
           "title": "Vask af arbejdstøj til hjemmeplejen", "description": "Vask, reparation og levering af "
                                                                          "arbejdstøj til 400 medarbejdere."},
    "sv": {"name": "Grön Tvätt AB", "summary": "Vi tvättar arbetskläder åt kommuner i Skåne och ger fasta jobb till "
                                               "människor som har varit utan arbete länge.",
           "title": "Tvätt av arbetskläder till hemtjänsten", "description": "Tvätt, lagning och leverans av "
                                                                            "arbetskläder till 400 medarbetare."},
}


def form_url(root: str, kind: str, lang: str, fragment: str = "") -> str:
    return f"{root}/{lang}/{urls.content_path(urls.FORM_PAGES[kind], lang)}{fragment}"


def valid_answers(kind: str, lang: str) -> dict:
    """A correct submission of one form, as a new user writes it (question id → text, or codes for choices)."""
    text, (country, org, _) = TEXT[lang], NEW_ORG[lang]
    if kind == "supplier":
        return {"name": text["name"], "country": country, "org_number": org, f"summary_{lang}": text["summary"],
                "categories": ["laundry_textiles"], "delivery_regions": [country],
                "contact_name": "Kundeservice" if lang == "da" else "Kundtjänst",
                "contact_email": "kontakt@gronvask.example.org", "contact_basis": "legitimate_interest",
                "confirm": ["yes"]}
    if kind == "change":
        return {"profile": PROFILE, "website": "https://www.arkivhjaelpen.example.org/", "still_correct": ["yes"]}
    if kind == "tender":
        return {f"title_{lang}": text["title"], "buyer_name": "Aalborg Kommune", "buyer_country": "DK",
                "buyer_org_number": "29189420", f"description_{lang}": text["description"],
                "categories": ["laundry_textiles"], "delivery_regions": ["DK"], "procedure": "below_threshold",
                "reserved": "none",
                "status": "planned", "contract_start": "2027-09-01", "contract_end": "2029-08-31",
                "contact_name": "Indkøb", "contact_email": "indkob@aalborg.example.org",
                "contact_basis": "legitimate_interest", "confirm_buyer": ["yes"]}
    if kind == "interest":
        return {"entry": ENTRY, "supplier": PROFILE, "confirm_interest": ["yes"]}
    return {"record": f"https://bro-socialt-indkob.github.io/bro/{lang}/{urls.record_path('supplier', PROFILE, lang)}",
            "contact_number": "all", "remove_what": ["name", "email"]}


def fill(page, answers: dict) -> None:
    """Answer the questions as a person does: type into fields, pick options, tick boxes (others unticked)."""
    for question, value in answers.items():
        box = page.locator(f"#bro-q-{question}-box")
        if isinstance(value, list):
            for checkbox in box.locator("input[type=checkbox]").all():
                checkbox.set_checked(checkbox.get_attribute("value") in value)
        elif box.locator("select").count():
            box.locator("select").select_option(value)
        else:
            box.locator("input, textarea").first.fill(value)


def submit(page) -> None:
    page.locator("#bro-form-submit").click()


def field_error(page, question: str):
    return page.locator(f"#bro-q-{question}-error")


def expect_caught(page, question: str) -> None:
    """The form refuses: the question's error is shown and announced with it, the summary links to it, no route."""
    expect(field_error(page, question)).to_be_visible()
    control = page.locator(f"#bro-q-{question}-box").locator("input, select, textarea").first
    expect(control).to_have_attribute("aria-invalid", "true")
    described = page.locator(f"#bro-q-{question}").get_attribute("aria-describedby") or ""
    assert f"bro-q-{question}-error" in described.split()
    expect(page.locator("#bro-form-summary")).to_be_visible()
    expect(page.locator("#bro-form-summary")).to_be_focused()
    assert page.locator(f'#bro-form-summary-list a[href^="#bro-q-{question}"]').count() >= 1
    expect(page.locator("#bro-form-mail")).to_be_hidden()
    expect(page.locator("#bro-form-status")).not_to_be_empty()


def expect_ready(page) -> None:
    page.wait_for_function("() => ['bro-form-summary', 'bro-form-result-title'].includes(document.activeElement.id)")
    summary = page.locator("#bro-form-summary")
    assert summary.is_hidden(), summary.inner_text()
    expect(page.locator("#bro-form-result")).to_be_visible()
    expect(page.locator("#bro-form-mail")).to_be_visible()
    expect(page.locator("#bro-form-result-title")).to_be_focused()


def mail_parts(href: str) -> tuple[str, dict[str, str]]:
    """A mailto: link's address and its decoded fields."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    fields = {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    assert set(fields) <= {"subject", "body"}, href
    return unquote(parts.path), fields


def errors_of(result) -> list:
    """The errors among an import's problems (a warning, such as a text in one language only, is no error)."""
    return [problem for problem in result.problems if problem.severity == "error"]


def import_document(tmp_path, name: str, document: str, as_mail: bool = False):
    """The editors' e-mail import on a copy of the repository: the document as a file (or a mail's body)."""
    repo = tmp_path / name
    if not repo.exists():
        repo.mkdir()
        for folder in ("data", "schemas"):
            shutil.copytree(ROOT / folder, repo / folder)
        for config in ROOT.glob("mkdocs*.yml"):
            shutil.copy(config, repo / config.name)
    if as_mail:
        message = EmailMessage(policy=email_policy.SMTP)
        message["From"], message["To"], message["Subject"] = "Ny <ny@example.org>", EDITORS, "Bro"
        message["Date"], message["Message-ID"] = "Tue, 01 Dec 2026 09:00:00 +0100", f"<{name}@example.org>"
        message.set_content(document)
        received, problems = read_mail(bytes(message), f"{name}.eml")
    else:
        received, problems = read_document_file(document.encode("utf-8"), f"bro-{name}.yml")
    assert problems == [], problems
    # the day it is sent: the page dates a confirmed profile (last_verified) by the reader's clock
    return import_received(received, repo, max(TODAY, dt.date.today()))


@pytest.fixture
def sized(browser, request):
    """A page of the given width (desktop or phone) that records console errors and dialogs."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.console_errors, tab.dialogs = [], []
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def open_form(page, root: str, kind: str, lang: str, fragment: str = "") -> None:
    page.goto(form_url(root, kind, lang, fragment))
    expect(page.locator("#bro-form-actions")).to_be_visible()


# --- a new user, mistakes first -----------------------------------------------------------------------------------

@pytest.mark.parametrize("sized", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_new_supplier_mistakes_are_caught_then_the_profile_goes_by_email(sized, http_root, tmp_path, lang):
    page = sized
    open_form(page, http_root, "supplier", lang)
    submit(page)  # nothing answered: every required question is named
    expect_caught(page, "name")
    assert page.locator("#bro-form-summary-list li").count() >= 5
    answers = valid_answers("supplier", lang)
    country, _, wrong = NEW_ORG[lang]
    fill(page, {"country": country, "org_number": wrong})  # the first answers, one wrong: said before the rest
    submit(page)
    expect_caught(page, "org_number")
    expect_caught(page, "name")
    fill(page, {**answers, "org_number": wrong, "contact_email": "kontakt(at)gronvask.example.org"})
    submit(page)
    for question in ("org_number", "contact_email"):
        expect_caught(page, question)
    # the summary leads to the question
    page.locator('#bro-form-summary-list a[href^="#bro-q-org_number"]').click()
    expect(page.locator("#bro-q-org_number")).to_be_focused()
    fill(page, {**answers, "name": ""})  # fixed, but the name is gone again
    submit(page)
    expect_caught(page, "name")
    assert not field_error(page, "org_number").is_visible()
    fill(page, answers)
    submit(page)
    expect_ready(page)
    document = page.locator("#bro-form-preview").inner_text()
    assert document.startswith(f"# bro-form: supplier {lang}\n")
    result = import_document(tmp_path, f"supplier-{lang}", document)
    assert result.ok and errors_of(result) == [], result.problems
    check_mail_route(page, tmp_path, f"supplier-{lang}", document)
    check_github_route(page, "supplier", lang, answers)
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.parametrize("sized", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_new_tender_mistakes_are_caught_then_the_entry_goes_by_email(sized, http_root, tmp_path, lang):
    page = sized
    open_form(page, http_root, "tender", lang)
    answers = valid_answers("tender", lang)
    fill(page, {**answers, "contract_start": "2029-09-01", "contract_end": "2027-08-31",
                "buyer_org_number": "29189421", "contact_email": "indkob@aalborg"})
    submit(page)
    for question in ("contract_end", "buyer_org_number", "contact_email"):
        expect_caught(page, question)
    fill(page, answers)
    submit(page)
    expect_ready(page)
    document = page.locator("#bro-form-preview").inner_text()
    assert document.startswith(f"# bro-form: tender {lang}\n")
    result = import_document(tmp_path, f"tender-{lang}", document)
    assert result.ok and errors_of(result) == [], result.problems
    check_mail_route(page, tmp_path, f"tender-{lang}", document)
    check_github_route(page, "tender", lang, answers)
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.parametrize("sized", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_change_from_the_profile_link_goes_by_email(sized, http_root, tmp_path, lang):
    page = sized
    open_form(page, http_root, "change", lang, f"#profile={PROFILE}")
    expect(page.locator("#bro-q-profile")).to_have_value(PROFILE)
    answers = valid_answers("change", lang)
    fill(page, {**answers, "contact_email": "ikke en adresse"})
    submit(page)
    expect_caught(page, "contact_email")
    fill(page, {**answers, "contact_email": ""})
    submit(page)
    expect_ready(page)
    document = page.locator("#bro-form-preview").inner_text()
    assert document.startswith(f"# bro-form: change {lang}\n")
    result = import_document(tmp_path, f"change-{lang}", document)
    assert result.ok and errors_of(result) == [], result.problems
    check_mail_route(page, tmp_path, f"change-{lang}", document)
    check_github_route(page, "change", lang, answers)
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.parametrize("sized", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_interest_from_the_entry_link_goes_to_the_editors_and_the_buyer(sized, http_root, tmp_path, lang):
    page = sized
    open_form(page, http_root, "interest", lang, f"#entry={ENTRY}")
    expect(page.locator("#bro-q-entry")).to_have_value(ENTRY)
    submit(page)  # the profile and the confirmation are missing
    expect_caught(page, "supplier")
    expect_caught(page, "confirm_interest")
    fill(page, {"supplier": "ingen-saadan-profil", "confirm_interest": ["yes"]})
    submit(page)
    expect_caught(page, "supplier")  # no such profile on Bro
    answers = valid_answers("interest", lang)
    fill(page, answers)
    submit(page)
    expect_ready(page)
    document = page.locator("#bro-form-preview").inner_text()
    assert document.startswith(f"# bro-form: interest {lang}\n")
    result = import_document(tmp_path, f"interest-{lang}", document)
    assert result.ok and errors_of(result) == [], result.problems
    check_mail_route(page, tmp_path, f"interest-{lang}", document)
    check_github_route(page, "interest", lang, answers)
    buyer = page.locator("#bro-form-buyer-mail")
    expect(buyer).to_be_visible()
    to, fields = mail_parts(buyer.get_attribute("href"))
    assert to == ENTRY_CONTACT
    assert f"/{lang}/{urls.record_path('tender', ENTRY, lang)}" in fields["body"]
    assert f"/{lang}/{urls.record_path('supplier', PROFILE, lang)}" in fields["body"]
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.parametrize("sized", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_removal_request_is_an_email_only(sized, http_root, lang):
    page = sized
    open_form(page, http_root, "removal", lang)
    assert page.locator("#bro-form-github, #bro-form-download").count() == 0
    submit(page)
    expect_caught(page, "record")
    answers = valid_answers("removal", lang)
    fill(page, answers)
    submit(page)
    expect_ready(page)
    href = page.locator("#bro-form-mail").get_attribute("href")
    to, fields = mail_parts(href)
    assert to == EDITORS
    assert START not in fields["body"] and "bro-form:" not in fields["body"]
    assert PROFILE in fields["body"]
    assert page.locator("#bro-form-preview").inner_text().strip() == fields["body"].replace("\r\n", "\n").strip()
    links = page.locator("#bro-form-page a").evaluate_all("links => links.map(link => link.href)")
    assert [link for link in links if link.startswith("https://github.com")] == []
    assert page.console_errors == [] and page.dialogs == []


def check_mail_route(page, tmp_path, name: str, document: str) -> None:
    """The e-mail to the editors holds the document between its markers (or, too long, the file to attach), and the
    editors' import reads the same record from the mail as from the file; the download is the same document."""
    to, fields = mail_parts(page.locator("#bro-form-mail").get_attribute("href"))
    assert to == EDITORS and fields["subject"].strip()
    body = fields["body"].replace("\r\n", "\n")
    if page.locator("#bro-form-too-long").is_visible():
        assert START not in body
    else:
        assert body.count(START) == body.count(END) == 1
        inside = body.split(START + "\n", 1)[1].split(END, 1)[0]
        assert inside.strip() == document.strip()
        result = import_document(tmp_path, f"{name}-mail", body, as_mail=True)
        assert result.ok and errors_of(result) == [], result.problems
    download = page.locator("#bro-form-download")
    assert re.fullmatch(r"bro-[a-z]+-[a-z0-9-]+\.yml", download.get_attribute("download"))
    with page.expect_download() as info:
        download.click()
    saved = info.value.path().read_text(encoding="utf-8")
    assert saved.strip() == document.strip()


def check_github_route(page, kind: str, lang: str, answers: dict) -> None:
    """The prefilled issue form of the same kind and language, with the answers in its fields."""
    href = page.locator("#bro-form-github").get_attribute("href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
    query = parse_qs(parts.query)
    assert query["template"] == [FORM_FILES[kind][lang]]
    for question, value in answers.items():
        if isinstance(value, str) and question in query:
            assert query[question] == [value], question
    assert any(question in query for question in answers)


# --- drafts -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_draft_survives_a_reload_until_deleted(page, http_root, lang):
    open_form(page, http_root, "supplier", lang)
    fill(page, {"name": TEXT[lang]["name"], "categories": ["cleaning", "catering"], "country": NEW_ORG[lang][0]})
    key = f"bro-form-draft:supplier:{lang}"
    page.wait_for_function("([key, country]) => (localStorage.getItem(key) || '').includes('cleaning')"
                           " && localStorage.getItem(key).includes(`\"country\":\"${country}\"`)",
                           arg=[key, NEW_ORG[lang][0]])
    page.reload()
    expect(page.locator("#bro-q-name")).to_have_value(TEXT[lang]["name"])
    expect(page.locator('#bro-q-categories-box input[value="cleaning"]')).to_be_checked()
    expect(page.locator("#bro-q-country")).to_have_value(NEW_ORG[lang][0])
    expect(page.locator("#bro-form-status")).not_to_be_empty()
    other = "sv" if lang == "da" else "da"
    page.goto(form_url(http_root, "supplier", other))  # each language keeps its own draft
    expect(page.locator("#bro-form-actions")).to_be_visible()
    expect(page.locator("#bro-q-name")).to_have_value("")
    page.goto(form_url(http_root, "supplier", lang))
    delete = page.locator("#bro-form-delete")
    expect(delete).to_have_text("Slet min kladde" if lang == "da" else "Radera mitt utkast")
    delete.click()
    expect(page.locator("#bro-q-name")).to_have_value("")
    expect(page.locator("#bro-form-status")).to_contain_text("slettet" if lang == "da" else "raderat")
    assert page.evaluate("key => localStorage.getItem(key)", key) is None
    page.reload()
    expect(page.locator("#bro-form-actions")).to_be_visible()
    expect(page.locator("#bro-q-name")).to_have_value("")
    assert page.console_errors == []


def test_the_form_works_from_disk(page, built_site):
    """Opened from file://: the checks run, the draft is kept, the routes appear."""
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{built_site.as_uri()}/da/{urls.content_path('form_interest', 'da')}#entry={ENTRY}")
    expect(page.locator("#bro-form-actions")).to_be_visible()
    fill(page, valid_answers("interest", "da"))
    submit(page)
    expect_ready(page)
    assert page.locator("#bro-form-preview").inner_text().startswith("# bro-form: interest da\n")
    page.reload()
    expect(page.locator("#bro-q-supplier")).to_have_value(PROFILE)
    # the theme's own requests for its search index and sitemap fail from disk (tests/browser/test_offline.py);
    # every script of the form loads
    assert [url for url in failed if "/assets/bro/" in url] == []
    assert [error for error in page.console_errors if "file://" not in error
            and not error.startswith("Failed to load resource")] == []


def test_without_javascript_the_page_says_where_to_write(browser, http_root):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(form_url(http_root, "supplier", "da"))
    note = page.locator(".bro-form-noscript")
    expect(note).to_be_visible()
    expect(note).to_contain_text(EDITORS)
    assert note.locator("a").get_attribute("href").startswith(f"mailto:{EDITORS}")
    expect(page.locator("#bro-q-name")).to_be_visible()  # the questions are there to read
    expect(page.locator("#bro-form-submit")).to_be_hidden()  # nothing half-working
    context.close()


# --- hostile input ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_hostile_input_stays_text_in_the_errors_preview_and_mail(page, http_root, tmp_path, lang):
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    open_form(page, http_root, "supplier", lang)
    answers = valid_answers("supplier", lang)
    refused = '"><img src=x onerror=alert(1)></textarea><script>alert(2)</script>'
    fill(page, {**answers, "name": refused})
    submit(page)
    expect_caught(page, "name")
    assert page.locator("#bro-form-page img, #bro-form-summary script").count() == 0
    assert "<img" in field_error(page, "name").inner_text() or "<" in field_error(page, "name").inner_text()
    for number, vector in enumerate(ACCEPTED_TEXT[:6]):
        fill(page, {**answers, "name": f"Firma {vector}"})
        submit(page)
        expect_ready(page)
        document = page.locator("#bro-form-preview").inner_text()
        assert page.locator("#bro-form-preview *:not(code)").count() == 0
        result = import_document(tmp_path, f"hostile-{number}", document)
        assert result.ok, result.problems
        saved = yaml.safe_load((tmp_path / f"hostile-{number}" / result.paths[0]).read_text(encoding="utf-8"))
        assert saved["name"] == f"Firma {vector}"  # exactly as typed, as data
        _, fields = mail_parts(page.locator("#bro-form-mail").get_attribute("href"))
        mailed = fields["body"].replace("\r\n", "\n").split(START + "\n", 1)[1].split(END, 1)[0]
        assert mailed == document.rstrip("\n") + "\n" or mailed.strip() == document.strip()
        assert yaml.safe_load(mailed)["name"] == f"Firma {vector}"
    assert page.dialogs == [] and page.console_errors == []
