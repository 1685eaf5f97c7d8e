"""Error pages rendered with the request, so they extend base.html in the visitor's language.

500.html stands alone (Django renders it without context, and the fault may be in base.html).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from config.i18n import urls_by_language


def bad_request(request, exception=None):
    return render(request, "400.html", {"language_urls": urls_by_language("home")}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"language_urls": urls_by_language("home")}, status=404)


@require_safe
def robots_txt(request):
    """Crawl everything public, not the admin or the calendar feeds; here is the sitemap.

    Cohort pages are not disallowed: crawlers must fetch them to see their noindex.
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*.ics$",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """A fault outside a view. A database that cannot be reached (in middleware, say) is a
    503 in the reader's language; anything else is the standalone, bilingual 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
