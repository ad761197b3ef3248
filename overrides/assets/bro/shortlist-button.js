/* "Add to my list" on a supplier profile: keeps the supplier's slug in this browser's shortlist. */
(function () {
  "use strict";
  var button = document.querySelector(".bro-shortlist-box .bro-shortlist-toggle");
  if (!button) { return; }
  var STORE = "bro-shortlist", slug = button.getAttribute("data-slug");
  function read() {
    try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function show(listed) {
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = button.getAttribute(listed ? "data-remove" : "data-add");
  }
  button.addEventListener("click", function () {
    var list = read(), at = list.indexOf(slug);
    if (at >= 0) { list.splice(at, 1); } else { list.push(slug); }
    try { localStorage.setItem(STORE, JSON.stringify(list)); } catch (e) { /* ignore */ }
    show(at < 0);
  });
  show(read().indexOf(slug) >= 0);
  button.parentNode.hidden = false;
}());
