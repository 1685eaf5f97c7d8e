"""Settings come from the environment, are parsed strictly, and refuse unsafe production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_flag, env_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("On", True), ("0", False), ("", False)]
)
def test_env_flag_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("STUDIESIDE_FLAG", value)
    assert env_flag("STUDIESIDE_FLAG", default=None) is expected


def test_env_flag_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("STUDIESIDE_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="STUDIESIDE_FLAG"):
        env_flag("STUDIESIDE_FLAG", default=False)


def test_env_list_drops_empty_items(monkeypatch):
    monkeypatch.setenv("STUDIESIDE_LIST", " a.example, ,b.example,")
    assert env_list("STUDIESIDE_LIST") == ["a.example", "b.example"]


def start_django(**env):
    """Import the settings in a fresh process with only ``env`` set; returns the result."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY and ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"),
    ],
)
def test_it_refuses_to_start_without_secrets_when_debug_is_off(env, missing):
    result = start_django(**env)
    assert result.returncode != 0
    assert f"DEBUG is off: set {missing} in the environment." in result.stderr


def test_it_starts_with_secrets_or_in_debug():
    assert start_django(SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org").returncode == 0
    assert start_django(DEBUG="1").returncode == 0


@pytest.mark.parametrize("entry", ["manage.py check", "config.wsgi"])
def test_the_refusal_is_one_clear_line(entry):
    command = ["manage.py", "check"] if entry == "manage.py check" else ["-c", "import config.wsgi"]
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    result = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    missing = "DEBUG is off: set SECRET_KEY and ALLOWED_HOSTS in the environment."
    assert result.stderr.strip().splitlines() == [f"Studieside cannot start: {missing}"]
