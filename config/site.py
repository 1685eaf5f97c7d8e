"""Absolute URLs, built in one place from ``SITE_URL``, never from a request's headers.

A forged ``Host`` port or ``X-Forwarded-*`` header must not reach a canonical link, a sitemap
or a shared page cache. Only in development (``SITE_URL`` unset, ``DEBUG`` on) does the
request's own origin stand in, so ``runserver`` works on any port.
"""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path, request=None):
    """``path`` (site-relative, or already absolute like a storage's URL) as an absolute URL."""
    if settings.SITE_URL:
        return urljoin(settings.SITE_URL + "/", path)
    return request.build_absolute_uri(path)
