/* The phone menu's button, and dark mode. Dark mode: the page follows the reader's prefers-color-scheme (css/tokens.css), and the
   header's toggle overrides it, remembered in localStorage. Loaded in <head> without defer so
   the remembered choice applies before the first paint. Sites whose own tokens give no dark
   colours are light only (data-schemes="light") and show no toggle. */
(function () {
  "use strict";
  function menuButton() {
    document.addEventListener("DOMContentLoaded", function () {
      var button = document.querySelector(".menu-toggle");
      var nav = button && document.getElementById(button.getAttribute("aria-controls"));
      if (!nav) return;
      button.addEventListener("click", function () {
        var open = !nav.classList.contains("open");
        nav.classList.toggle("open", open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && nav.classList.contains("open")) {
          nav.classList.remove("open");
          button.setAttribute("aria-expanded", "false");
          button.focus();
        }
      });
    });
  }
  var root = document.documentElement;
  // Scripts run: the phone menu starts closed behind its button (css/site.css).
  root.classList.add("js");
  menuButton();
  if (root.getAttribute("data-schemes") === "light") return;
  var KEY = "kennisbank-color-scheme";
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }
  if (stored === "light" || stored === "dark") root.setAttribute("data-color-scheme", stored);
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function current() {
    var chosen = root.getAttribute("data-color-scheme");
    if (chosen) return chosen;
    return query && query.matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".scheme-toggle");
    if (!button) return;
    function show() { button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false"); }
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-color-scheme", next);
      try { window.localStorage.setItem(KEY, next); } catch (e) { /* storage blocked */ }
      show();
    });
    if (query && query.addEventListener) query.addEventListener("change", show);
  });
})();
