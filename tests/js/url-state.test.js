// Filter state in the address (overrides/assets/bro/url-state.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const url = require("../../overrides/assets/bro/url-state.js");

const FACETS = ["categories", "countries", "eligible"];

test("the directory's state is read from the fragment, codes split at commas", () => {
  assert.deepEqual(url.readSearch("#q=r%C3%B8r&area=DK-84&categories=a,b,,c&eligible=1", FACETS), {
    q: "rør", area: "DK-84", facets: { categories: ["a", "b", "c"], countries: [], eligible: ["1"] },
  });
  assert.deepEqual(url.readSearch("", FACETS), { q: "", area: "", facets: { categories: [], countries: [], eligible: [] } });
});

test("the directory's state is written in a fixed order, without empty fields", () => {
  const state = { q: "cykel værksted", area: "", facets: { categories: ["a", "b"], countries: [], eligible: ["1"] } };
  assert.equal(url.searchFragment(state), "q=cykel+v%C3%A6rksted&categories=a%2Cb&eligible=1");
  assert.deepEqual(url.readSearch(url.searchFragment(state), FACETS), state);
  assert.equal(url.searchFragment({ q: "", area: "", facets: { categories: [] } }), "");
});

test("the list filters' fields: read by name, written trimmed without empty ones", () => {
  assert.deepEqual(url.readFields("#status=open&cpv=9091", ["status", "cpv", "country"]),
                   { status: "open", cpv: "9091", country: "" });
  assert.equal(url.fieldsFragment({ status: " open ", cpv: "", country: "SE" }), "status=open&country=SE");
});

test("a fragment is a state when it has fields or is empty, not when it is a place on the page", () => {
  assert.equal(url.isState(""), true);
  assert.equal(url.isState("#"), true);
  assert.equal(url.isState("#q=x"), true);
  assert.equal(url.isState("#kommende"), false);
});

test("withFragment replaces or removes the fragment", () => {
  assert.equal(url.withFragment("https://x.dk/da/a.html#old", "q=1"), "https://x.dk/da/a.html#q=1");
  assert.equal(url.withFragment("file:///bro/da/a.html#old", ""), "file:///bro/da/a.html");
});

test("the language switch carries the query and a state, not a heading anchor", () => {
  assert.equal(url.carry("../sv/leverantorer/index.html#x", "?lang=1", "#q=st%C3%A4d"),
               "../sv/leverantorer/index.html?lang=1#q=st%C3%A4d");
  assert.equal(url.carry("../sv/om.html", "", "#kontakt"), "../sv/om.html");
  assert.equal(url.carry("../sv/om.html?a=1", "", ""), "../sv/om.html");
});

test("the site search's link to the directory", () => {
  assert.equal(url.searchLink("https://x.dk/da/leverandorer/index.html#old", "rør & co"),
               "https://x.dk/da/leverandorer/index.html#q=r%C3%B8r%20%26%20co");
});

test("write replaces the address, or sets the fragment where replaceState is refused", () => {
  const calls = [];
  const win = { location: { href: "https://x.dk/a.html#old", hash: "#old" },
                history: { replaceState: (_, __, href) => calls.push(href) } };
  url.write("q=1", win);
  assert.deepEqual(calls, ["https://x.dk/a.html#q=1"]);
  const refusing = { location: { href: "file:///a.html", hash: "" },
                     history: { replaceState: () => { throw new Error("SecurityError"); } } };
  url.write("q=2", refusing);
  assert.equal(refusing.location.hash, "q=2");
});
