"""The admin's language is the staff member's choice, not the URL's.

Public pages take their language from the URL alone: Norwegian unprefixed, English under
/en/ (``i18n_patterns(prefix_default_language=False)``). The admin lives outside
``i18n_patterns``, at ``ADMIN_PATH``, so LocaleMiddleware gives it the default language, nb,
whatever the browser asks for, and /en/admin/ does not exist. Under ``ADMIN_PATH`` only,
``AdminLanguageMiddleware`` uses instead the language cookie (set by the switch in the
admin's header, ``choose_admin_language``), else the browser's Accept-Language, else nb.

The cookie is scoped to ``ADMIN_PATH``: a browser never sends it with a public page, which
keeps those pages cacheable whole and their language a matter of the URL.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

COOKIE_AGE = timedelta(days=365)


def is_admin_path(request):
    return request.path_info.startswith(f"/{settings.ADMIN_PATH}")


class AdminLanguageMiddleware:
    """Under ``ADMIN_PATH``: the language from the cookie or Accept-Language, not the URL.

    Listed right after LocaleMiddleware, which has by then activated nb for the unprefixed
    admin path; views, templates and LocaleMiddleware's ``Content-Language`` see ours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin_path(request):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


class AdminLanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


def _admin_url_or_index(request, url):
    """``url`` if it is an admin page of this site, else the admin's index."""
    if url.startswith(f"/{settings.ADMIN_PATH}") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


@require_POST
def choose_admin_language(request):
    """The admin header's language switch: remember the language, go back to the page.

    POST with a CSRF token, as it changes state (the login page has one too). The cookie is
    Django's language cookie (``LANGUAGE_COOKIE_NAME``), which ``get_language_from_request``
    reads, kept for a year and sent with admin requests only.
    """
    form = AdminLanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(
            gettext("Choose one of the languages offered."),
            content_type="text/plain; charset=utf-8",
        )
    response = redirect(_admin_url_or_index(request, form.cleaned_data["next"]))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        form.cleaned_data["language"],
        max_age=COOKIE_AGE,
        path=f"/{settings.ADMIN_PATH}",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
