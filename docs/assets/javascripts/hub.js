/* CCPL Knowledge Hub: progressive enhancements. Without JavaScript every page still works:
   the hub lists the newest case studies (and links to all of them) and tables keep their source
   order. The case study finder is finder.js, loaded on the hub only; the search page's script is
   search.js, loaded on that page only. */
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

  /* ---- Scripts for one page: finder.js and search.js, beside this file. ---- */
  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function loadScript(url) {
    var script = document.createElement("script");
    script.src = url;
    document.head.appendChild(script);
  }

  /* ---- Shared with finder.js and search.js (window.ccplHub): both build their controls and both
     search the site's Pagefind index, fetched on first use; a failed fetch is forgotten, so the
     next use tries again. ---- */
  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      var base = siteBase();
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({baseUrl: base.pathname}).then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  window.ccplHub = {element: element, loadPagefind: loadPagefind};

  /* ---- Copy link: on every role row (its anchor) and on a case study's heading (the page). ----
     The link is absolute, from the page's canonical address, so it can be pasted anywhere. */
  var LINK_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0Z' +
    'M8.5 19.8a4.3 4.3 0 0 1-3-7.3l2.1-2.1A1 1 0 0 1 9 11.8l-2.1 2.1a2.3 2.3 0 0 0 3.2 3.2l2.1-2.1a1 1 0 1 1 1.4 1.4' +
    'l-2.1 2.1a4.3 4.3 0 0 1-3 1.3Zm7.9-5.6a1 1 0 0 1-.7-1.7l2.1-2.1a2.3 2.3 0 0 0-3.2-3.2l-2.1 2.1A1 1 0 0 1 11 7.9' +
    'l2.1-2.1a4.3 4.3 0 0 1 6 6l-2.1 2.1a1 1 0 0 1-.6.3Z"/></svg>';

  function pageAddress() {
    var canonical = document.querySelector("link[rel=canonical]");
    var address = new URL(canonical ? canonical.href : window.location.href);
    address.search = "";
    address.hash = "";
    return address;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {  // older browsers, or a page opened over plain http
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(field);
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setUpCopyLinks() {
    var targets = [];
    Array.prototype.forEach.call(document.querySelectorAll("table.ccpl-roles tbody tr[id]"), function (row) {
      var cell = row.querySelector("th, td");
      var address = pageAddress();
      address.hash = row.id;
      if (cell) targets.push({place: cell, url: address.href, name: cell.textContent.trim(), compact: true});
    });
    var heading = document.querySelector("article .ccpl-facts") && document.querySelector("article h1");
    if (heading) {  // beside the heading, not in it: the heading's text stays the title
      var line = document.createElement("p");
      line.className = "ccpl-copy-line";
      heading.parentNode.insertBefore(line, heading.nextSibling);
      targets.push({place: line, url: pageAddress().href, name: heading.textContent.replace(/\u00b6/g, "").trim(), compact: false});
    }
    if (!targets.length) return;
    var announcer = document.createElement("p");  // one live region for every button on the page
    announcer.className = "ccpl-visually-hidden";
    announcer.setAttribute("role", "status");
    document.body.appendChild(announcer);
    targets.forEach(function (target) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ccpl-copy-link" + (target.compact ? " ccpl-copy-link--compact" : "");
      button.innerHTML = LINK_ICON + (target.compact ? "" : "<span>Copy link</span>");
      button.setAttribute("aria-label", "Copy link to " + target.name);
      button.setAttribute("data-url", target.url);
      var note = document.createElement("span");
      note.className = "ccpl-copy-note";
      note.setAttribute("aria-hidden", "true");  // the live region says it
      button.addEventListener("click", function () {
        copyText(target.url).then(function () {
          note.textContent = "Link copied";
          announcer.textContent = "Link to " + target.name + " copied: " + target.url;
        }, function () {
          note.textContent = "Copy this link: " + target.url;
          announcer.textContent = "Could not copy. The link is " + target.url;
        });
        window.clearTimeout(note.timer);
        note.timer = window.setTimeout(function () { note.textContent = ""; }, 5000);
      });
      if (target.compact) target.place.appendChild(document.createTextNode(" "));
      target.place.appendChild(button);
      target.place.appendChild(note);
    });
  }

  /* ---- Run once the page has loaded. ---- */
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    if (document.getElementById("ccpl-finder")) loadScript(new URL("assets/javascripts/finder.js", siteBase()).href);
    if (document.getElementById("ccpl-search")) loadScript(new URL("assets/javascripts/search.js", siteBase()).href);
    setUpSortableTables();
    setUpCopyLinks();
  });
})();
