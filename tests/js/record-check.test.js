// The forms' checks (overrides/assets/bro/record-check*.js): the check-digit ports, difflib's suggestions, the
// rules and the wording of schema errors. The expected values are python-stdnum's, difflib's and bro.rules' own
// (tests/test_record_check_parity.py compares whole records with the Python validator).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../overrides/assets/bro/record-check-core.js");
const rules = require("../../overrides/assets/bro/record-check-rules.js");
const recordCheck = require("../../overrides/assets/bro/record-check.js");
const schemas = require("../../overrides/assets/bro/record-schemas.js");

test("CVR numbers: eight digits with weights 2 7 6 5 4 3 2 1, as stdnum.dk.cvr", () => {
  assert.equal(rules.isValidCvr("29403473"), true);
  assert.equal(rules.isValidCvr("10403782"), true);
  assert.equal(rules.isValidCvr("29403474"), false); // the check digit does not add up
  assert.equal(rules.isValidCvr("09403473"), false); // no CVR number starts with 0
  assert.equal(rules.isValidCvr("2940347"), false);
  assert.equal(rules.isValidCvr("DK 29 40 34 73"), true); // separators and the DK prefix go
  assert.equal(rules.isValidCvr("29403473x"), false);
});

test("organisationsnummer: ten digits with a Luhn check digit, as stdnum.se.orgnr", () => {
  assert.equal(rules.isValidOrgnr("556703-7485"), true);
  assert.equal(rules.isValidOrgnr("5567037485"), true);
  assert.equal(rules.isValidOrgnr("212000-1355"), true);
  assert.equal(rules.isValidOrgnr("556703-7486"), false);
  assert.equal(rules.isValidOrgnr("556703-748"), false);
  // python-stdnum reads an en dash as a hyphen: the check data lists such separators
  assert.equal(rules.isValidOrgnr("556703\u20137485", { numberSeparators: { SE: " -.\u2013" } }), true);
  assert.equal(rules.luhnValid("79927398713"), true);
  assert.equal(rules.luhnValid("79927398710"), false);
});

test("difflib: ratios and close matches as Python computes them", () => {
  assert.equal(core.ratio("website", "webiste"), 0.8571428571428571);
  assert.equal(core.ratio("grounds_maintenance", "grounds_maintenanse"), 0.9473684210526315);
  assert.equal(core.ratio("xyz", "abc"), 0);
  assert.equal(core.ratio("", ""), 1);
  assert.deepEqual(core.closeMatches("appel", ["ape", "apple", "peach", "puppy"], 3, 0.6), ["apple", "ape"]);
  assert.deepEqual(core.closeMatches("ab", ["ba", "ab ", "xab"], 3, 0.5), ["xab", "ab ", "ba"]); // ties: larger
});

test("fields are written as the validator writes them", () => {
  assert.equal(core.formatField(["contacts", 0, "email"]), "contacts[0].email");
  assert.equal(core.formatField([]), "");
  assert.equal(core.fill("{a} og {{b}}", { a: 1 }), "1 og {b}");
  assert.equal(core.show("x".repeat(61)), "x".repeat(57) + "…");
  assert.equal(core.show(null), "null");
  assert.equal(core.show(true), "true");
  assert.equal(core.show(["a", 1]), "['a', 1]");
});

test("dates: real days only, as bro.schema.as_date", () => {
  assert.equal(rules.asDate("2024-02-29"), "2024-02-29");
  assert.equal(rules.asDate("2026-02-29"), null);
  assert.equal(rules.asDate("2026-13-01"), null);
  assert.equal(rules.asDate("2026-1-01"), null);
  assert.equal(rules.asDate(20260101), null);
});

test("the 30 % share: employees in Denmark, everyone engaged in Sweden (bro.shares)", () => {
  const record = { country: "DK", delivery_area: ["national", "SE-1280"],
    employees: { total: 10, from_target_groups: 2 }, engaged: { total: 10, from_target_groups: 5 } };
  assert.deepEqual(rules.share(record, "DK"), { total: 10, from: 2, reaches: false, percent: 20 });
  assert.deepEqual(rules.share(record, "SE"), { total: 20, from: 7, reaches: true, percent: 35 });
  assert.deepEqual(rules.deliveryCountries(record), ["DK", "SE"]);
  assert.equal(rules.share({ employees: { total: 97, from_target_groups: 29 } }, "DK").reaches, false);
  assert.equal(rules.share({ employees: { total: 10, from_target_groups: 3 } }, "DK").reaches, true);
  assert.equal(rules.verdict({ country: "DK", delivery_area: ["DK"] }), null);
});

