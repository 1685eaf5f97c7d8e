"""Cohorts and the weeks of their schedule.

Validation lives here (field validators, ``clean()``, constraints) so the admin, fixtures and
test builders share it through ``full_clean()``. Date and wording logic is in ``weeks.py``.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Right, StrIndex, Substr
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from admissions import ical, weeks
from admissions.choices import Kind, Season
from admissions.weeks import term_order
from programs.choices import ChoiceLabels
from programs.models import Programme
from programs.text import validate_plain_text

COHORT_CODE = r"^20[0-9]{2}[HV]$"


def validate_cohort_code(code):
    """Start year and term, like “2023H”: what is wrong, said once (the form, or the year)."""
    if not re.fullmatch(r"[0-9]{4}[HV]", code):
        raise ValidationError(
            _("Write the start year and H (autumn) or V (spring), like “2023H”."),
            code="invalid_cohort_code",
        )
    if not re.match(COHORT_CODE, code):
        raise ValidationError(
            _("A cohort starts in a year from 2000 to 2099."), code="cohort_year_out_of_range"
        )


def in_range(value, low, high):
    """Whether ``value`` is a number from ``low`` to ``high`` (None and junk are not)."""
    return isinstance(value, int) and low <= value <= high


@dataclass(frozen=True)
class ScheduledWeek:
    """One row of a schedule in words: ``label`` "Uke 39–46", ``dates`` "23. september –
    15. november 2024"; ``week`` is the ScheduleWeek (kind, note)."""

    week: "ScheduleWeek"
    label: str
    dates: str


@dataclass(frozen=True)
class TermSchedule:
    """One term of a schedule: ``line`` "Høst 2024: uke 37 og 49. Praksisuker i ukene 39–46."
    and its ``weeks`` [ScheduledWeek] in order."""

    line: str
    weeks: list[ScheduledWeek]


