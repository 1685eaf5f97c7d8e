"""Admission thresholds in a list of their own, with the yearly import and the export.

The file (admissions/importing.py) is first read in a dry run whose preview lists every row it
would create, change or refuse, with the reasons in the editor's language; only a file
without a refused row can be confirmed, and the confirmed import is one transaction.
The uploaded file waits between the two steps in Django's cache, which every worker shares
(config/cache.py; Redis when several app servers do), so the confirm may reach any of them.
The confirm imports only what the preview showed: when another editor or import changed any of
the file's thresholds in between, it saves nothing and says so (``found_in_database``).
"""

import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ConfirmImportForm, SelectableFieldsExportForm
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage

from admissions.admin_search import StudyCodeSearch
from admissions.importing import (
    REQUIRED_COLUMNS,
    BoundedXLSX,
    DelimitedCSV,
    ThresholdResource,
    ThresholdValueField,
    UnreadableFile,
    not_readable,
    text,
)
from admissions.models import AdmissionThreshold
from programs import history
from programs.admin import LocalizedNumbers, ReadableAutocomplete
from programs.history import RecordedInHistory
from programs.text import norwegian_slugify

ACTIONS = {
    RowResult.IMPORT_TYPE_NEW: ("create", gettext_lazy("Create")),
    RowResult.IMPORT_TYPE_UPDATE: ("change", gettext_lazy("Change")),
    RowResult.IMPORT_TYPE_SKIP: ("unchanged", gettext_lazy("Unchanged")),
    RowResult.IMPORT_TYPE_INVALID: ("refuse", gettext_lazy("Refuse")),
    RowResult.IMPORT_TYPE_ERROR: ("refuse", gettext_lazy("Refuse")),
}


def column_labels():
    """Model field names and file columns → what the preview calls them."""
    return {
        "study_option": _("study code"),
        "study_code": _("study code"),
        "admission_year": _("admission year"),
        "round": _("round"),
        "quota": _("quota"),
        "value": _("value"),
        "points": _("value"),
        "outcome": _("value"),
        "scale": _("scale"),
    }


def reasons(row):
    """Why ``row`` (a RowResult) is refused: ``["study code: No study option …", …]``; one
    reason a column, as the admin's forms give (``OneMessagePerFieldForm``)."""
    labels = column_labels()
    if row.validation_error is not None:
        return [
            f"{labels[field]}: {message}" if field in labels else message
            for field, messages in row.validation_error.message_dict.items()
            for message in (messages if field == NON_FIELD_ERRORS else messages[:1])
        ]
    return [str(error.error) for error in row.errors]


def preview_rows(result):
    """Each row of the file with what the import does with it, for the preview table: the
    scale it is saved on (a row without one takes its option's or the file layout's), and for a
    change the value it replaces, with that value's scale when the change is of scale too."""
    value = ThresholdValueField()
    rows = []
    for number, row in enumerate(result.rows, start=1):
        kind, action = ACTIONS.get(row.import_type, ACTIONS[RowResult.IMPORT_TYPE_ERROR])
        changed, refused = kind == "change", kind == "refuse"
        instance, original = row.instance, row.original
        scale = text(row.row_values.get("scale")) if refused else instance.get_scale_display()
        scale_changed = changed and original.scale != instance.scale
        rows.append(
            {
                "number": number,
                "kind": kind,
                "action": action,
                # As the reasons quote them: a date cell as 2026-01-01 00:00:00, none as ''.
                "cells": [cell_text(row.row_values.get(column)) for column in REQUIRED_COLUMNS],
                "scale": scale,
                "before": value.export(original) if changed else "",
                "before_scale": original.get_scale_display() if scale_changed else "",
                "reasons": reasons(row) if refused else [],
            }
        )
    return rows


def cell_text(value):
    """A cell as the preview shows it: as ``text()``, but a spreadsheet's number with decimals
    as the admin's language writes it ("2,83" in nb), as a CSV typed in Norwegian has it."""
    if isinstance(value, float) and not value.is_integer():
        return number_format(value)
    return text(value)


