/* Bro's list filters (tender plan, cases): every control in a form.bro-filter narrows the cards of the
   page. A control named N keeps the cards whose data-N holds its value among space-separated tokens;
   with data-match="prefix" a token only has to begin with the value's digits (CPV codes). The names come
   from the page (the tender plan's from bro.plan_filters), never from a list here. Cards marked
   data-bro-archive are counted apart (count's data-archived), and the [data-bro-archive-block] around them
   is hidden when none shows. The state lives in the URL fragment, so a filtered list can be bookmarked
   and shared. */
(function () {
  "use strict";
  var form = document.querySelector("form.bro-filter");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(form.dataset.cards));
  var count = document.getElementById(form.dataset.count);
  var controls = Array.prototype.filter.call(form.elements, function (el) { return el.name; });

  function matches(card, control) {
    var wanted = control.value.trim();
    if (!wanted) { return true; }
    var tokens = (card.dataset[control.name] || "").split(" ");
    if (control.dataset.match === "prefix") {
      var digits = wanted.replace(/\D/g, "");
      return tokens.some(function (token) { return token.replace(/\D/g, "").indexOf(digits) === 0; });
    }
    return tokens.indexOf(wanted) >= 0;
  }

  var archiveBlock = document.querySelector("[data-bro-archive-block]");

  function update(write) {
    var shown = 0, archived = 0;
    cards.forEach(function (card) {
      var ok = controls.every(function (control) { return matches(card, control); });
      card.hidden = !ok;
      if (ok && card.hasAttribute("data-bro-archive")) { archived += 1; } else if (ok) { shown += 1; }
    });
    var text = (shown === 1 ? count.dataset.one : count.dataset.many).replace("{count}", shown);
    if (count.dataset.archived) { text += " · " + count.dataset.archived.replace("{count}", archived); }
    count.textContent = text;
    if (archiveBlock) { archiveBlock.hidden = archived === 0; }
    if (write) {
      var params = new URLSearchParams();
      controls.forEach(function (control) { if (control.value.trim()) { params.set(control.name, control.value.trim()); } });
      var url = location.href.replace(/#.*$/, "") + (params.toString() ? "#" + params.toString() : "");
      try { history.replaceState(null, "", url); } catch { location.hash = params.toString(); }
    }
  }

  function isState() { return location.hash.length < 2 || location.hash.indexOf("=") >= 0; }

  function read() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    controls.forEach(function (control) { control.value = params.get(control.name) || ""; });
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function (event) { if (event.target.tagName === "INPUT") { update(true); } });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector(".bro-filter-clear").addEventListener("click", function () {
    controls.forEach(function (control) { control.value = ""; });
    update(true);
  });
  // a plain anchor (the "show results" link: #kommende) is a place on the page, not a filter state
  window.addEventListener("hashchange", function () { if (isState()) { read(); update(false); } });
  form.hidden = false;
  read();
  update(false);
}());
