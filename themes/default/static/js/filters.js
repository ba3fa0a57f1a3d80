/* The filter panel: on listing pages it filters the items the page already lists (from their
   data-f attributes); the search page builds the same panel for its results. The state lives
   in the URL query (?domain=sport&sphere=informeel), so back/forward and bookmarks work.
   Without JavaScript the panel stays hidden and the page lists everything. */
(function (root) {
  "use strict";
  var F = root.KbFacets;
  var BATCH = 100; // listing items placed in the page at a time

  /* The facets as the panel's fieldsets describe them. */
  function facetsOf(form) {
    return Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (fs) {
      return {
        key: fs.getAttribute("data-facet"),
        label: fs.querySelector("legend").textContent,
        values: Array.prototype.map.call(fs.querySelectorAll("input[type=checkbox]"), function (input) {
          return [input.value, input.parentNode.textContent.trim()];
        })
      };
    });
  }

  /* Builds fieldsets for facets given as data (the search page's panel). */
  function buildFieldsets(form, facets, before) {
    facets.forEach(function (facet, f) {
      var fs = document.createElement("fieldset");
      fs.setAttribute("data-facet", facet.key);
      var legend = document.createElement("legend");
      legend.textContent = facet.label;
      fs.appendChild(legend);
      var ul = document.createElement("ul");
      facet.values.forEach(function (value) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "checkbox";
        input.name = facet.key;
        input.value = value[0];
        var count = document.createElement("span");
        count.className = "count";
        count.setAttribute("data-count", "");
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + value[1] + " "));
        label.appendChild(count);
        li.appendChild(label);
        ul.appendChild(li);
      });
      fs.appendChild(ul);
      form.insertBefore(fs, before);
    });
  }

  function selectionOf(form) {
    var selection = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (input) {
      (selection[input.name] = selection[input.name] || []).push(input.value);
    });
    return selection;
  }

  function setSelection(form, selection) {
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (input) {
      input.checked = (selection[input.name] || []).indexOf(input.value) >= 0;
    });
  }

  /* Shows each value's reachable count; values that reach nothing are dimmed, or hidden when
     `hideEmpty` (the search panel, whose values come from the whole site). */
  function showCounts(form, engine, counts, hideEmpty) {
    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-facet]"), function (fs) {
      var key = fs.getAttribute("data-facet");
      var visible = 0;
      Array.prototype.forEach.call(fs.querySelectorAll("input[type=checkbox]"), function (input) {
        var v = engine.valueIndex[key + "=" + input.value];
        var n = v === undefined ? 0 : counts[v];
        var label = input.parentNode;
        var span = label.querySelector("[data-count]");
        if (span.textContent !== String(n)) span.textContent = String(n);
        label.classList.toggle("zero", n === 0);
        var hide = hideEmpty && n === 0 && !input.checked;
        if (label.parentNode.hidden !== hide) label.parentNode.hidden = hide;
        if (!hide) visible++;
      });
      fs.hidden = visible === 0;
    });
  }

  function activeCount(selection) {
    return Object.keys(selection).reduce(function (n, k) { return n + selection[k].length; }, 0);
  }

  var FOLD_AFTER = 8; // values of a facet shown before "Toon alle N"

  /* Long value lists show their first values and a button for the rest; a checked value is
     never folded away. */
  function foldLongLists(aside, form) {
    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-facet] > ul"), function (ul) {
      var items = ul.children;
      if (items.length <= FOLD_AFTER + 2 || ul.nextElementSibling && ul.nextElementSibling.classList.contains("show-all")) return;
      Array.prototype.forEach.call(items, function (li, i) {
        var checked = li.querySelector("input:checked");
        li.classList.toggle("folded", i >= FOLD_AFTER && !checked);
      });
      var button = document.createElement("button");
      button.type = "button";
      button.className = "show-all secondary-button";
      button.textContent = aside.dataset.showAll + " " + items.length;
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(items, function (li) { li.classList.remove("folded"); });
        var next = items[FOLD_AFTER] && items[FOLD_AFTER].querySelector("input");
        button.remove();
        if (next) next.focus();
      });
      ul.parentNode.insertBefore(button, ul.nextSibling);
    });
  }

  /* The active filters as chips above the results, each removed with one click. */
  function showChips(aside, form) {
    var results = aside.parentNode.querySelector(".results");
    if (!results) return;
    var list = results.querySelector(".active-filters");
    if (!list) {
      list = document.createElement("ul");
      list.className = "active-filters";
      list.setAttribute("aria-label", aside.dataset.activeFilters);
      results.insertBefore(list, results.firstChild);
    }
    list.replaceChildren();
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (input) {
      var fs = input.closest("fieldset");
      var facet = fs ? fs.querySelector("legend").textContent : "";
      var value = input.nextSibling ? input.nextSibling.textContent.trim() : input.value;
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chip";
      button.textContent = facet + ": " + value;
      button.setAttribute("aria-label", aside.dataset.remove + ": " + facet + " " + value);
      var x = document.createElement("span");
      x.setAttribute("aria-hidden", "true");
      x.textContent = " ×";
      button.appendChild(x);
      button.addEventListener("click", function () {
        input.checked = false;
        form.dispatchEvent(new Event("change", { bubbles: true }));
        var next = list.querySelector(".chip") || form.querySelector("input[type=checkbox]");
        if (next) next.focus();
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    list.hidden = !list.children.length;
  }

  /* On narrow screens the panel folds away behind a button; wide screens always show it. */
  function addToggle(aside, form) {
    var strings = aside.dataset;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "filters-toggle";
    button.setAttribute("aria-controls", form.id);
    button.setAttribute("aria-expanded", "false");
    aside.classList.add("collapsed");
    aside.insertBefore(button, form);
    function label(selection) {
      foldLongLists(aside, form);
      showChips(aside, form);
      var expanded = button.getAttribute("aria-expanded") === "true";
      var n = activeCount(selection || selectionOf(form));
      button.textContent = (expanded ? strings.hide : strings.show) + (n ? " (" + n + " " + strings.active + ")" : "");
    }
    button.addEventListener("click", function () {
      var expanded = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(expanded));
      aside.classList.toggle("collapsed", !expanded);
      label();
    });
    label();
    return label;
  }

  function initListing(aside) {
    var form = aside.querySelector(".filter-form");
    var results = document.querySelector(".results");
    var items = Array.prototype.slice.call(results.querySelectorAll("[data-f]"));
    var facets = facetsOf(form);
    var engine = new F.Engine(facets, items.map(function (el) {
      return el.getAttribute("data-f").split(" ");
    }));
    var groups = Array.prototype.slice.call(results.querySelectorAll(".letter-group"));
    var shown = results.querySelector("[data-shown]");
    var unit = results.querySelector("[data-unit]");
    var empty = results.querySelector(".no-results");
    var relabel = addToggle(aside, form);
    // Only the first `limit` matches are in the page: laying out 10,000 items takes far longer
    // than a frame, 250 do not. "Show more" adds the next batch. Without JavaScript, all are.
    var parents = [], parentOf = items.map(function (el) {
      if (parents.indexOf(el.parentNode) < 0) parents.push(el.parentNode);
      return parents.indexOf(el.parentNode);
    });
    var limit = BATCH;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "more-results";
    results.appendChild(more);
    var lastMatch = null;

    function place(result) {
      var lists = parents.map(function () { return []; });
      var placed = 0;
      for (var i = 0; i < items.length && placed < limit; i++) {
        if (engine.has(result.match, i)) { lists[parentOf[i]].push(items[i]); placed++; }
      }
      parents.forEach(function (p, k) { p.replaceChildren.apply(p, lists[k]); });
      groups.forEach(function (g) { g.hidden = !g.querySelector("[data-f]"); });
      more.hidden = placed >= result.total;
      more.textContent = aside.dataset.more + " (" + (result.total - placed) + ")";
      return placed;
    }

    more.addEventListener("click", function () {
      var before = limit;
      limit += BATCH;
      place(lastMatch);
      var next = results.querySelectorAll("[data-f]")[before];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });

    function update(push) {
      var start = performance.now();
      var selection = selectionOf(form);
      var result = engine.apply(selection, null);
      lastMatch = result;
      limit = BATCH;
      place(result);
      showCounts(form, engine, result.counts, false);
      shown.textContent = String(result.total);
      if (unit) unit.textContent = unit.getAttribute(result.total === 1 ? "data-one" : "data-many");
      empty.hidden = result.total > 0;
      relabel(selection);
      root.kbFilterMs = performance.now() - start;
      if (push) {
        var url = location.pathname + F.queryWithSelection(location.search, facets, selection) + location.hash;
        history.pushState({ filters: true }, "", url);
      }
    }

    form.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    Array.prototype.forEach.call(document.querySelectorAll(".clear-filters"), function (button) {
      button.addEventListener("click", function () {
        setSelection(form, {});
        update(true);
        var first = form.querySelector("input[type=checkbox]");
        if (button.closest(".no-results") && first) first.focus();
      });
    });
    window.addEventListener("popstate", function () {
      setSelection(form, F.selectionFromQuery(location.search, facets));
      update(false);
    });
    setSelection(form, F.selectionFromQuery(location.search, facets));
    update(false);
    aside.hidden = false;
    aside.parentNode.classList.add("with-filters");
  }

  root.KbPanel = {
    facetsOf: facetsOf,
    buildFieldsets: buildFieldsets,
    selectionOf: selectionOf,
    setSelection: setSelection,
    showCounts: showCounts,
    addToggle: addToggle
  };

  document.addEventListener("DOMContentLoaded", function () {
    var aside = document.querySelector("aside.filters[data-listing]");
    if (!aside) return;
    // A listing of several pages filters its items.json, not the items in the page.
    if (aside.dataset.items && root.KbListingPages) root.KbListingPages.init(aside, root.KbPanel);
    else initListing(aside);
  });
})(this);
