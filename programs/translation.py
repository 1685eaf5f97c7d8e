"""Which model fields are written in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from programs.models import Programme, Section


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "lead", "meta_description", "notice", "sections_heading", "hero_alt")
    required_languages = {"nb": ("title", "slug", "lead")}
    # A programme without an English slug stores NULL, so the unique constraint allows many.
    empty_values = {"slug": None}


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title", "heading", "body", "anchor")
    required_languages = {"nb": ("title",)}
    # Sections without an English anchor store NULL, so the unique constraint allows many.
    empty_values = {"anchor": None}
