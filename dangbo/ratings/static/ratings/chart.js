// Ratings per level, year over year, stacked (data from json_script).
(function () {
  var source = document.getElementById("ratings-chart-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var colors = ["#c62828", "#ef6c00", "#1565c0", "#6d4c41", "#9e9e9e"];
  function draw(id, title, sets) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: sets.map(function (s, i) { return { label: s.label, data: s.data, backgroundColor: colors[i] }; })
      },
      options: {
        maintainAspectRatio: false,
        plugins: { title: { display: true, text: title } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
      }
    });
  }
  draw("ratings-chart", data.organizations_title, data.datasets);
  draw("ratings-members-chart", data.members_title, data.members);
})();
