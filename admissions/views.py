from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from config.i18n import object_urls_by_language
from config.site import absolute_url
from programs.models import Programme
from programs.shortcuts import canonical_redirect


def find_cohort(slug, code):
    """The cohort ``code`` of the published programme at ``slug`` (live or old, any language,
    retired too), from ``for_detail_page()``; 404 when there is none."""
    programme = Programme.objects.published().for_detail_page().at_slug(slug, get_language())
    cohort = programme and next((c for c in programme.cohorts.all() if c.code == code), None)
    if cohort is None:
        raise Http404
    return programme, cohort


@require_safe
def cohort_calendar(request, slug, code):
    """The cohort's schedule as an iCalendar feed, in the language of the URL.

    Discontinued programmes keep their feeds: enrolled students still need them.
    """
    programme, cohort = find_cohort(slug, code)
    if response := canonical_redirect(request, cohort.get_calendar_url()):
        return response  # renamed programme, or the other language's slug
    ical = cohort.to_ical(programme, get_language(), absolute_url(request.path, request))
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-{cohort.code}.ics"'
    return response


@require_safe
def cohort_schedule(request, slug, code):
    """A cohort's weeks and its programme's FAQ at a stable URL that search engines skip.

    Works for retired programmes too: enrolled students follow their schedule to the end.
    """
    programme, cohort = find_cohort(slug, code)
    if response := canonical_redirect(request, cohort.get_absolute_url()):
        return response  # renamed programme, or the other language's slug
    context = {
        "programme": programme,
        "cohort": cohort,
        "cohorts": [cohort],
        "language_urls": object_urls_by_language(cohort),
        "today": timezone.localdate(),
    }
    response = render(request, "admissions/cohort_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
