"""Language-prefix logic in one place: the URL of a page in each site language."""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path, iri_to_uri


def reverse_in(language, name, **kwargs):
    """``reverse(name, kwargs=kwargs)`` with ``language`` active, remembered.

    A programme page links to itself in each language, to its cohorts, feeds and plans; a list
    page to twenty programmes. Each ``reverse()`` under ``translation.override`` costs ~50 µs
    (docs/performance.md), and its result depends only on the URLconf, the script prefix, the
    language and the arguments, so it is kept (8,192 results a process, a few hundred bytes
    each). A failed reverse raises ``NoReverseMatch`` as before and is not kept. A changed
    setting (in tests) forgets them all.
    """
    arguments = tuple(sorted(kwargs.items()))
    return _reverse(get_urlconf(), get_script_prefix(), language, name, arguments)


@lru_cache(maxsize=8192)
def _reverse(urlconf, _script_prefix, language, name, arguments):
    with translation.override(language):
        return reverse(name, urlconf=urlconf, kwargs=dict(arguments))


@receiver(setting_changed)
def _forget_reversed(**kwargs):
    _reverse.cache_clear()


def urls_by_language(name, **kwargs):
    """``{language code: URL}`` for the named URL, reversed inside each language.

    Only for pages without translated slugs; pages of objects use ``object_urls_by_language``
    because their slug comes from the object.
    """
    return {code: reverse_in(code, name, **kwargs) for code, _name in settings.LANGUAGES}


def object_urls_by_language(obj):
    """``{language code: URL}`` of an object's page in every site language.

    Asks the object (``get_absolute_url(language)``), never ``translate_url``, which would keep
    the slug of the language the visitor is reading.
    """
    return {code: obj.get_absolute_url(code) for code, _name in settings.LANGUAGES}


class LanguagePrefixCaseMiddleware:
    """``/EN/programmes/`` → 301 ``/en/programmes/``, script prefix and query string kept.

    Django's LocaleMiddleware reads the language prefix in any case but the URL patterns
    match it in lower case only, so such an address was a 404 whose page mixed the languages
    (``/En/``: ``lang="en"`` around Norwegian text)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}

    def __call__(self, request):
        prefix, _slash, rest = request.path_info[1:].partition("/")
        if prefix == prefix.lower() or prefix.lower() not in self.prefixes:
            return self.get_response(request)
        script = request.path[: len(request.path) - len(request.path_info)]
        url = escape_uri_path(f"{script}/{prefix.lower()}/{rest}")  # "/EN": straight to "/en/"
        if query := request.META.get("QUERY_STRING"):
            url += "?" + iri_to_uri(query)
        response = HttpResponsePermanentRedirect(url)
        # Never stored: there is one for any path a scanner tries, like a 404 (page_cache.py).
        add_never_cache_headers(response)
        return response
