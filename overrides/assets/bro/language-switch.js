// The language switch keeps the page's state: the directory and the tender plan keep their search and filters in the
// address's fragment (#q=…&categories=…) and sometimes its query; both travel to the same page in the other language.
// A plain heading anchor (#kontakt) does not: headings have other names in the other language (url-state.js).
(function (bro) {
  "use strict";
  function carry(link) {
    if (bro.url) { link.setAttribute("href", bro.url.carry(link.getAttribute("href"), location.search, location.hash)); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.bro-lang__link") : null;
    if (link) carry(link);
  }, true);
  // Middle-click, "open in new tab" and the keyboard read the address too: keep it current when it is about to be used.
  ["focusin", "mouseover", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest ? event.target.closest("a.bro-lang__link") : null;
      if (link) carry(link);
    }, true);
  });
}(window.bro = window.bro || {}));
