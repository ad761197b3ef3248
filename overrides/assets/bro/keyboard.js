// Keyboard use of the phone layout: the menu button (Material's label for the drawer) becomes a real button that
// Tab reaches and Enter or Space opens; the closed drawer is then hidden from Tab (bro.css, class bro-kbd), so that
// no invisible link takes a tab stop. Without this script the drawer's links stay reachable as before.
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!drawer || !button) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-expanded", String(drawer.checked));
  if (!button.getAttribute("aria-label")) button.setAttribute("aria-label", document.documentElement.lang === "sv" ? "Meny" : "Menu");
  drawer.addEventListener("change", function () { button.setAttribute("aria-expanded", String(drawer.checked)); });
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();   // the theme's own Enter-on-a-label handler would toggle it back
    drawer.click();
    if (drawer.checked) {
      var first = document.querySelector(".md-sidebar--primary a, .md-sidebar--primary label[tabindex]");
      if (first) setTimeout(function () { first.focus(); }, 0);
    }
  });
  document.documentElement.classList.add("bro-kbd");
})();
