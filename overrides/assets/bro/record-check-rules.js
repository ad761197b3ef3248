/* The forms' checks, part 2: the rules the schema cannot express, as src/bro/rules.py (and bro.shares,
   bro.vocab, bro.addresses) apply them: CVR and organisationsnummer check digits (python-stdnum's), the 30 % share
   behind an eligibility claim, known codes with "did you mean", dates in order and not in the future, a legal form
   and a municipality of the record's country, safe plain text. window.BroRecordCheckRules; also exported for
   node's tests. Needs record-check-core.js. */
(function () {
  "use strict";

  const core = typeof module !== "undefined" && typeof window === "undefined"
    ? require("./record-check-core.js") : window.BroRecordCheckCore;
  const problem = core.problem;
  const isObject = core.isObject;

  // ----- organisation numbers (python-stdnum: stdnum.dk.cvr, stdnum.se.orgnr, stdnum.luhn) -----

  const SEPARATORS = { DK: " -.,/:", SE: " -." }; // without BroCheckData: the ASCII ones only

  function compact(number, country, data) {
    const separators = (data && data.numberSeparators && data.numberSeparators[country]) || SEPARATORS[country];
    let out = Array.from(number).filter(function (char) { return !separators.includes(char); }).join("").trim();
    if (country === "DK") {
      out = out.toUpperCase().trim();
      if (out.startsWith("DK")) out = out.slice(2);
    }
    return out;
  }

  // CVR: eight digits, not starting with 0, weights 2 7 6 5 4 3 2 1 adding up to a multiple of 11
  function isValidCvr(number, data) {
    const digits = compact(number, "DK", data);
    if (!/^[0-9]+$/.test(digits) || digits[0] === "0" || digits.length !== 8) return false;
    const weights = [2, 7, 6, 5, 4, 3, 2, 1];
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += weights[i] * Number(digits[i]);
    return sum % 11 === 0;
  }

  function luhnValid(digits) {
    let sum = 0;
    const reversed = digits.split("").reverse().map(Number);
    reversed.forEach(function (value, index) {
      if (index % 2 === 0) sum += value;
      else sum += Math.floor(value * 2 / 10) + (value * 2) % 10;
    });
    return sum % 10 === 0;
  }

  // organisationsnummer: ten digits whose Luhn check digit adds up
  function isValidOrgnr(number, data) {
    const digits = compact(number, "SE", data);
    return /^[0-9]+$/.test(digits) && digits.length === 10 && luhnValid(digits);
  }

  const ORG_NUMBERS = { DK: [isValidCvr, "org.invalid_cvr"], SE: [isValidOrgnr, "org.invalid_orgnr"] };

  function isValidOrgNumber(number, country, data) {
    return typeof number === "string" && country in ORG_NUMBERS && ORG_NUMBERS[country][0](number, data);
  }

  function checkOrgNumber(problems, path, number, country, data) {
    if (typeof number !== "string" || !(country in ORG_NUMBERS)) return;
    if (!ORG_NUMBERS[country][0](number, data)) problem(problems, path, ORG_NUMBERS[country][1], { value: number });
  }

  // ----- vocabularies (bro.vocab.Vocabularies over BroCheckData.vocabularies) -----

  function areaTables(data) {
    return ["countries", "regions", "municipalities"].map(function (name) { return data.vocabularies[name]; });
  }

  function codes(data, name) {
    if (name === "areas") {
      let out = [data.national];
      for (const table of areaTables(data)) out = out.concat(Object.keys(table));
      return out;
    }
    if (name === "languages") return data.languages;
    return Object.keys(data.vocabularies[name] || {});
  }

  function has(data, name, code) {
    if (name === "areas") {
      return code === data.national || areaTables(data).some(function (table) { return own(table, code); });
    }
    if (name === "languages") return data.languages.includes(code);
    return own(data.vocabularies[name] || {}, code);
  }

  function own(table, key) {
    return Object.prototype.hasOwnProperty.call(table, key);
  }

  function entry(data, name, code) {
    if (name === "areas") {
      for (const table of areaTables(data)) if (own(table, code)) return table[code];
      return {};
    }
    const table = data.vocabularies[name] || {};
    return own(table, code) ? table[code] : {};
  }

  // bro.vocab._plain_name: without 'Kommune'/'kommun'/'Region'/'stad', case-folded
  function plainName(value) {
    return value.toLowerCase().replace(/-/g, " ").split(/\s+/).filter(function (word) {
      return word && !["kommune", "kommun", "region", "stad"].includes(word);
    }).join(" ");
  }

  function describe(data, name, code) {
    return name === "areas" && code !== data.national ? code + " (" + (entry(data, name, code).label || code) + ")"
      : code;
  }

  // bro.vocab.Vocabularies.suggest: the same code in other case, a label written out, or a close code
  function suggest(data, name, code) {
    const value = core.pyStr(code).trim();
    const candidates = codes(data, name);
    const folded = value.toLowerCase();
    for (const candidate of candidates) if (candidate.toLowerCase() === folded) return describe(data, name, candidate);
    const plain = plainName(value);
    const wanted = [plain, plain.replace(/s$/, "")].filter(Boolean);
    for (const candidate of candidates) {
      const labels = entry(data, name, candidate).plain || [];
      if (wanted.some(function (w) { return labels.includes(w); })) return describe(data, name, candidate);
    }
    if (name === "areas") return "";
    const close = core.closeMatches(value, candidates, 1, 0.6);
    return close.length ? close[0] : "";
  }

  function vocabularyFile(name) {
    if (name === "areas") return "data/vocabularies/regions.yml, data/vocabularies/municipalities.yml";
    if (name === "languages") return "ISO 639-1";
    return "data/vocabularies/" + name + ".yml";
  }

  // ----- text (bro.rules.check_texts, _check_plain_text) -----

  const HTML_TAG = /<(?:[A-Za-z!/?]|\s+[A-Za-z!/?](?=[^<>]*>))/; // bro.markdown_text.HTML_TAG
  const CONTROL = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef\\ufffe\\uffff";
  const CONTROL_ASTRAL = Array.from({ length: 16 }, function (_, i) {
    const plane = (i + 1).toString(16);
    return "\\u{" + plane + "fffe}\\u{" + plane + "ffff}";
  }).join("");
  const HIDDEN = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u{e0000}-\\u{e007f}";
  const FORMAT = "\\u00ad\\u0600-\\u0605\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e\\u200b-\\u200d\\u2060-\\u2064" +
    "\\u206a-\\u206f\\ufeff\\ufff9-\\ufffb\\u115f\\u1160\\u3164\\uffa0\\u{110bd}\\u{110cd}\\u{13430}-\\u{1343f}" +
    "\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}";
  const IS_CONTROL = new RegExp("^[" + CONTROL + CONTROL_ASTRAL + "]$", "u");
  const UNWANTED = {
    markdown: new RegExp("[" + CONTROL + CONTROL_ASTRAL + HIDDEN + "]", "u"),
    oneLine: new RegExp("[" + CONTROL + CONTROL_ASTRAL + HIDDEN + FORMAT + "]", "u"),
  };
  const BLANK_LETTERS = "\u115f\u1160\u3164\uffa0";

  function describeCharacter(char, data) {
    const hex = char.codePointAt(0).toString(16).toUpperCase();
    const named = data.characterNames && data.characterNames[hex];
    return named || "U+" + hex.padStart(4, "0");
  }

  function reportUnwanted(problems, path, char, data) {
    if (IS_CONTROL.test(char)) return problem(problems, path, "text.control_character", {});
    return problem(problems, path, "text.invisible_character", { character: describeCharacter(char, data) });
  }

  // bro.lookalike: the scripts of a word's letters (neutral: Common, Inherited), a word mixing several
  const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian", "Hebrew", "Arabic", "Syriac", "Thaana", "Devanagari",
    "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao",
    "Tibetan", "Myanmar", "Georgian", "Hangul", "Ethiopic", "Cherokee", "Canadian_Aboriginal", "Ogham", "Runic",
    "Khmer", "Mongolian", "Hiragana", "Katakana", "Bopomofo", "Han", "Yi", "Coptic", "Tifinagh", "Vai", "Lisu",
    "Nko", "Samaritan", "Mandaic", "Gothic", "Old_Italic", "Deseret", "Shavian", "Osmanya", "Cuneiform",
    "Egyptian_Hieroglyphs", "Braille", "Common", "Inherited"].map(function (name) {
    return [name.toUpperCase(), new RegExp("^\\p{Script=" + name + "}$", "u")];
  });
  const COMBINED = [["HAN", "HIRAGANA", "KATAKANA"], ["HAN", "HANGUL"], ["HAN", "BOPOMOFO"]];

  function scriptOf(char) {
    for (const [name, test] of SCRIPTS) if (test.test(char)) return name;
    return "UNKNOWN";
  }

  function mixesScripts(word) {
    const scripts = new Set();
    for (const char of word) {
      if (char.charCodeAt(0) > 127) scripts.add(scriptOf(char));
      else if (/[A-Za-z]/.test(char)) scripts.add("LATIN");
    }
    for (const neutral of ["COMMON", "INHERITED", "UNKNOWN"]) scripts.delete(neutral);
    const list = Array.from(scripts);
    if (list.length < 2) return [];
    if (COMBINED.some(function (set) { return list.every(function (s) { return set.includes(s); }); })) return [];
    return list;
  }

  function scriptNames(scripts, data) {
    const out = {};
    for (const lang of ["en", "da", "sv"]) {
      out[lang] = scripts.map(function (script) {
        const known = data.scriptNames && data.scriptNames[script];
        return (known && known[lang]) || script.charAt(0) + script.slice(1).toLowerCase();
      }).sort(core.comparePy).join(", ");
    }
    return out;
  }

  // bro.addresses.url_problem for addresses the schema accepted (https?://…); an international host name (IDNA)
  // is left to the validator (BROWSER_CANNOT_KNOW in the parity test)
  const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Cn}\p{Co}\p{Cs}]/u;

  function isIpv6(host) {
    if (!/^[0-9a-f:.]+$/i.test(host)) return false;
    try {
      return new URL("http://[" + host + "]/").hostname !== "";
    } catch {
      return false;
    }
  }

  function isAscii(value) {
    for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return false;
    return true;
  }

  function urlProblem(url, data) {
    if (url.includes("\\")) return ["url.backslash", { value: url }];
    const invisible = url.match(INVISIBLE);
    if (invisible) return ["url.invisible", { value: url, character: describeCharacter(invisible[0], data) }];
    const afterScheme = url.slice(url.indexOf("//") + 2);
    const netloc = afterScheme.split(/[/?#]/)[0];
    if (netloc.includes("@")) return ["url.userinfo", { value: url, host: netloc.slice(netloc.lastIndexOf("@") + 1) }];
    let host = netloc;
    let port = null;
    const bracket = netloc.match(/^\[([^\]]*)\](?::(.*))?$/);
    if (bracket) {
      host = bracket[1];
      port = bracket[2] === undefined ? null : bracket[2];
    } else if (netloc.includes(":")) {
      host = netloc.slice(0, netloc.indexOf(":"));
      port = netloc.slice(netloc.indexOf(":") + 1);
    }
    if (port !== null && port !== "" && (!/^[0-9]+$/.test(port) || Number(port) > 65535)) {
      return ["url.host", { value: url, host: netloc }];
    }
    host = host.toLowerCase();
    if (!isAscii(host) || host.includes("xn--")) return null; // IDNA: the validator's to judge
    if (host.length <= 253 && PLAIN_HOST.test(host)) return null;
    if (bracket && isIpv6(host)) return null;
    return ["url.host", { value: url, host: host || netloc }];
  }

  function checkPlainText(problems, path, value, schema, data) {
    const tag = value.match(HTML_TAG);
    const unwanted = value.match(UNWANTED.oneLine);
    if (tag) {
      problem(problems, path, "text.html", { snippet: tag[0] + "…" });
    } else if (unwanted) {
      reportUnwanted(problems, path, unwanted[0], data);
    } else if (schema.format === "uri") {
      const found = urlProblem(value, data);
      if (found) problem(problems, path, found[0], found[1]);
    }
    if (schema["x-name"]) {
      if (!/[\p{L}\p{N}]/u.test(Array.from(value).filter(function (c) { return !BLANK_LETTERS.includes(c); })
        .join(""))) {
        problem(problems, path, "text.name_without_letter", {});
      }
      if (!isAscii(value)) {
        for (const word of value.split(/\s+/).filter(Boolean)) {
          const scripts = mixesScripts(word);
          if (scripts.length) {
            problem(problems, path, "text.mixed_scripts", { word: word, scripts: scriptNames(scripts, data) },
              "warning");
          }
        }
      }
    }
  }

  function keyOf(path) {
    return JSON.stringify(path);
  }

  function inside(path, parents) {
    return parents.some(function (parent) {
      return parent.length < path.length && core.sameList(parent, path.slice(0, parent.length));
    });
  }

  // bro.rules.check_texts (Markdown's own rules, bro.markdown_text, are the validator's: see the parity test)
  function checkTexts(problems, record, root, data) {
    const flagged = new Map();
    for (const found of problems) flagged.set(keyOf(found.path), found);
    const markdownPaths = [];
    for (const [path, value, schema] of core.walk(record, root)) {
      const vocabulary = schema["x-vocabulary"];
      if (flagged.has(keyOf(path))) {
        improveWithSuggestion(problems, flagged.get(keyOf(path)), vocabulary, value, data);
        continue;
      }
      if (schema["x-markdown"] && isObject(value)) {
        markdownPaths.push(path);
        for (const lang of Object.keys(value)) {
          const text = value[lang];
          const at = path.concat([lang]);
          if (typeof text === "string" && !flagged.has(keyOf(at))) {
            const unwanted = text.match(UNWANTED.markdown);
            if (unwanted) flagged.set(keyOf(at), reportUnwanted(problems, at, unwanted[0], data));
          }
        }
      } else if (schema.type === "string" && typeof value === "string" && !inside(path, markdownPaths)) {
        checkPlainText(problems, path, value, schema, data);
      }
      if (vocabulary && typeof value === "string" && !("enum" in schema) && !has(data, vocabulary, value)) {
        const suggestion = suggest(data, vocabulary, value);
        problem(problems, path, suggestion ? "vocab.unknown_suggest" : "vocab.unknown",
          { value: value, vocabulary: vocabularyFile(vocabulary), suggestion: suggestion });
      } else if (vocabulary && schema["x-same-country-as"] && typeof value === "string") {
        checkSameCountry(problems, record, path, value, schema, data);
      }
      const properties = schema.properties || {};
      if ("da" in properties && isObject(value) && Object.keys(value).length === 1) {
        const present = Object.keys(value)[0];
        if (present === "da" || present === "sv") {
          const missing = present === "da" ? "sv" : "da";
          problem(problems, path, "translation.missing",
            { missing: data.languageNames[missing], present: data.languageNames[present] }, "warning");
        }
      }
    }
  }

  // the schema keyword x-same-country-as (bro.rules._check_same_country): the code's vocabulary entry belongs to the
  // country the named sibling field gives; worded by the schema's x-messages (bro.schema_errors.message_for)
  function checkSameCountry(problems, record, path, code, schema, data) {
    const sibling = schema["x-same-country-as"];
    let parent = record;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const country = isObject(parent) ? textOrNull(parent[sibling]) : null;
    const own = entry(data, schema["x-vocabulary"], code).country;
    if (country && own !== undefined && own !== null && own !== country) {
      const named = isObject(schema["x-messages"]) ? schema["x-messages"]["x-same-country-as"] : undefined;
      problem(problems, path, named || "schema.same_country",
        { value: code, field: sibling, country: data.countryNames[country] || country });
    }
  }

  function improveWithSuggestion(problems, found, vocabulary, value, data) {
    if (!vocabulary || found.code !== "schema.pattern" || typeof value !== "string") return;
    const suggestion = suggest(data, vocabulary, value);
    if (suggestion) {
      problems.splice(problems.indexOf(found), 1);
      problem(problems, found.path, "vocab.unknown_suggest",
        { value: value, vocabulary: vocabularyFile(vocabulary), suggestion: suggestion });
    }
  }

  // ----- dates -----

  // bro.schema.as_date: YYYY-MM-DD that is a real day, as a comparable string; null otherwise
  function asDate(value) {
    if (typeof value !== "string" || value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
    const [year, month, day] = value.split("-").map(Number);
    if (year < 1 || month < 1 || month > 12 || day < 1) return null;
    const days = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30,
      31, 30, 31][month - 1];
    return day <= days ? value : null;
  }

  function hasProblem(problems, path) {
    return problems.some(function (found) { return core.sameList(found.path, path); });
  }

  function checkNotFuture(problems, path, value, today) {
    const day = asDate(value);
    if (day && day > today && !hasProblem(problems, path)) {
      problem(problems, path, "date.future", { value: value, today: today });
    }
  }

  function checkYearNotFuture(problems, path, value, today) {
    if (Number.isInteger(value) && value > Number(today.slice(0, 4)) && !hasProblem(problems, path)) {
      problem(problems, path, "date.future", { value: value, today: today });
    }
  }

  // ----- the share behind a claim (bro.shares) -----

  const COUNTED = { DK: ["employees"], SE: ["employees", "engaged"] };

  function numbers(record, group) {
    const part = record[group];
    if (!isObject(part)) return null;
    const total = part.total;
    const target = part.from_target_groups;
    if (Number.isInteger(total) && Number.isInteger(target) && total >= 0 && target >= 0) return [total, target];
    return null;
  }

  function share(record, country) {
    if (numbers(record, "employees") === null) return null;
    let total = 0;
    let target = 0;
    for (const group of COUNTED[country]) {
      if (!(group in record)) continue;
      const counted = numbers(record, group);
      if (counted === null) return null;
      total += counted[0];
      target += counted[1];
    }
    return { total: total, from: target, reaches: total > 0 && 100 * target >= 30 * total,
      percent: total ? Math.floor(100 * target / total) : 0 };
  }

  function deliveryCountries(record) {
    const ownCountry = record.country;
    const areas = Array.isArray(record.delivery_area) ? record.delivery_area : [];
    const found = new Set(areas.filter(function (code) { return typeof code === "string"; }).map(function (code) {
      return code === "national" ? ownCountry : code.slice(0, 2);
    }));
    const listed = ["DK", "SE"].filter(function (c) { return found.has(c); });
    return listed.length ? listed : ["DK", "SE"].includes(ownCountry) ? [ownCountry] : [];
  }

  function verdict(record) {
    const countries = deliveryCountries(record);
    const shares = {};
    for (const country of countries) {
      const found = share(record, country);
      if (found === null) return null;
      shares[country] = found;
    }
    return countries.length ? { countries: countries, shares: shares } : null;
  }

  // ----- the records' rules (bro.rules.check_supplier, check_tender) -----

  const BASIS_COUNTRIES = { se_ideburen: "SE" };

  function textOrNull(value) {
    return typeof value === "string" ? value : null;
  }

  function checkAreaCountry(problems, path, code, country, data) {
    if (typeof code === "string" && (country === "DK" || country === "SE") && has(data, "areas", code)) {
      const areaCountry = entry(data, "areas", code).country;
      if (areaCountry && areaCountry !== country) {
        problem(problems, path, "area.country_mismatch", { value: code, country: data.countryNames[country] });
      }
    }
  }

  function checkReserved(problems, record, country, consistent, data) {
    const reserved = record.reserved_contracts;
    if (!isObject(reserved)) return;
    const basis = reserved.basis;
    if (basis !== undefined && basis !== null && typeof basis !== "string") return;
    const given = basis !== undefined && basis !== null;
    if (reserved.eligible === true) {
      if (!given) {
        problem(problems, ["reserved_contracts"], "reserved.basis_missing", {});
      } else if (own(BASIS_COUNTRIES, basis) && BASIS_COUNTRIES[basis] !== country) {
        problem(problems, ["reserved_contracts", "basis"], "reserved.basis_country",
          { basis: basis, country: data.countryNames[BASIS_COUNTRIES[basis]] });
      } else if (basis === "art20") {
        const found = verdict(record);
        const at = ["reserved_contracts", "eligible"];
        if (found === null) {
          if (numbers(record, "employees") === null) problem(problems, at, "reserved.employees_missing", {});
        } else {
          const reached = found.countries.filter(function (c) { return found.shares[c].reaches; });
          const missed = found.countries.filter(function (c) { return !found.shares[c].reaches; });
          const params = function (c) {
            return { share: found.shares[c].from, total: found.shares[c].total, percent: found.shares[c].percent };
          };
          if (consistent && !reached.length) {
            for (const c of found.countries) {
              problem(problems, at, "reserved.share_below_30_" + c.toLowerCase(), params(c));
            }
          } else if (consistent && missed.length) {
            for (const c of missed) {
              problem(problems, at, "reserved.share_short_" + c.toLowerCase(), params(c), "warning");
            }
          }
        }
      }
    } else if (reserved.eligible === false && given) {
      problem(problems, ["reserved_contracts", "basis"], "reserved.basis_without_eligible", {}, "warning");
    }
  }

  function checkRegistration(problems, path, registration, country, today, data) {
    if (!isObject(registration)) return;
    const kind = registration.type;
    if (kind === "other" && !registration.url) problem(problems, path, "registration.other_needs_url", {});
    const expected = typeof kind === "string" ? entry(data, "registrations", kind).country : undefined;
    if (expected && country && expected !== country) {
      problem(problems, path.concat(["type"]), "registration.country",
        { value: kind, country: data.countryNames[expected] || expected }, "warning");
    }
    const until = asDate(registration.valid_until);
    if (until && until < today) {
      problem(problems, path.concat(["valid_until"]), "registration.expired", { value: registration.valid_until },
        "warning");
    }
    checkNotFuture(problems, path.concat(["since"]), registration.since, today);
  }

  function checkSupplier(problems, record, today, data) {
    const country = textOrNull(record.country);
    checkOrgNumber(problems, ["org_number"], record.org_number, country, data);
    const address = isObject(record.address) ? record.address : {};
    checkAreaCountry(problems, ["address", "municipality"], address.municipality, country, data);
    if (isObject(record.summary)) {
      for (const lang of Object.keys(record.summary)) {
        const text = record.summary[lang];
        if (typeof text === "string" && core.pyLen(text) > data.summaryLimit) {
          problem(problems, ["summary", lang], "text.summary_too_long",
            { length: core.pyLen(text), limit: data.summaryLimit });
        }
      }
    }
    let consistent = true;
    for (const group of ["employees", "engaged"]) {
      const counted = numbers(record, group);
      if (counted && counted[1] > counted[0]) {
        consistent = false;
        problem(problems, [group, "from_target_groups"], "supplier." + group + "_share_above_total",
          { share: counted[1], total: counted[0] });
      }
    }
    checkReserved(problems, record, country, consistent, data);
    const registrations = Array.isArray(record.registrations) ? record.registrations : [];
    registrations.forEach(function (registration, index) {
      checkRegistration(problems, ["registrations", index], registration, country, today, data);
    });
    checkNotFuture(problems, ["last_verified"], record.last_verified, today);
    checkYearNotFuture(problems, ["founded"], record.founded, today);
    const references = Array.isArray(record.references) ? record.references : [];
    references.forEach(function (reference, index) {
      if (isObject(reference)) checkYearNotFuture(problems, ["references", index, "year"], reference.year, today);
    });
  }

  function checkTender(problems, record, today, data) {
    const buyer = isObject(record.buyer) ? record.buyer : {};
    checkAreaCountry(problems, ["buyer", "municipality"], buyer.municipality, buyer.country, data);
    const reserved = textOrNull(record.reserved);
    const country = textOrNull(buyer.country);
    if (reserved && own(BASIS_COUNTRIES, reserved) && country && BASIS_COUNTRIES[reserved] !== country) {
      problem(problems, ["reserved"], "reserved.basis_country",
        { basis: reserved, country: data.countryNames[BASIS_COUNTRIES[reserved]] });
    }
    const period = isObject(record.contract_period) ? record.contract_period : {};
    const start = asDate(period.start);
    const end = asDate(period.end);
    if (start && end && end < start) {
      problem(problems, ["contract_period", "end"], "tender.period_order", { start: period.start, end: period.end });
    }
    const deadline = asDate(record.interest_deadline);
    const publication = asDate(record.expected_publication);
    if (deadline && publication && deadline > publication) {
      problem(problems, ["interest_deadline"], "tender.deadline_after_publication",
        { deadline: record.interest_deadline, publication: record.expected_publication }, "warning");
    }
    if (record.status === "published" && !record.notice_url) {
      problem(problems, ["status"], "tender.published_without_notice", {}, "warning");
    }
    // a buyer outside the registry (bro.catalog._report_unknown_buyer): its number's check digit; the import
    // settles the rest against the registry (bro.forms.buyer)
    const number = buyer.org_number;
    if (data.buyerNumbers && typeof number === "string" && !hasProblem(problems, ["buyer", "org_number"]) &&
        !data.buyerNumbers.includes(number.replace(/[^0-9]/g, ""))) {
      checkOrgNumber(problems, ["buyer", "org_number"], number, buyer.country, data);
    }
  }

  const api = {
    compact: compact, isValidCvr: isValidCvr, isValidOrgnr: isValidOrgnr, isValidOrgNumber: isValidOrgNumber,
    luhnValid: luhnValid, suggest: suggest, has: has, asDate: asDate, share: share, verdict: verdict,
    deliveryCountries: deliveryCountries, urlProblem: urlProblem, mixesScripts: mixesScripts,
    checkTexts: checkTexts, checkSupplier: checkSupplier, checkTender: checkTender,
  };
  if (typeof window !== "undefined") window.BroRecordCheckRules = api;
  if (typeof module !== "undefined") module.exports = api;
})();
