// The ways a form on the site sends its record (overrides/assets/bro/form-record.js): the mailto: link to the
// editors, the downloaded file's name, the GitHub issue form with the typed answers, the removal request by e-mail.
// The record and the document themselves are compared with the Python robot's in tests/test_form_record_parity.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const record = require("../../overrides/assets/bro/form-record.js");

const TEXTS = {
  subject: "Ny leverandør til Bro", greeting: "Hej Bros redaktion", before: "Her er en formular.", after: "Venlig hilsen",
  removal_intro: "Jeg beder jer fjerne personoplysninger fra Bro.", answer_yes: "Ja", answer_no: "Nej",
  empty: "(ikke udfyldt)", issue_title: "Ny leverandør: ", problems: { required: "Skal udfyldes." },
};
const question = (id, widget, extra) => ({ id, widget, value: "text", multiple: false, required: false, limit: 300,
                                           label: id, description: "", example: null, options: null, default: null,
                                           path: null, ...extra });
const SUPPLIER = {
  kind: "supplier", lang: "da", collection: "suppliers", issue_form: "ny-leverandor.yml",
  editors_email: "redaktion@example.org", repository: "https://github.com/bro-socialt-indkob/bro/",
  texts: TEXTS, translit: { "æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "ü": "u", "é": "e" },
  items: [{ md: "<p>Velkommen</p>" }, question("name", "input", { required: true }),
          question("country", "dropdown", { value: "code", options: [["DK", "Danmark"], ["SE", "Sverige"]] }),
          question("summary_da", "textarea"), question("description_da", "textarea", { limit: 10000 }),
          question("categories", "dropdown", { value: "codes", multiple: true, options: [["cleaning", "Rengøring"]] })],
};
const REMOVAL = {
  ...SUPPLIER, kind: "removal", collection: null, issue_form: null,
  texts: { ...TEXTS, subject: "Fjern personoplysninger fra Bro" },
  items: [question("record", "input", { label: "Siden med oplysningerne", required: true }),
          question("contact_number", "dropdown", { label: "Hvilken kontakt?", value: "code", default: 0,
                                                   options: [["all", "Alle kontakter på siden"], ["1", "Kontakt nr. 1"]] }),
          question("remove_what", "checkboxes", { label: "Hvad skal fjernes?", value: "codes",
                                                  options: [["name", "Navnet"], ["email", "E-mailadressen"]] }),
          question("history", "checkboxes", { label: "Git-historikken", value: "flag", options: [["yes", "Også"]] })],
};
const DOCUMENT = "# bro-form: supplier da\nname: Grøn Vask ApS\n";

/* The fields of a mailto: link, decoded. */
function mailFields(href) {
  const [address, query] = href.slice("mailto:".length).split("?");
  const fields = Object.fromEntries(query.split("&").map((pair) => pair.split("=").map(decodeURIComponent)));
  return { address: decodeURIComponent(address), ...fields };
}

test("the mailto: link holds the document between the start and end lines, with CRLF line ends", () => {
  const { href, tooLong } = record.mailto(SUPPLIER, DOCUMENT);
  assert.equal(tooLong, false);
  const mail = mailFields(href);
  assert.equal(mail.address, "redaktion@example.org");
  assert.equal(mail.subject, "Ny leverandør til Bro");
  assert.equal(mail.body, "Hej Bros redaktion\r\n\r\nHer er en formular.\r\n\r\n----- BRO START -----\r\n" +
    "# bro-form: supplier da\r\nname: Grøn Vask ApS\r\n----- BRO END -----\r\n\r\nVenlig hilsen\r\n");
  assert.match(href, /^mailto:redaktion@example\.org\?subject=[^&#]*&body=[^&#]*$/);
  assert.equal(record.mailto(SUPPLIER, DOCUMENT, "Andet emne").href.includes("subject=Andet%20emne"), true);
});

test("a document's characters cannot add fields or headers to the mailto: link", () => {
  const hostile = "# bro-form: supplier da\nname: \"a&cc=evil@example.org?bcc=x#y%0A%0DTo: z\"\n";
  const mail = mailFields(record.mailto(SUPPLIER, hostile).href);
  assert.deepEqual(Object.keys(mail).sort(), ["address", "body", "subject"]);
  assert.ok(mail.body.includes("a&cc=evil@example.org?bcc=x#y%0A%0DTo: z"));
});

test("a long document is flagged too long for a mailto: link, so the page offers the file instead", () => {
  const long = DOCUMENT + "description:\n  da: |\n" + "    Vi vasker arbejdstøj og gør rent.\n".repeat(80);
  const { href, tooLong } = record.mailto(SUPPLIER, long);
  assert.equal(tooLong, true);
  assert.ok(href.length > 1800);
});

test("the file is named bro-<kind>-<slug>.yml, a name the e-mail import reads", () => {
  const named = (definition, rec) => record.fileName(definition, rec);
  assert.equal(named(SUPPLIER, { name: "Grøn Vask ApS" }), "bro-supplier-groen-vask-aps.yml");
  assert.equal(named(SUPPLIER, { name: "Ærø Økologi – Åbent Værksted" }), "bro-supplier-aeroe-oekologi-aabent-vaerksted.yml");
  assert.equal(named(SUPPLIER, { name: "../../etc/passwd" }), "bro-supplier-etc-passwd.yml");
  assert.equal(named(SUPPLIER, { name: "ééé".repeat(40) }).length <= "bro-supplier-.yml".length + 60, true);
  assert.equal(named(SUPPLIER, {}), "bro-supplier-navn.yml");
  assert.equal(named({ ...SUPPLIER, kind: "tender" }, { buyer: { name: "Aarhus Kommune" }, title: { da: "Vask af tøj" } }),
               "bro-tender-aarhus-vask-af-toej.yml");
  assert.equal(named({ ...SUPPLIER, kind: "change" }, { profile: "groen-vask" }), "bro-change-groen-vask.yml");
  assert.equal(named({ ...SUPPLIER, kind: "interest" }, { entry: "aarhus-vask", supplier: "groen-vask" }),
               "bro-interest-aarhus-vask-groen-vask.yml");
  for (const name of ["bro-supplier-groen-vask-aps.yml", named(SUPPLIER, { name: "<script>" })]) {
    assert.match(name, /^bro-[a-z0-9._-]*\.ya?ml$/i);
  }
});

test("the GitHub link opens the issue form with the typed answers of text questions only", () => {
  const url = new URL(record.issueUrl(SUPPLIER, {
    name: "Grøn Vask & Co", country: "DK", summary_da: "Linje 1\nLinje 2 #3", categories: ["cleaning"],
    description_da: "",
  }));
  assert.equal(url.origin + url.pathname, "https://github.com/bro-socialt-indkob/bro/issues/new");
  assert.equal(url.searchParams.get("template"), "ny-leverandor.yml");
  assert.equal(url.searchParams.get("title"), "Ny leverandør: Grøn Vask & Co");
  assert.equal(url.searchParams.get("name"), "Grøn Vask & Co");
  assert.equal(url.searchParams.get("summary_da"), "Linje 1\nLinje 2 #3");
  assert.equal(url.searchParams.has("country"), false);  // GitHub fills only input and textarea fields
  assert.equal(url.searchParams.has("categories"), false);
  assert.equal(url.searchParams.has("description_da"), false);
  assert.equal(url.hash, "");
});

test("the GitHub link stays under a safe length and holds no control characters", () => {
  const url = record.issueUrl(SUPPLIER, { name: "Navn\u0000\u001b[31m", description_da: "æ".repeat(9000),
                                          summary_da: "Kort" });
  assert.ok(url.length <= 8000);
  const params = new URL(url).searchParams;
  assert.equal(params.get("name"), "Navn[31m");
  assert.equal(params.has("description_da"), false);
  assert.equal(params.get("summary_da"), "Kort");
});

test("forms without an issue form or a repository have no GitHub link", () => {
  assert.equal(record.issueUrl(REMOVAL, { record: "x" }), null);
  assert.equal(record.issueUrl({ ...SUPPLIER, repository: null }, { name: "x" }), null);
});

test("the removal request is a plain e-mail in the reader's words: no YAML, no GitHub", () => {
  const { href } = record.removalMail(REMOVAL, { record: "  https://bro.example/da/leverandorer/x.html ",
                                                 remove_what: ["email", "name"], history: [] });
  const mail = mailFields(href);
  assert.equal(mail.address, "redaktion@example.org");
  assert.equal(mail.subject, "Fjern personoplysninger fra Bro");
  assert.equal(mail.body, "Hej Bros redaktion\r\n\r\nJeg beder jer fjerne personoplysninger fra Bro.\r\n\r\n" +
    "Siden med oplysningerne: https://bro.example/da/leverandorer/x.html\r\nHvilken kontakt?: Alle kontakter på siden\r\n" +
    "Hvad skal fjernes?: Navnet, E-mailadressen\r\nGit-historikken: Nej\r\n\r\nVenlig hilsen\r\n");
  assert.doesNotMatch(mail.body, /bro-form|github/i);
});

test("the removal request keeps outsiders' text inert", () => {
  const mail = mailFields(record.removalMail(REMOVAL, { record: "x\u0000&bcc=evil@example.org\u001b" }).href);
  assert.deepEqual(Object.keys(mail).sort(), ["address", "body", "subject"]);
  assert.ok(mail.body.includes("Siden med oplysningerne: x&bcc=evil@example.org\r\n"));
  assert.ok(mail.body.includes("Hvad skal fjernes?: (ikke udfyldt)"));
});

test("build reports a missing required answer in the form's words", () => {
  const built = record.build(SUPPLIER, { name: "  " });
  assert.equal(built.record, null);
  assert.deepEqual(built.problems, [{ id: "name", code: "required", message: "Skal udfyldes." }]);
});

test("while only answers are missing, build gives the record so far to check, never as the record", () => {
  const form = { ...SUPPLIER, items: [
    question("name", "input", { required: true, path: ["name"] }),
    question("org_number", "input", { path: ["org_number"] }),
    question("contact_name", "input", { path: ["contacts", 0, "name"] }),
    question("confirm", "checkboxes", { value: "flag", options: [["yes", "Ja"]], path: ["last_verified"] })] };
  const built = record.build(form, { org_number: "12345678" });
  assert.equal(built.record, null);
  assert.equal(built.partial.org_number, "12345678");
  assert.deepEqual(built.problems.map((p) => p.code), ["required"]);
  const complete = record.build(form, { name: "Grøn Vask ApS", org_number: "12345678" });
  assert.equal(complete.partial, null);  // complete: the record itself, no record so far
  assert.equal(complete.record.name, "Grøn Vask ApS");
});
