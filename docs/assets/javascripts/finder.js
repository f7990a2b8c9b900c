/* CCPL Knowledge Hub: the case study finder on /case-studies/ (loaded by hub.js on that page only).

   Without JavaScript the page lists the newest case studies and links to the A to Z list and the
   index pages. This script adds a keyword box, sort, "Show more" and live counts. Everything after
   the first interaction comes from the site's Pagefind index, fetched only then: a search downloads
   the index chunks for its words and the records it shows, not the whole hub, so what it costs
   stays flat as the hub grows. Case studies carry their facets as Pagefind filters and their place
   in each order as sort ranks (hooks/ccpl_hub/pages.py); a sorted search finds only them.

   Filters: AND across facets, OR within one. The state lives in the query string
   (?q=word&sort=title&principle=1&principle=3&region=london), so a view can be linked, and back and
   forward restore it. */
(function () {
  "use strict";

  var root = document.getElementById("ccpl-finder");
  var form = document.getElementById("ccpl-filters");
  var list = document.getElementById("ccpl-results");
  var status = document.getElementById("ccpl-result-count");
  if (!root || !form || !list || !status || !(root.getAttribute("data-step") > 0)) return;

  var SORTS = [["newest", "Newest first"], ["title", "Title, A to Z"], ["region", "Region, A to Z"]];
  var STEP = Number(root.getAttribute("data-step"));  // as many as the page lists (HUB_FIRST_STEP in views/hub.py)
  var BATCH = 10;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var facets = [];
  var filterNames = {};  // facet (as the URL names it) -> its Pagefind filter (as the legend reads)
  Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-facet]"), function (fieldset) {
    var facet = fieldset.getAttribute("data-facet");
    facets.push(facet);
    filterNames[facet] = fieldset.querySelector("legend").textContent.trim();
  });
  var base = new URL("../../", document.currentScript.src);  // this file is assets/javascripts/finder.js

  /* ---- the controls this script adds -------------------------------------------------------- */
  var element = window.ccplHub.element;

  var bar = element("form", {"class": "ccpl-finder__bar", role: "search", "aria-label": "Search case studies"});
  var keywordField = element("p", {"class": "ccpl-finder__field ccpl-finder__keyword"});
  keywordField.appendChild(element("label", {"for": "ccpl-q"}, "Keyword"));
  var keyword = element("input", {type: "search", id: "ccpl-q", name: "q", autocomplete: "off",
                                  spellcheck: "false", enterkeyhint: "search"});
  keywordField.appendChild(keyword);
  var sortField = element("p", {"class": "ccpl-finder__field"});
  sortField.appendChild(element("label", {"for": "ccpl-sort"}, "Sort by"));
  var sort = element("select", {id: "ccpl-sort", name: "sort"});
  SORTS.forEach(function (s) { sort.appendChild(element("option", {value: s[0]}, s[1])); });
  sortField.appendChild(sort);
  var actions = element("p", {"class": "ccpl-finder__actions"});
  var toggle = element("button", {type: "button", "class": "md-button ccpl-finder__toggle",
                                  "aria-expanded": "false", "aria-controls": "ccpl-filters"}, "Filters");
  var clearAll = element("button", {type: "button", "class": "md-button ccpl-finder__clear"}, "Clear all");
  actions.appendChild(toggle);
  actions.appendChild(clearAll);
  [keywordField, sortField, actions].forEach(function (n) { bar.appendChild(n); });
  root.insertBefore(bar, root.firstChild);

  var done = element("button", {type: "button", "class": "md-button ccpl-finder__done"}, "Show results");
  form.appendChild(element("p", {"class": "ccpl-filter-actions"})).appendChild(done);

  var noResults = element("div", {"class": "ccpl-no-results", hidden: ""});
  list.parentNode.insertBefore(noResults, list);
  var moreButton = element("button", {type: "button", "class": "md-button ccpl-finder__more", hidden: ""});
  list.parentNode.insertBefore(moreButton, list.nextSibling);
  status.setAttribute("tabindex", "-1");  // focus lands here after a filter is removed

  /* ---- state: the query string <-> the controls ----------------------------------------------- */
  function stateFromUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = {q: (params.get("q") || "").trim(), sort: "newest", chosen: {}};
    SORTS.forEach(function (s) { if (params.get("sort") === s[0]) state.sort = s[0]; });
    facets.forEach(function (facet) {
      state.chosen[facet] = boxes.filter(function (box) {
        return box.name === facet && params.getAll(facet).indexOf(box.value) !== -1;
      }).map(function (box) { return box.value; });
    });
    return state;
  }

  function stateFromControls() {
    var state = {q: keyword.value.trim(), sort: sort.value, chosen: {}};
    facets.forEach(function (facet) { state.chosen[facet] = []; });
    boxes.forEach(function (box) { if (box.checked) state.chosen[box.name].push(box.value); });
    return state;
  }

  function showState(state) {
    keyword.value = state.q;
    sort.value = state.sort;
    boxes.forEach(function (box) { box.checked = state.chosen[box.name].indexOf(box.value) !== -1; });
  }

  function query(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort !== "newest") params.set("sort", state.sort);
    facets.forEach(function (facet) {
      state.chosen[facet].forEach(function (value) { params.append(facet, value); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function isDefault(state) {
    return !state.q && state.sort === "newest" && facets.every(function (f) { return !state.chosen[f].length; });
  }

  function chosenCount(state) {
    return facets.reduce(function (n, f) { return n + state.chosen[f].length; }, 0);
  }

  var loadPagefind = window.ccplHub.loadPagefind;  // Pagefind, fetched on first use (hub.js)

  // An option's value in the Pagefind index: its label without markup characters, as the engine
  // writes it there (search_filter_value in hooks/ccpl_hub/pages.py).
  var REPLACEMENTS = {"&": " and ", "<": "\u2039", ">": "\u203a"};
  function filterValue(facet, value) {
    return optionLabel(facet, value).replace(/[&<>]/g, function (c) { return REPLACEMENTS[c]; })
      .split(/\s+/).filter(Boolean).join(" ");
  }

  function pagefindFilters(state, exceptFacet) {
    var filters = {};
    facets.forEach(function (facet) {
      if (facet !== exceptFacet && state.chosen[facet].length) {
        filters[filterNames[facet]] = {any: state.chosen[facet].map(function (value) { return filterValue(facet, value); })};
      }
    });
    return filters;
  }

  function search(module, state, exceptFacet) {
    var options = {filters: pagefindFilters(state, exceptFacet), sort: {}};
    options.sort[state.sort] = "asc";
    return module.search(state.q || null, options);
  }

  /* ---- words for the status line and the no-results hint ---------------------------------- */
  function optionLabel(facet, value) {
    var label = form.querySelector("label[for='f-" + facet + "-" + value + "']");
    return label ? label.firstChild.textContent.trim() : value;
  }

  function describe(state) {
    var parts = state.q ? ["\u201c" + state.q + "\u201d"] : [];
    facets.forEach(function (facet) {
      var labels = state.chosen[facet].map(function (value) { return optionLabel(facet, value); });
      if (labels.length) parts.push(labels.join(" or "));
    });
    return parts.join("; ");
  }

  function plural(n) { return n === 1 ? "case study" : "case studies"; }

  function announce(state, shown, found) {
    var filters = describe(state);
    var text = found === 0 ? "No case studies match " + filters + "."
      : (shown < found ? shown + " of " + found : String(found)) + " " + plural(found) + " shown" +
        (filters ? " for " + filters : "") + ".";
    status.textContent = text;
  }

  /* ---- one result, from its Pagefind record (text only: nothing in it is read as HTML) ------ */
  function principleTitle(number) {
    return "Principle " + number + ": " + optionLabel("principle", number).replace(/^\d+\.\s*/, "");
  }

  function resultItem(record) {
    var url = new URL(record.url, window.location.href);
    var item = element("li", {"class": "ccpl-result"});
    var heading = item.appendChild(element("h2", {"class": "ccpl-result__title"}));
    var link = heading.appendChild(element("a", {}, record.meta.title));
    if (url.origin === window.location.origin) link.href = url.href;
    var meta = record.meta;
    item.appendChild(element("p", {"class": "ccpl-result__meta"}, [meta.place, meta.category].filter(Boolean).join(" \u00b7 ")));
    if (meta.summary) item.appendChild(element("p", {"class": "ccpl-result__summary"}, meta.summary));
    var badges = item.appendChild(element("p", {"class": "ccpl-result__badges"}));
    ((record.filters && record.filters[filterNames.principle]) || []).map(function (label) {
      return (/^([1-9])\./.exec(label) || [])[1];
    }).sort().forEach(function (n) {
      if (!n) return;
      var badge = badges.appendChild(element("a", {"class": "ccpl-badge ccpl-badge--p" + n, title: principleTitle(n)}, "P" + n));
      badge.href = new URL("principles/" + n + "/", base).href;
      badges.appendChild(document.createTextNode(" "));
    });
    return item;
  }

  /* ---- running a search and showing it ----------------------------------------------------- */
  var current = {results: null, shown: list.children.length, state: stateFromUrl(), run: 0};
  var total = facetTotal("region");  // every case study has exactly one region

  function facetTotal(facet) {
    return boxes.filter(function (b) { return b.name === facet; }).reduce(function (n, box) {
      var count = form.querySelector("[data-count-for='" + box.name + "=" + box.value + "']");
      return n + (count ? parseInt(count.textContent.replace(/\D/g, ""), 10) || 0 : 0);
    }, 0);
  }

  function showCounts(counts) {
    boxes.forEach(function (box) {
      var target = form.querySelector("[data-count-for='" + box.name + "=" + box.value + "']");
      if (target) target.textContent = "(" + ((counts[box.name] || {})[filterValue(box.name, box.value)] || 0) + ")";
    });
  }

  function showChosen(state) {
    var n = chosenCount(state);
    toggle.textContent = n ? "Filters (" + n + " chosen)" : "Filters";
  }

  function showMoreButton(found) {
    var left = found - current.shown;
    moreButton.hidden = left <= 0;
    moreButton.textContent = "Show " + Math.min(STEP, left) + " more";
  }

  // Appends results [from, to) in order, ten at a time: each batch's records are fetched together,
  // so the first results show after ten small downloads, not fifty.
  function render(results, from, to, run) {
    var first = null;
    function batch(start) {
      if (start >= to || run !== current.run) return Promise.resolve(first);
      var end = Math.min(start + BATCH, to);
      return Promise.all(results.slice(start, end).map(function (r) { return r.data(); })).then(function (records) {
        if (run !== current.run) return first;
        records.forEach(function (record) {
          var item = list.appendChild(resultItem(record));
          if (!first) first = item;
        });
        return batch(end);
      });
    }
    return batch(from);
  }

  function busy(value) { list.setAttribute("aria-busy", String(value)); }

  function run(state) {
    var runId = ++current.run;
    current.state = state;
    busy(true);
    return loadPagefind().then(function (module) {
      return search(module, state, null).then(function (main) {
        if (runId !== current.run) return;
        current.results = main.results;
        current.shown = Math.min(STEP, main.results.length);
        list.textContent = "";
        announce(state, current.shown, main.results.length);
        showChosen(state);
        showMoreButton(main.results.length);
        noResults.hidden = true;
        var shown = main.results.length ? render(main.results, 0, current.shown, runId) : hint(module, state, runId);
        // The counts need the filter index: fetched after the first results are on screen.
        return shown.then(function () { return countOptions(module, state, runId); });
      });
    }).then(function () { if (runId === current.run) busy(false); }, unavailable);
  }

  // The index could not be fetched (a page opened from disk, a dropped connection): say so, and
  // leave the list as it is, with its link to all of them.
  function unavailable() {
    status.textContent = "The keyword search and filters could not load. The list below still works, " +
      "and the A to Z list has every case study.";
    busy(false);
  }

  // Each option's count is what ticking it would show, given the keyword and the other facets' choices.
  function countOptions(module, state, runId) {
    return module.filters().then(function () {
      return Promise.all([search(module, state, null)].concat(facets.map(function (facet) {
        return state.chosen[facet].length ? search(module, state, facet) : null;
      })));
    }).then(function (answers) {
      if (runId !== current.run) return;
      var counts = {};
      facets.forEach(function (facet, i) { counts[facet] = (answers[i + 1] || answers[0]).filters[filterNames[facet]] || {}; });
      showCounts(counts);
    });
  }

  // No match: say which filter (or the keyword) to remove, and how many each removal would show.
  function hint(module, state, runId) {
    var removals = [];
    if (state.q) removals.push({label: "keyword \u201c" + state.q + "\u201d", state: withChange(state, function (s) { s.q = ""; })});
    facets.forEach(function (facet) {
      state.chosen[facet].forEach(function (value) {
        removals.push({label: optionLabel(facet, value), state: withChange(state, function (s) {
          s.chosen[facet] = s.chosen[facet].filter(function (v) { return v !== value; });
        })});
      });
    });
    return Promise.all(removals.map(function (r) { return search(module, r.state, null); })).then(function (answers) {
      if (runId !== current.run) return;
      noResults.textContent = "";
      noResults.appendChild(element("p", {}, "Nothing matches all of these. Remove one to see more:"));
      var buttons = noResults.appendChild(element("ul", {"class": "ccpl-no-results__list"}));
      var helpful = removals.filter(function (removal, i) { return answers[i].results.length > 0; });
      removals.forEach(function (removal, i) {
        var found = answers[i].results.length;
        if (found === 0 && helpful.length) return;  // offer only the removals that show something
        var button = element("button", {type: "button", "class": "md-button ccpl-remove"},
                             "Remove " + removal.label + " (" + found + " " + plural(found) + ")");
        button.addEventListener("click", function () {
          change(removal.state, true);
          status.focus();
        });
        buttons.appendChild(element("li")).appendChild(button);
      });
      noResults.hidden = false;
    });
  }

  function withChange(state, edit) {
    var copy = {q: state.q, sort: state.sort, chosen: {}};
    facets.forEach(function (facet) { copy.chosen[facet] = state.chosen[facet].slice(); });
    edit(copy);
    return copy;
  }

  /* ---- events ------------------------------------------------------------------------------- */
  var typing = false;
  function change(state, push) {
    showState(state);
    var address = window.location.pathname + query(state) + window.location.hash;
    if (push) history.pushState(null, "", address);
    else history.replaceState(null, "", address);
    return run(state);
  }

  function fromControls(push) {
    typing = false;
    change(stateFromControls(), push);
  }

  var pause = null;
  keyword.addEventListener("focus", function () {  // fetched while the visitor types, not after
    loadPagefind().catch(function () {});  // a search says so if it fails again
  });
  keyword.addEventListener("input", function () {
    window.clearTimeout(pause);
    pause = window.setTimeout(function () {
      var push = !typing;  // a new keyword is a step back can return from; each key is not
      typing = true;
      change(stateFromControls(), push);
    }, 300);
  });
  bar.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(pause);
    fromControls(!typing);
  });
  sort.addEventListener("change", function () { fromControls(true); });
  boxes.forEach(function (box) { box.addEventListener("change", function () { fromControls(true); }); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  clearAll.addEventListener("click", function () {
    keyword.value = "";
    sort.value = SORTS[0][0];
    boxes.forEach(function (box) { box.checked = false; });
    fromControls(true);
    keyword.focus();
  });
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    form.classList.toggle("ccpl-filters--open", open);
    if (open) form.querySelector("input").focus();
  });
  done.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", "false");
    form.classList.remove("ccpl-filters--open");
    status.focus();
  });
  moreButton.addEventListener("click", function () {
    // On the page as it came, the list is the first step of the default search: its order is the
    // index's (the same ranks), so only what follows it is fetched.
    busy(true);
    var step = current.results ? Promise.resolve() : loadPagefind().then(function (module) {
      return search(module, current.state, null);
    }).then(function (main) { current.results = main.results; });
    step.then(function () {
      var from = current.shown;
      current.shown = Math.min(from + STEP, current.results.length);
      announce(current.state, current.shown, current.results.length);
      showMoreButton(current.results.length);
      return render(current.results, from, current.shown, current.run);
    }).then(function (first) {
      busy(false);
      var link = first && first.querySelector("a");
      if (link) link.focus();
      else moreButton.focus();
    }, unavailable);
  });
  window.addEventListener("popstate", function () {
    typing = false;
    var state = stateFromUrl();
    showState(state);
    run(state);
  });

  /* ---- start -------------------------------------------------------------------------------- */
  form.hidden = false;
  root.classList.add("ccpl-finder--ready");
  busy(false);
  var initial = stateFromUrl();
  showState(initial);
  if (!isDefault(initial)) run(initial);
  else {
    current.state = initial;
    showMoreButton(total);
  }

})();
