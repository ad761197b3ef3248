// The shortlist's storage (overrides/assets/bro/shortlist-store.js): whatever is stored is read as a clean list.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const shortlist = require("../../overrides/assets/bro/shortlist-store.js");

/* A Storage-like object over a Map; throwing: every call throws (storage switched off, private mode). */
function memory(initial, throwing) {
  const items = new Map(initial === undefined ? [] : [[shortlist.KEY, initial]]);
  const storage = {
    items,
    getItem(key) { if (throwing) { throw new Error("SecurityError"); } return items.has(key) ? items.get(key) : null; },
    setItem(key, value) { if (throwing) { throw new Error("QuotaExceededError"); } items.set(key, String(value)); },
  };
  return storage;
}

function storeOver(storage) { return shortlist.createStore(() => storage); }

test("clean keeps text slugs once each, in order", () => {
  assert.deepEqual(shortlist.clean(["a", "b", "a", "", 1, null, ["a"], { slug: "c" }, "c"]), ["a", "b", "c"]);
});

test("clean reads anything that is not a list as no slugs", () => {
  for (const value of [null, undefined, "a", 42, {}, { length: 1, 0: "a" }]) {
    assert.deepEqual(shortlist.clean(value), []);
  }
});

test("clean drops over-long slugs and stops at the list's limit", () => {
  assert.deepEqual(shortlist.clean(["x".repeat(shortlist.MAX_SLUG + 1), "ok"]), ["ok"]);
  const many = Array.from({ length: shortlist.MAX_ITEMS + 5 }, (_, n) => `s-${n}`);
  assert.equal(shortlist.clean(many).length, shortlist.MAX_ITEMS);
});

test("clean with known slugs keeps only those, never inherited names", () => {
  const known = Object.create(null);
  known.fjordvask = true;
  assert.deepEqual(shortlist.clean(["constructor", "__proto__", "toString", "fjordvask", "other"], known),
                   ["fjordvask"]);
});

test("read: nothing stored, not JSON, a huge non-list", () => {
  assert.deepEqual(storeOver(memory()).read(), []);
  assert.deepEqual(storeOver(memory("{not json")).read(), []);
  assert.deepEqual(storeOver(memory("[".repeat(100000))).read(), []);
  assert.deepEqual(storeOver(memory('["a","a",3,"b"]')).read(), ["a", "b"]);
});

test("read and write survive a storage that throws", () => {
  const store = storeOver(memory(undefined, true));
  assert.deepEqual(store.read(), []);
  assert.deepEqual(store.write(["a", "a"]), ["a"]);
  assert.deepEqual(shortlist.createStore(() => { throw new Error("no storage"); }).read(), []);
});

test("write stores only the clean list and returns it", () => {
  const storage = memory();
  assert.deepEqual(storeOver(storage).write(["b", "b", "", "c"]), ["b", "c"]);
  assert.equal(storage.items.get(shortlist.KEY), '["b","c"]');
});

test("toggle adds a missing slug and removes a listed one", () => {
  const storage = memory('["a"]'), store = storeOver(storage);
  assert.deepEqual(store.toggle("b"), { list: ["a", "b"], listed: true });
  assert.equal(store.has("b"), true);
  assert.deepEqual(store.toggle("a"), { list: ["b"], listed: false });
  assert.equal(storage.items.get(shortlist.KEY), '["b"]');
});

test("toggle on a broken store starts a clean list", () => {
  assert.deepEqual(storeOver(memory('{"length": 3}')).toggle("a"), { list: ["a"], listed: true });
});

test("remove takes one slug off and, with known slugs, the unknown ones too", () => {
  const store = storeOver(memory('["a","b","gone"]'));
  assert.deepEqual(store.remove("a", { b: true, a: true }), ["b"]);
  assert.deepEqual(store.read(), ["b"]);
});
