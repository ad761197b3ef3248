"""Names that impersonate and addresses that disguise where they lead (issue 11, findings 4 and 5): texts in NFC,
invisible characters refused, one name per organisation, look-alike names and hosts shown to the editor, hosts shown
to readers as their browser reaches them, e-mail addresses that cannot add a recipient."""
from __future__ import annotations

import json
import unicodedata

import pytest

from bro import addresses, forms, lookalike, names, rules, views
from bro.catalog import load_catalog
from bro.problems import format_problem
from bro.render import make_environment
from bro.yamlload import load_text
from helpers import FIXTURES, ROOT, TODAY, make_org_numbers, make_repo

# --- texts are NFC from loading on -------------------------------------------------------------------------------


def test_texts_and_keys_are_loaded_in_nfc_at_the_positions_of_the_file():
    decomposed = 'name: "Cafe\u0301 O\u0308"\nsummary:\n  da: Smo\u0308rrebro\u0301d\nnote: "x"\nCafe\u0301: 1\n'
    composed = unicodedata.normalize("NFC", decomposed)
    assert decomposed != composed
    doc, same = load_text(decomposed, "x.yml"), load_text(composed, "x.yml")
    assert doc.data == same.data == {"name": "Café Ö", "summary": {"da": "Smörrebród"}, "note": "x", "Café": 1}
    assert doc.raw == same.raw and doc.raw[("name",)] == "Café Ö"
    # positions are those of the file as written: the same lines, and columns counted in the file's own characters
    assert {path: pos.line for path, pos in doc.values.items()} == {path: pos.line for path, pos in same.values.items()}
    assert (doc.values[("Café",)].column, same.values[("Café",)].column) == (8, 7)


def test_a_decomposed_name_is_the_same_name_everywhere(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/kopi.yml": supplier("Kafe\u0301 A\u030asa", "29403511")})
    catalog = load_catalog(repo, today=TODAY)
    assert catalog.records("suppliers")["kopi"].data["name"] == "Kafé Åsa"  # refused (a duplicate name), as NFC
    assert _lines(catalog, "supplier.duplicate_name") == [
        "data/suppliers/kopi.yml:3:7: name: data/suppliers/supplier-nordic-name.yml",
        "data/suppliers/supplier-nordic-name.yml:4:7: name: data/suppliers/kopi.yml"]


def test_the_form_robot_writes_nfc_and_the_validator_agrees(tmp_path):
    body = _replace_name(_form("ny-leverandor"), "Ko\u0308kkenhaven Nord ApS")
    repo = make_repo(tmp_path)
    result = forms.submit(_event(body), repo, today=TODAY)
    assert result.ok and result.pr
    text = (repo / result.path).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text) and "name: Kökkenhaven Nord ApS\n" in text
    assert load_catalog(repo, today=TODAY).errors == []


def test_the_form_robot_refuses_a_copy_of_another_suppliers_name(tmp_path):
    repo = make_repo(tmp_path)
    before = sorted(path.name for path in (repo / "data" / "suppliers").iterdir())
    result = forms.submit(_event(_replace_name(_form("ny-leverandor"), "GRØN genstart  ApS")), repo, today=TODAY)
    assert not result.ok and not result.pr
    assert "data/suppliers/supplier-complete.yml" in result.reply and "samme navn" in result.reply
    assert sorted(path.name for path in (repo / "data" / "suppliers").iterdir()) == before  # nothing was left


def test_the_form_robot_tells_of_a_look_alike_name(tmp_path):
    repo = make_repo(tmp_path)
    look_alike = "Grøn G\u0435nstart ApS"  # Cyrillic е
    result = forms.submit(_event(_replace_name(_form("ny-leverandor"), look_alike)), repo, today=TODAY)
    assert result.ok and result.pr
    assert "ligner 'Grøn Genstart ApS' i data/suppliers/supplier-complete.yml" in result.reply
    assert "blander bogstaver fra forskellige alfabeter (kyrillisk, latinsk)" in result.reply


