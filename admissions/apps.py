from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from programs.choices import Embed
from programs.extensions import extensions


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = _("Admissions")

    def ready(self):
        # Modules with models import here: the app registry is ready only now (Django docs).
        from admissions import admin, forms, models, structured_data
        from admissions.admin_search import with_study_code
        from admissions.plans import (
            current_plan_pages,
            current_plans,
            plan_prefetches,
            touch_programmes_of_course,
        )
        from programs import history
        from programs.signals import connect

        for model in (models.StudyOption, models.AdmissionRequirement, models.Cohort):
            connect(model, lambda obj: obj.programme_id)
        connect(models.AdmissionThreshold, lambda t: t.study_option.programme_id)
        connect(models.ScheduleWeek, lambda week: week.cohort.programme_id)
        connect(models.ProgrammePlan, lambda plan: plan.study_option.programme_id)
        connect(models.PlanCourse, lambda row: row.plan.study_option.programme_id)
        # A course's title or credits show on every programme page whose plan has it.
        post_save.connect(touch_programmes_of_course, sender=models.Course, weak=False)

        # Admissions builds on programmes: it adds its facts to their pages and admin.
        extensions.detail_select_related.append("admission_requirement")
        extensions.detail_prefetch_related.extend(
            [
                "study_options__thresholds",
                "admission_requirement__accepted_fields",
                "cohorts__weeks",
                *plan_prefetches(),
            ]
        )
        extensions.replaced_prefetch_related.append("cohorts")
        extensions.admin_inlines.extend(
            [admin.AdmissionRequirementInline, admin.StudyOptionInline, admin.CohortInline]
        )
        extensions.admin_searches.append(
            lambda programmes, term: with_study_code(programmes, term, "study_options__study_code")
        )
        extensions.block_has_facts.update(
            {
                # Who may apply, or the thresholds of earlier years: either is worth a block.
                Embed.ADMISSION: lambda p: (
                    models.AdmissionRequirement.of(p) is not None
                    or any(option.thresholds.all() for option in p.study_options.all())
                ),
                Embed.APPLY: lambda programme: bool(programme.study_options.all()),
                Embed.SCHEDULE: lambda programme: bool(programme.cohorts.all()),
                Embed.STRUCTURE: lambda programme: bool(current_plans(programme)),
            }
        )
        extensions.preview_pages.append(models.Cohort.newest_page)
        extensions.list_form = forms.ProgrammeFilterForm
        extensions.structured_data.append(structured_data.add_admission_facts)
        extensions.sitemap_pages.append(current_plan_pages)
        extensions.related_programmes.append(models.AdmissionRequirement.sharing_a_field)
        # A programme's history records its admission facts too (programs/history.py).
        history.follow_from_programme(
            ["admission_requirement", "study_options", "cohorts"],
            {
                models.AdmissionRequirement: ["programme"],
                models.StudyOption: ["programme", "thresholds", "plans"],
                models.AdmissionThreshold: ["study_option"],
                models.ProgrammePlan: ["study_option", "placements"],
                models.PlanCourse: ["plan"],
                models.Cohort: ["programme", "weeks"],
                models.ScheduleWeek: ["cohort"],
            },
        )
