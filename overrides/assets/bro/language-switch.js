// The language switch keeps the page's state: the directory and the tender plan keep their search and filters in the
// address's fragment (#q=…&categories=…) and sometimes its query; both travel to the same page in the other language.
// A plain heading anchor (#kontakt) does not: headings have other names in the other language.
(function () {
  "use strict";
  function carry(link) {
    var hash = location.hash.replace(/^#/, "");
    var state = hash.indexOf("=") >= 0 ? "#" + hash : "";
    var target = link.getAttribute("href").split("#")[0].split("?")[0];
    link.setAttribute("href", target + location.search + state);
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
})();
