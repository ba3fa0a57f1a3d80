/* Previews of internal links: pointing at (or tabbing to) a link to another page of the site
   shows that page's title, kind and summary, read from the page itself (its <h1> and
   description), so the site carries no extra data for it. WCAG 1.4.13: Escape dismisses it,
   the pointer can move onto it, and it stays until pointer and focus have left. Off for
   readers who ask for reduced motion, and never on touch screens. */
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.matchMedia) return;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  var finePointer = window.matchMedia("(hover: hover) and (pointer: fine)");
  var base = document.body.getAttribute("data-base") || "/";
  var cache = {};
  var box = null, current = null, showTimer = 0, hideTimer = 0, touched = false;

  function internal(a) {
    if (!a || a.origin !== location.origin || a.hash && a.pathname === location.pathname) return false;
    if (a.pathname === location.pathname || a.pathname.indexOf(base) !== 0) return false;
    return /\/$/.test(a.pathname) && !a.hasAttribute("download");
  }

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var h1 = doc.querySelector("main h1");
          var kind = doc.querySelector(".note-header .kind");
          var meta = doc.querySelector('meta[name="description"]');
          return h1 ? {
            title: h1.textContent.trim(),
            kind: kind ? kind.textContent.trim() : "",
            summary: meta ? meta.getAttribute("content") : ""
          } : null;
        })
        .catch(function () { return null; });
    }
    return cache[url];
  }

  function ensureBox() {
    if (box) return box;
    box = document.createElement("div");
    box.className = "link-preview";
    box.id = "link-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(box);
    return box;
  }

  function show(a, data) {
    if (current !== a || !data) return;
    var b = ensureBox();
    b.textContent = "";
    if (data.kind) {
      var k = document.createElement("p");
      k.className = "link-preview-kind";
      k.textContent = data.kind;
      b.appendChild(k);
    }
    var t = document.createElement("p");
    t.className = "link-preview-title";
    t.textContent = data.title;
    b.appendChild(t);
    if (data.summary) {
      var s = document.createElement("p");
      s.textContent = data.summary;
      b.appendChild(s);
    }
    b.hidden = false;
    var r = a.getBoundingClientRect();
    var width = Math.min(352, document.documentElement.clientWidth - 16);
    b.style.width = width + "px";
    b.style.left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8)) + "px";
    b.style.top = (r.bottom + window.scrollY + 6) + "px";
    a.setAttribute("aria-describedby", "link-preview");
  }

  function open(a) {
    if (!internal(a)) return;
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (current && current !== a) hide();
    current = a;
    showTimer = setTimeout(function () {
      load(a.href.split("#")[0]).then(function (data) { show(a, data); });
    }, 350);
  }

  function hide() {
    clearTimeout(showTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (box) box.hidden = true;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (box && box.matches(":hover")) return;
      if (current && (current.matches(":hover") || current === document.activeElement)) return;
      hide();
    }, 250);
  }

  var scope = document.getElementById("inhoud") || document.body;
  document.addEventListener("pointerdown", function (e) { touched = e.pointerType === "touch"; }, true);
  scope.addEventListener("mouseover", function (e) {
    if (!finePointer.matches) return;
    var a = e.target.closest && e.target.closest("a");
    if (a && a !== current) open(a);
  });
  scope.addEventListener("mouseout", function (e) {
    var a = e.target.closest && e.target.closest("a");
    if (a && a === current && !a.contains(e.relatedTarget)) scheduleHide();
  });
  scope.addEventListener("focusin", function (e) {
    if (touched) return;
    var a = e.target.closest && e.target.closest("a");
    if (a) open(a);
  });
  scope.addEventListener("focusout", function (e) {
    if (e.target === current) scheduleHide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && box && !box.hidden) hide();
  });
})();
