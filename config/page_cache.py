"""Whole-page cache for anonymous GET/HEAD requests to the public pages (README "Page cache").

Pages carry no per-request data (no nonce, no CSRF token, no session), so one rendering serves
every anonymous reader. ``PageCacheMiddleware`` sits just below the security-header
middlewares in MIDDLEWARE: a hit skips sessions, locale, URL resolution, the view and the
database, and still gets the same CSP, Permissions-Policy, X-Frame-Options, HSTS and
Referrer-Policy as a fresh page, because those are added above it on the way out.

Keys live in Django's cache (files every process on the machine shares, config/cache.py, or
Redis shared by every app server) and include the **release** (``release()``: what this
process renders pages from) and a **content version**: programs/signals.py bumps it on any
save or delete of a content model, so every page on every server is fresh at once. The
version also holds the next time a programme is scheduled to go live or away (``publish_at``,
``unpublish_at``): the first request after it renews the version, so the list, the sitemap and
the page change at that time, not when their stored copies expire.
``PAGE_CACHE_SECONDS`` bounds staleness for anything a signal misses (``QuerySet.update()``
elsewhere, a raw SQL fix). A cache that cannot be reached (Redis down, a folder that cannot be
written) reads as a miss: the page is rendered as usual.
"""

import functools
import hashlib
import secrets
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from config.i18n import urls_by_language
from programs.extensions import extensions
from programs.pagination import PAGE_NUMBER

# "…:2": (number, due); releases before stored a bare number under "page-cache:version".
VERSION_KEY = "page-cache:version:2"
CACHED_STATUSES = {200, 301, 410}  # not 404: any path a scanner tries would take a slot


def content_version():
    """The current content version, or None when the cache cannot be reached.

    Stored with the time it is due to be renewed (``new_version``). A missing version (first
    start, evicted) starts at a random number, so pages stored under an earlier version are
    never read again; so does one whose time has come."""
    stored = cache.get(VERSION_KEY)
    if stored is not None and (stored[1] is None or time.time() < stored[1]):
        return stored[0]
    if stored is None:
        cache.add(VERSION_KEY, new_version(renewal_due()), timeout=None)
    else:  # a programme's publish_at or unpublish_at has passed: the first request renews it
        cache.set(VERSION_KEY, new_version(renewal_due()), timeout=None)
    stored = cache.get(VERSION_KEY)
    return stored and stored[0]


def bump_content_version(rescheduled=True):
    """Make every cached page stale on every app server sharing the cache. ``rescheduled``:
    whether the programmes' schedule may have changed (a programme was saved); otherwise the
    time the version is due to be renewed stays as it was, without a query."""
    stored = None if rescheduled else cache.get(VERSION_KEY)
    due = renewal_due() if stored is None else stored[1]
    cache.set(VERSION_KEY, new_version(due), timeout=None)


def new_version(due):
    """``(a random number, due)``, the form the version is stored in (``renewal_due``)."""
    return (secrets.randbits(48), due)


def renewal_due():
    """When the content version is due to be renewed, as epoch seconds: the next
    ``publish_at`` or ``unpublish_at`` of any programme, None when none is ahead (1 query).
    With the database out of reach, a minute from now: the pages are not stored meanwhile in
    any case."""
    try:
        with transaction.atomic():  # a savepoint inside a save's transaction
            return scheduled_change_after(timezone.now())
    except DatabaseError:
        return time.time() + 60


def scheduled_change_after(now):
    """The next time after ``now`` a programme goes live or away by its schedule, as epoch
    seconds, or None (1 query)."""
    from programs.models import Programme  # models import this module (programs/signals.py)

    found = Programme.objects.aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
    )
    times = [moment.timestamp() for moment in found.values() if moment is not None]
    return min(times, default=None)


# What a page is rendered from besides the content: our code, templates and translations, and
# the manifest of the fingerprinted static files (STATIC_ROOT, after collectstatic).
RELEASE_FILES = (
    "config/**/*.py",
    "programs/**/*.py",
    "admissions/**/*.py",
    "templates/**/*.html",
    "locale/*/LC_MESSAGES/*.mo",
)


