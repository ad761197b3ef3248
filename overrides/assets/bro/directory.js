/* Bro's supplier directory: search (lunr.js + lunr-languages, index prebuilt by lunr.py), facets,
   state in the URL fragment, and the shortlist toggle. Works over HTTP and from file:// (no fetch). */
(function () {
  "use strict";
  var data = window.broDirectory;
  var root = document.getElementById("bro-directory");
  if (!data || !root || typeof lunr === "undefined") { return; }

  var lang = data.lang, ui = data.ui, areas = data.areas, suppliers = [], indexes = [], loaded = 0;
  var FACETS = { categories: "categories", countries: "country", targetGroups: "targetGroups",
                 registrations: "registrations", legalForm: "legalForm", languages: "languages" };
  var PAGE = 50, store = window.broShortlist;
  var stopWord = lunr[lang] && lunr[lang].stopWordFilter;

  var form = document.getElementById("bro-search-form");
  var input = document.getElementById("bro-q");
  var areaSelect = document.getElementById("bro-area");
  var results = document.getElementById("bro-results");
  var status = document.getElementById("bro-status");
  var more = document.getElementById("bro-more");
  var shown = PAGE, timer = null;

  function format(text, params) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return params[key]; });
  }

  /* Query words as the index holds them: lower case, trimmed, without stop words and single letters. */
  function words(query) {
    return query.toLowerCase().split(/[\s\-]+/).map(function (word) {
      return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(function (word) {
      return word.length > 1 && !(stopWord && stopWord(word) === undefined);
    });
  }

  /* Every word must match (AND): its stem, a prefix of it, or a spelling one or two letters off.
     Each shard has its own index; a hit's ref is its position in the shard. */
  function search(query) {
    var list = words(query);
    if (!list.length) { return null; }
    var total = null;
    list.forEach(function (word) {
      var hits = {};
      indexes.forEach(function (shard) {
        shard.index.query(function (q) {
          q.term(word, { boost: 10 });
          q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 3 });
          if (word.length >= 4 && !/^\d+$/.test(word)) {
            q.term(word, { usePipeline: false, editDistance: word.length >= 8 ? 2 : 1, boost: 1 });
          }
        }).forEach(function (hit) {
          var ref = shard.offset + Number(hit.ref), name = suppliers[ref].name.toLowerCase();
          hits[ref] = hit.score * (name.indexOf(word) >= 0 ? 3 : 1);
        });
      });
      if (total === null) { total = hits; return; }
      var next = {};
      Object.keys(total).forEach(function (ref) { if (ref in hits) { next[ref] = total[ref] + hits[ref]; } });
      total = next;
    });
    return total;
  }

  /* An area and the areas that contain it (municipality → region → country). */
  function chain(code) { return [code].concat((areas[code] || []).slice(2)); }

  /* Delivers somewhere in the chosen area: names it, something inside it, or something containing it. */
  function delivers(supplier, code) {
    if (!code) { return true; }
    var up = chain(code);
    return supplier.areas.some(function (area) {
      return up.indexOf(area) >= 0 || chain(area).indexOf(code) >= 0;
    });
  }

  function values(supplier, facet) {
    if (facet === "eligible") { return supplier.eligible ? ["1"] : []; }
    var value = supplier[FACETS[facet]];
    return Array.isArray(value) ? value : (value ? [value] : []);
  }

  function readState() {
    var state = { q: "", area: "", facets: {} };
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.q = params.get("q") || "";
    state.area = params.get("area") || "";
    Object.keys(FACETS).concat(["eligible"]).forEach(function (facet) {
      var raw = params.get(facet);
      state.facets[facet] = raw ? raw.split(",").filter(Boolean) : [];
    });
    return state;
  }

  function formState() {
    var state = { q: input.value.trim(), area: areaSelect.value, facets: {} };
    Object.keys(FACETS).concat(["eligible"]).forEach(function (facet) {
      state.facets[facet] = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + facet + '"]:checked'), function (box) { return box.value; });
    });
    return state;
  }

  function applyToForm(state) {
    input.value = state.q;
    areaSelect.value = areas[state.area] ? state.area : "";
    Object.keys(state.facets).forEach(function (facet) {
      form.querySelectorAll('input[name="' + facet + '"]').forEach(function (box) {
        box.checked = state.facets[facet].indexOf(box.value) >= 0;
      });
    });
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    if (state.area) { params.set("area", state.area); }
    Object.keys(state.facets).forEach(function (facet) {
      if (state.facets[facet].length) { params.set(facet, state.facets[facet].join(",")); }
    });
    var hash = params.toString();
    var url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
    try { history.replaceState(null, "", url); } catch (e) { location.hash = hash; }
  }

  function saveShortlist(list, known) {
    document.getElementById("bro-shortlist-count").textContent = String(store.write(list, known).length);
  }

  function knownSlugs() {
    var known = Object.create(null);
    suppliers.forEach(function (supplier) { known[supplier.slug] = true; });
    return known;
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function card(supplier, listed) {
    var item = element("li", { "class": "bro-card", "data-slug": supplier.slug });
    var title = element("h2", { "class": "bro-card__title" });
    title.appendChild(element("a", { href: root.dataset.root + supplier.path }, supplier.name));
    item.appendChild(title);
    var summary = element("p", {}, supplier.summary);
    if (supplier.summaryLang !== lang) { summary.setAttribute("lang", supplier.summaryLang); }
    item.appendChild(summary);
    var meta = supplier.categories.map(function (code) { return data.labels.categories[code] || code; }).join(", ");
    var places = supplier.areas.map(function (code) { return areas[code] ? areas[code][0] : code; }).join(", ");
    item.appendChild(element("p", { "class": "bro-card__meta" }, meta + " · " + places));
    var badges = element("ul", { "class": "bro-badges" });
    if (supplier.eligible) { badges.appendChild(element("li", { "class": "bro-badge bro-badge--reserved" }, data.ui.yes_reserved)); }
    supplier.registrations.forEach(function (code) {
      badges.appendChild(element("li", { "class": "bro-badge" }, data.labels.registrations[code] || code));
    });
    if (badges.childNodes.length) { item.appendChild(badges); }
    var toggle = element("button", { type: "button", "class": "md-button bro-shortlist-toggle",
                                     "aria-pressed": listed ? "true" : "false", "data-slug": supplier.slug },
                         listed ? ui.shortlist_remove : ui.shortlist_add);
    toggle.setAttribute("aria-label", (listed ? ui.shortlist_remove : ui.shortlist_add) + ": " + supplier.name);
    item.appendChild(toggle);
    return item;
  }

  function update(fromUser) {
    var state = formState();
    if (fromUser) { writeState(state); shown = PAGE; }
    var scores = search(state.q);
    var active = Object.keys(state.facets).filter(function (facet) { return state.facets[facet].length; });
    var counts = {}, matches = [];
    suppliers.forEach(function (supplier, ref) {
      if (scores && !(String(ref) in scores)) { return; }
      if (!delivers(supplier, state.area)) { return; }
      var failed = active.filter(function (facet) {
        var have = values(supplier, facet);
        return !state.facets[facet].some(function (code) { return have.indexOf(code) >= 0; });
      });
      if (failed.length > 1) { return; }
      Object.keys(FACETS).concat(["eligible"]).forEach(function (facet) {
        if (failed.length && failed[0] !== facet) { return; }
        values(supplier, facet).forEach(function (code) {
          var key = facet + ":" + code;
          counts[key] = (counts[key] || 0) + 1;
        });
      });
      if (!failed.length) { matches.push({ supplier: supplier, score: scores ? scores[String(ref)] : 0 }); }
    });
    if (scores) { matches.sort(function (a, b) { return b.score - a.score; }); }
    form.querySelectorAll("[data-count-for]").forEach(function (node) {
      node.textContent = "(" + (counts[node.getAttribute("data-count-for")] || 0) + ")";
    });
    var listed = store.read();
    results.textContent = "";
    matches.slice(0, shown).forEach(function (match) {
      results.appendChild(card(match.supplier, listed.indexOf(match.supplier.slug) >= 0));
    });
    more.hidden = matches.length <= shown;
    status.textContent = (matches.length === 0 ? ui.no_results
      : matches.length === 1 ? ui.result_one : format(ui.result_count, { count: matches.length }))
      + (loaded < data.total ? " " + ui.loading : "");
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { update(true); }, 120);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  input.addEventListener("input", schedule);
  form.addEventListener("change", function (event) { if (event.target !== input) { update(true); } });
  document.getElementById("bro-clear").addEventListener("click", function () {
    applyToForm({ q: "", area: "", facets: {} });
    form.querySelectorAll('input[type="checkbox"]').forEach(function (box) { box.checked = false; });
    update(true);
    input.focus();
  });
  more.addEventListener("click", function () {
    var first = results.children.length;
    shown += PAGE;
    update(false);
    var next = results.children[first];
    if (next) { next.querySelector("a").focus(); }
  });
  results.addEventListener("click", function (event) {
    var button = event.target.closest(".bro-shortlist-toggle");
    if (!button) { return; }
    var slug = button.getAttribute("data-slug"), list = store.read(), at = list.indexOf(slug);
    if (at >= 0) { list.splice(at, 1); } else { list.push(slug); }
    saveShortlist(list);
    var listed = at < 0, name = button.closest(".bro-card").querySelector("a").textContent;
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = listed ? ui.shortlist_remove : ui.shortlist_add;
    button.setAttribute("aria-label", button.textContent + ": " + name);
  });
  window.addEventListener("hashchange", function () { applyToForm(readState()); update(false); });

  root.hidden = false;
  document.getElementById("bro-static-list").hidden = true;
  saveShortlist(store.read());
  applyToForm(readState());
  window.broLoadShards(data, root.dataset.assets, function (shard) {
    shard.suppliers.forEach(function (supplier, i) { suppliers[shard.offset + i] = supplier; });
    loaded += shard.suppliers.length;
    try { indexes.push({ offset: shard.offset, index: lunr.Index.load(shard.index) }); } catch (e) { /* search off */ }
    update(false);
  }, function () { saveShortlist(store.read(), knownSlugs()); });  // every supplier known: drop slugs of none
}());
