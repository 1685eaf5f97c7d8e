"""Security headers Django does not send by itself: Content-Security-Policy (django-csp 4.0)
with one narrow addition for the admin, and Permissions-Policy.

The policy is ``CONTENT_SECURITY_POLICY`` in config/settings.py: everything from our own
origin, no inline script or style, no nonce. Public pages need nothing more (they link their
CSS and JS; JSON-LD is a data block, which CSP does not execute), and without a nonce a page
is the same bytes for every reader, so a whole-page cache or a 304 stays correct.

Under the admin's URL the policy allows two inline elements more, each by its sha256 hash.
Both come from django-prose-editor 0.28; seen in Chromium 156 on a programme's change form
(18 editors, inside the translation tabs), tests/browser/test_csp.py:

- Its import map, ``<script type="importmap">`` (django-js-asset's ``ImportMap``), which maps
  ``django-prose-editor/editor`` to the static URL of editor.js. Blocked, the editor's modules
  do not resolve, no editor starts and editors get bare textareas (a script-src-elem
  violation). The URL carries the manifest's content hash, so the map changes whenever the
  file does, and the browser tests' live server serves unhashed names: the hash is taken per
  admin request from what the widget renders right then (``import_map_hash``, ~0.2 ms).
- Tiptap's base stylesheet (``.ProseMirror { position: relative; } …``, 1329 characters), a
  ``<style data-tiptap-style>`` that editor.js adds to the head when the first editor starts.
  Blocked, the editors work but without those rules (a style-src-elem violation). Its text is
  fixed inside editor.js, so its hash is a constant here: after upgrading
  django-prose-editor, tests/browser/test_csp.py fails with Chromium's message, which names
  the new hash. Only this stylesheet, not ``'unsafe-inline'``; ``style=`` stays blocked.

django-modeltranslation's tabs (jQuery UI 1.14, vendored, linked by JQUERY_UI_URL) need
nothing: jQuery sets styles through the DOM (``element.style``), which CSP does not govern,
and Django 5.2's admin has no inline script or style attribute of its own (login, index,
changelist and change form: zero violations).
"""

import base64
import hashlib
import re
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings

S3_STORAGE = "storages.backends.s3.S3Storage"
IMPORT_MAP = re.compile(r'<script type="importmap">(?P<text>.*)</script>', re.DOTALL)
TIPTAP_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


def media_origin(storage):
    """The origin uploaded images are linked from when ``storage`` (a STORAGES entry) is the
    S3 storage, else None (the app serves them from MEDIA_URL, which is 'self').

    What django-storages 1.14 puts in front of the name, signed or not: ``https://`` and the
    custom domain; else the endpoint's origin (path-style: ``ENDPOINT/BUCKET/NAME``); else
    AWS's host for the bucket. tests/test_headers.py checks each against ``url()``.
    """
    if storage["BACKEND"] != S3_STORAGE:
        return None
    options = storage["OPTIONS"]
    if options.get("custom_domain"):
        return "https://" + options["custom_domain"].split("/")[0]
    if options.get("endpoint_url"):
        parts = urlsplit(options["endpoint_url"])
        return f"{parts.scheme}://{parts.netloc}"
    return f"https://{options['bucket_name']}.s3.amazonaws.com"


def sha256_source(text):
    """A CSP hash source for an inline element whose text is ``text``."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def import_map_hash():
    """The hash source of the import map django-prose-editor's admin widget renders now."""
    from django_prose_editor.widgets import AdminProseEditorWidget

    [rendered] = AdminProseEditorWidget().media.render_importmap()
    return sha256_source(IMPORT_MAP.fullmatch(rendered)["text"])


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (its documented extension point, ``get_policy_parts``): under
    the admin's URL, scripts may also be the import map and styles Tiptap's stylesheet."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # Not config.admin_language.is_admin_path(): that module reads settings when it is
        # imported, and the settings import this one.
        if request.path_info.startswith(f"/{settings.ADMIN_PATH}"):
            admin = {"script-src": [import_map_hash()], "style-src": [TIPTAP_STYLE]}
            update = parts.update or {}  # a view's own @csp_update comes on top
            parts.update = {**update, **{k: [*v, *update.get(k, [])] for k, v in admin.items()}}
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from the PERMISSIONS_POLICY setting ({feature: [allowlist]};
    an empty list turns the feature off: ``camera=()``), on every response it wraps."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
