import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest

from django import forms
from django.utils.translation import gettext_lazy as _

from admissions.grade_points import FAILED, PASS, Course, GradePointError
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


@dataclass
class TranscriptRow:
    """One course as typed: ``credits`` and ``grade`` as sent, and the row's error, if any."""

    credits: str = ""
    grade: str = ""
    error: str = ""


class TranscriptForm:
    """The grade-point calculator's GET form: rows of ``credits`` and ``grade`` (repeated
    parameters, in order). Nothing is stored. Blank rows are ignored; a bad row gets its own
    message; more than ``MAX_ROWS`` courses is refused as a whole."""

    MAX_ROWS = 60
    BLANK_ROWS = 3  # empty rows shown after those typed, to add courses without JavaScript
    CREDITS = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")

    def __init__(self, query, rules):
        self.rules = rules
        self.is_bound = "credits" in query or "grade" in query
        self.error = ""
        self.result = None
        credits, grades = query.getlist("credits"), query.getlist("grade")
        if max(len(credits), len(grades)) > self.MAX_ROWS:
            self.error = _("Enter at most %(count)s courses.") % {"count": self.MAX_ROWS}
            credits, grades = [], []
        self.rows = [
            TranscriptRow(c.strip(), g.strip())
            for c, g in zip_longest(credits, grades, fillvalue="")
            if c.strip() or g.strip()
        ]
        if self.is_bound and not self.error:
            self._calculate()

    def _calculate(self):
        courses = []
        for row in self.rows:
            if not self.CREDITS.fullmatch(row.credits):
                row.error = _("Enter the credits as a number, for example 7,5.")
            elif row.grade not in self.rules.grades():
                row.error = _("Choose a grade.")
            else:
                courses.append(Course(Decimal(row.credits.replace(",", ".")), row.grade))
        if self.errors:
            return
        try:
            self.result = self.rules.average(courses)
        except GradePointError as error:
            if error.row is None:
                self.error = error.message
            else:
                self.rows[error.row].error = error.message

    @property
    def errors(self):
        """``[(row number from 1 or None, message)]``, for the summary above the form."""
        rows = [(n, row.error) for n, row in enumerate(self.rows, 1) if row.error]
        return [(None, self.error)] * bool(self.error) + rows

    def grade_choices(self):
        """``[(value, label)]`` of the grades of the rule set, as the select shows them."""
        labels = {PASS: _("Passed"), FAILED: _("F (failed)")}
        return [(grade, labels.get(grade, grade)) for grade in self.rules.grades()]

    def display_rows(self):
        """The rows to show: those typed, then blank ones."""
        return [*self.rows, *(TranscriptRow() for _ in range(self.BLANK_ROWS))]
