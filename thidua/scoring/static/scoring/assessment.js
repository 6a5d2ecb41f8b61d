// The running total of a self-assessment: the sum of the points typed so far (the server
// recomputes it on save; this only shows it while typing).
(function () {
  var inputs = document.querySelectorAll("input.points");
  var out = document.getElementById("running-total");
  if (!out || !inputs.length) { return; }
  function sum() {
    var total = 0;
    inputs.forEach(function (i) {
      var v = parseFloat(i.value.replace(",", "."));
      if (!isNaN(v)) { total += v; }
    });
    out.textContent = total.toFixed(2).replace(".", ",");
  }
  inputs.forEach(function (i) { i.addEventListener("input", sum); });
})();
