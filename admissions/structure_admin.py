"""Admin for courses and programme plans. A plan's courses are an inline on the plan's page;
the plans of a study option are an inline on the option's page (Django has no nested inlines).

A plan and its courses are saved in one form, and the courses are validated after the plan:
so the plan form leaves the check of the plan as a whole to the course formset, which sees
the rows about to be saved (``ProgrammePlan.structure_errors()``, the same rules as
``full_clean()`` applies to saved rows).
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from admissions.models import Course, PlanCourse, ProgrammePlan
from config.admin_formsets import NamedFieldsInlineFormSet, ReportsChangesMeanwhile
from programs.admin import (
    AddTextInlines,
    LocalizedNumbers,
    OneMessagePerFieldForm,
    ReadableAutocomplete,
)
from programs.history import RecordedInHistory


class ProgrammePartAdmin(
    ReadableAutocomplete,
    ReportsChangesMeanwhile,
    RecordedInHistory,
    AddTextInlines,
    LocalizedNumbers,
    admin.ModelAdmin,
):
    """A part of a programme edited on a page of its own, with rows of its own as inlines (a
    study option's plans, a cohort's weeks, a plan's courses): saved into the programme's
    history, its programme chosen by a readable name, a row someone deleted meanwhile let go."""


@admin.register(Course)
class CourseAdmin(LocalizedNumbers, TabbedTranslationAdmin):
    list_display = ["code", "title_nb", "title_en", "credits", "level", "language"]
    list_filter = ["level", "language"]
    search_fields = ["code", "title_nb", "title_en"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PlanCourseFormSet(NamedFieldsInlineFormSet):
    def clean(self):
        """The plan with the courses as posted: no course twice; a published plan adds up."""
        super().clean()
        if any(self.errors):
            return  # row errors first: the sums of rows that do not validate mean nothing
        rows = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        errors = self.instance.structure_errors(rows)
        if errors:
            raise ValidationError(errors)


class PlanCourseInline(ReadableAutocomplete, LocalizedNumbers, admin.TabularInline):
    model = PlanCourse
    formset = PlanCourseFormSet
    extra = 1
    autocomplete_fields = ["course"]
    add_text = _("Add another course")
    fields = ["semester", "position", "course", "is_elective"]


class ProgrammePlanForm(OneMessagePerFieldForm):
    def clean(self):
        # The course formset, validated after this form, checks the plan as a whole.
        self.instance.rows_checked_elsewhere = True
        return super().clean()


@admin.register(ProgrammePlan)
class ProgrammePlanAdmin(ProgrammePartAdmin):
    programme_of = "study_option.programme"
    form = ProgrammePlanForm
    inlines = [PlanCourseInline]
    list_display = ["__str__", "programme", "cohort", "is_published"]
    list_filter = ["is_published", "study_option__mode"]
    list_select_related = ["study_option__programme", "cohort"]
    search_fields = [
        "study_option__study_code",
        "cohort__code",
        "study_option__programme__title_nb",
        "study_option__programme__title_en",
    ]
    autocomplete_fields = ["study_option", "cohort"]
    ordering = ["study_option__programme__title_nb", "study_option_id", "-cohort__code"]

    @admin.display(description=_("programme"), ordering="study_option__programme__title_nb")
    def programme(self, plan):
        return plan.study_option.programme


class ProgrammePlanInline(ReadableAutocomplete, admin.TabularInline):
    model = ProgrammePlan
    formset = NamedFieldsInlineFormSet
    extra = 0
    show_change_link = True  # the courses are edited there
    add_text = _("Add another programme plan")
    autocomplete_fields = ["cohort"]
    fields = ["cohort", "is_published"]
