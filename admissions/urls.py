from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from admissions import views
from admissions.models import COHORT_CODE


class CohortCodeConverter:
    """Only real cohort codes ("2023H") reach a view; anything else is a plain 404."""

    regex = COHORT_CODE.strip("^$")

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CohortCodeConverter, "cohort")

app_name = "admissions"
urlpatterns = [
    # nb: /studier/<slug>/kull-2023H.ics, en: /en/programmes/<slug>/cohort-2023H.ics
    path(_("<slug:slug>/cohort-<cohort:code>.ics"), views.cohort_calendar, name="cohort-calendar"),
    # nb: /studier/<slug>/poengberegning/, en: /en/programmes/<slug>/grade-points/
    path(_("<slug:slug>/grade-points/"), views.grade_points, name="grade-points"),
    # The schedule of a cohort, for its enrolled students; stays when the programme retires.
    path(_("<slug:slug>/cohort-<cohort:code>/"), views.cohort_schedule, name="cohort"),
]
