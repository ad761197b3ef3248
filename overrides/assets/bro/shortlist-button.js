/* "Add to my list" on a supplier profile: keeps the supplier's slug in this browser's shortlist. */
(function () {
  "use strict";
  var button = document.querySelector(".bro-shortlist-box .bro-shortlist-toggle");
  if (!button) { return; }
  var store = window.broShortlist, slug = button.getAttribute("data-slug");
  function show(listed) {
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = button.getAttribute(listed ? "data-remove" : "data-add");
  }
  button.addEventListener("click", function () {
    var list = store.read(), at = list.indexOf(slug);
    if (at >= 0) { list.splice(at, 1); } else { list.push(slug); }
    store.write(list);
    show(at < 0);
  });
  show(store.read().indexOf(slug) >= 0);
  button.parentNode.hidden = false;
}());
