"""Every absolute URL the site writes is on SITE_URL, whatever the request's headers say.

Run for real with gunicorn in the production configuration: forged Host ports and forwarded
headers must not reach a canonical link, the sitemap or a feed, or a shared cache would
publish them to everyone (issue 17).
"""

import re

import pytest

from config.page_types import by_language
from tests.production import PRODUCTION, get, prepare_database

SITE_URL = PRODUCTION["SITE_URL"]  # https://studier.example.org
FORGED = [
    {"Host": "studier.example.org:6666"},
    {"X-Forwarded-Host": "evil.example", "X-Forwarded-Port": "6666"},
    {"Forwarded": "for=1.2.3.4;host=evil.example;proto=http"},
    {"X-Forwarded-Proto": "https, http"},
]
URL = re.compile(r"""https?://[^\s"'<>]+""")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("site-url") / "db.sqlite3"
    return prepare_database(f"sqlite:///{path}", examples=True)


PATHS = [url for url, _language, _status in by_language(pages_only=False)]
PATHS += ["/sitemap.xml", "/robots.txt"]


@pytest.mark.parametrize("forged", FORGED, ids=lambda h: ",".join(h))
def test_forged_headers_leave_every_absolute_url_on_site_url(gunicorn, server, forged):
    url = gunicorn(DATABASE_URL=server)
    found = 0
    for path in PATHS:
        status, headers, body = get(url + path, {"X-Forwarded-Proto": "https", **forged})
        assert status < 500, path
        text = body + headers.get("Location", "")
        assert "6666" not in text and "evil.example" not in text, path
        ours = [u for u in URL.findall(text) if "studier.example.org" in u]
        assert all(u.startswith(SITE_URL + "/") for u in ours), (path, ours)
        found += len(ours)
    assert found >= len(PATHS)  # canonical, hreflang, og:url, JSON-LD, sitemap, Location…


def test_pages_canonical_and_sitemap_are_absolute_on_site_url(gunicorn, server):
    url = gunicorn(DATABASE_URL=server)
    https = {"X-Forwarded-Proto": "https"}
    programme = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    _status, _headers, body = get(url + programme, https)
    assert f'<link rel="canonical" href="{SITE_URL}{programme}">' in body
    assert f'<meta property="og:url" content="{SITE_URL}{programme}">' in body
    assert f"<loc>{SITE_URL}{programme}</loc>" in get(url + "/sitemap.xml", https)[2]
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in get(url + "/robots.txt", https)[2]
