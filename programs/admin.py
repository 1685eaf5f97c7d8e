"""Admin for programmes: translation tabs, sections as an ordered inline, bilingual search."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from admissions.admin import AdmissionRequirementInline, CohortInline, StudyOptionInline
from programs.models import Programme, Section


class SectionInline(TranslationStackedInline):
    model = Section
    extra = 0
    fields = ["position", "title", "heading", "body", "embed", "embed_placement", "anchor"]
    ordering = ["position", "pk"]


@admin.register(Programme)
class ProgrammeAdmin(TabbedTranslationAdmin):
    inlines = [SectionInline, AdmissionRequirementInline, StudyOptionInline, CohortInline]
    # `title` would search only the editor's own language (modeltranslation rewrites it).
    search_fields = ["title_nb", "title_en", "slug_nb", "slug_en", "lead_nb", "lead_en"]
    list_display = [
        "title_nb",
        "title_en",
        "level",
        "status",
        "replaced_by",
        "is_published",
        "updated_at",
    ]
    list_filter = ["status", "level", "is_published"]
    list_select_related = ["replaced_by"]
    prepopulated_fields = {"slug": ["title"]}  # expanded per language: slug_nb from title_nb, …
    autocomplete_fields = ["replaced_by"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "level", "ects_credits", "lead", "sections_heading"]}),
        (_("Status"), {"fields": ["status", "notice", "replaced_by", "is_published"]}),
        (_("Image"), {"fields": ["hero_image", "hero_alt"]}),
        (_("Search engines"), {"fields": ["meta_description"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Section)
class SectionAdmin(TabbedTranslationAdmin):
    """Sections are edited inline on their programme; this list finds them across programmes."""

    list_display = ["title_nb", "title_en", "programme", "position"]
    list_select_related = ["programme"]
    search_fields = ["title_nb", "title_en", "programme__title_nb", "programme__title_en"]
    autocomplete_fields = ["programme"]
    ordering = ["programme__title_nb", "position", "pk"]