# --- invisible characters ----------------------------------------------------------------------------------------


def test_every_invisible_format_character_is_refused_in_one_line_texts():
    """General category Cf, as this Python's Unicode database knows it, and the Hangul fillers."""
    one_line = rules._UNWANTED[True]
    missing = [hex(code) for code in range(0x110000)
               if unicodedata.category(chr(code)) == "Cf" and not one_line.match(chr(code))]
    assert missing == []
    for char in "\u115f\u1160\u3164\uffa0":
        assert one_line.match(char)


@pytest.mark.parametrize("char", ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)),
                                  *map(chr, range(0x2066, 0x206A)), "\U000e0001", "\U000e0041", "\U000e007f"])
def test_bidirectional_controls_and_tags_are_refused_in_markdown_too(char):
    assert rules._find_unwanted(f"Tekst {char} mere", one_line=False)


@pytest.mark.parametrize("char", ["\u200d", "\u200c", "\u200b", "\u00ad", "\u2060", "\ufe0f"])
def test_markdown_keeps_the_invisible_characters_of_ordinary_writing(char):
    """Emoji sequences (zero-width joiner), scripts that need the joiners, soft hyphens from word processors."""
    assert rules._find_unwanted(f"Tekst {char} mere", one_line=False) is None


@pytest.mark.parametrize("name", ["Café Østerbro", "Kafé Åsa Väst", "Ærø Æblemost", "Bageriet Ölet", "3F",
                                  "٣ أخوة", "A/S 1"])
def test_names_with_a_letter_or_digit_are_names(tmp_path, name):
    repo = make_repo(tmp_path, {"data/suppliers/navn.yml": supplier(name, "29403511")})
    assert [format_problem(p) for p in load_catalog(repo, today=TODAY).errors] == []


# --- one name per organisation, look-alikes to the editor ----------------------------------------------------------


