/* Every page: "/" puts the cursor in the search field (the search page's own, else the
   header's), unless the reader is already typing somewhere. */
(function () {
  "use strict";
  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    var field = document.querySelector(".search-page input[type=search]") || document.getElementById("zoekveld");
    if (!field) return;
    e.preventDefault();
    field.focus();
    field.select();
  });
})();
