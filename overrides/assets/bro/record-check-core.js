/* The forms' checks, part 1: the JSON Schema checks (ajv's compiled validators in record-schemas.js) worded as
   the Python validator words them (src/bro/schema.py, src/bro/schema_errors.py), and what the rules share: problems,
   messages from window.BroCheckData (bro.record_checks), Python's difflib suggestions.
   window.BroRecordCheckCore; also exported for node's tests (tests/js/record-check.test.js). */
(function () {
  "use strict";

  // ----- problems and their words (bro.problems, bro.messages) -----

  function problem(list, path, code, params, severity, atKey) {
    const found = { path: path, code: code, params: params || {}, severity: severity || "error", atKey: !!atKey };
    list.push(found);
    return found;
  }

  // contacts[0].email, as bro.problems.format_field writes a path
  function formatField(path) {
    let out = "";
    for (const part of path) {
      if (typeof part === "number") out += "[" + part + "]";
      else out += (out ? "." : "") + String(part);
    }
    return out;
  }

  // str.format for the catalogue's {name} placeholders ({{ and }} stand for braces); as bro.messages.fill, a
  // placeholder without a value leaves the template with the values after it
  function fill(template, params) {
    let missing = false;
    const text = String(template).replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (whole, name) {
      if (whole === "{{") return "{";
      if (whole === "}}") return "}";
      if (!Object.prototype.hasOwnProperty.call(params, name)) {
        missing = true;
        return whole;
      }
      return String(params[name]);
    });
    return missing ? template + " " + JSON.stringify(params) : text;
  }

  // bro.problems._localize_param: per-language variants, lists as 'a, b', whole numbers stay numbers
  function localizeParam(value, lang) {
    if (value && typeof value === "object" && !Array.isArray(value) && ("en" in value || lang in value)) {
      return String(value[lang] || value.en || value[Object.keys(value)[0]]);
    }
    if (Array.isArray(value)) return value.map(String).join(", ");
    return value;
  }

  function lookup(messages, key, count) {
    if (count === 1 && Object.prototype.hasOwnProperty.call(messages, key + "_one")) return messages[key + "_one"];
    return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  }

  // the text the validator prints after "field: " (bro.problems.message)
  function wordProblem(found, data) {
    const params = {};
    for (const name of Object.keys(found.params)) params[name] = localizeParam(found.params[name], data.lang);
    if (found.form) return fill(data.formProblems[found.code] || found.code, params);
    return fill(lookup(data.messages, found.code, params.count), params);
  }

  function text(data, key, params) {
    return params ? fill(lookup(data.messages, key, params.count), params) : lookup(data.messages, key);
  }

  // ----- Python's values as Python shows them (str(), repr()) -----

  function pyRepr(value) {
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number") return pyNumber(value);
    if (typeof value === "string") {
      const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
      const escaped = value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
      return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
    }
    if (Array.isArray(value)) return "[" + value.map(pyRepr).join(", ") + "]";
    return "{" + Object.keys(value).map(function (key) { return pyRepr(key) + ": " + pyRepr(value[key]); })
      .join(", ") + "}";
  }

  function pyNumber(value) {
    if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
    return String(value);
  }

  function pyStr(value) {
    return typeof value === "string" ? value : pyRepr(value);
  }

  function codePoints(value) {
    return Array.from(value);
  }

  function pyLen(value) {
    if (typeof value === "string") return codePoints(value).length;
    if (Array.isArray(value)) return value.length;
    return Object.keys(value).length;
  }

  // bro.schema_errors._show: a value as the person wrote it, shortened for messages
  function show(value) {
    const shown = value === null || value === undefined ? "null" : typeof value === "boolean" ? String(value)
      : pyStr(value);
    const chars = codePoints(shown);
    return chars.length <= 60 ? shown : chars.slice(0, 57).join("") + "…";
  }

  // ----- difflib.get_close_matches, as Python computes it (code points, autojunk) -----

  function matchingCharacters(a, b) {
    const b2j = new Map();
    b.forEach(function (char, index) {
      if (!b2j.has(char)) b2j.set(char, []);
      b2j.get(char).push(index);
    });
    if (b.length >= 200) {
      const most = Math.floor(b.length / 100) + 1;
      for (const [char, places] of Array.from(b2j.entries())) if (places.length > most) b2j.delete(char);
    }
    function longest(alo, ahi, blo, bhi) {
      let besti = alo;
      let bestj = blo;
      let bestsize = 0;
      let j2len = new Map();
      for (let i = alo; i < ahi; i++) {
        const next = new Map();
        for (const j of b2j.get(a[i]) || []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--;
        bestj--;
        bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
        bestsize++;
      }
      return [besti, bestj, bestsize];
    }
    let total = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longest(alo, ahi, blo, bhi);
      if (k) {
        total += k;
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    return total;
  }

  // difflib.SequenceMatcher(None, a, b).ratio()
  function ratio(a, b) {
    const first = codePoints(a);
    const second = codePoints(b);
    const length = first.length + second.length;
    return length ? 2.0 * matchingCharacters(first, second) / length : 1.0;
  }

  function comparePy(x, y) {
    const a = codePoints(x).map(function (c) { return c.codePointAt(0); });
    const b = codePoints(y).map(function (c) { return c.codePointAt(0); });
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  }

  // difflib.get_close_matches(word, possibilities, n, cutoff): the best first, ties to the larger string
  function closeMatches(word, possibilities, n, cutoff) {
    const found = [];
    for (const candidate of possibilities) {
      const score = ratio(candidate, word);
      if (score >= cutoff) found.push([score, candidate]);
    }
    found.sort(function (x, y) { return y[0] - x[0] || comparePy(y[1], x[1]); });
    return found.slice(0, n).map(function (item) { return item[1]; });
  }

  // ----- the schema's nodes (bro.schema.SchemaNode over the inlined schema) -----

  function child(schema, key) {
    if (!schema || typeof schema !== "object") return null;
    if (typeof key === "number") return schema.items && typeof schema.items === "object" ? schema.items : null;
    const properties = schema.properties || {};
    if (Object.prototype.hasOwnProperty.call(properties, key)) return properties[key];
    if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      return schema.additionalProperties;
    }
    return null;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // bro.schema.walk: (path, value, schema) for every node the schema describes, parents first
  function walk(value, schema, path, out) {
    path = path || [];
    out = out || [];
    if (!schema) return out;
    out.push([path, value, schema]);
    if (isObject(value)) {
      for (const key of Object.keys(value)) {
        const sub = child(schema, key);
        if (sub) walk(value[key], sub, path.concat([key]), out);
      }
    } else if (Array.isArray(value)) {
      const sub = child(schema, 0);
      if (sub) value.forEach(function (item, index) { walk(item, sub, path.concat([index]), out); });
    }
    return out;
  }

  // bro.schema._cut_long_lists: a list longer than maxItems is reported and cut to that many items
  function cutLongLists(problems, value, schema, path) {
    if (!schema) return;
    if (isObject(value)) {
      for (const key of Object.keys(value)) {
        if (value[key] !== null && typeof value[key] === "object") {
          cutLongLists(problems, value[key], child(schema, key), path.concat([key]));
        }
      }
    } else if (Array.isArray(value)) {
      const most = schema.maxItems;
      if (most !== undefined && value.length > most) {
        problem(problems, path, "schema.max_items", { count: most });
        value.length = most;
      }
      const items = child(schema, 0);
      value.forEach(function (item, index) {
        if (item !== null && typeof item === "object") cutLongLists(problems, item, items, path.concat([index]));
      });
    }
  }

  // ----- ajv's errors worded as bro.schema_errors words jsonschema's -----

  const PRIORITY = ["type", "required", "dependentRequired", "additionalProperties", "anyOf", "oneOf",
    "minProperties", "maxProperties", "const", "enum", "not", "format", "pattern", "formatMinimum", "formatMaximum",
    "minItems", "maxItems", "contains", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "uniqueItems"];
  const TYPE_CODES = { boolean: "schema.type_boolean", integer: "schema.type_integer", number: "schema.type_number",
    string: "schema.type_string", array: "schema.type_array", object: "schema.type_object" };
  const MAX_SAME_PROBLEMS = 10; // bro.limits.MAX_SAME_PROBLEMS

  // a parameter in each language the check knows (its data holds one language's messages)
  function perLanguage(all, make) {
    const out = {};
    for (const lang of Object.keys(all)) out[lang] = make(lang);
    return out;
  }

  function kinds(want) {
    return typeof want === "string" ? [want] : want.slice();
  }

  function either(all, list) {
    return perLanguage(all, function (lang) {
      const words = all[lang].messages;
      return list.map(function (kind) { return lookup(words, "_kinds." + kind); }).join(lookup(words, "_kinds.or"));
    });
  }

  function requiredFields(branches) {
    const names = [];
    for (const branch of branches) {
      if (!isObject(branch)) return "";
      const rules = Object.keys(branch).filter(function (key) {
        return !["title", "description", "$comment"].includes(key) && !key.startsWith("x-");
      });
      if (rules.length !== 1 || rules[0] !== "required") return "";
      for (const name of branch.required) if (!names.includes(name)) names.push(name);
    }
    return names.join(", ");
  }

  function form(all, branch, lang) {
    const words = all[lang].messages;
    if (!isObject(branch)) return lookup(words, "_kinds.other");
    if ("const" in branch) return "'" + show(branch.const) + "'";
    if ("enum" in branch) return branch.enum.map(function (v) { return "'" + show(v) + "'"; }).join(" / ");
    if ("required" in branch && !("type" in branch)) {
      return fill(lookup(words, "_kinds.fields"), { names: branch.required.join(", ") });
    }
    if ("type" in branch) return either(all, kinds(branch.type))[lang];
    return lookup(words, "_kinds.other");
  }

  function forms(all, branches) {
    return perLanguage(all, function (lang) {
      return branches.map(function (branch) { return form(all, branch, lang); }).join(", ");
    });
  }

  function expected(all, schema) {
    const description = schema.description || "";
    const pattern = perLanguage(all, function (lang) {
      return fill(lookup(all[lang].messages, "_kinds.pattern"), { pattern: schema.pattern || "" });
    });
    if (!description) return pattern;
    const at = description.indexOf(" — ");
    const da = at >= 0 ? description.slice(0, at) : description;
    const sv = at >= 0 ? description.slice(at + 3) : "";
    const strip = function (t) { return t.trim().replace(/\.+$/, ""); };
    return { en: "pattern" in schema ? pattern.en : description, da: strip(da), sv: strip(sv || da) };
  }

  function sameValue(x, y) {
    return JSON.stringify(x) === JSON.stringify(y);
  }

  // keyword → [(path, code, params)] (bro.schema_errors._WORDINGS)
  function wordError(all, keyword, path, value, instance, schema, extra) {
    const one = function (code, params) { return [[path, code, params]]; };
    switch (keyword) {
      case "required":
        return value.filter(function (name) { return !(name in instance); }).map(function (name) {
          return [path.concat([name]), "schema.required", { name: name }, false];
        });
      case "additionalProperties": {
        const allowed = Object.keys(schema.properties || {});
        const extras = Object.keys(instance).filter(function (key) { return !allowed.includes(key); })
          .sort(comparePy);
        return extras.map(function (key, index) {
          const close = index < MAX_SAME_PROBLEMS ? closeMatches(key, allowed, 1, 0.6) : [];
          return [path.concat([key]), close.length ? "schema.unknown_key_suggest" : "schema.unknown_key",
            { key: key, suggestion: close.length ? close[0] : "", allowed: allowed.join(", ") }, true];
        });
      }
      case "type":
        if (typeof value === "string" && TYPE_CODES[value]) return one(TYPE_CODES[value], { value: show(instance) });
        return one("schema.type", { value: show(instance), expected: either(all, kinds(value)) });
      case "anyOf":
      case "oneOf": {
        const base = keyword === "anyOf" ? "schema.any_of" : "schema.one_of";
        const fields = requiredFields(value);
        if (fields) return one(base + "_required", { fields: fields });
        return one(base, { forms: forms(all, value) });
      }
      case "enum": {
        const shown = value.map(pyStr);
        const close = closeMatches(pyStr(instance), shown, 1, 0.5);
        return one("schema.enum", { value: show(instance), allowed: shown.join(", "),
          suggestion: close.length ? close[0] : "" });
      }
      case "const":
        return one("schema.const", { expected: show(value), value: show(instance) });
      case "not":
        return one("schema.not", { value: show(instance) });
      case "format":
        if (value === "date") return one("schema.date", { value: show(instance) });
        return one("schema.format", { value: show(instance), format: value });
      case "formatMinimum":
      case "formatMaximum":
        return one("schema.date_range", { value: show(instance), minimum: schema.formatMinimum || "",
          maximum: schema.formatMaximum || "" });
      case "pattern":
        return one("schema.pattern", { value: show(instance), expected: expected(all, schema) });
      case "minItems":
        return one("schema.min_items", { count: value });
      case "maxItems":
        return one("schema.max_items", { count: value });
      case "contains":
        return one("schema.contains", { forms: forms(all, [value]) });
      case "minProperties":
        return one("schema.min_properties", { count: value });
      case "maxProperties":
        return one("schema.max_properties", { count: value });
      case "minLength":
        if (instance === "") return one("schema.empty", {});
        return one("schema.min_length", { count: value, length: pyLen(instance) });
      case "maxLength":
        return one("schema.too_long", { length: pyLen(instance), limit: value });
      case "minimum":
        return one("schema.too_small", { value: show(instance), limit: value });
      case "maximum":
        return one("schema.too_large", { value: show(instance), limit: value });
      case "exclusiveMinimum":
        return one("schema.exclusive_minimum", { value: show(instance), limit: value });
      case "exclusiveMaximum":
        return one("schema.exclusive_maximum", { value: show(instance), limit: value });
      case "multipleOf":
        return one("schema.multiple_of", { value: show(instance), limit: value });
      case "uniqueItems": {
        const seen = [];
        const dupes = [];
        for (const item of instance) {
          (seen.some(function (s) { return sameValue(s, item); }) ? dupes : seen).push(item);
        }
        return one("schema.duplicate_item", { value: show(dupes.slice(0, 10).map(show).join(", ")) });
      }
      default:
        return one("schema.other", { keyword: extra || keyword });
    }
  }

  function decodePointer(pointer) {
    return pointer.split("/").slice(1).map(function (part) { return part.replace(/~1/g, "/").replace(/~0/g, "~"); });
  }

  function at(root, parts) {
    let node = root;
    for (const part of parts) node = node === null || node === undefined ? undefined : node[part];
    return node;
  }

  // the path of an error's instance, list indices as numbers (as jsonschema's absolute_path)
  function instancePath(data, pointer) {
    const path = [];
    let node = data;
    for (const part of decodePointer(pointer)) {
      const key = Array.isArray(node) ? Number(part) : part;
      path.push(key);
      node = node === null || node === undefined ? undefined : node[key];
    }
    return path;
  }

  const BRANCHING = ["anyOf", "oneOf", "not", "contains", "if", "then", "else", "allOf"];

  // the subschema that holds an error's keyword; null for an error inside an anyOf/oneOf/not branch (jsonschema
  // reports those as one error of the keyword that has the branches)
  function keywordSchema(root, schemaPath) {
    const parts = decodePointer(schemaPath.replace(/^#/, ""));
    for (let i = 0; i < parts.length - 1; i++) {
      if (["anyOf", "oneOf", "not", "contains"].includes(parts[i])) return null;
    }
    return at(root, parts.slice(0, -1));
  }

  function sameList(x, y) {
    return x.length === y.length && x.every(function (part, i) { return part === y[i]; });
  }

  function coveredBy(path, reported) {
    for (const done of reported) {
      if (sameList(done, path)) return true;
      if (done.length < path.length && sameList(done, path.slice(0, done.length))) return true;
    }
    return false;
  }

  // bro.schema.check: one problem per broken field, a parent reported covers its children
  function schemaProblems(problems, all, validate, root, data) {
    cutLongLists(problems, data, root, []);
    if (validate(data)) return;
    const found = [];
    const grouped = new Set();
    for (const error of validate.errors || []) {
      const schema = keywordSchema(root, error.schemaPath);
      if (!schema || BRANCHING.slice(4).includes(error.keyword)) continue;
      const key = error.keyword + " " + error.instancePath + " " + error.schemaPath;
      if (["required", "additionalProperties", "uniqueItems"].includes(error.keyword)) {
        if (grouped.has(key)) continue; // jsonschema reports these once for the whole object or list
        grouped.add(key);
      }
      const path = instancePath(data, error.instancePath);
      const instance = at(data, path);
      let worded = wordError(all, error.keyword, path, schema[error.keyword], instance, schema);
      const own = isObject(schema["x-messages"]) ? schema["x-messages"][error.keyword] : null;
      if (own) worded = worded.map(function (item) { return [item[0], own, item[2], item[3]]; });
      const rank = PRIORITY.indexOf(error.keyword);
      found.push({ rank: rank < 0 ? 99 : rank, worded: worded });
    }
    found.sort(function (x, y) { return x.rank - y.rank; });
    const reported = [];
    for (const item of found) {
      for (const [path, code, params, atKey] of item.worded) {
        if (coveredBy(path, reported)) continue;
        reported.push(path);
        problem(problems, path, code, params, "error", atKey);
      }
    }
  }

  const api = {
    problem: problem, formatField: formatField, fill: fill, lookup: lookup, wordProblem: wordProblem, text: text,
    show: show, pyStr: pyStr, pyLen: pyLen, codePoints: codePoints, ratio: ratio, closeMatches: closeMatches,
    comparePy: comparePy, child: child, walk: walk, isObject: isObject, schemaProblems: schemaProblems,
    sameList: sameList, MAX_SAME_PROBLEMS: MAX_SAME_PROBLEMS,
  };
  if (typeof window !== "undefined") window.BroRecordCheckCore = api;
  if (typeof module !== "undefined") module.exports = api;
})();
