"""Who may apply: fields of study and a programme's admission requirement."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models import Programme


class FieldOfStudy(models.Model):
    """A bachelor field an applicant may hold, such as nursing; filterable on the list page."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Used in the address of the filtered programme list, e.g. “sykepleie”."),
    )

    class Meta:
        verbose_name = _("field of study")
        verbose_name_plural = _("fields of study")
        ordering = ["name_nb"]

    def __str__(self):
        return self.name


class AdmissionRequirement(models.Model):
    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="admission_requirement",
    )
    accepted_fields = models.ManyToManyField(
        FieldOfStudy,
        verbose_name=_("accepted bachelor fields"),
        blank=True,
        related_name="requirements",
        help_text=_("Applicants with a bachelor's degree in one of these fields may apply."),
    )
    text = models.TextField(
        _("other requirements"), blank=True, help_text=_("Shown after the list of fields.")
    )
    ranking = models.TextField(
        _("ranking"), blank=True, help_text=_("How applicants are ranked when places are limited.")
    )

    class Meta:
        verbose_name = _("admission requirement")
        verbose_name_plural = _("admission requirements")
        ordering = ["programme"]

    def __str__(self):
        return str(self.programme)

    @staticmethod
    def of(programme):
        """The requirement of ``programme`` or None (``for_detail_page()`` selects it: no query)."""
        return getattr(programme, "admission_requirement", None)

    def accepted_field_names(self):
        """Accepted fields in the reader's alphabetical order (prefetched rows, no query)."""
        return sorted((field.name for field in self.accepted_fields.all()), key=str.lower)
