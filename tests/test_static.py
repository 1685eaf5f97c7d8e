"""Static files as production serves them: collectstatic's precompressed copies (gzip and, with
the ``brotli`` package, Brotli), whitenoise choosing the one a browser accepts, far-future
caching of fingerprinted names, and pages that never wait for a script before rendering."""

import gzip
import json
import re
import urllib.request
from pathlib import Path

import brotli
import pytest
from django.conf import settings

from tests.production import HTTPS

MANIFEST = Path(settings.STATIC_ROOT) / "staticfiles.json"
FAR_FUTURE = "max-age=315360000, public, immutable"


def fingerprinted(suffixes=(".css", ".js")):
    """The hashed names of our own stylesheets and scripts (not the admin's) in the manifest."""
    paths = json.loads(MANIFEST.read_text())["paths"]
    return [
        hashed
        for name, hashed in paths.items()
        if name.endswith(suffixes) and name.split("/")[0] in {"css", "js"}
    ]


def test_collectstatic_wrote_a_gzip_and_a_brotli_copy_of_every_stylesheet_and_script():
    names = fingerprinted()
    assert any(n.startswith("css/") for n in names) and any(n.startswith("js/") for n in names)
    for name in names:
        original = (Path(settings.STATIC_ROOT) / name).read_bytes()
        assert gzip.decompress(Path(settings.STATIC_ROOT, name + ".gz").read_bytes()) == original
        assert brotli.decompress(Path(settings.STATIC_ROOT, name + ".br").read_bytes()) == original


def raw_get(url, accept_encoding=None):
    """(headers, undecoded body) of a GET through the load balancer (HTTPS)."""
    headers = {"Host": "studier.example.org", **HTTPS}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return r.headers, r.read()


@pytest.fixture(scope="module")
def static_server():
    """One production gunicorn; static files need no database, so none is prepared."""
    from tests.production import start_gunicorn

    process, url = start_gunicorn()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize(
    ("accept_encoding", "encoding"),
    [("br, gzip, deflate", "br"), ("gzip, deflate", "gzip"), (None, None)],
)
def test_gunicorn_serves_the_best_encoding_the_browser_accepts(
    static_server, accept_encoding, encoding
):
    name = next(n for n in fingerprinted() if n.startswith("css/base."))
    original = (Path(settings.STATIC_ROOT) / name).read_bytes()
    headers, body = raw_get(f"{static_server}/static/{name}", accept_encoding)
    assert headers.get("Content-Encoding") == encoding
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert decode(body) == original
    assert "Accept-Encoding" in headers["Vary"]
    assert headers["Cache-Control"] == FAR_FUTURE  # the name changes when the bytes do


def test_an_unfingerprinted_name_is_not_cached_for_long(static_server):
    headers, _body = raw_get(f"{static_server}/static/css/base.css", "br")
    assert "immutable" not in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) <= 60


def test_pages_load_no_render_blocking_script(client, seeded):
    html = client.get("/studier/").content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the accordion script is expected on every page"
    for tag in scripts:
        if "application/ld+json" in tag:
            continue  # data, not code: browsers neither run nor wait for it
        assert re.search(r'\ssrc="[^"]+"', tag), f"inline script: {tag}"
        assert re.search(r"\s(defer|async)\b|type=\"module\"", tag), f"blocks: {tag}"
