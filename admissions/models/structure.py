"""Programme structure: courses (emner) and the plan of each study option and cohort.

A ``ProgrammePlan`` places courses into the semesters of one study option (full-time or
part-time) for one cohort ("2023H"). Old plans stay: students enrolled under them still follow
them. Validation lives here (field validators, ``clean()``, constraints) so the admin, fixtures
and test builders share it through ``full_clean()``; the sums a published plan must reach are
checked by ``ProgrammePlan.structure_errors()``, on the saved rows in ``clean()`` and on the
rows being saved in the admin's inline formset.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from admissions import weeks
from admissions.choices import Season, StudyMode
from admissions.grade_points import MAX_CREDITS
from admissions.models.cohorts import Cohort
from admissions.models.options import StudyOption
from programs.choices import ChoiceLabels, Level
from programs.models import MAX_POSITION
from programs.text import validate_visible_text
from programs.unique import NamesValueHolder

FULL_TIME_SEMESTER_CREDITS = Decimal(30)  # ECTS: 60 a year, two semesters (Universities Act)

# The study mode in a plan's address: /studier/<slug>/programplan/2023H/heltid/.
MODE_SLUGS = {
    StudyMode.FULL_TIME: pgettext_lazy("URL", "full-time"),
    StudyMode.PART_TIME: pgettext_lazy("URL", "part-time"),
}


def credits_of(placements):
    """The summed credits of the courses of ``placements`` (PlanCourse rows)."""
    return sum((placement.course.credits for placement in placements), Decimal(0))


def credits_text(value):
    """7.5 → "7,5" in nb, "7.5" in en; 30 → "30" (no decimals for whole credits)."""
    return number_format(value, 0 if value == value.to_integral_value() else 1)


class InstructionLanguage(models.TextChoices):
    NORWEGIAN = "nb", _("Taught in Norwegian")
    ENGLISH = "en", _("Taught in English")


class Course(NamesValueHolder, ChoiceLabels, models.Model):
    """A course (emne) with its own code and credits; plans of any programme can place it."""

    code = models.CharField(
        _("course code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9]+(-[A-Z0-9]+)*\Z",  # \Z: "$" would let a final newline through
                _("Use capital letters and digits, like “PHV1100”."),
                code="invalid_course_code",
            )
        ],
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    credits = models.DecimalField(
        _("ECTS credits"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5"), _("A course has at least 0.5 ECTS credits.")),
            MaxValueValidator(
                Decimal(MAX_CREDITS), _("A course has at most %(limit_value)s ECTS credits.")
            ),
        ],
        help_text=_("For example 15 or 7.5."),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level)
    language = models.CharField(
        _("language of instruction"),
        max_length=5,
        choices=InstructionLanguage,
        default=InstructionLanguage.NORWEGIAN,
    )
    description_url = models.URLField(
        _("course description"),
        blank=True,
        help_text=_("The address of the full course description; the course title links to it."),
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def unique_holder_label(self):
        return self.title  # «PHV1100» er allerede brukt av «Psykisk helse», not the code twice

    def clean(self):
        """New credits must leave every published plan with this course adding up."""
        if self.pk is None:
            return
        errors = []
        plans = ProgrammePlan.objects.published().filter(placements__course=self).distinct()
        for plan in plans.select_related("study_option__programme", "cohort"):
            placements = list(plan.placements.select_related("course"))
            for placement in placements:
                if placement.course_id == self.pk:
                    placement.course = self
            errors += [
                ValidationError(
                    _("The published programme plan %(plan)s would no longer add up: %(reason)s"),
                    code="breaks_plan",
                    params={"plan": plan, "reason": " ".join(error.messages)},
                )
                for error in plan.structure_errors(placements)
            ]
        if errors:
            raise ValidationError({"credits": errors})


@dataclass(frozen=True)
class PlanSemester:
    """One semester of a plan: ``number`` (1…), ``term`` ("Høst 2023"), its ``placements``
    in order and their summed ``credits``."""

    number: int
    term: str
    placements: list
    credits: Decimal


class ProgrammePlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class ProgrammePlan(models.Model):
    """The courses of one study option, semester by semester, for the students of a cohort."""

    study_option = models.ForeignKey(
        StudyOption, verbose_name=_("study option"), on_delete=models.CASCADE, related_name="plans"
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="plans",
        help_text=_("The plan applies to the students who started with this cohort."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Only published plans are shown. A published plan must add up: "
            "30 ECTS credits a semester full-time, and the programme's credits in all."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammePlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme plan")
        verbose_name_plural = _("programme plans")
        ordering = ["study_option_id", "cohort_id"]  # local columns: no join in prefetches
        constraints = [
            models.UniqueConstraint(
                fields=["study_option", "cohort"],
                name="plan_unique_per_option_and_cohort",
                violation_error_code="duplicate_plan",
                violation_error_message=_("This study option already has a plan for that cohort."),
            ),
        ]

    def __str__(self):
        return f"{self.study_option.study_code} {self.cohort.code}"

    def get_absolute_url(self, language=None):
        """The plan's page (reads the cached option, programme and cohort, no query)."""
        option = self.study_option
        return option.programme.page_url(
            "admissions:plan", language, code=self.cohort.code, mode=option.mode
        )

    def clean(self):
        option, cohort = self.study_option_id and self.study_option, self.cohort_id and self.cohort
        if option and cohort and option.programme_id != cohort.programme_id:
            raise ValidationError(
                {
                    "cohort": ValidationError(
                        _("Choose a cohort of the study option's own programme."),
                        code="other_programme",
                    )
                }
            )
        if self.pk is not None and not getattr(self, "rows_checked_elsewhere", False):
            errors = self.structure_errors(list(self.placements.select_related("course")))
            if errors:
                raise ValidationError({"is_published": errors})

    def structure_errors(self, placements):
        """``[ValidationError]`` of the ``placements`` (saved or about to be) as a whole.

        The same course twice is always an error; a published plan must also give a full-time
        semester 30 ECTS credits and add up to the programme's credits. Leaves semesters past
        the option's length to ``PlanCourse.clean()``.
        """
        errors = []
        codes = [p.course.code for p in placements]
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            errors.append(
                ValidationError(
                    _("Course %(code)s is placed twice in this plan."),
                    code="duplicate_course",
                    params={"code": code},
                )
            )
        if not self.is_published or not self.study_option_id:
            return errors
        option = self.study_option
        if option.mode == StudyMode.FULL_TIME:
            for semester in self.semesters(placements):
                if semester.credits != FULL_TIME_SEMESTER_CREDITS:
                    errors.append(
                        ValidationError(
                            _(
                                "Semester %(semester)s has %(credits)s ECTS credits; a "
                                "full-time semester has %(full_time)s."
                            ),
                            code="semester_credits",
                            params={
                                "semester": semester.number,
                                "credits": credits_text(semester.credits),
                                "full_time": credits_text(FULL_TIME_SEMESTER_CREDITS),
                            },
                        )
                    )
        programme_credits = option.programme.ects_credits
        total = credits_of(placements)
        if programme_credits is not None and total != programme_credits:
            errors.append(
                ValidationError(
                    _(
                        "The plan adds up to %(total)s ECTS credits, but the programme has "
                        "%(credits)s."
                    ),
                    code="plan_total",
                    params={
                        "total": credits_text(total),
                        "credits": credits_text(programme_credits),
                    },
                )
            )
        return errors

    def semesters(self, placements=None, language=None):
        """Every semester of the study option, empty ones too: ``[PlanSemester]``.

        ``placements`` default to the prefetched ones (``for_detail_page()``: no query).
        """
        placements = self.placements.all() if placements is None else placements
        language = language or translation.get_language()
        year, season = self.cohort.starts
        first = year * 2 + (season == Season.AUTUMN)  # terms counted as in weeks.term_order
        semesters = []
        for number in range(1, self.study_option.duration_semesters + 1):
            term_year, autumn = divmod(first + number - 1, 2)
            rows = sorted(
                (p for p in placements if p.semester == number),
                key=lambda p: (p.position, p.course.code),
            )
            semesters.append(
                PlanSemester(
                    number=number,
                    term=weeks.term_label(
                        Season.AUTUMN if autumn else Season.SPRING, term_year, language
                    ),
                    placements=rows,
                    credits=credits_of(rows),
                )
            )
        return semesters

    def total_credits(self):
        """The credits of all courses (prefetched placements, no query)."""
        return credits_of(self.placements.all())


