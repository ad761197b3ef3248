// `npm run build-checks`: the JSON Schemas the web forms check (supplier, tender; the slug the interest form asks
// for) compiled by ajv (draft 2020-12) to standalone code and bundled by esbuild into ONE classic script,
// overrides/assets/bro/record-schemas.js (committed; it sets window.BroRecordSchemas and works from file://).
// `node scripts/build-checks.mjs --out FILE` writes elsewhere (tests/test_record_check_parity.py compares a fresh
// build with the committed file).
//
// Every $ref is inlined first exactly as bro.schema.SchemaSet.inline does (the referring schema's own title and
// description win), so that an error's parentSchema is the schema the Python validator words it from.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMAS = join(ROOT, "schemas");
const OUT_DEFAULT = join(ROOT, "overrides", "assets", "bro", "record-schemas.js");
// validator name → [schema file, JSON pointer inside it ("" for the whole file)]
export const COMPILED = {
  suppliers: ["supplier.schema.json", ""],
  tenders: ["tender.schema.json", ""],
  slug: ["common.schema.json", "/$defs/slug"],
};
// Bro's annotations (bro.schema, bro.schema_errors): declared to ajv as keywords without validation, so that
// strict mode still refuses any keyword nobody declared.
const ANNOTATIONS = ["x-vocabulary", "x-messages", "x-markdown", "x-name", "x-lang", "x-reference", "x-same-country-as",
  "x-form-question"];

function loadSchema(name) {
  return JSON.parse(readFileSync(join(SCHEMAS, name), "utf8"));
}

function pointTo(doc, pointer) {
  let node = doc;
  for (const part of pointer.split("/").filter(Boolean)) node = node[part];
  return node;
}

// bro.schema.SchemaSet.resolve + inline: follow $ref across files; the referring schema's other keys win.
function inline(schema, docName, docs) {
  if (Array.isArray(schema)) return schema.map((item) => inline(item, docName, docs));
  if (schema === null || typeof schema !== "object") return schema;
  if ("$ref" in schema) {
    let current = schema;
    let name = docName;
    while ("$ref" in current) {
      const [target, pointer] = current.$ref.split("#");
      name = target || name;
      docs[name] = docs[name] || loadSchema(name);
      const resolved = pointTo(docs[name], pointer || "");
      const extra = Object.fromEntries(Object.entries(current).filter(([key]) => key !== "$ref"));
      current = { ...resolved, ...extra };
    }
    return inline(current, name, docs);
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value, docName, docs)]));
}

export function compiledSource() {
  const ajv = new Ajv2020({
    // strict, except that `required` may name a property only the parent lists (the contact's anyOf branches)
    strict: true, strictRequired: false, allErrors: true, code: { source: true }, unicodeRegExp: true,
  });
  addFormats(ajv, { formats: ["date"], keywords: true }); // formatMinimum/formatMaximum as Bro uses them
  ajv.addFormat("uri", true); // the Python validator checks no "uri" format (no rfc3987): addresses.check_url does
  ajv.addVocabulary(ANNOTATIONS);
  const docs = {};
  const ids = {};
  const inlined = {};
  for (const [name, [file, pointer]] of Object.entries(COMPILED)) {
    docs[file] = docs[file] || loadSchema(file);
    const schema = inline(pointTo(docs[file], pointer), file, docs);
    delete schema.$schema;
    delete schema.$id;
    inlined[name] = schema;
    ajv.addSchema({ ...schema, $id: `bro:${name}` });
    ids[name] = `bro:${name}`;
  }
  // the inlined schemas too: an error's schemaPath points into them (its keyword's siblings word the message)
  return `${standaloneCode(ajv, ids)}\nexports.schemas = ${JSON.stringify(inlined)};\n`;
}

async function licences(metafile) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (!match || found.has(match[1])) continue;
    const meta = JSON.parse(readFileSync(join(ROOT, "node_modules", match[1], "package.json"), "utf8"));
    found.set(match[1], `${match[1]} ${meta.version} (${meta.license})`);
  }
  return [...found.values()].sort();
}

export async function buildChecks(out) {
  const work = mkdtempSync(join(tmpdir(), "bro-checks-"));
  try {
    const entry = join(work, "record-schemas.entry.cjs");
    writeFileSync(entry, compiledSource());
    const common = {
      entryPoints: [entry], bundle: true, format: "iife", platform: "browser", target: "es2020",
      absWorkingDir: ROOT, nodePaths: [join(ROOT, "node_modules")], write: false, metafile: true,
      globalName: "BroRecordSchemas", legalComments: "none", charset: "utf8", minify: true, logLevel: "silent",
    };
    const result = await build(common);
    const used = await licences(result.metafile);
    const body = result.outputFiles[0].text
      .replace(/^\/\/ .*record-schemas\.entry\.cjs\n/m, "// the validators ajv compiled from schemas/\n");
    const header = [
      "// GENERATED by `npm run build-checks` (scripts/build-checks.mjs) from schemas/supplier.schema.json,",
      "// schemas/tender.schema.json and schemas/common.schema.json: do not edit; run the command again after",
      "// changing a schema (tests/test_record_check_parity.py fails while this file is stale).",
      "// window.BroRecordSchemas = {suppliers, tenders, slug, schemas}: ajv standalone validators (draft 2020-12)\n//   and the schemas they were compiled from, every $ref inlined.",
      "// Bundled code and licences (MIT License, https://opensource.org/license/mit):",
      ...used.map((line) => `//   ${line}`),
      "",
    ].join("\n");
    const footer = 'if (typeof module !== "undefined") module.exports = BroRecordSchemas;\n';
    writeFileSync(out, header + body + footer);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
await buildChecks(outAt >= 0 ? resolve(args[outAt + 1]) : OUT_DEFAULT);
