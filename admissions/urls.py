from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from admissions import views
from admissions.models import COHORT_CODE
from admissions.models.structure import MODE_SLUGS


class CohortCodeConverter:
    """Only real cohort codes reach a view, as they are written ("2023H"); typed in lower
    case ("2023h"), the view redirects to that spelling, as it does a slug in capitals.
    Anything else is a plain 404."""

    regex = f"(?i:{COHORT_CODE.strip('^$')})"  # in either case

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


class PlanModeConverter:
    """The study mode as a word of the page's language: "heltid" at /studier/…, "full-time"
    at /en/programmes/…; any other word is a plain 404."""

    regex = "[a-z-]+"

    def to_python(self, value):
        for mode, slug in MODE_SLUGS.items():
            if value == str(slug):  # the slug in the language being resolved
                return mode
        raise ValueError(value)

    def to_url(self, value):
        return str(MODE_SLUGS[value])


register_converter(CohortCodeConverter, "cohort")
register_converter(PlanModeConverter, "plan_mode")

app_name = "admissions"
urlpatterns = [
    # nb: /studier/<slug>/kull-2023H.ics, en: /en/programmes/<slug>/cohort-2023H.ics
    path(_("<slug:slug>/cohort-<cohort:code>.ics"), views.cohort_calendar, name="cohort-calendar"),
    # nb: /studier/<slug>/poengberegning/, en: /en/programmes/<slug>/grade-points/
    path(_("<slug:slug>/grade-points/"), views.grade_points, name="grade-points"),
    # The schedule of a cohort, for its enrolled students; stays when the programme retires.
    path(_("<slug:slug>/cohort-<cohort:code>/"), views.cohort_schedule, name="cohort"),
    # nb: /studier/<slug>/programplan/2023H/heltid/, en: …/programme-plan/2023H/full-time/;
    # old plans stay for the students enrolled under them.
    path(
        _("<slug:slug>/programme-plan/<cohort:code>/<plan_mode:mode>/"),
        views.programme_plan,
        name="plan",
    ),
]
