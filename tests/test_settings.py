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


def sqlite_connection(path, options):
    """A connection of Django's SQLite backend to the file ``path``, outside the test
    database."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "TEST": {},
        }
    )


def save_read_then_write(connection, started, hold=0.0):
    """A save as Django makes one: a transaction that reads the row, then writes it."""
    import time

    connection.ensure_connection()
    # What transaction.atomic() does: BEGIN, or BEGIN IMMEDIATE with the site's options.
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        started.set()
        time.sleep(hold)
        cursor.execute("UPDATE counter SET n = n + 1")
    connection.commit()
    connection.set_autocommit(True)


@pytest.mark.parametrize(("options", "both_saved"), [("site", True), ("deferred", False)])
def test_two_saves_at_once_on_sqlite_wait_for_each_other(
    tmp_path, options, both_saved, django_db_blocker
):
    """Two editors saving at the same moment on SQLite: the second got "database is locked"
    at once (a 503, its save lost), whatever the timeout, when both had read before writing."""
    import sqlite3
    import threading

    from config.settings import SQLITE_OPTIONS

    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE counter (n INTEGER)")
        setup.execute("INSERT INTO counter VALUES (0)")
    chosen = SQLITE_OPTIONS if options == "site" else {"timeout": 20}
    started, failures = threading.Event(), []

    def run(hold, wait_for=None):
        connection = sqlite_connection(path, chosen)  # one a thread, as Django has them
        if wait_for:
            wait_for.wait(5)
        try:
            save_read_then_write(connection, threading.Event() if wait_for else started, hold)
        except Exception as error:  # the backend's OperationalError: "database is locked"
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(0.5,)),
        threading.Thread(target=run, args=(0.0, started)),
    ]
    with django_db_blocker.unblock():  # connections of their own, not the test database
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    with sqlite3.connect(path) as check:
        saved = check.execute("SELECT n FROM counter").fetchone()[0]
    assert (saved == 2 and not failures) == both_saved, (saved, failures)
