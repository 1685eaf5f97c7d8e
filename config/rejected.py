"""The page for a request gunicorn refuses before Django sees it.

gunicorn answers a request it cannot read, or one over its limits, itself: a request line over
4 KB is 414, headers over its limits 431, a malformed request line, method, version or header
400. Its own page is in English only, echoes what was sent and carries none of the site's
headers. ``install()`` (config/gunicorn.py, in each worker) makes it write this module's page
instead, with gunicorn's status: a short page in both languages, since the request was never
read and so its language is not known, naming what to do and linking the programme list in
each; with the headers every response of the site gets, from the site's own middleware.
gunicorn still logs the request as before (a warning and an access line).
"""

import functools
from io import BytesIO

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from gunicorn import util

from config.i18n import reverse_in

# The middleware that puts the security headers on every response (config/settings.py's
# MIDDLEWARE, in its order): the page goes out through them as a view's page would.
HEADER_MIDDLEWARE = [
    "config.csp.ContentSecurityPolicyMiddleware",
    "config.csp.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
]
# What the visitor can do about it, by gunicorn's status; anything else is a bad request.
WORDINGS = {
    414: (
        _("The address is too long"),
        _(
            "The address you tried to open is longer than we accept. Check the link, or start "
            "again from the list of programmes."
        ),
    ),
    431: (
        _("Too much data in the request"),
        _(
            "Your browser sent more data with the request than we accept, often because it "
            "holds too many cookies. Delete this site's cookies and try again."
        ),
    ),
}
BAD_REQUEST = (
    _("Bad request"),
    _("We could not understand this request. Check the address and try again."),
)
# The statuses gunicorn 27 writes for a client's fault (gunicorn.workers.base.handle_error).
CLIENT_STATUSES = (400, 403, 414, 417, 431, 501)
NOT_STORED = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def install():
    """Make this process's gunicorn write the site's page for the requests it refuses; the
    pages are rendered here, once, so that a fault in them stops the worker from starting
    rather than the page from being written."""
    for status in CLIENT_STATUSES:
        response(status)
    util.write_error = write_error


def write_error(sock, status_int, reason, mesg):
    """gunicorn's ``util.write_error``, with the site's page: ``mesg`` (which may quote what
    was sent) is left out."""
    status_line = f"HTTP/1.1 {status_int} {reason}\r\n".encode("latin-1")
    util.write_nonblock(sock, status_line + response(status_int))


@functools.cache
def response(status):
    """The HTTP response for ``status`` after its status line: the headers, a blank line and
    the page, as bytes. The connection is closed after it."""
    if status >= 500 and status != 501:  # gunicorn's own fault: the site's 500 page
        body = render_to_string("500.html")
    else:
        title, text = WORDINGS.get(status, BAD_REQUEST)
        languages = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                languages.append(
                    {
                        "code": code,
                        "title": str(title),
                        "text": str(text),
                        "list_url": reverse_in(code, "programs:list"),
                        "list_text": translation.gettext("See all programmes"),
                    }
                )
        body = render_to_string("rejected.html", {"languages": languages})
    page = with_site_headers(HttpResponse(body, status=status, headers=NOT_STORED))
    head = [f"{name}: {value}" for name, value in page.items()]
    head += ["Connection: close", f"Content-Length: {len(page.content)}"]
    return "\r\n".join(head).encode("latin-1") + b"\r\n\r\n" + page.content


def with_site_headers(page):
    """``page`` as the header middleware leaves it, for a request to the front page (over
    HTTPS when the site requires it, so that it gets HSTS and no redirect)."""
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "443",
            "wsgi.input": BytesIO(),
            "wsgi.url_scheme": "https" if settings.SECURE_SSL_REDIRECT else "http",
        }
    )
    handler = lambda request: page  # noqa: E731
    for path in reversed(HEADER_MIDDLEWARE):
        handler = import_string(path)(handler)
    return handler(request)