test("web addresses: user names, ports and hosts as bro.addresses.url_problem", () => {
  assert.equal(rules.urlProblem("https://example.org/", {}), null);
  assert.equal(rules.urlProblem("https://www.skat.dk@evil.example/", {})[0], "url.userinfo");
  assert.equal(rules.urlProblem("https://www.skat.dk@evil.example/", {})[1].host, "evil.example");
  assert.equal(rules.urlProblem("https://example.org\\@evil.example/", {})[0], "url.backslash");
  assert.equal(rules.urlProblem("https://example.org:99999/", {})[0], "url.host");
  assert.equal(rules.urlProblem("https://localhost/", {})[0], "url.host");
  assert.equal(rules.urlProblem("http://[::1]:8080/", {}), null);
  assert.equal(rules.urlProblem("https://exam\u200bple.org/", { characterNames: {} })[0], "url.invisible");
});

test("mixed scripts in one word are found, Japanese is one script", () => {
  assert.deepEqual(rules.mixesScripts("Гenstart").sort(), ["CYRILLIC", "LATIN"]);
  assert.deepEqual(rules.mixesScripts("Genstart"), []);
  assert.deepEqual(rules.mixesScripts("漢字かな"), []);
});

// check data with only what these records need (the real one: bro.record_checks.make_check_script)
const DATA = {
  lang: "da", today: "2026-11-23", summaryLimit: 300, national: "national", languages: ["da", "sv"],
  countryNames: { DK: { da: "Danmark" }, SE: { da: "Sverige" } },
  languageNames: { da: { da: "dansk" }, sv: { da: "svensk" } },
  vocabularies: { categories: { catering: { plain: ["mad"] } }, countries: { DK: {}, SE: {} }, regions: {},
    municipalities: { "DK-101": { country: "DK", label: "København", plain: ["københavn"] } },
    legal_forms: {}, registrations: {} },
  messages: {
    "schema.required": "Feltet '{name}' mangler.", "org.invalid_cvr": "'{value}' er ikke et CVR-nummer.",
    "vocab.unknown_suggest": "'{value}' er ukendt. Mente du '{suggestion}'? ({vocabulary})",
    "reserved.share_below_30_dk": "{share} af {total} ({percent} %).", "schema.enum": "'{value}': {allowed}.",
    "schema.pattern": "'{value}': {expected}.",
  },
  tenders: { "rengoering-2027": ["fjordvask"] }, suppliers: ["fjordvask", "bitvaerkstedet"],
  formProblems: { unknown_entry: "Ukendt: '{value}'.", unknown_entry_suggest: "'{value}'? Mente du '{suggestion}'?",
    unknown_profile: "Ukendt profil '{value}'.", unknown_profile_suggest: "'{value}'? '{suggestion}'?",
    already_interested: "Allerede interesseret." },
};
const GOOD = { name: "Grøn Genstart ApS", country: "DK", org_number: "29403473", summary: { da: "x", sv: "y" },
  categories: ["catering"], delivery_area: ["DK-101"], last_verified: "2026-01-05",
  contacts: [{ name: "Kundeservice", email: "hej@example.org", publish_basis: "consent" }] };

function check(record, collection) {
  return recordCheck.check(collection || "suppliers", record, "da", { data: DATA, schemas: schemas });
}

test("a good record has no problems; the caller's record is left as it was", () => {
  const record = JSON.parse(JSON.stringify(GOOD));
  assert.deepEqual(check(record), []);
  assert.deepEqual(record, GOOD);
});

test("schema errors and rules are worded from the check data", () => {
  const { org_number, ...withoutNumber } = GOOD;
  assert.equal(org_number, "29403473");
  assert.deepEqual(check(withoutNumber), [{ field: "org_number", message: "Feltet 'org_number' mangler.",
    severity: "error" }]);
  assert.deepEqual(check({ ...GOOD, org_number: "29403474" }), [{ field: "org_number",
    message: "'29403474' er ikke et CVR-nummer.", severity: "error" }]);
  assert.deepEqual(check({ ...GOOD, address: { city: "København", municipality: "København" } }), [{
    field: "address.municipality", severity: "error",
    message: "'København' er ukendt. Mente du 'DK-101'? (data/vocabularies/municipalities.yml)" }]);
  assert.deepEqual(check({ ...GOOD, employees: { total: 10, from_target_groups: 2 },
    reserved_contracts: { eligible: true, basis: "art20" } }), [{ field: "reserved_contracts.eligible",
    message: "2 af 10 (20 %).", severity: "error" }]);
});

test("the interest form: a known entry and supplier, not already interested", () => {
  assert.deepEqual(check({ entry: "rengoering-2027", supplier: "bitvaerkstedet" }, "interest"), []);
  assert.deepEqual(check({ entry: "https://x.example/da/udbudsplan/rengoering-2027.html", supplier: "bitvaerkstedet" },
    "interest"), []);
  assert.deepEqual(check({ entry: "rengoering-2028", supplier: "bitvaerkstedet" }, "interest"), [{ field: "entry",
    message: "'rengoering-2028'? Mente du 'rengoering-2027'?", severity: "error" }]);
  assert.deepEqual(check({ entry: "rengoering-2027", supplier: "fjordvask" }, "interest"), [{ field: "supplier",
    message: "Allerede interesseret.", severity: "error" }]);
});
