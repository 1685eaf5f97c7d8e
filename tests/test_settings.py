"""Settings come from the environment, are parsed strictly, and refuse unsafe production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_flag, env_list, env_origin

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


SECRETS = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"}
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org", "SITE_URL": "https://e.org"}


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://Studier.Example.org/", "https://studier.example.org"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("", ""),
    ],
)
def test_env_origin_reads_an_origin(monkeypatch, value, origin):
    monkeypatch.setenv("STUDIESIDE_ORIGIN", value)
    assert env_origin("STUDIESIDE_ORIGIN") == origin


@pytest.mark.parametrize(
    "value",
    ["studier.example.org", "ftp://e.org", "https://e.org/studier", "https://u@e.org",
     "https://e.org?x=1", "https://e.org:port", "https://"],
)  # fmt: skip
def test_env_origin_refuses_anything_but_an_origin(monkeypatch, value):
    monkeypatch.setenv("STUDIESIDE_ORIGIN", value)
    with pytest.raises(ImproperlyConfigured, match="STUDIESIDE_ORIGIN"):
        env_origin("STUDIESIDE_ORIGIN")


def start_django(**env):
    """Import the settings in a fresh process with only ``env`` set; returns the result."""
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
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
        ({}, "SECRET_KEY, ALLOWED_HOSTS and SITE_URL"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}, "SITE_URL"),
        ({"SECRET_KEY": "x" * 50, "SITE_URL": "https://e.org"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY and SITE_URL"),
    ],
)
def test_it_refuses_to_start_without_secrets_when_debug_is_off(env, missing):
    result = start_django(**env)
    assert result.returncode != 0
    assert f"DEBUG is off: set {missing} in the environment." in result.stderr


def test_it_starts_with_secrets_or_in_debug():
    assert start_django(**PRODUCTION).returncode == 0
    assert start_django(DEBUG="1").returncode == 0


@pytest.mark.parametrize("entry", ["manage.py check", "config.wsgi"])
def test_the_refusal_is_one_clear_line(entry):
    command = ["manage.py", "check"] if entry == "manage.py check" else ["-c", "import config.wsgi"]
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    result = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    missing = "DEBUG is off: set SECRET_KEY, ALLOWED_HOSTS and SITE_URL in the environment."
    assert result.stderr.strip().splitlines() == [f"Studieside cannot start: {missing}"]
