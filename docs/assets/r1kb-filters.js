// r1kb: filter a table's row groups (tbody[data-g]) and columns ([data-m]) with the
// checkboxes of a form.r1kb-filters (data-for = the table's id). Without this script the
// form stays hidden and the whole table shows.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.r1kb-filters").forEach(function (form) {
    var table = document.getElementById(form.dataset.for);
    if (!table) return;
    function checked(name) {
      var out = new Set();
      form.querySelectorAll("input[name='" + name + "']:checked").forEach(function (i) {
        out.add(i.value);
      });
      return out;
    }
    function apply() {
      var groups = checked("g");
      var models = checked("m");
      table.querySelectorAll("tbody[data-g]").forEach(function (body) {
        body.hidden = !groups.has(body.dataset.g);
      });
      table.querySelectorAll("[data-m]").forEach(function (cell) {
        cell.hidden = !models.has(cell.dataset.m);
      });
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  });
});
