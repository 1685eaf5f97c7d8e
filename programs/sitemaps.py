"""sitemap.xml: every listed programme and the list, per language, with hreflang alternates.

Retired, unpublished and not-indexed pages (cohort pages, feeds) are left out; a programme
without English text has no English entry (``get_languages_for_item``).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from programs.models import Programme


class ProgrammeSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Programme.objects.listed().order_by("pk")

    def lastmod(self, programme):
        return programme.updated_at

    def get_languages_for_item(self, programme):
        return programme.languages()


class ProgrammeListSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["programs:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Programme.objects.listed().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"list": ProgrammeListSitemap, "programmes": ProgrammeSitemap}
