"""Template helpers for translated content: mark Norwegian fallback text honestly."""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

register = template.Library()


def _fallback_code(obj, field):
    """The language code of the text shown for ``obj.field`` when it is a fallback, else ""."""
    language, default = get_language(), settings.LANGUAGE_CODE
    if language == default or getattr(obj, f"{field}_{language}", None):
        return ""
    return default if getattr(obj, f"{field}_{default}", None) else ""


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="nb"` on an element whose text falls back to Norwegian; nothing otherwise."""
    code = _fallback_code(obj, field)
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag
def marked_text(obj, field):
    """``obj.field`` as text to put inside a sentence of the page's language: in a
    ``<span lang="nb">`` when it falls back to Norwegian, so that "Master i helsesykepleie,
    cohort 2025V" marks the title as Norwegian and leaves "cohort" English."""
    code, text = _fallback_code(obj, field), getattr(obj, field)
    return format_html('<span lang="{}">{}</span>', code, text) if code else text


@register.simple_tag
def marked_titles(programmes):
    """The titles of ``programmes`` as one phrase, each marked as ``marked_text`` marks it:
    "A", "A and B", "A, B and C"."""
    titles = [(marked_text(programme, "title"),) for programme in programmes]
    if len(titles) < 2:
        return titles[0][0] if titles else ""
    return format_html(
        "{} {} {}", format_html_join(", ", "{}", titles[:-1]), gettext("and"), titles[-1][0]
    )


@register.filter
def isolated(text):
    """``text`` in a ``<bdi>``: a reader's own words inside a sentence of ours (an echoed
    search) cannot turn the direction of the sentence around them."""
    return format_html("<bdi>{}</bdi>", text)


@register.simple_tag
def fallback_lang_code(obj, field):
    """The bare code for ``fallback_lang``, for components that take ``lang`` as input."""
    return _fallback_code(obj, field)


@register.filter
def has_own_text(programme, language):
    return programme.has_own_text(language)


@register.filter
def is_partly_untranslated(programme, language):
    return programme.is_partly_untranslated(language)


@register.filter
def section_embedding(programme, kind):
    return programme.section_embedding(kind)
