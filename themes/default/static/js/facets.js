/* Facet arithmetic on bitsets: which items match a selection, and how many each value would
   still reach. Values of one facet combine with OR, facets with AND. Used by the listing
   filters (items from the page's data-f attributes) and by search (items from filters.json).
   At 10,000 items a bitset is 313 words, so a full recount is a few hundred thousand word
   operations: well under a millisecond. */
(function (root) {
  "use strict";

  function popcount(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  /* facets: [{key, label, values: [[slug, name], ...]}]; itemValues: per item, an array of
     value numbers counted across all facets in order, or of "key=slug" strings. */
  function Engine(facets, itemValues) {
    this.facets = facets;
    this.size = itemValues.length;
    this.words = (this.size + 31) >>> 5;
    this.valueFacet = [];
    this.valueIndex = {}; // "key=slug" → value number
    var v = 0;
    var self = this;
    facets.forEach(function (facet, f) {
      facet.first = v;
      facet.values.forEach(function (value) {
        self.valueFacet.push(f);
        self.valueIndex[facet.key + "=" + value[0]] = v++;
      });
    });
    this.bits = [];
    for (var i = 0; i < v; i++) this.bits.push(new Uint32Array(this.words));
    itemValues.forEach(function (values, item) {
      for (var k = 0; k < values.length; k++) {
        var value = values[k];
        var b = self.bits[typeof value === "string" ? self.valueIndex[value] : value];
        if (b) b[item >>> 5] |= 1 << (item & 31);
      }
    });
    this.all = new Uint32Array(this.words).fill(0xffffffff);
    if (this.size & 31) this.all[this.words - 1] = (1 << (this.size & 31)) - 1;
  }

  Engine.prototype.count = function (bits) {
    var n = 0;
    for (var i = 0; i < bits.length; i++) n += popcount(bits[i]);
    return n;
  };

  /* Items of facet f's selection (the OR of its chosen values), or null when none chosen. */
  Engine.prototype.facetBits = function (selected) {
    if (!selected.length) return null;
    var out = new Uint32Array(this.words);
    for (var s = 0; s < selected.length; s++) {
      var b = this.bits[selected[s]];
      for (var i = 0; i < this.words; i++) out[i] |= b[i];
    }
    return out;
  };

  /* selection: {facetKey: [slug, ...]}; base: bitset the result is limited to (search hits) or
     null. Returns {match: bitset, total, counts: per value number the items it would reach}. */
  Engine.prototype.apply = function (selection, base) {
    var self = this;
    var perFacet = this.facets.map(function (facet) {
      var chosen = (selection[facet.key] || [])
        .map(function (slug) { return self.valueIndex[facet.key + "=" + slug]; })
        .filter(function (v) { return v !== undefined; });
      return self.facetBits(chosen);
    });
    var match = new Uint32Array(base || this.all);
    perFacet.forEach(function (b) {
      if (b) for (var i = 0; i < self.words; i++) match[i] &= b[i];
    });
    var counts = new Array(this.bits.length);
    this.facets.forEach(function (facet, f) {
      // What the other facets leave, so a value's count is what choosing it would show.
      var others = new Uint32Array(base || self.all);
      perFacet.forEach(function (b, g) {
        if (b && g !== f) for (var i = 0; i < self.words; i++) others[i] &= b[i];
      });
      for (var v = facet.first; v < facet.first + facet.values.length; v++) {
        var bits = self.bits[v], n = 0;
        for (var i = 0; i < self.words; i++) if (others[i] & bits[i]) n += popcount(others[i] & bits[i]);
        counts[v] = n;
      }
    });
    return { match: match, total: this.count(match), counts: counts };
  };

  Engine.prototype.has = function (bits, item) {
    return (bits[item >>> 5] >>> (item & 31)) & 1;
  };

  /* The selection in a URL query: every parameter named after a facet. */
  function selectionFromQuery(search, facets) {
    var params = new URLSearchParams(search);
    var selection = {};
    facets.forEach(function (facet) {
      var values = params.getAll(facet.key);
      if (values.length) selection[facet.key] = values;
    });
    return selection;
  }

  /* The URL query for a selection, keeping other parameters (such as q) and the order in
     which the reader chose values: ?domain=sport&sphere=informeel after domain, then sphere. */
  function queryWithSelection(search, facets, selection) {
    var keys = facets.map(function (f) { return f.key; });
    var chosen = function (key, value) { return (selection[key] || []).indexOf(value) >= 0; };
    var out = new URLSearchParams();
    var kept = {};
    new URLSearchParams(search).forEach(function (value, key) {
      if (keys.indexOf(key) < 0) { out.append(key, value); return; }
      if (chosen(key, value) && !kept[key + "=" + value]) {
        kept[key + "=" + value] = true;
        out.append(key, value);
      }
    });
    keys.forEach(function (key) {
      (selection[key] || []).forEach(function (value) {
        if (!kept[key + "=" + value]) out.append(key, value);
      });
    });
    var query = out.toString();
    return query ? "?" + query : "";
  }

  root.KbFacets = {
    Engine: Engine,
    selectionFromQuery: selectionFromQuery,
    queryWithSelection: queryWithSelection
  };
})(this);