def found_in_database(result):
    """A digest of what an import found for each row of the file: whether its threshold
    existed and, if so, its value and scale, and the scale the row is saved on (a new row
    without one takes its option's newest). The preview puts it in the confirm form; the
    confirm compares its own, so a threshold saved in between by someone else (a row the
    preview showed as new, or a value it showed as unchanged) is not overwritten unseen."""
    found = [
        (
            row.import_type,
            values(row.original) and (row.original.pk, *values(row.original)),
            values(row.instance),  # not its id: PostgreSQL's sequence moved on in the dry run
        )
        for row in result.rows
    ]
    return hashlib.sha256(repr(found).encode()).hexdigest()


def values(threshold):
    """What a threshold says, or None."""
    return threshold and (threshold.outcome, str(threshold.points), threshold.scale)


class ChangedSincePreview(Exception):
    """The confirm found other thresholds than the preview did; nothing was saved."""


class ConfirmThresholdImportForm(ConfirmImportForm):
    found = forms.CharField(widget=forms.HiddenInput(), required=False)


def other_encoding_text(data):
    """``data`` as text when it is not UTF-8 but UTF-16 with its byte-order mark (Excel's
    "Unicode text") or Windows-1252; None when it is UTF-8 or neither."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return windows_1252_text(data)
    return None


def windows_1252_text(data):
    """``data`` read as Windows-1252 text, or None when it is not text: a spreadsheet (a zip
    archive), UTF-16 or other binary data, or bytes Windows-1252 has no character for. The
    file then stays as it was, and fails to read as the format it is not."""
    if data.startswith(b"PK\x03\x04") or b"\x00" in data:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


class UploadGone(Exception):
    """The uploaded file is not in the cache any more."""


class UploadStash(CacheStorage):
    """import-export's CacheStorage (the upload waits in Django's cache between preview and
    confirm), raising ``UploadGone`` for a file that is not there: import-export read it as
    None and failed with a 500."""

    def read(self):
        data = super().read()
        if data is None:
            raise UploadGone
        return data


class ThresholdExportForm(SelectableFieldsExportForm):
    """The columns to export, named as the preview names them, with the column in the file:
    "studiekode (study_code)", not "Study Option (study_code)"."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        return f"{capfirst(column_labels().get(field_name, field_name))} ({column})"

    def _validate_any_field_selected(self, resource):
        """No column ticked: said in the editor's language (import-export's own message is
        English in the Norwegian admin, and names the resource's class)."""
        if not any(self.cleaned_data.get(name) for name in resource().get_export_order()):
            raise forms.ValidationError(_("Tick at least one column to export."), code="no_columns")


