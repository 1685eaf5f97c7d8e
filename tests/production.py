"""Helpers for tests that run the production configuration for real (gunicorn subprocesses).

``prepare_database`` fills a database the way an operator would (migrate, seed, an editor);
``Browser`` is just enough of a browser for the admin over HTTP. tests/test_deploy.py has
``start_gunicorn``, ``environment`` and ``get``.
"""

import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request
import uuid

from tests.test_deploy import ROOT, environment

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
