/* dxday roll-up charts (the table above them is the source of truth; without scripts it is all there is).
   Reads the figures from the page's json_script block "rollup-chart-data" ({title, measure, bars: {labels,
   values}, trend: {labels, values}}) and draws bars per row and the trend across years with the vendored
   Chart.js. No inline script: the page's Content-Security-Policy may forbid it. */
(function () {
  "use strict";

  function draw(id, type, data, title, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart || !data.labels.length) return;
    new window.Chart(canvas, {
      type: type,
      data: {
        labels: data.labels,
        datasets: [{ label: title, data: data.values, backgroundColor: "#0b5cad", borderColor: "#0b5cad" }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal
          ? { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } }
          : { y: { beginAtZero: true } },
        locale: "vi-VN"
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("rollup-chart-data");
    if (!source) return;
    var chart = JSON.parse(source.textContent);
    var title = chart.measure ? chart.title + " (" + chart.measure + ")" : chart.title;
    var bars = document.getElementById("rollup-bars");
    if (bars) bars.parentNode.style.height = Math.max(240, 22 * chart.bars.labels.length) + "px";
    draw("rollup-bars", "bar", chart.bars, title, true);
    draw("rollup-trend", chart.trend.labels.length > 1 ? "line" : "bar", chart.trend, title, false);
  });
})();
