/* Bro's web forms (the pages under bidrag/formular/ and bidra/formular/, overrides/bro/form.html): reads the answers,
   builds the record and its document (BroFormRecord, form-record.js), checks it with the validator's rules while the
   reader types and on submit (BroRecordCheck, record-check.js), shows each problem next to its question and the
   errors in a summary at the top, then the document and the routes: an e-mail to the editors (or the file to attach),
   the prefilled GitHub issue form, and on the interest form an e-mail to the entry's buyer contact. The removal form
   only writes an e-mail. Answers are kept as a draft in this browser only (localStorage); the page itself sends
   nothing anywhere. A plain script: works over HTTP and from file://. */
(function () {
  "use strict";

  var GROUPS = { checkboxes: true };  // widgets answered with several codes (multiple dropdowns too: isGroup)
  var DELAY = 300;  // ms of quiet typing before the answers are checked and the draft is saved

  /* A validator field ("contacts[0].email", "") as a path (["contacts", 0, "email"], []). */
  function parsePath(field) {
    var path = [];
    String(field || "").replace(/([^.[\]]+)|\[(\d+)\]/g, function (all, name, index) {
      path.push(index !== undefined ? Number(index) : name);
      return all;
    });
    return path;
  }

  function isGroup(question) {
    return Boolean(GROUPS[question.widget] || (question.widget === "dropdown" && question.multiple));
  }

  function questionsOf(definition) {
    return (definition.items || []).filter(function (item) { return item && typeof item.id === "string"; });
  }

  /* The question a validator problem belongs to: the one whose path is the longest start of the problem's path
     (the first such question when several share it); a path's first name that is a question's id, else null. */
  function questionFor(definition, field) {
    var path = parsePath(field), best = null, length = 0;
    if (!path.length) { return null; }
    questionsOf(definition).forEach(function (question) {
      var own = question.path;
      if (!own || !own.length || own.length > path.length || own.length <= length) { return; }
      for (var i = 0; i < own.length; i++) {
        if (String(own[i]) !== String(path[i])) { return; }
      }
      best = question.id;
      length = own.length;
    });
    if (best) { return best; }
    var named = questionsOf(definition).filter(function (question) { return question.id === path[0]; })[0];
    return named ? named.id : null;
  }

  /* Answers named in the address's fragment (#entry=slug, #profile=slug): {question id: value}, for the questions
     this form has. names maps a fragment key to a question id. */
  function readFragment(hash, definition, names) {
    var found = {}, ids = {};
    questionsOf(definition).forEach(function (question) { ids[question.id] = question; });
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("="), key, value;
      if (pair.length !== 2) { return; }
      try {
        key = decodeURIComponent(pair[0]);
        value = decodeURIComponent(pair[1].replace(/\+/g, " "));
      } catch {
        return;  // a broken escape: ignored
      }
      var id = Object.prototype.hasOwnProperty.call(names || {}, key) ? names[key] : null;
      if (id && ids[id] && !isGroup(ids[id]) && value.trim()) { found[id] = value.trim().slice(0, ids[id].limit || 500); }
    });
    return found;
  }

  /* A text with its {placeholders} filled in (a function, so that "$&" in a value is not a pattern). */
  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all;
    });
  }

  /* A counted text: the "_one" form for one. */
  function counted(words, key, count) {
    return fill(count === 1 && words[key + "_one"] ? words[key + "_one"] : words[key], { count: count });
  }

  /* Whether the answers hold anything at all (an empty form keeps no draft). */
  function isEmpty(answers) {
    return Object.keys(answers).every(function (id) {
      var value = answers[id];
      return Array.isArray(value) ? value.length === 0 : !String(value || "").trim();
    });
  }

  /* The answers of a stored draft that still fit the form: known questions, strings or lists of offered codes. */
  function cleanDraft(definition, stored) {
    var clean = {};
    if (!stored || typeof stored !== "object") { return clean; }
    questionsOf(definition).forEach(function (question) {
      if (!Object.prototype.hasOwnProperty.call(stored, question.id)) { return; }
      var value = stored[question.id];
      if (isGroup(question)) {
        var codes = (question.options || []).map(function (option) { return option[0]; });
        if (Array.isArray(value)) { clean[question.id] = value.filter(function (code) { return codes.indexOf(code) >= 0; }); }
      } else if (typeof value === "string") {
        clean[question.id] = value;
      }
    });
    return clean;
  }

  /* The slug an answer names: a slug, or the address of its page (…/udbudsplan/slug.html). */
  function slugOf(answer) {
    var text = String(answer || "").trim().replace(/[?#].*$/, "").replace(/\/+$/, "");
    var last = text.split("/").pop() || "";
    return last.replace(/\.html$/, "").toLowerCase();
  }

  /* A mailto: address with its subject and text, every part percent-encoded. */
  function mailtoHref(address, subject, body) {
    var parts = String(address).split("@");
    var to = parts.map(function (part) { return encodeURIComponent(part); }).join("@");
    return "mailto:" + to + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(String(body).replace(/\r?\n/g, "\r\n"));
  }

  /* The e-mail to an entry's buyer contact (interest form): null when the entry is unknown or names no e-mail. */
  function buyerMail(setup, answers) {
    var entry = (setup.entries || {})[slugOf(answers.entry)];
    if (!entry || !entry.email || !Object.prototype.hasOwnProperty.call(setup.entries, slugOf(answers.entry))) { return null; }
    var words = setup.words, supplier = slugOf(answers.supplier);
    var profile = supplier ? fill(setup.profileUrl || "{slug}", { slug: supplier }) : "";
    return {
      name: entry.name || entry.email,
      email: entry.email,
      href: mailtoHref(entry.email, fill(words.buyer_subject, { title: entry.title }),
        fill(words.buyer_body, { title: entry.title, url: entry.url, profile: profile })),
    };
  }

  /* A change's fields that land in the profile (without the profile's slug and the note to the editors). */
  function changedFields(change) {
    var fields = {};
    Object.keys(change || {}).forEach(function (key) {
      if (key !== "profile" && key !== "other_changes") { fields[key] = change[key]; }
    });
    return fields;
  }

  /* Whether a value stands at this path of a record (a problem of a missing field is no problem of a change). */
  function isPresent(value, path) {
    if (!path.length) { return false; }
    for (var i = 0; i < path.length; i++) {
      if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, path[i])) { return false; }
      value = value[path[i]];
    }
    return value !== undefined;
  }

  var logic = {
    parsePath: parsePath, questionFor: questionFor, readFragment: readFragment, fill: fill, counted: counted,
    isEmpty: isEmpty, cleanDraft: cleanDraft, slugOf: slugOf, mailtoHref: mailtoHref, buyerMail: buyerMail,
    isGroup: isGroup, changedFields: changedFields, isPresent: isPresent,
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = logic;
    return;
  }

  // --- the page -------------------------------------------------------------------------------------------------

  var page = document.getElementById("bro-form-page");
  if (!page) { return; }
  var definition, setup;
  try {
    definition = JSON.parse(document.getElementById("bro-form-definition").textContent);
    setup = JSON.parse(document.getElementById("bro-form-setup").textContent);
  } catch {
    return;  // the page is broken; the noscript text cannot help, but nothing runs half-way
  }
  var words = setup.words || {};
  var status = document.getElementById("bro-form-status");
  var record = window.BroFormRecord, checker = window.BroRecordCheck;
  if (!record || !checker) {
    status.textContent = fill(words.failed, { email: definition.editors_email });
    status.className += " bro-form-status--error";
    return;
  }

  var PREFIX = "bro-q-";
  var form = document.getElementById("bro-form");
  var summary = document.getElementById("bro-form-summary");
  var result = document.getElementById("bro-form-result");
  var removal = definition.kind === "removal";
  var questions = questionsOf(definition);
  var byId = {};
  questions.forEach(function (question) { byId[question.id] = question; });
  var touched = {};  // questions the reader has left: their problems show while typing
  var submitted = false;  // after the first submit every problem shows, and the result follows the answers
  var timer = null, downloadUrl = null, lastCount = -1;

  /* The form controls of one question. */
  function controls(question) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + question.id + '"]'));
  }

  function readAnswers() {
    var answers = {};
    questions.forEach(function (question) {
      var inputs = controls(question);
      if (isGroup(question)) {
        answers[question.id] = inputs.filter(function (input) { return input.checked; })
          .map(function (input) { return input.value; });
      } else {
        answers[question.id] = inputs.length ? inputs[0].value : "";
      }
    });
    return answers;
  }

  function writeAnswers(answers) {
    Object.keys(answers).forEach(function (id) {
      var question = byId[id];
      if (!question) { return; }
      controls(question).forEach(function (input) {
        if (isGroup(question)) {
          input.checked = answers[id].indexOf(input.value) >= 0;
        } else if (input.tagName === "SELECT") {
          var offered = Array.prototype.some.call(input.options, function (option) { return option.value === answers[id]; });
          input.value = offered ? answers[id] : "";
        } else {
          input.value = answers[id];
        }
      });
    });
  }

  // --- drafts: this browser only ------------------------------------------------------------------------------

  function storage() {
    try { return window.localStorage; } catch { return null; }
  }

  function loadDraft() {
    var store = storage();
    if (!store) { return null; }
    try {
      var text = store.getItem(setup.draftKey);
      return text ? cleanDraft(definition, JSON.parse(text)) : null;
    } catch {
      return null;  // unreadable: left alone, overwritten by the next answer
    }
  }

  function saveDraft(answers) {
    var store = storage();
    if (!store) { return false; }
    try {
      if (isEmpty(answers)) { store.removeItem(setup.draftKey); } else { store.setItem(setup.draftKey, JSON.stringify(answers)); }
      return true;
    } catch {
      return false;
    }
  }

  function deleteDraft() {
    var store = storage();
    try { if (store) { store.removeItem(setup.draftKey); } } catch { /* nothing stored */ }
    window.clearTimeout(timer);
    timer = null;
    form.reset();
    touched = {};
    submitted = false;
    lastCount = -1;
    questions.forEach(function (question) { showProblems(question, []); });
    summary.hidden = true;
    result.hidden = true;
    say(words.draft_deleted);
  }

  // --- checking ---------------------------------------------------------------------------------------------

  /* The record built from the answers and every problem: {id (a question, or null), message, severity}. */
  function evaluate(answers) {
    // one day for both: the reader's (a profile confirmed today is dated today, not the day the site was built)
    var now = new Date(), today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
    var built = record.build(definition, answers, { today: today }) || {};
    var problems = (built.problems || []).map(function (problem) {
      return { id: byId[problem.id] ? problem.id : null, message: problem.message, severity: problem.severity || "error" };
    });
    var made = built.record || built.partial;
    if (made && definition.collection !== null && !removal) {
      var collection = definition.kind === "interest" ? "interest" : definition.collection;
      var checked = definition.kind === "change" ? changedFields(made) : made;
      var found = checker.check(collection, checked, definition.lang, { today: today }) || [];
      if (definition.kind === "change") {  // only what is changed: the rest of the profile is not on this page
        found = found.filter(function (problem) { return isPresent(checked, parsePath(problem.field)); });
      }
      if (!built.record) {  // answers still missing: only what the reader has answered is checked yet
        found = found.filter(function (problem) {
          var id = questionFor(definition, problem.field);
          return Boolean(id && byId[id] && hasAnswer(byId[id], answers));
        });
      }
      found.forEach(function (problem) {
        problems.push({ id: questionFor(definition, problem.field), message: problem.message, severity: problem.severity || "error" });
      });
    }
    return { answers: answers, record: built.record, problems: problems };
  }

  function hasAnswer(question, answers) {
    var value = answers[question.id];
    return Array.isArray(value) ? value.length > 0 : Boolean(String(value || "").trim());
  }

  /* A question's problems next to it: the text, aria-invalid on its controls, the text among their descriptions. */
  function showProblems(question, problems) {
    var box = document.getElementById(PREFIX + question.id + "-error");
    var target = document.getElementById(PREFIX + question.id);
    if (!box || !target) { return; }
    var errors = problems.filter(function (problem) { return problem.severity === "error"; });
    box.textContent = "";
    problems.forEach(function (problem) {
      var line = document.createElement("span");
      line.className = "bro-field__problem bro-field__problem--" + (problem.severity === "error" ? "error" : "warning");
      var lead = document.createElement("strong");
      lead.textContent = (problem.severity === "error" ? words.error : words.warning) + " ";
      line.appendChild(lead);
      line.appendChild(document.createTextNode(problem.message));
      box.appendChild(line);
    });
    box.hidden = problems.length === 0;
    var ids = (target.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== box.id;
    });
    if (problems.length) { ids.push(box.id); }
    if (ids.length) { target.setAttribute("aria-describedby", ids.join(" ")); } else { target.removeAttribute("aria-describedby"); }
    var invalid = isGroup(question) ? controls(question) : [target];
    invalid.forEach(function (control) {
      if (errors.length) { control.setAttribute("aria-invalid", "true"); } else { control.removeAttribute("aria-invalid"); }
    });
    document.getElementById(PREFIX + question.id + "-box").classList.toggle("bro-field--invalid", errors.length > 0);
  }

  function firstControl(question) {
    return isGroup(question) ? controls(question)[0] : document.getElementById(PREFIX + question.id);
  }

  function renderSummary(errors) {
    var list = document.getElementById("bro-form-summary-list");
    list.textContent = "";
    document.getElementById("bro-form-summary-title").textContent = counted(words, "summary_title", errors.length);
    document.getElementById("bro-form-summary-intro").textContent = words.summary_intro;
    errors.forEach(function (problem) {
      var item = document.createElement("li");
      var question = problem.id ? byId[problem.id] : null;
      if (question) {
        var link = document.createElement("a");
        var control = firstControl(question);
        link.href = "#" + (control ? control.id : PREFIX + question.id);
        link.textContent = question.label + ": " + problem.message;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          var box = document.getElementById(PREFIX + question.id + "-box");
          if (box && box.scrollIntoView) { box.scrollIntoView({ block: "center" }); }
          if (control) { control.focus({ preventScroll: true }); }
        });
        item.appendChild(link);
      } else {
        item.textContent = words.whole_record + ": " + problem.message;
      }
      list.appendChild(item);
    });
    summary.hidden = errors.length === 0;
  }

  function say(text) {
    status.textContent = text;
  }

  /* Check the answers and show what the reader should see now; returns the state. The summary at the top is
     written on submit only (it would move the whole form while the reader works on it). */
  function refresh(all) {
    var state = evaluate(readAnswers());
    var byQuestion = {};
    state.problems.forEach(function (problem) {
      if (problem.id) { (byQuestion[problem.id] = byQuestion[problem.id] || []).push(problem); }
    });
    questions.forEach(function (question) {
      var shown = all || submitted || (touched[question.id] && hasAnswer(question, state.answers));
      showProblems(question, shown ? byQuestion[question.id] || [] : []);
    });
    var errors = state.problems.filter(function (problem) { return problem.severity === "error"; });
    var order = {};
    questions.forEach(function (question, index) { order[question.id] = index; });
    errors.sort(function (a, b) {  // as the questions come (a problem of the whole record first); stable otherwise
      return (a.id ? order[a.id] : -1) - (b.id ? order[b.id] : -1);
    });
    if (all) { renderSummary(errors); }
    if (submitted) {
      if (errors.length !== lastCount) {
        say(errors.length ? counted(words, "status_errors", errors.length) : removal ? words.status_ready_removal : words.status_ready);
      }
      lastCount = errors.length;
      showResult(state, errors);
    }
    return { state: state, errors: errors };
  }

  // --- the result and its routes ------------------------------------------------------------------------------

  function showResult(state, errors) {
    var blocked = document.getElementById("bro-form-blocked");
    var routes = document.getElementById("bro-form-routes");
    if (errors.length) {
      blocked.textContent = words.blocked;
      blocked.hidden = false;
      routes.hidden = true;
      return;
    }
    blocked.hidden = true;
    routes.hidden = false;
    result.hidden = false;
    var preview = document.getElementById("bro-form-preview");
    var mail = document.getElementById("bro-form-mail");
    if (removal) {
      var letter = record.removalMail(definition, state.answers);
      mail.href = letter.href;
      preview.textContent = mailBody(letter.href);
      return;
    }
    var text = record.emit(definition, state.record);
    preview.textContent = text;
    var link = record.mailto(definition, text);
    mail.href = link.href;
    var tooLong = document.getElementById("bro-form-too-long");
    tooLong.textContent = link.tooLong ? fill(words.too_long, { email: definition.editors_email }) : "";
    tooLong.hidden = !link.tooLong;
    var download = document.getElementById("bro-form-download");
    if (downloadUrl) { URL.revokeObjectURL(downloadUrl); }
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "application/yaml;charset=utf-8" }));
    download.href = downloadUrl;
    download.setAttribute("download", record.fileName(definition, state.record));
    var issue = definition.issue_form ? record.issueUrl(definition, state.answers) : null;
    document.getElementById("bro-form-github-route").hidden = !issue;
    if (issue) { document.getElementById("bro-form-github").href = issue; }
    var buyer = document.getElementById("bro-form-buyer");
    if (buyer) {
      var letterToBuyer = buyerMail(setup, state.answers);
      buyer.hidden = !letterToBuyer;
      if (letterToBuyer) {
        document.getElementById("bro-form-buyer-text").textContent = fill(words.buyer_text, letterToBuyer);
        var button = document.getElementById("bro-form-buyer-mail");
        button.href = letterToBuyer.href;
        button.textContent = words.buyer_button;
      }
    }
  }

  /* The text of a mailto: link's body (the removal e-mail shown as the reader will send it). */
  function mailBody(href) {
    var match = /[?&]body=([^&]*)/.exec(href);
    try {
      return match ? decodeURIComponent(match[1]).replace(/\r\n/g, "\n") : "";
    } catch {
      return "";
    }
  }

  // --- events -------------------------------------------------------------------------------------------------

  function questionOf(target) {
    var box = target && target.closest ? target.closest("[data-question]") : null;
    return box ? byId[box.getAttribute("data-question")] : null;
  }

  function changed() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      timer = null;
      var answers = readAnswers();
      if (!saveDraft(answers)) { say(words.draft_unavailable); }
      refresh(false);
    }, DELAY);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    var question = questionOf(event.target);
    if (question) { touched[question.id] = true; }
    changed();
  });
  form.addEventListener("focusout", function (event) {
    var question = questionOf(event.target);
    if (question && !(event.relatedTarget && questionOf(event.relatedTarget) === question)) {
      touched[question.id] = true;
      changed();  // later, not now: the page must not move under a click that is still going on
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    submitted = true;
    lastCount = -1;
    saveDraft(readAnswers());
    var outcome = refresh(true);
    if (outcome.errors.length) {
      result.hidden = true;
      summary.focus();
    } else {
      var title = document.getElementById("bro-form-result-title");
      if (title.scrollIntoView) { title.scrollIntoView({ block: "start" }); }
      title.focus({ preventScroll: true });
    }
  });
  document.getElementById("bro-form-delete").addEventListener("click", deleteDraft);
  window.addEventListener("pagehide", function () {  // the last answers, typed just before the page is left
    if (timer !== null) { window.clearTimeout(timer); saveDraft(readAnswers()); }
  });
  window.addEventListener("hashchange", function () {
    var given = readFragment(location.hash, definition, setup.fragment);
    if (Object.keys(given).length) {
      writeAnswers(given);
      changed();
    }
  });

  // --- start ------------------------------------------------------------------------------------------------

  var draft = loadDraft();
  if (draft && !isEmpty(draft)) {
    writeAnswers(draft);
    say(words.draft_restored);
  }
  var given = readFragment(location.hash, definition, setup.fragment);
  if (Object.keys(given).length) {
    writeAnswers(given);
    Object.keys(given).forEach(function (id) { touched[id] = true; });
    saveDraft(readAnswers());
  }
  document.getElementById("bro-form-actions").hidden = false;
  page.classList.add("bro-form--ready");
  refresh(false);
}());
