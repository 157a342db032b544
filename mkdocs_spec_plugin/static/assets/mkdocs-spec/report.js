// mkdocs-spec-plugin: the site report's table sorts by the column whose heading is selected, and
// its filters (hidden without this script) show the rows of one template, state or score range.
(function () {
  "use strict";
  function sortable(table) {
    var headings = table.querySelectorAll("thead th");
    headings.forEach(function (th, column) {
      var button = th.querySelector("button") || th;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-sort-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute("data-sort");
          var y = b.cells[column].getAttribute("data-sort");
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function keeps(row, form) {
    var template = form.elements.template.value;
    var state = form.elements.state.value;
    var below = form.elements.below.value;
    var data = row.dataset;
    if (template && data.template !== template) return false;
    if (state === "missing" && data.missing === "0") return false;
    if (state === "unfinished" && data.unfinished === "0") return false;
    if (state === "complete" && data.score !== "100") return false;
    return !(below !== "" && Number(data.score) >= Number(below));
  }
  function filtering(form, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = form.elements.shown;
    function apply() {
      var count = 0;
      rows.forEach(function (row) {
        var kept = keeps(row, form);
        row.hidden = !kept;
        if (kept) count += 1;
      });
      shown.value = (shown.getAttribute("data-format") || "{shown} / {total}")
        .replace("{shown}", count).replace("{total}", rows.length);
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  // A link from the gaps chart opens the list of pages it names.
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  function ready() {
    window.addEventListener("hashchange", openTarget);
    openTarget();
    document.querySelectorAll(".spec-report table").forEach(sortable);
    var form = document.querySelector("form.spec-report-filters");
    var table = document.querySelector(".spec-report table");
    if (form && table) filtering(form, table);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
