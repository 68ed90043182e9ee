"""Inspection, supervision and discipline at a province's size (issue 16's targets: the
report's added figures ≤ 10% of its time; the remedies worklist p95 ≤ 100 ms).

    DEBUG=1 .venv/bin/python bench/bench_inspections.py [--members 300000] [--items 20000] [--disciplines 5000]
    DEBUG=1 .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/bench_inspections.py

1. Generates and imports bench/bench_province.py's set (bench/generate_workbook.py:
   300,000 members in 9,031 organizations over ten years), into a throwaway SQLite file
   or the database of DATABASE_URL (`--loaded`: it holds the set already).
2. Generates the items (half on organizations, half on members, each a member on the
   item's start), their remedies and the discipline decisions (expulsions among them) from
   that register, as the three sheets of a workbook, and imports it (timed).
3. Times the figures engine for the root (median of 5) and what this app adds to it (the
   `inspection` and `discipline` figures and the ratings' discipline warning), for 2022
   and 2025; then the remedies page of the root's inspection staff
   through Django's test client (50 requests after a warm-up: p50, p95).
"""

import argparse
import datetime as dt
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

D = dt.date
FIRST, LAST = D(2016, 7, 1), D(2026, 10, 31)
KINDS = ["Kiểm tra khi có dấu hiệu vi phạm", "Kiểm tra chấp hành", "Kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát",
         "Kiểm tra tài chính", "Giám sát chuyên đề", "Giám sát thường xuyên"]
CONCLUSIONS = ["Không có vi phạm", "Có khuyết điểm", "Có vi phạm", "Có vi phạm đến mức phải xử lý kỷ luật"]


