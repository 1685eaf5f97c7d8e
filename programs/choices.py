"""Enumerations of the programmes app, apart from the models so querysets can use them too."""

from django.db import models
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
    SCHEDULE = "schedule", _("Gathering weeks")
    STRUCTURE = "structure", _("Programme structure")

    @property
    def heading(self):
        """The <h2> of the block when no section embeds it and it follows the sections."""
        return EMBED_HEADINGS[self]


EMBED_HEADINGS = {
    Embed.ADMISSION: _("Admission requirements"),
    Embed.APPLY: _("How to apply"),
    Embed.SCHEDULE: _("Gathering weeks"),
    Embed.STRUCTURE: _("Programme structure"),
}


class EmbedPlacement(models.TextChoices):
    AFTER_TEXT = "after", _("After the text")
    BEFORE_TEXT = "before", _("Before the text")
