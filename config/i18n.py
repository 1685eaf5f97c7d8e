"""Language-prefix logic in one place: the URL of a page in each site language."""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, get_script_prefix, get_urlconf, resolve, reverse
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


class PathCaseMiddleware:
    """An address whose language prefix or first word is in capitals leads to its page with
    a 301, script prefix and query string kept: ``/EN/programmes/`` → ``/en/programmes/``,
    ``/STUDIER/`` → ``/studier/``, ``/EN/PROGRAMMES/`` → ``/en/programmes/`` in one hop.

    Django's LocaleMiddleware reads the language prefix in any case but the URL patterns
    match it in lower case only, so such an address was a 404 whose page mixed the languages
    (``/En/``: ``lang="en"`` around Norwegian text). The first word after the prefix is
    lower-cased only when the path matches no URL pattern as typed and does so: the rest is
    left as typed, since a slug in capitals is the view's to find (it redirects) and a cohort
    code is written in capitals (``kull-2023H``). Only when that matches no pattern either
    (``/EN/PROGRAMMES/X/COHORT-2023H/``) is every word lowered, for the view to find; so the
    301 never leads to a 404 that the address typed in lower case would not give.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}

    def __call__(self, request):
        path = request.path_info
        if path == path.lower():
            return self.get_response(request)
        segments = path.split("/")  # "/EN/PROGRAMMES/x/": ["", "EN", "PROGRAMMES", "x", ""]
        language, word = settings.LANGUAGE_CODE, 1
        if segments[1].lower() in self.prefixes:
            language, word = segments[1].lower(), 2
            segments[1] = language
            if len(segments) == 2:
                segments.append("")  # "/EN": straight to "/en/"
        if word < len(segments) and segments[word] != segments[word].lower():
            lowered = [*segments[:word], segments[word].lower(), *segments[word + 1 :]]
            if settings.APPEND_SLASH and lowered[-1]:
                lowered.append("")  # "/STUDIER": CommonMiddleware would add it next
            # Then every word: "/EN/PROGRAMMES/X/COHORT-2023H/" has another in capitals.
            everything = [*lowered[:word], *(segment.lower() for segment in lowered[word:])]
            with translation.override(language):
                if not _resolves("/".join(segments)):
                    segments = next(
                        (c for c in (lowered, everything) if _resolves("/".join(c))), segments
                    )
        if "/".join(segments) == path:
            return self.get_response(request)
        script = request.path[: len(request.path) - len(request.path_info)]
        url = escape_uri_path(script + "/".join(segments))
        if query := request.META.get("QUERY_STRING"):
            url += "?" + iri_to_uri(query)
        response = HttpResponsePermanentRedirect(url)
        # Never stored: there is one for any path a scanner tries, like a 404 (page_cache.py).
        add_never_cache_headers(response)
        return response


def _resolves(path):
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
