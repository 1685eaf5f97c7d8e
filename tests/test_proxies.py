"""Only the load balancer may say a request came over HTTPS (FORWARDED_ALLOW_IPS)."""

import pytest

from tests.test_logs import request, send

ROBOTS = b"/robots.txt"  # a page that needs no database
HTTPS = b"X-Forwarded-Proto: https"


@pytest.fixture
def port(gunicorn, tmp_path):
    """gunicorn in the production configuration: HTTPS on, FORWARDED_ALLOW_IPS at its default
    (empty is the default, 127.0.0.1)."""
    url = gunicorn(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", FORWARDED_ALLOW_IPS="")
    return int(url.rsplit(":", 1)[1])


def test_https_from_the_trusted_proxy_is_believed(port):
    status, headers, _ = send(port, request(ROBOTS, HTTPS), source="127.0.0.1")
    assert status == 200
    # Django's SecurityMiddleware sends HSTS only on a request it holds to be secure.
    assert "max-age=31536000" in headers["strict-transport-security"]


@pytest.mark.parametrize(
    ("source", "header_lines"),
    [
        ("127.0.0.2", [HTTPS]),  # anyone else: the header is ignored
        ("127.0.0.2", [HTTPS, b"X-Forwarded-Ssl: on", b"X-Forwarded-Protocol: ssl"]),
        ("127.0.0.1", []),  # the proxy itself, over plain http
        ("127.0.0.1", [b"X-Forwarded-Proto: https, http"]),  # a list is not "https"
        ("127.0.0.1", [b"X-Forwarded-Ssl: on"]),  # not a header our proxy sets
    ],
)
def test_anything_else_is_plain_http_and_redirected_to_https(port, source, header_lines):
    status, headers, _ = send(port, request(ROBOTS, *header_lines), source=source)
    assert status == 301
    assert headers["location"].startswith("https://")
    assert headers["location"].endswith("/robots.txt")
    assert "strict-transport-security" not in headers
