"""Uploaded images in production: served on every app server, from disk or object storage.

Two gunicorn servers in the production configuration share a database and either a media
folder (one volume, the default storage) or an S3-compatible bucket (moto's server on
loopback, started here): an image uploaded through the admin of the first is on the second's
page, and its URL answers with the image.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from tests.builders import make_programme
from tests.pages import new_programme_form
from tests.production import PRODUCTION, Browser, get, prepare_database

SLUG = "med-bilde"  # tests.pages.new_programme_form


def png(size=(64, 48)):
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def s3_bucket():
    """A bucket on moto's S3 server on a free loopback port: the environment for gunicorn."""
    import boto3

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "MEDIA_S3_BUCKET": "studieside-media",
        "MEDIA_S3_ENDPOINT_URL": f"http://{host}:{port}",
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test",
    }
    boto3.client(
        "s3",
        endpoint_url=env["MEDIA_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=env["MEDIA_S3_BUCKET"])
    yield env
    server.stop()


def upload_through_the_admin(base):
    editor = Browser(base)
    editor.log_in()
    form = editor.request("/admin/programs/programme/add/")
    data = new_programme_form(form, csrfmiddlewaretoken=editor.csrf(form))
    editor.request("/admin/programs/programme/add/", data, {"hero_image": ("foto.png", png())})


def hero_image(page):
    return re.search(r'<img class="programme__hero-image" src="([^"]+)"', page).group(1)


@pytest.mark.parametrize("storage", ["shared folder", "S3"])
def test_an_image_uploaded_on_one_server_is_served_by_another(gunicorn, tmp_path, request, storage):
    database = prepare_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    if storage == "S3":
        media = request.getfixturevalue("s3_bucket")
    else:
        media = {"MEDIA_ROOT": str(tmp_path / "media")}
    env = {"DATABASE_URL": database, "HTTPS": "0", **media}
    first, second = gunicorn(**env), gunicorn(**env)

    upload_through_the_admin(first)
    status, _headers, page = get(f"{second}/studier/{SLUG}/")
    assert status == 200
    src = hero_image(page)
    assert re.search(r"/programmes/[0-9a-f]{32}\.png$", src)  # named by content, not "foto"
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert f'"image": "{og_image}"' in page  # the JSON-LD's, absolute like og:image

    if storage == "S3":
        assert src.startswith(media["MEDIA_S3_ENDPOINT_URL"]) and og_image == src
        status, headers, _body = get(src, {"Host": urlsplit(src).netloc})
        assert headers["Content-Disposition"] == "inline"
    else:
        assert src.startswith("/media/") and og_image == PRODUCTION["SITE_URL"] + src
        status, headers, _body = get(second + src)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert status == 200
    assert headers["Content-Type"] == "image/png"


@pytest.fixture
def stored_image(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(
        hero_image=SimpleUploadedFile("foto.png", png()), hero_alt_nb="En blå flate."
    )
    return programme.hero_image.url


def test_the_app_serves_a_stored_image_with_safe_headers(client, stored_image):
    response = client.get(stored_image)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (64, 48)


def test_a_stored_image_answers_304_to_its_etag(client, stored_image):
    etag = client.get(stored_image)["ETag"]
    response = client.get(stored_image, headers={"If-None-Match": etag})
    assert response.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/programmes/",
        "/media/../config/settings.py",
        "/media/programmes/%2e%2e/%2e%2e/manage.py",
        "/media/programmes/" + "0" * 32 + ".png",  # well-formed, not stored
        "/media/programmes/foto.png",
        "/media/programmes/" + "a" * 32 + ".svg",
    ],
)
def test_nothing_but_stored_images_is_served(client, stored_image, path):
    assert client.get(path).status_code == 404


def test_a_file_the_app_did_not_name_is_not_served(client, stored_image, settings):
    default_storage.save("programmes/notes.txt", io.BytesIO(b"secret"))
    assert client.get("/media/programmes/notes.txt").status_code == 404
    assert client.post(stored_image).status_code in (403, 405)


def test_the_narrower_copies_in_srcset_are_served_too(client, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(
        hero_image=SimpleUploadedFile("bred.png", png(size=(1000, 500))), hero_alt_nb="Bredt."
    )
    srcset = programme.hero_srcset().split(", ")
    assert [entry.split()[1] for entry in srcset] == ["480w", "960w", "1000w"]
    for entry in srcset:
        response = client.get(entry.split()[0])
        assert (response.status_code, response["Content-Type"]) == (200, "image/png")