class Cohort(ChoiceLabels, models.Model):
    """Students who started together, such as "2023H" (autumn 2023), and their schedule."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="cohorts"
    )
    code = models.CharField(
        _("cohort"),
        max_length=5,
        validators=[validate_cohort_code],
    )
    ends_year = models.PositiveSmallIntegerField(
        _("final year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    ends_season = models.CharField(_("final term"), max_length=10, choices=Season)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        # Newest first: by start year, then by term, the year's terms being V (spring) then
        # H (autumn). "-code" alone would put 2024V above 2024H, as V sorts after H.
        ordering = [
            "programme_id",  # the column, not Programme.Meta.ordering: no join
            Substr("code", 1, 4).desc(),
            StrIndex(Value("VH"), Right("code", 1)).desc(),
        ]
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
        return self.programme.page_url("admissions:cohort", language, code=self.code)

    @classmethod
    def newest_page(cls, programme):
        """The page of ``programme``'s newest cohort, or None when it has none (1 query)."""
        newest = cls.objects.filter(programme=programme).first()
        return newest and programme.page_url("admissions:cohort", code=newest.code)

    @property
    def starts(self):
        """(year, season) of the first term, read from the code: 2023H → (2023, autumn)."""
        return self.starts_of(self.code)

    @staticmethod
    def starts_of(code):
        """``starts`` of the cohort with ``code``, for rows read without building a Cohort."""
        season = Season.AUTUMN if code.endswith("H") else Season.SPRING
        return int(code[:4]), season

    def start_term(self):
        """ "autumn 2023" / "høsten 2023": when the cohort started, in words, for readers to
        whom "2023H" says nothing."""
        year, season = self.starts
        if season == Season.AUTUMN:
            return pgettext("cohort start", "autumn %(year)s") % {"year": year}
        return pgettext("cohort start", "spring %(year)s") % {"year": year}

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
        if self.pk is not None and self.programme_id is not None:
            # Moved to another programme: its plans are for the old programme's study options.
            left_behind = [
                str(plan)
                for plan in self.plans.exclude(
                    study_option__programme_id=self.programme_id
                ).select_related("study_option", "cohort")
            ]
            if left_behind:
                raise ValidationError(
                    {
                        "programme": ValidationError(
                            _(
                                "The cohort has programme plans for the study options of its "
                                "programme (%(plans)s), and they cannot go with it. Delete the "
                                "plans first, or leave the cohort where it is."
                            ),
                            code="plans_left_behind",
                            params={"plans": ", ".join(left_behind)},
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
                                "These weeks would fall outside the cohort: %(weeks)s. "
                                "Move or delete them first."
                            ),
                            code="weeks_outside",
                            params={"weeks": ", ".join(str(w) for w in outside)},
                        )
                    }
                )

    def get_calendar_url(self, language=None):
        """The iCalendar feed of this cohort (reads the cached programme, no query)."""
        return self.programme.page_url("admissions:cohort-calendar", language, code=self.code)

    def terms(self):
        """The schedule grouped by term, in order: ``[((year, season), [ScheduleWeek, …])]``.

        Reads prefetched weeks only.
        """
        grouped = {}
        for week in self.weeks.all():
            grouped.setdefault((week.iso_year, week.season), []).append(week)
        return sorted(grouped.items(), key=lambda item: term_order(*item[0]))

    def schedule(self, language=None):
        """The schedule by term in words and dates, in ``language`` (default: the active one):
        ``[TermSchedule]``. Reads prefetched weeks only."""
        language = language or translation.get_language()
        terms = []
        for (year, season), rows in self.terms():
            spans = {kind: [row.span for row in rows if row.kind == kind] for kind in Kind}
            line = weeks.describe_term_line(season, year, list(spans.items()), language)
            scheduled = [
                ScheduledWeek(
                    week=row,
                    label=weeks.week_label(row.span, language),
                    dates=weeks.format_date_range(*row.dates(), language),
                )
                for row in rows
            ]
            terms.append(TermSchedule(line=line, weeks=scheduled))
        return terms

    def to_ical(self, programme, language, url):
        """The schedule as iCalendar bytes: one all-day event per week or range of weeks.

        ``url`` is the feed's absolute address (config/site.py); its host names the UIDs.
        Deterministic (UIDs and DTSTAMP from the rows), so clients do not duplicate events. A
        UID names the week and kind; a second row of the same week and kind (two gatherings
        in week 37) adds its id, so no two events share one. DTSTAMP is the newest change of
        the cohort or its programme, which saving a week touches (programs/signals.py): a
        client that keeps the newer copy of an event then takes the edit.
        """
        host = urlsplit(url).hostname
        seen = set()
        uids = []
        for w in self.weeks.all():
            uid = f"cohort{self.pk}-{w.iso_year}w{w.week}-{w.kind}"
            uids.append(f"{uid}-{w.pk}@{host}" if uid in seen else f"{uid}@{host}")
            seen.add(uid)
        with translation.override(language):
            events = [
                ical.CalendarEvent(
                    uid=uid,
                    start=w.dates()[0],
                    end=w.dates()[1],
                    summary=_("%(kind)s: %(programme)s")
                    % {"kind": w.get_kind_display(), "programme": programme.title},
                    description=w.note,
                )
                for w, uid in zip(self.weeks.all(), uids, strict=True)
            ]
            name = _("%(programme)s, cohort %(code)s") % {
                "programme": programme.title,
                "code": self.code,
            }
        stamp = max(self.updated_at, programme.updated_at)
        return ical.build_calendar(str(name), events, stamp, language, url)

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


class ScheduleWeek(ChoiceLabels, models.Model):
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
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[validate_plain_text])

    class Meta:
        verbose_name = _("schedule week")
        verbose_name_plural = _("schedule weeks")
        ordering = ["cohort_id", "iso_year", "week", "pk"]

    def __str__(self):
        """ "uke 39–46, 2024" / "weeks 39–46, 2024": how the admin names the row."""
        if self.last_week:
            return gettext("weeks %(first)s–%(last)s, %(year)s") % {
                "first": self.week,
                "last": self.last_week,
                "year": self.iso_year,
            }
        return gettext("week %(week)s, %(year)s") % {"week": self.week, "year": self.iso_year}

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
