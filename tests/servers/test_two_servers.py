"""Two app servers on one PostgreSQL and one Redis (both started here): a person's
session and the comment rate limit hold across both; with Redis gone both keep serving,
fall back to their own memory for the rate limits, and say so in /healthz."""

import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two servers share one PostgreSQL database"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port: int, method: str, path: str, body: str | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def wait_until_up(port: int) -> None:
    for _ in range(150):
        try:
            if call(port, "GET", "/healthz")[0].status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the server on port {port} did not start")


@pytest.fixture
def redis_server(tmp_path):
    if not Path(REDIS).exists():
        if os.environ.get("CI"):
            pytest.fail("redis-server is required (.ci/run installs it)")
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, start_new_session=True,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield process, port
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def servers(transactional_db, redis_server, tmp_path):
    """Two gunicorns (one worker each) on the test database and the Redis above."""
    settings_dict = connection.settings_dict
    database = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
    _process, redis_port = redis_server
    env = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "two-servers-test-key",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DANGBO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": database,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DJANGO_SETTINGS_MODULE": "dangbo.settings",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    ports, processes = [free_port(), free_port()], []
    try:
        for port in ports:
            processes.append(subprocess.Popen(
                [gunicorn, "dangbo.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--log-level", "warning"],
                env=env, cwd=ROOT, start_new_session=True,
            ))
        for port in ports:
            wait_until_up(port)
        yield ports
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)


def published_article() -> str:
    import zoneinfo

    from dangbo.news.demo import ensure_demo_article

    article = ensure_demo_article(
        organization=None, title="Đảng bộ xã đoàn kết thực hiện nhiệm vụ năm 2025",
        lead="Năm 2025, Đảng bộ xã hoàn thành các chỉ tiêu đề ra.", body_html="<p>Nội dung bài viết.</p>",
        published_at=dt.datetime(2026, 1, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    return f"/tin-tuc/{article.slug}/"


def comment(port: int, path: str, n: int, csrf: tuple[str, str]) -> int:
    cookie, token = csrf
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "name": f"Bạn đọc {n}", "contact": "",
                                   "text": f"Bài viết số {n} rất hay, cảm ơn tác giả.", "website": ""})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    return call(port, "POST", path, body, headers)[0].status


def test_two_servers_share_sessions_and_rate_limits_and_survive_redis(servers, redis_server, cast):
    a, b = servers
    path = published_article()
    # The servers check passwords with the default hashers (the tests' fast one is not among them).
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    cast.alice.password = hasher.encode(cast.password, hasher.salt(), iterations=1000)
    cast.alice.save(update_fields=["password"])

    # A session opened on one server is known to the other.
    response, page = call(a, "GET", "/accounts/login/")
    csrf_cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "alice", "password": cast.password})
    response, _ = call(a, "POST", "/accounts/login/", body,
                       {"Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf_cookie})
    assert response.status == 302
    session = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") if c.startswith("sessionid")][0]
    assert call(b, "GET", "/", headers={"Cookie": session})[0].status == 200

    # Five comments an address per ten minutes, counted across both servers.
    response, page = call(a, "GET", path)
    csrf = (response.getheader("Set-Cookie").split(";")[0],
            re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode())
    statuses = [comment((a, b)[n % 2], path, n, csrf) for n in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 200]

    health = json.loads(call(b, "GET", "/healthz")[1])
    assert health == {"status": "ok", "database": "ok", "cache": "ok", "replica": "not configured"}

    # Redis goes away: pages are served, each server counts in its own memory.
    process, _port = redis_server
    process.terminate()
    process.wait(timeout=10)
    assert call(a, "GET", "/", headers={"Cookie": session})[0].status == 200
    assert call(b, "GET", path)[0].status == 200
    assert comment(a, path, 10, csrf) == 302
    response, data = call(a, "GET", "/healthz")
    health = json.loads(data)
    assert response.status == 200 and health["status"] == "degraded" and health["cache"].startswith("down")
