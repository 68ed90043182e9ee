"""The national set's reports, writes and member list (issue 19's targets), on the
database of DATABASE_URL (loaded by bench/generate_national.py).

    DATABASE_URL=postgres://… .venv/bin/python bench/bench_national.py [--writes 50]

1. The yearly report of the root, a province, a former district and a commune, 2022 and
   2025: the figures engine (warm) and the same SQL replayed bare, taken in turns
   (median of 5 each for a report over 0.1 s, 21 for the others, whose 10–20 ms move
   with the machine's moment), and the whole command `dangbo report annual --format json` (a
   new process: start-up included).
2. Django's start-up alone (`django.setup()` in a new process), median of 5. The
   project's bytecode is compiled first, as `make serve` deploys it.
3. Writes, each its own transaction with the report tallies it keeps: an internal
   transfer recorded for a member, and a member's rating decided.
4. The member list of a province's committee staff, with a search term and without,
   through Django's test client: p50 and p95 of 100 requests.
5. The same staff's tree page, a branch of it opened, and a search through it: p50 and
   p95 of 20 requests each.
Targets: report ≤ 1 s warm and ≤ 1.5× its bare SQL; write ≤ 20 ms; list p95 ≤ 100 ms.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def median_time(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired_medians(first, second, repeat: int) -> tuple[float, float]:
    """Both functions' median times, run in turns, so that both see the same moments."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((first, samples[0]), (second, samples[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(samples[0]), statistics.median(samples[1])


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def reports(orgs: list[str], years: list[int]) -> None:
    from report_sql import bare_queries

    from dangbo.organizations.models import Organization
    from dangbo.reports.figures import annual_figures

    print(f"\n{'organization':<14}{'year':>6}{'members':>10}{'engine s':>10}{'bare s':>9}{'ratio':>7}"
          f"{'queries':>9}{'command s':>11}")
    for code in orgs:
        org = Organization.objects.get(code=code)
        for year in years:
            start = time.perf_counter()
            figures = annual_figures(org, year)  # warm
            warm = time.perf_counter() - start
            replay, count = bare_queries(org, year)
            engine, bare = paired_medians(lambda org=org, year=year: annual_figures(org, year), replay,
                                          repeat=5 if warm > 0.1 else 21)
            start = time.perf_counter()
            subprocess.run([str(ROOT / ".venv" / "bin" / "dangbo"), "report", "annual", "--org", code, "--year",
                            str(year), "--format", "json", "-o", os.devnull], check=True)
            command = time.perf_counter() - start
            print(f"{code:<14}{year:>6}{figures['members']['at_year_end']:>10,}{engine:>10.3f}{bare:>9.3f}"
                  f"{engine / bare:>6.2f}x{count:>9}{command:>11.2f}")


def start_up() -> None:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import django; django.setup()"], check=True,
                       env={**os.environ, "DJANGO_SETTINGS_MODULE": "dangbo.settings"})
        samples.append(time.perf_counter() - start)
    print(f"\nDjango start-up in a new process (django.setup()): median {statistics.median(samples):.2f} s")


def writes(count: int) -> None:
    from django.db.models import Max

    from dangbo.members import services as member_services
    from dangbo.members.models import Member, MembershipEvent
    from dangbo.organizations.models import Organization
    from dangbo.ratings import services as rating_services
    from dangbo.ratings.models import Rating

    rng = random.Random(7)
    top = Member.objects.aggregate(n=Max("pk"))["n"]
    cells = list(Organization.objects.filter(kind=Organization.Kind.CELL, code__startswith="T01H0").values_list(
        "pk", flat=True)[:2000])
    event_times, rating_times = [], []
    day = dt.date(2026, 12, 1)
    while len(event_times) < count:
        member = Member.objects.filter(pk__gte=rng.randint(1, top), status=Member.Status.OFFICIAL).first()
        if member is None or MembershipEvent.objects.filter(member=member, date__gte=day).exists():
            continue
        target = Organization.objects.get(pk=rng.choice(cells))
        if target.pk == member.organization_id:
            continue
        start = time.perf_counter()
        member_services.record_events(items=[member_services.NewEvent(
            member=member, kind=MembershipEvent.Kind.TRANSFERRED_INTERNAL, date=day, organization=target,
        )])
        event_times.append((time.perf_counter() - start) * 1000)
        if Rating.objects.filter(member=member, year=2026).exists():
            continue
        start = time.perf_counter()
        rating_services.record_rating(year=2026, member=member, level=Rating.Level.GOOD, score="80",
                                      step=Rating.Step.DECIDED)
        rating_times.append((time.perf_counter() - start) * 1000)
    for label, samples in (("record an event (internal transfer)", event_times),
                           ("decide a member's rating", rating_times)):
        p50, p95 = percentiles(samples)
        print(f"{label:<40} n={len(samples):<4} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")


