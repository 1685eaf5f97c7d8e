"""sitemap.xml: every listed programme and the list, per language, with hreflang alternates.

Retired, unpublished and not-indexed pages (cohort pages, feeds) are left out; a programme
without English text has no English entry (``get_languages_for_item``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from programs.models import Programme


class SiteSitemap(Sitemap):
    """Locations and alternates on SITE_URL (config/site.py), not on the request's host."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme if settings.SITE_URL else protocol

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else site.domain


class ProgrammeSitemap(SiteSitemap):
    def items(self):
        return Programme.objects.listed().order_by("pk")

    def lastmod(self, programme):
        return programme.updated_at

    def get_languages_for_item(self, programme):
        return programme.languages()


class ProgrammeListSitemap(SiteSitemap):
    def items(self):
        return ["programs:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Programme.objects.listed().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"list": ProgrammeListSitemap, "programmes": ProgrammeSitemap}
