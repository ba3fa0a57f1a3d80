/* The search page: reads the chunked index under search/ (see src/search/), only the shards a
   query's terms live in, and one small fragment per result shown. Results combine with the
   facet filters; query and filters live in the URL (?q=buurt&domain=sport). */
(function (root) {
  "use strict";
  var PAGE = 20;          // results rendered at a time
  var PREFIX_SHARDS = 3;  // most shards a short prefix may pull in
  var PREFIX_WEIGHT = 0.5;
  var FUZZY_WEIGHT = PREFIX_WEIGHT / 2; // a term one typing mistake away
  var FUZZY_MIN = 5; // letters a word needs before typos are forgiven

  var page = document.querySelector(".search-page");
  if (!page) return;
  var T = root.KbText, F = root.KbFacets, P = root.KbPanel;
  var dir = page.dataset.index;
  var input = page.querySelector("input[type=search]");
  var status = page.querySelector(".search-status");
  var list = page.querySelector(".search-results");
  var more = page.querySelector(".more-results");
  var empty = page.querySelector(".no-results");
  var aside = page.querySelector("aside.filters");
  var form = aside.querySelector(".filter-form");

  var cache = {};
  function getJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(dir + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  var ready = null; // {meta, analyzer, engine, facets, relabel}
  function load() {
    if (!ready) {
      ready = Promise.all([getJson("meta.json"), getJson("filters.json")]).then(function (both) {
        var meta = both[0], filters = both[1];
        P.buildFieldsets(form, filters.facets, form.querySelector(".clear-filters"));
        var state = {
          meta: meta,
          analyzer: T.analyzer(meta.stemmer, meta.stop),
          engine: new F.Engine(filters.facets, filters.docs),
          facets: filters.facets,
          relabel: P.addToggle(aside, form)
        };
        return state;
      });
    }
    return ready;
  }

  /* Index of the shard that would hold `term`: the last whose first term is not after it. */
  function shardOf(shards, term) {
    var lo = 0, hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >>> 1;
      if (shards[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function shard(state, i) {
    return getJson("t/" + i + ".json?v=" + state.meta.version);
  }

  function decode(list, weight, into) {
    var doc = 0;
    for (var i = 0; i < list.length; i += 2) {
      doc += list[i];
      var s = list[i + 1] * weight;
      if (!(into.get(doc) >= s)) into.set(doc, s);
    }
  }

  /* Whether `a` and `b` are at most one edit apart (a letter added, dropped or changed). */
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    if (la > lb) { var t = a; a = b; b = t; la = a.length; lb = b.length; }
    var i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
    return a.slice(i) === b.slice(i + 1);
  }

  /* Docs → score for one query token: its stem exactly, and when it is the word being typed,
     every term it is the start of (weighted lower); for a word of five letters or more also
     every term one typing mistake away ("buurtverbindr"), weighted lowest, so exact matches
     always rank first. Only the shards already fetched are searched for those. */
  function lookup(state, token, isLast) {
    var a = state.analyzer, shards = state.meta.shards;
    var stem = a.isStop(token) ? null : a.stem(token);
    var prefix = isLast ? token : null;
    var wanted = {};
    if (stem) wanted[shardOf(shards, stem)] = true;
    if (prefix) {
      var from = shardOf(shards, prefix), to = shardOf(shards, prefix + "\uffff");
      for (var i = from; i <= Math.min(to, from + PREFIX_SHARDS - 1); i++) wanted[i] = true;
    }
    var indexes = Object.keys(wanted);
    return Promise.all(indexes.map(function (i) { return shard(state, i); })).then(function (loaded) {
      var scores = new Map();
      loaded.forEach(function (terms) {
        if (stem && terms[stem]) decode(terms[stem], 1, scores);
        var fuzzy = stem && token.length >= FUZZY_MIN ? stem : null;
        if (!prefix && !fuzzy) return;
        Object.keys(terms).forEach(function (term) {
          if (term === stem) return;
          if (prefix && term.lastIndexOf(prefix, 0) === 0) decode(terms[term], PREFIX_WEIGHT, scores);
          else if (fuzzy && (oneEdit(term, fuzzy) || oneEdit(term, token))) decode(terms[term], FUZZY_WEIGHT, scores);
        });
      });
      return { stem: stem, prefix: prefix, scores: scores };
    });
  }

  /* All tokens must match (AND); a note's score is the sum over tokens. */
  function search(state, query) {
    var tokens = T.tokens(T.fold(query));
    var last = tokens.length - 1;
    var useful = tokens.filter(function (t, i) { return i === last || !state.analyzer.isStop(t); });
    return Promise.all(useful.map(function (t) {
      return lookup(state, t, t === tokens[last]);
    })).then(function (parts) {
      if (!parts.length) return { hits: [], parts: parts };
      parts.sort(function (x, y) { return x.scores.size - y.scores.size; });
      var hits = [];
      parts[0].scores.forEach(function (score, doc) {
        for (var k = 1; k < parts.length; k++) {
          var s = parts[k].scores.get(doc);
          if (s === undefined) return;
          score += s;
        }
        hits.push({ doc: doc, score: score });
      });
      hits.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
      return { hits: hits, parts: parts };
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  /* Wraps the words that match the query in <mark>; with `window`, cuts the text to a window
     around the first match (null when nothing matches). */
  function highlight(state, text, parts, window) {
    var words = /[\p{Alphabetic}\p{N}]+/gu, match, pieces = [], first = -1, last = 0;
    function matches(word) {
      var folded = T.fold(word);
      var stem = state.analyzer.stem(folded);
      return parts.some(function (p) {
        return (p.stem && stem === p.stem) || (p.prefix && folded.lastIndexOf(p.prefix, 0) === 0);
      });
    }
    while ((match = words.exec(text))) {
      if (!matches(match[0])) continue;
      if (first < 0) first = match.index;
      pieces.push(escapeHtml(text.slice(last, match.index)), "<mark>", escapeHtml(match[0]), "</mark>");
      last = match.index + match[0].length;
    }
    if (first < 0) return window ? null : escapeHtml(text);
    pieces.push(escapeHtml(text.slice(last)));
    var html = pieces.join("");
    if (!window) return html;
    // Cut around the first match, at word boundaries, on the text then re-highlight the cut.
    var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, first - window / 3)));
    var end = Math.min(text.length, start + window);
    var cutEnd = text.indexOf(" ", end);
    var cut = text.slice(start, cutEnd < 0 ? text.length : cutEnd).trim();
    return (start > 0 ? "… " : "") + highlight(state, cut, parts, 0) + (cutEnd >= 0 ? " …" : "");
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
    return getJson("d/" + hit.doc + ".json?v=" + state.meta.version).then(function (d) {
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
      return search(state, q).then(function (found) {
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
