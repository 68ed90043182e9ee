"""Fixed-window counters in Django's cache (LocMemCache by default: per process, which is
enough to slow a flood down; a shared cache makes the limits exact across workers)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULTS = {
    # (how many, per how many seconds)
    "NEWS_COMMENT_RATE_PER_IP": (5, 600),
    "NEWS_COMMENT_RATE_PER_ARTICLE": (30, 600),
    # Diacritics suggestions while typing: one request per pause in the typing.
    "NEWS_SUGGEST_RATE_PER_IP": (120, 60),
}


def rate(name: str) -> tuple[int, int]:
    value = getattr(settings, name, DEFAULTS[name])
    count, seconds = value
    return int(count), int(seconds)


def hit(scope: str, key: str, setting: str) -> bool:
    """Count one event; False when the limit of the current window is already reached."""
    limit, window = rate(setting)
    cache_key = "news-rate:" + hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
