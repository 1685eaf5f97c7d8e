"""Strict parsers for environment variables: a typo fails at boot, not at the first request."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name):
    """The variable's value with surrounding whitespace removed, or "" when unset."""
    return os.environ.get(name, "").strip()


def env_flag(name, default):
    """A boolean variable; anything but 1/0, true/false, yes/no, on/off is an error."""
    if name not in os.environ:
        return default
    value = env_str(name).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_list(name):
    """A comma-separated variable as a list, empty items dropped."""
    return [item.strip() for item in env_str(name).split(",") if item.strip()]


def env_origin(name):
    """An origin such as ``https://studier.example.org`` (no path, query or user), or ""."""
    value = env_str(name).rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if not (parts and parts.scheme in {"http", "https"} and parts.hostname) or (
        parts.path or parts.query or parts.fragment or parts.username or "@" in parts.netloc
    ):
        raise ImproperlyConfigured(
            f"{name} must be an origin like https://studier.example.org; got {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"
