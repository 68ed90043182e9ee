"""Subtree-at-a-date query on a 5,000-node tree in SQLite (target ≤ 5 ms).

Builds the tree through the real services in a throwaway database, with a
reorganization that moves a fifth of it, then times "the organization ids of X's
subtree on day D" (the query every report and access check runs), for the root and
for a mid-level node, before and after the move.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
tmp = tempfile.mkdtemp(prefix="dangbo-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")
os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.settings"

import datetime as dt  # noqa: E402

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

from dangbo.organizations import selectors, services  # noqa: E402
from dangbo.organizations.models import Organization, OrgSpan  # noqa: E402

K = Organization.Kind


def build(n_committees=40, n_grassroots=30, n_cells=3):
    start = time.perf_counter()
    New = services.NewOrganization
    items = [New(code="ROOT", name="Tỉnh", kind=K.ABOVE_GRASSROOTS)]
    for i in range(n_committees):
        items.append(New(code=f"H{i}", name=f"Huyện {i}", kind=K.ABOVE_GRASSROOTS, parent="ROOT"))
        for j in range(n_grassroots):
            items.append(New(code=f"H{i}X{j}", name=f"Xã {i}-{j}", kind=K.GRASSROOTS_COMMITTEE, parent=f"H{i}"))
            items += [New(code=f"H{i}X{j}C{k}", name=f"Chi bộ {k}", kind=K.CELL, parent=f"H{i}X{j}")
                      for k in range(n_cells)]
    orgs = {o.code: o for o in services.change_tree(organizations=items).organizations}
    root, committees = orgs["ROOT"], [orgs[f"H{i}"] for i in range(n_committees)]
    built = time.perf_counter() - start
    start = time.perf_counter()
    for c in committees[: n_committees // 5]:
        services.change_tree(reorganizations=[services.NewReorganization(
            kind="MOVE", organization=c, effective_on=dt.date(2025, 7, 1), target=committees[-1]
        )])
    moved = (time.perf_counter() - start) / (n_committees // 5)
    return root, committees, built, moved


def timed(fn, repeat=200):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    call_command("migrate", verbosity=0)
    root, committees, built, moved = build()
    nodes = Organization.objects.count()
    print(f"tree: {nodes} organizations, {OrgSpan.objects.count()} spans; built in {built:.1f} s; "
          f"one reorganization (full replay) {moved * 1000:.0f} ms")
    print(f"{'query':<55} {'median ms':>10} {'p95 ms':>8}")
    from django.db import connection

    def fetch_ids(org, day):
        # the ids as rows, without building model objects (what a report's join does)
        sql, params = selectors.subtree_ids(org, day).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    for label, org, day in (
        ("root (4,841 nodes) on 31/12/2022", root, dt.date(2022, 12, 31)),
        ("root on 31/12/2025, after the moves", root, dt.date(2025, 12, 31)),
        ("a district (~1,000 nodes) on 31/12/2025", committees[-1], dt.date(2025, 12, 31)),
        ("a commune (4 nodes) on 31/12/2025", Organization.objects.get(code="H1X1"), dt.date(2025, 12, 31)),
    ):
        for what, fn in (
            ("count", lambda org=org, day=day: selectors.subtree_spans(org, day, aliases=True).count()),
            ("ids", lambda org=org, day=day: fetch_ids(org, day)),
        ):
            median, p95 = timed(fn)
            print(f"{label + ' ' + what:<55} {median:>10.2f} {p95:>8.2f}")


if __name__ == "__main__":
    main()
