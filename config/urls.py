"""Machine endpoints and the admin live outside i18n_patterns; everything a person reads inside.

Norwegian is unprefixed, English lives under /en/. Path segments are gettext strings with
English msgids: "programmes/" is "studier/" in the nb catalogue.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from config.admin_language import choose_admin_language
from config.admin_strings import script_catalogue
from config.media import serve_media
from config.views import favicon, read_only, robots_txt, view_on_site
from programs.sitemaps import sitemap

admin.site.site_header = _("Studieside administration")
admin.site.site_title = _("Studieside")
admin.site.index_title = _("Content")

urlpatterns = [
    # Before the admin's own "view on site", which would redirect any staff user: every
    # address of its shape ("+15", "١٥" as the id too), or that one would answer them.
    path(
        f"{settings.ADMIN_PATH}r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="view_on_site",
    ),
    # Before the admin too, whose catch-all would send it to the login page.
    path(f"{settings.ADMIN_PATH}language/", choose_admin_language, name="admin_language"),
    path(f"{settings.ADMIN_PATH}jsi18n/more/", script_catalogue, name="admin_script_strings"),
    path(settings.ADMIN_PATH, include("admissions.admin_health")),  # before the admin's own
    path(settings.ADMIN_PATH, admin.site.urls),  # ADMIN_PATH, "admin/" by default
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    *i18n_patterns(
        path("", read_only(RedirectView.as_view(pattern_name="programs:list")), name="home"),
        path(_("programmes/"), include("programs.urls")),
        path(_("programmes/"), include("admissions.urls")),
        prefix_default_language=False,
    ),
]

if not settings.MEDIA_S3_BUCKET:  # files on MEDIA_ROOT; object storage serves its own
    urlpatterns.append(path(f"{settings.MEDIA_URL[1:]}<path:path>", serve_media, name="media"))

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