@functools.cache
def release():
    """A digest of the files a page is rendered from (``RELEASE_FILES``), read once a process.

    Part of every key: a deploy starts on keys of its own, and while servers of the old and
    the new release share one Redis, neither serves the other's pages: a new page links
    stylesheets by fingerprints the old image does not have, and an old one those the new
    image lacks. Pages of the release before expire unread (``PAGE_CACHE_SECONDS``)."""
    root = settings.BASE_DIR
    files = {
        str(path.relative_to(root)): path
        for pattern in RELEASE_FILES
        for path in root.glob(pattern)
    }
    files["staticfiles.json"] = Path(settings.STATIC_ROOT) / "staticfiles.json"
    digest = hashlib.sha256()
    for name, path in sorted(files.items()):
        if path.is_file():
            digest.update(f"{name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def list_paths():
    """The programme list's path in each language."""
    return set(urls_by_language("programs:list").values())


@functools.cache
def list_parameters():
    """The names of the programme list's search, filters and page (the list form's fields,
    admissions/forms.py ProgrammeFilterForm): the only query string a page has."""
    return set(extensions.list_form.base_fields)


def _excluded_prefixes():
    return ("/" + settings.ADMIN_PATH, "/" + settings.MEDIA_URL, "/" + settings.STATIC_URL)


def list_query(query):
    """The list's query string ``query`` (a QueryDict) in one order: parameters sorted by
    name, values as sent (" x" may render differently from "x"), empty ones left out (the
    list treats ``?q=`` as no search). None, to bypass the cache, for a name the list does
    not know (tracking tags would each take a slot), a name given twice (a 400), or a page
    number spelled other than the pagination links spell it ("02", "+2": a 400 too)."""
    if set(query) - list_parameters():
        return None
    pairs = []
    for name in sorted(query):
        values = query.getlist(name)
        if len(values) != 1:
            return None
        if name == "page" and values[0] and not PAGE_NUMBER.fullmatch(values[0]):
            return None
        if values[0]:
            pairs.append((name, values[0]))
    return urlencode(pairs)


def cache_key(request):
    """The key of ``request``'s page, or None when the request must bypass the cache."""
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return None
    path = request.path
    if path in ("/healthz", "/readyz") or path.startswith(_excluded_prefixes()):
        return None
    cookies = request.META.get("HTTP_COOKIE", "")
    if settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies:
        return None  # staff, or someone mid-login: their pages are their own
    query = ""
    if request.GET:
        query = list_query(request.GET) if path in list_paths() else None
        if query is None:
            return None
    version = content_version()
    if version is None:
        return None
    digest = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()
    return f"page-cache:{release()}:{version}:{digest}"


def storable(response):
    """Whether a freshly rendered response is the same for every anonymous reader."""
    if response.status_code not in CACHED_STATUSES or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    cache_control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and not {"private", "no-store", "no-cache"} & {
        d.split("=")[0].strip() for d in cache_control.split(",")
    }


def adds_a_slash(request, response):
    """Whether ``response`` is CommonMiddleware's 301 to the path with a slash (APPEND_SLASH):
    made again without the database, and, like a 404, there is one for any path a scanner
    tries under /studier/, so none is stored."""
    return response.status_code == 301 and (
        urlsplit(response.get("Location", "")).path == request.path + "/"
    )


def rebuild(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve a stored page, or store the page rendered below (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        release()  # read when the app loads: in gunicorn's master, before the workers fork

    def __call__(self, request):
        try:
            request.get_host()
        except DisallowedHost:  # CommonMiddleware answers it, in the page's language
            return self.get_response(request)
        try:
            key = cache_key(request)
        except SuspiciousOperation:
            # A query string Django refuses to read (too many fields): the view reads it again
            # below LocaleMiddleware, so the 400 page is in the address's language, not in the
            # one this thread served last.
            key = None
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            response = rebuild(stored)
            last_modified = response.get("Last-Modified")
            # What ConditionalGetMiddleware and @condition do for a fresh page: 304 on a match.
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=last_modified and parse_http_date_safe(last_modified),
                response=response,
            )
        response = self.get_response(request)
        if request.method == "GET" and storable(response) and not adds_a_slash(request, response):
            headers = list(response.headers.items())
            cache.set(
                key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
            )
        return response
