/* Bro's shortlist: suppliers a buyer marked in the directory, side by side, printable and copyable
   as plain text for a market-dialogue e-mail. Kept in this browser only (localStorage, shortlist-store.js). When the
   directory's data or a shard cannot be loaded, the page says so (a live region) and leaves the stored list as it is. */
(function (bro) {
  "use strict";
  var data = window.broDirectory;
  var box = document.getElementById("bro-shortlist");
  if (!box) { return; }
  if (!data || !bro.shortlist || !bro.loadShards) {
    failed();
    return;
  }
  var ui = data.ui, store = bro.shortlist;
  var bySlug = Object.create(null);  // no inherited names: a stored "constructor" is no supplier

  /* The data did not load: say so instead of the note that the page needs JavaScript. */
  function failed() {
    document.getElementById("bro-shortlist-nojs").hidden = true;
    if (bro.showLoadFailed) { bro.showLoadFailed(document.getElementById("bro-shortlist-body"), box.dataset.loadFailed); }
  }

  function read() { return store.read(); }

  function write(list) { store.write(list, bySlug); }

  function labels(codes, table) {
    return codes.map(function (code) { return table[code] || code; }).join(", ");
  }

  function places(supplier) {
    return supplier.areas.map(function (code) { return data.areas[code] ? data.areas[code][0] : code; }).join(", ");
  }

  function profileUrl(supplier) {
    return new URL(box.dataset.root + supplier.path, location.href).href;
  }

  function rows(supplier) {
    var contact = [supplier.contact.name, supplier.contact.email, supplier.contact.phone].filter(Boolean).join(", ");
    return [
      [ui.row_summary, supplier.summary, supplier.summaryLang],
      [ui.row_categories, labels(supplier.categories, data.labels.categories)],
      [ui.row_areas, places(supplier)],
      [ui.row_reserved, supplier.eligible ? ui.yes_reserved : supplier.eligibleElse || ui.no_reserved],
      [ui.row_registrations, labels(supplier.registrations, data.labels.registrations)],
      [ui.row_contact, contact],
    ];
  }

  function mailText(list) {
    var lines = [ui.mail_intro, ""];
    list.forEach(function (supplier) {
      lines.push(supplier.name);
      rows(supplier).forEach(function (row) { if (row[1]) { lines.push(row[0] + ": " + row[1]); } });
      if (supplier.stale) { lines.push(ui.stale); }
      lines.push(ui.row_profile + ": " + profileUrl(supplier), "");
    });
    return lines.join("\n").trim() + "\n";
  }

  function render() {
    var list = read().map(function (slug) { return bySlug[slug]; }).filter(Boolean);
    var table = document.getElementById("bro-compare");
    var head = table.querySelector("thead"), body = table.querySelector("tbody");
    head.textContent = "";
    body.textContent = "";
    document.getElementById("bro-shortlist-empty").hidden = list.length > 0;
    table.parentNode.hidden = list.length === 0;
    document.getElementById("bro-shortlist-tools").hidden = list.length === 0;
    document.getElementById("bro-mail-text").value = list.length ? mailText(list) : "";
    if (!list.length) { return; }
    var top = document.createElement("tr");
    top.appendChild(cell("th", ui.row_name, { scope: "col" }));
    list.forEach(function (supplier) {
      var th = cell("th", "", { scope: "col" });
      var link = document.createElement("a");
      link.href = box.dataset.root + supplier.path;
      link.textContent = supplier.name;
      th.appendChild(link);
      // a function, so that "$&" or "$'" in a name is not read as a replacement pattern
      var label = ui.shortlist_remove_named.replace("{name}", function () { return supplier.name; });
      var remove = cell("button", "×", { type: "button", "class": "bro-remove bro-no-print", "data-slug": supplier.slug,
                                         "aria-label": label });
      th.appendChild(remove);
      top.appendChild(th);
    });
    head.appendChild(top);
    rows(list[0]).forEach(function (_, rowIndex) {
      var tr = document.createElement("tr");
      tr.appendChild(cell("th", rows(list[0])[rowIndex][0], { scope: "row" }));
      list.forEach(function (supplier) {
        var row = rows(supplier)[rowIndex];
        var td = cell("td", row[1]);
        if (row[2] && row[2] !== data.lang) { td.setAttribute("lang", row[2]); }
        if (rowIndex === 0 && supplier.stale) { td.appendChild(cell("p", ui.stale, { "class": "bro-stale" })); }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  /* After a removal the button is gone: keep the keyboard focus on the table, or on the note when the list is empty. */
  function focusAfterChange() {
    var empty = document.getElementById("bro-shortlist-empty");
    (empty.hidden ? document.getElementById("bro-compare-caption") : empty).focus();
  }

  function cell(tag, text, attrs) {
    var node = document.createElement(tag);
    node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  box.addEventListener("click", function (event) {
    var remove = event.target.closest(".bro-remove");
    if (!remove) { return; }
    store.remove(remove.getAttribute("data-slug"), bySlug);
    render();
    focusAfterChange();
  });
  document.getElementById("bro-print").addEventListener("click", function () { window.print(); });
  document.getElementById("bro-clear-list").addEventListener("click", function () {
    write([]);
    render();
    focusAfterChange();
  });
  document.getElementById("bro-copy").addEventListener("click", function () {
    var area = document.getElementById("bro-mail-text"), note = document.getElementById("bro-copy-status");
    function fallback() {
      area.focus();
      area.select();
      var ok;
      try { ok = document.execCommand("copy"); } catch { ok = false; }
      note.textContent = ok ? ui.copied : ui.copy_failed;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(function () { note.textContent = ui.copied; }, fallback);
    } else { fallback(); }
  });

  document.getElementById("bro-shortlist-nojs").hidden = true;
  document.getElementById("bro-compare-caption").setAttribute("tabindex", "-1");
  document.getElementById("bro-shortlist-empty").setAttribute("tabindex", "-1");
  bro.loadShards(data, box.dataset.assets, function (shard) {
    shard.suppliers.forEach(function (supplier) { bySlug[supplier.slug] = supplier; });
  }, function () {
    write(read());  // every supplier known: keep only slugs of suppliers
    document.getElementById("bro-shortlist-body").hidden = false;
    render();
  }, failed);
}(window.bro = window.bro || {}));
