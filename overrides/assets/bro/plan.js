/* Bro's tender plan filters: buyer, category, CPV, delivery area, procedure, reservation, threshold and
   status combine; the state lives in the URL fragment. Entries are filtered where they stand. */
(function () {
  "use strict";
  var form = document.getElementById("bro-plan-filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".bro-card[data-status]"));
  var status = document.getElementById("plan-count");
  var fields = ["buyer", "category", "area", "procedure", "status", "reserved", "threshold", "cpv"];

  function values() {
    var state = {};
    fields.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
    return state;
  }

  function matches(card, state) {
    var d = card.dataset;
    if (state.buyer && d.buyer !== state.buyer) { return false; }
    if (state.category && d.categories.split(" ").indexOf(state.category) < 0) { return false; }
    if (state.area && d.areas.split(" ").indexOf(state.area) < 0) { return false; }
    if (state.procedure && d.procedure !== state.procedure) { return false; }
    if (state.status && d.status !== state.status) { return false; }
    if (state.reserved === "yes" && d.reserved === "none") { return false; }
    if (state.reserved === "none" && d.reserved !== "none") { return false; }
    if (state.threshold && d.threshold !== state.threshold) { return false; }
    if (state.cpv) {
      var wanted = state.cpv.replace(/\D/g, "");
      if (!d.cpv.split(" ").some(function (code) { return code.replace(/\D/g, "").indexOf(wanted) === 0; })) { return false; }
    }
    return true;
  }

  function update(write) {
    var state = values(), shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card, state);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = (shown === 1 ? status.dataset.one : status.dataset.many).replace("{count}", shown);
    if (write) {
      var params = new URLSearchParams();
      fields.forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
      var url = location.href.replace(/#.*$/, "") + (params.toString() ? "#" + params.toString() : "");
      try { history.replaceState(null, "", url); } catch (e) { location.hash = params.toString(); }
    }
  }

  function read() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    fields.forEach(function (name) { form.elements[name].value = params.get(name) || ""; });
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function (event) { if (event.target.name === "cpv") { update(true); } });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("plan-clear").addEventListener("click", function () {
    fields.forEach(function (name) { form.elements[name].value = ""; });
    update(true);
  });
  window.addEventListener("hashchange", function () { read(); update(false); });
  form.hidden = false;
  read();
  update(false);
}());
