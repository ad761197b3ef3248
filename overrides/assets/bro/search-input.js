/* The theme's site search reads its box on keyup only. Dictation, speech input, pasting from a menu and some
   on-screen keyboards change the box without a key: pass every change on as a keyup (the theme ignores a
   value it has already searched for, so typed keys are not searched twice). */
(function () {
  "use strict";
  var box = document.querySelector("input.md-search__input");
  if (!box) { return; }
  box.addEventListener("input", function (event) {
    if (!event.isComposing) { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }
  });
}());
