/* "Add to my list" on a supplier profile: keeps the supplier's slug in this browser's shortlist (shortlist-store.js). */
(function (bro) {
  "use strict";
  var button = document.querySelector(".bro-shortlist-box .bro-shortlist-toggle");
  if (!button || !bro.shortlist) { return; }
  var store = bro.shortlist, slug = button.getAttribute("data-slug");
  function show(listed) {
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = button.getAttribute(listed ? "data-remove" : "data-add");
  }
  button.addEventListener("click", function () { show(store.toggle(slug).listed); });
  show(store.has(slug));
  button.parentNode.hidden = false;
}(window.bro = window.bro || {}));
