// The list filters' logic (overrides/assets/bro/filter.js): which card a control keeps, and the count line.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const filter = require("../../overrides/assets/bro/filter.js");

test("an empty control keeps every card", () => {
  assert.equal(filter.matches("a b", "", false), true);
  assert.equal(filter.matches(undefined, "  ", false), true);
});

test("a value must be one of the card's tokens", () => {
  assert.equal(filter.matches("open planned", "open", false), true);
  assert.equal(filter.matches("open planned", " open ", false), true);
  assert.equal(filter.matches("reopened", "open", false), false);
  assert.equal(filter.matches(undefined, "open", false), false);
});

test("a prefix control compares the digits a token begins with (CPV codes)", () => {
  assert.equal(filter.matches("90910000-9 55500000-5", "9091", true), true);
  assert.equal(filter.matches("90910000-9", "90 91", true), true);
  assert.equal(filter.matches("55500000-5", "9091", true), false);
});

test("the count line: one, many, and the archive apart", () => {
  const labels = { one: "1 indkøb", many: "{count} indkøb", archived: "{count} i arkivet" };
  assert.equal(filter.countText(labels, 1, 0), "1 indkøb · 0 i arkivet");
  assert.equal(filter.countText(labels, 3, 2), "3 indkøb · 2 i arkivet");
  assert.equal(filter.countText({ one: "1 sag", many: "{count} sager" }, 0, 5), "0 sager");
});

test("the feed that follows a control's value: the value, or a CPV box's division", () => {
  assert.equal(filter.followValue(" DK-751 ", false), "DK-751");
  assert.equal(filter.followValue("", false), "");
  assert.equal(filter.followValue("9091", true), "90");
  assert.equal(filter.followValue("9 0", true), "90");
  assert.equal(filter.followValue("9", true), "");
});
