"""What crawlers and link previews read in <head>: canonical, hreflang, Open Graph, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from config.site import absolute_url
from programs.structured_data import programme_graph

register = template.Library()

OG_LOCALES = {"nb": "nb_NO", "en": "en_GB"}
# As django.utils.html.json_script: JSON inside <script> must not close the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def canonical_language_of(context):
    """The page's own language, or Norwegian when its text is a Norwegian fallback."""
    current = context["LANGUAGE_CODE"]
    return current if current in context["page_languages"] else settings.LANGUAGE_CODE


@register.inclusion_tag("components/page-head.html", takes_context=True)
def page_head(context, title, description, image="", query=""):
    """Canonical URL, hreflang alternates and Open Graph tags of the current page.

    Reads ``language_urls`` ({code: path}) and ``page_languages`` (the codes the page really
    has) from the context. The canonical URL is this page's own, or, when its text is a
    Norwegian fallback, the Norwegian page's. x-default is the Norwegian page.

    ``query``: the page is its address with this query string (the list's page 2), and its
    own canonical, not page 1's; it has no alternates, the other language's page 2 holding
    other programmes.
    """
    request, urls, languages = (
        context["request"],
        context["language_urls"],
        context["page_languages"],
    )
    canonical_language = canonical_language_of(context)
    absolute = {code: absolute_url(urls[code], request) for code in languages}
    canonical = absolute[canonical_language]
    if query:
        canonical, absolute = f"{canonical}?{query}", {}
    return {
        "canonical": canonical,
        "alternates": list(absolute.items()),
        "x_default": absolute.get(settings.LANGUAGE_CODE),
        "title": title,
        "description": description,
        "image": image and absolute_url(getattr(image, "url", image), request),
        "site_name": settings.SITE_NAME,
        "og_locale": OG_LOCALES[canonical_language],
        "og_alternates": [OG_LOCALES[code] for code in languages if code != canonical_language],
    }


@register.simple_tag(takes_context=True)
def programme_json_ld(context, programme):
    """schema.org EducationalOccupationalProgram as <script type="application/ld+json">."""
    request = context["request"]
    # The canonical page's address, as <link rel="canonical"> and og:url give it.
    url = absolute_url(programme.get_absolute_url(canonical_language_of(context)), request)
    image = programme.hero_image and absolute_url(programme.hero_image.url, request)
    graph = programme_graph(programme, url, context["today"], image)
    data = json.dumps(graph, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped for <script>
    )
