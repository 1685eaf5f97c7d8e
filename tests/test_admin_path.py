"""ADMIN_PATH moves the admin, its "view on site" redirect and robots.txt's Disallow line."""

import importlib

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.urls import clear_url_caches

import config.urls
from config.env import env_path_segment
from tests.builders import make_programme
from tests.production import get
from tests.test_settings import PRODUCTION, start_django


@pytest.mark.parametrize(
    ("value", "path"),
    [("", "admin/"), ("kontor/", "kontor/"), (" studie-admin-2/ ", "studie-admin-2/")],
)
def test_env_path_segment_reads_one_segment(monkeypatch, value, path):
    monkeypatch.setenv("STUDIESIDE_PATH", value)
    assert env_path_segment("STUDIESIDE_PATH", default="admin/") == path


@pytest.mark.parametrize(
    "value",
    ["kontor", "/kontor/", "Kontor/", "kon tor/", "kontor//", "a/b/", "kontør/", "../", "/"],
)
def test_env_path_segment_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("STUDIESIDE_PATH", value)
    with pytest.raises(ImproperlyConfigured, match="STUDIESIDE_PATH"):
        env_path_segment("STUDIESIDE_PATH", default="admin/")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Admin/", "ADMIN_PATH must be lowercase letters, digits and hyphens ending in /"),
        ("en/", "ADMIN_PATH 'en/' is taken by the public site."),
        ("studier/", "ADMIN_PATH 'studier/' is taken by the public site."),
        ("static/", "ADMIN_PATH 'static/' is taken by the public site."),
    ],
)
def test_a_bad_admin_path_stops_the_site_at_boot(value, message):
    result = start_django(**PRODUCTION, ADMIN_PATH=value)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.fixture
def admin_at(settings):
    """Mount the admin at another path for one test, as ADMIN_PATH does at boot."""

    def move(path):
        settings.ADMIN_PATH = path
        importlib.reload(config.urls)
        clear_url_caches()

    original = settings.ADMIN_PATH
    yield move
    move(original)


@pytest.fixture
def editor(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    return User.objects.create_superuser("editor", "e@example.org", "a-long-test-password")


def test_with_admin_path_set_the_admin_answers_there_and_not_at_admin(client, admin_at, editor):
    admin_at("kontor/")
    assert client.get("/kontor/")["Location"] == "/kontor/login/?next=/kontor/"
    assert client.get("/kontor/login/").status_code == 200
    for path in ["/admin/", "/admin/login/", "/admin/programs/programme/"]:
        assert client.get(path).status_code == 404

    data = {"username": "editor", "password": "a-long-test-password"}
    assert client.post("/kontor/login/", data)["Location"] == "/kontor/"
    assert client.get("/kontor/programs/programme/").status_code == 200


def test_with_admin_path_set_view_on_site_moves_with_the_admin(client, admin_at, editor):
    admin_at("kontor/")
    programme = make_programme()
    client.force_login(editor)
    content_type = ContentType.objects.get_for_model(programme).pk
    response = client.get(f"/kontor/r/{content_type}/{programme.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(programme.get_absolute_url())
    assert client.get(f"/admin/r/{content_type}/{programme.pk}/").status_code == 404


def test_with_admin_path_set_robots_txt_disallows_it(client, admin_at, db):
    admin_at("kontor/")
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /kontor/" in lines
    assert "Disallow: /admin/" not in lines


def test_gunicorn_serves_the_admin_at_admin_path_from_the_environment(gunicorn):
    url = gunicorn(ADMIN_PATH="kontor/", HTTPS="0")
    assert get(url + "/kontor/login/")[0] == 200
    assert get(url + "/admin/login/")[0] == 404