def test_an_exact_duplicate_is_an_error_in_both_files_naming_the_other(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/kopi.yml": supplier("Grøn Genstart ApS", "29403511")})
    catalog = load_catalog(repo, today=TODAY)
    errors = [format_problem(p) for p in catalog.errors]
    assert errors == [
        "data/suppliers/kopi.yml:3:7: error: name: Another profile, data/suppliers/supplier-complete.yml, has the same "
        "name ('Grøn Genstart ApS') with a different org number. Two organisations cannot share a name on Bro: check "
        "that this profile is not a copy, and write the name as the organisation is registered, so that readers can "
        "tell the two apart.",
        "data/suppliers/supplier-complete.yml:3:7: error: name: Another profile, data/suppliers/kopi.yml, has the same "
        "name ('Grøn Genstart ApS') with a different org number. Two organisations cannot share a name on Bro: check "
        "that this profile is not a copy, and write the name as the organisation is registered, so that readers can "
        "tell the two apart."]
    assert catalog.errors[0].severity == "error"


@pytest.mark.parametrize("copy", ["GRØN GENSTART APS", "grøn  genstart aps", " Grøn Genstart ApS ",
                                  "\uff27røn Genstart ApS", "Grøn Genstart\u00a0ApS"])
def test_duplicates_are_compared_after_nfkc_case_and_spaces(tmp_path, copy):
    repo = make_repo(tmp_path, {"data/suppliers/kopi.yml": supplier(copy, "29403511")})
    assert _lines(load_catalog(repo, today=TODAY), "supplier.duplicate_name") == [
        "data/suppliers/kopi.yml:3:7: name: data/suppliers/supplier-complete.yml",
        "data/suppliers/supplier-complete.yml:3:7: name: data/suppliers/kopi.yml"]


def test_one_org_number_in_two_files_is_that_error_only(tmp_path):
    repo = make_repo(tmp_path, {"data/suppliers/kopi.yml": supplier("Grøn Genstart ApS", "29403473")})
    catalog = load_catalog(repo, today=TODAY)
    assert {p.code for p in catalog.errors} == {"org.duplicate"}
    assert _lines(catalog, "supplier.confusable_name") == []


def test_a_look_alike_is_a_warning_in_both_files_naming_the_other(tmp_path):
    look_alike = "Gr\u00f8n G\u0435nst\u0430rt ApS"  # Cyrillic е and а
    repo = make_repo(tmp_path, {"data/suppliers/kopi.yml": supplier(look_alike, "29403511")})
    catalog = load_catalog(repo, today=TODAY)
    assert catalog.errors == []
    warnings = [format_problem(p) for p in catalog.warnings if p.code == "supplier.confusable_name"]
    assert warnings == [
        f"data/suppliers/kopi.yml:3:7: warning: name: The name '{look_alike}' looks so much like 'Grøn Genstart ApS' "
        "in data/suppliers/supplier-complete.yml that the two can be mistaken for each other on screen. Check that "
        "this profile does not pretend to be that organisation.",
        f"data/suppliers/supplier-complete.yml:3:7: warning: name: The name 'Grøn Genstart ApS' looks so much like "
        f"'{look_alike}' in data/suppliers/kopi.yml that the two can be mistaken for each other on screen. Check that "
        "this profile does not pretend to be that organisation."]
    mixed = [format_problem(p) for p in catalog.warnings if p.code == "text.mixed_scripts"]
    assert mixed == [
        "data/suppliers/kopi.yml:3:7: warning: name: The word 'G\u0435nst\u0430rt' mixes letters from different "
        "alphabets (Cyrillic, Latin). Letters from another alphabet can look exactly like Latin ones (Cyrillic 'а' and "
        "Latin 'a'): check that the name is written the way the organisation itself writes it."]


@pytest.mark.parametrize("name,other", [("Corn Consult", "Com Consult"), ("Bager 1", "Bager l"),
                                        ("Paypal ApS", "\u0420\u0430ypal ApS")])
def test_look_alikes_follow_unicodes_confusables(name, other):
    assert lookalike.look_key(name) == lookalike.look_key(other)
    assert lookalike.name_key(name) != lookalike.name_key(other)


def test_ordinary_nordic_names_are_neither_duplicates_nor_look_alikes(tmp_path):
    extra = {f"data/suppliers/n{i}.yml": supplier(name, number) for i, (name, number) in enumerate(
        zip(["Cafe O", "Kafe Asa", "Café Ö", "Grøn Genstart", "Madværket", "Madvarket", "Mad Værket"],
            make_org_numbers(7, 41_000_000), strict=True))}
    catalog = load_catalog(make_repo(tmp_path, extra), today=TODAY)
    codes = ("supplier.duplicate_name", "supplier.confusable_name", "text.mixed_scripts", "url.deceptive_host")
    assert [format_problem(p) for p in catalog.problems if p.code in codes] == []


def test_many_copies_are_counted_and_named_briefly(tmp_path):
    extra = {f"data/suppliers/kopi-{i:03d}.yml": supplier("Grøn Genstart ApS", number)
             for i, number in enumerate(make_org_numbers(120, 41_000_000))}
    catalog = load_catalog(make_repo(tmp_path, extra), today=TODAY)
    duplicates = [p for p in catalog.errors if p.code == "supplier.duplicate_name"]
    assert len(duplicates) == 121
    first = next(p for p in duplicates if p.file == "data/suppliers/kopi-000.yml")
    assert first.params["other"]["en"] == ("data/suppliers/kopi-001.yml, data/suppliers/kopi-002.yml, "
                                           "data/suppliers/kopi-003.yml and 117 more")


def test_names_are_grouped_not_compared_in_pairs(monkeypatch):
    """Each name's keys are computed once, however many suppliers: no loop over pairs of suppliers."""
    calls = {"name_key": 0, "look_key": 0}
    for function in calls:
        original = getattr(lookalike, function)

        def counted(name, _original=original, _function=function):
            calls[_function] += 1
            return _original(name)
        monkeypatch.setattr(lookalike, function, counted)
    docs = [load_text(f'name: "Leverandør {_spell(i)}"\ncountry: DK\norg_number: "{number}"\n', f"s{i}.yml")
            for i, number in enumerate(make_org_numbers(3000, 41_000_000))]
    names.check_unique_names(docs, "suppliers")
    assert calls == {"name_key": 3000, "look_key": 3000}
    assert [p for doc in docs for p in doc.problems] == []


# --- web addresses ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url,code", [
    ("https://www.skat.dk@evil.example/login", "url.userinfo"),
    ("https://user:pass@example.org/", "url.userinfo"),
    ("https://example.org\\@evil.example/", "url.backslash"),
    ("https://example.org/\u202egpj.exe", "url.invisible"),
    ("https://exa\u200bmple.org/", "url.invisible"),
    ("https://example.org/a\u00a0b", "url.invisible"),
    ("https://my_site.example.org/", "url.host"),
    ("https://localhost/", "url.host"),
    ("https://example..org/", "url.host"),
    ("https://-example.org/", "url.host"),
    ("https://\uff45xample.org/", "url.host"),  # full-width e: no host name
    ("https://xn--zz.example.org/", "url.host"),  # no valid punycode
    ("https://example.org:80x/", "url.host"),
])
def test_addresses_that_disguise_where_they_lead_are_refused(url, code):
    assert addresses.url_problem(url).code == code


