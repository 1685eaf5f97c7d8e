"""Admin for admission facts. Django has no nested inlines, so thresholds and programme plans
are edited on their study option's page and weeks on their cohort's page; the programme page
links to both. Courses and plans: structure_admin.py."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from admissions.admin_search import StudyCodeSearch
from admissions.models import (
    AdmissionRequirement,
    AdmissionThreshold,
    Cohort,
    FieldOfStudy,
    ScheduleWeek,
    StudyOption,
)
from admissions.structure_admin import ProgrammePartAdmin, ProgrammePlanInline
from config.admin_formsets import NamedFieldsInlineFormSet
from programs.admin import LocalizedNumbers, NewRowsLast
from programs.history import RecordsDeletions
from programs.models import Programme


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(RecordsDeletions, LocalizedNumbers, TabbedTranslationAdmin):
    """Fields of study are shared, not part of any programme's history; deleting one removes
    it from admission requirements, which is recorded in those programmes' histories, so
    their latest version no longer names a row that is gone (an older one comes back
    without it: ``history._drop_deleted_links``)."""

    list_display = ["name_nb", "name_en", "code"]
    search_fields = ["name_nb", "name_en", "code"]

    def programmes_of(self, rows):
        programmes = Programme.objects.filter(admission_requirement__accepted_fields__in=rows)
        return list(programmes.distinct())  # read now: the rows are about to be deleted

    def get_deleted_objects(self, objs, request):
        """Django lists the rows linking a field to admission requirements by their
        technical name ("AdmissionRequirement_accepted_fields object (32)"), and counts
        them as "Admissionrequirement-fieldofstudy-relasjoner": here, the programmes whose
        requirements lose the field."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        counts.pop(AdmissionRequirement.accepted_fields.through._meta.verbose_name_plural, None)
        listed, total = [], 0
        for root, field in zip([r for r in deleted if not isinstance(r, list)], objs, strict=True):
            listed.append(root)
            if names := [str(programme) for programme in self.programmes_of([field])]:
                removed = _("Removed from the admission requirements of %(programme)s")
                listed.append([removed % {"programme": name} for name in names])
                total += len(names)
        if total:
            counts[_("admission requirements")] = total
        return listed, counts, perms_needed, protected


class AdmissionRequirementInline(LocalizedNumbers, TranslationStackedInline):
    model = AdmissionRequirement
    max_num = 1
    add_text = _("Add admission requirements")  # one at most: not "another"
    filter_horizontal = ["accepted_fields"]


class StudyOptionFormSet(NamedFieldsInlineFormSet):
    """A programme's options, one per study mode (``studyoption_one_per_mode``), said in words
    of the form. Two may swap modes in one save (``NamedFieldsInlineFormSet``)."""

    def get_unique_error_message(self, unique_check):
        if set(unique_check) == {self.fk.name, "mode"}:
            return _(
                "A programme has one option per study mode, and two of these have the same. "
                "Change the mode of one of them, or delete it."
            )
        return super().get_unique_error_message(unique_check)


class StudyOptionInline(NewRowsLast, LocalizedNumbers, admin.TabularInline):
    model = StudyOption
    formset = StudyOptionFormSet
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    show_change_link = True  # thresholds are edited there
    add_text = _("Add another study option")
    # In the order of its own page (StudyOptionAdmin), the deadline as it is said: 1 March.
    fields = [
        "mode",
        "study_code",
        "duration_semesters",
        "deadline_day",
        "deadline_month",
        "apply_via",
        "apply_url",
        "position",
    ]


class CohortInline(LocalizedNumbers, admin.TabularInline):
    model = Cohort
    formset = NamedFieldsInlineFormSet
    extra = 0
    show_change_link = True  # weeks are edited there
    add_text = _("Add another cohort")
    fields = ["code", "ends_season", "ends_year"]  # as on its own page: "autumn 2025"


class AdmissionThresholdInline(LocalizedNumbers, admin.TabularInline):
    model = AdmissionThreshold
    formset = NamedFieldsInlineFormSet
    extra = 1
    add_text = _("Add another admission threshold")
    fields = ["admission_year", "round", "quota", "outcome", "points", "scale"]


@admin.register(StudyOption)
class StudyOptionAdmin(StudyCodeSearch, ProgrammePartAdmin):
    inlines = [AdmissionThresholdInline, ProgrammePlanInline]
    formfield_overrides = StudyOptionInline.formfield_overrides
    list_display = ["study_code", "programme", "mode", "duration_semesters"]
    list_filter = ["mode"]
    list_select_related = ["programme"]
    search_fields = ["study_code", "programme__title_nb", "programme__title_en"]
    autocomplete_fields = ["programme"]
    fields = ["programme", *StudyOptionInline.fields]
    # By programme title, as before Meta.ordering went local (so prefetches need no join).
    ordering = ["programme__title_nb", "programme_id", "position", "pk"]


class ScheduleWeekFormSet(NamedFieldsInlineFormSet):
    """A cohort's weeks: a week of one kind is in the schedule once, so "uke 20–30, 20–30"
    or a gathering in week 25 beside gatherings in weeks 20–30 is refused on the later row.
    Different kinds may overlap (an exam week inside a placement)."""

    def clean(self):
        super().clean()
        taken = {}  # (kind, iso_year, week) → the first week of the row that has it
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors or data.get("week") is None:
                continue
            keys = [
                (data["kind"], data["iso_year"], week)
                for week in range(data["week"], (data.get("last_week") or data["week"]) + 1)
            ]
            clash = next((taken[key] for key in keys if key in taken), None)
            if clash is not None:
                form.add_error(
                    "week",
                    ValidationError(
                        _(
                            "These weeks overlap the row for week %(week)s of %(year)s of "
                            "the same kind."
                        ),
                        code="overlapping_weeks",
                        params={"week": clash, "year": data["iso_year"]},
                    ),
                )
            else:
                taken.update(dict.fromkeys(keys, data["week"]))


class ScheduleWeekInline(LocalizedNumbers, TranslationTabularInline):
    model = ScheduleWeek
    formset = ScheduleWeekFormSet
    extra = 1
    add_text = _("Add another schedule week")
    fields = ["iso_year", "week", "last_week", "kind", "note"]


@admin.register(Cohort)
class CohortAdmin(ProgrammePartAdmin):
    inlines = [ScheduleWeekInline]
    list_display = ["code", "programme", "ends_season", "ends_year"]
    list_select_related = ["programme"]
    search_fields = ["code", "programme__title_nb", "programme__title_en"]
    autocomplete_fields = ["programme"]
    fields = ["programme", *CohortInline.fields]
    # By programme title, then newest first as Cohort.Meta.ordering has it (without the join).
    ordering = ["programme__title_nb", "programme_id", *Cohort._meta.ordering[1:]]


from admissions import admin_thresholds  # noqa: E402, F401  the threshold list and its import
