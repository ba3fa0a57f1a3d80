/* Canvas zoom buttons: change the drawing's width (the SVG scales without loss); fit makes
   it as wide as the page. Without JavaScript the drawing scrolls at its own size and pinch
   zoom works as on any page. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-canvas]"), function (figure) {
    var svg = figure.querySelector("svg.canvas-svg");
    var scroll = figure.querySelector(".canvas-scroll");
    var controls = figure.querySelector("[data-canvas-zoom]");
    if (!svg || !scroll || !controls) { return; }
    var natural = parseFloat(svg.getAttribute("data-width")) || svg.viewBox.baseVal.width;
    var ratio = svg.viewBox.baseVal.height / svg.viewBox.baseVal.width;
    var scale = 1;
    function apply() {
      var width = Math.max(120, natural * scale);
      svg.setAttribute("width", String(Math.round(width)));
      svg.setAttribute("height", String(Math.round(width * ratio)));
    }
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) { return; }
      var how = button.getAttribute("data-zoom");
      if (how === "in") { scale = Math.min(scale * 1.25, 4); }
      else if (how === "out") { scale = Math.max(scale / 1.25, 0.1); }
      else { scale = scroll.clientWidth / natural; }
      apply();
    });
  });
})();
