"""Inline formsets whose "duplicate data" message names fields as the form does.

Django's formset writes "Please correct the duplicate data for %(field)s." with the field's
code name, so a Norwegian editor who gave two sections the same anchor read "Vennligst
korriger dupliserte data for anchor". Here the field is named by its translated verbose
name, the label the form shows above it ("anker").
"""

from django.forms.models import BaseInlineFormSet


class NamedFieldsInlineFormSet(BaseInlineFormSet):
    """An inline's ``formset``: duplicate-data messages name fields by verbose name."""

    def get_unique_error_message(self, unique_check):
        fields = [f for f in unique_check if f != self.fk.name]
        return super().get_unique_error_message(
            [str(self.model._meta.get_field(name).verbose_name) for name in fields]
        )
