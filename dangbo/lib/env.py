"""Typed readers for settings that come from the environment.

Each reader fails loudly, naming the variable, when a value cannot be understood:
a typo in a deployment must stop start-up, not silently fall back to a default.
"""

import os
import secrets
from pathlib import Path


class SettingError(Exception):
    """A setting in the environment has a value that cannot be used."""


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingError(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name}={value!r}: expected a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret_key(path: Path) -> str:
    """A random secret kept in a file readable by its owner only, created when missing."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


# Keys that circulate in tutorials, examples and generated settings files.
KNOWN_KEYS = {"secret", "secret_key", "changeme", "change-me", "change_me", "dangbo", "django", "password",
              "notsecret", "insecure", "development", "dev", "test", "example"}


def weak_secret(key: str) -> str | None:
    """Why `key` is too weak to sign sessions in production, or None when it is not."""
    lowered = key.lower()
    if lowered.startswith("django-insecure") or lowered.strip("-_ ") in KNOWN_KEYS:
        return "it is a default or example key"
    if len(key) < 50:
        return f"it has {len(key)} characters, fewer than 50"
    if len(set(key)) < 10:
        return "it repeats too few different characters"
    return None
