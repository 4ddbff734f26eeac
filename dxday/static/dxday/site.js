/* dxday page helpers (no framework; the pages work without them).
   - the header menu collapses behind a button on phones;
   - each cell of a table.list gets its column title as data-label, shown when tables stack as cards;
   - timeline bars are placed from their data-left/data-width; month labels that would overprint each
     other are hidden;
   - the error summary of a form takes the focus. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function labelTables(root) {
    var tables = Array.prototype.slice.call(root.querySelectorAll("table.list"));
    if (root.matches && root.matches("table.list")) tables.push(root);
    tables.forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var span = cell.colSpan || 1;
          if (span === 1 && heads[column] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", heads[column]);
          }
          column += span;
        });
      });
    });
  }

  // Timeline bars and month labels carry their place as data-left / data-width (percent of the track):
  // the Content Security Policy allows no style="" attribute, but allows setting styles from a script.
  function placeTimeline(root) {
    root.querySelectorAll(".gantt-track [data-left]").forEach(function (el) {
      el.style.left = el.getAttribute("data-left") + "%";
      if (el.hasAttribute("data-width")) el.style.width = el.getAttribute("data-width") + "%";
    });
  }

  function thinMonthLabels(root) {
    root.querySelectorAll(".gantt-head .gantt-track").forEach(function (track) {
      var lastRight = -Infinity;
      var end = track.getBoundingClientRect().right;
      track.querySelectorAll(".gantt-month").forEach(function (label) {
        label.hidden = false;
        label.style.transform = "";
        var box = label.getBoundingClientRect();
        if (box.right > end) {  // the last month: keep it inside the track, ending at its edge
          label.style.transform = "translateX(" + (end - box.right) + "px)";
          box = label.getBoundingClientRect();
        }
        if (box.left < lastRight + 4) {
          label.hidden = true;
        } else {
          lastRight = box.right;
        }
      });
    });
  }

  function setUpMenu() {
    var header = document.querySelector("header.top");
    var button = document.getElementById("menu-toggle");
    if (!header || !button) return;
    button.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function enhance(root) {
    labelTables(root);
    placeTimeline(root);
    thinMonthLabels(root);
  }

  // GOV.UK's error summary takes the focus when the page opens, so a screen reader reads it first.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    focusErrorSummary();
    enhance(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target || document);
  });
  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { thinMonthLabels(document); }, 150);
  });
})();
