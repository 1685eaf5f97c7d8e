"""Middleware for running many app servers behind a load balancer."""

import logging
import re

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import DatabaseError, DataError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.middleware import http
from django.shortcuts import redirect
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from config.admin_language import is_admin_path
from config.views import bad_request, database_unavailable

logger = logging.getLogger(__name__)
NOT_CACHED = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
DATE_PARTS = ("__year", "__month", "__day")
DATE_PART = re.compile(r"[0-9]{1,4}")


class HealthCheckMiddleware:
    """``/healthz``: the process answers. ``/readyz``: and it reaches its database.

    Answered below the security headers and above everything else, so a probe needs no
    allowed Host header, no HTTPS (``SECURE_REDIRECT_EXEMPT``) and no session; never cached,
    never indexed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return HttpResponse("ok\n", content_type="text/plain", headers=NOT_CACHED)
        if request.path == "/readyz":
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            except DatabaseError:
                logger.warning("readyz: the database cannot be reached")
                return HttpResponse(
                    "database unavailable\n",
                    status=503,
                    content_type="text/plain",
                    headers=NOT_CACHED,
                )
            return HttpResponse("ready\n", content_type="text/plain", headers=NOT_CACHED)
        return self.get_response(request)


def refused_for_its_input(exception):
    """Whether the database refused a query for what the request put in it, not for being
    unreachable: an admin list's ``?title_nb__regex=(a`` is an invalid pattern, a DataError on
    PostgreSQL and on SQLite an OperationalError from Django's REGEXP function."""
    return isinstance(exception, DataError) or (
        isinstance(exception, OperationalError)
        and str(exception) == "user-defined function raised exception"
    )


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with a short page in the reader's
    language (the page needs no database) and Retry-After; Django reconnects by itself on
    the next request once the database is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if refused_for_its_input(exception):
            logger.warning("bad request: the database refused the query: %s", exception)
            return bad_request(request, exception)
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("database unavailable: %s", exception)
            return database_unavailable(request)
        return None


class AdminActionRowsMiddleware:
    """An admin list's action sent with chosen rows that are not ids (``_selected_action=abc``,
    or a number past a 64-bit id) goes back to the page with a message. Django filters
    ``pk__in`` with them and the action failed with a 500, on every model (ours and auth's);
    every model here has a numeric id. Checked for staff only, after the CSRF check (listed
    below it); no view here changes its upload handlers, so reading the form takes nothing
    away."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST" or not is_admin_path(request) or not request.user.is_staff:
            return None
        chosen = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if all(value.isascii() and value.isdigit() and len(value) < 19 for value in chosen):
            return None
        messages.error(request, _("The rows you chose could not be read. Choose them again."))
        return redirect(request.get_full_path())


class AdminDateLookupsMiddleware:
    """An admin list's date drill-down (``?attempt_time__year=…`` on the axes logs) whose year,
    month or day is not a number of up to four digits is the 400 page. Django reads them with
    ``int()`` and catches only ValueError: a year past a C long was an OverflowError, a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if not is_admin_path(request) or not request.user.is_staff:
            return None
        for name, value in request.GET.lists():
            if name.endswith(DATE_PARTS) and not all(DATE_PART.fullmatch(v) for v in value):
                return bad_request(request, ValueError(f"bad date lookup {name}"))
        return None


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, and a HEAD gets the ETag its GET gets, and a 304 on a match (RFC 9110: the
    same headers as GET). Django leaves HEAD out, its body being empty under ASGI and the
    test client; a view here renders the page for HEAD too, so the body is the GET's when
    this runs. A page from the page cache already carries it (config/page_cache.py)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.method != "HEAD" or response.has_header("ETag"):
            return response
        if not self.needs_etag(response) or response.streaming or not response.content:
            return response
        set_response_etag(response)
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=last_modified and parse_http_date_safe(last_modified),
            response=response,
        )
