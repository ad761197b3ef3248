/* Bro's supplier directory on the page: the search box, the facets and the results (their logic:
   directory-core.js), the state in the URL fragment (url-state.js), the shortlist toggle (shortlist-store.js), and
   the shards as they load (shards.js). Works over HTTP and from file:// (no fetch). When the data, a shard or its
   search index cannot be loaded, the page says so (a live region) instead of "loading …" forever. */
(function (bro) {
  "use strict";
  var data = window.broDirectory;
  var root = document.getElementById("bro-directory");
  if (!root) { return; }
  if (!data || typeof lunr === "undefined" || !bro.directoryCore || !bro.url || !bro.shortlist || !bro.loadShards) {
    // the data or a script did not load: the list readable without JavaScript stays, with a note why
    if (bro.showLoadFailed) { bro.showLoadFailed(document.getElementById("bro-static-list"), root.dataset.loadFailed); }
    return;
  }

  var core = bro.directoryCore, url = bro.url, store = bro.shortlist;
  var lang = data.lang, ui = data.ui, areas = data.areas, suppliers = [], indexes = [], loaded = 0, failed = false;
  var PAGE = core.PAGE, FACET_NAMES = core.FACET_NAMES, format = core.format;
  var search = core.createSearch({ indexes: indexes, suppliers: suppliers, trailing: lunr.Query.wildcard.TRAILING,
                                   stopWord: lunr[lang] && lunr[lang].stopWordFilter });

  var form = document.getElementById("bro-search-form");
  var panel = document.getElementById("bro-filters-panel");
  var suggest = document.getElementById("bro-suggest");
  var suggestList = document.getElementById("bro-suggest-list");
  var input = document.getElementById("bro-q");
  var areaSelect = document.getElementById("bro-area");
  var results = document.getElementById("bro-results");
  var status = document.getElementById("bro-status");
  var more = document.getElementById("bro-more");
  var staticList = document.getElementById("bro-static-list");
  var shown = PAGE, timer = null;

  function readState() { return url.readSearch(location.hash, FACET_NAMES); }

  function formState() {
    var state = { q: input.value.trim(), area: areaSelect.value, facets: {} };
    FACET_NAMES.forEach(function (facet) {
      state.facets[facet] = Array.prototype.map.call(
        panel.querySelectorAll('input[name="' + facet + '"]:checked'), function (box) { return box.value; });
    });
    return state;
  }

  function applyToForm(state) {
    input.value = state.q;
    areaSelect.value = areas[state.area] ? state.area : "";
    FACET_NAMES.forEach(function (facet) {
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
    var hash = url.searchFragment(state);
    url.write(hash);
    keepInOtherLanguage(hash);
  }

  /* The language switch leads to the directory in the other language with the same search and filters. */
  function keepInOtherLanguage(hash) {
    document.querySelectorAll("a[hreflang]").forEach(function (link) {
      link.setAttribute("href", url.withFragment(link.getAttribute("href"), hash));
    });
  }

  function showShortlistCount(list) {
    document.getElementById("bro-shortlist-count").textContent = String(list.length);
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
    var found = core.filter(suppliers, scores, state, areas), matches = found.matches;
    // While a search or a filter narrows the list, an option beyond a long facet's first few shows itself when
    // it has hits, so that what the reader is looking for is never behind "Vis alle".
    var narrowed = core.narrowed(scores, state);
    panel.querySelectorAll("[data-count-for]").forEach(function (node) {
      var count = found.counts[node.getAttribute("data-count-for")] || 0;
      node.textContent = "(" + count + ")";
      var option = node.closest(".bro-check--extra");
      if (option) { option.classList.toggle("bro-check--hit", narrowed && count > 0); }
    });
    var listed = store.read(), page = core.paged(matches, shown);
    results.textContent = "";
    page.items.forEach(function (match) {
      results.appendChild(card(match.supplier, listed.indexOf(match.supplier.slug) >= 0));
    });
    more.hidden = !page.more;
    status.textContent = core.statusText(ui, matches.length, loaded < data.total && !failed);
    suggestions(matches.length === 0 ? state : null);
  }

  /* How many suppliers a state finds. */
  function countFor(state) { return core.countFor(suppliers, search(state.q), state, areas); }

  /* A suggestion's text, with "{count}" left for the number it finds (null: its option is not on the page). */
  function suggestionText(option) {
    if (option.kind === "area") { return format(ui.suggest_area, { name: areas[option.code][0], count: "{count}" }); }
    if (option.kind === "query") { return format(ui.suggest_query, { query: option.query, count: "{count}" }); }
    var box = document.getElementById(option.facet === "eligible" ? "f-eligible" : "f-" + option.facet + "-" + option.code);
    if (!box) { return null; }
    var label = panel.querySelector('label[for="' + box.id + '"]').firstChild.textContent.trim();
    return format(ui.suggest_drop, { name: label, count: "{count}" });
  }

  /* What a reader whom nothing fits can do instead, each with the number it would find: widen the area to its
     region or country, drop one filter, search without the words. Nothing (hidden) while something fits. */
  function suggestions(state) {
    suggestList.textContent = "";
    suggest.hidden = !state;
    if (!state) { return; }
    core.alternatives(state, areas).forEach(function (option) {
      var text = suggestionText(option);
      if (text === null) { return; }
      var count = countFor(option.state);
      if (!count) { return; }
      var button = element("button", { type: "button", "class": "bro-suggest__option" },
                           text.replace("{count}", String(count)));
      button.addEventListener("click", function () {
        applyToForm(option.state);
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
    var toggled = store.toggle(button.getAttribute("data-slug"));
    showShortlistCount(toggled.list);
    var listed = toggled.listed, name = button.closest(".bro-card").querySelector("a").textContent;
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = listed ? ui.shortlist_remove : ui.shortlist_add;
    button.setAttribute("aria-label", button.textContent + ": " + name);
  });
  window.addEventListener("hashchange", function () { applyToForm(readState()); update(false); });

  /* A shard did not load: the page says so. The suppliers already loaded stay searchable; when none did, the list
     readable without JavaScript comes back instead of an empty search. */
  function fail(text) {
    failed = true;
    if (!loaded) {
      root.hidden = true;
      staticList.hidden = false;
      bro.showLoadFailed(staticList, text);
      return;
    }
    bro.showLoadFailed(results, text);
    update(false);
  }

  root.hidden = false;
  staticList.hidden = true;
  showShortlistCount(store.write(store.read()));
  applyToForm(readState());
  keepInOtherLanguage(location.hash.replace(/^#/, ""));
  bro.loadShards(data, root.dataset.assets, function (shard) {
    shard.suppliers.forEach(function (supplier, i) { suppliers[shard.offset + i] = supplier; });
    loaded += shard.suppliers.length;
    var index = null;
    try { index = lunr.Index.load(shard.index); } catch { bro.showLoadFailed(results, ui.search_failed); }
    if (index) { indexes.push({ offset: shard.offset, index: index }); }
    update(false);
  }, function () {
    // every supplier known: drop slugs of none (never after a failed shard: its suppliers would be dropped)
    showShortlistCount(store.write(store.read(), knownSlugs()));
  }, function () { fail(root.dataset.loadFailed); });
}(window.bro = window.bro || {}));
