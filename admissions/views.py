from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from config.i18n import object_urls_by_language
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


@require_safe
def cohort_schedule(request, slug, code):
    """A cohort's weeks and its programme's FAQ at a stable URL that search engines skip.

    Works for retired programmes too: enrolled students follow their schedule to the end.
    """
    programme = (
        Programme.objects.published().for_detail_page().with_slug(slug, get_language()).first()
    )
    cohort = programme and next((c for c in programme.cohorts.all() if c.code == code), None)
    if cohort is None:
        raise Http404
    if request.path != cohort.get_absolute_url():
        return redirect(cohort.get_absolute_url(), permanent=True)
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
