"""Which admissions fields are written in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from admissions.models import AdmissionRequirement, Course, FieldOfStudy, ScheduleWeek


@register(FieldOfStudy)
class FieldOfStudyTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"nb": ("name",)}


@register(AdmissionRequirement)
class AdmissionRequirementTranslationOptions(TranslationOptions):
    fields = ("text", "ranking")


@register(ScheduleWeek)
class ScheduleWeekTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Course)
class CourseTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = {"nb": ("title",)}
