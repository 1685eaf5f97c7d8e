"""Enumerations of the programmes app, apart from the models so querysets can use them too."""

import functools

from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.autoreload import file_changed
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    FURTHER_EDUCATION = "further_education", _("Further education")
    BACHELOR = "bachelor", _("Bachelor's programme")
    MASTER = "master", _("Master's programme")
    PHD = "phd", _("PhD programme")


class Status(models.TextChoices):
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed for applications")
    DISCONTINUED = "discontinued", _("Discontinued")


class Embed(models.TextChoices):
    """Structured blocks a section can show, so editors control where facts appear."""

    ADMISSION = "admission", _("Admission requirements and thresholds")
    APPLY = "apply", _("How to apply")
    SCHEDULE = "schedule", _("Teaching weeks")
    STRUCTURE = "structure", _("Programme structure")

    @property
    def heading(self):
        """The <h2> of the block when no section embeds it and it follows the sections."""
        return EMBED_HEADINGS[self]


EMBED_HEADINGS = {
    Embed.ADMISSION: _("Admission requirements"),
    Embed.APPLY: _("How to apply"),
    Embed.SCHEDULE: _("Teaching weeks"),
    Embed.STRUCTURE: _("Programme structure"),
}


class EmbedPlacement(models.TextChoices):
    AFTER_TEXT = "after", _("After the text")
    BEFORE_TEXT = "before", _("Before the text")


@functools.lru_cache(maxsize=1024)
def _label(field, value, language):
    """The label of ``value`` in ``language``, translated once and kept until a setting
    changes (tests) or ``runserver`` sees a recompiled catalogue (``_forget_labels``)."""
    label = dict(make_hashable(field.flatchoices)).get(value, value)
    return force_str(label, strings_only=True)


@receiver(setting_changed)
@receiver(file_changed)
def _forget_labels(file_path=None, **kwargs):
    if file_path is None or file_path.suffix == ".mo":
        _label.cache_clear()


class ChoiceLabels:
    """Model mixin: ``get_FOO_display()`` as Django's, by a lookup in a dictionary kept per field.

    Django's builds a dictionary of every choice on each call, hashing (so translating) every
    lazy label: tens of microseconds a call, and a list page makes 40 calls. Here each label
    is translated once per language (docs/performance.md).
    """

    def _get_FIELD_display(self, field):
        return _label(field, make_hashable(getattr(self, field.attname)), get_language())
