/* CCPL Knowledge Hub: progressive enhancements. Without JavaScript every page still works:
   the hub lists the newest case studies (and links to all of them) and tables keep their source
   order. The case study finder is finder.js, loaded on the hub only. */
(function () {
  "use strict";

  /* ---- Sortable tables: a button in each header; aria-sort says the current order. ---- */
  function setUpSortableTables() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
      var headers = table.querySelectorAll("thead th");
      var body = table.tBodies[0];
      if (!body) return;
      Array.prototype.forEach.call(headers, function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "ccpl-sort";
        button.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = sortKey(a.cells[column]);
            var y = sortKey(b.cells[column]);
            return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  function sortKey(cell) {
    if (!cell) return "";
    return (cell.getAttribute("data-sort") || cell.textContent).trim().toLowerCase();
  }

  /* ---- Search: Pagefind, served from the site itself (pagefind/ is written after each build). ---- */
  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function loadScript(url, onload) {
    var script = document.createElement("script");
    script.src = url;
    script.onload = onload;
    document.head.appendChild(script);
  }

  function loadStylesheet(url) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    document.head.appendChild(link);
  }

  function setUpSearchPage() {
    var host = document.getElementById("ccpl-search");
    if (!host) return;
    var bundle = new URL("pagefind/", siteBase());
    loadStylesheet(bundle + "pagefind-ui.css");
    loadScript(bundle + "pagefind-ui.js", function () {
      var ui = new window.PagefindUI({
        element: "#ccpl-search", bundlePath: bundle.pathname, showImages: false, showSubResults: false,
        resetStyles: false, autofocus: true,
        translations: {placeholder: "Search case studies, principles, frameworks and roles"},
        // A case study's summary is the start of its text, so the excerpt already shows it.
        processResult: function (result) { delete result.meta.summary; return result; }
      });
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) ui.triggerSearch(query);
    });
  }

  /* ---- Run once the page has loaded. ---- */
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    if (document.getElementById("ccpl-finder")) loadScript(new URL("assets/javascripts/finder.js", siteBase()).href);
    setUpSortableTables();
    setUpSearchPage();
  });
})();
