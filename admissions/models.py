"""Structured admission facts of a programme: study options, requirements, thresholds, cohorts.

Validation lives here (field validators, ``clean()``, constraints) so the admin, fixtures and
test builders share it through ``full_clean()``. Date and wording logic is in ``weeks.py``.
"""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from admissions import ical, weeks
from programs.models import Programme


class StudyMode(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")


class Quota(models.TextChoices):
    ORDINARY = "ORD", _("Ordinary quota")
    FIRST_DIPLOMA = "ORDF", _("First-time diploma quota")


class Round(models.TextChoices):
    MAIN = "HOVED", _("Main round")
    SUPPLEMENTARY = "SUPP", _("Supplementary round")


class Outcome(models.TextChoices):
    POINTS = "points", _("Points")
    ALL_QUALIFIED = "ALLE", _("All qualified applicants admitted")
    WITHDRAWN = "TRU", _("Programme withdrawn")
    OPEN = "open", _("Open admission")
    NOT_GIVEN = "oi", _("Not given")


class Scale(models.TextChoices):
    # OsloMet ranks further education by bachelor grade average (A=5 … E=1); Samordna opptak
    # publishes competition points, which go above 60 with extra points.
    GRADE_AVERAGE = "grade_average", _("Grade average, 1–5")
    COMPETITION_POINTS = "competition_points", _("Competition points, 0–90")


SCALE_RANGE = {
    Scale.GRADE_AVERAGE: (Decimal("1.00"), Decimal("5.00")),
    Scale.COMPETITION_POINTS: (Decimal("0.00"), Decimal("90.00")),
}


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    AUTUMN = "autumn", _("Autumn")


class Kind(models.TextChoices):
    GATHERING = "gathering", _("Gathering")
    PRACTICE = "practice", _("Practice placement")
    EXAM = "exam", _("Exam")


COHORT_CODE = r"^20[0-9]{2}[HV]$"


def in_range(value, low, high):
    """Whether ``value`` is a number from ``low`` to ``high`` (None and junk are not)."""
    return isinstance(value, int) and low <= value <= high


def term_order(year, season):
    """A sortable key for a term: spring comes before autumn in the same year."""
    return (year, 0 if season == Season.SPRING else 1)


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

    def accepted_field_names(self):
        """Accepted fields in the reader's alphabetical order (prefetched rows, no query)."""
        return sorted((field.name for field in self.accepted_fields.all()), key=str.lower)


class StudyOption(models.Model):
    """A full-time or part-time variant of a programme, with its own study code."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="study_options",
    )
    mode = models.CharField(_("study mode"), max_length=20, choices=StudyMode)
    study_code = models.CharField(
        _("study code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Z]+( [0-9A-Z]+)*$",
                _("Use digits and capital letters, with single spaces, like “215 1210”."),
                code="invalid_study_code",
            )
        ],
    )
    duration_semesters = models.PositiveSmallIntegerField(
        _("duration in semesters"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    deadline_month = models.PositiveSmallIntegerField(
        _("deadline month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("deadline day"),
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("The application deadline recurs every year, e.g. day 1 of month 3."),
    )
    apply_via = models.CharField(
        _("where to apply"), max_length=100, default="Søknadsweb", help_text=_("E.g. Søknadsweb.")
    )
    apply_url = models.URLField(_("application address"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("study option")
        verbose_name_plural = _("study options")
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return f"{self.study_code} ({self.get_mode_display()})"

    def clean(self):
        if self.deadline_month is None or self.deadline_day is None:
            return  # field errors are already reported
        try:
            date(2027, self.deadline_month, self.deadline_day)  # not a leap year: no 29 February
        except (ValueError, OverflowError):  # OverflowError: a 20-digit number in the form
            raise ValidationError(
                {
                    "deadline_day": ValidationError(
                        _("Day %(day)s does not exist in month %(month)s every year."),
                        code="no_such_day",
                        params={"day": self.deadline_day, "month": self.deadline_month},
                    )
                }
            ) from None

    def next_deadline(self, today):
        """The deadline of the coming admission round: this year's, or next year's if passed."""
        deadline = date(today.year, self.deadline_month, self.deadline_day)
        return deadline if deadline >= today else deadline.replace(year=today.year + 1)

    def latest_threshold(self):
        """The newest main-round ordinary-quota threshold, from prefetched rows (no query)."""
        rows = [
            t for t in self.thresholds.all() if t.round == Round.MAIN and t.quota == Quota.ORDINARY
        ]
        return max(rows, key=lambda t: t.admission_year, default=None)


class AdmissionThreshold(models.Model):
    """The lowest score that got an offer, per study option, admission year, round and quota."""

    study_option = models.ForeignKey(
        StudyOption,
        verbose_name=_("study option"),
        on_delete=models.CASCADE,
        related_name="thresholds",
    )
    admission_year = models.PositiveSmallIntegerField(
        _("admission year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    round = models.CharField(_("round"), max_length=5, choices=Round, default=Round.MAIN)
    quota = models.CharField(_("quota"), max_length=5, choices=Quota, default=Quota.ORDINARY)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome, default=Outcome.POINTS)
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only when the outcome is points, e.g. 2.78."),
    )
    scale = models.CharField(_("scale"), max_length=20, choices=Scale, default=Scale.GRADE_AVERAGE)

    class Meta:
        verbose_name = _("admission threshold")
        verbose_name_plural = _("admission thresholds")
        ordering = ["study_option", "-admission_year", "round", "quota"]
        constraints = [
            models.UniqueConstraint(
                fields=["study_option", "admission_year", "round", "quota"],
                name="threshold_unique_per_option_year_round_quota",
                violation_error_code="duplicate_threshold",
                violation_error_message=_(
                    "This study option already has a threshold for that year, round and quota."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.study_option.study_code} {self.admission_year} {self.quota}"

    def clean(self):
        if self.outcome == Outcome.POINTS and self.points is None:
            raise ValidationError(
                {"points": ValidationError(_("Enter the points."), code="points_missing")}
            )
        if self.outcome != Outcome.POINTS and self.points is not None:
            raise ValidationError(
                {
                    "points": ValidationError(
                        _("Leave the points empty when the outcome is not points."),
                        code="points_not_expected",
                    )
                }
            )
        low, high = SCALE_RANGE.get(self.scale, (None, None))
        if self.points is not None and low is not None and not low <= self.points <= high:
            raise ValidationError(
                {
                    "points": ValidationError(
                        _("Points on this scale lie between %(low)s and %(high)s."),
                        code="points_out_of_range",
                        params={"low": number_format(low, 2), "high": number_format(high, 2)},
                    )
                }
            )


class Cohort(models.Model):
    """Students who started together, such as "2023H" (autumn 2023), and their schedule."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="cohorts"
    )
    code = models.CharField(
        _("cohort"),
        max_length=5,
        validators=[
            RegexValidator(
                COHORT_CODE,
                _("Write the start year and H (autumn) or V (spring), like “2023H”."),
                code="invalid_cohort_code",
            )
        ],
    )
    ends_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    ends_season = models.CharField(_("last term"), max_length=10, choices=Season)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["programme", "-code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="cohort_unique_code_per_programme",
                violation_error_code="duplicate_cohort",
                violation_error_message=_("This programme already has a cohort with that code."),
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self, language=None):
        """The cohort's schedule page (reads the cached programme, no query)."""
        with translation.override(language or translation.get_language()):
            return reverse(
                "admissions:cohort", kwargs={"slug": self.programme.slug, "code": self.code}
            )

    @property
    def starts(self):
        """(year, season) of the first term, read from the code: 2023H → (2023, autumn)."""
        season = Season.AUTUMN if self.code.endswith("H") else Season.SPRING
        return int(self.code[:4]), season

    def clean(self):
        if not self.has_valid_terms():
            return  # field errors are already reported
        if term_order(self.ends_year, self.ends_season) < term_order(*self.starts):
            raise ValidationError(
                {
                    "ends_year": ValidationError(
                        _("The cohort cannot end before it starts."), code="ends_before_start"
                    )
                }
            )
        if self.pk is not None:  # changed terms must still hold the saved weeks (admin only)
            outside = [w for w in self.weeks.all() if not self.includes_term(w.iso_year, w.season)]
            if outside:
                raise ValidationError(
                    {
                        "ends_year": ValidationError(
                            _(
                                "Weeks %(weeks)s would fall outside the cohort. "
                                "Move or delete them first."
                            ),
                            code="weeks_outside",
                            params={"weeks": ", ".join(str(w) for w in outside)},
                        )
                    }
                )

    def get_calendar_url(self, language=None):
        """The iCalendar feed of this cohort (reads the cached programme, no query)."""
        with translation.override(language or translation.get_language()):
            return reverse(
                "admissions:cohort-calendar",
                kwargs={"slug": self.programme.slug, "code": self.code},
            )

    def terms(self):
        """The schedule grouped by term, in order: ``[((year, season), [ScheduleWeek, …])]``.

        Reads prefetched weeks only.
        """
        grouped = {}
        for week in self.weeks.all():
            grouped.setdefault((week.iso_year, week.season), []).append(week)
        return sorted(grouped.items(), key=lambda item: term_order(*item[0]))

    def to_ical(self, programme, language):
        """The schedule as iCalendar bytes: one all-day event per week or range of weeks.

        Deterministic (UIDs and DTSTAMP from the rows), so clients do not duplicate events.
        """
        with translation.override(language):
            events = [
                ical.CalendarEvent(
                    uid=f"cohort{self.pk}-{w.iso_year}w{w.week}-{w.kind}@studieside",
                    start=w.dates()[0],
                    end=w.dates()[1],
                    summary=_("%(kind)s: %(programme)s")
                    % {"kind": w.get_kind_display(), "programme": programme.title},
                    description=w.note,
                )
                for w in self.weeks.all()
            ]
            name = _("%(programme)s, cohort %(code)s") % {
                "programme": programme.title,
                "code": self.code,
            }
        return ical.build_calendar(str(name), events, self.updated_at, language)

    def has_valid_terms(self):
        """Whether code and end term can be compared (field errors are reported elsewhere)."""
        return (
            bool(re.match(COHORT_CODE, self.code or ""))
            and in_range(self.ends_year, 2000, 2100)
            and self.ends_season in Season.values
        )

    def includes_term(self, year, season):
        return (
            term_order(*self.starts)
            <= term_order(year, season)
            <= term_order(self.ends_year, self.ends_season)
        )


