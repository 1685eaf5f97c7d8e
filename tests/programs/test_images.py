"""Uploaded images: only real JPEG, PNG and WebP within limits, stored re-encoded (pure)."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from programs.images import MAX_BYTES, reencode, validate_image


def image_bytes(format="PNG", size=(40, 30), **save):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=format, **save)
    return out.getvalue()


def upload(data, name="photo.png"):
    return SimpleUploadedFile(name, data)


def png_bomb(width, height):
    """A tiny PNG that claims width × height pixels (a decompression bomb's header)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_real_images_are_accepted_and_keep_their_format(format):
    stored, _copies = reencode(upload(image_bytes(format)))
    assert Image.open(io.BytesIO(stored.read())).format == format
    assert stored.name.endswith({"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[format])


def test_the_stored_name_is_the_content_hash_so_the_same_image_gets_the_same_name():
    (first, _), (second, _) = (
        reencode(upload(image_bytes())),
        reencode(upload(image_bytes(), "b.png")),
    )
    assert first.name == second.name
    assert len(first.name.split(".")[0]) == 32


def test_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 54.0, 0.0)}  # GPS latitude
    original = image_bytes("JPEG", exif=exif.tobytes())
    assert b"Camera maker" in original
    stored = reencode(upload(original, "photo.jpg"))[0].read()
    assert b"Camera maker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_polyglot_loses_its_payload():
    payload = b"<script>alert(1)</script>"
    stored = reencode(upload(image_bytes() + payload))[0].read()
    assert payload not in stored


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg",
         "not_an_image"),
        (b"GIF89a" + image_bytes("GIF")[6:], "x.gif", "not_an_image"),
        (image_bytes("BMP"), "x.png", "not_an_image"),
        (image_bytes()[:60], "truncated.png", "not_an_image"),
        (b"", "empty.png", "not_an_image"),
        (b"%PDF-1.7\n", "x.png", "not_an_image"),
        (png_bomb(50_000, 50_000), "bomb.png", "too_many_pixels"),
        (b"\0" * (MAX_BYTES + 1), "huge.png", "too_large"),
    ],
)  # fmt: skip
def test_anything_else_is_refused_with_a_reason(data, name, code):
    with pytest.raises(ValidationError) as error:
        validate_image(upload(data, name))
    assert error.value.code == code


def test_narrower_copies_are_made_for_phones_never_wider_than_the_image():
    stored, copies = reencode(upload(image_bytes("JPEG", size=(1200, 600)), "wide.jpg"))
    stem = stored.name.removesuffix(".jpg")
    assert [copy.name for copy in copies] == [f"{stem}-480.jpg", f"{stem}-960.jpg"]
    assert [(copy.width, copy.height) for copy in copies] == [(480, 240), (960, 480)]
    assert reencode(upload(image_bytes("PNG", size=(400, 300))))[1] == []
