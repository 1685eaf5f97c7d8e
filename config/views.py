"""The site's own views outside the programme apps: error pages rendered with the request,
so they extend base.html in the visitor's language (500.html stands alone: Django renders it
without context, and the fault may be in base.html); ``read_only``, which every public view
wears; the admin's "view on site"; robots.txt and /favicon.ico.
"""

import sys
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from config.admin_language import is_admin_path
from config.i18n import urls_by_language
from config.site import absolute_url


def bad_request(request, exception=None):
    return render(request, "400.html", {"language_urls": urls_by_language("home")}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"language_urls": urls_by_language("home")}, status=404)


def permission_denied(request, exception=None, reason=""):
    """403 in the reader's language; inside the admin, with the admin's look."""
    if is_admin_path(request):
        context = {**admin.site.each_context(request), "reason": reason}
        return render(request, "admin/403.html", context, status=403)
    context = {"language_urls": urls_by_language("home"), "reason": reason}
    return render(request, "403.html", context, status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the 403 page, saying the form could not be checked."""
    return permission_denied(request, reason="csrf")


def read_only(view):
    """For a page that only shows something (every public view): GET and HEAD. Any other
    method gets a 405 page in the reader's language with ``Allow: GET, HEAD``, not Django's
    empty 405, nor, for a POST, the 403 "the form could not be checked" that the CSRF check
    gave before the view could say so. Exempt from that check because it never acts on one."""

    @wraps(view)
    def only_reads(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        context = {"language_urls": urls_by_language("home")}
        response = render(request, "405.html", context, status=405)
        response["Allow"] = "GET, HEAD"
        return response

    return csrf_exempt(only_reads)


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, only for users who may view that kind of object.

    Django's own (``/admin/r/…``) redirects any staff user, so walking ids would tell them
    where every draft lives and how many objects exist; here they get the same 404 for every
    id. Wrapped in ``admin_view`` by config/urls.py, so it is for staff only. Takes every
    path of its shape: an id Django would read as a number ("+15", " 15", "١٥") must not
    reach Django's own.
    """
    if not (content_type_id.isascii() and content_type_id.isdigit()):
        raise Http404
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    if model is None or not any(
        request.user.has_perm(
            f"{content_type.app_label}.{get_permission_codename(action, model._meta)}"
        )
        for action in ("view", "change")
    ):
        raise Http404
    return shortcut(request, content_type_id, object_id)


@read_only
def robots_txt(request):
    """Crawl everything public, not the admin or the calendar feeds; here is the sitemap.

    Cohort pages are not disallowed: crawlers must fetch them to see their noindex.
    """
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_PATH}",
        "Disallow: /*.ics$",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@read_only
def favicon(request):
    """/favicon.ico, which browsers that take no SVG icon, and crawlers, ask for whatever the
    page links: static/favicon.ico, favicon.svg rasterised (16, 32 and 48 px; README)."""
    response = HttpResponse(_favicon_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"  # the address never changes
    return response


@cache
def _favicon_bytes():
    """From the source folder (static/), which ``make run`` serves without collectstatic."""
    return Path(finders.find("favicon.ico")).read_bytes()


def server_error(request):
    """A fault outside a view. A database that cannot be reached (in middleware, say) is a
    503 in the reader's language; anything else is the standalone, bilingual 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))


def database_unavailable(request):
    """503 in the reader's language (the page needs no database), to try again in 30 s, never
    stored by a cache: Django reconnects by itself once the database is back."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
