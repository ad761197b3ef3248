/* The forms' checks: window.BroRecordCheck.check(collection, record, lang, options) → [{field, message, severity}],
   the problems the Python validator finds in the same record (bro.schema, bro.rules), the field in its notation
   (contacts[0].email, "" for the whole record) and the message worded exactly as it prints it after "field: ".
   collection: "suppliers" | "tenders" | "interest" (record {entry, supplier}: slugs of a tender entry and a supplier).
   options: {data: BroCheckData (default window.BroCheckData, from check-data.js), today: "YYYY-MM-DD",
   schemas: BroRecordSchemas (default window.BroRecordSchemas, from record-schemas.js)}.
   Scripts before it: record-schemas.js, record-check-core.js, record-check-rules.js; check-data.js before use. */
(function () {
  "use strict";

  const inNode = typeof module !== "undefined" && typeof window === "undefined";
  const core = inNode ? require("./record-check-core.js") : window.BroRecordCheckCore;
  const rules = inNode ? require("./record-check-rules.js") : window.BroRecordCheckRules;
  const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function globalValue(name) {
    return typeof window !== "undefined" ? window[name] : undefined;
  }

  // a page address or a short name as a slug (bro.forms.drafts.resolve_reference, for one collection)
  function slugOf(value) {
    let text = String(value === undefined || value === null ? "" : value).trim();
    if (text.includes("/")) {
      let path = text;
      if (text.includes("://")) {
        try {
          path = new URL(text).pathname;
        } catch {
          path = text;
        }
      }
      const parts = path.split("/").filter(Boolean);
      text = parts.length ? parts[parts.length - 1].replace(/\.(html|yml|md)$/, "") : "";
    }
    return text.toLowerCase();
  }

  function reference(problems, field, value, known, code) {
    const slug = slugOf(value);
    if (known.includes(slug)) return slug;
    const close = core.closeMatches(slug, known.slice().sort(core.comparePy), 1, 0.6);
    const found = close.length
      ? core.problem(problems, [field], code + "_suggest", { value: String(value).trim(), suggestion: close[0] })
      : core.problem(problems, [field], code, { value: String(value).trim() });
    found.form = true;
    return null;
  }

  // the interest form: a known entry, a known supplier, not yet listed as interested (bro.forms.drafts)
  function checkInterest(problems, record, data) {
    const tenders = data.tenders || {};
    const entry = reference(problems, "entry", record.entry, Object.keys(tenders), "unknown_entry");
    if (entry === null) return;
    const supplier = reference(problems, "supplier", record.supplier, data.suppliers || [], "unknown_profile");
    if (supplier !== null && (tenders[entry] || []).includes(supplier)) {
      core.problem(problems, ["supplier"], "already_interested", {}).form = true;
    }
  }

  function check(collection, record, lang, options) {
    options = options || {};
    const data = options.data || globalValue("BroCheckData");
    const schemas = options.schemas || globalValue("BroRecordSchemas");
    if (!data) throw new Error("BroRecordCheck: no check data (load check-data.js first)");
    const today = options.today || data.today;
    const copy = record === undefined ? null : JSON.parse(JSON.stringify(record)); // the caller's stays as it is
    const problems = [];
    if (collection === "interest") {
      checkInterest(problems, core.isObject(copy) ? copy : {}, data);
    } else if (collection === "suppliers" || collection === "tenders") {
      if (!schemas) throw new Error("BroRecordCheck: no schemas (load record-schemas.js first)");
      const root = schemas.schemas[collection];
      const all = {};
      all[data.lang || lang] = data;
      core.schemaProblems(problems, all, schemas[collection], root, copy);
      if (core.isObject(copy)) {
        rules.checkTexts(problems, copy, root, data);
        (collection === "suppliers" ? rules.checkSupplier : rules.checkTender)(problems, copy, today, data);
      }
    } else {
      throw new Error("BroRecordCheck: unknown collection " + collection);
    }
    return problems.map(function (found) {
      return { field: core.formatField(found.path), message: core.wordProblem(found, data),
        severity: found.severity };
    });
  }

  const api = { check: check, slugOf: slugOf, SLUG: SLUG };
  if (typeof window !== "undefined") window.BroRecordCheck = api;
  if (typeof module !== "undefined") module.exports = api;
})();
