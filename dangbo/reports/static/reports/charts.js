// The report's charts: rating levels, membership changes, targets (data from json_script).
(function () {
  var source = document.getElementById("report-chart-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var options = { maintainAspectRatio: false, animation: false };
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  draw("ratings-chart", {
    type: "bar",
    data: {
      labels: data.ratings.labels,
      datasets: [
        { label: data.ratings.grassroots_label, data: data.ratings.grassroots, backgroundColor: "#c62828" },
        { label: data.ratings.members_label, data: data.ratings.members, backgroundColor: "#b0bec5", yAxisID: "y1" }
      ]
    },
    options: Object.assign({}, options, {
      scales: { y: { beginAtZero: true, position: "left" }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } }
    })
  });
  draw("membership-chart", {
    type: "bar",
    data: { labels: data.membership.labels, datasets: [{ label: data.membership.label, data: data.membership.values,
      backgroundColor: ["#2e7d32", "#66bb6a", "#81c784", "#c62828", "#e57373", "#757575", "#ef9a9a"] }] },
    options: Object.assign({}, options, { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } })
  });
  draw("targets-chart", {
    type: "doughnut",
    data: { labels: data.targets.labels, datasets: [{ data: data.targets.values,
      backgroundColor: ["#1b5e20", "#66bb6a", "#c62828", "#bdbdbd"] }] },
    options: options
  });
})();
