from django import forms
from django.utils.translation import gettext_lazy as _

from admissions.models import FieldOfStudy
from programs.extensions import ProgrammeListForm


class ProgrammeFilterForm(ProgrammeListForm):
    """The query string of the programme list: ``?bachelor=<field code>``."""

    bachelor = forms.ModelChoiceField(
        queryset=FieldOfStudy.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Programmes that accept my bachelor's degree in"),
        empty_label=_("any field"),
        error_messages={
            "invalid_choice": _("We do not know that field of study. Choose one from the list.")
        },
    )

    def filter(self, programmes):
        """Programmes whose admission requirement accepts a bachelor in the chosen field."""
        field = self.cleaned_data["bachelor"]
        if field is None:
            return programmes
        return programmes.filter(admission_requirement__accepted_fields=field)
