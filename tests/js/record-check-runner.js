// The forms' checks over many records at once, for tests/test_record_check_parity.py: reads JSON from stdin
// {scripts: [file, …], data: {lang: check-data.js text}, cases: [{id, collection, record, lang, today}]}, loads the
// scripts as a page does (classic scripts in one global, in order, then the language's check-data.js) and writes
// [{id, problems: [{field, message, severity}] | null, error: text | null}] to stdout.
"use strict";
const fs = require("node:fs");
const vm = require("node:vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const pages = {};

function page(lang) {
  if (!pages[lang]) {
    const context = vm.createContext({ URL: URL });
    vm.runInContext("this.window = this;", context);
    for (const file of input.scripts) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    vm.runInContext(input.data[lang], context, { filename: `check-data.${lang}.js` });
    pages[lang] = context;
  }
  return pages[lang];
}

const results = input.cases.map(function (item) {
  try {
    const window = page(item.lang);
    const problems = window.BroRecordCheck.check(item.collection, item.record, item.lang, { today: item.today });
    return { id: item.id, problems: JSON.parse(JSON.stringify(problems)), error: null };
  } catch (error) {
    return { id: item.id, problems: null, error: String(error && error.stack || error) };
  }
});
process.stdout.write(JSON.stringify(results));
