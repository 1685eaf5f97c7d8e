"""Text helpers without the database."""

from django.utils.text import slugify

# Django's slugify drops letters it cannot transliterate to ASCII, so "Bær" would become "br".
_NORWEGIAN = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def norwegian_slugify(value):
    """A URL slug that keeps Norwegian letters readable.

    "Påbygg til mastergrad" → "pabygg-til-mastergrad", where Django's slugify gives "pbygg-…".
    """
    return slugify(str(value).translate(_NORWEGIAN))
