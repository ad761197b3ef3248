/* Bro's list filters (tender plan, cases): every control in a form.bro-filter narrows the cards of the
   page. A control named N keeps the cards whose data-N holds its value among space-separated tokens;
   with data-match="prefix" a token only has to begin with the value's digits (CPV codes). The names come
   from the page (the tender plan's from bro.plan_filters), never from a list here. Cards marked
   data-bro-archive are counted apart (count's data-archived), and the [data-bro-archive-block] around them
   is hidden when none shows; so is each [data-bro-group] section (who helps where: one per region) whose cards
   are all hidden, and a card with a data-key shown in several sections is counted once. The state lives in the URL fragment (url-state.js), so a filtered list can be
   bookmarked and shared. The page's feeds to follow (#plan-follow: an item per filter value, data-filter and
   data-value, bro.feeds) show those of the filters set; a prefix control's feed is its value's first two digits
   (a CPV division). The logic is window.bro.filter; node's test runner loads it as a module (tests/js/). */
(function (bro) {
  "use strict";

  /* Whether a card's tokens (data-N: space-separated) hold the wanted value (prefix: a token begins with its digits). */
  function matches(tokens, wanted, prefix) {
    var value = String(wanted || "").trim();
    if (!value) { return true; }
    var list = String(tokens || "").split(" ");
    if (prefix) {
      var digits = value.replace(/\D/g, "");
      return list.some(function (token) { return token.replace(/\D/g, "").indexOf(digits) === 0; });
    }
    return list.indexOf(value) >= 0;
  }

  /* The count line: labels {one, many, archived} (archived: none for a list without an archive). */
  function countText(labels, shown, archived) {
    var text = (shown === 1 ? labels.one : labels.many).replace("{count}", shown);
    if (labels.archived) { text += " · " + labels.archived.replace("{count}", archived); }
    return text;
  }

  /* The value whose feed follows a control's value: the value itself, or for a prefix control its first two
     digits (a CPV division; "" with fewer). */
  function followValue(wanted, prefix) {
    var value = String(wanted || "").trim();
    if (!prefix) { return value; }
    var digits = value.replace(/\D/g, "");
    return digits.length >= 2 ? digits.slice(0, 2) : "";
  }

  bro.filter = { matches: matches, countText: countText, followValue: followValue };
  if (typeof module !== "undefined" && module.exports) { module.exports = bro.filter; }
  if (typeof document === "undefined") { return; }

  var form = document.querySelector("form.bro-filter");
  if (!form || !bro.url) { return; }
  var url = bro.url;
  var cards = Array.prototype.slice.call(document.querySelectorAll(form.dataset.cards));
  var count = document.getElementById(form.dataset.count);
  var controls = Array.prototype.filter.call(form.elements, function (el) { return el.name; });
  var names = controls.map(function (control) { return control.name; });
  var archiveBlock = document.querySelector("[data-bro-archive-block]");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-bro-group]"));
  var follow = document.getElementById("plan-follow");
  var followItems = follow ? Array.prototype.slice.call(follow.querySelectorAll("li[data-filter]")) : [];

  function showFollow() {
    var wanted = {};
    controls.forEach(function (control) {
      wanted[control.name] = followValue(control.value, control.dataset.match === "prefix");
    });
    var any = false;
    followItems.forEach(function (item) {
      item.hidden = !wanted[item.dataset.filter] || wanted[item.dataset.filter] !== item.dataset.value;
      any = any || !item.hidden;
    });
    if (follow) { follow.hidden = !any; }
  }

  function fits(card, control) {
    return matches(card.dataset[control.name], control.value, control.dataset.match === "prefix");
  }

  function update(write) {
    var shown = 0, archived = 0, seen = {};
    cards.forEach(function (card) {
      var ok = controls.every(function (control) { return fits(card, control); });
      var key = card.dataset.key;
      card.hidden = !ok;
      if (ok && card.hasAttribute("data-bro-archive")) { archived += 1; } else if (ok && !(key && seen[key])) { shown += 1; }
      if (ok && key) { seen[key] = true; }
    });
    count.textContent = countText(count.dataset, shown, archived);
    if (archiveBlock) { archiveBlock.hidden = archived === 0; }
    groups.forEach(function (group) { group.hidden = !group.querySelector(".bro-card:not([hidden])"); });
    showFollow();
    if (write) {
      var fields = {};
      controls.forEach(function (control) { fields[control.name] = control.value; });
      url.write(url.fieldsFragment(fields));
    }
  }

  function read() {
    var fields = url.readFields(location.hash, names);
    controls.forEach(function (control) { control.value = fields[control.name]; });
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function (event) { if (event.target.tagName === "INPUT") { update(true); } });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector(".bro-filter-clear").addEventListener("click", function () {
    controls.forEach(function (control) { control.value = ""; });
    update(true);
  });
  // a plain anchor (the "show results" link: #kommende) is a place on the page, not a filter state
  window.addEventListener("hashchange", function () { if (url.isState(location.hash)) { read(); update(false); } });
  form.hidden = false;
  read();
  update(false);
}(typeof window !== "undefined" ? (window.bro = window.bro || {}) : {}));