def median_time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _day_in(rng: random.Random, first: dt.date, last: dt.date) -> dt.date | None:
    first, last = max(first, FIRST), min(last, LAST)
    if first > last:
        return None
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def generate(items: int, disciplines: int, seed: int = 16) -> dict[str, list[list]]:
    """The three sheets, from the saved register: organizations from the tree, members
    from their spans (a member inspected or disciplined on a day they were a member)."""
    from dangbo.members.models import MembershipSpan
    from dangbo.organizations.models import FAR_FUTURE, Organization

    rng = random.Random(seed)
    codes = dict(Organization.objects.values_list("pk", "code"))
    grassroots = sorted(c for c in codes.values() if "X" in c and "C" not in c[4:])
    highest = MembershipSpan.objects.order_by("-pk").values_list("pk", flat=True).first()
    wanted = rng.sample(range(1, highest + 1), min(highest, items + disciplines * 2))
    spans = []
    for start in range(0, len(wanted), 900):
        spans += list(
            MembershipSpan.objects.filter(pk__in=wanted[start : start + 900]).values_list(
                "member__code", "organization_id", "valid_from", "valid_to", "status"
            )
        )
    rng.shuffle(spans)
    item_rows, remedy_rows, discipline_rows = [], [], []
    for n in range(items):
        if n % 2 == 0:  # an organization: a grassroots committee by its district, or a cell by its committee
            committee = rng.choice(grassroots)
            if rng.random() < 0.5:
                carrier, subject, body = committee[:3], committee, "Ủy ban Kiểm tra"
            else:
                carrier, subject, body = committee, f"{committee}C{rng.randint(0, 4)}", "Cấp ủy"
            start, kind, who = _day_in(rng, FIRST, LAST), rng.choice(KINDS[1:]), "Tổ chức"
        else:  # a member, on a day of one of their spans
            code, org_id, first, last, _status = spans[n % len(spans)]
            cell = codes[org_id]
            start = _day_in(rng, first, last)
            if start is None:
                continue
            carrier, subject, body, who = cell[:7], code, "Ủy ban Kiểm tra", "Đảng viên"
            kind = rng.choice(KINDS[:2] + KINDS[4:])
        item = f"B{n:06d}"
        end = start + dt.timedelta(days=rng.randint(20, 90))
        concluded = rng.random() < 0.9 and end <= LAST
        conclusion = rng.choice(CONCLUSIONS) if concluded else None
        item_rows.append([item, start.year, kind, body, carrier, who, subject, start, end if concluded else None,
                          conclusion, None, None, None, None])
        if concluded and conclusion != CONCLUSIONS[0]:
            for r in range(rng.randint(1, 3)):
                due = end + dt.timedelta(days=rng.randint(30, 120))
                done = due - dt.timedelta(days=rng.randint(0, 20)) if rng.random() < 0.85 else None
                remedy_rows.append([item, f"Biện pháp khắc phục số {r + 1} của cuộc {item}", due,
                                    done if done and done <= LAST else None])
    # One decision a member, and none for a member inspected here (an expulsion would end
    # the membership an item's date relies on).
    taken = {row[6] for row in item_rows if row[5] == "Đảng viên"}
    for code, org_id, first, last, status in spans[items:]:
        if len(discipline_rows) >= disciplines:
            break
        if code in taken:
            continue
        day = _day_in(rng, first + dt.timedelta(days=1), last)
        if day is None:
            continue
        taken.add(code)
        cell = codes[org_id]
        roll = rng.random()
        if status == "PROBATIONARY":
            form = "Khiển trách" if roll < 0.7 else "Cảnh cáo"
        elif roll < 0.05 and last == FAR_FUTURE:
            form = "Khai trừ"
        else:
            form = ["Khiển trách", "Cảnh cáo", "Cách chức"][int(roll * 10) % 3]
        discipline_rows.append([day, "Đảng viên", code, form, cell[:7], "Cấp ủy", None, None, None, None])
    return {"inspections": item_rows, "remedies": remedy_rows, "disciplines": discipline_rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--disciplines", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loaded", action="store_true", help="DATABASE_URL holds the province set already")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-bench-inspections-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.settings"
    workbook = tmp / f"province-{args.members}.xlsx"
    if not args.loaded:
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_workbook.py"), str(workbook),
                        "--members", str(args.members), "--years", str(args.years)], check=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangbo.accounts.models import User
    from dangbo.accounts.services import create_user
    from dangbo.inspections import selectors
    from dangbo.inspections.models import Discipline, Item, Remedy
    from dangbo.interchange.exporter import write_workbook
    from dangbo.interchange.importer import import_file
    from dangbo.organizations.models import Organization
    from dangbo.reports.figures import annual_figures

    call_command("migrate", verbosity=0)
    if not args.loaded:
        start = time.perf_counter()
        report = import_file(workbook)
        assert report.ok, [str(e) for e in report.errors[:5]]
        print(f"{connection.vendor}: province set, {report.rows_read:,} rows imported in "
              f"{time.perf_counter() - start:.0f} s")
    if not Item.objects.exists():
        rows = generate(args.items, args.disciplines)
        buffer = io.BytesIO()
        write_workbook(rows, buffer)
        start = time.perf_counter()
        report = import_file(data=buffer.getvalue(), name="kiem-tra.xlsx")
        assert report.ok, [str(e) for e in report.errors[:5]]
        print(f"inspections: {len(rows['inspections']):,} items, {len(rows['remedies']):,} remedies, "
              f"{len(rows['disciplines']):,} decisions imported in {time.perf_counter() - start:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    print(f"{Item.objects.count():,} items, {Remedy.objects.count():,} remedies, "
          f"{Discipline.objects.count():,} decisions, {Organization.objects.count():,} organizations")
    root = Organization.objects.get(code="TINH")
    print(f"{'year':<6}{'report s':>10}{'added s':>10}{'share':>8}{'items':>8}{'decisions':>11}")
    for year in (2022, 2025):
        figures = annual_figures(root, year)  # warm the caches
        report_time = median_time(lambda year=year: annual_figures(root, year), args.repeat)
        # what the app adds to the report: its two parts and its rule warnings
        parts = median_time(
            lambda year=year: (
                selectors.inspection_figures(root, year),
                selectors.discipline_figures(root, year),
                selectors.year_warnings(root, year),
            ),
            args.repeat,
        )
        i = figures["inspection"]
        print(f"{year:<6}{report_time:>10.3f}{parts:>10.3f}{parts / report_time:>7.1%}"
              f"{i['inspections'] + i['supervisions']:>8,}{figures['discipline']['members']:>11,}")

    staff = User.objects.filter(username="bench-kiemtra").first() or create_user(
        username="bench-kiemtra", password="bench-pw-123", role=User.Role.INSPECTION_STAFF, organization=root
    )
    for code in ("TINH", "H00"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(staff)
        url = f"/inspections/{code}/remedies/"
        for _ in range(3):
            assert client.get(url).status_code == 200
        samples = []
        for _ in range(50):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        samples.sort()
        org = Organization.objects.get(code=code)
        due = selectors.remedies_due(org, timezone.localdate()).count()
        print(f"remedies page of {code} ({due:,} due or overdue, 50 a page): p50 {statistics.median(samples):.1f} ms, "
              f"p95 {samples[int(len(samples) * 0.95) - 1]:.1f} ms, max {samples[-1]:.1f} ms")


if __name__ == "__main__":
    main()
