/* The shortlist as this browser keeps it (localStorage "bro-shortlist"): always a clean list of supplier
   slugs. Whatever is stored (not JSON, not a list, other values than text, repeated or unknown slugs, a
   huge value) is read as the slugs in it that can be used, and only a clean list is written back. */
window.broShortlist = (function () {
  "use strict";
  var KEY = "bro-shortlist", MAX_ITEMS = 1000, MAX_SLUG = 200;

  function clean(value, known) {
    var out = [], seen = Object.create(null);
    if (!Array.isArray(value)) { return out; }
    for (var i = 0; i < value.length && out.length < MAX_ITEMS; i += 1) {
      var slug = value[i];
      if (typeof slug === "string" && slug && slug.length <= MAX_SLUG && !seen[slug]
          && (!known || Object.prototype.hasOwnProperty.call(known, slug))) {
        seen[slug] = true;
        out.push(slug);
      }
    }
    return out;
  }

  function read() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch { return []; }  // storage switched off
    try { return clean(JSON.parse(raw || "[]")); } catch { return []; }
  }

  /* Store the list (cleaned; with known, a table of every slug, also without unknown slugs); returns it. */
  function write(list, known) {
    var cleaned = clean(list, known);
    try { localStorage.setItem(KEY, JSON.stringify(cleaned)); } catch { /* private mode: kept for the page */ }
    return cleaned;
  }

  return { read: read, write: write };
}());
