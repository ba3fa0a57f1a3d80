/* The search engine shared by the search page (search.js) and the header's results while
   typing (typeahead.js): reads the chunked index under search/ (see src/search/), only the
   shards a query's terms live in, and one small fragment per result shown. Needs KbText
   (search-text.js) for the same folding and Dutch stemming as the build. Nothing is fetched
   before the first search. */
(function (root) {
  "use strict";
  var PREFIX_SHARDS = 3;  // most shards a short prefix may pull in
  var PREFIX_WEIGHT = 0.5;
  var FUZZY_WEIGHT = PREFIX_WEIGHT / 2; // a term one typing mistake away
  var FUZZY_MIN = 5; // letters a word needs before typos are forgiven
  var T = root.KbText;

  /* Index of the shard that would hold `term`: the last whose first term is not after it. */
  function shardOf(shards, term) {
    var lo = 0, hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >>> 1;
      if (shards[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
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

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  /* One site's index, at `dir` (ending in "/"). */
  function Index(dir) {
    this.dir = dir;
    this.cache = {};
    this.ready = null;
  }

  /* The JSON file at `path` under the index, fetched once. */
  Index.prototype.json = function (path) {
    var dir = this.dir, cache = this.cache;
    if (!cache[path]) {
      cache[path] = fetch(dir + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  };

  /* {meta, analyzer}, once the index's meta.json is in. */
  Index.prototype.load = function () {
    if (!this.ready) {
      this.ready = this.json("meta.json").then(function (meta) {
        return { meta: meta, analyzer: T.analyzer(meta.stemmer, meta.stop) };
      });
    }
    return this.ready;
  };

  Index.prototype.shard = function (state, i) {
    return this.json("t/" + i + ".json?v=" + state.meta.version);
  };

  /* The fragment of result `doc`: {u: url, t: title, k: kind, s: summary, x: text, a: aliases}. */
  Index.prototype.doc = function (doc) {
    var self = this;
    return this.load().then(function (state) {
      var group = state.meta.group || 1;
      return self.json("d/" + Math.floor(doc / group) + ".json?v=" + state.meta.version).then(function (docs) {
        return docs[doc % group];
      });
    });
  };

  /* Docs → score for one query token: its stem exactly, and when it is the word being typed,
     every term it is the start of (weighted lower); for a word of five letters or more also
     every term one typing mistake away ("buurtverbindr"), weighted lowest, so exact matches
     always rank first. Only the shards already fetched are searched for those. */
  Index.prototype.lookup = function (state, token, isLast) {
    var self = this, a = state.analyzer, shards = state.meta.shards;
    var stem = a.isStop(token) ? null : a.stem(token);
    var prefix = isLast ? token : null;
    var wanted = {};
    if (stem) wanted[shardOf(shards, stem)] = true;
    if (prefix) {
      var from = shardOf(shards, prefix), to = shardOf(shards, prefix + "\uffff");
      for (var i = from; i <= Math.min(to, from + PREFIX_SHARDS - 1); i++) wanted[i] = true;
    }
    var indexes = Object.keys(wanted);
    return Promise.all(indexes.map(function (i) { return self.shard(state, i); })).then(function (loaded) {
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
  };

  /* {hits: [{doc, score}] best first, parts: what each token matched (for highlight)}.
     All tokens must match (AND); a note's score is the sum over tokens. */
  Index.prototype.search = function (query) {
    var self = this;
    return this.load().then(function (state) {
      var tokens = T.tokens(T.fold(query));
      var last = tokens.length - 1;
      var useful = tokens.filter(function (t, i) { return i === last || !state.analyzer.isStop(t); });
      return Promise.all(useful.map(function (t) {
        return self.lookup(state, t, t === tokens[last]);
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
    });
  };

  /* Wraps the words that match the query in <mark>, as HTML; with `window`, cuts the text to a
     window around the first match (null when nothing matches). Call after load(). */
  Index.prototype.highlight = function (state, text, parts, window) {
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
    return (start > 0 ? "… " : "") + this.highlight(state, cut, parts, 0) + (cutEnd >= 0 ? " …" : "");
  };

  root.KbSearch = { Index: Index, escapeHtml: escapeHtml };
})(this);
