from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from admissions.forms import TranscriptForm
from admissions.grade_points import compare
from admissions.models import AdmissionRequirement
from admissions.plans import find_plan, is_current
from config.i18n import object_urls_by_language
from config.site import absolute_url
from config.views import read_only
from programs.drafts import previewed
from programs.models import Programme
from programs.shortcuts import canonical_redirect


def find_cohort(request, slug, code):
    """The cohort ``code`` of the published programme at ``slug`` (live or old, any language,
    retired too), from ``for_detail_page()``; 404 when there is none."""
    programme = Programme.objects.page_at(request, slug)
    cohort = programme and next((c for c in programme.cohorts.all() if c.code == code), None)
    if cohort is None:
        raise Http404
    return programme, cohort


@read_only
def cohort_calendar(request, slug, code):
    """The cohort's schedule as an iCalendar feed, in the language of the URL.

    Discontinued programmes keep their feeds: enrolled students still need them.
    """
    programme, cohort = find_cohort(request, slug, code)
    if response := canonical_redirect(request, cohort.get_calendar_url()):
        return response  # renamed programme, or the other language's slug
    ical = cohort.to_ical(programme, get_language(), absolute_url(request.path, request))
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-{cohort.code}.ics"'
    return previewed(response, programme)  # a draft, for an editor: never cached


@read_only
def cohort_schedule(request, slug, code):
    """A cohort's weeks and its programme's FAQ at a stable URL that search engines skip.

    Works for retired programmes too: enrolled students follow their schedule to the end.
    """
    programme, cohort = find_cohort(request, slug, code)
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
    return previewed(response, programme)  # a draft, for an editor: never cached


@read_only
def grade_points(request, slug):
    """The grade-point calculator of an open or closed programme whose requirement names a
    rule set: a GET form, the result next to the latest thresholds; its "Add rows" button
    (``rows=``) shows more empty rows and calculates nothing yet. Nothing is stored; a
    transcript or ``rows`` it cannot read is a 400 with every reason on the page."""
    programme = Programme.objects.page_at(request, slug)
    requirement = AdmissionRequirement.calculator_of(programme)
    if requirement is None:
        raise Http404
    programme, rules = requirement.programme, requirement.rule_set()  # a successor's, if retired
    if response := canonical_redirect(request, requirement.get_calculator_url()):
        return response  # renamed, or the other language's slug
    form = TranscriptForm(request.GET, rules)
    thresholds = programme.study_options.all().latest_thresholds()
    comparable = [t for t in thresholds if t.scale == rules.scale]
    context = {
        "programme": programme,
        "requirement": requirement,
        "form": form,
        "comparison": form.result and compare(form.result, comparable),
        # Thresholds on another scale (competition points, 0–90) say nothing of an average.
        "other_scale": bool(thresholds) and not comparable,
        "language_urls": {
            code: requirement.get_calculator_url(code) for code, _name in settings.LANGUAGES
        },
        "switcher_query": request.GET.urlencode() if form.is_bound else "",  # the courses
        "page_languages": programme.languages(),
    }
    status = 400 if form.errors else 200
    return previewed(
        render(request, "admissions/grade_points.html", context, status=status), programme
    )


@read_only
def programme_plan(request, slug, code, mode):
    """The plan of one study option for one cohort, semester by semester.

    Older plans, and plans of retired programmes, stay for their enrolled students but are
    kept out of search engines: the programme page shows the current one.
    """
    programme = Programme.objects.page_at(request, slug)
    plan = programme and find_plan(programme, mode, code)
    if not plan:
        raise Http404
    if response := canonical_redirect(request, plan.get_absolute_url()):
        return response  # renamed programme, or the other language's slug
    context = {
        "programme": programme,
        "plan": plan,
        "is_current": is_current(programme, plan),
        "language_urls": object_urls_by_language(plan),
        "page_languages": programme.languages(),
    }
    response = render(request, "admissions/plan_page.html", context)
    return previewed(response, programme)  # a draft, for an editor: never cached
