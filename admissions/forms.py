import re
import unicodedata
from dataclasses import dataclass
from itertools import zip_longest

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from admissions.choices import StudyMode
from admissions.grade_points import FAILED, PASS, Course, GradePointError, read_credits
from admissions.models import FieldOfStudy, StudyOption
from programs.choices import Level
from programs.extensions import ProgrammeListForm
from programs.pagination import PAGE_NUMBER
from programs.text import CONTROL_CHARACTERS


def attributes(attrs):
    """``attrs`` as Django's widget template ``attrs.html`` writes them: in their order, a
    True one bare, a False one left out (``flatatt`` would sort them)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class WrittenOut:
    """Renders an ``<input>`` as Django's widget template does, byte for byte, written out
    here: a template per widget cost the list page ~0.2 ms each (docs/performance.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            value,
            attributes(widget["attrs"]),
        )


class SearchInput(WrittenOut, forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        """A search shown again without the characters that refused it (``UNREADABLE``): a
        control character in an attribute makes the page invalid HTML."""
        return UNREADABLE.sub("", value) if value else super().format_value(value)


class FlagCheckbox(WrittenOut, forms.CheckboxInput):
    """A checkbox that sends "1" and reads back what was sent, so ``open=yes`` is an error
    (Django's own reads any value but "false" and "0" as ticked)."""

    def __init__(self):
        super().__init__(check_test=lambda value: value == "1")

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class QuickSelect(forms.Select):
    """Django's ``<select>``, attributes and all, written out here instead of through a
    template per ``<option>``, which cost the list page ~1.5 ms (docs/performance.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], attributes(widget["attrs"]), options
        )


class PageNumberField(forms.IntegerField):
    """A page number as the list's links write it (``PAGE_NUMBER``), so each page has one
    address: Django's IntegerField also reads "+2", " 2", "02" and "２"."""

    def to_python(self, value):
        if value not in self.empty_values and not PAGE_NUMBER.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ProgrammeFilterForm(ProgrammeListForm):
    """The query string of the programme list: ``q`` (search), ``level``, ``mode``,
    ``bachelor`` (field code), ``open=1`` and ``page``. Every field is optional and an empty
    one is the same as none; a field given twice is an error, so no value is silently dropped.
    Names outside the form (``utm_source``) are ignored."""

    MAX_SEARCH = 100

    q = forms.CharField(
        required=False,
        max_length=MAX_SEARCH,
        label=_("Search"),
        help_text=_("Words from the name or description, or a study code such as 215 1210."),
        widget=SearchInput(attrs={"autocomplete": "off"}),
        error_messages={
            "max_length": _("Your search can be at most %(limit_value)d characters long."),
            "null_characters_not_allowed": _("Your search contains a character we cannot read."),
        },
    )
    level = forms.ChoiceField(
        required=False,
        choices=[("", _("any level")), *Level.choices],
        label=_("Level"),
        widget=QuickSelect,
        error_messages={"invalid_choice": _("Unknown level. Choose one from the list.")},
    )
    mode = forms.ChoiceField(
        required=False,
        choices=[("", _("full-time or part-time")), *StudyMode.choices],
        label=_("Study mode"),
        widget=QuickSelect,
        error_messages={"invalid_choice": _("Unknown study mode. Choose one from the list.")},
    )
    # A field of study by its code; the choices are read when the form is made (``__init__``).
    bachelor = forms.ChoiceField(
        required=False,
        label=_("Programmes that accept my bachelor's degree in"),
        widget=QuickSelect,
        error_messages={"invalid_choice": _("Unknown field of study. Choose one from the list.")},
    )
    open = forms.ChoiceField(
        required=False,
        choices=[("1", _("Only programmes open for applications"))],
        label=_("Only programmes open for applications"),
        widget=FlagCheckbox(),
        error_messages={"invalid_choice": _("Tick the box, or leave it empty.")},
    )
    page = PageNumberField(
        required=False,
        widget=forms.HiddenInput,  # never rendered: a new search starts on page 1
        error_messages={"invalid": _("The page number must be a whole number, 1 or higher.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Codes and names as rows, not instances: the select and its check need no more, and a
        # ModelChoiceField read them twice when a field was chosen (docs/performance.md).
        self.fields["bachelor"].choices = [
            ("", _("any field")),
            *FieldOfStudy.names_in_order(get_language()),
        ]

    def clean_q(self):
        """Compatibility forms folded (NFKC): full-width digits from a Japanese or Chinese
        keyboard, "２１５ １２１０", find the study code as "215 1210" does; the calculator
        reads such digits too. The length is checked again: one character can fold to 18."""
        q = unicodedata.normalize("NFKC", self.cleaned_data["q"])
        q = " ".join(q.split("\t"))  # pasted from a spreadsheet: "215\t1210"
        if UNREADABLE.search(q):
            raise ValidationError(
                self.fields["q"].error_messages["null_characters_not_allowed"], code="unreadable"
            )
        if len(q) > self.MAX_SEARCH:
            field = self.fields["q"]
            raise ValidationError(
                field.error_messages["max_length"],
                code="max_length",
                params={"limit_value": self.MAX_SEARCH, "show_value": len(q)},
            )
        return q

    def clean(self):
        for name in self.fields:
            if len(self.data.getlist(name)) > 1:
                self.add_error(
                    name, _("“%(name)s” appears more than once in the address.") % {"name": name}
                )
        return self.cleaned_data

    def filter(self, programmes):
        """``programmes`` narrowed by every field given (no query of its own): study mode
        and study codes as subqueries on study options, so a programme is listed once."""
        data, options = self.cleaned_data, StudyOption.objects.all()
        if data["level"]:
            programmes = programmes.filter(level=data["level"])
        if data["open"]:
            programmes = programmes.open_for_applications()
        if data["mode"]:
            programmes = programmes.filter(
                pk__in=options.filter(mode=data["mode"]).values("programme")
            )
        if data["bachelor"]:
            programmes = programmes.filter(
                admission_requirement__accepted_fields__code=data["bachelor"]
            )
        if data["q"]:
            programmes = programmes.search(
                data["q"], get_language(), also=study_code_match(data["q"])
            )
        return programmes

    def bachelor_name(self):
        """The name of the field of study the valid form filters by, as its reader sees it."""
        return dict(self.fields["bachelor"].choices).get(self.cleaned_data["bachelor"], "")

    def _given(self):
        return {name for name in self.fields if name != "page" and self.cleaned_data.get(name)}

    def has_filters(self):
        """Whether anything besides the search narrows the valid form's list: a search that
        finds nothing then suggests removing one."""
        return bool(self._given() - {"q"})

    def narrowing(self):
        """What narrowed the valid form's list, for its summary: "search" (the search alone),
        "filtered search" (a search and any filter), "bachelor" (that filter alone: the list
        answers "which programmes accept my bachelor?"), "filter" (one other), "filters", or ""
        for nothing (the page number does not narrow)."""
        given = self._given()
        if "q" in given:
            return "search" if given == {"q"} else "filtered search"
        if given == {"bachelor"}:
            return "bachelor"
        return {0: "", 1: "filter"}.get(len(given), "filters")


STUDY_CODE = re.compile(r"[0-9A-Z]{3,20}")
CODE_SEPARATORS = re.compile(r"[\s.\-]")
# What a search may not hold (refused as a character we cannot read): the control characters
# no text may hold (tabs and line breaks pass: a search pasted from a spreadsheet), the
# replacement character that stands for bytes that were not UTF-8, and the invisible marks
# that turn the direction of the text around it (the echoed search would read backwards).
UNREADABLE = re.compile(f"{CONTROL_CHARACTERS.pattern}|[\ufffd\u202a-\u202e\u2066-\u2069]")


def study_code_match(text):
    """A Q for programmes with a study code holding ``text``, spaces, dots and hyphens
    ignored ("2151210", "215-1210" and "215 1210" find 215 1210), or None when ``text`` cannot
    be part of a study code."""
    code = CODE_SEPARATORS.sub("", text).upper()
    if not STUDY_CODE.fullmatch(code):
        return None
    options = StudyOption.objects.alias(
        compact=Replace("study_code", Value(" "), Value(""))
    ).filter(compact__contains=code)
    return Q(pk__in=options.values("programme"))


@dataclass
class TranscriptRow:
    """One course as typed: ``credits`` and ``grade`` as sent, and each one's error, if any."""

    credits: str = ""
    grade: str = ""
    credits_error: str = ""
    grade_error: str = ""

    @property
    def credits_shown(self):
        """The credits as the form shows them again: without characters no text may hold,
        which would make the page invalid HTML (the error still says what was wrong)."""
        return UNREADABLE.sub("", self.credits)


class TranscriptForm:
    """The grade-point calculator's GET form: rows of ``credits`` and ``grade`` (repeated
    parameters, in order), and ``rows``, which the "Add rows" button sends: show that many
    rows, keep what was typed and calculate nothing yet. Nothing is stored. Blank rows are
    ignored; every field of every row is checked and a wrong one gets its own message; more
    than ``MAX_ROWS`` courses (the first ``MAX_ROWS`` are shown again), or a ``rows`` that is
    not 1 to ``MAX_ROWS``, is refused."""

    MAX_ROWS = 60
    BLANK_ROWS = 3  # empty rows shown after those typed, to add courses without JavaScript
    ADD_ROWS = 10  # more empty rows a press on "Add rows" gives

    def __init__(self, query, rules):
        self.rules = rules
        self.is_bound = any(name in query for name in ("credits", "grade", "rows"))
        self.messages = []  # errors of the whole form, not of a row
        self.result = None
        self.is_all_pass = False
        credits, grades = query.getlist("credits"), query.getlist("grade")
        if max(len(credits), len(grades)) > self.MAX_ROWS:
            self.messages.append(_("Enter at most %(count)s courses.") % {"count": self.MAX_ROWS})
            # The first ones are shown as typed, so that the visitor removes some rather than
            # typing them again; nothing is calculated.
            credits, grades = credits[: self.MAX_ROWS], grades[: self.MAX_ROWS]
        self.rows = [
            TranscriptRow(c.strip(), g.strip())
            for c, g in zip_longest(credits, grades, fillvalue="")
            if c.strip() or g.strip()
        ]
        self.rows_asked = self._read_rows(query.getlist("rows"))
        if self.is_bound and "rows" not in query and not self.messages:
            self._calculate()

    def _read_rows(self, values):
        """The number of rows ``rows`` asks for, or None when it is not given or is wrong."""
        if not values:
            return None
        if len(values) > 1:
            self.messages.append(
                _("“%(name)s” appears more than once in the address.") % {"name": "rows"}
            )
        elif re.fullmatch(r"[0-9]{1,3}", values[0]) and 1 <= int(values[0]) <= self.MAX_ROWS:
            return int(values[0])
        else:
            self.messages.append(
                _("The number of rows must be a whole number from 1 to %(max)s.")
                % {"max": self.MAX_ROWS}
            )
        return None

    def _calculate(self):
        courses = []
        for n, row in enumerate(self.rows):
            try:
                credits = read_credits(row.credits, n)
            except GradePointError as error:
                credits, row.credits_error = None, error.message
            if error := self.rules.grade_error(row.grade, n):
                row.grade_error = error.message
            if credits is not None and not row.grade_error:
                courses.append(Course(credits, row.grade))
        if self.errors:
            return
        try:
            self.result = self.rules.average(courses)
        except GradePointError as error:  # no course at all: every row was checked above
            self.messages.append(error.message)
        else:
            self.is_all_pass = self.rules.is_all_pass(courses)

    @property
    def errors(self):
        """``[(row number from 1 or None, field id or "", message)]`` for the summary above
        the form, row by row, credits before grade; the field id is "credits-2", "grade-2"."""
        fields = [
            (n, f"{name}-{n}", message)
            for n, row in enumerate(self.rows, 1)
            for name, message in (("credits", row.credits_error), ("grade", row.grade_error))
            if message
        ]
        return [(None, "", message) for message in self.messages] + fields

    def grade_choices(self):
        """``[(value, label)]`` of the grades of the rule set, as the select shows them."""
        labels = {PASS: _("Passed"), FAILED: _("F (failed)")}
        return [(grade, labels.get(grade, grade)) for grade in self.rules.grades()]

    def row_count(self):
        """How many rows the table shows: those typed, then blank ones, ``rows`` in all when
        it was given, never more than ``MAX_ROWS``."""
        wanted = self.rows_asked or len(self.rows) + self.BLANK_ROWS
        return max(len(self.rows), min(wanted, self.MAX_ROWS))

    def display_rows(self):
        """The rows to show: those typed, then blank ones."""
        return [*self.rows, *(TranscriptRow() for _ in range(self.row_count() - len(self.rows)))]

    def rows_to_add(self):
        """How many empty rows the "Add rows" button adds: ``ADD_ROWS``, fewer near
        ``MAX_ROWS``, 0 when the table is full (no button then)."""
        return min(self.ADD_ROWS, self.MAX_ROWS - self.row_count())

    def more_rows(self):
        """The ``rows`` the "Add rows" button sends."""
        return self.row_count() + self.rows_to_add()