@admin.register(AdmissionThreshold)
class AdmissionThresholdAdmin(
    ReadableAutocomplete,
    StudyCodeSearch,
    RecordedInHistory,
    LocalizedNumbers,
    ImportExportModelAdmin,
):
    study_code_path = "study_option__study_code"
    programme_of = "study_option.programme"
    resource_classes = [ThresholdResource]
    formats = [DelimitedCSV, BoundedXLSX]
    from_encoding = "utf-8-sig"  # reads a BOM as Excel and Samordna opptak write it
    tmp_storage_class = UploadStash
    confirm_form_class = ConfirmThresholdImportForm
    import_template_name = "admin/admissions/admissionthreshold/import.html"
    list_display = [
        "study_code",
        "programme",
        "admission_year",
        "round",
        "quota",
        "outcome",
        "points",
        "scale",
    ]
    list_filter = ["admission_year", "round", "quota", "study_option__programme"]
    list_select_related = ["study_option__programme"]
    search_fields = [
        "study_option__study_code",
        "study_option__programme__title_nb",
        "study_option__programme__title_en",
    ]
    autocomplete_fields = ["study_option"]
    fields = ["study_option", "admission_year", "round", "quota", "outcome", "points", "scale"]
    ordering = ["-admission_year", "study_option__study_code", "round", "quota"]

    @admin.display(description=gettext_lazy("study code"), ordering="study_option__study_code")
    def study_code(self, threshold):
        return threshold.study_option.study_code

    @admin.display(description=gettext_lazy("programme"))
    def programme(self, threshold):
        return threshold.study_option.programme

    def add_success_message(self, result, request):
        """import-export's says "… and 1 skipped poenggrenser." in any language."""
        totals = result.totals
        message = _("Import finished. New: %(new)s. Changed: %(changed)s. Unchanged: %(same)s.")
        self.message_user(
            request,
            message
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "same": totals[RowResult.IMPORT_TYPE_SKIP],
            },
            messages.SUCCESS,
        )

    def get_export_filename(self, request, queryset, file_format):
        """``poenggrenser-2026-12-03.csv`` (``admission-thresholds-…`` in English), not the model's
        class name."""
        name = norwegian_slugify(str(AdmissionThreshold._meta.verbose_name_plural))
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def get_export_form_class(self):
        return ThresholdExportForm

    def export_action(self, request):
        """The export of the list as filtered, whose filters come in the address: one the list
        does not know (``?foo=1``) is a message on the list, not a 500."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            message = _(
                "The export could not use the filters in its address. Choose them in the list, "
                "then export."
            )
            return self.back_with(request, message, "changelist")

    def has_import_permission(self, request):
        """Importing adds and changes thresholds: both permissions (admissions/roles.py)."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def write_to_tmp_storage(self, import_file, input_format):
        """Keeps the uploaded file for the confirm step, as UTF-8: a CSV that is not is read
        as UTF-16 (Excel's "Unicode text") or Windows-1252 (its Norwegian "CSV
        (semikolondelt)"), so "År" and "Sykepleie og helse" arrive whole rather than as a
        decoding error."""
        if not input_format.is_binary():
            data = b"".join(import_file.chunks())
            if (text := other_encoding_text(data)) is not None:
                import_file = ContentFile(text.encode("utf-8"), name=import_file.name)
        return super().write_to_tmp_storage(import_file, input_format)

    def add_data_read_fail_error_to_form(self, form, e):
        """In the editor's language, without the exception's name (import-export's own says
        "'BadZipFile' encountered while trying to read file"). A spreadsheet with no line at
        all (StopIteration) is said to be empty, as a CSV with only its header is."""
        if isinstance(e, UnreadableFile):
            message = str(e)
        elif isinstance(e, StopIteration):
            message = _(
                "No valid data to import. Ensure your file has the correct headers or data for "
                "import."
            )
        else:
            message = str(not_readable())
        form.add_error("import_file", message)

    def process_dataset(self, dataset, form, request, **kwargs):
        """The import; a confirm that finds other thresholds than its preview did is undone
        (``ChangedSincePreview``)."""
        with transaction.atomic():
            result = super().process_dataset(dataset, form, request, **kwargs)
            if isinstance(form, ConfirmThresholdImportForm) and (
                found_in_database(result) != form.cleaned_data["found"]
            ):
                raise ChangedSincePreview
        return result

    def process_import(self, request, **kwargs):
        """The confirmed import: one revision, in the history of every programme it changed.
        A file no longer waiting (confirmed twice, or a day old) is said, and uploaded again;
        so is a file whose thresholds someone changed after its preview, and nothing is saved."""
        comment = history.comment(gettext_noop("Imported thresholds from a file."))
        chosen = request.POST.get("format", "")
        try:
            if not (chosen.isascii() and chosen.isdigit()) or int(chosen) >= len(
                self.get_import_formats()
            ):
                raise UploadGone  # not the form the preview sent: import-export's IndexError
            return self.recorded(request, super().process_import, comment=comment, **kwargs)
        except UnreadableFile as error:  # a confirm whose format is not the preview's
            message = str(error)
        except UploadGone:
            message = _(
                "This file is no longer waiting to be imported: it has been imported already, "
                "or its preview is more than a day old. Upload it again to see what it changes."
            )
        except ChangedSincePreview:
            message = _(
                "Nothing was imported: thresholds in this file were changed or added after its "
                "preview, by another editor or import. Upload it again to see what it changes now."
            )
        return self.back_with(request, message, "import")

    def get_resource_index(self, form):
        """This admin's one resource, whatever index a confirm posts: another one (written by
        hand, not the page) was an IndexError, a 500."""
        return 0

    def back_with(self, request, message, page):
        """``message`` as an error, on this admin's ``page`` ("changelist", "import")."""
        self.message_user(request, message, messages.ERROR)
        opts = self.opts
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{page}")

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = response.context_data.get("result")
        if result is not None:
            if confirm_form := response.context_data.get("confirm_form"):
                confirm_form.initial["found"] = found_in_database(result)
            response.context_data["preview"] = preview_rows(result)
            response.context_data["refused"] = result.has_errors() or (
                result.has_validation_errors()
            )
        return response
