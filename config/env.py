"""Strict parsers for environment variables: a typo fails at boot, not at the first request."""

import os
import re
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


def env_int(name, default, minimum=1):
    """A whole number of at least ``minimum`` written in digits only ("90", not "1e2" or "-5")."""
    value = env_str(name)
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}; got {value!r}."
        )
    return int(value)


def env_path_segment(name, default):
    """One URL path segment ending in "/" such as ``admin/``: lowercase letters, digits and
    hyphens only, so it needs no escaping in a URL pattern, robots.txt or a log."""
    value = env_str(name) or default
    if not re.fullmatch(r"[a-z0-9-]+/", value):
        raise ImproperlyConfigured(
            f"{name} must be lowercase letters, digits and hyphens ending in /, such as "
            f"{default!r}; got {value!r}."
        )
    return value
