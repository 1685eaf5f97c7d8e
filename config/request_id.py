"""A request id on every response and on every log line written while handling it.

The load balancer's ``X-Request-ID`` is kept when it is well formed, so one id follows a
request through the balancer's log, gunicorn's access line and Django's error lines; anything
else gets a fresh one. gunicorn logs the response header (``{x-request-id}o``, config/logs.py).
"""

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{1,64}")

current_request_id = ContextVar("request_id", default=None)


def request_id_from(value):
    """The client's id when it is 1–64 of ``[A-Za-z0-9._-]``, else a new uuid4 in hex."""
    if value and WELL_FORMED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE: the id is known before anything else can log or answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to records written while a request is handled (on the handler,
    so it sees records from every logger).

    Django logs a 4xx/5xx response (``Not Found: /x``) after the middleware has returned; that
    record carries the request itself, so its id is taken from there.
    """

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            request_id = getattr(request, "request_id", None) or current_request_id.get()
            if request_id is not None:
                record.request_id = request_id
        return True
