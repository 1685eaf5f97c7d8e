"""Admin for programmes: translation tabs, sections as an ordered inline, bilingual search."""

import copy
import json
from collections import defaultdict
from functools import partial
from itertools import zip_longest

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import InlineAdminFormSet
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Max, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version

from config.admin_formsets import (
    KeepsOthersChanges,
    NamedFieldsInlineFormSet,
    ReportsChangesMeanwhile,
)
from programs import history
from programs.drafts import public_now
from programs.extensions import extensions
from programs.models import ANCHOR_TAKEN, MAX_POSITION, OldSlug, Programme, Section, Status


class PublicationFilter(admin.SimpleListFilter):
    """Public now or not, by the schedule as the site follows it (the switch alone says "no"
    for a page whose publish time has passed until ``publish_scheduled`` runs), and the pages
    that go up or come down by themselves later."""

    title = _("publication")  # "By publication"
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [
            (value, capfirst(label))  # as Django's own filters write their choices: "Yes"
            for value, label in [("yes", _("yes")), ("no", _("no")), ("scheduled", _("scheduled"))]
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "yes":
                return queryset.filter(public_now(now))
            case "no":
                return queryset.exclude(public_now(now))
            case "scheduled":  # a draft's unpublish time alone changes nothing
                return queryset.filter(
                    Q(publish_at__gt=now) | (public_now(now) & Q(unpublish_at__gt=now))
                )
        return queryset


class OneMessagePerFieldForm(KeepsOthersChanges):
    """Says once what is wrong with a field. A value the field refused (“2,785”: too many
    decimals) never reaches the model, whose ``clean()`` then sees the field as empty and would
    add “Enter the points.” under it; such second messages are left out. Of the model's own
    messages on one field, the first is kept: its field's validators come before ``clean()``,
    whose checks across fields assume values in range (day 0 is "at least 1", not also "day 0
    does not exist in April")."""

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            kept = {
                name: errors if name == NON_FIELD_ERRORS else errors[:1]
                for name, errors in error.error_dict.items()
                if name == NON_FIELD_ERRORS or name not in self._errors
            }
            if not kept:
                return
            error = ValidationError(kept)
        super().add_error(field, error)


class ReadableAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, which shows the chosen row again when the form has errors,
    without the 500 it gives when the posted value is not a key at all (``replaced_by=abc``,
    only from a crafted request): such a value is not looked up. The field says it is not a
    valid choice, as for any key that names nothing."""

    def optgroups(self, name, value, attr=None):
        key = self.field.target_field
        return super().optgroups(name, [v for v in value if readable(key, v)], attr)


def readable(field, value):
    """Whether ``value`` is a key ``field`` can hold: a number, and one in the column's range."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class ReadableAutocomplete:
    """Admin mixin for ``autocomplete_fields``: ``ReadableAutocompleteSelect`` as their widget.
    Every admin and inline with autocomplete fields takes it (tests/programs/test_admin.py)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = ReadableAutocompleteSelect(db_field, self.admin_site, using=db)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LocalizedNumbers:
    """Admin mixin: number fields read what an editor types in her language (7,5 in nb), and
    each field gets one message (``OneMessagePerFieldForm``).

    A browser's ``<input type="number">`` may read “7,5” as 75 and send that, so the fields are
    text inputs parsed by Django's localized fields, which refuse what they cannot read, as
    narrow as the admin's own number fields. A lower bound is left to the model's own
    validator, whose message names the range (“1 to 12”), not to the column's 0.
    """

    form = OneMessagePerFieldForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField | models.IntegerField) and not (
            db_field.choices or db_field.primary_key
        ):
            mode = "decimal" if isinstance(db_field, models.DecimalField) else "numeric"
            kwargs.setdefault("localize", True)
            attrs = {"inputmode": mode, "class": "vIntegerField"}
            kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
            if any(isinstance(v, MinValueValidator) for v in db_field.validators):
                kwargs.setdefault("min_value", None)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class AddTextInlineAdminFormSet(InlineAdminFormSet):
    """Django writes “Add another %(verbose_name)s” with a capital (“Legg til ny Kull”); an
    inline's ``add_text`` says it whole, in the noun's gender (“Legg til nytt kull”)."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        if add_text := getattr(self.opts, "add_text", None):
            data["options"]["addText"] = str(add_text)
        return json.dumps(data)


class AddTextInlines:
    """ModelAdmin mixin: inlines may set ``add_text`` (see ``AddTextInlineAdminFormSet``)."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj=obj)
        for admin_formset in admin_formsets:
            admin_formset.__class__ = AddTextInlineAdminFormSet
        return admin_formsets


class SectionForm(OneMessagePerFieldForm):
    """Fills in each language's anchor here, not only in the model, so the formset's checks
    that anchors are unique see the real values when several new sections are added at once."""

    def clean_anchor_nb(self):
        return self._anchor("nb")

    def clean_anchor_en(self):
        return self._anchor("en")

    def _anchor(self, code):
        data = self.cleaned_data
        return Section.filled_anchor(code, data[f"anchor_{code}"], data.get(f"title_{code}"))


class SectionFormSet(NamedFieldsInlineFormSet):
    """A programme's sections, checked and saved together, so that they may swap anchors or
    pass one on in one save (``NamedFieldsInlineFormSet``). Django checks the forms against
    each other (a language's anchor once); ``clean`` refuses one that another section has in
    the other language, which the English page carries too (``Section.clean``, told not to
    read the database)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.saved_with_its_siblings = True
        return form

    def get_unique_error_message(self, unique_check):
        """Two sections with one anchor in a language: said so, not Django's "Please correct
        the duplicate data for anchor [nb]"; the rows are marked at the field."""
        fields = [f for f in unique_check if f != self.fk.name]
        if len(fields) == 1 and fields[0].startswith("anchor_"):
            label = self.model._meta.get_field(fields[0]).verbose_name  # "anchor [nb]"
            return _("Two sections have the same %(field)s. Give each section its own.") % {
                "field": label
            }
        return super().get_unique_error_message(unique_check)

    def clean(self):
        super().clean()
        kept = [
            f for f in self.forms if hasattr(f, "cleaned_data") and not self._should_delete_form(f)
        ]
        holders = defaultdict(set)  # anchor: {(form, language), …}
        for form in kept:
            for code, _name in settings.LANGUAGES:
                if anchor := form.cleaned_data.get(f"anchor_{code}"):
                    holders[anchor].add((form, code))
        for held in holders.values():
            for form, code in held:
                taken = any(other is not form and language != code for other, language in held)
                if taken and f"anchor_{code}" not in form.errors:
                    error = ValidationError(ANCHOR_TAKEN, code="duplicate_anchor")
                    form.add_error(f"anchor_{code}", error)


class NewRowsLast:
    """Inline mixin for rows ordered by ``position``: new rows start after the existing ones
    (highest position + 10, at most ``MAX_POSITION``), so a row added at the bottom of the
    form is also last on the page. Several new ones share the number and keep the order they
    were added in (the models' ``Meta.ordering`` ends with ``pk``)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        rows = self.model._default_manager.filter(**{formset.fk.name: obj})
        last = rows.aggregate(last=Max("position"))["last"] if obj else None
        next_position = 0 if last is None else min(last + 10, MAX_POSITION)

        class NewRowsLastFormSet(formset):
            def get_form_kwargs(self, index):
                kwargs = super().get_form_kwargs(index)
                if index is None or index >= self.initial_form_count():
                    kwargs["initial"] = {"position": next_position, **kwargs.get("initial", {})}
                return kwargs

        return NewRowsLastFormSet


class SectionInline(NewRowsLast, LocalizedNumbers, TranslationStackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    # Closed by default, and each section shows only its position and title until opened:
    # a programme with twenty sections no longer makes the form thousands of pixels tall.
    classes = ["collapse"]
    fieldsets = [
        (None, {"fields": ["position", "title"]}),
        (
            _("Text and block"),
            {
                "fields": ["heading", "body", "embed", "embed_placement", "anchor"],
                "classes": ["collapse"],
            },
        ),
    ]
    ordering = ["position", "pk"]
    add_text = _("Add another section")


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
        self.fields["successor"].queryset = Programme.objects.listed().exclude(
            pk__in=[p.pk for p in self.retiring]
        )

    def clean(self):
        """Checks each retirement through the model's own validation (loops included), on a
        copy: the preview shows the chosen programmes as they are until the confirmation."""
        successor = self.cleaned_data.get("successor")
        for programme in self.retiring:
            retired = self.retired(programme, successor)
            try:
                retired.full_clean()
            except ValidationError as error:
                for message in error.messages:
                    self.add_error(None, f"{programme}: {message}")
        return self.cleaned_data

    @staticmethod
    def retired(programme, successor):
        """``programme`` retired to ``successor`` (None: gone), not saved."""
        programme = copy.copy(programme)  # Django copies its state and related-object cache
        programme.status, programme.replaced_by = Status.DISCONTINUED, successor
        return programme


class CompareForm(forms.Form):
    """The two versions of one programme to compare (query string of the compare view)."""

    old = forms.ModelChoiceField(queryset=None, label=_("Older version"))
    new = forms.ModelChoiceField(queryset=None, label=_("Newer version"))

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].queryset = self.fields["new"].queryset = versions
        for name in ("old", "new"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "That is not a version of this programme."
            )


history.register()  # before ProgrammeAdmin: VersionAdmin would register only what it sees


@admin.register(Programme)
class ProgrammeAdmin(
    ReadableAutocomplete,
    ReportsChangesMeanwhile,
    history.KeepsChangeMessages,
    AddTextInlines,
    LocalizedNumbers,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    actions = ["retire"]
    object_history_template = "admin/programs/programme/object_history.html"
    history_latest_first = True
    inlines = [SectionInline]  # and those of the apps built on programmes: get_inlines()
    # `title` would search only the editor's own language (modeltranslation rewrites it).
    search_fields = ["title_nb", "title_en", "slug_nb", "slug_en", "lead_nb", "lead_en"]
    # Few and narrow columns, so the list fits beside the admin's sidebar and filters at
    # 1280 px (the level is in the title, "Bachelor i …", and in the filters).
    list_display = ["title_nb", "title_en", "status_and_successor", "publication", "updated"]
    list_filter = ["status", "level", PublicationFilter]
    list_select_related = ["replaced_by"]
    prepopulated_fields = {"slug": ["title"]}  # expanded per language: slug_nb from title_nb, …
    autocomplete_fields = ["replaced_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["old_addresses", "created_at", "updated_at"]
    # What an editor looks for most stays open; the rest folds away (<details> since Django
    # 5.1) and opens by itself when it holds an error. One language at a time: the language
    # menu modeltranslation puts above the form switches every tab bar at once.
    fieldsets = [
        (None, {"fields": ["title", "slug", "level", "ects_credits", "lead", "sections_heading"]}),
        (
            _("Publishing"),
            {
                "fields": ["is_published", "publish_at", "unpublish_at"],
                "description": _(
                    "Until it is published, editors can preview the page at its address: "
                    "use “Save and preview”."
                ),
            },
        ),
        (
            _("Status and successor"),
            {"fields": ["status", "replaced_by", "notice"], "classes": ["collapse"]},
        ),
        (_("Image"), {"fields": ["hero_image", "hero_alt"], "classes": ["collapse"]}),
        (_("Contact"), {"fields": ["contact_url"], "classes": ["collapse"]}),
        (
            _("Search engines and addresses"),
            {"fields": ["meta_description", "old_addresses"], "classes": ["collapse"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Django's search, and the programmes the apps built on programmes find (admissions:
        by the study codes of their options)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        for search in extensions.admin_searches:
            if (found := search(queryset, search_term)) is not None:
                results, may_have_duplicates = results | found, True
        return results, may_have_duplicates

    def get_inlines(self, request, obj):
        return [*self.inlines, *extensions.admin_inlines]

    def save_model(self, request, obj, form, change):
        """Saves; says so when a slug was another programme's before its rename. The address
        is free to take (``Programme.save()`` drops the redirect once this page is published),
        but that programme's old links then lead here, which the editor should know. Says so
        too when a page public now, or scheduled to go up, has no English title and lead (when
        it is published or scheduled, or they are cleared): content health would tell only
        later."""
        taken = Q()
        for code, _name in settings.LANGUAGES:
            slug = getattr(obj, f"slug_{code}")
            # Said when the slug is set or the page published, not at every later save.
            if slug and {f"slug_{code}", "is_published"} & {*form.changed_data}:
                taken |= Q(language=code, slug=slug)
        redirects = list(
            OldSlug.objects.filter(taken).exclude(programme=obj.pk).select_related("programme")
            if taken
            else []
        )
        super().save_model(request, obj, form, change)
        for old in redirects:
            values = {"slug": old.slug, "programme": old.programme}
            if obj.is_public():  # published, or by its publishing time: the live slug wins
                message = _(
                    "“%(slug)s” was the address of %(programme)s before it was renamed: old "
                    "links to it now lead to this page."
                )
            else:
                message = _(
                    "“%(slug)s” was the address of %(programme)s before it was renamed: once this "
                    "page is published, old links to it will lead here."
                )
            self.message_user(request, message % values, messages.WARNING)
        self.warn_of_addresses_gone(request, obj, form)
        watched = {"is_published", "publish_at", "title_en", "lead_en"}
        if obj.has_own_text("en") or not watched & {*form.changed_data}:
            return
        if obj.is_public():
            message = _(
                "“%(programme)s” is public without an English title and lead: its English page "
                "shows the Norwegian text, with a notice that it is not translated yet."
            ) % {"programme": obj}
        elif obj.publish_at and obj.publish_at > timezone.now() and obj.is_public(obj.publish_at):
            message = _(
                "“%(programme)s” goes public on %(moment)s without an English title and lead: "
                "unless they are written by then, its English page will show the Norwegian "
                "text, with a notice that it is not translated yet."
            ) % {
                "programme": obj,
                "moment": history.moment_text(obj.publish_at, "SHORT_DATETIME_FORMAT"),
            }
        else:
            return
        self.message_user(request, message, messages.WARNING)

    def warn_of_addresses_gone(self, request, obj, form):
        """Says when a save makes a discontinued programme's address answer 410 Gone instead
        of leading to its successor: the successor it names is not public (the retire action
        refuses one; this form cannot), or this page, which others lead to, is taken down now
        or at a set time. A 410 tells search engines a page is gone for good. Content health
        lists such programmes too (``successor_not_public``). 1–2 queries, when one of the
        fields involved changed."""
        changed = {*form.changed_data}
        scheduled = {"is_published", "publish_at", "unpublish_at"}
        if {"status", "replaced_by", *scheduled} & changed and obj.leads_nowhere():
            message = _(
                "“%(programme)s” is discontinued, but its successor leads to no published "
                "programme: its address answers 410 Gone, not a redirect."
            )
            self.message_user(request, message % {"programme": obj}, messages.WARNING)
        if obj.is_retired or not scheduled & changed:
            return
        if obj.is_public() and obj.unpublish_at is None:
            return
        led_here = [
            p for p in Programme.objects.earlier_than(obj) if p.is_retired and p.is_public()
        ]
        if not led_here:
            return
        names = ", ".join(_("“%(title)s”") % {"title": p} for p in led_here)
        if not obj.is_public():
            message = ngettext(
                "The address of %(names)s, discontinued, led here: while this page is not "
                "public, it answers 410 Gone.",
                "The addresses of %(names)s, discontinued, led here: while this page is not "
                "public, they answer 410 Gone.",
                len(led_here),
            )
        else:
            message = ngettext(
                "The address of %(names)s, discontinued, leads here: when this page is taken "
                "down on %(moment)s, it will answer 410 Gone.",
                "The addresses of %(names)s, discontinued, lead here: when this page is taken "
                "down on %(moment)s, they will answer 410 Gone.",
                len(led_here),
            )
        moment = obj.unpublish_at and history.moment_text(obj.unpublish_at, "SHORT_DATETIME_FORMAT")
        self.message_user(request, message % {"names": names, "moment": moment}, messages.WARNING)

    # --- Preview ---------------------------------------------------------------------------

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return redirect(self.preview_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            return redirect(self.preview_url(obj))
        if restored := getattr(request, "restoring", None):
            self.message_user(request, restored.message(obj), messages.SUCCESS)
            return redirect("admin:programs_programme_change", quote(obj.pk))
        return super().response_change(request, obj)

    def view_on_site(self, programme):
        """“View on site”: Django's own link (``/admin/r/…``, which checks who asks), except for
        a retired programme, whose address shows its successor or a 410 page: there it goes
        where “Save and preview” goes, a page that shows this programme's texts. (A version
        shown before it is restored may name a successor deleted since: Django's link.)"""
        try:
            url = self.preview_url(programme) if programme.is_retired else None
        except Programme.DoesNotExist:
            url = None
        if url and url != programme.get_absolute_url():
            return url
        content_type = ContentType.objects.get_for_model(programme)
        return reverse("admin:view_on_site", args=(content_type.pk, programme.pk))

    @staticmethod
    def preview_url(programme):
        """Where “Save and preview” goes: the page itself, shown to editors even as a draft.
        A retired programme's address leads to its successor or says it is gone (410), so
        there it goes to the first page an app names for it (admissions: its newest cohort's,
        which shows its texts); only when there is none, to its address."""
        if programme.page_destination() != programme:
            for page in extensions.preview_pages:
                if url := page(programme):
                    return url
        return programme.get_absolute_url()

    # --- History ---------------------------------------------------------------------------

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="programs_programme_compare",
        )
        return [compare, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        """As VersionAdmin's, without its one revision around the whole list: each action
        records a revision per programme itself (``retire``, ``delete_queryset``,
        ``get_actions``), so restoring one programme never undoes another."""
        context = {"has_change_permission": self.has_change_permission(request)}
        return admin.ModelAdmin.changelist_view(self, request, {**context, **(extra_context or {})})

    def get_actions(self, request):
        """Actions that do not record their own revisions are recorded, per programme, under
        their name (delete records through ``delete_queryset``)."""
        actions = super().get_actions(request)
        for name, (func, action_name, description) in list(actions.items()):
            if name not in ("retire", "delete_selected"):
                actions[name] = (self._recorded(func, description), action_name, description)
        return actions

    @staticmethod
    def _recorded(func, description):
        def action(modeladmin, request, queryset):
            pks = list(queryset.values_list("pk", flat=True))
            response = func(modeladmin, request, queryset)
            for programme in Programme.objects.filter(pk__in=pks):
                history.record(programme, request.user, str(description))
            return response

        return action

    def get_deleted_objects(self, objs, request):
        """A programme's old slugs go with it: nobody may delete them one by one
        (``OldSlugAdmin``), which Django would otherwise count as a permission missing."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(OldSlug._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        self.delete_queryset(request, self.model._default_manager.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """Record each programme as it was before it goes, so it can be recovered."""
        for programme in queryset:
            history.record(programme, request.user, history.comment(gettext_noop("Deleted.")))
        super().delete_queryset(request, queryset)

    # --- Restore and recover (reversion's views), said as such in the history ------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        view = super().revision_view
        return self._restoring(request, version_id, False, view, object_id, version_id)

    def recover_view(self, request, version_id, extra_context=None):
        return self._restoring(request, version_id, True, super().recover_view, version_id)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        """reversion's restore and recover (and their previews), bringing back ``version``'s
        programme and its rows only (``history.restore``): reversion calls
        ``version.revision.revert(delete=True)``, here answered by that function."""
        restoring = getattr(request, "restoring", None)  # set by _restoring: its rows, read
        rows = restoring.rows if restoring and restoring.version.pk == version.pk else None
        version.revision.revert = partial(history.restore, version, rows=rows)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def _restoring(self, request, version_id, recovered, view, *args):
        """reversion's ``view``; when it restores, its revision's comment (reversion's, in the
        language of whoever restored) becomes ours, and the message says what happened."""
        allowed = self.has_add_permission if recovered else self.has_change_permission
        if not allowed(request):  # before saying anything about what the version holds
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(Programme), pk=version_id)
        restoring = history.Restoring(version, recovered)
        if kinds := restoring.kinds_not_allowed(request.user):
            message = _(
                "You cannot bring this version back: it would also add, change or delete "
                "%(kinds)s, which your role may not."
            )
            self.message_user(request, message % {"kinds": ", ".join(kinds)}, messages.ERROR)
            return self._back(recovered, version)
        if refusal := restoring.refusal():
            self.message_user(request, refusal, messages.ERROR)
            return self._back(recovered, version)
        request.restoring = restoring
        view = partial(view, extra_context={"title": restoring.title()})
        warning = " ".join(
            filter(None, [restoring.lost_successor_message(), restoring.deleted_links_message()])
        )
        if request.method != "POST":
            if warning:  # said before the editor confirms, and again after
                self.message_user(request, warning, messages.WARNING)
            return view(request, *args)  # the preview of what would come back
        newest_before = Revision.objects.aggregate(pk=Max("pk"))["pk"] or 0
        response = view(request, *args)
        if response.status_code == 302:
            restoring.record(request.user, newest_before)
            if warning:
                self.message_user(request, warning, messages.WARNING)
        return response

    @staticmethod
    def _back(recovered, version):
        """Where an editor goes when a version cannot be brought back: the list of deleted
        programmes, or the programme's history."""
        if recovered:
            return redirect("admin:programs_programme_recoverlist")
        return redirect("admin:programs_programme_history", quote(version.object_id))

    def history_view(self, request, object_id, extra_context=None):
        """Who changed what and when, newest first, each with a link to what it changed."""
        versions = list(history.versions_of(unquote(object_id)))
        compare_url = reverse("admin:programs_programme_compare", args=[quote(object_id)])
        rows = [
            {
                "version": version,
                "revision": version.revision,
                "url": reverse(
                    "admin:programs_programme_revision", args=[quote(object_id), version.pk]
                ),
                "comment": history.comment_text(version.revision.comment),
                "changes_url": (
                    f"{compare_url}?old={older.pk}&new={version.pk}" if older else None
                ),
            }
            for version, older in zip_longest(versions, versions[1:])  # none: no row
        ]
        context = {
            "rows": rows,
            "compare_url": compare_url,
            "can_restore": self.has_change_permission(request),  # else the link is a 403
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        """Two versions of a programme side by side: its fields in both languages, then the
        sections and other rows added, removed or changed. A bad query string is a 400."""
        programme = self.get_object(request, unquote(object_id))  # None for "abc" too
        if programme is None:
            raise Http404
        if not self.has_view_or_change_permission(request, programme):
            raise PermissionDenied
        form = CompareForm(request.GET, versions=history.versions_of(programme.pk))
        valid = form.is_valid()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes to %(programme)s") % {"programme": programme},
            "opts": self.model._meta,
            "original": programme,
            "form": form,
            "old": valid and form.cleaned_data["old"],
            "new": valid and form.cleaned_data["new"],
            "comparison": valid
            and history.compare(form.cleaned_data["old"], form.cleaned_data["new"]),
            "history_url": reverse("admin:programs_programme_history", args=[quote(object_id)]),
            "can_restore": self.has_change_permission(request, programme),
        }
        template = "admin/programs/programme/compare.html"
        return TemplateResponse(request, template, context, status=200 if valid else 400)

    def get_queryset(self, request):
        """Each programme knows whether it is public now, for the "published" column's sort."""
        public = When(public_now(), then=Value(True))
        return (
            super()
            .get_queryset(request)
            .annotate(
                public_now=Case(public, default=Value(False), output_field=models.BooleanField())
            )
        )

    @admin.display(description=_("status"), ordering="status")
    def status_and_successor(self, programme):
        """The status, and where a retired programme's visitors are sent: "Nedlagt, erstattet
        av Nytt studium" (the successor is selected with the row: no query)."""
        if programme.replaced_by_id is None:
            return programme.get_status_display()
        return _("%(status)s, replaced by %(successor)s") % {
            "status": programme.get_status_display(),
            "successor": programme.replaced_by,
        }

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, programme):
        """Short ("03.12.2026 20:43"): the long form took a column's width on its own."""
        return history.moment_text(programme.updated_at, "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("published"), ordering="public_now")
    def publication(self, programme):
        """Public now or not, and when it goes up or comes down by itself: "no, from
        01.03.2027 12:00" (the list showed only the switch, "no", for a scheduled page)."""
        now = timezone.now()
        parts = [_("yes") if programme.is_public(now) else _("no")]
        for moment, words in (
            (programme.publish_at, _("from %(moment)s")),
            (programme.unpublish_at, _("until %(moment)s")),
        ):
            if moment and moment > now:
                parts.append(
                    words % {"moment": history.moment_text(moment, "SHORT_DATETIME_FORMAT")}
                )
        return ", ".join(str(part) for part in parts)

    @admin.display(description=_("old addresses"))
    def old_addresses(self, obj):
        """The programme's old slugs, each still redirecting here (one query)."""
        rows = (
            [
                (old.get_language_display(), old.slug, date_format(old.created_at.date()))
                for old in obj.old_slugs.all()
            ]
            if obj.pk
            else []
        )
        if not rows:
            return _("None: every address this page has had is the current one.")
        return format_html_join("\n", "<div>{}: <code>{}</code> ({})</div>", rows)

    @admin.action(description=_("Retire and redirect to …"), permissions=["change"])
    def retire(self, request, queryset):
        """Choose a successor, confirm the chain that results, then retire in one transaction."""
        step = request.POST.get("step")
        form = RetireForm(request.POST if step else None, retiring=queryset)
        if step == "confirm" and form.is_valid():
            successor = form.cleaned_data["successor"]
            comment = (
                history.comment(
                    gettext_noop("Retired: visitors are sent to %(successor)s."),
                    successor=history.titles(successor),
                )
                if successor
                else history.comment(
                    gettext_noop("Retired: the page says the programme is gone (410).")
                )
            )
            with transaction.atomic():
                for programme in form.retiring:
                    retired = form.retired(programme, successor)
                    history.save_with_comment(retired, request.user, comment)
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
            "title": ngettext("Retire programme", "Retire programmes", len(form.retiring)),
            "opts": self.model._meta,
            "form": form,
            "retiring": form.retiring,
            "preview": step in ("preview", "confirm") and form.is_valid(),
            "successor": form.is_valid() and form.cleaned_data["successor"],
            # Programmes already retired to these ones, however far back: their visitors are
            # sent on too.
            "chains": [
                ([q for q in Programme.objects.earlier_than(p) if q.is_retired], p)
                for p in form.retiring
            ],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/programs/programme/retire.html", context)


@admin.register(Section)
class SectionAdmin(ReadableAutocomplete, history.RecordedInHistory, TabbedTranslationAdmin):
    """Sections are edited inline on their programme; this list finds them across programmes.
    A section saved, moved or deleted here is in its programme's history, as on the
    programme's page."""

    list_display = ["title_nb", "title_en", "programme", "position"]
    list_select_related = ["programme"]
    search_fields = ["title_nb", "title_en", "programme__title_nb", "programme__title_en"]
    autocomplete_fields = ["programme"]
    ordering = ["programme__title_nb", "position", "pk"]


@admin.register(OldSlug)
class OldSlugAdmin(admin.ModelAdmin):
    """The automatic redirects, for superusers to look at: ``Programme.save()`` keeps them."""

    list_display = ["slug", "language", "programme", "created_at"]
    list_filter = ["language"]
    list_select_related = ["programme"]
    search_fields = ["slug", "programme__title_nb", "programme__title_en"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
