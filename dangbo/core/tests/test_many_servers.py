"""What lets several app servers run side by side: the Redis cache that falls back to the
process's memory, the replica that reports may read and that is left aside when it lags
or is down, and /healthz saying which."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from dangbo.core import cache as resilient
from dangbo.core import replica


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_gone(caplog):
    location = f"redis://127.0.0.1:{closed_port()}/0"
    caches_setting = {"default": {"BACKEND": "dangbo.core.cache.ResilientRedisCache", "LOCATION": location,
                                  "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    resilient._state.update(down_until=0.0, error="")
    with override_settings(CACHES=caches_setting), caplog.at_level(logging.WARNING, logger="dangbo.core.cache"):
        yield caches["default"]
    resilient._state.update(down_until=0.0, error="")


def test_without_redis_the_cache_works_in_the_process_memory_and_says_so(redis_gone, caplog):
    assert redis_gone.add("hits", 0, timeout=60)
    assert redis_gone.incr("hits") == 1
    assert redis_gone.get("hits") == 1
    redis_gone.set("progress", {"done": 5}, timeout=60)
    assert redis_gone.get("progress") == {"done": 5}
    assert resilient.redis_down()
    assert len([r for r in caplog.records if "Redis cannot be reached" in r.getMessage()]) == 1


def test_the_comment_rate_limit_still_counts_without_redis(redis_gone, settings):
    from dangbo.news import ratelimit

    settings.NEWS_COMMENT_RATE_PER_IP = (2, 600)
    assert [ratelimit.hit("ip", "10.0.0.9", "NEWS_COMMENT_RATE_PER_IP") for _ in range(3)] == [True, True, False]


def test_healthz_says_the_cache_is_down_and_keeps_answering(redis_gone, client, db):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["cache"].startswith("down")


def test_without_a_replica_everything_reads_the_primary(db):
    assert replica.ReplicaRouter().db_for_read(None) is None
    with replica.reading():
        assert replica.ReplicaRouter().db_for_read(None) is None


@pytest.fixture
def a_replica(settings, monkeypatch):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}
    settings.DATABASE_REPLICA_MAX_LAG = 30
    replica._last.update(at=-replica.CHECK_EVERY, usable=False, why="not configured")
    lag = {"seconds": 0.0}

    def lag_seconds():
        if lag["seconds"] is None:
            raise OSError("connection refused")
        return lag["seconds"]

    monkeypatch.setattr(replica, "lag_seconds", lag_seconds)
    yield lag
    replica._last.update(at=-replica.CHECK_EVERY, usable=False, why="not configured")


def test_reports_read_the_replica_while_it_keeps_up(a_replica, caplog):
    router = replica.ReplicaRouter()
    assert router.db_for_read(None) is None  # outside a report: the primary
    with replica.reading():
        assert router.db_for_read(None) == "replica"
    assert router.db_for_write(None) is None


def test_a_reports_own_sql_reads_where_the_router_says(a_replica, monkeypatch):
    from django.db.utils import ConnectionRouter

    # As settings.py sets them up when DATABASE_REPLICA_URL is given
    monkeypatch.setattr(replica, "router", ConnectionRouter([replica.ReplicaRouter()]))
    monkeypatch.setattr(replica, "connections", {"default": "the primary", "replica": "the replica"})
    assert replica.read_connection() == "the primary"
    with replica.reading():
        assert replica.read_connection() == "the replica"
        a_replica["seconds"] = 95.0
        replica.status(fresh=True)
        assert replica.read_connection() == "the primary"


def test_a_lagging_or_dead_replica_is_left_aside_and_logged(a_replica, caplog):
    router = replica.ReplicaRouter()
    with caplog.at_level(logging.WARNING, logger="dangbo.core.replica"):
        a_replica["seconds"] = 95.0
        assert replica.status(fresh=True) == (False, "lagging 95 s (more than 30 s)")
        with replica.reading():
            assert router.db_for_read(None) is None
        a_replica["seconds"] = None
        usable, why = replica.status(fresh=True)
        assert not usable and why.startswith("down (OSError")
        a_replica["seconds"] = 0.0
        assert replica.status(fresh=True) == (True, "")
    messages = [r.getMessage() for r in caplog.records]
    assert any("lagging 95 s" in m for m in messages) and any("down (OSError" in m for m in messages)
    assert any("used again" in m for m in messages)


def test_the_local_cache_is_the_default_without_redis():
    assert type(caches["default"]).__name__ == "LocMemCache"
