from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from programs.choices import Embed
from programs.extensions import extensions


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = _("Admissions")

    def ready(self):
        # Modules with models import here: the app registry is ready only now (Django docs).
        from admissions import admin, forms, models, structured_data
        from programs.signals import connect

        for model in (models.StudyOption, models.AdmissionRequirement, models.Cohort):
            connect(model, lambda obj: obj.programme_id)
        connect(models.AdmissionThreshold, lambda t: t.study_option.programme_id)
        connect(models.ScheduleWeek, lambda week: week.cohort.programme_id)

        # Admissions builds on programmes: it adds its facts to their pages and admin.
        extensions.detail_select_related.append("admission_requirement")
        extensions.detail_prefetch_related.extend(
            [
                "study_options__thresholds",
                "admission_requirement__accepted_fields",
                "cohorts__weeks",
                "replaces__cohorts",
            ]
        )
        extensions.admin_inlines.extend(
            [admin.AdmissionRequirementInline, admin.StudyOptionInline, admin.CohortInline]
        )
        extensions.block_has_facts.update(
            {
                Embed.ADMISSION: lambda p: models.AdmissionRequirement.of(p) is not None,
                Embed.APPLY: lambda programme: bool(programme.study_options.all()),
                Embed.SCHEDULE: lambda programme: bool(programme.cohorts.all()),
            }
        )
        extensions.list_form = forms.ProgrammeFilterForm
        extensions.structured_data.append(structured_data.add_admission_facts)