@pytest.mark.parametrize("url", ["https://example.org", "http://www.example.dk/a/b?c=d&e=f#g", "https://Example.ORG/",
                                 "https://smørrebrød.dk/", "https://xn--smrrebrd-64af.dk/", "https://bröd.se/köp",
                                 "https://example.org:8443/", "https://192.0.2.1/", "https://москва.рф/"])
def test_ordinary_addresses_pass(url):
    assert addresses.url_problem(url) is None and addresses.host_warning(url) is None


@pytest.mark.parametrize("url,shown", [
    ("https://example.org/Sti?q=1#x", "https://example.org/Sti?q=1#x"),
    ("https://Example.ORG/", "https://Example.ORG/"),
    ("https://smørrebrød.dk/", "https://smørrebrød.dk/"),
    ("https://xn--smrrebrd-64af.dk:8080/a?b#c", "https://smørrebrød.dk:8080/a?b#c"),
    ("https://\u0430pple.com/login", "https://xn--pple-43d.com/login"),  # Cyrillic а among Latin letters
    ("https://xn--pple-43d.com/login", "https://xn--pple-43d.com/login"),
    ("https://\u0430\u0440\u0440\u04cf\u0435.com/", "https://xn--80ak6aa92e.com/"),  # all Cyrillic, reads 'apple'
    ("https://www.\u0430pple.com:443/", "https://www.xn--pple-43d.com:443/"),
    ("not an address", "not an address"),
    ("https://user@\u0430pple.com/", "https://user@\u0430pple.com/"),  # refused anyway: left as written
])
def test_display_url_shows_the_host_as_the_browser_reaches_it(url, shown):
    assert addresses.display_url(url) == shown


@pytest.mark.parametrize("url,host", [("https://\u0430pple.com/", "аpple.com"),
                                      ("https://xn--80ak6aa92e.com/", "аррӏе.com")])
def test_a_deceptive_host_is_a_warning(url, host):
    issue = addresses.host_warning(url)
    assert (issue.code, issue.severity, issue.params["host"]) == ("url.deceptive_host", "warning", host)


