// The supplier directory's logic (overrides/assets/bro/directory-core.js): words, search, facets, areas, counts,
// sorting, paging, the status line and the suggestions when nothing fits.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../overrides/assets/bro/directory-core.js");

const AREAS = {  // code: [name, kind, ...the areas containing it]
  DK: ["Hele Danmark", "country"],
  "DK-84": ["Region Hovedstaden", "region", "DK"],
  "DK-101": ["København", "municipality", "DK-84", "DK"],
  "DK-82": ["Region Midtjylland", "region", "DK"],
  "DK-751": ["Aarhus", "municipality", "DK-82", "DK"],
};

function supplier(slug, fields) {
  return Object.assign({ slug, name: slug, categories: [], country: "DK", areas: [], targetGroups: [],
                         registrations: [], legalForm: "", languages: [], eligible: false }, fields);
}

const SUPPLIERS = [
  supplier("cykler", { categories: ["bikes"], areas: ["DK-101"], eligible: true }),
  supplier("kantine", { categories: ["food"], areas: ["DK-82"], registrations: ["rsv"] }),
  supplier("rengoering", { categories: ["cleaning", "food"], areas: ["DK"], eligible: true }),
  supplier("stockholm", { categories: ["cleaning"], country: "SE", areas: ["SE"] }),
];

/* A directory state: every facet present, as the page's form gives it. */
function state(fields = {}) {
  const facets = {};
  core.FACET_NAMES.forEach((name) => { facets[name] = (fields.facets || {})[name] || []; });
  return { q: fields.q || "", area: fields.area || "", facets };
}

test("format fills in every placeholder", () => {
  assert.equal(core.format("{count} af {total}", { count: 2, total: 9 }), "2 af 9");
});

test("words: lower case, split at spaces and hyphens, trimmed, no single letters or stop words", () => {
  const stopWord = (word) => (word === "og" ? undefined : word);
  assert.deepEqual(core.words("  Cykel-Værksted og »Rør« i ", stopWord), ["cykel", "værksted", "rør"]);
  assert.deepEqual(core.words("a b", null), []);
});

test("an area reaches up to its region and country, and down to what it contains", () => {
  assert.deepEqual(core.chain(AREAS, "DK-101"), ["DK-101", "DK-84", "DK"]);
  assert.deepEqual(core.chain(AREAS, "unknown"), ["unknown"]);
  const copenhagen = SUPPLIERS[0], national = SUPPLIERS[2];
  assert.equal(core.delivers(AREAS, copenhagen, "DK-84"), true, "a municipality inside the chosen region");
  assert.equal(core.delivers(AREAS, copenhagen, "DK"), true);
  assert.equal(core.delivers(AREAS, copenhagen, "DK-751"), false);
  assert.equal(core.delivers(AREAS, national, "DK-751"), true, "the whole country contains the chosen municipality");
  assert.equal(core.delivers(AREAS, copenhagen, ""), true);
});

test("values: a facet's codes, the country as one, eligibility as 1", () => {
  assert.deepEqual(core.values(SUPPLIERS[0], "eligible"), ["1"]);
  assert.deepEqual(core.values(SUPPLIERS[1], "eligible"), []);
  assert.deepEqual(core.values(SUPPLIERS[3], "countries"), ["SE"]);
  assert.deepEqual(core.values(SUPPLIERS[1], "legalForm"), []);
});

test("filter: options within a facet are OR, facets are AND, the area narrows too", () => {
  const found = core.filter(SUPPLIERS, null, state({ facets: { categories: ["food", "bikes"], eligible: ["1"] } }), AREAS);
  assert.deepEqual(found.matches.map((m) => m.supplier.slug), ["cykler", "rengoering"]);
  const inAarhus = core.filter(SUPPLIERS, null, state({ area: "DK-751" }), AREAS);
  assert.deepEqual(inAarhus.matches.map((m) => m.supplier.slug), ["kantine", "rengoering"]);
});

test("filter counts each option as if its own facet were open", () => {
  const { counts } = core.filter(SUPPLIERS, null, state({ facets: { categories: ["food"] } }), AREAS);
  assert.equal(counts["categories:food"], 2);
  assert.equal(counts["categories:bikes"], 1, "ticking bikes too would add cykler");
  assert.equal(counts["eligible:1"], 1, "among food suppliers only rengoering is eligible");
  assert.equal(counts["countries:SE"], undefined);
});

test("filter keeps only the search's hits, best score first", () => {
  const scores = { 0: 1.5, 2: 4, 3: 2 };
  const found = core.filter(SUPPLIERS, scores, state(), AREAS);
  assert.deepEqual(found.matches.map((m) => [m.supplier.slug, m.score]), [["rengoering", 4], ["stockholm", 2], ["cykler", 1.5]]);
});

test("without words the directory order stays", () => {
  assert.deepEqual(core.filter(SUPPLIERS, null, state(), AREAS).matches.map((m) => m.score), [0, 0, 0, 0]);
});

