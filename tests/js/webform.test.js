// The web forms' page logic (overrides/assets/bro/webform.js): problems to questions, the fragment, drafts, the
// e-mail to an entry's buyer.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const form = require("../../overrides/assets/bro/webform.js");

const DEFINITION = {
  kind: "supplier", lang: "da",
  items: [
    { md: "<p>intro</p>" },
    { id: "name", widget: "input", path: ["name"], limit: 300 },
    { id: "delivery_regions", widget: "dropdown", multiple: true, path: ["delivery_area"], options: [["DK", "Hele Danmark"], ["DK-84", "Hovedstaden"]] },
    { id: "delivery_municipalities", widget: "input", path: ["delivery_area"], limit: 1000 },
    { id: "contact_email", widget: "input", path: ["contacts", 0, "email"], limit: 300 },
    { id: "employees_total", widget: "input", path: ["employees", "total"], limit: 300 },
    { id: "entry", widget: "input", path: ["entry"], limit: 500 },
    { id: "profile", widget: "input", path: null, limit: 500 },
    { id: "target_groups", widget: "checkboxes", path: ["target_groups"], options: [["a", "A"], ["b", "B"]] },
  ],
};

test("a validator field is read as a path", () => {
  assert.deepEqual(form.parsePath("contacts[0].email"), ["contacts", 0, "email"]);
  assert.deepEqual(form.parsePath("delivery_area[2]"), ["delivery_area", 2]);
  assert.deepEqual(form.parsePath(""), []);
});

test("a problem belongs to the question whose path is the longest start of its own", () => {
  assert.equal(form.questionFor(DEFINITION, "contacts[0].email"), "contact_email");
  assert.equal(form.questionFor(DEFINITION, "employees.total"), "employees_total");
  assert.equal(form.questionFor(DEFINITION, "delivery_area[1]"), "delivery_regions");  // the first of two
  assert.equal(form.questionFor(DEFINITION, "contacts[1].email"), null);
  assert.equal(form.questionFor(DEFINITION, "employees"), null);  // the whole group: the summary
  assert.equal(form.questionFor(DEFINITION, ""), null);
  assert.equal(form.questionFor(DEFINITION, "profile"), "profile");  // no path: its id
});

test("the fragment fills the questions it names, and only those of the form", () => {
  const names = { entry: "entry", profile: "profile" };
  assert.deepEqual(form.readFragment("#entry=odense-groen-drift", DEFINITION, names), { entry: "odense-groen-drift" });
  assert.deepEqual(form.readFragment("#profile=gr%C3%B8n&x=1&entry=%E0%A4%A", DEFINITION, names), { profile: "grøn" });
  assert.deepEqual(form.readFragment("#name=evil&constructor=x", DEFINITION, names), {});
  assert.deepEqual(form.readFragment("#q=x", DEFINITION, {}), {});
});

test("a stored draft keeps only known questions and offered codes", () => {
  const stored = { name: "Grøn Vask", target_groups: ["a", "zz"], unknown: "x", entry: 5, __proto__: { name: "y" } };
  assert.deepEqual(form.cleanDraft(DEFINITION, stored), { name: "Grøn Vask", target_groups: ["a"] });
  assert.deepEqual(form.cleanDraft(DEFINITION, null), {});
  assert.equal(form.isEmpty({ name: " ", target_groups: [] }), true);
  assert.equal(form.isEmpty({ name: "x" }), false);
});

test("an entry is named by its slug or its page's address", () => {
  assert.equal(form.slugOf("odense-groen-drift"), "odense-groen-drift");
  assert.equal(form.slugOf("https://x.example.org/bro/da/udbudsplan/Odense-Groen-Drift.html#kontakt"), "odense-groen-drift");
  assert.equal(form.slugOf(""), "");
});

test("the e-mail to an entry's buyer names the entry and the profile, every part encoded", () => {
  const setup = {
    words: { buyer_subject: "Interesse for »{title}«", buyer_body: "Hej\n{title}\n{url}\n{profile}\n" },
    profileUrl: "https://x.example.org/da/leverandorer/{slug}.html",
    entries: {
      "odense-groen-drift": { title: "Grøn drift & <pleje>", url: "https://x.example.org/da/udbudsplan/odense-groen-drift.html",
        name: "Indkøb", email: "indkob+drift@odense.example.org" },
      "no-mail": { title: "X", url: "u", name: null, email: null },
    },
  };
  const mail = form.buyerMail(setup, { entry: "odense-groen-drift", supplier: "groen-vask" });
  assert.equal(mail.email, "indkob+drift@odense.example.org");
  assert.ok(mail.href.startsWith("mailto:indkob%2Bdrift@odense.example.org?subject="));
  const query = new URLSearchParams(mail.href.split("?")[1].replace(/\+/g, "%2B"));
  assert.equal(query.get("subject"), "Interesse for »Grøn drift & <pleje>«");
  assert.equal(query.get("body"), "Hej\r\nGrøn drift & <pleje>\r\nhttps://x.example.org/da/udbudsplan/odense-groen-drift.html\r\n" +
    "https://x.example.org/da/leverandorer/groen-vask.html\r\n");
  assert.equal(form.buyerMail(setup, { entry: "no-mail" }), null);
  assert.equal(form.buyerMail(setup, { entry: "constructor" }), null);
  assert.equal(form.buyerMail(setup, { entry: "unknown" }), null);
});

test("counted texts take their one-form for one, and placeholders are filled literally", () => {
  const words = { n: "{count} fejl", n_one: "1 fejl" };
  assert.equal(form.counted(words, "n", 1), "1 fejl");
  assert.equal(form.counted(words, "n", 3), "3 fejl");
  assert.equal(form.fill("a {x} {y}", { x: "$&" }), "a $& {y}");
});

test("a change is checked on the fields it changes only", () => {
  const change = { profile: "x", other_changes: "note", contacts: [{ email: "a@b" }] };
  assert.deepEqual(form.changedFields(change), { contacts: [{ email: "a@b" }] });
  assert.equal(form.isPresent(change, ["contacts", 0, "email"]), true);
  assert.equal(form.isPresent(change, ["contacts", 0, "name"]), false);
  assert.equal(form.isPresent(change, []), false);
  assert.equal(form.isPresent(change, ["constructor"]), false);
});
