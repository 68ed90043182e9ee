// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID"
// type="application/json"> (made by dangbo.core.charts and json_script), on the page and
// in what HTMX brings later (the landing page's panels).
(function () {
  if (typeof Chart === "undefined") return;
  var lang = document.documentElement.lang || "vi";
  var number = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : lang, { maximumFractionDigits: 1 });

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || canvas.dataset.drawn) return;
    canvas.dataset.drawn = "1";
    var data = JSON.parse(source.textContent);
    var round = data.type === "doughnut";
    var datasets = data.datasets.map(function (s) {
      return { label: s.label, data: s.data, borderColor: s.color, backgroundColor: s.colors || s.color, tension: 0.2 };
    });
    var scales = round ? {} : {
      x: { stacked: data.stacked },
      y: { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0, callback: function (v) { return number.format(v); } } }
    };
    new Chart(canvas, {
      type: data.type,
      data: { labels: data.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: {
          legend: { display: data.legend, position: "bottom" },
          tooltip: { callbacks: { label: function (item) {
            return (item.dataset.label ? item.dataset.label + ": " : (item.label ? item.label + ": " : "")) + number.format(item.raw);
          } } }
        }
      }
    });
  }

  function drawIn(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  drawIn(document);
  document.body.addEventListener("htmx:afterSwap", function (event) { drawIn(event.target); });
})();
