/* The search page: the shared engine (search-engine.js) over the chunked index, results
   combined with the facet filters; query and filters live in the URL (?q=buurt&domain=sport). */
(function (root) {
  "use strict";
  var PAGE = 20;          // results rendered at a time

  var page = document.querySelector(".search-page");
  if (!page) return;
  var F = root.KbFacets, P = root.KbPanel;
  var dir = page.dataset.index;
  var input = page.querySelector("input[type=search]");
  var status = page.querySelector(".search-status");
  var list = page.querySelector(".search-results");
  var more = page.querySelector(".more-results");
  var empty = page.querySelector(".no-results");
  var aside = page.querySelector("aside.filters");
  var form = aside.querySelector(".filter-form");

  var index = new root.KbSearch.Index(dir);
  var escapeHtml = root.KbSearch.escapeHtml;

  var ready = null; // {meta, analyzer, engine, facets, relabel}
  function load() {
    if (!ready) {
      ready = Promise.all([index.load(), index.json("filters.json")]).then(function (both) {
        var filters = both[1];
        P.buildFieldsets(form, filters.facets, form.querySelector(".clear-filters"));
        return {
          meta: both[0].meta,
          analyzer: both[0].analyzer,
          engine: new F.Engine(filters.facets, filters.docs),
          facets: filters.facets,
          relabel: P.addToggle(aside, form)
        };
      });
    }
    return ready;
  }

  function highlight(state, text, parts, window) {
    return index.highlight(state, text, parts, window);
  }

  function facetLine(state, doc) {
    var values = [];
    state.facets.forEach(function (facet) {
      if (facet.key === "kind") return;
      var names = facet.values.filter(function (v) {
        return state.engine.has(state.engine.bits[state.engine.valueIndex[facet.key + "=" + v[0]]], doc);
      }).map(function (v) { return v[1]; });
      if (names.length) values.push(escapeHtml(facet.label) + ": " + escapeHtml(names.join(", ")));
    });
    return values.join(" · ");
  }

  function renderHit(state, hit, parts) {
    var li = document.createElement("li");
    li.className = "search-result";
    return index.doc(hit.doc).then(function (d) {
      var snippet = highlight(state, d.x, parts, 220) || highlight(state, d.s || "", parts, 0);
      var facets = facetLine(state, hit.doc);
      li.innerHTML = '<a href="' + escapeHtml(d.u) + '">' + highlight(state, d.t, parts, 0) + "</a> " +
        '<span class="kind">' + escapeHtml(d.k) + "</span>" +
        (d.a && d.a.length ? '<p class="aliases">' + highlight(state, d.a.join(", "), parts, 0) + "</p>" : "") +
        (snippet ? '<p class="snippet">' + snippet + "</p>" : "") +
        (facets ? '<p class="result-facets">' + facets + "</p>" : "");
      return li;
    });
  }

  var current = { hits: [], parts: [], shown: 0 };
  var sequence = 0;

  function showMore(state) {
    var batch = current.filtered.slice(current.shown, current.shown + PAGE);
    var mine = sequence;
    current.shown += batch.length;
    return Promise.all(batch.map(function (h) { return renderHit(state, h, current.parts); })).then(function (items) {
      if (mine !== sequence) return;
      items.forEach(function (li) { list.appendChild(li); });
      more.hidden = current.shown >= current.filtered.length;
    });
  }

  function render(state) {
    var selection = P.selectionOf(form);
    var base = new Uint32Array(state.engine.words);
    current.hits.forEach(function (h) { base[h.doc >>> 5] |= 1 << (h.doc & 31); });
    var result = state.engine.apply(selection, base);
    current.filtered = current.hits.filter(function (h) { return state.engine.has(result.match, h.doc); });
    current.shown = 0;
    list.textContent = "";
    var q = input.value.trim();
    P.showCounts(form, state.engine, result.counts, true);
    state.relabel(selection);
    aside.hidden = current.hits.length === 0;
    aside.parentNode.classList.toggle("with-filters", !aside.hidden);
    empty.hidden = !(current.hits.length && !current.filtered.length);
    if (!q || !current.parts.length) {
      // Nothing to search by yet (empty, or one letter so far).
      status.textContent = "";
    } else if (!current.hits.length) {
      status.textContent = page.dataset.none;
    } else {
      var n = current.filtered.length;
      status.textContent = n + " " + (n === 1 ? page.dataset.result : page.dataset.results) + " " + page.dataset.for + " ‘" + q + "’";
    }
    return showMore(state);
  }

  function urlFor(state) {
    var params = new URLSearchParams(location.search);
    var q = input.value.trim();
    if (q) params.set("q", q); else params.delete("q");
    var query = F.queryWithSelection(params.toString() ? "?" + params.toString() : "", state.facets, P.selectionOf(form));
    return location.pathname + query;
  }

  function run(push) {
    var mine = ++sequence;
    var q = input.value;
    return load().then(function (state) {
      return index.search(q).then(function (found) {
        if (mine !== sequence) return;
        current.hits = found.hits;
        current.parts = found.parts;
        var url = urlFor(state);
        if (url !== location.pathname + location.search) {
          history[push ? "pushState" : "replaceState"]({ search: true }, "", url);
        }
        return render(state);
      });
    }).catch(function (e) {
      status.textContent = String(e.message || e);
    });
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    return load().then(function (state) {
      P.setSelection(form, F.selectionFromQuery(location.search, state.facets));
      return run(false);
    });
  }

  input.addEventListener("input", function () { run(false); });
  page.querySelector(".search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    run(true);
  });
  form.addEventListener("change", function () {
    load().then(function (state) {
      history.pushState({ search: true }, "", urlFor(state));
      render(state);
    });
  });
  Array.prototype.forEach.call(page.querySelectorAll(".clear-filters"), function (button) {
    button.addEventListener("click", function () {
      P.setSelection(form, {});
      form.dispatchEvent(new Event("change"));
    });
  });
  more.addEventListener("click", function () {
    var first = current.shown;
    load().then(showMore).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  window.addEventListener("popstate", restore);

  /* Keyboard: ↓ from the field into the results, ↑/↓ between them, Escape back (or, in the
     field, clears it). Enter on a result is the link's own. */
  function links() { return Array.prototype.slice.call(list.querySelectorAll("li > a")); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === "Escape" && input.value) {
      e.preventDefault();
      input.value = "";
      run(false);
    }
  });
  list.addEventListener("keydown", function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" && i < all.length - 1) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });

  restore();
})(this);
