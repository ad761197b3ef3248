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
  var panel = document.getElementById("bro-filters-panel");
  var suggest = document.getElementById("bro-suggest");
  var suggestList = document.getElementById("bro-suggest-list");
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
    return query.toLowerCase().split(/[\s-]+/).map(function (word) {
      return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(function (word) {
      return word.length > 1 && !(stopWord && stopWord(word) === undefined);
    });
  }

  /* Hits of one lunr query over every loaded shard: {position in the directory: score}. */
  function run(build) {
    var hits = {};
    indexes.forEach(function (shard) {
      shard.index.query(build).forEach(function (hit) { hits[shard.offset + Number(hit.ref)] = hit.score; });
    });
    return hits;
  }

  function exactOrPrefix(word) {
    return run(function (q) {
      q.term(word, { boost: 10 });
      q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 3 });
    });
  }

  /* A compound the suppliers write apart ("cykelreparation": "cykel…" and "reparation"): the suppliers that match
     both parts, the longest last part first (at least 4 letters, at least 3 before it). */
  function compound(word) {
    for (var at = 3; at <= word.length - 4; at += 1) {
      var head = word.slice(0, at), tail = word.slice(at);
      var tails = exactOrPrefix(tail), both = {}, found = false;
      if (!Object.keys(tails).length) { continue; }
      var heads = run(function (q) {
        q.term(head, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
      });
      Object.keys(heads).forEach(function (ref) {
        if (ref in tails) { both[ref] = heads[ref] + tails[ref]; found = true; }
      });
      if (found) { return both; }
    }
    return {};
  }

  /* The suppliers one query word finds: its stem, a word it begins, or a last part of a compound (indexed at build
     time). Only when none of these finds anything, a word of 5 letters or more is taken apart as a compound, and
     then read with a spelling one letter off (two from 8 letters): a short word is never taken for another
     ("städ" does not find "stad"). */
  function wordHits(word) {
    var hits = exactOrPrefix(word);
    if (Object.keys(hits).length || word.length < 5 || /\d/.test(word)) { return hits; }
    hits = compound(word);
    if (Object.keys(hits).length) { return hits; }
    return run(function (q) {
      q.term(word, { usePipeline: false, editDistance: word.length >= 8 ? 2 : 1, boost: 1 });
    });
  }

  /* Every word must match (AND); a word found in a supplier's name counts three times. */
  function search(query) {
    var list = words(query);
    if (!list.length) { return null; }
    var total = null;
    list.forEach(function (word) {
      var hits = wordHits(word);
      Object.keys(hits).forEach(function (ref) {
        if (suppliers[ref].name.toLowerCase().indexOf(word) >= 0) { hits[ref] *= 3; }
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
        panel.querySelectorAll('input[name="' + facet + '"]:checked'), function (box) { return box.value; });
    });
    return state;
  }

  function applyToForm(state) {
    input.value = state.q;
    areaSelect.value = areas[state.area] ? state.area : "";
    Object.keys(FACETS).concat(["eligible"]).forEach(function (facet) {
      var chosen = state.facets[facet] || [];
      panel.querySelectorAll('input[name="' + facet + '"]').forEach(function (box) {
        box.checked = chosen.indexOf(box.value) >= 0;
        if (box.checked && box.closest(".bro-check--extra")) { expand(box.closest(".bro-facet"), true); }
      });
    });
    panel.dispatchEvent(new CustomEvent("bro:filters", { bubbles: true }));
  }

  /* A long facet's "show all" button: shows or hides the options after the first few. */
  function expand(facet, open) {
    var button = facet.querySelector(".bro-facet__all");
    if (!button) { return; }
    facet.classList.toggle("is-expanded", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? button.getAttribute("data-less") : button.getAttribute("data-more");
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
    try { history.replaceState(null, "", url); } catch { location.hash = hash; }
    keepInOtherLanguage(hash);
  }

  /* The language switch leads to the directory in the other language with the same search and filters. */
  function keepInOtherLanguage(hash) {
    document.querySelectorAll("a[hreflang]").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").replace(/#.*$/, "") + (hash ? "#" + hash : ""));
    });
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
    // While a search or a filter narrows the list, an option beyond a long facet's first few shows itself when
    // it has hits, so that what the reader is looking for is never behind "Vis alle".
    var narrowed = Boolean(scores || active.length || state.area);
    panel.querySelectorAll("[data-count-for]").forEach(function (node) {
      var count = counts[node.getAttribute("data-count-for")] || 0;
      node.textContent = "(" + count + ")";
      var option = node.closest(".bro-check--extra");
      if (option) { option.classList.toggle("bro-check--hit", narrowed && count > 0); }
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
    suggestions(matches.length === 0 ? state : null);
  }

  /* How many suppliers a state finds. */
  function countFor(state) {
    var scores = search(state.q), n = 0;
    suppliers.forEach(function (supplier, ref) {
      if (scores && !(String(ref) in scores)) { return; }
      if (!delivers(supplier, state.area)) { return; }
      var fits = Object.keys(state.facets).every(function (facet) {
        var have = values(supplier, facet);
        return !state.facets[facet].length || state.facets[facet].some(function (code) { return have.indexOf(code) >= 0; });
      });
      if (fits) { n += 1; }
    });
    return n;
  }

  function copy(state) { return JSON.parse(JSON.stringify(state)); }

  /* What a reader whom nothing fits can do instead, each with the number it would find: widen the area to its
     region or country, drop one filter, search without the words. Nothing (hidden) while something fits. */
  function suggestions(state) {
    suggestList.textContent = "";
    suggest.hidden = !state;
    if (!state) { return; }
    var options = [];
    if (state.area && areas[state.area]) {
      areas[state.area].slice(2).forEach(function (wider) {
        var next = copy(state);
        next.area = wider;
        options.push([format(ui.suggest_area, { name: areas[wider][0], count: "{count}" }), next]);
      });
    }
    Object.keys(state.facets).forEach(function (facet) {
      state.facets[facet].forEach(function (code) {
        var box = document.getElementById(facet === "eligible" ? "f-eligible" : "f-" + facet + "-" + code);
        if (!box) { return; }
        var label = panel.querySelector('label[for="' + box.id + '"]').firstChild.textContent.trim();
        var next = copy(state);
        next.facets[facet] = next.facets[facet].filter(function (other) { return other !== code; });
        options.push([format(ui.suggest_drop, { name: label, count: "{count}" }), next]);
      });
    });
    if (state.q) {
      var next = copy(state);
      next.q = "";
      options.push([format(ui.suggest_query, { query: state.q, count: "{count}" }), next]);
    }
    options.forEach(function (option) {
      var count = countFor(option[1]);
      if (!count) { return; }
      var button = element("button", { type: "button", "class": "bro-suggest__option" },
                           option[0].replace("{count}", String(count)));
      button.addEventListener("click", function () {
        applyToForm(option[1]);
        update(true);
        input.focus();
      });
      var item = element("li");
      item.appendChild(button);
      suggestList.appendChild(item);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { update(true); }, 120);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  input.addEventListener("input", schedule);
  panel.addEventListener("change", function () { update(true); });
  panel.addEventListener("click", function (event) {
    var all = event.target.closest(".bro-facet__all");
    if (all) { expand(all.closest(".bro-facet"), all.getAttribute("aria-expanded") !== "true"); }
  });
  document.getElementById("bro-clear").addEventListener("click", function () {
    applyToForm({ q: "", area: "", facets: {} });
    update(true);
    input.focus();
  });
  /* "Vis resultater": to the first result (the address keeps the search, not the link's #bro-results). */
  document.getElementById("bro-to-results").addEventListener("click", function (event) {
    event.preventDefault();
    var first = results.querySelector(".bro-card a");
    (first || results).focus();
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
  keepInOtherLanguage(location.hash.replace(/^#/, ""));
  window.broLoadShards(data, root.dataset.assets, function (shard) {
    shard.suppliers.forEach(function (supplier, i) { suppliers[shard.offset + i] = supplier; });
    loaded += shard.suppliers.length;
    try { indexes.push({ offset: shard.offset, index: lunr.Index.load(shard.index) }); } catch { /* search off */ }
    update(false);
  }, function () { saveShortlist(store.read(), knownSlugs()); });  // every supplier known: drop slugs of none
}());
