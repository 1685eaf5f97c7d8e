from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = _("Admissions")

    def ready(self):
        from admissions import models
        from programs.signals import connect

        for model in (models.StudyOption, models.AdmissionRequirement, models.Cohort):
            connect(model, lambda obj: obj.programme_id)
        connect(models.AdmissionThreshold, lambda t: t.study_option.programme_id)
        connect(models.ScheduleWeek, lambda week: week.cohort.programme_id)
