"""Study options of a programme and the admission thresholds of each.

Validation lives here (field validators, ``clean()``, constraints) so the admin, fixtures and
test builders share it through ``full_clean()``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from admissions import charts
from admissions.choices import (
    SCALE_FOR_READERS,
    SCALE_RANGE,
    Outcome,
    Quota,
    Round,
    Scale,
    StudyMode,
)
from admissions.grade_points import Threshold
from programs.choices import ChoiceLabels
from programs.models import MAX_POSITION, Programme
from programs.text import validate_plain_text
from programs.unique import NamesValueHolder

# Further-education offers go out around 1 May, the main national round's in July.
FIRST_OFFERS_MONTH = 5  # a year's thresholds can be known from May
ALL_OFFERS_MONTH = 8  # and are all out by August


def round_has_results(year, today):
    """Whether the ``year`` admission round may have given its offers (and thresholds)."""
    return year < today.year or (year == today.year and today.month >= FIRST_OFFERS_MONTH)


def latest_admission_year(today):
    """The newest admission year whose thresholds are all out by ``today``: this year's from
    August, the previous year's before that."""
    return today.year if today.month >= ALL_OFFERS_MONTH else today.year - 1


@dataclass(frozen=True)
class ThresholdHistory:
    """Main-round, ordinary-quota thresholds of a programme's study options over the years."""

    options: list  # the StudyOptions: one column each
    rows: list  # [(year, [AdmissionThreshold or None per option])], newest year first
    chart: charts.Chart | None  # None when the options mix scales: 1–5 and 0–90 share no axis
    scale: str | None  # the name of the one scale, None when mixed


class StudyOptionQuerySet(models.QuerySet):
    def latest_thresholds(self):
        """The newest main-round, ordinary-quota threshold of each option, as the calculator's
        ``grade_points.Threshold``s. No query for prefetched options (``for_detail_page()``)."""
        return [
            Threshold(
                option.get_mode_display().lower(), t.admission_year, t.outcome, t.points, t.scale
            )
            for option in self
            if (t := option.latest_threshold()) is not None
        ]

    def threshold_history(self):
        """These options' thresholds by year, as a ``ThresholdHistory``; None when none has one.

        Evaluates this queryset once and reads each option's thresholds: the prefetched options
        of ``Programme.objects.for_detail_page()`` cost no query.
        """
        options = list(self)
        by_option = [option.main_thresholds() for option in options]
        years = sorted({year for rows in by_option for year in rows}, reverse=True)
        if not years:
            return None
        scales = {t.scale: t for rows in by_option for t in rows.values()}
        only_scale = next(iter(scales.values())) if len(scales) == 1 else None
        series = [
            charts.Series(
                label=option.get_mode_display(),
                points=[
                    (year, rows[year].points if year in rows else None) for year in years[::-1]
                ],
            )
            for option, rows in zip(options, by_option, strict=True)
        ]
        return ThresholdHistory(
            options=options,
            rows=[(year, [rows.get(year) for rows in by_option]) for year in years],
            chart=only_scale and charts.threshold_chart(series, *SCALE_RANGE[only_scale.scale]),
            scale=only_scale and SCALE_FOR_READERS[only_scale.scale],
        )


