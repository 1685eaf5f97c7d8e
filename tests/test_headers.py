"""Security headers on every kind of response, in the production configuration run for real
(gunicorn, HTTPS behind the trusted proxy on 127.0.0.1), and pages the policy needs no
exception for: no inline script but JSON-LD, no style attribute, no nonce.

config/csp.py has the policy's one addition for the admin and why; tests/browser/test_csp.py
shows Chromium finds no violation.
"""

import hashlib
import json
import re
import urllib.request
from base64 import b64encode
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from storages.backends.s3 import S3Storage

from config.csp import TIPTAP_STYLE, media_origin
from config.page_types import by_language
from tests.pages import parse
from tests.production import HTTPS, ROOT, Browser, get, prepare_database, start_gunicorn

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
FEATURES_OFF = [
    *("camera", "microphone", "geolocation", "payment", "usb"),
    *("browsing-topics", "interest-cohort"),
]
IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.DOTALL)


def policy(header):
    """``{directive: [source, …]}`` of a Content-Security-Policy header."""
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def permissions(header):
    """``{feature: allowlist}`` of a Permissions-Policy header."""
    return dict(item.strip().split("=", 1) for item in header.split(","))


def sha256_source(text):
    return f"'sha256-{b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def static_url(name):
    manifest = json.loads((ROOT / "staticfiles/staticfiles.json").read_text())["paths"]
    return f"/static/{manifest[name]}"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated, seeded database with an editor (tests/production.py)."""
    return prepare_database(f"sqlite:///{tmp_path_factory.mktemp('headers') / 'db.sqlite3'}")


@pytest.fixture(scope="module")
def server(database):
    """One gunicorn in the production configuration for the module: its base URL."""
    process, url = start_gunicorn(DATABASE_URL=database)
    yield url
    process.terminate()
    process.wait(timeout=10)


def assert_security_headers(headers):
    """Every header but Content-Security-Policy, which differs for the admin."""
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    features = permissions(headers["Permissions-Policy"])
    assert {feature: features.get(feature) for feature in FEATURES_OFF} == dict.fromkeys(
        FEATURES_OFF, "()"
    )
    assert set(features.values()) == {"()"}  # nothing is allowed at all
    assert not re.search(r"[/\d]", headers.get("Server", ""))  # no version, if any Server


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/studier/", 200),
        ("/en/programmes/no-such/", 404),
        ("/finnes-ikke/", 404),
    ],
)
def test_public_responses_carry_every_header_and_the_strict_policy(server, path, status):
    got, headers, _body = get(server + path, HTTPS)
    assert got == status
    assert_security_headers(headers)
    assert policy(headers["Content-Security-Policy"]) == PUBLIC_POLICY


@pytest.mark.parametrize("name", ["css/base.css", "favicon.svg"])
def test_static_files_from_whitenoise_carry_every_header_too(server, name):
    status, headers, _body = get(server + static_url(name), HTTPS)
    assert status == 200
    assert_security_headers(headers)
    assert policy(headers["Content-Security-Policy"]) == PUBLIC_POLICY


def test_the_admin_login_carries_every_header_and_the_admin_policy(server):
    status, headers, _body = get(server + "/admin/login/", HTTPS)
    assert status == 200
    assert_security_headers(headers)
    admin = policy(headers["Content-Security-Policy"])
    import_map = admin["script-src"].pop()
    assert import_map.startswith("'sha256-")
    assert admin == {**PUBLIC_POLICY, "style-src": ["'self'", TIPTAP_STYLE]}


def test_the_admin_policy_allows_exactly_the_import_map_the_change_form_renders(gunicorn, database):
    """The editor's import map names editor.js by its fingerprinted URL: the hash in the
    header must be that of the map on the page, byte for byte. (Plain HTTP: the minimal
    browser of tests/production.py sends an http Referer, which CSRF refuses over HTTPS.)"""
    server = gunicorn(DATABASE_URL=database, HTTPS="0")
    editor = Browser(server)
    editor.log_in()
    changelist = editor.request("/admin/programs/programme/")
    change = re.search(r'href="(/admin/programs/programme/\d+/change/)', changelist)[1]
    request = urllib.request.Request(server + change, headers={"Host": "studier.example.org"})
    with editor.opener.open(request) as response:
        headers, page = response.headers, response.read().decode()
    [import_map] = IMPORT_MAP.findall(page)
    assert re.search(r"/static/django_prose_editor/editor\.[0-9a-f]{12}\.js", import_map)
    script_src = policy(headers["Content-Security-Policy"])["script-src"]
    assert script_src == ["'self'", sha256_source(import_map)]


def test_the_plain_http_redirect_carries_the_headers_too(server):
    status, headers, _body = get(server + "/studier/")
    assert status == 301
    assert policy(headers["Content-Security-Policy"]) == PUBLIC_POLICY
    assert headers["X-Frame-Options"] == "DENY"
    assert set(permissions(headers["Permissions-Policy"]).values()) == {"()"}


def test_images_may_come_from_the_object_storage_origin(database):
    process, url = start_gunicorn(
        DATABASE_URL=database,
        MEDIA_S3_BUCKET="studieside-media",
        MEDIA_S3_ENDPOINT_URL="https://objects.example.net:9000",
    )
    try:
        _status, headers, _body = get(url + "/studier/", HTTPS)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert policy(headers["Content-Security-Policy"]) == {
        **PUBLIC_POLICY,
        "img-src": ["'self'", "https://objects.example.net:9000"],
    }


@pytest.mark.parametrize(
    "options",
    [
        {"endpoint_url": "http://127.0.0.1:9000", "region_name": "us-east-1"},
        {"endpoint_url": "https://s3.example.net:8443/"},
        {"endpoint_url": "https://s3.example.net", "custom_domain": "media.example.org"},
        {"custom_domain": "cdn.example.org/studieside"},
        {"region_name": "eu-north-1"},  # AWS itself
        {"region_name": "eu-north-1", "querystring_auth": True},
    ],
)
def test_the_media_origin_is_the_one_the_storage_links(options):
    options = {"bucket_name": "studieside-media", "querystring_auth": False, **options}
    storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    linked = urlsplit(S3Storage(access_key="a", secret_key="b", **options).url("p/x.png"))
    assert media_origin(storage) == f"{linked.scheme}://{linked.netloc}"


def test_no_media_origin_when_the_app_serves_uploads():
    assert media_origin({"BACKEND": "django.core.files.storage.FileSystemStorage"}) is None


def test_uploads_the_app_serves_carry_the_headers(client, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("programmes/" + "a" * 32 + ".png", ContentFile(b"\x89PNG"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert policy(response["Content-Security-Policy"]) == PUBLIC_POLICY
    assert set(permissions(response["Permissions-Policy"]).values()) == {"()"}
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    b"".join(response.streaming_content)  # closes the file


@pytest.mark.parametrize(("path", "language", "status"), by_language())
def test_public_pages_need_no_inline_code_and_no_nonce(
    client, every_page_type, path, language, status
):
    response = client.get(path)
    assert response.status_code == status
    html = parse(response)
    inline = [s for s in html.find_all("script") if not s.get("src")]
    assert [s.get("type") for s in inline] in ([], ["application/ld+json"])
    assert html.find_all("style") == []
    assert html.find_all(style=True) == []
    handlers = [
        (tag.name, a) for tag in html.find_all(True) for a in tag.attrs if a.startswith("on")
    ]
    assert handlers == []
    assert "nonce" not in response.content.decode().lower()
    assert "nonce" not in response["Content-Security-Policy"]
