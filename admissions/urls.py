from django.urls import path
from django.utils.translation import gettext_lazy as _

from admissions import views

app_name = "admissions"
urlpatterns = [
    # nb: /studier/<slug>/kull-2023H.ics, en: /en/programmes/<slug>/cohort-2023H.ics
    path(_("<slug:slug>/cohort-<str:code>.ics"), views.cohort_calendar, name="cohort-calendar"),
    # The schedule of a cohort, for its enrolled students; stays when the programme retires.
    path(_("<slug:slug>/cohort-<str:code>/"), views.cohort_schedule, name="cohort"),
]
