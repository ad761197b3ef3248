/* TEMPORARY stand-in for form-record.js (branch issue15-record): the contract's shapes only. Deleted on merge. */
(function () {
  "use strict";
  function set(target, path, value) {
    var node = target;
    for (var i = 0; i < path.length - 1; i++) {
      if (node[path[i]] === undefined) { node[path[i]] = typeof path[i + 1] === "number" ? [] : {}; }
      node = node[path[i]];
    }
    node[path[path.length - 1]] = value;
  }
  function build(definition, answers) {
    var out = {}, problems = [];
    definition.items.forEach(function (q) {
      if (!q.id) { return; }
      var value = answers[q.id];
      var empty = Array.isArray(value) ? !value.length : !String(value || "").trim();
      if (empty) {
        if (q.required) { problems.push({ id: q.id, code: "required", message: "Missing answer." }); }
        return;
      }
      set(out, q.path || [q.id], value);
    });
    return { record: out, problems: problems };
  }
  function emit(definition, rec) {
    return "# bro-form: " + definition.kind + " " + definition.lang + "\n" + JSON.stringify(rec, null, 2) + "\n";
  }
  function mailto(definition, text, subject) {
    var body = "----- BRO START -----\r\n" + text.replace(/\n/g, "\r\n") + "----- BRO END -----\r\n";
    var href = "mailto:" + definition.editors_email + "?subject=" + encodeURIComponent(subject || "Bro " + definition.kind) +
      "&body=" + encodeURIComponent(body);
    return { href: href, tooLong: href.length > 1800 };
  }
  function fileName(definition, rec) {
    return "bro-" + definition.kind + "-" + String(rec.name || rec.entry || "x").toLowerCase().replace(/[^a-z0-9]+/g, "-") + ".yml";
  }
  function issueUrl(definition, answers) {
    if (!definition.issue_form || !definition.repository) { return null; }
    return definition.repository + "/issues/new?template=" + definition.issue_form + Object.keys(answers).map(function (k) {
      var v = answers[k];
      return "&" + k + "=" + encodeURIComponent(Array.isArray(v) ? v.join(",") : v);
    }).join("");
  }
  function removalMail(definition, answers) {
    var body = Object.keys(answers).map(function (k) { return k + ": " + answers[k]; }).join("\r\n");
    return { href: "mailto:" + definition.editors_email + "?subject=Bro&body=" + encodeURIComponent(body) };
  }
  window.BroFormRecord = { build: build, emit: emit, mailto: mailto, fileName: fileName, issueUrl: issueUrl, removalMail: removalMail };
}());
