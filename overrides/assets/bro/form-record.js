/* The record of a form on the site (window.BroFormRecord): the answers read exactly as the form robot reads the same
   answers of the GitHub issue form (bro.forms.answers: whole numbers, amounts, dates, web addresses, places, CPV codes,
   ticked boxes), the data-file record the robot would build from them (bro.forms.records), the document the editors'
   e-mail import reads ("# bro-form: <kind> <lang>" and the YAML, byte for byte what bro.forms.emitter writes: the
   scalar styles, quoting and line folding of ruamel.yaml's emitter, ported below), and the ways to send it: a mailto:
   link to the editors, the file's name for a download, the GitHub issue form with the typed answers, and a removal
   request as a plain e-mail (never YAML, never GitHub). Everything a form needs (questions, options, place names,
   the schema's key order, the words) comes from the page's definition (bro.forms.web.make_form_definition).
   tests/test_form_record_parity.py runs this file and the Python robot on the same answers; tests/js/ tests the
   links. A classic script (works from file://); node's test runner loads it as a module. */
(function (root) {
  "use strict";

  // ------------------------------------------------------------------------------------------- Python's text rules

  /* Characters no answer may hold (bro.forms.definitions.BAD_CHARACTERS): controls, lone surrogates, non-characters. */
  var BAD_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udfff]/u;  // eslint-disable-line no-control-regex
  /* Python's whitespace (str.isspace, re's \s on text). */
  var PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACE_RUN = new RegExp("[" + PY_SPACE + "]+", "u");
  var EDGE_SPACE = new RegExp("^[" + PY_SPACE + "]+|[" + PY_SPACE + "]+$", "gu");
  var DIGIT = "\\p{Nd}";
  var NUMBER = new RegExp("^(" + DIGIT + "{1,3}(?:[ .\\u00a0]" + DIGIT + "{3})+|" + DIGIT + "+)$", "u");
  var AMOUNT = new RegExp("^(" + DIGIT + "{1,3}(?:[ .\\u00a0]" + DIGIT + "{3})+|" + DIGIT + "+)(?:,-|,00)?[" +
                          PY_SPACE + "]*(?:kr\\.?|dkk|sek|eur|euro)?$", "iu");
  var LOCAL_DATE = new RegExp("^(" + DIGIT + "{1,2})[./-](" + DIGIT + "{1,2})[./-](" + DIGIT + "{4})$", "u");
  var ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
  var SCHEME = /^[a-z][a-z0-9+.-]*:/iu;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var NO_RESPONSE = "_No response_";
  var AREA_SPLIT = new RegExp("[,;]|[" + PY_SPACE + "]+(?:og|och)[" + PY_SPACE + "]+", "u");
  var CPV_SPLIT = new RegExp("[,;" + PY_SPACE + "]+", "u");
  var PLACE_WORDS = { kommune: true, kommun: true, region: true, stad: true };
  var FOLD = { "ß": "ss", "ẞ": "ss", "ſ": "s", "ς": "σ", "µ": "μ", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi",
               "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "ι": "ι", "ϐ": "β", "ϑ": "θ", "ϕ": "φ", "ϖ": "π", "ϰ": "κ",
               "ϱ": "ρ", "ϵ": "ε", "ẛ": "ṡ" };

  /* Python's str.strip(). */
  function pyStrip(text) { return text.replace(EDGE_SPACE, ""); }
  /* Python's str.casefold(), near enough for place names. */
  function casefold(text) {
    return text.toLowerCase().replace(/[ßẞſςµﬀ-ﬆιϐϑϕϖϰϱϵẛ]/gu, function (ch) { return FOLD[ch] || ch; });
  }
  /* The length Python counts: code points. */
  function pyLength(text) { return Array.from(text).length; }
  /* The value of a decimal digit of any script (Python's int() reads them all). */
  function digitValue(ch) {
    var code = ch.codePointAt(0), start = code;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) { start -= 1; }
    return (code - start) % 10;
  }
  /* Python's int() of the digits in a text (grouping marks left out); a BigInt when a Number would lose digits. */
  function readDigits(text) {
    var digits = Array.from(text).filter(function (ch) { return /\p{Nd}/u.test(ch); })
      .map(function (ch) { return String(digitValue(ch)); }).join("").replace(/^0+(?=.)/, "");
    var number = Number(digits);
    return Number.isSafeInteger(number) ? number : BigInt(digits);
  }
  /* bro.vocab.plain_name: a place name case-folded, without 'Kommune', 'kommun', 'Region', 'stad'. */
  function plainName(text) {
    return casefold(text).replace(/-/g, " ").split(SPACE_RUN)
      .filter(function (word) { return word && !PLACE_WORDS[word]; }).join(" ");
  }
  /* Text as an issue body holds it: Unix line ends, composed letters. */
  function normalizeText(text) { return String(text).replace(/\r\n/g, "\n").replace(/\r/g, "\n").normalize("NFC"); }
  /* A date "today" in the reader's time zone, YYYY-MM-DD. */
  function localToday() {
    var now = new Date();
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
  }

  // ------------------------------------------------------------------------------------------- reading the answers

  function problem(definition, id, code, params) {
    var words = ((definition.texts || {}).problems || {})[code] || code;
    var message = words.replace(/\{(\w+)\}/g, function (whole, key) {
      return params && key in params ? String(params[key]) : whole;
    });
    return { id: id, code: code, message: message };
  }

  function questionsOf(definition) {
    return definition.items.filter(function (item) { return item.id; });
  }

  /* The code of a place named in Danish or Swedish, as bro.forms.answers.find_area_code finds it (or null). */
  function findArea(definition, text) {
    var areas = definition.areas || [], wanted = [], name, i, j;
    text = pyStrip(text);
    for (i = 0; i < areas.length; i += 1) { if (areas[i][0] === text) { return text; } }
    var folded = casefold(text), byCase = {};
    for (i = 0; i < areas.length; i += 1) { byCase[casefold(areas[i][0])] = areas[i][0]; }
    if (Object.prototype.hasOwnProperty.call(byCase, folded)) { return byCase[folded]; }
    name = plainName(text);
    [name, name.endsWith("s") ? name.slice(0, -1) : name].forEach(function (w) { if (w) { wanted.push(w); } });
    for (i = 0; i < areas.length; i += 1) {
      for (j = 0; j < wanted.length; j += 1) { if (areas[i][1].indexOf(wanted[j]) >= 0) { return areas[i][0]; } }
    }
    return null;
  }

  var READERS = {
    integer: function (definition, q, raw) {
      return NUMBER.test(raw) ? [readDigits(raw), null] : [null, problem(definition, q.id, "not_a_number", { value: raw })];
    },
    amount: function (definition, q, raw) {
      var match = AMOUNT.exec(raw);
      return match ? [readDigits(match[1]), null] : [null, problem(definition, q.id, "not_an_amount", { value: raw })];
    },
    date: function (definition, q, raw) {
      var local = LOCAL_DATE.exec(raw), text = raw, iso;
      if (local) {
        text = local[3] + "-" + String(readDigits(local[2])).padStart(2, "0") + "-" +
          String(readDigits(local[1])).padStart(2, "0");
      }
      iso = ISO_DATE.exec(text);
      if (iso) {
        var year = Number(iso[1]), month = Number(iso[2]), day = Number(iso[3]);
        var date = new Date(Date.UTC(2000, month - 1, day));
        date.setUTCFullYear(year);
        if (year >= 1 && month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
          return [text, null];
        }
      }
      return [null, problem(definition, q.id, "bad_date", { value: raw })];
    },
    url: function (definition, q, raw) {
      if (!SCHEME.test(raw) && raw.indexOf(" ") < 0 && raw.indexOf(".") >= 0) { return ["https://" + raw, null]; }
      return [raw, null];
    },
    area: function (definition, q, raw) {
      var code = findArea(definition, raw);
      return code ? [code, null] : [null, problem(definition, q.id, "unknown_area", { value: pyStrip(raw) })];
    },
    areas: function (definition, q, raw) {
      var codes = [], parts = raw.split(AREA_SPLIT).map(pyStrip).filter(Boolean), i, code;
      for (i = 0; i < parts.length; i += 1) {
        code = findArea(definition, parts[i]);
        if (!code) { return [null, problem(definition, q.id, "unknown_area", { value: parts[i] })]; }
        if (codes.indexOf(code) < 0) { codes.push(code); }
      }
      return [codes, null];
    },
    cpv: function (definition, q, raw) { return [raw.split(CPV_SPLIT).filter(Boolean), null]; },
  };

  /* One answer as a value ([value, problem]), as bro.forms.answers reads it from an issue body. */
  function readAnswer(definition, q, answer) {
    if (q.widget === "dropdown" || q.widget === "checkboxes") { return readChoice(definition, q, answer); }
    var raw = answer == null ? "" : pyStrip(normalizeText(Array.isArray(answer) ? answer.join(", ") : answer));
    if (raw === NO_RESPONSE) { raw = ""; }
    var length = pyLength(raw);
    if (length > q.limit) { return [null, problem(definition, q.id, "too_long", { length: length, limit: q.limit })]; }
    if (BAD_CHARACTERS.test(raw) || (q.widget === "input" && raw.indexOf("\t") >= 0)) {
      return [null, problem(definition, q.id, "bad_characters")];
    }
    if (q.widget === "input" && raw.indexOf("\n") >= 0) { return [null, problem(definition, q.id, "one_line")]; }
    if (!raw) { return [null, null]; }
    var reader = READERS[q.value];
    return reader ? reader(definition, q, raw) : [raw, null];
  }

  /* Dropdown and checkbox answers (codes, as the inputs hold them) as the robot's codes. */
  function readChoice(definition, q, answer) {
    var codes = (Array.isArray(answer) ? answer : answer == null || answer === "" ? [] : [answer]).map(String);
    var known = q.options.map(function (pair) { return pair[0]; });
    if (!codes.length && q.widget === "dropdown" && q.default != null) { codes = [known[q.default]]; }
    for (var i = 0; i < codes.length; i += 1) {
      if (known.indexOf(codes[i]) < 0) {
        return [null, problem(definition, q.id, "unknown_option", { value: codes[i] })];
      }
    }
    if (q.widget === "checkboxes") {  // the issue lists every box in the form's order
      codes = known.filter(function (code) { return codes.indexOf(code) >= 0; });
    } else if (!q.multiple) {
      codes = codes.slice(0, 1);
    }
    codes = codes.filter(function (code, index) { return codes.indexOf(code) === index; });
    if (q.value === "flag") { return [codes.length > 0, null]; }
    return [q.value === "codes" ? codes : codes.length ? codes[0] : null, null];
  }

  /* Every answer read: {values, problems} (empty answers left out; a required one missing is a problem). */
  function readAnswers(definition, answers) {
    var values = {}, problems = [];
    questionsOf(definition).forEach(function (q) {
      var read = readAnswer(definition, q, (answers || {})[q.id]), value = read[0];
      if (read[1]) {
        problems.push(read[1]);
      } else if (value == null || value === false || value === "" || (Array.isArray(value) && !value.length)) {
        if (q.required) {
          problems.push(problem(definition, q.id, q.widget === "checkboxes" ? "choose_something" : "required"));
        }
      } else {
        values[q.id] = value;
      }
    });
    return { values: values, problems: problems };
  }

  // ------------------------------------------------------------------------------------------- building the record

  function isEmpty(value) {
    return value == null || value === "" || (Array.isArray(value) && !value.length) ||
      (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
  }
  /* Set a value at a path unless it is empty (bro.forms.records._put). */
  function put(data, path, value) {
    if (isEmpty(value)) { return; }
    var target = data;
    for (var i = 0; i < path.length - 1; i += 1) {
      if (!Object.prototype.hasOwnProperty.call(target, path[i])) { target[path[i]] = {}; }
      target = target[path[i]];
    }
    target[path[path.length - 1]] = value;
  }
  function deliveryArea(values) {
    var areas = [];
    ["delivery_regions", "delivery_municipalities"].forEach(function (id) {
      (values[id] || []).forEach(function (code) { if (areas.indexOf(code) < 0) { areas.push(code); } });
    });
    return areas;
  }
  function makeContact(values, lang) {
    var contact = {};
    if (values.contact_name != null) { contact.name = values.contact_name; }
    if (values.contact_role) { contact.role = {}; contact.role[lang] = values.contact_role; }
    if (values.contact_email != null) { contact.email = values.contact_email; }
    if (values.contact_phone != null) { contact.phone = values.contact_phone; }
    if (values.contact_basis != null) { contact.publish_basis = values.contact_basis; }
    return contact;
  }
  function makeReserved(choice) {
    if (!choice) { return null; }
    return choice === "no" ? { eligible: false } : { eligible: true, basis: choice };
  }

  /* Where each question's answer lands in the record (the definition's paths, from the schema's x-form-question). */
  function pathsOf(definition) {
    var paths = {};
    questionsOf(definition).forEach(function (q) { if (q.path) { paths[q.id] = q.path; } });
    return paths;
  }
  // A new supplier's questions whose answers are not written as they are (bro.forms.records._SUPPLIER_BUILT_APART).
  var SUPPLIER_APART = { delivery_regions: true, delivery_municipalities: true, reserved_contracts: true,
                         registrations: true, registration_url: true, confirm: true, still_correct: true };

  function buildSupplier(values, lang, today, problems, definition) {
    var data = {}, paths = pathsOf(definition);
    questionsOf(definition).forEach(function (q) {
      if (q.path && !SUPPLIER_APART[q.id] && q.id.indexOf("contact_") !== 0) { put(data, q.path, values[q.id]); }
    });
    put(data, paths.delivery_regions, deliveryArea(values));
    put(data, paths.reserved_contracts, makeReserved(values.reserved_contracts));
    var registrations = (values.registrations || []).map(function (code) { return { type: code }; });
    if (values.registration_url) {
      if (!registrations.length) {
        problems.push(problem(definition, "registration_url", "registration_url_without_type"));
      } else {
        var holder = registrations.filter(function (r) { return r.type === "other"; })[0] || registrations[0];
        holder.url = values.registration_url;
      }
    }
    put(data, paths.registrations, registrations);
    put(data, paths.contact_name.slice(0, 1), [makeContact(values, lang)]);
    put(data, paths.confirm, today);
    return data;
  }

  var TENDER_SKIP = { delivery_regions: true, delivery_municipalities: true, currency: true, reserved_execution: true };

  function buildTender(values, lang, definition) {
    var data = {};
    questionsOf(definition).forEach(function (q) {  // every question with a place in the file, in the form's order
      if (q.path && !TENDER_SKIP[q.id] && q.id.indexOf("contact_") !== 0) { put(data, q.path, values[q.id]); }
    });
    if (values.reserved_execution === "yes" || values.reserved_execution === "no") {
      data.reserved_execution = values.reserved_execution === "yes";
    }
    if (data.estimated_value) {
      put(data, ["estimated_value", "currency"],
          values.currency || (definition.currencies || {})[values.buyer_country]);
    }
    put(data, ["delivery_area"], deliveryArea(values));
    put(data, ["contact"], makeContact(values, lang));
    return data;
  }

  // The change form's questions whose answers land as they are (bro.forms.records._CHANGE_AS_IS).
  var CHANGE_AS_IS = ["name", "website", "legal_form", "founded", "categories", "target_groups", "summary_da",
                      "summary_sv", "description_da", "description_sv", "social_purpose_da", "social_purpose_sv",
                      "employees_total", "employees_target", "engaged_total", "engaged_target", "street", "postcode",
                      "city", "municipality"];
  var CONTACT_QUESTIONS = ["contact_name", "contact_role", "contact_email", "contact_phone", "contact_basis"];

  /* The changed fields in data-file shape (bro.forms.records.build_change), after the profile; the note last. */
  function buildChange(values, lang, today, problems, definition) {
    var data = {}, paths = pathsOf(definition);
    data.profile = values.profile == null ? "" : referenceSlug(values.profile, definition);
    CHANGE_AS_IS.forEach(function (id) { if (paths[id]) { put(data, paths[id], values[id]); } });
    put(data, paths.delivery_regions, deliveryArea(values));
    put(data, paths.reserved_contracts, makeReserved(values.reserved_contracts));
    if (CONTACT_QUESTIONS.some(function (id) { return values[id]; })) {
      data[paths.contact_name[0]] = [makeContact(values, lang)];
    }
    if (values.contact_name && !values.contact_basis) {
      problems.push(problem(definition, "contact_basis", "contact_basis_missing"));
    }
    if (values.still_correct) { put(data, paths.still_correct, today); }
    if (values.other_changes) { data.other_changes = values.other_changes; }
    if (Object.keys(data).length === 1 && !problems.length) {
      problems.push(problem(definition, null, "nothing_to_change"));
    }
    return data;
  }

  /* The slug a page address or short name names (bro.forms.drafts.resolve_reference before it looks it up). */
  function referenceSlug(text, definition) {
    var slug, parts;
    text = pyStrip(String(text));
    if (text.indexOf("/") >= 0) {
      parts = urlPath(text).split("/").filter(Boolean);
      slug = parts.length ? parts[parts.length - 1].replace(/\.(html|yml|md)$/, "") : "";
    } else {
      slug = SLUG.test(text) ? text : suggestSlug(text, definition);
    }
    return slug.toLowerCase();
  }
  var USES_PARAMS = ["", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtspu", "sip", "sips",
                     "mms", "sftp", "tel"];
  /* The path of an address as Python's urllib.parse.urlparse reads it (the text itself when it has no "://"). */
  function urlPath(text) {
    if (text.indexOf("://") < 0) { return text; }
    var url = text, scheme = "", colon = url.indexOf(":"), cut;
    if (colon > 0 && /^[A-Za-z]$/.test(url[0]) && /^[A-Za-z0-9+.-]+$/.test(url.slice(0, colon))) {
      scheme = url.slice(0, colon).toLowerCase();
      url = url.slice(colon + 1);
    }
    if (url.slice(0, 2) === "//") {
      cut = url.length;
      "/?#".split("").forEach(function (ch) { var at = url.indexOf(ch, 2); if (at >= 0 && at < cut) { cut = at; } });
      url = url.slice(cut);
    }
    if (url.indexOf("#") >= 0) { url = url.slice(0, url.indexOf("#")); }
    if (url.indexOf("?") >= 0) { url = url.slice(0, url.indexOf("?")); }
    if (USES_PARAMS.indexOf(scheme) >= 0 && url.indexOf(";") >= 0) {
      var at = url.indexOf("/") >= 0 ? url.indexOf(";", url.lastIndexOf("/")) : url.indexOf(";");
      if (at >= 0) { url = url.slice(0, at); }
    }
    return url;
  }
  /* bro.collisions.suggest_slug: lower case, Nordic letters written out, hyphens. */
  function suggestSlug(name, definition) {
    var table = (definition && definition.translit) || {};
    var text = Array.from(String(name).toLowerCase()).map(function (ch) {
      return Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    }).join("");
    return text.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "navn";
  }

  /* The record the robot would make of these answers, and every problem found on the way. */
  function build(definition, answers, options) {
    var read = readAnswers(definition, answers), values = read.values, problems = read.problems.slice();
    var today = (options && options.today) || localToday(), lang = definition.lang, record = null;
    if (!problems.length || definition.kind === "removal") {
      if (definition.kind === "supplier") {
        record = buildSupplier(values, lang, today, problems, definition);
      } else if (definition.kind === "tender") {
        record = buildTender(values, lang, definition);
      } else if (definition.kind === "change") {
        record = buildChange(values, lang, today, problems, definition);
      } else if (definition.kind === "interest") {
        record = {};
        (definition.interest_keys || ["entry", "supplier"]).forEach(function (key) {
          record[key] = referenceSlug(values[key], definition);
        });
      } else {
        record = values;
      }
    }
    return { record: problems.length ? null : record, problems: problems };
  }

  // ------------------------------------------------------------------------------------------- the YAML emitter
  // bro.forms.emitter: convert_to_round_trip chooses a style for each text (_style_text), ruamel.yaml's emitter
  // (width 4096, maps indented 2, sequences 4 with the dash at 2) writes it: ported from ruamel.yaml 0.19's
  // emitter.py (analyze_scalar, choose_scalar_style, write_plain/_single_quoted/_double_quoted/_literal).

  var WIDTH = 4096;
  var BREAKS = "\n\x85\u2028\u2029";
  var SPACES_OR_BREAKS = "\0 \t\r\n\x85\u2028\u2029";
  var INDICATOR_START = "-?:,[]{}#&*!|>'\"%@`";
  var PY_SPACE_SET = new RegExp("^[" + PY_SPACE + "]$", "u");

  /* _style_text: "|" for clean multi-line text, '"' for odd characters, null to let the emitter choose. */
  function styleText(text) {
    var odd = BAD_CHARACTERS.test(text) || /[\t\x85\u2028\u2029\ufeff]/.test(text);
    if (text.indexOf("\n") >= 0 && !odd && text[0] !== " " && text[0] !== "\n" &&
        text.split("\n").every(function (line) { return !new RegExp("[" + PY_SPACE + "]$", "u").test(line); })) {
      return "|";
    }
    var first = Array.from(text)[0] || "";
    var indicator = INDICATOR_START.indexOf(first) >= 0 || PY_SPACE_SET.test(first);
    return odd || indicator || text.indexOf("\n") >= 0 ? '"' : null;
  }

  /* Whether a plain scalar would be read as something else than text (the strict resolver of the emitter). */
  function readsAsNonText(text) {
    var value = text.endsWith("\n") ? text.slice(0, -1) : text;  // Python's $ also matches before a final newline
    return /^(?:true|false)$/.test(value) || /^(?:0|-?[1-9][0-9]*)$/.test(value) ||
      /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/.test(value) || /^(?:~|null|)$/.test(value);
  }

  function isPrintable(code) {
    return code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
  }

  function analyzeScalar(chars, py) {
    if (!chars.length) {
      return { empty: true, multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true,
               doubleQuoted: true };
    }
    var blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    var breakSpace = false, spaceBreak = false;
    var text = chars.join("");
    if (text.indexOf("---") === 0 || text.indexOf("...") === 0) { blockIndicators = flowIndicators = true; }
    var precededBySpace = true;
    var followedBySpace = chars.length === 1 || SPACES_OR_BREAKS.indexOf(chars[1]) >= 0;
    var previousSpace = false, previousBreak = false;
    for (var index = 0; index < chars.length; index += 1) {
      var ch = chars[index];
      if (index === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) { flowIndicators = blockIndicators = true; }
        if (ch === "?" || ch === ":") {
          if (py || chars.length === 1) { flowIndicators = true; }
          if (followedBySpace) { blockIndicators = true; }
        }
        if (ch === "-" && followedBySpace) { flowIndicators = blockIndicators = true; }
      } else {
        if ((py ? ",?[]{}" : ",[]{}").indexOf(ch) >= 0) { flowIndicators = true; }
        if (ch === ":" && py) { flowIndicators = true; }
        if (ch === ":" && followedBySpace) { flowIndicators = blockIndicators = true; }
        if (ch === "#" && precededBySpace) { flowIndicators = blockIndicators = true; }
      }
      if (BREAKS.indexOf(ch) >= 0) { lineBreaks = true; }
      var code = ch.codePointAt(0);
      if (!(ch === "\n" || (code >= 0x20 && code <= 0x7e))) {
        if (!(isPrintable(code) && code !== 0xfeff && !(py && code === 0x10ffff))) { special = true; }
      }
      if (ch === " ") {
        if (index === 0) { leadingSpace = true; }
        if (index === chars.length - 1) { trailingSpace = true; }
        if (previousBreak) { breakSpace = true; }
        previousSpace = true;
        previousBreak = false;
      } else if (BREAKS.indexOf(ch) >= 0) {
        if (index === 0) { leadingBreak = true; }
        if (index === chars.length - 1) { trailingBreak = true; }
        if (previousSpace) { spaceBreak = true; }
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = previousBreak = false;
      }
      precededBySpace = SPACES_OR_BREAKS.indexOf(ch) >= 0;
      followedBySpace = index + 2 >= chars.length || SPACES_OR_BREAKS.indexOf(chars[index + 2]) >= 0;
    }
    var flowPlain = true, blockPlain = true, singleQuoted = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) { flowPlain = blockPlain = false; }
    if (breakSpace) { flowPlain = blockPlain = singleQuoted = false; }
    if (special || spaceBreak) { flowPlain = blockPlain = singleQuoted = false; }
    if (lineBreaks) { flowPlain = blockPlain = false; }
    if (flowIndicators) { flowPlain = false; }
    if (blockIndicators) { blockPlain = false; }
    return { empty: false, multiline: lineBreaks, flowPlain: flowPlain, blockPlain: blockPlain,
             singleQuoted: singleQuoted, doubleQuoted: true };
  }

  /* PyYAML's resolver (YAML 1.1, the fallback emitter's): whether a plain scalar reads as something else than text. */
  var PY_IMPLICIT = [
    /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    /^(?:<<)$/, /^(?:~|null|Null|NULL|)$/,
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
    /^(?:=)$/, /^(?:!|&|\*)$/];
  var PY_FIRST = ["yYnNtTfFoO", "-+0123456789.", "-+0123456789", "<", "~nN", "0123456789", "=", "!&*"];
  function pyReadsAsNonText(text) {
    var value = text.endsWith("\n") ? text.slice(0, -1) : text;
    return PY_IMPLICIT.some(function (pattern, index) {
      return (text === "" ? index === 4 : PY_FIRST[index].indexOf(text[0]) >= 0) && pattern.test(value);
    });
  }

  function chooseStyle(text, chars, hint, flow, py) {
    var analysis = analyzeScalar(chars, py);
    if (py) {
      if (!pyReadsAsNonText(text) && (flow ? analysis.flowPlain : analysis.blockPlain)) { return ""; }
      return analysis.singleQuoted ? "'" : '"';
    }
    if (hint === '"') { return '"'; }
    if (!hint && !readsAsNonText(text) && (flow ? analysis.flowPlain : analysis.blockPlain)) { return ""; }
    if (hint === "|" && !flow) { return "|"; }
    if (!hint && (text.indexOf("'") >= 0 || text.indexOf("\n") >= 0)) { return '"'; }
    if (!hint && analysis.singleQuoted) { return "'"; }
    return '"';
  }

  function Writer(py) {
    this.py = !!py;  // PyYAML's emitter (the fallback), else ruamel.yaml's
    this.unfaithful = false;  // ruamel.yaml folded a plain text where reading it back loses spaces
    this.out = [];
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
    this.indent = 0;
  }
  Writer.prototype.write = function (data) { this.out.push(data); this.column += pyLength(data); };
  Writer.prototype.indicator = function (indicator, needWhitespace, whitespace, indention) {
    var data = this.whitespace || !needWhitespace ? indicator : " " + indicator;
    this.whitespace = !!whitespace;
    this.indention = this.indention && !!indention;
    this.write(data);
  };
  Writer.prototype.lineBreak = function (data) {
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
    this.out.push(data || "\n");
  };
  Writer.prototype.writeIndent = function () {
    var indent = this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) { this.lineBreak(); }
    if (this.column < indent) {
      this.whitespace = true;
      this.out.push(" ".repeat(indent - this.column));
      this.column = indent;
    }
  };

  Writer.prototype.plain = function (chars) {
    if (!chars.length) { return; }
    if (!this.whitespace) { this.write(" "); }
    this.whitespace = this.indention = false;
    var spaces = false, breaks = false, start = 0, end = 0, ch, data, k;
    while (end <= chars.length) {
      ch = end < chars.length ? chars[end] : null;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && (this.py ? this.column > WIDTH : this.column >= WIDTH)) {
            this.writeIndent();
            this.whitespace = this.indention = false;
          } else {
            this.write(chars.slice(start, end).join(""));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) {
          if (chars[start] === "\n") { this.lineBreak(); }
          for (k = start; k < end; k += 1) { this.lineBreak(chars[k]); }
          this.writeIndent();
          this.whitespace = this.indention = false;
          start = end;
        }
      } else if (ch === null || (" " + BREAKS).indexOf(ch) >= 0) {
        data = chars.slice(start, end).join("");
        if (!this.py && end - start + this.column > WIDTH && this.column > this.indent) {
          // a word longer than the rest of the line gets a line of its own: read back, the spaces before it fold
          if (start >= 2 && chars[start - 1] === " " && chars[start - 2] === " ") { this.unfaithful = true; }
          this.writeIndent();
        }
        this.write(data);
        start = end;
      }
      if (ch !== null) {
        spaces = ch === " ";
        breaks = BREAKS.indexOf(ch) >= 0;
      }
      end += 1;
    }
  };

  Writer.prototype.singleQuoted = function (chars) {
    this.indicator("'", true);
    var spaces = false, breaks = false, start = 0, end = 0, ch, k;
    while (end <= chars.length) {
      ch = end < chars.length ? chars[end] : null;
      if (spaces) {
        if (ch === null || ch !== " ") {
          if (start + 1 === end && this.column > WIDTH && start !== 0 && end !== chars.length) {
            this.writeIndent();
          } else {
            this.write(chars.slice(start, end).join(""));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) {
          if (chars[start] === "\n") { this.lineBreak(); }
          for (k = start; k < end; k += 1) { this.lineBreak(chars[k]); }
          this.writeIndent();
          start = end;
        }
      } else if (ch === null || (" " + BREAKS).indexOf(ch) >= 0 || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== null) {
        spaces = ch === " ";
        breaks = BREAKS.indexOf(ch) >= 0;
      }
      end += 1;
    }
    this.indicator("'", false);
  };

  var ESCAPES = { "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r",
                  "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P" };

  function hex(code, digits) { return code.toString(16).toUpperCase().padStart(digits, "0"); }

  Writer.prototype.doubleQuoted = function (chars) {
    this.indicator('"', true);
    var start = 0, end = 0, ch, code, data, needBackslash, spacePos, k;
    while (end <= chars.length) {
      ch = end < chars.length ? chars[end] : null;
      code = ch === null ? -1 : ch.codePointAt(0);
      if (ch === null || '"\\\x85\u2028\u2029\ufeff'.indexOf(ch) >= 0 ||
          !((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) ||
            (code >= 0xe000 && code <= 0xfffd) || (!this.py && code >= 0x10000 && code <= 0x10ffff))) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
        if (ch !== null) {
          if (Object.prototype.hasOwnProperty.call(ESCAPES, ch)) {
            data = "\\" + ESCAPES[ch];
          } else if (code <= 0xff) {
            data = "\\x" + hex(code, 2);
          } else if (code <= 0xffff) {
            data = "\\u" + hex(code, 4);
          } else {
            data = "\\U" + hex(code, 8);
          }
          this.write(data);
          start = end + 1;
        }
      }
      if (this.py && end > 0 && end < chars.length - 1 && (ch === " " || start >= end) &&
          this.column + (end - start) > WIDTH) {
        data = chars.slice(start, end).join("") + "\\";
        if (start < end) { start = end; }
        this.write(data);
        this.writeIndent();
        this.whitespace = this.indention = false;
        if (chars[start] === " ") { this.write("\\"); }
      } else if (end > 0 && end < chars.length - 1 && (ch === " " || start >= end) &&
          this.column + (end - start) > WIDTH) {
        needBackslash = true;
        spacePos = chars.indexOf(" ", end);
        if (spacePos >= 0) {
          for (k = end; k < spacePos; k += 1) { if (chars[k] === "\n") { spacePos = k; break; } }
          var between = chars.slice(end, spacePos);
          if (chars[spacePos] === "\n" && chars[spacePos + 1] !== " ") {
            needBackslash = true;
          } else if (between.indexOf('"') < 0 && between.indexOf("'") < 0 && spacePos + 1 < chars.length &&
                     " \n".indexOf(chars[spacePos + 1]) < 0 && !(chars[end - 1] === " " && chars[end] === " ") &&
                     start !== end) {
            needBackslash = false;
          }
        }
        data = chars.slice(start, end).join("") + (needBackslash ? "\\" : "");
        if (start < end) { start = end; }
        this.write(data);
        this.writeIndent();
        this.whitespace = this.indention = false;
        if (chars[start] === " ") {
          if (!needBackslash) { start += 1; }
          this.write(needBackslash ? "\\" : "");
        }
      }
      end += 1;
    }
    this.indicator('"', false);
  };

  Writer.prototype.literal = function (chars) {
    var hints = "", last = chars[chars.length - 1];
    if (BREAKS.indexOf(last) < 0) {
      hints = "-";
    } else if (chars.length === 1 || BREAKS.indexOf(chars[chars.length - 2]) >= 0) {
      hints = "+";
    }
    this.indicator("|" + hints, true);
    this.lineBreak();
    var breaks = true, start = 0, end = 0, ch, k;
    while (end <= chars.length) {
      ch = end < chars.length ? chars[end] : null;
      if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) {
          for (k = start; k < end; k += 1) { this.lineBreak(chars[k]); }
          if (ch !== null) { this.writeIndent(); }
          start = end;
        }
      } else if (ch === null || BREAKS.indexOf(ch) >= 0) {
        this.out.push(chars.slice(start, end).join(""));
        if (ch === null) { this.lineBreak(); }
        start = end;
      }
      if (ch !== null) { breaks = BREAKS.indexOf(ch) >= 0; }
      end += 1;
    }
  };

  /* One scalar (text, whole number or true/false) with the style the Python emitter gives it. */
  Writer.prototype.scalar = function (value, flow) {
    if (typeof value === "boolean" || typeof value === "number" || typeof value === "bigint") {
      this.plain(Array.from(String(value)));
      return;
    }
    var text = String(value), chars = Array.from(text);
    var style = chooseStyle(text, chars, this.py ? null : styleText(text), flow, this.py);
    if (style === '"') {
      this.doubleQuoted(chars);
    } else if (style === "'") {
      this.singleQuoted(chars);
    } else if (style === "|") {
      this.literal(chars);
    } else {
      this.plain(chars);
    }
  };

  function isFlowList(list) {
    return list.every(function (item) {
      return (typeof item === "string" && item.indexOf("\n") < 0) || typeof item === "number" ||
        typeof item === "bigint";
    });
  }

  /* A block mapping whose keys sit at indent. */
  Writer.prototype.mapping = function (map, indent) {
    var self = this;
    Object.keys(map).forEach(function (key) {
      var value = map[key];
      self.indent = indent;
      self.writeIndent();
      self.plain(Array.from(key));
      self.indicator(":", false);
      if (Array.isArray(value)) {
        self.sequence(value, indent);
      } else if (value !== null && typeof value === "object") {
        self.mapping(value, indent + 2);
      } else {
        self.indent = indent + 2;
        self.scalar(value, false);
      }
    });
  };

  /* A sequence under a key at indent: a flow list of codes, or items each after "  - " (PyYAML: "- ", no flow). */
  Writer.prototype.sequence = function (list, indent) {
    var self = this;
    if (this.py) {
      list.forEach(function (item) {
        self.indent = indent;
        self.writeIndent();
        self.indicator("-", true, false, true);
        if (item !== null && typeof item === "object" && !Array.isArray(item)) {
          self.mapping(item, indent + 2);
        } else {
          self.indent = indent + 2;
          self.scalar(item, false);
        }
      });
      return;
    }
    if (isFlowList(list)) {
      this.indicator("[", true, true);
      this.indent = indent + 2;
      list.forEach(function (item, index) {
        if (index) { self.indicator(",", false); }
        self.scalar(item, true);
      });
      this.indicator("]", false);
      this.lineBreak();
      return;
    }
    list.forEach(function (item) {
      self.indent = indent;
      self.writeIndent();
      self.indicator("  -", true, false, true);
      if (item !== null && typeof item === "object" && !Array.isArray(item)) {
        self.mapping(item, indent + 4);
      } else {
        self.indent = indent + 4;
        self.writeIndent();
        self.scalar(item, false);
      }
    });
  };

  /* Plain data as the Python emitter's YAML text: ruamel.yaml's (dump_round_trip), or with faithful set as
     emit_record writes a new file: PyYAML's safe_dump where ruamel.yaml's text would not read back the same. */
  function dumpYaml(data, faithful) {
    var writer = new Writer(false);
    writer.mapping(data, 0);
    if (writer.column > 0) { writer.lineBreak(); }
    if (faithful && writer.unfaithful) {
      writer = new Writer(true);
      writer.mapping(data, 0);
      if (writer.column > 0) { writer.lineBreak(); }
    }
    return writer.out.join("");
  }

  /* A record with every mapping's keys in the schema's order (bro.forms.emitter.sort_by_schema). */
  function sortBySchema(data, order, path) {
    if (Array.isArray(data)) { return data.map(function (item) { return sortBySchema(item, order, path); }); }
    if (data === null || typeof data !== "object") { return data; }
    var keys = order[path] || [], rank = function (key) { var at = keys.indexOf(key); return at < 0 ? keys.length : at; };
    var sorted = {};
    Object.keys(data).map(function (key, index) { return [rank(key), index, key]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .forEach(function (entry) {
        sorted[entry[2]] = sortBySchema(data[entry[2]], order, path ? path + "." + entry[2] : entry[2]);
      });
    return sorted;
  }

  var SCHEMA_FILE = { supplier: "supplier.schema.json", tender: "tender.schema.json" };

  /* The document the e-mail import reads: the form line, then the record as bro.received.write_document writes it. */
  function emit(definition, record) {
    var kind = definition.kind, line = "# bro-form: " + kind + " " + definition.lang + "\n";
    var order = definition.order || {};
    if (SCHEMA_FILE[kind]) {
      return line + "# yaml-language-server: $schema=../../schemas/" + SCHEMA_FILE[kind] + "\n" +
        dumpYaml(sortBySchema(record, order, ""), true);
    }
    if (kind === "change") {
      var fields = {}, data = { profile: record.profile };
      Object.keys(record).forEach(function (key) {
        if (key !== "profile" && key !== "other_changes") { fields[key] = record[key]; }
      });
      fields = sortBySchema(fields, order, "");
      Object.keys(fields).forEach(function (key) { data[key] = fields[key]; });
      if (record.other_changes) { data.other_changes = record.other_changes; }
      return line + dumpYaml(data);
    }
    return line + dumpYaml(record);
  }

  // ------------------------------------------------------------------------------------------- sending it

  var SLUG_LENGTH = 60;
  var GENERIC_BUYER_WORDS = ["kommune", "kommun", "region", "regionen", "stad", "staden", "lan", "laen"];

  /* The name of the downloaded document: bro-<kind>-<slug>.yml (the e-mail import reads attachments named so). */
  function fileName(definition, record) {
    var kind = definition.kind, slug = "", base;
    record = record || {};
    if (kind === "supplier") {
      base = suggestSlug(typeof record.name === "string" ? record.name : "", definition);
      slug = base.length > SLUG_LENGTH ? base.slice(0, SLUG_LENGTH).replace(/-[^-]*$/, "") : base;
    } else if (kind === "tender") {
      var buyer = record.buyer && typeof record.buyer.name === "string" ? record.buyer.name : "";
      var words = suggestSlug(buyer, definition).split("-").filter(function (w) {
        return GENERIC_BUYER_WORDS.indexOf(w) < 0;
      });
      var title = record.title || {};
      var text = [title[definition.lang]].concat(Object.keys(title).map(function (k) { return title[k]; }))
        .filter(function (t) { return typeof t === "string" && t; })[0] || "";
      base = suggestSlug(words.concat([text]).join(" "), definition);
      slug = base.length > SLUG_LENGTH ? base.slice(0, SLUG_LENGTH).replace(/-[^-]*$/, "") : base;
    } else if (kind === "change") {
      slug = record.profile || "";
    } else if (kind === "interest") {
      slug = [record.entry, record.supplier].filter(Boolean).join("-");
    }
    slug = String(slug).replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || kind;
    return "bro-" + kind + "-" + slug + ".yml";
  }

  var MAILTO_LIMIT = 1800;  // characters of a mailto: address every common mail program opens whole
  var ISSUE_URL_LIMIT = 8000;  // characters of a GitHub address (longer ones get "414 URI Too Long")

  /* Text safe in an e-mail or an address: no characters no answer may hold. */
  function inert(text) { return String(text).replace(new RegExp(BAD_CHARACTERS.source, "gu"), ""); }

  function mailAddress(definition) {
    var email = String(definition.editors_email || ""), at = email.lastIndexOf("@");
    return at < 0 ? encodeURIComponent(email)
      : encodeURIComponent(email.slice(0, at)) + "@" + encodeURIComponent(email.slice(at + 1));
  }
  function mailHref(definition, subject, body) {
    return "mailto:" + mailAddress(definition) + "?subject=" + encodeURIComponent(inert(subject)) + "&body=" +
      encodeURIComponent(inert(body).replace(/\r?\n/g, "\r\n"));
  }

  /* A mailto: link to the editors with the document between the BRO START and BRO END lines; tooLong when the link
     is longer than mail programs open whole (the page then offers the file to download and attach). */
  function mailto(definition, documentText, subject) {
    var texts = definition.texts || {};
    var body = [texts.greeting || "", "", texts.before || "", "", "----- BRO START -----",
                String(documentText).replace(/\n$/, ""), "----- BRO END -----", "", texts.after || "", ""].join("\n");
    var href = mailHref(definition, subject || texts.subject || "Bro", body);
    return { href: href, tooLong: href.length > MAILTO_LIMIT };
  }

  /* The GitHub issue form of this form, with the typed answers filled in (GitHub fills input and textarea fields
     from the address; choices and ticks are left to the reader), or null when there is none. */
  function issueUrl(definition, answers) {
    if (!definition.repository || !definition.issue_form) { return null; }
    var url = String(definition.repository).replace(/\/+$/, "") + "/issues/new?template=" +
      encodeURIComponent(definition.issue_form);
    var given = answers || {}, texts = definition.texts || {};
    var name = given.name || given["title_" + definition.lang] || given.profile || given.entry || "";
    if (texts.issue_title && typeof name === "string" && pyStrip(name)) {
      url += "&title=" + encodeURIComponent(inert(texts.issue_title + pyStrip(name)));
    }
    questionsOf(definition).forEach(function (q) {
      var value = (answers || {})[q.id];
      if ((q.widget !== "input" && q.widget !== "textarea") || typeof value !== "string" || !pyStrip(value)) { return; }
      var part = "&" + encodeURIComponent(q.id) + "=" + encodeURIComponent(inert(value));
      if (url.length + part.length <= ISSUE_URL_LIMIT) { url += part; }
    });
    return url;
  }

  /* The removal request as a plain e-mail to the editors, in the reader's language: each question and its answer
     (choices by their words), never YAML, never a link to GitHub. */
  function removalMail(definition, answers) {
    var texts = definition.texts || {}, lines = [texts.greeting || "", "", texts.removal_intro || "", ""];
    questionsOf(definition).forEach(function (q) {
      var answer = (answers || {})[q.id], shown;
      if (q.options) {
        var chosen = (Array.isArray(answer) ? answer : answer == null || answer === "" ? [] : [answer]).map(String);
        if (!chosen.length && q.widget === "dropdown" && q.default != null) { chosen = [q.options[q.default][0]]; }
        if (q.value === "flag") {
          shown = chosen.length ? texts.answer_yes : texts.answer_no;
        } else {
          shown = q.options.filter(function (pair) { return chosen.indexOf(pair[0]) >= 0; })
            .map(function (pair) { return pair[1]; }).join(", ");
        }
      } else {
        shown = pyStrip(normalizeText(answer == null ? "" : answer));
      }
      lines.push(q.label + ": " + (shown || texts.empty || ""));
    });
    lines.push("", texts.after || "", "");
    return { href: mailHref(definition, texts.subject || "Bro", lines.join("\n")) };
  }

  var api = { build: build, emit: emit, fileName: fileName, mailto: mailto, issueUrl: issueUrl,
              removalMail: removalMail, referenceSlug: referenceSlug, dumpYaml: dumpYaml };
  root.BroFormRecord = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
}(typeof window !== "undefined" ? window : {}));
