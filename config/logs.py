"""Structured logs: one JSON object per line on stdout, for the platform's log collector.

One formatter (python-json-logger's, FIELD-NOTES §15) for Django's logging (settings.LOGGING)
and for gunicorn's error and access logs (config/gunicorn.py), so every line parses whatever a
client puts in its path, query or headers: the JSON encoder escapes it, nothing is pasted into
a template. ``LOG_FORMAT=text`` gives plain lines for humans (``make run``).
"""

import logging
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as LibraryJsonFormatter

from config.env import env_flag, env_str

# gunicorn's access atoms (``record.args`` of a ``gunicorn.access`` record) and our field names.
ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "a": "user_agent",
    "f": "referer",
    "{x-forwarded-for}i": "forwarded_for",
    "{x-request-id}o": "request_id",  # the id config.request_id puts on every response
}
TEXT_ACCESS_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" %({x-request-id}o)s'


def log_format():
    """``LOG_FORMAT``: json (the default with DEBUG off) or text (the default with DEBUG on)."""
    value = env_str("LOG_FORMAT").lower() or ("text" if env_flag("DEBUG", False) else "json")
    if value not in {"json", "text"}:
        raise ImproperlyConfigured(f"LOG_FORMAT must be json or text; got {value!r}.")
    return value


def _from_wsgi(value):
    """A WSGI string (bytes read as latin-1) as the UTF-8 text the client meant, with any byte
    that is not UTF-8 shown as ``\\xff``: a ``User-Agent`` sent as UTF-8 ``æ`` logs as ``æ``."""
    try:
        return value.encode("latin-1").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return value


class JsonFormatter(LibraryJsonFormatter):
    """``{"time", "level", "logger", "message", ...}``; a traceback is one ``exc_info`` string.

    Extra attributes of a record become fields (``request_id`` from
    config.request_id.RequestIdFilter, Django's ``status_code`` as ``status``). A
    ``gunicorn.access`` record gets the request's fields from gunicorn's atoms instead of a
    hand-made JSON ``access_log_format``.
    """

    def __init__(self, **kwargs):
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "status_code": "status",
            },
            # Django's django.request records carry the HttpRequest; its fields are logged
            # by gunicorn's access line, under the same request_id.
            reserved_attrs=[*RESERVED_ATTRS, "request"],
            json_ensure_ascii=True,  # a stray surrogate is escaped, never an encoding error
            **kwargs,
        )

    def formatTime(self, record, datefmt=None):
        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            log_data.update(self.access_fields(record.args))
            log_data["message"] = "{method} {path} {status}".format_map(log_data)

    @staticmethod
    def access_fields(atoms):
        # gunicorn's SafeAtoms has put a backslash before every '"' (for a quoted text
        # format); taking exactly those back out gives the client's value unchanged.
        escaped = type(atoms).__name__ == "SafeAtoms"
        fields = {}
        for atom, field in ACCESS_FIELDS.items():
            value = dict.get(atoms, atom)  # not SafeAtoms' "-" for a missing atom
            if isinstance(value, str):
                value = value.replace('\\"', '"') if escaped else value
                # Django has already decoded the path it was given (a byte that is not UTF-8
                # stays %-encoded), in place in the environ; headers are still WSGI strings.
                value = value if atom == "U" else _from_wsgi(value)
            fields[field] = value
        status = str(fields["status"] or "")
        fields["status"] = int(status) if status.isdigit() else status or None
        duration = dict.get(atoms, "D")
        fields["duration_ms"] = round(duration / 1000, 3) if isinstance(duration, int) else None
        return fields


def gunicorn_logconfig():
    """gunicorn's ``logconfig_dict``: its error and access logs through JsonFormatter, on
    stdout, once each (no propagation to the root logger, which Django reconfigures)."""
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "stream": "ext://sys.stdout",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
        "handlers": {"json": handler},
        "root": {"level": "INFO", "handlers": ["json"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["json"], "propagate": False},
        },
    }


class ClientFaultFilter(logging.Filter):
    """``django.security.*`` records (a Host header not ours, a suspicious upload name, a
    failed CSRF check) as one WARNING line without a traceback. Django logs most of them at
    ERROR with one, but each is a client's fault answered with a 400 or 403, and scanners send
    bad Host headers all day: at ERROR they would bury the site's own errors. It changes the
    record itself, so it is the console handler's last filter, and that the only handler."""

    def filter(self, record):
        if not record.name.startswith("django.security."):
            return True
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        # Passed its logger's level as an ERROR: as a WARNING it must pass it again
        # (LOG_LEVEL=ERROR leaves it out).
        return logging.WARNING >= logging.getLogger(record.name).getEffectiveLevel()