def staff_client(province: str):
    """A test client logged in as the province's committee staff."""
    from django.test import Client

    from dangbo.accounts.models import User
    from dangbo.organizations.models import Organization

    org = Organization.objects.get(code=province)
    user, _created = User.objects.get_or_create(
        username=f"bench-{province.lower()}", defaults={"role": User.Role.COMMITTEE_STAFF, "organization": org}
    )
    client = Client()
    client.force_login(user)
    return client


def member_list(province: str) -> None:
    client = staff_client(province)
    terms = ["nguyen van", "tran thi", "le minh", "pham", "hoang thu", "bui quang", "do hai", "ngo lan",
             "duong", "vu ngoc an"]
    for label, query in (("with a search term", lambda n: terms[n % len(terms)]), ("the whole list", lambda n: "")):
        samples = []
        for n in range(110):
            start = time.perf_counter()
            response = client.get("/members/", {"org": province, "q": query(n), "page": 1 + n % 3})
            if n >= 10:  # the first ten warm the caches
                samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        p50, p95 = percentiles(samples)
        print(f"member list of {province}, {label:<20} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")


def tree_page(province: str) -> None:
    """The tree page of a province's staff: the province and the organizations right
    under it, a branch opened (HTMX), and a search through all of it."""
    from django.urls import reverse

    from dangbo.organizations.models import Organization, OrgSpan

    org = Organization.objects.get(code=province)
    client = staff_client(province)
    today = dt.date.today()
    # The child of the province with the most organizations directly under it
    children = OrgSpan.objects.filter(parent=org, valid_from__lte=today, valid_to__gte=today, merged_into__isnull=True)
    busiest = max(children, key=lambda s: OrgSpan.objects.filter(
        parent_id=s.organization_id, valid_from__lte=today, valid_to__gte=today).count())
    pages = (
        ("the tree page", reverse("organizations:tree"), {}, {}),
        (f"a branch ({busiest.organization.code})",
         reverse("organizations:children", args=[busiest.organization.code]),
         {"day": today.strftime("%d/%m/%Y")}, {"HX-Request": "true"}),
        ("a search through the tree", reverse("organizations:tree"), {"q": "xa"}, {}),
    )
    for label, url, params, headers in pages:
        samples = []
        for n in range(25):
            start = time.perf_counter()
            response = client.get(url, params, headers=headers)
            if n >= 5:
                samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        p50, p95 = percentiles(samples)
        print(f"tree of {province}, {label:<28} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
              f"{len(response.content) / 1024:5.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=50)
    parser.add_argument("--orgs", default="VN,T01,T01H01,T01H01X01")
    parser.add_argument("--province", default="T01")
    parser.add_argument("--skip", default="", help="comma-separated: reports,startup,writes,list,tree")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    os.environ.setdefault("DEBUG", "1")  # as bench_import: the static files need no collecting
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.db import connection
    from report_sql import compile_project

    from dangbo.members.models import Member

    compile_project()
    skip = set(args.skip.split(","))
    print(f"{connection.vendor}: {Member.objects.count():,} members; load average {os.getloadavg()[0]:.2f}")
    if "reports" not in skip:
        reports(args.orgs.split(","), [2022, 2025])
    if "startup" not in skip:
        start_up()
    if "writes" not in skip:
        writes(args.writes)
    if "list" not in skip:
        member_list(args.province)
    if "tree" not in skip:
        tree_page(args.province)


if __name__ == "__main__":
    main()
