"""Inline formsets whose "duplicate data" message names fields as the form does, and whose
rows may swap unique values in one save.

Django's formset writes "Please correct the duplicate data for %(field)s." with the field's
code name, so a Norwegian editor who gave two sections the same anchor read "Vennligst
korriger dupliserte data for anchor". Here the field is named by its translated verbose
name, the label the form shows above it ("anker").
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.forms.utils import to_current_timezone
from django.utils import formats
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from programs.history import moment_text
from programs.unique import can_park, park, unique_together

NOT_AS_DRAWN = gettext_lazy(
    "The page was not sent as it was shown, so nothing was saved. Open it again and make your "
    "changes there."
)
DELETED_MEANWHILE = gettext_lazy(
    "Someone else deleted this row after you opened the page. It will not be saved again."
)


class KeepsOthersChanges(forms.ModelForm):
    """A form of a saved row that writes only what its editor changed, so a change someone
    else saved after the page was opened is kept, not undone.

    Django writes every field as the page showed it: two editors on one programme, and the
    second save put back the first one's title, sections and durations without a word. Here
    each field also sends the value the page was opened with (Django's
    ``show_hidden_initial``), and a field someone else has changed since is left as they
    saved it, unless this editor changed it too: then the form says so on the field, with
    what is saved, and saving again keeps this editor's value.

    Every field but a file takes part: text, numbers, choices, dates, dates with a time
    (``DateTimeHiddenInput``), yes/no, foreign keys and many-to-many lists
    (``JoinedHiddenInput``). A file needs no such care: a save without a new one keeps the
    file saved now, whoever uploaded it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_theirs = []
        if self.instance.pk is None:
            return
        for name in self.base_fields:  # the row's own, not the formset's id, parent, DELETE
            field = self.fields[name]
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.hidden_widget = JoinedHiddenInput
            elif isinstance(field, forms.SplitDateTimeField):
                field.hidden_widget = DateTimeHiddenInput
            if not one_hidden_value(field):
                continue
            if field.localize:  # read back the same in either language of the admin
                field.hidden_widget = UnlocalizedHiddenInput
            # A post without the opened value (a script's, not the page's) is read as Django
            # reads it: a field changed when it differs from what is saved.
            key = self.add_initial_prefix(name)
            field.show_hidden_initial = not self.is_bound or key in self.data

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():  # set by __init__ for a saved row's form only
            if not field.show_hidden_initial or name not in cleaned_data:
                continue
            bound = self[name]
            saved = self._as_sent(name)
            if as_compared(self.data.get(bound.html_initial_name)) == as_compared(saved):
                continue  # nobody else changed it
            if name not in self.changed_data:
                del cleaned_data[name]  # theirs: the instance keeps what is saved
                self.kept_theirs.append(name)
            elif field.has_changed(bound.initial, bound.data):
                self.add_error(name, self.changed_meanwhile(name))
                self.data = self.data.copy()  # saving again now writes this editor's value
                self.data[bound.html_initial_name] = saved
        return cleaned_data

    def _as_sent(self, name):
        """The saved value of field ``name`` as the page sends it when opened now."""
        field = self.fields[name]  # its hidden widget is never localized (__init__)
        return field.hidden_widget().format_value(field.prepare_value(self[name].initial)) or ""

    def changed_meanwhile(self, name):
        message = _(
            "Someone else changed this after you opened the page. It is now saved as: "
            "“%(value)s”. Save again to replace it with what you wrote here."
        )
        bound = self[name]
        value = bound.initial
        if isinstance(bound.field, forms.ModelMultipleChoiceField):
            value = ", ".join(str(row) for row in value or [])
        elif isinstance(bound.field, forms.ChoiceField):  # a choice's label, a row's name
            labels = {str(key): label for key, label in bound.field.choices}
            value = labels.get(self._as_sent(name), value)
        elif isinstance(bound.field, forms.BooleanField):
            value = _("yes") if value else _("no")
        elif isinstance(value, datetime):
            value = moment_text(value)  # in the site's time zone, as the history writes it
        elif value not in (None, ""):
            value = formats.localize(value)
        text = Truncator(strip_tags("" if value is None else str(value))).chars(120)
        return ValidationError(message % {"value": text}, code="changed_meanwhile")


def one_hidden_value(field):
    """Whether ``field`` sends the value its page was opened with as one hidden input."""
    hidden = field.hidden_widget
    return (
        issubclass(hidden, forms.HiddenInput)
        and not issubclass(hidden, forms.MultipleHiddenInput)
        and not isinstance(field, forms.FileField)
    )


def as_compared(sent):
    """A value as sent, compared with another: browsers send line ends back as CRLF, and a
    text field strips what it reads, so a lead saved with a trailing space is not taken for
    someone else's change at every save."""
    return (sent or "").replace("\r\n", "\n").strip()


