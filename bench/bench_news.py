"""The public article page (target p95 ≤ 50 ms) and comment submission (≤ 100 ms)
against the production-like server: gunicorn with 2 workers, DEBUG off, static files
collected and served by WhiteNoise, as `make serve` runs it.

Everything is throwaway: a temporary SQLite database with the demo article, a gunicorn
on a free loopback port, stopped at the end. The comment rate limits are lifted in a
temporary settings module (the bench is one address sending hundreds of comments).
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PAGE_REQUESTS = 500
COMMENTS = 200
WARMUP = 20

SETUP = """
import datetime as dt, zoneinfo
import django
django.setup()
from dangbo.news.demo import ensure_demo_article
body = "".join(f"<p>Đoạn {n}: Đảng bộ huyện coi trọng công tác giáo dục chính trị, tư tưởng, "
               "phát huy vai trò nêu gương của cán bộ, đảng viên.</p>" for n in range(1, 9))
a = ensure_demo_article(
    organization=None, title="Đảng bộ Thanh Hà đoàn kết, sáng tạo thực hiện nhiệm vụ then chốt",
    lead="Năm 2022, Đảng bộ Thanh Hà đã đoàn kết, sáng tạo, hoàn thành nhiều chỉ tiêu đề ra.",
    body_html=body, caption="Thanh Hà - quê hương vải thiều",
    published_at=dt.datetime(2023, 1, 25, 11, 40, 14, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")))
from dangbo.news import services
for n in range(20):
    c = services.submit_comment(article=a, name=f"Người đọc {n}", contact="", text="Bài viết rất hay, cảm ơn tác giả.",
                                ip=f"10.0.0.{n}")
    services.moderate(comment=c, status="APPROVED", by=None)
print(a.slug)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: str | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        start = time.perf_counter()
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        return response, data, elapsed
    finally:
        conn.close()


def summary(label: str, times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label}: n={len(times)} p50={p50:.1f} ms p95={p95:.1f} ms max={times[-1]:.1f} ms")
    return p50, p95


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-bench-news-"))
    (tmp / "bench_news_settings.py").write_text(
        textwrap.dedent(
            """
            from dangbo.settings import *  # noqa: F403
            NEWS_COMMENT_RATE_PER_IP = (10**6, 600)
            NEWS_COMMENT_RATE_PER_ARTICLE = (10**6, 600)
            """
        )
    )
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),  # start-up refuses a short one without DEBUG
        "HTTPS": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DANGBO_VAR_DIR": str(tmp),
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "bench_news_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
    }
    server = None
    try:
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([PYTHON, "-m", "django", *command], env=env, cwd=ROOT, check=True)
        slug = subprocess.run(
            [PYTHON, "-c", SETUP], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip().splitlines()[-1]
        port = free_port()
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        server = subprocess.Popen(
            [gunicorn, "dangbo.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"],
            env=env, cwd=ROOT, start_new_session=True,
        )
        path = f"/tin-tuc/{slug}/"
        for _ in range(100):
            try:
                if request(port, "GET", "/healthz")[0].status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            print("the server did not start")
            return 1

        for _ in range(WARMUP):
            request(port, "GET", path)
        page_times = []
        for _ in range(PAGE_REQUESTS):
            response, data, ms = request(port, "GET", path)
            assert response.status == 200 and "THỨ TƯ, 25/01/2023 11:40:14".encode() in data
            page_times.append(ms)

        response, data, _ms = request(port, "GET", path)
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        comment_times = []
        for n in range(COMMENTS):
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "name": f"Bạn đọc {n}", "contact": "",
                 "text": f"Bài viết số {n} rất hay, cảm ơn tác giả.", "website": ""}
            )
            response, _data, ms = request(port, "POST", path, body, headers)
            assert response.status == 302, response.status
            comment_times.append(ms)

        _p50, page_p95 = summary(f"GET {path[:40]}…", page_times)
        _p50, comment_p95 = summary("POST comment", comment_times)
        ok = page_p95 <= 50 and comment_p95 <= 100
        print("targets (page p95 ≤ 50 ms, comment p95 ≤ 100 ms):", "met" if ok else "NOT met")
        return 0  # figures are reported, not enforced (like the other benches): a busy machine is not a bug
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
