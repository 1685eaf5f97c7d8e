"""Formatting of admission facts for templates. Reads prefetched rows only: never a query."""

from django import template
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext, ngettext, pgettext

from admissions import charts, weeks
from admissions.models import SCALE_RANGE, Outcome, Quota, Round
from programs.text import or_list

register = template.Library()


@register.filter
def threshold_value(threshold):
    """ "2,78" in nb, "2.78" in en; or the outcome in words ("All qualified … admitted")."""
    if threshold.outcome == Outcome.POINTS:
        return number_format(threshold.points, 2)
    return threshold.get_outcome_display()


@register.simple_tag
def threshold_summary(options):
    """The latest threshold of each option in words: ["2,78 på heltid", "2,92 på deltid"]."""
    items = []
    for option in options:
        latest = option.latest_threshold()
        if latest is not None:
            items.append(
                pgettext("threshold", "%(value)s %(mode)s")
                % {"value": threshold_value(latest), "mode": option.get_mode_display().lower()}
            )
    return items


@register.simple_tag
def threshold_history(options):
    """Main-round, ordinary-quota thresholds by year (newest first) and option, with a chart.

    Returns None when no option has a threshold; otherwise a dict with ``options``,
    ``rows`` [(year, [threshold or None per option])], ``chart`` (or None) and ``scale``.
    """
    by_option = [
        {
            t.admission_year: t
            for t in o.thresholds.all()
            if (t.round, t.quota) == (Round.MAIN, Quota.ORDINARY)
        }
        for o in options
    ]
    years = sorted({year for rows in by_option for year in rows}, reverse=True)
    if not years:
        return None
    scales = {t.scale: t for rows in by_option for t in rows.values()}
    only_scale = next(iter(scales.values())) if len(scales) == 1 else None
    series = [
        charts.Series(
            label=option.get_mode_display(),
            points=[(year, rows[year].points if year in rows else None) for year in sorted(years)],
        )
        for option, rows in zip(options, by_option, strict=True)
    ]
    return {
        "options": options,
        "rows": [(year, [rows.get(year) for rows in by_option]) for year in years],
        # 1–5 and 0–90 cannot share an axis: mixed scales get the table only.
        "chart": only_scale and charts.threshold_chart(series, *SCALE_RANGE[only_scale.scale]),
        "scale": only_scale and only_scale.get_scale_display(),
    }


@register.simple_tag
def apply_sentence(options):
    """ "Du søker på Søknadsweb med studiekode 215 1210 for heltid og 215 1220 for deltid." """
    codes = [
        pgettext("study code", "%(code)s (%(mode)s)")
        % {"code": option.study_code, "mode": option.get_mode_display().lower()}
        for option in options
    ]
    first = options[0]
    portal = (
        format_html('<a href="{}">{}</a>', first.apply_url, first.apply_via)
        if first.apply_url
        else first.apply_via
    )
    sentence = ngettext(
        "You apply through %(portal)s with study code %(codes)s.",
        "You apply through %(portal)s with study codes %(codes)s.",
        len(codes),
    )
    return format_html(
        sentence.replace("%(portal)s", "{portal}").replace("%(codes)s", "{codes}"),
        portal=portal,
        codes=get_text_list(codes, gettext("and")),
    )


@register.simple_tag
def deadline(options, today):
    """The next application deadline as a date, in the reader's format ("1. mars 2027")."""
    return date_format(min(option.next_deadline(today) for option in options), "DATE_FORMAT")


@register.filter
def semesters(option):
    count = option.duration_semesters
    return ngettext("%(count)s semester", "%(count)s semesters", count) % {"count": count}


@register.simple_tag
def schedule_terms(cohort):
    """The cohort's terms in words and dates, in the active language.

    [{"line": "Høst 2024: uke 37 og 49. Praksisuker i ukene 39–46.",
      "weeks": [{"week": ScheduleWeek, "label": "uke 37", "dates": "9.–13. september 2024"}]}]
    """
    language = get_language()
    terms = []
    for (year, season), rows in cohort.terms():
        kinds = {}
        for row in rows:
            kinds.setdefault(row.kind, []).append(row.span)
        ordered = [
            (kind, kinds[kind]) for kind in ("gathering", "practice", "exam") if kind in kinds
        ]
        terms.append(
            {
                "line": weeks.describe_term_line(season, year, ordered, language),
                "weeks": [
                    {
                        "week": row,
                        "label": week_label(row),
                        "dates": weeks.format_date_range(*row.dates(), language),
                    }
                    for row in rows
                ],
            }
        )
    return terms


def week_label(row):
    """ "Uke 37" / "Week 37", "Uke 39–46" / "Weeks 39–46" for one schedule row."""
    count = (row.last_week or row.week) - row.week + 1
    numbers = weeks.format_week_numbers([row.span], get_language())
    return ngettext("Week %(weeks)s", "Weeks %(weeks)s", count) % {"weeks": numbers}


register.filter("or_list", or_list)
