"""Formatting of admission facts for templates. Reads prefetched rows only: never a query."""

from dataclasses import dataclass

from django import template
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext, pgettext

from admissions.choices import Outcome
from admissions.models import AdmissionRequirement, latest_admission_year
from config.site import absolute_url
from programs.text import or_list

register = template.Library()


@register.filter
def threshold_value(threshold):
    """ "2,78" in nb, "2.78" in en; or the outcome in words ("All qualified … admitted")."""
    if threshold.outcome == Outcome.POINTS:
        return number_format(threshold.points, 2)
    return threshold.get_outcome_display()


@register.filter
def scale_in_caption(scale):
    """A threshold scale inside the history table's caption, lower-cased, on one line: at a
    phone's width "grade average, 1–5" broke at its dash."""
    return format_html('<span class="threshold-history__scale">{}</span>', str(scale).lower())


@register.filter
def links_to(section, url):
    """Whether a section's text links to ``url`` already, as the seed's "Hvordan regnes
    poengsummen din ut?" links to the calculator: the page then needs no second link."""
    return bool(section) and f'href="{url}' in section.body_html


@dataclass(frozen=True)
class ThresholdSummary:
    items: list  # ["2,78 på heltid", "2,92 på deltid"]
    year: int  # the newest admission year among them
    is_latest_round: bool  # whether that is the newest round held by today
    # Whether any of them is a number of points: "All qualified applicants admitted" or
    # "Programme withdrawn" alone is no competition for places, nor a threshold.
    has_points: bool


@register.simple_tag
def threshold_summary(options, today):
    """The latest threshold of each option in words, as a ``ThresholdSummary``, or None.

    The items read "2,78 på heltid" in nb (the seed's words), "2.78 (full-time)" in en; one
    from an older year than the others names its year, so no older figure passes for new.
    """
    latest = [(option, t) for option in options if (t := option.latest_threshold()) is not None]
    if not latest:
        return None
    year = max(t.admission_year for _option, t in latest)
    items = [
        (
            pgettext("threshold", "%(value)s (%(mode)s)")
            if t.admission_year == year
            else pgettext("threshold", "%(value)s (%(mode)s, %(year)s)")
        )
        % {
            "value": threshold_value(t),
            "mode": option.get_mode_display().lower(),
            "year": t.admission_year,
        }
        for option, t in latest
    ]
    has_points = any(t.outcome == Outcome.POINTS for _option, t in latest)
    return ThresholdSummary(items, year, year >= latest_admission_year(today), has_points)


@register.simple_tag
def apply_sentence(options):
    """ "Du søker på Søknadsweb med studiekode 215 1210 for heltid og 215 1220 for deltid." """
    codes = [
        pgettext("study code", "%(code)s (%(mode)s)")
        % {"code": option.unbroken_study_code, "mode": option.get_mode_display().lower()}
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
    """The next application deadline as a date, in the reader's format ("1. mars 2027"), with
    no-break spaces: a line never ends inside it ("1." above "mars 2027")."""
    date = date_format(min(option.next_deadline(today) for option in options), "DATE_FORMAT")
    return date.replace(" ", "\N{NO-BREAK SPACE}")


@register.filter
def semesters(option):
    count = option.duration_semesters
    return ngettext("%(count)s semester", "%(count)s semesters", count) % {"count": count}


@register.filter
def admission_requirement(programme):
    """The programme's AdmissionRequirement or None (selected by ``for_detail_page()``)."""
    return AdmissionRequirement.of(programme)


register.filter("or_list", or_list)


@register.simple_tag(takes_context=True)
def subscription_url(context, cohort):
    """The cohort's calendar feed as a ``webcal:`` address: a calendar app subscribes to it
    and asks again for changes (``REFRESH-INTERVAL``), where the feed's https address is
    downloaded and imported once."""
    feed = absolute_url(cohort.get_calendar_url(), context.get("request"))
    return "webcal://" + feed.split("://", 1)[1]
