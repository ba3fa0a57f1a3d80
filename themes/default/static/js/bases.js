/* Bases: sorting by column, a text filter and "toon alles" past the view's limit, all from
   the rows already in the page. Without JavaScript the page shows the view as the editor
   set it up (sorted, limited); this script only rearranges and hides rows. Loaded only on
   pages with a base. */
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* A row's text with its group's heading: filtering "Zwolle" finds the rows grouped under
     it even when the column is not shown. */
  function rowText(row) {
    var group = row.closest("[data-base-group]");
    var heading = group && group.querySelector(".base-group");
    return row.textContent + " " + (heading ? heading.textContent : "");
  }

  function setup(section) {
    var rows = Array.prototype.slice.call(section.querySelectorAll("[data-base-row]"));
    var limit = parseInt(section.getAttribute("data-limit") || "0", 10) || 0;
    var words = (section.getAttribute("data-words") || "van|resultaten").split("|");
    var count = section.querySelector("[data-base-count]");
    var more = section.querySelector("[data-base-more]");
    var tools = section.querySelector("[data-base-tools]");
    var input = section.querySelector("[data-base-filter]");
    var showAll = !limit;
    var query = "";
    var countSuffix = count ? count.textContent.replace(/^[^,]*/, "") : "";

    /* Which rows show: those matching the filter; without a filter only the first `limit`
       (in the current order) until "toon alles". */
    function apply() {
      var shown = 0;
      var order = Array.prototype.slice.call(section.querySelectorAll("[data-base-row]"));
      order.forEach(function (row) {
        var match = !query || fold(rowText(row)).indexOf(query) !== -1;
        var visible = match && (showAll || query || shown < limit);
        if (match) { shown += 1; }
        row.hidden = !visible;
      });
      each(section.querySelectorAll("[data-base-group]"), function (group) {
        group.hidden = !group.querySelector("[data-base-row]:not([hidden])");
      });
      var visibleCount = section.querySelectorAll("[data-base-row]:not([hidden])").length;
      if (count) {
        count.textContent = (visibleCount < rows.length
          ? visibleCount + " " + words[0] + " " + rows.length + " " + words[1]
          : rows.length + " " + words[1]) + countSuffix;
      }
      if (more) { more.hidden = showAll || !!query || visibleCount >= rows.length; }
    }

    if (tools && input) {
      tools.hidden = false;
      input.addEventListener("input", function () {
        query = fold(input.value.trim());
        apply();
      });
    }
    if (more) {
      more.hidden = false;
      more.addEventListener("click", function () {
        showAll = true;
        apply();
        var first = section.querySelector("[data-base-row][data-past-limit] a, [data-base-row][data-past-limit]");
        if (first && first.focus) { first.setAttribute("tabindex", first.tagName === "A" ? "0" : "-1"); first.focus(); }
      });
    }

    each(section.querySelectorAll("table.base-grid"), function (table) {
      var headers = table.querySelectorAll("thead th[scope=col]");
      each(headers, function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "base-sort";
        while (th.firstChild) { button.appendChild(th.firstChild); }
        th.appendChild(button);
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          each(headers, function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          sortTable(table, column, th.getAttribute("data-sort-type") === "number", ascending);
          apply();
        });
      });
    });
  }

  function sortTable(table, column, numeric, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[column];
      var value = cell ? cell.getAttribute("data-sort") || "" : "";
      if (numeric) { return value === "" ? null : (isNaN(Number(value)) ? value : Number(value)); }
      return value === "" ? null : value;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === null || y === null) { return (x === null) - (y === null); } /* empty last */
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  each(document.querySelectorAll("section[data-base-view]"), setup);
})();
