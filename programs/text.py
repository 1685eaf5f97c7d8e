"""Text helpers without the database."""

import re
import unicodedata
from html import unescape

from django.core.exceptions import ValidationError
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext, gettext_lazy

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


# Characters that draw nothing: controls, format characters (zero-width space and joiners, the
# byte-order mark, direction marks, soft hyphen), spaces and unassigned code points; and those
# Unicode calls default-ignorable in other categories: variation selectors, the combining
# grapheme joiner, Mongolian and Khmer invisibles, and the blank letters that pass for text
# (Hangul fillers; the blank Braille pattern too).
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Cn", "Zs", "Zl", "Zp"}
_INVISIBLE_CHARACTERS = {
    *"\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0",
    *map(chr, range(0x180B, 0x1810)),
    *map(chr, range(0xFE00, 0xFE10)),
    *map(chr, range(0xE0100, 0xE01F0)),
}


# Control characters other than tab and line breaks: pasted from another program, they are
# invisible in the admin, not allowed in HTML text, and make a calendar feed invalid.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_plain_text(value):
    """Refuses text holding a control character (other than a tab or a line break)."""
    if found := CONTROL_CHARACTERS.search(str(value)):
        before = str(value)[max(0, found.start() - 20) : found.start()]
        message = (
            gettext_lazy(
                "The text holds an invisible control character (U+%(code)s) after “%(before)s”, "
                "perhaps copied from another program. Delete it and save again."
            )
            if before.strip()
            else gettext_lazy(
                "The text begins with an invisible control character (U+%(code)s), perhaps "
                "copied from another program. Delete it and save again."
            )
        )
        raise ValidationError(
            message,
            code="control_character",
            params={"code": f"{ord(found.group()):04X}", "before": before},
        )


def validate_visible_text(value):
    """Refuses a name or text that draws nothing, such as a zero-width space alone, or that
    holds a control character (``validate_plain_text``).

    Django strips only what ``str.strip()`` calls whitespace, so "\u200b" passed a required
    field and became a link or heading a reader could neither see nor click."""
    if all(
        unicodedata.category(character) in _INVISIBLE_CATEGORIES
        or character in _INVISIBLE_CHARACTERS
        for character in str(value)
    ):
        raise ValidationError(
            gettext_lazy(
                "Write something a reader can see: this is only spaces or invisible characters."
            ),
            code="invisible",
        )
    validate_plain_text(value)


def has_text(value):
    """Whether ``value`` (plain text or rich-text HTML) has any visible text."""
    return bool(unescape(re.sub(r"<[^>]*>", "", value or "")).strip())
