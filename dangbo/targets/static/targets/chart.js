// Plan against actual: every target as a percentage of its plan (data from json_script).
(function () {
  var source = document.getElementById("targets-chart-data");
  var canvas = document.getElementById("targets-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "vi";
  var number = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : lang, { maximumFractionDigits: 1 });
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.plan_label, data: data.plan, backgroundColor: "#b0bec5" },
        { label: data.actual_label, data: data.actual, backgroundColor: "#c62828" }
      ]
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return number.format(v) + "%"; } } } },
      plugins: {
        tooltip: {
          callbacks: {
            title: function (items) { return items.length ? data.names[items[0].dataIndex] : ""; },
            label: function (item) { return item.dataset.label + ": " + (item.raw === null ? "—" : number.format(item.raw) + "%"); }
          }
        }
      }
    }
  });
})();