def test_a_deceptive_website_is_a_warning_to_the_editor(tmp_path):
    text = supplier("Æbleriet", "29403511") + "website: https://xn--pple-43d.com/\n"
    catalog = load_catalog(make_repo(tmp_path, {"data/suppliers/aeble.yml": text}), today=TODAY)
    assert catalog.errors == []
    assert [format_problem(p) for p in catalog.warnings if p.file.endswith("aeble.yml")] == [
        "data/suppliers/aeble.yml:16:10: warning: website: The domain 'аpple.com' in the address "
        "'https://xn--pple-43d.com/' mixes alphabets or uses letters from another alphabet that look like Latin ones, "
        "so it can imitate another website. Readers are shown it as xn--pple-43d.com. Check that the link leads where "
        "it should."]


# --- e-mail addresses --------------------------------------------------------------------------------------------


def test_the_schemas_email_pattern_is_the_rule():
    schema = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["email"]["pattern"] == addresses.EMAIL_PATTERN


@pytest.mark.parametrize("address", ["a+b@example.dk", "fornavn.efternavn@kommune.example.dk",
                                     "hej@smørrebrød.example.dk", "o'neil@example.org"])
def test_plain_addresses_are_addresses(address):
    assert addresses.is_email(address)


@pytest.mark.parametrize("address", ["name@example.dk?bcc=x%40evil.example", "a@example.dk&cc=x", "a%40b@example.dk",
                                     "a@example.dk#x", "a/b@example.dk", "a\\b@example.dk", "a@example.dk,b@example.dk",
                                     "a;b@example.dk", "a:b@example.dk", "a b@example.dk", "a@b@example.dk"])
def test_addresses_that_change_a_mail_link_are_refused(address):
    assert not addresses.is_email(address)


@pytest.mark.parametrize("address,href", [
    ("a+b@example.dk", "mailto:a+b@example.dk"),
    ("name@example.dk?bcc=x@evil.example&body=Hej", "mailto:name@example.dk%3Fbcc%3Dx@evil.example%26body%3DHej"),
    ("a@example.dk,b@evil.example", "mailto:a@example.dk%2Cb@evil.example"),
    ("a@example.dk\r\nBcc: b@evil.example", "mailto:a@example.dk%0D%0ABcc%3A%20b@evil.example"),
])
def test_mail_links_built_from_a_stored_address_cannot_add_anything(address, href):
    assert addresses.mailto_href(address) == href


@pytest.mark.parametrize("url,code", [
    ("mailto:a@example.dk", None),
    ("mailto:a@example.dk?subject=Tilbud&body=Hej%0Ader", None),
    ("mailto:a@example.dk?Subject=x", None),
    ("mailto:a%2Bb@example.dk", None),
    ("mailto:a@example.dk?bcc=x@evil.example", "mailto.fields"),
    ("mailto:a@example.dk?cc=x@evil.example&subject=Hej", "mailto.fields"),
    ("mailto:a@example.dk?to=x@evil.example", "mailto.fields"),
    ("mailto:a@example.dk?subject=x&In-Reply-To=y", "mailto.fields"),
    ("mailto:?to=a@example.dk", "mailto.address"),
    ("mailto:a@example.dk,x@evil.example", "mailto.address"),
    ("mailto:a@example.dk%2Cx@evil.example", "mailto.address"),
])
def test_mail_links_in_markdown_fill_in_subject_and_body_only(url, code):
    problem = addresses.mailto_problem(url)
    assert (problem.code if problem else None) == code


# --- what readers see ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(make_repo(tmp_path_factory.mktemp("names")), today=TODAY)


