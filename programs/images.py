"""Uploaded images: verified with Pillow, re-encoded without metadata, named by their content.

Pure (no ORM). An upload is accepted only when Pillow opens and verifies it as JPEG, PNG or
WebP within a byte and a pixel limit (a decompression bomb is refused before it is decoded);
what is stored is a fresh encoding of the pixels (EXIF, GPS, comments and any trailing
payload of a polyglot are gone) under ``<sha256 of the bytes>.<format>``, so the same image
always has the same name and the name can be cached for ever (config/media.py).
"""

import hashlib
import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any hero image needs
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
CONTENT_TYPES = dict(FORMATS.values())  # extension → Content-Type, for serving
# Narrower copies stored beside each image, for phones (srcset); never wider than the original.
RENDITION_WIDTHS = (480, 960, 1600)

NOT_AN_IMAGE = _("Upload a JPEG, PNG or WebP image. This file is not one.")
TOO_LARGE = _("The image is larger than %(limit)s MB. Upload a smaller one.")
TOO_MANY_PIXELS = _("The image has more than %(limit)s million pixels. Upload a smaller one.")


def _read(file):
    file.seek(0)
    data = file.read(MAX_BYTES + 1)
    file.seek(0)
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large", params={"limit": MAX_BYTES // 2**20})
    return data


def _open(data):
    """The image, opened and verified; ValidationError for anything else or too many pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": MAX_PIXELS // 10**6}
                )
            image.verify()  # structure and checksums; the image must be opened again to decode
            image = Image.open(io.BytesIO(data))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": MAX_PIXELS // 10**6}
            ) from None
        except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError):
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    return image


def validate_image(file):
    """Field validator: the rules above, without changing anything. A file already stored
    (``_committed``) passed them when it was uploaded and is not read again."""
    if file and not getattr(file, "_committed", False):
        _open(_read(file))


def reencode(file):
    """The image encoded afresh (no metadata), named by its SHA-256, and its narrower copies
    for ``srcset``: ``(ImageFile, [ImageFile named by rendition_name()])``."""
    image = _open(_read(file))
    source_format = image.format
    image = ImageOps.exif_transpose(image)  # keep the orientation the metadata gave it
    if source_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    data = _encode(image, source_format)
    name = f"{hashlib.sha256(data).hexdigest()[:32]}.{FORMATS[source_format][0]}"
    copies = []
    for width in rendition_widths(image.width):
        smaller = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        copies.append(
            ImageFile(io.BytesIO(_encode(smaller, source_format)), rendition_name(name, width))
        )
    return ImageFile(io.BytesIO(data), name=name), copies


def rendition_widths(width):
    """The widths of the narrower copies an image ``width`` pixels wide gets."""
    return [w for w in RENDITION_WIDTHS if w < width]


def rendition_name(name, width):
    """``programmes/<hash>.jpg`` → ``programmes/<hash>-480.jpg``."""
    stem, extension = name.rsplit(".", 1)
    return f"{stem}-{width}.{extension}"


def _encode(image, image_format):
    out = io.BytesIO()
    options = {"JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85}}
    image.save(out, format=image_format, **options.get(image_format, {"optimize": True}))
    return out.getvalue()
