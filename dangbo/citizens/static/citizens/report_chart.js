// The report's chart of petitions by month: received, closed, overdue at the month's end
// (data from json_script "citizens-chart-data").
(function () {
  var source = document.getElementById("citizens-chart-data");
  var canvas = document.getElementById("petitions-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.received_label, data: data.received, backgroundColor: "#1565c0" },
        { label: data.closed_label, data: data.closed, backgroundColor: "#2e7d32" },
        { type: "line", label: data.overdue_label, data: data.overdue, borderColor: "#c62828",
          backgroundColor: "#c62828", tension: 0.2 }
      ]
    },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
})();
