"""Staff sessions end after STAFF_SESSION_MINUTES without a request; the public gets no cookie."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured

from config.env import env_int
from tests.production import ROOT, environment
from tests.test_settings import PRODUCTION, start_django

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "expected"), [("90", 90), ("1", 1), (" 480 ", 480), ("", 120)])
def test_env_int_reads_a_whole_number(monkeypatch, value, expected):
    monkeypatch.setenv("STUDIESIDE_INT", value)
    assert env_int("STUDIESIDE_INT", default=120) == expected


def test_env_int_has_a_default_when_unset(monkeypatch):
    monkeypatch.delenv("STUDIESIDE_INT", raising=False)
    assert env_int("STUDIESIDE_INT", default=120) == 120


@pytest.mark.parametrize("value", ["0", "-5", "1e2", "2.5", "ninety", "٣", "0x10", "1_000"])
def test_env_int_refuses_anything_but_digits_from_the_minimum(monkeypatch, value):
    monkeypatch.setenv("STUDIESIDE_INT", value)
    with pytest.raises(ImproperlyConfigured, match="STUDIESIDE_INT"):
        env_int("STUDIESIDE_INT", default=120)


def test_a_bad_staff_session_length_stops_the_site_at_boot():
    result = start_django(**PRODUCTION, STAFF_SESSION_MINUTES="2h")
    assert result.returncode != 0
    assert "STAFF_SESSION_MINUTES must be a whole number of at least 1; got '2h'." in result.stderr


@pytest.fixture
def editor(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    return User.objects.create_superuser("editor", "e@example.org", "a-long-test-password")


def test_a_staff_session_ends_two_hours_after_the_last_request(client, editor):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(editor)
        clock.shift(timedelta(minutes=119))
        assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=119))  # active in between: the two hours start again
        assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=121))
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_the_staff_session_length_comes_from_the_environment():
    show = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", show],
        cwd=ROOT,
        env=environment(STAFF_SESSION_MINUTES="30", LOG_LEVEL="WARNING"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "1800", result.stderr


def test_the_session_cookie_is_http_only_same_site_and_lasts_the_session_length(client, editor):
    client.post("/admin/login/", {"username": "editor", "password": "a-long-test-password"})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 7200
    assert client.cookies["csrftoken"]["samesite"] == "Lax"


@pytest.mark.parametrize("path", ["/studier/", "/en/programmes/", "/robots.txt", "/sitemap.xml"])
def test_a_public_page_sets_no_cookie(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
