// Mermaid diagrams drawn in the page. Loaded (after vendor/mermaid.min.js, MIT, see
// vendor/mermaid.LICENSE.txt) only on pages that have a ```mermaid block. Without scripts the
// page shows the diagram's text with a notice; with them, the drawing, with the text kept
// below it in a <details>.
//
// The site's Content-Security-Policy allows no inline styles, and Mermaid's SVG carries a
// <style> element and style="" attributes. So the SVG is parsed apart from the page, its
// <style> rules go into a constructed stylesheet and its style attributes into the CSSOM
// (both allowed by the policy), and only then is it put in the page.
(function () {
  "use strict";
  var figures = document.querySelectorAll("figure.diagram-mermaid");
  if (!figures.length || !window.mermaid) return;
  var root = document.documentElement;
  var chosen = root.getAttribute("data-color-scheme");
  var dark = root.getAttribute("data-schemes") !== "light" && (chosen === "dark" ||
    (!chosen && window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches));
  window.mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: dark ? "dark" : "default",
    // Mermaid's own fonts would come from elsewhere; the page's font is used instead.
    fontFamily: "inherit",
  });
  var sheets = [];

  function adoptStyles(svg) {
    var rules = "";
    svg.querySelectorAll("style").forEach(function (style) {
      rules += style.textContent + "\n";
      style.remove();
    });
    if (rules && "adoptedStyleSheets" in document) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(rules);
      sheets.push(sheet);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    }
  }

  function moveInlineStyles(svg) {
    var styled = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll("[style]")));
    return styled
      .filter(function (el) { return el.hasAttribute("style"); })
      .map(function (el) {
        var text = el.getAttribute("style");
        el.removeAttribute("style");
        return [el, text];
      });
  }

  function draw(figure, n) {
    var code = figure.querySelector("pre.mermaid");
    if (!code) return Promise.resolve();
    var source = code.textContent;
    return window.mermaid.render("kb-diagram-" + n, source).then(function (result) {
      var doc = new DOMParser().parseFromString(result.svg, "image/svg+xml");
      var svg = doc.documentElement;
      if (!svg || svg.nodeName.toLowerCase() !== "svg") return;
      adoptStyles(svg);
      var styles = moveInlineStyles(svg);
      svg = document.importNode(svg, true);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", figure.getAttribute("data-label") || "Diagram");
      svg.classList.add("diagram-drawing");
      // Attributes were read off the parsed copy; put them on the imported one by position.
      var imported = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll("*")));
      var original = [doc.documentElement].concat(
        Array.prototype.slice.call(doc.documentElement.querySelectorAll("*")));
      styles.forEach(function (pair) {
        var at = original.indexOf(pair[0]);
        if (at >= 0 && imported[at]) imported[at].style.cssText = pair[1];
      });
      var details = document.createElement("details");
      details.className = "diagram-source";
      var summary = document.createElement("summary");
      summary.textContent = figure.getAttribute("data-source-label") || "Mermaid";
      details.appendChild(summary);
      code.parentNode.insertBefore(svg, code);
      details.appendChild(code);
      svg.parentNode.insertBefore(details, svg.nextSibling);
      var notice = figure.querySelector(".diagram-notice");
      if (notice) notice.remove();
      figure.classList.add("is-drawn");
    }).catch(function () {
      // Mermaid could not read it: the text stays, as without scripts.
      var stray = document.getElementById("dkb-diagram-" + n) ||
        document.getElementById("kb-diagram-" + n);
      if (stray) stray.remove();
    });
  }

  var chain = Promise.resolve();
  figures.forEach(function (figure, n) {
    chain = chain.then(function () { return draw(figure, n); });
  });
})();
