"""sitemap.xml: the list, every listed programme and its current programme plans, per language,
with hreflang alternates.

Retired, unpublished and not-indexed pages (cohort pages, feeds) are left out; a programme
without English text has no English entry (``Programme.languages()``).

The same XML as ``django.contrib.sitemaps`` with ``i18n``, ``alternates`` and ``x_default``
(one ``<url>`` per page and language, each naming every language and x-default), written
without it: at 400 programmes its per-URL ``reverse()`` under ``translation.override`` and its
template took ~100 ms a request; here each language's path is reversed once and the rows come
from one ``values()`` query (``make bench``, case f). Crawlers ask again with the ETag
(``ConditionalGetMiddleware``, from the bytes), not with ``If-Modified-Since``: no
``Last-Modified`` is sent, since the newest change of the programmes listed does not move when
one leaves the list (unpublished, retired, deleted), and a crawler would be told "not modified".
"""

from html import escape
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from config.i18n import urls_by_language
from config.site import absolute_url
from config.views import read_only
from programs.extensions import extensions
from programs.models import Programme

SLUG = "slug-in-sitemap"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset'
    ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


class Row(SimpleNamespace):
    """A programme's ``values()`` row that answers ``languages()`` by the model's own rules,
    without the cost of building a model instance."""

    languages = Programme.languages
    has_own_text = Programme.has_own_text


def language_urls(request, name, **kwargs):
    """{language: absolute URL of the named page in that language}."""
    return {
        code: absolute_url(path, request) for code, path in urls_by_language(name, **kwargs).items()
    }


def url_entries(urls, lastmod, zone):
    """The ``<url>`` elements of one page in each language of ``urls`` ({language: URL});
    ``lastmod`` is dated in time zone ``zone``."""
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(url)}"/>'
        for code, url in [*urls.items(), ("x-default", urls[settings.LANGUAGE_CODE])]
    )
    day = f"<lastmod>{lastmod.astimezone(zone).date().isoformat()}</lastmod>" if lastmod else ""
    return [f"<url><loc>{escape(url)}</loc>{day}{links}</url>" for url in urls.values()]


@read_only
def sitemap(request):
    """The list, each listed programme in order of creation (1 query), then the pages apps
    add (``extensions.sitemap_pages``: each study option's current plan, 1 query)."""
    fields = [
        f"{text}_{code}" for text in ("slug", "title", "lead") for code, _ in settings.LANGUAGES
    ]
    # raw_values(): modeltranslation's values() would look for fallbacks row by row.
    rows = Programme.objects.listed().order_by("pk").raw_values("pk", "updated_at", *fields)
    programmes = [Row(**row) for row in rows]
    detail = language_urls(request, "programs:detail", slug=SLUG)
    latest = max((programme.updated_at for programme in programmes), default=None)
    zone = timezone.get_current_timezone()
    entries = url_entries(language_urls(request, "programs:list"), latest, zone)
    for programme in programmes:
        urls = {
            code: detail[code].replace(SLUG, quote(getattr(programme, f"slug_{code}")))
            for code in programme.languages()
        }
        entries += url_entries(urls, programme.updated_at, zone)
    by_pk = {programme.pk: programme for programme in programmes}
    origin = absolute_url("/", request).removesuffix("/")  # as absolute_url() joins a path
    for pages in extensions.sitemap_pages:
        for paths, updated in pages(by_pk):
            urls = {code: origin + path for code, path in paths.items()}
            entries += url_entries(urls, updated, zone)
    response = HttpResponse(
        HEAD + "".join(entries) + "\n</urlset>\n", content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
