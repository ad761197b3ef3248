// Runs form-record.js for the Python parity test (tests/test_form_record_parity.py): reads
// [{definition, answers, today}] as JSON on stdin, writes [{record, problems, document}] as JSON on stdout.
"use strict";
const record = require("../../overrides/assets/bro/form-record.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const definitions = cases.definitions;
  const results = cases.cases.map((item) => {
    const definition = definitions[item.form];
    const built = record.build(definition, item.answers, { today: item.today });
    return { record: built.record, problems: built.problems.map((p) => p.code),
             document: built.record ? record.emit(definition, built.record) : null,
             file: built.record ? record.fileName(definition, built.record) : null };
  });
  process.stdout.write(JSON.stringify(results, (key, value) => (typeof value === "bigint" ? value.toString() : value)));
});