test("countFor agrees with filter", () => {
  const chosen = state({ area: "DK", facets: { categories: ["cleaning", "food"] } });
  assert.equal(core.countFor(SUPPLIERS, null, chosen, AREAS), core.filter(SUPPLIERS, null, chosen, AREAS).matches.length);
  assert.equal(core.countFor(SUPPLIERS, { 1: 1 }, chosen, AREAS), 1);
});

test("narrowed: by words, a facet or an area", () => {
  assert.equal(core.narrowed(null, state()), false);
  assert.equal(core.narrowed({}, state()), true);
  assert.equal(core.narrowed(null, state({ area: "DK" })), true);
  assert.equal(core.narrowed(null, state({ facets: { languages: ["da"] } })), true);
});

test("paging shows the first results and whether there are more", () => {
  const matches = Array.from({ length: core.PAGE + 1 }, (_, n) => n);
  assert.deepEqual(core.paged(matches, core.PAGE), { items: matches.slice(0, core.PAGE), more: true });
  assert.deepEqual(core.paged(matches, 2 * core.PAGE), { items: matches, more: false });
  assert.deepEqual(core.paged([], core.PAGE), { items: [], more: false });
});

test("the status line: none, one, many, and more on their way", () => {
  const ui = { no_results: "Ingen", result_one: "1 leverandør", result_count: "{count} leverandører",
               loading: "(henter flere …)" };
  assert.equal(core.statusText(ui, 0, false), "Ingen");
  assert.equal(core.statusText(ui, 1, false), "1 leverandør");
  assert.equal(core.statusText(ui, 7, true), "7 leverandører (henter flere …)");
});

test("alternatives: a wider area, each option dropped, the search without words", () => {
  const chosen = state({ q: "cykel", area: "DK-101", facets: { categories: ["bikes"], eligible: ["1"] } });
  const options = core.alternatives(chosen, AREAS);
  assert.deepEqual(options.map((o) => [o.kind, o.code || o.query || ""]),
                   [["area", "DK-84"], ["area", "DK"], ["drop", "bikes"], ["drop", "1"], ["query", "cykel"]]);
  assert.equal(options[1].state.area, "DK");
  assert.deepEqual(options[2].state.facets.categories, []);
  assert.equal(options[4].state.q, "");
  assert.equal(chosen.area, "DK-101", "the state itself is left as it was");
  assert.deepEqual(core.alternatives(state(), AREAS), []);
});

/* A stand-in for a lunr index over some words per supplier: exact terms, trailing wildcards, edit distance 1. */
function fakeIndex(wordsByRef) {
  return {
    query(build) {
      const terms = [];
      build({ term: (word, options) => terms.push([word, options]) });
      const hits = [];
      Object.keys(wordsByRef).forEach((ref) => {
        let score = 0;
        terms.forEach(([word, options]) => {
          wordsByRef[ref].forEach((have) => {
            const fits = options.wildcard ? have.startsWith(word)
              : options.editDistance ? have.length === word.length && [...have].filter((c, i) => c !== word[i]).length <= options.editDistance
                : have === word;
            if (fits) { score += options.boost || 1; }
          });
        });
        if (score) { hits.push({ ref, score }); }
      });
      return hits;
    },
  };
}

test("search: every word must match, a word in the name counts three times, over every shard", () => {
  const suppliers = [{ name: "Cykelværkstedet" }, { name: "Kantinen" }, { name: "Grøn cykel" }];
  const indexes = [{ offset: 0, index: fakeIndex({ 0: ["cykel", "værksted"], 1: ["kantine", "cykel"] }) },
                   { offset: 2, index: fakeIndex({ 0: ["cykel", "grøn"] }) }];
  const search = core.createSearch({ indexes, suppliers, stopWord: null, trailing: "TRAILING" });
  assert.equal(search("  "), null);
  const cykel = search("cykel");
  assert.deepEqual(Object.keys(cykel).sort(), ["0", "1", "2"]);
  assert.ok(cykel[0] > cykel[1] && cykel[2] > cykel[1], "the name counts more");
  assert.deepEqual(Object.keys(search("cykel grøn")), ["2"]);
  assert.deepEqual(Object.keys(search("kant")), ["1"], "a word it begins");
});

test("search: a compound written apart, then a spelling one letter off", () => {
  const suppliers = [{ name: "A" }, { name: "B" }];
  const indexes = [{ offset: 0, index: fakeIndex({ 0: ["cykel", "reparation"], 1: ["kantine"] }) }];
  const search = core.createSearch({ indexes, suppliers, stopWord: null, trailing: "TRAILING" });
  assert.deepEqual(Object.keys(search("cykelreparation")), ["0"]);
  assert.deepEqual(Object.keys(search("kantike")), ["1"]);
  assert.deepEqual(search("kant1ne"), {}, "a word with a digit is not read as a misspelling");
});
