from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from programs.models import Programme


@require_safe
def cohort_calendar(request, slug, code):
    """The cohort's schedule as an iCalendar feed, in the language of the URL.

    Discontinued programmes keep their feeds: enrolled students still need them.
    """
    programme = Programme.objects.published().with_slug(slug, get_language()).first()
    if programme is None:
        raise Http404
    cohort = get_object_or_404(programme.cohorts.prefetch_related("weeks"), code=code)
    ical = cohort.to_ical(programme, get_language())
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-{cohort.code}.ics"'
    return response
