/* CCPL Knowledge Hub: the search page (loaded by hub.js on /search/ only).

   A keyword box over the site's Pagefind index, with the case studies' facets as filters. Pagefind
   fetches, per search, the index chunk for the words typed and one small record per result shown,
   so a search costs little however large the hub grows. The filter panel is closed until asked for:
   only then are the filter files fetched (they list every case study), so the first results arrive
   without them, and on a phone the results come first. Filters: AND across facets, OR within one,
   as in the finder. The keyword is kept in the address (?q=), which the header's search form sends. */
(function () {
  "use strict";

  var host = document.getElementById("ccpl-search");
  if (!host) return;
  var PAGE = 5;  // results shown at once: each one is a record to fetch

  var element = window.ccplHub.element;
  var loadPagefind = window.ccplHub.loadPagefind;  // Pagefind, fetched on first use (hub.js)

  /* ---- the page's controls ------------------------------------------------------------------ */
  var form = element("form", {"class": "ccpl-finder__bar", role: "search", "aria-label": "Search the hub"});
  var field = form.appendChild(element("p", {"class": "ccpl-finder__field ccpl-finder__keyword"}));
  field.appendChild(element("label", {"for": "ccpl-search-q"}, "Search case studies, principles, frameworks and roles"));
  var keyword = field.appendChild(element("input", {type: "search", id: "ccpl-search-q", name: "q", autocomplete: "off",
                                                    spellcheck: "false", enterkeyhint: "search"}));
  var actions = form.appendChild(element("p", {"class": "ccpl-finder__actions"}));
  actions.appendChild(element("button", {type: "submit", "class": "md-button md-button--primary"}, "Search"));
  var toggle = actions.appendChild(element("button", {type: "button", "class": "md-button", "aria-expanded": "false",
                                                      "aria-controls": "ccpl-search-filters"}, "Filter case studies"));
  var panel = element("div", {id: "ccpl-search-filters", "class": "ccpl-search__filters", hidden: ""});
  var status = element("p", {"class": "ccpl-result-count", role: "status", tabindex: "-1"});
  var list = element("ul", {"class": "ccpl-results ccpl-search__results"});
  var more = element("button", {type: "button", "class": "md-button ccpl-finder__more", hidden: ""});
  [form, panel, status, list, more].forEach(function (node) { host.appendChild(node); });

  /* ---- state --------------------------------------------------------------------------------- */
  var chosen = {};   // Pagefind filter name -> the values ticked
  var current = {run: 0, results: [], shown: 0};

  function filtersFor(exceptFilter) {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (name !== exceptFilter && chosen[name].length) filters[name] = {any: chosen[name].slice()};
    });
    return filters;
  }

  function chosenCount() {
    return Object.keys(chosen).reduce(function (n, name) { return n + chosen[name].length; }, 0);
  }

  function search(module, exceptFilter) {
    var q = keyword.value.trim();
    return module.search(q || null, {filters: filtersFor(exceptFilter)});
  }

  /* ---- one result: text only (the excerpt keeps Pagefind's <mark> around the words found) ---- */
  function excerpt(html) {
    var paragraph = element("p", {"class": "ccpl-result__summary"});
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    Array.prototype.forEach.call(parsed ? parsed.childNodes : [], function (node) {
      if (node.nodeName === "MARK") paragraph.appendChild(element("mark", {}, node.textContent));
      else paragraph.appendChild(document.createTextNode(node.textContent));
    });
    return paragraph;
  }

  function resultItem(record) {
    var item = element("li", {"class": "ccpl-result"});
    var link = item.appendChild(element("h2", {"class": "ccpl-result__title"})).appendChild(element("a", {}, record.meta.title));
    var url = new URL(record.url, window.location.href);
    if (url.origin === window.location.origin) link.href = url.href;
    var where = [record.meta.place, record.meta.category].filter(Boolean).join(" \u00b7 ");
    if (where) item.appendChild(element("p", {"class": "ccpl-result__meta"}, where));
    item.appendChild(excerpt(record.excerpt || ""));
    return item;
  }

  /* ---- running a search and showing it ------------------------------------------------------- */
  function announce(found) {
    var q = keyword.value.trim();
    var what = (q ? " for \u201c" + q + "\u201d" : "") + (chosenCount() ? " with the filters chosen" : "");
    if (!found) status.textContent = "No results" + what + "." + (chosenCount() ? " Try removing a filter." : "");
    else status.textContent = found + (found === 1 ? " result" : " results") + what +
      (current.shown < found ? ", " + current.shown + " shown." : ".");
  }

  function showMore(found) {
    var left = found - current.shown;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(PAGE, left) + " more";
  }

  // Shows results [from, to): their records are fetched together, then added in order.
  function render(from, to, run) {
    return Promise.all(current.results.slice(from, to).map(function (r) { return r.data(); })).then(function (records) {
      if (run !== current.run) return null;
      var items = records.map(function (record) { return list.appendChild(resultItem(record)); });
      return items[0] || null;
    });
  }

  function run() {
    var runId = ++current.run;
    var q = keyword.value.trim();
    var address = new URL(window.location.href);
    if (q) address.searchParams.set("q", q);
    else address.searchParams.delete("q");
    history.replaceState(null, "", address.pathname + address.search + address.hash);
    if (!q && !chosenCount()) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    return loadPagefind().then(function (module) {
      return search(module, null).then(function (answer) {
        if (runId !== current.run) return;
        current.results = answer.results;
        current.shown = Math.min(PAGE, answer.results.length);
        list.textContent = "";
        return render(0, current.shown, runId).then(function () {
          if (runId !== current.run) return;
          announce(answer.results.length);
          showMore(answer.results.length);
          if (!panel.hidden) return countOptions(module, answer, runId);
        });
      });
    }).then(function () { if (runId === current.run) list.removeAttribute("aria-busy"); }, unavailable);
  }

  function unavailable() {
    list.removeAttribute("aria-busy");
    status.textContent = "Search could not load. Browse the case studies, principles, frameworks or roles from the menu instead.";
  }

  /* ---- the filter panel: built from the index's filters the first time it is opened ----------- */
  var boxes = [];
  function buildPanel(module) {
    return module.filters().then(function (available) {
      panel.textContent = "";
      panel.appendChild(element("p", {"class": "ccpl-search__filters-note"},
                                "These filters apply to case studies: other pages drop out when one is ticked."));
      Object.keys(available).sort().forEach(function (name) {
        chosen[name] = chosen[name] || [];
        var fieldset = panel.appendChild(element("fieldset", {"class": "ccpl-facet"}));
        fieldset.appendChild(element("legend", {}, name));
        Object.keys(available[name]).sort().forEach(function (value, i) {
          var id = "ccpl-sf-" + name.toLowerCase().replace(/[^a-z0-9]+/g, "-") + "-" + i;
          var option = fieldset.appendChild(element("p", {"class": "ccpl-option"}));
          var box = option.appendChild(element("input", {type: "checkbox", id: id}));
          var label = option.appendChild(element("label", {"for": id}, value + " "));
          var count = label.appendChild(element("span", {"class": "ccpl-option-count"},
                                                "(" + available[name][value] + ")"));
          boxes.push({box: box, name: name, value: value, count: count});
          box.addEventListener("change", function () {
            chosen[name] = box.checked ? chosen[name].concat([value])
              : chosen[name].filter(function (v) { return v !== value; });
            run();
          });
        });
      });
      var done = panel.appendChild(element("p", {"class": "ccpl-filter-actions"}))
        .appendChild(element("button", {type: "button", "class": "md-button"}, "Show results"));
      done.addEventListener("click", function () {  // on a phone the panel stands above the results
        toggle.setAttribute("aria-expanded", "false");
        panel.hidden = true;
        status.focus();
      });
    });
  }

  // Each option's count is what ticking it would show, given the keyword and the other filters.
  function countOptions(module, main, runId) {
    var names = Object.keys(chosen);
    return Promise.all(names.map(function (name) {
      return chosen[name].length ? search(module, name) : main;
    })).then(function (answers) {
      if (runId !== current.run) return;
      boxes.forEach(function (b) {
        var counts = answers[names.indexOf(b.name)].filters[b.name] || {};
        b.count.textContent = "(" + (counts[b.value] || 0) + ")";
      });
    });
  }

  var built = null;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (!open) return;
    if (!built) {
      panel.textContent = "Loading the filters\u2026";
      built = loadPagefind().then(buildPanel).then(run, function () { built = null; unavailable(); });
    }
    built.then(function () { if (boxes.length) boxes[0].box.focus(); });
  });

  more.addEventListener("click", function () {
    var from = current.shown;
    current.shown = Math.min(from + PAGE, current.results.length);
    list.setAttribute("aria-busy", "true");
    render(from, current.shown, current.run).then(function (first) {
      list.removeAttribute("aria-busy");
      announce(current.results.length);
      showMore(current.results.length);
      var link = first && first.querySelector("a");
      (link || more).focus();
    }, unavailable);
  });

  /* ---- events and start ---------------------------------------------------------------------- */
  var pause = null;
  keyword.addEventListener("focus", function () {  // fetched while the visitor types, not after
    loadPagefind().catch(function () {});  // a search says so if it fails again
  });
  keyword.addEventListener("input", function () {
    window.clearTimeout(pause);
    pause = window.setTimeout(run, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(pause);
    run();
  });

  keyword.value = (new URLSearchParams(window.location.search).get("q") || "").trim();
  keyword.focus();
  if (keyword.value) run();
})();
