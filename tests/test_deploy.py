"""The production configuration, run for real: check --deploy, gunicorn, probes, faults."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.production import HTTPS, PRODUCTION, ROOT, environment, get
from tests.services import free_port

DATABASE_DOWN = "postgres://postgres@127.0.0.1:1/studieside"  # nothing listens on port 1


@pytest.fixture(scope="module", autouse=True)
def _remove_the_deploy_database():
    yield
    Path(PRODUCTION["DATABASE_URL"].removeprefix("sqlite:///")).unlink(missing_ok=True)


def test_check_deploy_finds_nothing_in_the_production_configuration():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/studier/", "nb", "Midlertidig utilgjengelig"),
        ("/en/programmes/", "en", "Temporarily unavailable"),
        ("/en/programmes/anything/", "en", "Temporarily unavailable"),
    ],
)
def test_with_the_database_down_pages_answer_503_in_the_readers_language(
    gunicorn, path, lang, heading
):
    url = gunicorn(DATABASE_URL=DATABASE_DOWN)
    status, headers, body = get(url + path, HTTPS)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "no-store" in headers["Cache-Control"]  # from a view's query or from middleware's
    assert f'<html lang="{lang}">' in body and f"<h1>{heading}</h1>" in body
    assert "Traceback" not in body


def test_probes_tell_the_process_is_up_but_not_ready_without_the_database(gunicorn):
    url = gunicorn(DATABASE_URL=DATABASE_DOWN)
    assert get(url + "/healthz")[0] == 200
    status, headers, _ = get(url + "/readyz")
    assert status == 503
    assert headers["Cache-Control"] == "no-store"


def test_probes_answer_any_host_over_plain_http(gunicorn):
    url = gunicorn()
    status, headers, body = get(url + "/readyz", {"Host": "10.0.0.7:8000"})
    assert (status, body) == (200, "ready\n")
    # The security headers every other response carries; HSTS only over HTTPS.
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers


def test_plain_http_is_redirected_to_https_with_hsts(gunicorn):
    url = gunicorn()
    status, headers, _ = get(url + "/studier/")
    assert status == 301 and headers["Location"] == "https://studier.example.org/studier/"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment(),
        check=True,
        timeout=120,
    )
    status, headers, _ = get(url + "/studier/", HTTPS)
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]


def test_access_and_application_logs_are_json_lines():
    """gunicorn's access log and Django's log, one JSON object a line on stdout."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=environment(BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1", DATABASE_URL=DATABASE_DOWN),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                if get(f"http://127.0.0.1:{port}/readyz")[0] == 503:
                    break
            except OSError:  # not listening yet
                time.sleep(0.1)
    finally:
        process.terminate()
    records = [json.loads(line) for line in process.stdout if line.startswith("{")]
    access = [r for r in records if r.get("path") == "/readyz"]
    assert access and access[0]["status"] == 503
    assert any(r.get("message") == "readyz: the database cannot be reached" for r in records)


CACHE_CHECK = (
    "import django; django.setup(); from django.core.cache import cache; "
    "cache.set('studieside-check', 'yes', 30); print(cache.get('studieside-check'))"
)


@pytest.mark.parametrize(
    ("redis_url", "printed"),
    [
        ("{server}/15", "yes"),  # the suite's throwaway Redis (tests/services.py)
        ("redis://127.0.0.1:1/0", "None"),  # nothing listens: a miss, not an error
    ],
)
def test_the_cache_uses_redis_and_shrugs_off_a_redis_that_is_down(redis_url, printed, redis_server):
    redis_url = redis_url.format(server=redis_server.url)
    result = subprocess.run(
        [sys.executable, "-c", CACHE_CHECK],
        cwd=ROOT,
        env={**environment(REDIS_URL=redis_url), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


def test_pages_are_served_with_redis_down(gunicorn):
    url = gunicorn(REDIS_URL="redis://127.0.0.1:1/0")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment(),
        check=True,
        timeout=120,
    )
    assert get(url + "/en/programmes/", HTTPS)[0] == 200


def dockerfile_commands():
    """The shell of the image's build RUN after ``COPY . .``, and its HEALTHCHECK command."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = text.splitlines()
    build = next(line for line in lines[lines.index("COPY . .") :] if line.startswith("RUN "))
    health = next(line for line in lines if line.startswith("HEALTHCHECK"))
    return build.removeprefix("RUN ").replace("/venv/bin/", ""), health


def test_the_images_build_commands_work_outside_docker():
    build, _health = dockerfile_commands()
    venv_bin = str(Path(sys.executable).parent)
    result = subprocess.run(
        build,
        shell=True,
        cwd=ROOT,
        env={**environment(), "PATH": f"{venv_bin}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (ROOT / "locale/nb/LC_MESSAGES/django.mo").exists()
    assert (ROOT / "staticfiles/staticfiles.json").exists()


def test_the_images_healthcheck_passes_against_gunicorn(gunicorn):
    _build, health = dockerfile_commands()
    url = gunicorn()
    probe = (
        health.split('"-c", ')[1].split('"]')[0].strip('"').replace("http://127.0.0.1:8000", url)
    )
    assert subprocess.run([sys.executable, "-c", probe], timeout=30).returncode == 0


def test_static_files_are_fingerprinted_compressed_and_cached_for_a_year(gunicorn):
    manifest = json.loads((ROOT / "staticfiles/staticfiles.json").read_text())["paths"]
    hashed = manifest["css/base.css"]
    assert hashed != "css/base.css"
    url = gunicorn()
    request = urllib.request.Request(
        f"{url}/static/{hashed}",
        headers={"Host": "studier.example.org", "Accept-Encoding": "gzip", **HTTPS},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        headers = response.headers
    assert (
        "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    )
    assert headers["Content-Encoding"] == "gzip"
