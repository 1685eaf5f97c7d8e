"""Language-prefix logic in one place: the URL of a page in each site language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def urls_by_language(name, **kwargs):
    """``{language code: URL}`` for the named URL, reversed inside each language.

    Only for pages without translated slugs; programme pages use
    ``Programme.urls_by_language()`` because the slug comes from the object.
    """
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(name, kwargs=kwargs)
    return urls
