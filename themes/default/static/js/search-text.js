/* Words as the search index sees them: folded, split, stop words out, stemmed.
   Mirrors src/search/text.rs; tests/search_text_agrees.rs checks that both give the same
   terms. The stemmer is a port of Snowball's Dutch stemmer (the one rust-stemmers uses). */
(function (root) {
  "use strict";

  /* Latin letters without a Unicode decomposition, folded as deunicode does. */
  var EXTRA = { "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i",
    "þ": "th", "ð": "d", "ħ": "h", "ŋ": "ng", "ĸ": "k", "ŉ": "'n", "ŀ": "l", "ŧ": "t", "ƒ": "f" };

  function fold(text) {
    var out = "";
    for (var ch of text) {
      var code = ch.codePointAt(0);
      if (code < 128) { out += ch.toLowerCase(); continue; }
      if (code >= 0xc0 && code <= 0x17f && code !== 0xd7 && code !== 0xf7) {
        var lower = ch.toLowerCase();
        if (EXTRA[lower]) { out += EXTRA[lower]; continue; }
        out += ch.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
        continue;
      }
      out += ch.toLowerCase();
    }
    return out;
  }

  /* Runs of letters and digits, two characters or more. */
  function tokens(folded) {
    return folded.split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (t) { return Array.from(t).length > 1; });
  }

  var V = "aeiouyè";
  function isV(c) { return c !== undefined && V.indexOf(c) >= 0; }
  function isVj(c) { return isV(c) || c === "j"; }
  var ACCENTS = { "á": "a", "ä": "a", "é": "e", "ë": "e", "í": "i", "ï": "i", "ó": "o", "ö": "o", "ú": "u", "ü": "u" };

  function stemNl(word) {
    var s = Array.from(word).map(function (c) { return ACCENTS[c] || c; });
    var i;
    if (s[0] === "y") s[0] = "Y";
    for (i = 0; i < s.length; i++) {
      if (!isV(s[i])) continue;
      if (s[i + 1] === "i" && isV(s[i + 2])) s[i + 1] = "I";
      else if (s[i + 1] === "y") s[i + 1] = "Y";
    }
    // Regions: R1 after the first non-vowel following a vowel (at least 3), R2 likewise after R1.
    var n = s.length, p1 = n, p2 = n;
    i = 0;
    while (i < n && !isV(s[i])) i++;
    if (i < n) {
      i++;
      while (i < n && isV(s[i])) i++;
      if (i < n) {
        i++;
        p1 = Math.max(i, 3);
        while (i < n && !isV(s[i])) i++;
        if (i < n) {
          i++;
          while (i < n && isV(s[i])) i++;
          if (i < n) p2 = i + 1;
        }
      }
    }
    var eFound = false;
    function ends(suffix) {
      if (suffix.length > s.length) return false;
      for (var k = 0; k < suffix.length; k++) {
        if (s[s.length - suffix.length + k] !== suffix[k]) return false;
      }
      return true;
    }
    function nonVBefore(b) { return b > 0 && !isV(s[b - 1]); }
    function undouble() {
      if (ends("kk") || ends("dd") || ends("tt")) { s.pop(); return true; }
      return false;
    }
    function eEnding() {
      eFound = false;
      var b = s.length - 1;
      if (!ends("e") || p1 > b || !nonVBefore(b)) return false;
      s.length = b;
      eFound = true;
      undouble();
      return true;
    }
    function enEnding(b) {
      if (p1 > b || !nonVBefore(b)) return false;
      if (b >= 3 && s[b - 3] === "g" && s[b - 2] === "e" && s[b - 1] === "m") return false;
      s.length = b;
      undouble();
      return true;
    }
    var b;
    if (ends("heden")) {
      b = s.length - 5;
      if (p1 <= b) s.splice(b, 5, "h", "e", "i", "d");
    } else if (ends("ene")) {
      enEnding(s.length - 3);
    } else if (ends("en")) {
      enEnding(s.length - 2);
    } else if (ends("se") || ends("s")) {
      b = s.length - (ends("se") ? 2 : 1);
      if (p1 <= b && b > 0 && !isVj(s[b - 1])) s.length = b;
    }
    eEnding();
    if (ends("heid")) {
      b = s.length - 4;
      if (p2 <= b && s[b - 1] !== "c") {
        s.length = b;
        if (ends("en")) enEnding(s.length - 2);
      }
    }
    if (ends("end") || ends("ing")) {
      b = s.length - 3;
      if (p2 <= b) {
        s.length = b;
        if (ends("ig") && p2 <= s.length - 2 && s[s.length - 3] !== "e") s.length -= 2;
        else undouble();
      }
    } else if (ends("ig")) {
      b = s.length - 2;
      if (p2 <= b && s[b - 1] !== "e") s.length = b;
    } else if (ends("lijk")) {
      b = s.length - 4;
      if (p2 <= b) { s.length = b; eEnding(); }
    } else if (ends("baar")) {
      b = s.length - 4;
      if (p2 <= b) s.length = b;
    } else if (ends("bar")) {
      b = s.length - 3;
      if (p2 <= b && eFound) s.length = b;
    }
    n = s.length;
    if (n >= 4 && !isV(s[n - 1]) && s[n - 1] !== "I" && s[n - 2] === s[n - 3] &&
        "aeou".indexOf(s[n - 2]) >= 0 && !isV(s[n - 4])) {
      s.splice(n - 2, 1);
    }
    return s.map(function (c) { return c === "Y" ? "y" : c === "I" ? "i" : c; }).join("");
  }

  /* An analyzer for one index: its stemmer name and stop words come from meta.json. */
  function analyzer(stemmer, stopWords) {
    var stop = new Set(stopWords || []);
    var stem = stemmer === "nl" ? stemNl : function (w) { return w; };
    return {
      isStop: function (token) { return stop.has(token); },
      stem: stem,
      term: function (token) { return stop.has(token) ? null : stem(token); },
      terms: function (text) {
        var out = [];
        tokens(fold(text)).forEach(function (t) { if (!stop.has(t)) out.push(stem(t)); });
        return out;
      }
    };
  }

  var api = { fold: fold, tokens: tokens, stemNl: stemNl, analyzer: analyzer };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.KbText = api;
})(this);
