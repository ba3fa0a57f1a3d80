/* Filters of a listing that takes several pages. The page holds only its own items (and
   links to the other pages, which work without JavaScript); the panel's counts are the whole
   listing's. Once a reader filters, every item of the listing is fetched from its items.json
   (one file, only then) and the matches replace the page's own list, in batches, until the
   filters are cleared. Needs KbFacets and KbPanel (filters.js). */
(function (root) {
  "use strict";
  var F = root.KbFacets;
  var BATCH = 100;

  function text(tag, value, className) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  /* An item of items.json: [title, url, [values], kind, publisher, year]. */
  function link(item) {
    var a = text("a", item[0]);
    a.href = item[1];
    return a;
  }

  /* The same markup the listing template gives an item (without its summary). */
  function row(item, json) {
    if (json.layout === "publication") {
      var tr = document.createElement("tr");
      tr.setAttribute("data-f", "");
      var first = document.createElement("td");
      first.appendChild(link(item));
      tr.appendChild(first);
      tr.appendChild(text("td", item[4] || ""));
      tr.appendChild(text("td", item[5] == null ? "" : String(item[5])));
      return tr;
    }
    var li = document.createElement("li");
    li.setAttribute("data-f", "");
    li.appendChild(link(item));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(text("span", json.kinds[item[3]], "kind"));
    return li;
  }

  function init(aside, P) {
    var form = aside.querySelector(".filter-form");
    var results = document.querySelector(".results");
    var facets = P.facetsOf(form);
    var relabel = P.addToggle(aside, form);
    var shown = results.querySelector("[data-shown]");
    var unit = results.querySelector("[data-unit]");
    var empty = results.querySelector(".no-results");
    var total = shown.textContent;
    // What the page shows of its own: everything after the count lines.
    var own = Array.prototype.filter.call(results.children, function (el) {
      return !el.matches(".result-count, .no-results, .active-filters");
    });
    var initialCounts = Array.prototype.map.call(form.querySelectorAll("[data-count]"), function (c) {
      return c.textContent;
    });
    var table = results.querySelector(".table-scroll");
    var matches, body;
    if (table) {
      matches = table.cloneNode(true);
      body = matches.querySelector("tbody");
      body.replaceChildren();
    } else {
      matches = body = document.createElement("ul");
      body.className = "items";
    }
    matches.hidden = true;
    results.appendChild(matches);
    var more = text("button", "", "more-results");
    more.type = "button";
    more.hidden = true;
    results.appendChild(more);

    var data = null, engine = null, limit = BATCH, last = null;
    function load() {
      if (!data) {
        data = fetch(aside.dataset.items).then(function (r) {
          if (!r.ok) throw new Error(aside.dataset.items + ": " + r.status);
          return r.json();
        }).then(function (json) {
          engine = new F.Engine(facets, json.items.map(function (it) { return it[2]; }));
          return json;
        });
      }
      return data;
    }

    function place(json, result) {
      var rows = [];
      for (var i = 0; i < json.items.length && rows.length < limit; i++) {
        if (engine.has(result.match, i)) rows.push(row(json.items[i], json));
      }
      body.replaceChildren.apply(body, rows);
      more.hidden = rows.length >= result.total;
      more.textContent = aside.dataset.more + " (" + (result.total - rows.length) + ")";
      return rows.length;
    }

    function showOwn(filtered) {
      own.forEach(function (el) { el.hidden = filtered; });
      matches.hidden = !filtered;
      if (!filtered) more.hidden = true;
    }

    function setTotal(n) {
      shown.textContent = String(n);
      if (unit) unit.textContent = unit.getAttribute(n === 1 || n === "1" ? "data-one" : "data-many");
      empty.hidden = String(n) !== "0";
    }

    function update(push) {
      var selection = P.selectionOf(form);
      if (push) {
        var url = location.pathname + F.queryWithSelection(location.search, facets, selection) + location.hash;
        history.pushState({ filters: true }, "", url);
      }
      if (!Object.keys(selection).length) {
        showOwn(false);
        Array.prototype.forEach.call(form.querySelectorAll("[data-count]"), function (c, i) {
          c.textContent = initialCounts[i];
          c.parentNode.classList.remove("zero");
        });
        setTotal(total);
        relabel(selection);
        return Promise.resolve();
      }
      return load().then(function (json) {
        last = engine.apply(P.selectionOf(form), null);
        limit = BATCH;
        place(json, last);
        P.showCounts(form, engine, last.counts, false);
        setTotal(last.total);
        showOwn(true);
        relabel(P.selectionOf(form));
      });
    }

    more.addEventListener("click", function () {
      var before = limit;
      limit += BATCH;
      load().then(function (json) {
        place(json, last);
        var next = body.children[before];
        var a = next && next.querySelector("a");
        if (a) a.focus();
      });
    });
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    Array.prototype.forEach.call(document.querySelectorAll(".clear-filters"), function (button) {
      button.addEventListener("click", function () {
        P.setSelection(form, {});
        update(true);
      });
    });
    window.addEventListener("popstate", function () {
      P.setSelection(form, F.selectionFromQuery(location.search, facets));
      update(false);
    });
    P.setSelection(form, F.selectionFromQuery(location.search, facets));
    update(false);
    aside.hidden = false;
    aside.parentNode.classList.add("with-filters");
  }

  root.KbListingPages = { init: init };
})(this);
