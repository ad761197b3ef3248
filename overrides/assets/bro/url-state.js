/* Filter state in the address: the supplier directory and the list filters (tender plan, cases) keep their search
   and filters in the URL fragment (#q=…&categories=a,b), so that a filtered list can be bookmarked and shared; the
   language switch carries that state to the same page in the other language. The one place that reads and writes
   it: window.bro.url (loaded by the pages that filter and, for the language switch and the site search's link to
   the directory, on every page); node's test runner loads it as a module (tests/js/). */
(function (bro) {
  "use strict";
  if (bro.url) { return; }  // the filtering pages load it before their scripts, the theme's list on every page again

  /* The fields of a fragment ("#a=1&b=2" or "a=1&b=2"). */
  function params(hash) { return new URLSearchParams(String(hash || "").replace(/^#/, "")); }

  /* Whether a fragment is a filter state (fields, or none: every filter cleared), not a place on the page (#kontakt). */
  function isState(hash) {
    var text = String(hash || "").replace(/^#/, "");
    return !text || text.indexOf("=") >= 0;
  }

  /* The value of each named field ("" when absent): the list filters' state. */
  function readFields(hash, names) {
    var fields = params(hash), out = {};
    names.forEach(function (name) { out[name] = fields.get(name) || ""; });
    return out;
  }

  /* The supplier directory's state: the words, the area and the chosen codes of each facet (comma-separated). */
  function readSearch(hash, facets) {
    var fields = params(hash), state = { q: fields.get("q") || "", area: fields.get("area") || "", facets: {} };
    facets.forEach(function (facet) {
      var raw = fields.get(facet);
      state.facets[facet] = raw ? raw.split(",").filter(Boolean) : [];
    });
    return state;
  }

  /* A fragment (without "#") of [name, value] pairs, leaving out empty values. */
  function encode(pairs) {
    var fields = new URLSearchParams();
    pairs.forEach(function (pair) { if (pair[1]) { fields.set(pair[0], pair[1]); } });
    return fields.toString();
  }

  /* The fragment of the list filters' state ({name: value}; values trimmed, empty ones left out). */
  function fieldsFragment(fields) {
    return encode(Object.keys(fields).map(function (name) { return [name, String(fields[name]).trim()]; }));
  }

  /* The fragment of the directory's state ({q, area, facets: {facet: [codes]}}). */
  function searchFragment(state) {
    return encode([["q", state.q], ["area", state.area]].concat(Object.keys(state.facets).map(function (facet) {
      return [facet, state.facets[facet].join(",")];
    })));
  }

  /* An address with its fragment replaced (none when fragment is empty). */
  function withFragment(href, fragment) {
    return href.replace(/#.*$/, "") + (fragment ? "#" + fragment : "");
  }

  /* Put a state into the page's address without a new history entry (file:// pages in some browsers refuse
     replaceState: then as a plain fragment). */
  function write(fragment, win) {
    var target = win || window;
    try { target.history.replaceState(null, "", withFragment(target.location.href, fragment)); } catch {
      target.location.hash = fragment;
    }
  }

  /* The language switch's address: the other language's page with this page's query and filter state
     (a plain heading anchor stays behind: headings have other names in the other language). */
  function carry(href, search, hash) {
    var text = String(hash || "").replace(/^#/, "");
    return href.split("#")[0].split("?")[0] + (search || "") + (text && isState(text) ? "#" + text : "");
  }

  /* The directory's address searching for query (the site search's first answer). */
  function searchLink(href, query) {
    return withFragment(href, "q=" + encodeURIComponent(query));
  }

  var api = { params: params, isState: isState, readFields: readFields, readSearch: readSearch, encode: encode,
              fieldsFragment: fieldsFragment, searchFragment: searchFragment, withFragment: withFragment,
              write: write, carry: carry, searchLink: searchLink };
  bro.url = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
}(typeof window !== "undefined" ? (window.bro = window.bro || {}) : {}));
