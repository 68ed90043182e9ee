"""Deployment: security headers on every answer, no inline script or style for the
Content-Security-Policy to block, a weak SECRET_KEY refused at start-up, and the
production profile clean under `dangbo check --deploy`."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("who, url", [
    (None, "accounts:login"), (None, "news:list"), ("alice", "core:dashboard"), ("alice", "members:list"),
])
def test_every_answer_carries_the_security_headers(client, cast, who, url):
    if who:
        client.force_login(getattr(cast, who))
    response = client.get(reverse(url))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


# A report written to a file by `dangbo report annual --format html` holds its own CSS
# and script on purpose: it is opened from the disk, never served.
NOT_SERVED = {"reports/templates/reports/standalone.html"}


def test_no_served_template_has_inline_scripts_handlers_or_styles():
    offenders = []
    for path in (ROOT / "dangbo").rglob("*.html"):
        relative = str(path.relative_to(ROOT / "dangbo"))
        if relative in NOT_SERVED:
            continue
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", r"\son[a-z]+\s*=",
                        r"\sstyle\s*=", r"<style", r"javascript:"):
            offenders += [f"{relative}: {m.group()}" for m in re.finditer(pattern, text)]
    assert offenders == []


def run_settings(env: dict, *command: str) -> subprocess.CompletedProcess:
    # Not this process's own settings (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    ours = ("SECRET_KEY", "DEBUG", "HTTPS", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run([sys.executable, "-m", "django", *command], cwd=ROOT, capture_output=True, text=True,
                          env={**base, "DJANGO_SETTINGS_MODULE": "dangbo.settings", **env}, timeout=120)


@pytest.mark.parametrize("key", ["changeme", "django-insecure-" + "x" * 50, "short-key", "ab" * 40])
def test_start_up_refuses_a_weak_secret_key_without_debug(key, tmp_path):
    done = run_settings({"DEBUG": "0", "SECRET_KEY": key, "DANGBO_VAR_DIR": str(tmp_path)}, "check")
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr and key not in done.stderr


def test_the_production_profile_is_clean_under_check_deploy(tmp_path):
    env = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "dangbo.example.vn",
           "DANGBO_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    done = run_settings(env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_make_serve_on_plain_http_is_the_only_profile_with_those_warnings(tmp_path):
    """`make serve` runs without TLS on 127.0.0.1: HTTPS=0 turns off what needs it."""
    env = {"DEBUG": "0", "HTTPS": "0", "ALLOWED_HOSTS": "127.0.0.1", "DANGBO_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    done = run_settings(env, "check", "--deploy")
    found = set(re.findall(r"security\.W\d+", done.stdout + done.stderr))
    assert found == {"security.W004", "security.W008", "security.W012", "security.W016"}


def test_a_body_larger_than_an_upload_is_refused_before_it_is_read(client, cast, settings):
    client.force_login(cast.alice)
    declared = settings.DANGBO_MAX_UPLOAD_BYTES + 2 * 2**20
    response = client.post(reverse("interchange:import"), {"x": "1"}, CONTENT_LENGTH=str(declared))
    assert response.status_code == 413
    assert "MB" in response.content.decode()
    assert response["Content-Security-Policy"]
    small = client.get(reverse("interchange:import"))
    assert small.status_code == 200
