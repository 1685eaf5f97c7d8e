"""Uploaded media served by the app itself, in production too (MEDIA_URL on MEDIA_ROOT).

Only images the storage holds under the names programs/images.py gives them
(``<folder>/<hex digest>[-<width>].<jpg|png|webp>``): nothing else matches, so there is no
traversal, no directory listing and no other file type. The name is derived from the content, so the
response is cached for a year as immutable and the name itself is the ETag. With object
storage (MEDIA_S3_BUCKET) the pages link the bucket directly and this view is not used.
"""

import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import parse_etags

from config.views import read_only
from programs.images import CONTENT_TYPES

MEDIA_NAME = re.compile(r"[a-z]+/[0-9a-f]{32}(?:-[0-9]{3,4})?\.(?P<extension>jpg|png|webp)")


@read_only
def serve_media(request, path):
    match = MEDIA_NAME.fullmatch(path)
    if match is None or not default_storage.exists(path):
        raise Http404
    etag = f'"{path.rsplit("/", 1)[1]}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        # FileResponse adds ``Content-Disposition: inline; filename="…"`` from the file's name.
        response = FileResponse(
            default_storage.open(path), content_type=CONTENT_TYPES[match["extension"]]
        )
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
