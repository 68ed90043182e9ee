"""Charts of the landing page and the area pages, drawn by static/dangbo/charts.js with
the vendored Chart.js. A chart is plain data handed to the template with `json_script`;
the template puts `<canvas data-chart="ID">` beside it (no inline script: CSP)."""

# Colours that read apart in print and for the colour-blind: the Party red first.
COLORS = ["#b71c1c", "#ef6c00", "#1565c0", "#6d4c41", "#9e9e9e", "#2e7d32"]


def series(label, data: list, color: str | None = None, *, colors: list[str] | None = None) -> dict:
    """One line or set of bars; `colors`, one per value, for the slices of a doughnut."""
    out = {"label": str(label), "data": data}
    if color:
        out["color"] = color
    if colors:
        out["colors"] = colors
    return out


def chart(kind: str, labels: list, datasets: list[dict], *, stacked: bool = False, legend: bool = True) -> dict:
    """kind: "bar", "line" or "doughnut"; datasets from `series`. Numbers are shown the
    Vietnamese way by the script."""
    for n, s in enumerate(datasets):
        s.setdefault("color", COLORS[n % len(COLORS)])
    return {"type": kind, "labels": [str(x) for x in labels], "datasets": datasets, "stacked": stacked,
            "legend": legend}
