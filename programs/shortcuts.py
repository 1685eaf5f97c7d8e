"""Helpers the page views of programmes, and of the apps built on them, share."""

from django.shortcuts import redirect


def canonical_redirect(request, url):
    """A 301 to ``url`` when the request came by another path, else None.

    A page has one address per language: an old slug, or the slug of the other language,
    is sent on to it.
    """
    return None if request.path == url else redirect(url, permanent=True)