def test_pages_show_addresses_as_the_browser_reaches_them(catalog):
    env = make_environment(ROOT / "overrides" / "bro", "da", catalog.vocab, catalog)
    context = views.record_context(catalog, "supplier", "supplier-complete", "da", None)
    contact = {**context["record"]["contacts"][0], "email": "name@example.dk?bcc=x@evil.example"}
    context["record"] = {**context["record"], "website": "https://\u0430pple.com/", "contacts": [contact]}
    html = env.get_template("supplier.html").render(root="../", **context)
    assert '<a href="https://\u0430pple.com/" rel="nofollow noopener">https://xn--pple-43d.com/</a>' in html
    assert 'href="mailto:name@example.dk%3Fbcc%3Dx@evil.example"' in html
    context = views.record_context(catalog, "tender", "tender-complete", "da", None)
    context["record"] = {**context["record"], "notice_url": "https://xn--80ak6aa92e.com/udbud"}
    html = env.get_template("tender.html").render(root="../", **context)
    assert ">https://xn--80ak6aa92e.com/udbud</a>" in html
    context = views.buyer_context(catalog, "aarhus-kommune", "da")
    context["buyer"] = {**context["buyer"], "website": "https://xn--80ak6aa92e.com/"}
    html = env.get_template("buyer.html").render(root="../../", **context)
    assert ">https://xn--80ak6aa92e.com/</a>" in html and "аррӏе" not in html
    context["buyer"] = {**context["buyer"], "website": "https://\u0430pple.com/"}
    html = env.get_template("buyer.html").render(root="../../", **context)
    assert ">https://xn--pple-43d.com/</a>" in html
    context = views.record_context(catalog, "supplier", "supplier-nordic-name", "da", None)
    html = env.get_template("supplier.html").render(root="../", **context)
    assert ('<a href="https://xn--blbr-noae.example.org/" rel="nofollow noopener">https://blåbär.example.org/</a>'
            in html)


def test_markdown_shows_an_address_written_as_a_link_as_the_browser_reaches_it():
    from bro import markdown_text
    html = markdown_text.render("Se <https://\u0430pple.com/> og <https://smørrebrød.dk/>.")
    assert '<a href="https://\u0430pple.com/" rel="nofollow noopener noreferrer">https://xn--pple-43d.com/</a>' in html
    assert ">https://smørrebrød.dk/</a>" in html
    assert markdown_text.plain("Se <https://\u0430pple.com/>.") == "Se https://xn--pple-43d.com/."


# --- helpers -----------------------------------------------------------------------------------------------------


def supplier(name: str, number: str) -> str:
    """A valid Danish supplier file with this name and CVR number."""
    return (f"# yaml-language-server: $schema=../../schemas/supplier.schema.json\n\n"
            f"name: {json.dumps(name, ensure_ascii=False)}\ncountry: DK\norg_number: \"{number}\"\n"
            "summary:\n  da: Et lille værksted.\n  sv: En liten verkstad.\ncategories: [bicycle_services]\n"
            "delivery_area: [DK-101]\ncontacts:\n  - name: Kundeservice\n    email: hej@vaerksted.example.org\n"
            "    publish_basis: consent\nlast_verified: 2026-06-01\n")


def _spell(number: int) -> str:
    """A number as letters (names that differ in more than digits, which look alike: 0/O, 1/l)."""
    return "".join("abcdefghij"[int(digit)] for digit in str(number)).capitalize()


def _lines(catalog, code: str) -> list[str]:
    """file:line:col: field: the files named, for one code."""
    return [f"{p.file}:{p.line}:{p.column}: {p.field}: {p.params['other']['en']}" for p in catalog.problems
            if p.code == code]


def _form(name: str) -> str:
    return (FIXTURES / "forms" / f"{name}.md").read_text(encoding="utf-8")


def _replace_name(body: str, name: str) -> str:
    """A supplier form's body with another company name."""
    old = body.split("\n\n")[1]
    return body.replace(f"### Virksomhedens navn\n\n{old}\n", f"### Virksomhedens navn\n\n{name}\n", 1)


def _event(body: str) -> dict:
    """An `issues` event as GitHub sends it (only the parts the form robot reads)."""
    return {"action": "opened", "issue": {"number": 11, "title": "x", "body": body, "state": "open",
                                          "labels": [{"name": "form"}]}}