class PlanCourse(models.Model):
    """A course in one semester of a plan, mandatory or elective."""

    plan = models.ForeignKey(
        ProgrammePlan,
        verbose_name=_("programme plan"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="placements"
    )
    semester = models.PositiveSmallIntegerField(
        _("semester"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 is the cohort's first semester."),
    )
    is_elective = models.BooleanField(
        _("elective"),
        default=False,
        help_text=_("An elective course a student may swap for another approved one."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=[MaxValueValidator(MAX_POSITION)]
    )

    class Meta:
        verbose_name = _("course in a plan")
        verbose_name_plural = _("courses in the plan")
        ordering = ["plan_id", "semester", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "course"],
                name="plan_course_unique",
                violation_error_code="duplicate_course",
                violation_error_message=_("This course is already in the plan."),
            ),
        ]

    def __str__(self):
        return f"{self.course.code} ({self.semester})"

    def clean(self):
        plan = getattr(self, "plan", None)
        if plan is None or not plan.study_option_id or not isinstance(self.semester, int):
            return  # field errors are already reported
        length = plan.study_option.duration_semesters
        if self.semester > length:
            raise ValidationError(
                {
                    "semester": ValidationError(
                        ngettext(
                            "The study option has %(length)s semester.",
                            "The study option has %(length)s semesters.",
                            length,
                        ),
                        code="semester_out_of_range",
                        params={"length": length},
                    )
                }
            )

    @property
    def mode_label(self):
        """ "Compulsory" or "Elective", for the plan table."""
        return _("Elective") if self.is_elective else _("Compulsory")
