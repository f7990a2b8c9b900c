/* CCPL Knowledge Hub: progressive enhancements. Without JavaScript every page still works:
   the hub lists every case study and tables keep their source order. */
(function () {
  "use strict";

  /* ---- Case study hub filters ------------------------------------------------------------
     AND across facets, OR within a facet. The filter state lives in the URL query
     (?principle=1&principle=3&region=london) so a filtered view can be linked and bookmarked. */
  function setUpFilters() {
    var form = document.getElementById("ccpl-filters");
    var list = document.getElementById("ccpl-results");
    var status = document.getElementById("ccpl-result-count");
    if (!form || !list || !status) return;
    var results = Array.prototype.slice.call(list.querySelectorAll("li.ccpl-result"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (f) {
      return f.getAttribute("data-facet");
    });

    function valuesOf(item, facet) {
      return (item.getAttribute("data-" + facet) || "").split(" ").filter(Boolean);
    }

    function selection() {
      var chosen = {};
      facets.forEach(function (facet) { chosen[facet] = []; });
      boxes.forEach(function (box) {
        if (box.checked) chosen[box.name].push(box.value);
      });
      return chosen;
    }

    function matches(item, chosen, exceptFacet) {
      return facets.every(function (facet) {
        if (facet === exceptFacet || chosen[facet].length === 0) return true;
        var have = valuesOf(item, facet);
        return chosen[facet].some(function (value) { return have.indexOf(value) !== -1; });
      });
    }

    function describe(chosen) {
      var parts = [];
      facets.forEach(function (facet) {
        var labels = chosen[facet].map(function (value) {
          var label = form.querySelector("label[for='f-" + facet + "-" + value + "']");
          return label ? label.firstChild.textContent.trim() : value;
        });
        if (labels.length) parts.push(labels.join(" or "));
      });
      return parts.join("; ");
    }

    function apply(updateUrl) {
      var chosen = selection();
      var shown = 0;
      results.forEach(function (item) {
        var visible = matches(item, chosen, null);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      boxes.forEach(function (box) {
        var count = results.filter(function (item) {
          return matches(item, chosen, box.name) && valuesOf(item, box.name).indexOf(box.value) !== -1;
        }).length;
        var target = form.querySelector("[data-count-for='" + box.name + "=" + box.value + "']");
        if (target) target.textContent = "(" + count + ")";
      });
      var filters = describe(chosen);
      var noun = shown === 1 ? "case study" : "case studies";
      status.textContent = filters
        ? "Showing " + shown + " of " + results.length + " " + (results.length === 1 ? "case study" : "case studies") + " for " + filters + "."
        : "Showing all " + results.length + " " + noun + ".";
      if (updateUrl) {
        var params = new URLSearchParams();
        facets.forEach(function (facet) {
          chosen[facet].forEach(function (value) { params.append(facet, value); });
        });
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
      box.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.hidden = false;
    apply(false);
  }

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
        translations: {placeholder: "Search case studies, principles, frameworks and roles"}
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
    setUpFilters();
    setUpSortableTables();
    setUpSearchPage();
  });
})();
