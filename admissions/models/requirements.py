"""Who may apply: fields of study and a programme's admission requirement."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from admissions.grade_points import RULE_SETS
from programs.choices import ChoiceLabels
from programs.models import Programme
from programs.querysets import alphabet_key, alphabetical, visible
from programs.text import validate_plain_text, validate_visible_text
from programs.unique import NamesValueHolder


class FieldOfStudy(NamesValueHolder, models.Model):
    """A bachelor field an applicant may hold, such as nursing; filterable on the list page."""

    name = models.CharField(_("name"), max_length=100, validators=[validate_visible_text])
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

    @classmethod
    def names_in_order(cls, language):
        """Every field as (code, name), in the alphabet of ``language`` by the name its reader
        sees: an English reader's by their English names (1 query)."""
        name = visible("name", language)
        return list(
            cls.objects.order_by(alphabetical(name, language), "pk").values_list("code", name)
        )


class AdmissionRequirement(ChoiceLabels, models.Model):
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
        _("other requirements"),
        blank=True,
        help_text=_("Shown after the list of fields."),
        validators=[validate_plain_text],
    )
    ranking = models.TextField(
        _("ranking"),
        blank=True,
        help_text=_("How applicants are ranked when places are limited."),
        validators=[validate_plain_text],
    )
    grade_point_rules = models.CharField(
        _("grade-point calculator"),
        max_length=30,
        blank=True,
        choices=[(rules.code, rules.name) for rules in RULE_SETS.values()],
        help_text=_(
            "The rules applicants are ranked by, for the calculator on the programme page. "
            "Empty: no calculator."
        ),
    )

    class Meta:
        verbose_name = _("admission requirement")
        verbose_name_plural = _("admission requirements")
        ordering = ["programme_id"]

    def __str__(self):
        return str(self.programme)

    @staticmethod
    def of(programme):
        """The requirement of ``programme`` or None (``for_detail_page()`` selects it: no query)."""
        return getattr(programme, "admission_requirement", None)

    @classmethod
    def sharing_a_field(cls, programme):
        """A Q of the programmes that accept a bachelor field ``programme`` accepts, or None
        when it names none. Reads its prefetched requirement (``for_detail_page()``)."""
        requirement = cls.of(programme)
        fields = [field.pk for field in requirement.accepted_fields.all()] if requirement else []
        if not fields:
            return None
        return Q(pk__in=cls.objects.filter(accepted_fields__in=fields).values("programme"))

    @classmethod
    def calculator_of(cls, programme):
        """The requirement whose calculator the address of ``programme``'s serves, or None
        (404): its own; for a retired programme, its final successor's; None without a rule
        set or a page. Reads the prefetched requirement; a retired programme's costs 1 query for
        its successor's requirement, and 1 more when that one retired too (``destination()``)."""
        programme = programme and programme.page_destination()
        requirement = programme and cls.of(programme)
        return requirement if requirement and requirement.rule_set() else None

    def rule_set(self):
        """The grade-point RuleSet applicants are ranked by, or None (no calculator)."""
        return RULE_SETS.get(self.grade_point_rules)

    def get_calculator_url(self, language=None):
        """The calculator page of the programme in ``language`` (default: the active one)."""
        return self.programme.page_url("admissions:grade-points", language)

    def accepted_field_names(self):
        """Accepted fields in the reader's alphabetical order (prefetched rows, no query)."""
        language = get_language()
        names = (field.name for field in self.accepted_fields.all())
        return sorted(names, key=lambda name: alphabet_key(name, language))