class ScheduleWeek(models.Model):
    """An ISO week or range of weeks in a cohort's schedule: a gathering, practice or exam."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="weeks"
    )
    iso_year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_(
            "The ISO year of the week (it can differ from the calendar year around New Year)."
        ),
    )
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(53)]
    )
    last_week = models.PositiveSmallIntegerField(
        _("to week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text=_("For a range of weeks, such as practice in weeks 39–46."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.GATHERING)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("schedule week")
        verbose_name_plural = _("schedule weeks")
        ordering = ["cohort", "iso_year", "week", "pk"]

    def __str__(self):
        if self.last_week:
            return f"{self.iso_year} W{self.week}–{self.last_week}"
        return f"{self.iso_year} W{self.week}"

    def clean(self):
        if not (
            in_range(self.iso_year, 2000, 2100)
            and in_range(self.week, 1, 53)
            and (self.last_week is None or in_range(self.last_week, 1, 53))
        ):
            return  # the field validators have reported it; date() would raise on it
        errors = {}
        for field in ("week", "last_week"):
            number = getattr(self, field)
            if number is not None and not weeks.week_exists(self.iso_year, number):
                errors[field] = ValidationError(
                    _("Week %(week)s does not exist in %(year)s."),
                    code="no_such_week",
                    params={"week": number, "year": self.iso_year},
                )
        if errors:
            raise ValidationError(errors)
        if self.last_week is not None:
            if self.last_week < self.week:
                raise ValidationError(
                    {
                        "last_week": ValidationError(
                            _("The range must end on or after week %(week)s."),
                            code="range_reversed",
                            params={"week": self.week},
                        )
                    }
                )
            if weeks.season_of_week(self.last_week) != self.season:
                raise ValidationError(
                    {
                        "last_week": ValidationError(
                            _("A range must stay within one term; split it into two."),
                            code="range_across_terms",
                        )
                    }
                )
        # The in-memory cohort: in the admin it may be unsaved, or edited in the same form.
        cohort = getattr(self, "cohort", None)
        if (
            cohort is not None
            and cohort.has_valid_terms()
            and not cohort.includes_term(self.iso_year, self.season)
        ):
            raise ValidationError(
                {
                    "week": ValidationError(
                        _("Week %(week)s of %(year)s is outside the terms of cohort %(cohort)s."),
                        code="outside_cohort",
                        params={"week": self.week, "year": self.iso_year, "cohort": cohort},
                    )
                }
            )

    @property
    def season(self):
        return weeks.season_of_week(self.week)

    @property
    def span(self):
        """(first, last or None) week numbers, as ``weeks`` formats them."""
        return self.week, self.last_week

    def dates(self):
        """(Monday of the first week, Friday of the last)."""
        return weeks.span_dates(self.iso_year, self.week, self.last_week)
