"""Helpers for tests that run the production configuration for real (gunicorn subprocesses).

``prepare_database`` fills a database the way an operator would (migrate, seed, an editor);
``Browser`` is just enough of a browser for the admin over HTTP; ``start_gunicorn`` runs the
app as in production, ``environment`` is that production environment, ``get`` a raw GET.
"""

import atexit
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.services import free_port

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "k7#pQ9!vR2@xL5$wN8^zT3&bM6*hJ4(dF1)gS0-cY7+eU2=aK9",
    "ALLOWED_HOSTS": "studier.example.org,127.0.0.1",
    "SITE_URL": "https://studier.example.org",
    # Per process: a CI run and a developer's run on one machine must not share a database.
    "DATABASE_URL": f"sqlite:////tmp/studieside-deploy-{os.getpid()}.sqlite3",
}


# The cache folder of the tests' subprocesses, and of each server a folder of its own inside it
# (``start_gunicorn``); removed when the test run ends.
CACHE_ROOT = tempfile.mkdtemp(prefix="studieside-test-caches-")
atexit.register(shutil.rmtree, CACHE_ROOT, ignore_errors=True)


def environment(**overrides):
    """The production environment for a subprocess: the test run's own settings, the browser
    tests' async override and a developer's deployment knobs removed, then ``overrides``."""
    test_only = {
        *("DEBUG", "HTTPS", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"),
        *("LOG_FORMAT", "FORWARDED_ALLOW_IPS", "ADMIN_PATH", "MEDIA_ROOT", "MEDIA_S3_BUCKET"),
        *("REDIS_URL", "CACHE_DIR"),
    }
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    return {**env, **PRODUCTION, "CACHE_DIR": CACHE_ROOT, **overrides}


def start_gunicorn(**env):
    """A gunicorn process on a free loopback port, once it answers /healthz: (process, URL).

    Its cache is a folder of its own (config/cache.py) unless ``env`` names one: a server
    never starts with pages another test's server cached from another state of the database.
    """
    port = free_port()
    if "CACHE_DIR" not in env:
        env["CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=CACHE_ROOT)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=environment(**{"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1", **env}),
        # A file, not a pipe: nobody reads a pipe, and once it is full gunicorn blocks.
        stdout=(output := tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log")),
        stderr=subprocess.STDOUT,
    )
    process.log = output  # kept open; read it by name (``process.log.name``), never seek it
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):  # up to a minute on a loaded machine
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    output.seek(0)
    pytest.fail("gunicorn did not start:\n" + output.read().decode(errors="replace"))


def get(url, headers=None):
    """(status, headers, body as text) without following redirects or raising on 4xx/5xx."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(
        url, headers={"Host": "studier.example.org", **(headers or {})}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


HTTPS = {"X-Forwarded-Proto": "https"}


EDITOR = ("editor", "a-long-test-password")
PAGE_TYPE_EXAMPLES = (
    "from config.page_types import add_page_type_examples; add_page_type_examples()"
)


def prepare_database(url, examples=False):
    """Migrate ``url``, load the seed content (and the page-type examples), add a superuser."""
    create_editor = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser({EDITOR[0]!r}, 'e@example.org', {EDITOR[1]!r})"
    )
    commands = [["migrate", "--noinput", "-v0"], ["seed", "-v0"], ["shell", "-c", create_editor]]
    if examples:
        commands.append(["shell", "-c", PAGE_TYPE_EXAMPLES])
    env = environment(DATABASE_URL=url)
    for command in commands:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    return url


class Browser:
    """Just enough of a browser for the admin: cookies, CSRF token, form posts, uploads."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, data=None, files=None):
        """The page's HTML after a GET, or a POST of ``data`` (and ``files``: {name: (filename,
        bytes)}, sent as multipart/form-data)."""
        headers = {"Host": "studier.example.org", "Referer": self.base + path}
        body = None
        if files:
            body, headers["Content-Type"] = multipart(data or {}, files)
        elif data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        with self.opener.open(urllib.request.Request(self.base + path, body, headers)) as response:
            return response.read().decode()

    def csrf(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def log_in(self):
        page = self.request("/admin/login/")
        self.request(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": self.csrf(page),
                "username": EDITOR[0],
                "password": EDITOR[1],
                "next": "/admin/",
            },
        )


def multipart(data, files):
    """(body, content type) of a multipart/form-data POST."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in data.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