class StudyOption(NamesValueHolder, ChoiceLabels, models.Model):
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
                r"^[0-9A-Z]+( [0-9A-Z]+)*\Z",  # \Z: "$" would let a final newline through
                _("Use digits and capital letters, with single spaces, like “215 1210”."),
                code="invalid_study_code",
            )
        ],
    )
    duration_semesters = models.PositiveSmallIntegerField(
        _("duration in semesters"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    deadline_month = models.PositiveSmallIntegerField(
        _("deadline month"),
        validators=[
            MinValueValidator(1, _("Enter a month from 1 to 12.")),
            MaxValueValidator(12, _("Enter a month from 1 to 12.")),
        ],
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("deadline day"),
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("The application deadline recurs every year, e.g. day 1 of month 3."),
    )
    apply_via = models.CharField(
        _("where to apply"),
        max_length=100,
        default="Søknadsweb",
        help_text=_("E.g. Søknadsweb."),
        validators=[validate_plain_text],
    )
    apply_url = models.URLField(_("application address"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=[MaxValueValidator(MAX_POSITION)]
    )

    objects = StudyOptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("study option")
        verbose_name_plural = _("study options")
        ordering = ["programme_id", "position", "pk"]  # local columns: no join (see Section)
        # One option per mode: pages say "215 1210 for full-time and 215 1220 for part-time",
        # and a programme plan's address names the mode (/programplan/2025V/heltid/).
        constraints = [
            models.UniqueConstraint(fields=["programme", "mode"], name="studyoption_one_per_mode")
        ]

    def __str__(self):
        return f"{self.study_code} ({self.get_mode_display()})"

    @property
    def unbroken_study_code(self):
        """The study code as a page shows it: never broken across two lines ("275 1010" with
        a no-break space), so that a phone does not show "275" and "1010" apart."""
        return self.study_code.replace(" ", "\u00a0")

    def unique_error_message(self, model_class, unique_check):
        """A second option in a mode the programme has: which option has it already."""
        if tuple(unique_check) != ("programme", "mode"):
            return super().unique_error_message(model_class, unique_check)
        same = model_class._default_manager.filter(programme_id=self.programme_id, mode=self.mode)
        if holder := same.exclude(pk=self.pk).first():
            return ValidationError(
                _(
                    "This programme already has a %(mode)s option: “%(holder)s”. A programme "
                    "has one option per study mode; change that one instead."
                ),
                code="one_per_mode",
                params={"mode": self.get_mode_display().lower(), "holder": holder},
            )
        return super().unique_error_message(model_class, unique_check)

    def unique_holder_label(self):
        return f"{self.programme} ({self.get_mode_display().lower()})"

    def clean(self):
        if not (isinstance(self.deadline_month, int) and isinstance(self.deadline_day, int)):
            return  # field errors are already reported (None, or text an import left as is)
        if not 1 <= self.deadline_month <= 12:
            return  # so is a month that does not exist: no second error about its days
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

    def main_thresholds(self):
        """``{admission year: AdmissionThreshold}`` of the main round, ordinary quota: the ones
        pages show. Reads prefetched thresholds (no query)."""
        return {
            t.admission_year: t
            for t in self.thresholds.all()
            if (t.round, t.quota) == (Round.MAIN, Quota.ORDINARY)
        }

    def latest_threshold(self):
        """The newest of ``main_thresholds()``, or None (no query)."""
        rows = self.main_thresholds()
        return rows[max(rows)] if rows else None


class AdmissionThreshold(ChoiceLabels, models.Model):
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
        ordering = ["study_option_id", "-admission_year", "round", "quota"]
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
        return f"{self.study_option.study_code} {self.admission_year} {self.round} {self.quota}"

    def clean(self):
        """The year's round must have given its offers; the points must suit the outcome and
        lie on their scale. Both kinds of mistake are reported at once."""
        errors = {}
        today = timezone.localdate()
        if isinstance(self.admission_year, int) and not round_has_results(
            self.admission_year, today
        ):
            errors["admission_year"] = ValidationError(
                _(
                    "The %(year)s admission round has not given its offers yet. Enter "
                    "thresholds once it has."
                ),
                code="future_admission_year",
                params={"year": self.admission_year},
            )
        try:
            self.clean_points()
        except ValidationError as error:
            errors.update(error.error_dict)
        if errors:
            raise ValidationError(errors)

    def clean_points(self):
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
        if not (isinstance(self.points, Decimal) and self.points.is_finite()):
            return  # the field has reported it (text or NaN an import left as is)
        low, high = SCALE_RANGE.get(self.scale, (None, None))
        if low is not None and not low <= self.points <= high:
            raise ValidationError(
                {
                    "points": ValidationError(
                        _("Points on this scale lie between %(low)s and %(high)s."),
                        code="points_out_of_range",
                        params={"low": number_format(low, 2), "high": number_format(high, 2)},
                    )
                }
            )
