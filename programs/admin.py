"""Admin for programmes: translation tabs, sections as an ordered inline, bilingual search."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from programs.extensions import extensions
from programs.models import Programme, Section, Status
from programs.text import norwegian_slugify


class SectionForm(forms.ModelForm):
    def clean_anchor(self):
        """Fill in the anchor here, not only in the model, so the formset's check that anchors
        are unique sees the real values when several new sections are added at once."""
        title = self.cleaned_data.get("title_nb") or ""
        return self.cleaned_data["anchor"] or norwegian_slugify(title)[:80]


class SectionInline(TranslationStackedInline):
    model = Section
    form = SectionForm
    extra = 0
    fields = ["position", "title", "heading", "body", "embed", "embed_placement", "anchor"]
    ordering = ["position", "pk"]


class RetireForm(forms.Form):
    """Step two of the retire action: where the retired programmes' pages should lead."""

    successor = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label=_("Redirect to"),
        empty_label=_("No successor: the page says the programme is gone (410)"),
    )

    def __init__(self, *args, retiring, **kwargs):
        super().__init__(*args, **kwargs)
        self.retiring = list(retiring)
        # Only a live page can end a redirect: published and not itself retired.
        self.fields["successor"].queryset = (
            Programme.objects.published()
            .exclude(pk__in=[p.pk for p in self.retiring])
            .exclude(status=Status.DISCONTINUED)
        )

    def clean(self):
        """Checks each retirement through the model's own validation (loops included)."""
        successor = self.cleaned_data.get("successor")
        for programme in self.retiring:
            programme.status, programme.replaced_by = Status.DISCONTINUED, successor
            try:
                programme.full_clean()
            except ValidationError as error:
                for message in error.messages:
                    self.add_error(None, f"{programme}: {message}")
        return self.cleaned_data


@admin.register(Programme)
class ProgrammeAdmin(TabbedTranslationAdmin):
    actions = ["retire"]
    inlines = [SectionInline]  # and those of the apps built on programmes: get_inlines()
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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "level", "ects_credits", "lead", "sections_heading"]}),
        (_("Status"), {"fields": ["status", "notice", "replaced_by", "is_published"]}),
        (_("Image"), {"fields": ["hero_image", "hero_alt"]}),
        (_("Contact"), {"fields": ["contact_url"]}),
        (_("Search engines"), {"fields": ["meta_description"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_inlines(self, request, obj):
        return [*self.inlines, *extensions.admin_inlines]

    @admin.action(description=_("Retire and redirect to …"), permissions=["change"])
    def retire(self, request, queryset):
        """Choose a successor, confirm the chain that results, then retire in one transaction."""
        step = request.POST.get("step")
        form = RetireForm(request.POST if step else None, retiring=queryset)
        if step == "confirm" and form.is_valid():
            with transaction.atomic():
                for programme in form.retiring:
                    programme.save()
            count = len(form.retiring)
            self.message_user(
                request,
                ngettext("%(count)d programme retired.", "%(count)d programmes retired.", count)
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Retire programmes"),
            "opts": self.model._meta,
            "form": form,
            "retiring": form.retiring,
            "preview": step in ("preview", "confirm") and form.is_valid(),
            "successor": form.is_valid() and form.cleaned_data["successor"],
            # Programmes already retired to these ones: their visitors are sent on too.
            "chains": [
                (list(p.replaces.filter(status=Status.DISCONTINUED)), p) for p in form.retiring
            ],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/programs/programme/retire.html", context)


@admin.register(Section)
class SectionAdmin(TabbedTranslationAdmin):
    """Sections are edited inline on their programme; this list finds them across programmes."""

    list_display = ["title_nb", "title_en", "programme", "position"]
    list_select_related = ["programme"]
    search_fields = ["title_nb", "title_en", "programme__title_nb", "programme__title_en"]
    autocomplete_fields = ["programme"]
    ordering = ["programme__title_nb", "position", "pk"]
