// Loading the directory's shards (overrides/assets/bro/shards.js): in order, and a failure reported once.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createLoader } = require("../../overrides/assets/bro/shards.js");

/* A page stand-in: files maps a shard's address to what loading it does ("error", "empty" or a shard object). */
function page(files) {
  const queue = [], requested = [];
  const env = {
    queue: () => queue,
    afterPaint: (next) => setImmediate(next),
    addScript(src, onload, onerror) {
      requested.push(src);
      setImmediate(() => {
        const file = files[src];
        if (file === undefined || file === "error") { onerror(); return; }
        if (file !== "empty") { queue.push(file); }
        onload();
      });
    },
  };
  return { env, queue, requested };
}

const DATA = { shards: ["s0.js", "s1.js", "s2.js"] };

/* Run a load to its end: resolves with what happened. */
function run(files, first, data = DATA) {
  const { env, queue, requested } = page(files);
  if (first) { queue.push(first); }  // the first shard's own script tag ran
  return new Promise((resolve) => {
    const seen = [], errors = [];
    createLoader(env)(data, "assets/", (shard) => seen.push(shard.n), () => resolve({ seen, errors, requested, done: true }),
                      () => { errors.push("failed"); setImmediate(() => resolve({ seen, errors, requested, done: false })); });
  });
}

test("every shard loads in order, then done", async () => {
  const result = await run({ "assets/s1.js": { n: 1 }, "assets/s2.js": { n: 2 } }, { n: 0 });
  assert.deepEqual(result, { seen: [0, 1, 2], errors: [], requested: ["assets/s1.js", "assets/s2.js"], done: true });
});

test("a first shard whose tag failed is asked for again", async () => {
  const result = await run({ "assets/s0.js": { n: 0 }, "assets/s1.js": { n: 1 }, "assets/s2.js": { n: 2 } }, null);
  assert.deepEqual(result.seen, [0, 1, 2]);
  assert.equal(result.done, true);
});

test("a missing shard (404, offline, no file on disk) is reported once and loading stops", async () => {
  const result = await run({ "assets/s2.js": { n: 2 } }, { n: 0 });
  assert.deepEqual(result, { seen: [0], errors: ["failed"], requested: ["assets/s1.js"], done: false });
});

test("a shard that runs but gives no data (a parse error) is reported, not asked for forever", async () => {
  const result = await run({ "assets/s1.js": "empty" }, { n: 0 });
  assert.deepEqual(result, { seen: [0], errors: ["failed"], requested: ["assets/s1.js"], done: false });
});

test("nothing loads when even the first shard is missing", async () => {
  const result = await run({}, null);
  assert.deepEqual(result, { seen: [], errors: ["failed"], requested: ["assets/s0.js"], done: false });
});

test("data without a list of shards is a failure", async () => {
  const result = await run({}, null, {});
  assert.deepEqual(result.errors, ["failed"]);
});

test("a shard the page cannot use is reported, and the error is not hidden", () => {
  const { env, queue } = page({});
  queue.push({ n: 0 });
  const errors = [];
  assert.throws(() => createLoader(env)(DATA, "assets/", () => { throw new TypeError("no suppliers"); }, null,
                                        () => errors.push("failed")), TypeError);
  assert.deepEqual(errors, ["failed"]);
});
