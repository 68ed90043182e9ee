"""The shared cache of several app servers: Redis, and when Redis cannot be reached, the
process's own memory, so that the app keeps serving (docs/scaling.md).

What lives in the cache can be lost without harm: the rate limits' counters (a little
looser, per process, while Redis is down), the import progress bars, the copy of the
sessions kept in front of the database (`cached_db`). Each failure is logged, Redis is
left alone for `RETRY` seconds, and `/healthz` says so.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY = 10.0  # seconds without trying Redis after a failure
_state = {"down_until": 0.0, "error": ""}
_lock = threading.Lock()


def _failed(exc: Exception) -> None:
    with _lock:
        first = time.monotonic() >= _state["down_until"]
        _state["down_until"] = time.monotonic() + RETRY
        _state["error"] = f"{type(exc).__name__}: {exc}"
    if first:
        logger.warning("Redis cannot be reached (%s): using this process's memory for %.0f s", exc, RETRY)


def redis_down() -> str:
    """Why Redis was left alone, while it is; "" when it is in use."""
    return _state["error"] if time.monotonic() < _state["down_until"] else ""


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, falling back to a local memory cache while Redis fails."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache("dangbo-redis-fallback", {"TIMEOUT": params.get("TIMEOUT", 300)})

    def _call(self, name: str, *args, **kwargs):
        from redis.exceptions import RedisError

        if time.monotonic() >= _state["down_until"]:
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except RedisError as exc:
                _failed(exc)
            else:
                _state["error"] = ""
                return result
        return getattr(self._local, name)(*args, **kwargs)

    def ping(self) -> str:
        """"ok", or what went wrong (for /healthz: tries Redis even while it is left alone)."""
        from redis.exceptions import RedisError

        try:
            self._cache.get_client(write=True).ping()
        except RedisError as exc:
            _failed(exc)
            return _state["error"]
        with _lock:
            _state["down_until"], _state["error"] = 0.0, ""
        return "ok"

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")
