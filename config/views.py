"""Error pages rendered with the request, so they extend base.html in the visitor's language.

500.html stands alone (Django renders it without context, and the fault may be in base.html).
"""

from django.shortcuts import render

from config.i18n import urls_by_language


def bad_request(request, exception=None):
    return render(request, "400.html", {"language_urls": urls_by_language("home")}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"language_urls": urls_by_language("home")}, status=404)