class JoinedHiddenInput(forms.HiddenInput):
    """A list of keys as one hidden input ("3,7"), sent even when empty: Django's
    ``MultipleHiddenInput`` sends nothing for an empty list, and nothing would say the page
    was opened with none."""

    def format_value(self, value):
        return ",".join(sorted(str(key) for key in value or []))

    def value_from_datadict(self, data, files, name):
        sent = data.get(name)
        return None if sent is None else [key for key in sent.split(",") if key]


class DateTimeHiddenInput(forms.HiddenInput):
    """A date with a time as one hidden input ("2027-03-01 12:00:00", in the admin's time
    zone), read back as the date and the time a ``SplitDateTimeField`` takes. Django's
    ``SplitHiddenDateTimeWidget`` is two inputs, which the comparison of opened and saved
    values (``KeepsOthersChanges.clean``) does not read: a schedule another editor set
    meanwhile was put back as this page showed it."""

    def format_value(self, value):
        if isinstance(value, datetime):
            return to_current_timezone(value).strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, list):  # as read back (value_from_datadict), on a page shown again
            return " ".join(value) if any(value) else ""
        return value or ""

    def value_from_datadict(self, data, files, name):
        sent = data.get(name)
        if sent is None:
            return None
        date, _space, time = sent.partition(" ")
        return [date, time]


class UnlocalizedHiddenInput(forms.HiddenInput):
    """A number as Python writes it ("7.5"), which a localized field reads in Norwegian and
    English alike: the page may be opened in one language of the admin and saved in the
    other, where "7,5" would be read as 75."""

    @property
    def is_localized(self):
        return False

    @is_localized.setter
    def is_localized(self, value):
        pass  # BoundField.as_widget() sets it for a localized field


