"""Text helpers without the database."""

from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext

# Django's slugify drops letters it cannot transliterate to ASCII, so "Bær" would become "br".
_NORWEGIAN = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def norwegian_slugify(value):
    """A URL slug that keeps Norwegian letters readable.

    "Påbygg til mastergrad" → "pabygg-til-mastergrad", where Django's slugify gives "pbygg-…".
    """
    return slugify(str(value).translate(_NORWEGIAN))


def or_list(names):
    """ "barnevern, ergoterapi eller vernepleie": lower-cased, joined with the reader's "or"."""
    return get_text_list([str(name).lower() for name in names], gettext("or"))
