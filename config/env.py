"""Strict parsers for environment variables: a typo fails at boot, not at the first request."""

import os

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
