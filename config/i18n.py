"""Language-prefix logic in one place: the URL of a page in each site language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def urls_by_language(name, **kwargs):
    """``{language code: URL}`` for the named URL, reversed inside each language.

    Only for pages without translated slugs; pages of objects use ``object_urls_by_language``
    because their slug comes from the object.
    """
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(name, kwargs=kwargs)
    return urls


def object_urls_by_language(obj):
    """``{language code: URL}`` of an object's page in every site language.

    Asks the object (``get_absolute_url(language)``), never ``translate_url``, which would keep
    the slug of the language the visitor is reading.
    """
    return {code: obj.get_absolute_url(code) for code, _name in settings.LANGUAGES}
