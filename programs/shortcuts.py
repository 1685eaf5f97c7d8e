"""Helpers the page views of programmes, and of the apps built on them, share."""

from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

# Longer query strings are dropped from a redirect rather than risk a Location header a proxy
# refuses (nginx's default buffer is 4-8 KB); 60 courses in the calculator take ~1,300.
MAX_KEPT_QUERY = 2000


def canonical_redirect(request, url, named=None):
    """A 301 to ``url`` when the request came by another path, else None.

    A page has one address per language: an old slug, or the slug of the other language,
    is sent on to it, with the query string (what was typed into the grade-point calculator,
    a campaign tag) re-encoded, so nothing in it can reach the ``Location`` header raw.
    ``named`` is the address of the page the request named when that page leads on to
    ``url`` (a retired programme, to its successor); by default ``url`` itself.
    """
    if request.path == url:
        return None
    query = request.GET.urlencode()
    keep = query and len(query) <= MAX_KEPT_QUERY
    response = redirect(f"{url}?{query}" if keep else url, permanent=True)
    named = named or url
    if request.path != named and request.path.lower() == named.lower():
        # Only the case differs ("/studier/Sykepleie/"): never stored, or every spelling of
        # every slug could take a slot of the page cache, as 404s would (config/page_cache.py).
        add_never_cache_headers(response)
    return response
