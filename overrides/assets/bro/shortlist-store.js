/* The shortlist as this browser keeps it (localStorage "bro-shortlist"): always a clean list of supplier
   slugs. Whatever is stored (not JSON, not a list, other values than text, repeated or unknown slugs, a
   huge value) is read as the slugs in it that can be used, and only a clean list is written back.
   The one place that reads and writes the shortlist: window.bro.shortlist (the directory, the shortlist page and
   a profile's button); node's test runner loads it as a module (tests/js/). */
(function (bro) {
  "use strict";
  var KEY = "bro-shortlist", MAX_ITEMS = 1000, MAX_SLUG = 200;

  /* The usable slugs of a stored value, in order, each once (with known, a table of every slug: only those). */
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

  /* A shortlist kept in the Storage that storage() returns (it may throw: storage switched off). */
  function createStore(storage) {
    function read() {
      var raw;
      try { raw = storage().getItem(KEY); } catch { return []; }  // storage switched off
      try { return clean(JSON.parse(raw || "[]")); } catch { return []; }
    }

    /* Store the list (cleaned; with known, a table of every slug, also without unknown slugs); returns it. */
    function write(list, known) {
      var cleaned = clean(list, known);
      try { storage().setItem(KEY, JSON.stringify(cleaned)); } catch { /* private mode: kept for the page */ }
      return cleaned;
    }

    /* Whether a supplier is on the list. */
    function has(slug) { return read().indexOf(slug) >= 0; }

    /* Add a supplier that is not on the list, remove one that is: the list as stored and whether slug is on it. */
    function toggle(slug, known) {
      var list = read(), at = list.indexOf(slug);
      if (at >= 0) { list.splice(at, 1); } else { list.push(slug); }
      var written = write(list, known);
      return { list: written, listed: written.indexOf(slug) >= 0 };
    }

    /* Take a supplier off the list; returns the list as stored. */
    function remove(slug, known) {
      return write(read().filter(function (other) { return other !== slug; }), known);
    }

    return { read: read, write: write, has: has, toggle: toggle, remove: remove };
  }

  var api = createStore(function () { return window.localStorage; });
  api.clean = clean;
  api.createStore = createStore;
  api.KEY = KEY;
  api.MAX_ITEMS = MAX_ITEMS;
  api.MAX_SLUG = MAX_SLUG;
  bro.shortlist = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
}(typeof window !== "undefined" ? (window.bro = window.bro || {}) : {}));
