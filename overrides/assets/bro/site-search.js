/* The theme's site search answers first with "Søg i leverandørlisten efter »…«": a link to the supplier directory
   with the same words (the directory searches inflections, compounds and every field). The link's address and
   text come from the page (<meta name="bro-directory-search">, overrides/main.html). Material draws its results
   into .md-search-result__list; the answer is put back at the top whenever the theme redraws the list. */
(function (bro) {
  "use strict";
  var meta = document.querySelector('meta[name="bro-directory-search"]');
  var box = document.querySelector("input.md-search__input");
  var list = document.querySelector(".md-search-result__list");
  if (!meta || !box || !list || !bro.url) { return; }
  var target = new URL(meta.getAttribute("content"), location.href);
  var label = meta.getAttribute("data-label");
  var item = document.createElement("li");
  item.className = "md-search-result__item bro-site-search";
  var link = document.createElement("a");
  link.className = "md-search-result__link";
  link.tabIndex = -1;
  var article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  var title = document.createElement("h1");
  article.appendChild(title);
  link.appendChild(article);
  item.appendChild(link);

  function place() {
    var query = box.value.trim();
    if (!query) {
      if (item.parentNode) { item.parentNode.removeChild(item); }
      return;
    }
    title.textContent = label.replace("{query}", query);
    link.href = bro.url.searchLink(target.href, query);
    if (list.firstChild !== item) { list.insertBefore(item, list.firstChild); }
  }

  new MutationObserver(function () { if (list.firstChild !== item || !item.parentNode) { place(); } })
    .observe(list, { childList: true });
  box.addEventListener("input", place);
  box.addEventListener("keyup", place);
}(window.bro = window.bro || {}));
