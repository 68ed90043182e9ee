import secrets

import pytest

from dangbo.lib.env import weak_secret


@pytest.mark.parametrize("key", ["changeme", "SECRET_KEY", "django-insecure-abc" + "d" * 60, "x" * 49,
                                 "abababababababababababababababababababababababababab"])
def test_weak_keys_are_named(key):
    assert weak_secret(key)


def test_a_random_key_is_not_weak():
    assert weak_secret(secrets.token_urlsafe(50)) is None
