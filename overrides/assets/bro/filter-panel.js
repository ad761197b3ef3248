/* The filter layout shared by the supplier directory and the tender plan (any .bro-filter-layout): on wide screens
   the filters stand in a side column (CSS); on phones a "Filtre (n)" button opens and closes them, closed at first.
   Without JavaScript the button stays hidden and the filters stay open. The number counts the filters in use
   (ticked boxes, chosen options, filled-in fields); pages that set filters from the address send "bro:filters". */
(function (bro) {
  "use strict";
  function filtersInUse(panel) {
    var n = 0;
    panel.querySelectorAll("input, select").forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") { n += field.checked ? 1 : 0; }
      else if (field.type !== "button" && field.type !== "submit" && field.value) { n += 1; }
    });
    return n;
  }

  function setUp(layout) {
    var toggle = layout.querySelector(".bro-filter-toggle");
    var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!panel || layout.classList.contains("bro-filter-layout--js")) { return; }
    var number = toggle.querySelector(".bro-filter-toggle__n");
    function count() {
      var n = filtersInUse(panel);
      if (number) { number.textContent = n ? "(" + n + ")" : ""; }
    }
    function open(yes) {
      layout.classList.toggle("is-open", yes);
      toggle.setAttribute("aria-expanded", yes ? "true" : "false");
    }
    layout.classList.add("bro-filter-layout--js");
    toggle.hidden = false;
    open(false);
    count();
    toggle.addEventListener("click", function () {
      var yes = toggle.getAttribute("aria-expanded") !== "true";
      open(yes);
      if (yes) {
        var first = panel.querySelector("input, select, button, a[href]");
        if (first) { first.focus(); }
      }
    });
    panel.addEventListener("change", count);
    panel.addEventListener("input", count);
    layout.addEventListener("bro:filters", count);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && layout.classList.contains("is-open") && toggle.offsetParent !== null) {
        open(false);
        toggle.focus();
      }
    });
  }

  bro.filterPanels = function () {
    document.querySelectorAll(".bro-filter-layout").forEach(setUp);
  };
  bro.filterPanels();
}(window.bro = window.bro || {}));
