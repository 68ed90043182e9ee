"""Many people at once on the national set (issue 19): Locust, headless, on loopback,
bounded in time, against gunicorn on the database of DATABASE_URL (loaded by
bench/generate_national.py), with Redis as the shared cache when `redis-server` is there.

    DATABASE_URL=postgres://… .venv/bin/python bench/bench_load.py [--users 10,50,200] [--seconds 60]

Committee staff of a few provinces (bench/locust_national.py): the dashboard, the member
search, a member's page, a report page (the province, one of its former districts, one
of its communes). p50/p95 and errors per page and number of people, for docs/benchmarks.md.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# A key of its own each run: start-up refuses a short or known one without DEBUG (issue 21).
SECRET = secrets.token_urlsafe(50)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(path: Path, provinces: list[str]) -> None:
    """Staff, their sessions, members to open and reports to read, into `path` (JSON)."""
    import datetime as dt

    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from dangbo.accounts.models import User
    from dangbo.members.models import MembershipSpan
    from dangbo.organizations.models import Organization, OrgSpan
    from dangbo.organizations.selectors import subtree_ids

    today = dt.date.today()
    staff = []
    for code in provinces:
        org = Organization.objects.get(code=code)
        for n in range(5):
            user, _created = User.objects.get_or_create(
                username=f"load-{code.lower()}-{n}", defaults={"role": User.Role.COMMITTEE_STAFF, "organization": org}
            )
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            if n == 0:  # the members they open: the province's first 2,000 (all of them when fewer)
                members = list(MembershipSpan.objects.filter(
                    valid_from__lte=today, valid_to__gte=today, organization_id__in=subtree_ids(org, today)
                ).values_list("member__code", flat=True)[:2000])
            district = OrgSpan.objects.filter(parent=org, organization__code__contains="H").values_list(
                "organization__code", flat=True).first()
            commune = OrgSpan.objects.filter(parent=org, valid_to__gte=today,
                                             organization__kind="GRASSROOTS_COMMITTEE").values_list(
                "organization__code", flat=True).first()
            district = district or Organization.objects.filter(code__startswith=f"{code}H").values_list(
                "code", flat=True).first()
            reports = [(code, 2025), (code, 2022), (district, 2024), (commune, 2025)]
            staff.append({"province": code, "session": session.session_key, "members": members,
                          "reports": [r for r in reports if r[0]]})
    terms = ["nguyen van", "tran thi", "le minh", "pham", "hoang thu", "bui quang", "do hai", "ngo lan", "duong",
             "vu ngoc an", "0000"]
    path.write_text(json.dumps({"staff": staff, "terms": terms}), encoding="utf-8")


def get(url: str, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()
        return response.status


def run_locust(host: str, users: int, seconds: int, data: Path, out: Path) -> list[dict]:
    prefix = out / f"users{users}"
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locust_national.py"), "--headless", "-u", str(users),
         "-r", str(max(1, users // 5)), "--run-time", f"{seconds}s", "--host", host, "--csv", str(prefix),
         "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "30"],
        env={**os.environ, "DANGBO_LOAD_DATA": str(data)}, check=False,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", default="10,50,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--provinces", default="T01,T14,T26")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-load-"))
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": SECRET, "SECURE_COOKIES": "0", "HTTPS": "0",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "DANGBO_VAR_DIR": str(tmp),
           "DJANGO_SETTINGS_MODULE": "dangbo.settings"}
    processes = []
    try:
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        if Path(redis).exists():
            redis_port = free_port()
            processes.append(subprocess.Popen([redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                               "--appendonly", "no", "--dir", str(tmp)],
                                              stdout=subprocess.DEVNULL, start_new_session=True))
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        os.environ.update(env)
        data = tmp / "load.json"
        prepare(data, args.provinces.split(","))
        subprocess.run([str(BIN / "dangbo"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
        port = free_port()
        processes.append(subprocess.Popen(
            [str(BIN / "gunicorn"), "dangbo.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
             "--threads", str(args.threads), "--timeout", "300", "--log-level", "warning",
             # longer than the people's pauses (1–3 s): with gunicorn's 2 s a connection the
             # client is about to reuse is closed under it ("connection reset by peer")
             "--keep-alive", "10"],
            env=env, cwd=ROOT, start_new_session=True))
        host = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if get(f"{host}/healthz") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        staff = json.loads(data.read_text(encoding="utf-8"))["staff"]
        started = time.perf_counter()
        for person in {s["province"]: s for s in staff}.values():  # the worklist counts, once per province
            get(f"{host}/", f"sessionid={person['session']}")
        print(f"warm-up (each province's dashboard once): {time.perf_counter() - started:.1f} s")
        print(f"\n{'users':>5}  {'page':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}")
        for users in [int(u) for u in args.users.split(",")]:
            load = os.getloadavg()[0]
            for row in run_locust(host, users, args.seconds, data, tmp):
                print(f"{users:>5}  {row['Name']:<14}{int(row['Request Count']):>9}{int(row['Failure Count']):>8}"
                      f"{row['50%']:>9}{row['95%']:>9}{float(row['Requests/s']):>8.1f}")
            print(f"       (load average before this run: {load:.2f})")
        return 0
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
