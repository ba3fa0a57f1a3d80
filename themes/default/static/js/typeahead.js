/* Results while typing in the header's search field, on every page but the search page: an
   ARIA 1.2 combobox (the field) with a listbox of at most MAX results and a last option
   "Alle resultaten" that opens the search page with the query. The engine is the search
   page's own (search-engine.js); the index is fetched on first focus. Without JavaScript the
   form simply submits to the search page. */
(function (root) {
  "use strict";
  var MAX = 8;
  var form = document.querySelector(".site-header .search-form[data-index]");
  if (!form || !root.KbSearch) return;
  var input = form.querySelector("input[type=search]");
  var index = new root.KbSearch.Index(form.dataset.index);
  var escapeHtml = root.KbSearch.escapeHtml;

  var list = document.createElement("ul");
  list.id = input.id + "-resultaten";
  list.className = "typeahead";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.dataset.label);
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.appendChild(list);
  form.appendChild(status);
  form.classList.add("with-typeahead");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var active = -1;
  var sequence = 0;

  function options() { return Array.prototype.slice.call(list.children); }

  function setActive(i) {
    var all = options();
    active = all.length ? (i + all.length) % all.length : -1;
    all.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
    if (active < 0) input.removeAttribute("aria-activedescendant");
    else {
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }
  }

  function open(yes) {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) setActive(-1);
  }

  function close() {
    sequence++; // results still on their way are no longer wanted
    open(false);
  }

  function searchUrl() {
    return form.action + (form.action.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(input.value.trim());
  }

  function option(i, html, href) {
    var li = document.createElement("li");
    li.id = list.id + "-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.dataset.href = href;
    li.innerHTML = html;
    return li;
  }

  function show(found, fragments, state) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    fragments.forEach(function (d, i) {
      list.appendChild(option(i,
        '<span class="typeahead-title">' + index.highlight(state, d.t, found.parts, 0) + "</span> " +
        '<span class="typeahead-kind">' + escapeHtml(d.k) + "</span>", d.u));
    });
    var n = found.hits.length;
    if (n) {
      var all = option(fragments.length, escapeHtml(form.dataset.all) + " (" + n + ")", searchUrl());
      all.classList.add("typeahead-all");
      list.appendChild(all);
    }
    status.textContent = n ? n + " " + (n === 1 ? form.dataset.result : form.dataset.results) : form.dataset.none;
    open(n > 0);
  }

  function run() {
    var mine = ++sequence;
    var q = input.value;
    if (!q.trim()) { close(); status.textContent = ""; return; }
    index.search(q).then(function (found) {
      if (mine !== sequence) return null;
      var top = found.hits.slice(0, MAX);
      return Promise.all([index.load()].concat(top.map(function (h) { return index.doc(h.doc); })))
        .then(function (loaded) {
          if (mine !== sequence) return;
          show(found, loaded.slice(1), loaded[0]);
        });
    }).catch(function () {
      // The search page still works: the field then submits to it as without JavaScript.
      close();
    });
  }

  function go(li) { location.href = li.dataset.href; }

  input.addEventListener("focus", function () { index.load().catch(function () {}); });
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) {
        if (options().length) open(true); else return;
      }
      e.preventDefault();
      setActive(e.key === "ArrowDown" ? active + 1 : (active < 0 ? -1 : active - 1));
    } else if (e.key === "Enter") {
      var li = !list.hidden && options()[active];
      if (li) { e.preventDefault(); go(li); }
      // else the form submits to the search page with the query
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault(); // keeps the text, unlike a search field's own Escape
      close();
    }
  });
  // mousedown, not click: the field keeps focus and the option is taken before blur.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) go(li);
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) close();
  });
  form.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !form.contains(e.relatedTarget)) close();
  });
})(this);