class NamedFieldsInlineFormSet(BaseInlineFormSet):
    """An inline's ``formset``: duplicate-data messages name fields by verbose name, and rows
    may swap unique values in one save."""

    def get_unique_error_message(self, unique_check):
        fields = [f for f in unique_check if f != self.fk.name]
        return super().get_unique_error_message(
            [str(self.model._meta.get_field(name).verbose_name) for name in fields]
        )

    def clean(self):
        self.refuse_rows_not_as_drawn()
        # Counted before anything is saved: saving clears the id of every row it deletes,
        # this editor's own deletions too, which would then pass for someone else's.
        self.deleted_meanwhile = [form for form in self.initial_forms if form.instance.pk is None]
        self.take_values_given_up()
        super().clean()
        self.refuse_swaps_that_cannot_be_saved()
        self.explain_rows_deleted_meanwhile()

    def refuse_rows_not_as_drawn(self):
        """The page says how many of its rows are saved ones (``INITIAL_FORMS``) and sends
        each saved row's id: a post where the two disagree was not made by the page, and
        Django would save a saved row again as a new one (a cohort's weeks twice) or fail on
        a row it took for saved (a 500). Nothing is saved. (An inline whose primary key is its
        link to the parent would send that key on every new row too; none here has one.)"""
        if self.save_as_new:  # "Save as new" posts the ids of rows it copies as new ones
            return
        pk = self.model._meta.pk.name
        saved = self.initial_form_count()
        for number, form in enumerate(self.forms):
            if bool(self.data.get(form.add_prefix(pk))) != (number < saved):
                raise ValidationError(NOT_AS_DRAWN, code="not_as_drawn")

    def rows_deleted_meanwhile(self):
        """The forms of rows someone else deleted after this page was opened: the id they
        post matched no row, so Django gave them a new, unsaved instance."""
        return getattr(self, "deleted_meanwhile", [])

    def _should_delete_form(self, form):
        """Such a row is let go: its form failed on its hidden id, which the admin does not
        show, so the editor read "Please correct the error below", found none, and could
        save nothing. The rest is saved, and ``ReportsChangesMeanwhile`` says so."""
        gone = form.instance.pk is None and form in self.initial_forms
        return gone or super()._should_delete_form(form)

    def explain_rows_deleted_meanwhile(self):
        """Said on the row when the page comes back for another mistake."""
        for form in self.rows_deleted_meanwhile():
            form.add_error(None, ValidationError(DELETED_MEANWHILE, code="deleted_meanwhile"))

    def get_queryset(self):
        """Once the forms are built, the row each initial form edits, None for one deleted
        meanwhile: the admin draws a page that comes back by pairing forms and rows one by
        one, so with a row gone every later form showed the row before it, and the last
        form was not drawn at all (its edits lost on the next save)."""
        if not self.is_bound or "forms" not in self.__dict__:
            return super().get_queryset()
        return [form.instance if form.instance.pk else None for form in self.initial_forms]

    def take_values_given_up(self):
        """A row may take a unique value that another row of this save gives up or deletes
        (two options swapping study codes): each form checked its new value against the
        database, where the other row still has it, and was refused with "«215 1210» is
        already used by …", naming the row that gives it up. ``park`` frees it on saving, so
        only values it can move are taken. A value another programme holds stays refused."""
        for fields in unique_together(self.model):
            if len(fields) != 1 or not can_park(self.model, fields):
                continue  # refuse_swaps_that_cannot_be_saved() speaks of those
            field = self.model._meta.get_field(fields[0])
            given_up = {
                form.initial.get(field.name): form
                for form in self.initial_forms
                if self._should_delete_form(form) or field.name in form.changed_data
            }
            for form in self.forms:
                value = getattr(form.instance, field.attname)
                errors = form.errors.get(field.name)
                holder = given_up.get(value)
                if (
                    holder is not None
                    and holder is not form
                    and errors is not None
                    and {error.code for error in errors.as_data()} == {"unique"}
                ):
                    del form.errors[field.name]
                    form.cleaned_data[field.name] = value

    def refuse_swaps_that_cannot_be_saved(self):
        """A row that takes the value another row gives up in the same save, where ``park``
        cannot move the other out of the way first (two plans of an option swapping cohorts:
        a plan has courses, so it cannot be taken out and put back). Django compares the rows'
        new values only; saving would clash with the other row still in the database."""
        forms = [f for f in self.initial_forms if hasattr(f, "cleaned_data")]
        for fields in unique_together(self.model):
            if can_park(self.model, fields):
                continue
            own = [name for name in fields if name != self.fk.name]
            # Django deletes and saves the rows in the form's order: a row deleted before
            # the one that takes its value is gone in time.
            leaving = {}
            for n, form in enumerate(forms):
                if self._should_delete_form(form) or set(own) & set(form.changed_data):
                    before = tuple(form.initial.get(name) for name in own)
                    leaving[before] = (n, form, self._should_delete_form(form))
            for n, form in enumerate(forms):
                if self._should_delete_form(form) or not set(own) & set(form.changed_data):
                    continue
                after = tuple(
                    getattr(form.cleaned_data.get(name), "pk", form.cleaned_data.get(name))
                    for name in own
                )
                other, holder, deleted = leaving.get(after, (n, form, False))
                if holder is not form and not (deleted and other < n):
                    form.add_error(
                        None,
                        ValidationError(
                            _(
                                "This row takes the %(fields)s that another row gives up in "
                                "the same save, and the two cannot be saved at once. First give "
                                "one of them another %(fields)s and save, then make the rest "
                                "of the change."
                            ),
                            code="swap",
                            params={
                                "fields": ", ".join(
                                    str(self.model._meta.get_field(name).verbose_name)
                                    for name in own
                                )
                            },
                        ),
                    )

    def save_existing_objects(self, commit=True):
        """Frees the unique values of the rows that change one or are deleted before any is
        saved (``park``): two options may swap modes, two sections anchors, two cohorts codes,
        or a row take the value of one deleted in the same save. Without it the first save
        clashed with the second row still in the database: a 500."""
        if commit:
            # The rows Django writes next, by its own rules: a view-only inline's forms have
            # changed_data but are never saved, so parking them would leave stand-ins behind.
            rows = {}
            for form in self.initial_forms:
                if form.instance.pk is None:
                    continue
                if form in self.deleted_forms:
                    rows[form.instance.pk] = None
                elif form.has_changed():
                    rows[form.instance.pk] = form.changed_data
            park(self.model, rows)
        return super().save_existing_objects(commit)


class ReportsChangesMeanwhile:
    """ModelAdmin mixin, for admins whose inlines use ``NamedFieldsInlineFormSet``: after a
    save, says how many rows on the page someone else had deleted, whose changes were let
    go, and whether changes someone else saved meanwhile were kept (``KeepsOthersChanges``)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        gone = sum(
            len(formset.rows_deleted_meanwhile())
            for formset in formsets
            if isinstance(formset, NamedFieldsInlineFormSet)
        )
        if gone:
            message = ngettext(
                "Someone else deleted a row of this page after you opened it: your changes to "
                "it were not saved. Everything else was.",
                "Someone else deleted %(count)s rows of this page after you opened it: your "
                "changes to them were not saved. Everything else was.",
                gone,
            )
            messages.warning(request, message % {"count": gone})
        edited = [form, *(f for formset in formsets for f in formset.forms)]
        if any(getattr(f, "kept_theirs", None) for f in edited):
            message = _(
                "Someone else saved changes to this page after you opened it. Yours are saved "
                "and theirs are kept: check the page."
            )
            messages.info(request, message)
