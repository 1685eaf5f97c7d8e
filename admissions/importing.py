"""The yearly threshold file: one row per study code, year, round, quota and value.

Two column layouts are read, in CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX:

- ours, which the export writes: ``study_code, admission_year, round, quota, value, scale``
  (``scale`` optional);
- Samordna opptak's published threshold files: ``Studiekode;Studienavn;Lærested;…;Kvote;
  Opptaksrunde;År;Poenggrense`` (FIELD-NOTES §12; fixtures/samordna-poenggrenser-sample.csv).

A value is a number (``2,78`` or ``2.78``) or one of Samordna's codes: ``ALLE`` (all qualified
applicants admitted), ``TRU`` (withdrawn), ``Åpent`` (open admission), ``o.i.`` (not given).
Every row goes through ``AdmissionThreshold.full_clean()``; a row that fails is refused with
its reasons and, since the admin imports all or nothing, nothing is saved.
"""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from admissions.choices import Outcome, Quota, Round, Scale
from admissions.models import AdmissionThreshold, StudyOption
from programs.choices import Level
from programs.text import CONTROL_CHARACTERS

# Samordna opptak's headers → ours. Other Samordna columns (Studienavn, Lærested, …) are
# there for people reading the file and are ignored.
SAMORDNA_COLUMNS = {
    "Studiekode": "study_code",
    "Kvote": "quota",
    "Opptaksrunde": "round",
    "År": "admission_year",
    "Poenggrense": "value",
}
REQUIRED_COLUMNS = ["study_code", "admission_year", "round", "quota", "value"]
# Rows a file may have: a year of an institution's thresholds is a thousand or two, and each
# row is checked against the database and saved, ~5 ms a row on SQLite and more on
# PostgreSQL, in the preview and again in the confirm: 5,000 outlasted a worker's 30 seconds.
MAX_ROWS = 2000
# A threshold that is not a number, as Samordna opptak writes it; read in any case.
EXPORT_CODES = {
    Outcome.ALL_QUALIFIED: "ALLE",
    Outcome.WITHDRAWN: "TRU",
    Outcome.OPEN: "Åpent",
    Outcome.NOT_GIVEN: "o.i.",
}
OUTCOME_CODES = {code.upper(): outcome for outcome, code in EXPORT_CODES.items()}
NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")  # "2,78", "2.78", "57", ",5"
CENTS = Decimal("0.01")  # points are exported with two decimals, as Samordna opptak gives them
# Our stored codes, and the other names the published files have used (FIELD-NOTES §12:
# VARA for the supplementary round, ORDP before ORDF for the first-time diploma quota).
ROUND_NAMES = {
    "HOVED": Round.MAIN,
    "HOVEDOPPTAK": Round.MAIN,
    "SUPP": Round.SUPPLEMENTARY,
    "VARA": Round.SUPPLEMENTARY,
    "SUPPLERINGSOPPTAK": Round.SUPPLEMENTARY,
}
QUOTA_NAMES = {"ORD": Quota.ORDINARY, "ORDF": Quota.FIRST_DIPLOMA, "ORDP": Quota.FIRST_DIPLOMA}


def text(value):
    """A cell as stripped text; numbers from a spreadsheet as written (2025.0 → "2025")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


class StudyCodeWidget(widgets.ForeignKeyWidget):
    """A study option by its code, with or without the space (Samordna writes "2151210")."""

    def __init__(self):
        super().__init__(StudyOption, field="study_code")
        # Per import (a resource copies its fields): each row's code is read twice, once for
        # the row it may change and once to fill it in, and a file repeats each code per
        # year, round and quota.
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        code = " ".join(text(value).split())
        if CONTROL_CHARACTERS.search(code):  # PostgreSQL refuses a NUL in a query
            message = _(
                "The study code “%(code)s” holds a character that cannot be shown: type it again."
            )
            raise ValueError(message % {"code": CONTROL_CHARACTERS.sub("", code)})
        if not code:
            raise ValueError(_("Enter the study code."))
        if code not in self.found:
            self.found[code] = StudyOption.objects.filter(study_code=code).first() or (
                StudyOption.objects.alias(bare=Replace("study_code", Value(" "), Value("")))
                .filter(bare=code.replace(" ", ""))
                .first()
            )
        if self.found[code] is None:
            raise ValueError(_("No study option has the study code “%(code)s”.") % {"code": code})
        return self.found[code]


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        year = text(value)
        if not (year.isascii() and year.isdigit()):  # not "²⁰²⁵", which int() refuses
            raise ValueError(_("“%(value)s” is not a year.") % {"value": year})
        return int(year)

    def render(self, value, obj=None, **kwargs):
        return value


class CodeWidget(widgets.Widget):
    """One of ``names`` (upper-cased), stored as its code; exported as the code. An
    ``optional`` column's empty cell is None: the field then leaves the attribute alone."""

    def __init__(self, names, message, optional=False):
        super().__init__()
        self.names, self.message, self.optional = names, message, optional

    def clean(self, value, row=None, **kwargs):
        if self.optional and not text(value):
            return None
        code = self.names.get(text(value).upper())
        if code is None:
            raise ValueError(self.message() % {"value": text(value)})
        return code

    def render(self, value, obj=None, **kwargs):
        return value


class ThresholdValueField(fields.Field):
    """The ``value`` column: sets ``outcome`` and ``points`` together."""

    def __init__(self):
        super().__init__(attribute="points", column_name="value")

    def clean(self, row, **kwargs):
        value = text(row.get(self.column_name))
        if not value:
            raise ValueError(_("Enter the points, or ALLE, TRU, Åpent or o.i."))
        if value.upper() in OUTCOME_CODES:
            return OUTCOME_CODES[value.upper()], None
        points = Decimal(value.replace(",", ".")) if NUMBER.fullmatch(value) else None
        if points is None:  # also "1e2", "NaN" and "Infinity", which Decimal would read
            raise ValueError(
                _("“%(value)s” is neither a number nor ALLE, TRU, Åpent or o.i.") % {"value": value}
            )
        return Outcome.POINTS, points

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.outcome, instance.points = self.clean(row)

    def get_value(self, obj):
        """Both columns, so a change from ALLE to TRU is not taken for "unchanged"."""
        return (obj.outcome, obj.points)

    def export(self, instance, **kwargs):
        """Points as a number with two decimals, which each format writes its way: a number
        cell in the spreadsheet (57.3 in Excel's General format), "57,30" in the CSV;
        otherwise the file's code, such as TRU."""
        if instance.outcome == Outcome.POINTS:
            return instance.points.quantize(CENTS) if instance.points is not None else ""
        return EXPORT_CODES.get(instance.outcome, instance.outcome)


class ThresholdResource(resources.ModelResource):
    study_option = fields.Field(
        attribute="study_option", column_name="study_code", widget=StudyCodeWidget()
    )
    admission_year = fields.Field(
        attribute="admission_year", column_name="admission_year", widget=YearWidget()
    )
    round = fields.Field(
        attribute="round",
        column_name="round",
        widget=CodeWidget(ROUND_NAMES, lambda: _("“%(value)s” is not a round: use HOVED or SUPP.")),
    )
    quota = fields.Field(
        attribute="quota",
        column_name="quota",
        widget=CodeWidget(QUOTA_NAMES, lambda: _("“%(value)s” is not a quota: use ORD or ORDF.")),
    )
    value = ThresholdValueField()
    scale = fields.Field(
        attribute="scale",
        column_name="scale",
        widget=CodeWidget(
            {code.upper(): code for code in Scale.values},
            lambda: _("“%(value)s” is not a scale: use grade_average or competition_points."),
            optional=True,
        ),
        saves_null_values=False,
    )

    class Meta:
        model = AdmissionThreshold
        fields = ["study_option", "admission_year", "round", "quota", "value", "scale"]
        import_id_fields = ["study_option", "admission_year", "round", "quota"]
        clean_model_instances = True  # every row through full_clean(), like the admin form
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        store_instance = True
        store_row_values = True  # the preview shows each row as the file has it
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = {}
        self.default_scale = Scale.GRADE_AVERAGE

    def get_queryset(self):
        return AdmissionThreshold.objects.select_related("study_option")

    def first_scale(self, option):
        """The scale of an option's first threshold, when the file does not say: a programme
        that admits on a bachelor's degree (further education, master's) ranks applicants by
        its grade average, 1–5; a bachelor's programme by the file's kind (Samordna's files
        give competition points)."""
        if option.programme.level != Level.BACHELOR:
            return Scale.GRADE_AVERAGE
        return self.default_scale

    def get_instance(self, instance_loader, row):
        """The existing threshold, or None; a key that cannot be read is reported by
        ``import_instance()`` as a refusal with its reason, not as a crash."""
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def before_import(self, dataset, **kwargs):
        """Reads Samordna opptak's layout as ours; competition points are then the default
        scale for an option that has no threshold yet."""
        written = [text(h).lstrip("\ufeff") for h in dataset.headers or []]
        headers = written
        if "Studiekode" in headers:
            headers = [SAMORDNA_COLUMNS.get(h, h) for h in headers]
            self.default_scale = Scale.COMPETITION_POINTS
        dataset.headers = headers
        # Two columns for one value: a row would read one of them, and nothing say which.
        twice = [
            " / ".join(w for w, h in zip(written, headers, strict=True) if h == column)
            for column in [*REQUIRED_COLUMNS, "scale"]
            if headers.count(column) > 1
        ]
        if twice:
            message = _(
                "The file has more than one column for the same value: %(columns)s. Keep one "
                "of each and import it again."
            )
            raise ValueError(message % {"columns": "; ".join(twice)})
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        if missing:
            message = ngettext(
                "The file has no column %(columns)s. Its first line must name the columns.",
                "The file has no columns %(columns)s. Its first line must name the columns.",
                len(missing),
            )
            raise ValueError(message % {"columns": ", ".join(missing)})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean()``, but where a cell could not be read, only that reason: the model's
        ``clean()`` would add "Enter the points." to "“x” is not a number"."""
        # Copies: the parent extends these lists in place with the model's errors.
        own = {field: list(found) for field, found in (import_validation_errors or {}).items()}
        try:
            super().validate_instance(
                instance, {field: list(found) for field, found in own.items()}, validate_unique
            )
        except ValidationError as error:
            raise ValidationError(
                {field: own.get(field, found) for field, found in error.error_dict.items()}
            ) from None

    def import_instance(self, instance, row, **kwargs):
        """Fills the row in; a new row without a scale (no column, or an empty cell) takes the
        scale of the option's other thresholds. A second row for the same option, year, round
        and quota is refused."""
        super().import_instance(instance, row, **kwargs)
        if instance.pk is None and not text(row.get("scale")) and instance.study_option_id:
            earlier = instance.study_option.thresholds.order_by("-admission_year").first()
            instance.scale = earlier.scale if earlier else self.first_scale(instance.study_option)
        key = (instance.study_option_id, instance.admission_year, instance.round, instance.quota)
        if instance.study_option_id and key in self.seen:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "Row %(row)s has the same study code, year, round and quota."
                    )
                    % {"row": self.seen[key]}
                }
            )
        self.seen[key] = kwargs.get("row_number")


class UnreadableFile(ValueError):
    """A file that cannot be read as a whole, with the reason in the editor's language."""


def not_readable():
    """A file that is not what its format says (a workbook read as a CSV, or the reverse)."""
    return UnreadableFile(
        _(
            "The file could not be read. Check that it is a CSV or XLSX file and that you "
            "chose its format."
        )
    )


def refuse_too_many(count):
    """A file of more than ``MAX_ROWS`` rows is refused as it is read, before any row is
    imported: import-export records an error raised by ``before_import()`` and goes on to
    import every row, so such a file ran into the worker's timeout before it was refused."""
    if count > MAX_ROWS:
        message = _(
            "The file has %(count)s rows, and at most %(limit)s can be imported at once. "
            "Split it into smaller files, for example one for each year."
        )
        raise UnreadableFile(message % {"count": count, "limit": MAX_ROWS})


class BoundedXLSX(XLSX):
    """The sheet of a workbook that was open when it was saved (as import-export reads it),
    its empty rows left out, and refused past ``MAX_ROWS`` rows before any is imported: a
    stray cell in row 200,000 of a small file made 200,000 rows. The rows past the limit are
    counted, not kept, so the message says how many there are."""

    def create_dataset(self, in_stream):
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except Exception as error:  # not a workbook: zipfile's, openpyxl's and XML's errors
            raise not_readable() from error
        dataset = tablib.Dataset()
        rows = book.active.iter_rows(values_only=True)
        dataset.headers = list(next(rows))
        count = 0
        for row in rows:
            if any(value is not None for value in row):
                count += 1
                if count <= MAX_ROWS:
                    dataset.append(row)
        refuse_too_many(count)
        return dataset


class DelimitedCSV(CSV):
    """CSV with commas, semicolons (Samordna opptak and Norwegian Excel use them) or tabs
    (Excel's "Text (tab delimited)"), whichever the first line has most of, and lines ended
    as Windows, Unix or old Macs end them; exported with semicolons and a BOM, so Excel in
    Norwegian opens it in columns. A row with more cells than the first line has columns is
    refused: "2,78" between commas is two cells, and the row would have read "2"."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            try:
                in_stream = in_stream.decode(self.encoding or "utf-8-sig")
            except UnicodeDecodeError as error:  # a workbook confirmed as a CSV
                raise not_readable() from error
        in_stream = in_stream.lstrip("\ufeff")
        first_line = next(iter(in_stream.splitlines()), "")
        delimiter = max(",;\t", key=first_line.count)  # a comma when none is there
        dataset = tablib.Dataset()
        lines = csv.reader(io.StringIO(in_stream, newline=""), delimiter=delimiter)
        try:
            rows = [row for row in lines if any(row)]
        except csv.Error:  # a cell over the csv module's limit (128 KB)
            message = _(
                "Line %(line)s of the file could not be read: a cell in it is far too long."
            )
            raise UnreadableFile(message % {"line": lines.line_num}) from None
        refuse_too_many(len(rows) - 1)
        if rows:
            dataset.headers = rows[0]
            width = len(rows[0])
            for number, row in enumerate(rows[1:], start=1):
                if any(cell.strip() for cell in row[width:]):
                    raise UnreadableFile(too_many_cells(number, delimiter))
                dataset.append((row + [""] * width)[:width])
        return dataset

    def export_data(self, dataset, **kwargs):
        """Numbers with a decimal comma, as Excel in Norwegian reads them beside semicolons:
        "2.78" would be text there, and "12.05" the 12th of May. The import reads both."""
        commas = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            commas.append(
                [str(cell).replace(".", ",") if isinstance(cell, Decimal) else cell for cell in row]
            )
        return "\ufeff" + commas.export("csv", delimiter=";")


def too_many_cells(number, delimiter):
    """Why row ``number`` (of the data, from 1) of a file separated by ``delimiter`` is refused."""
    if delimiter == ",":
        return _(
            "Row %(row)s has more cells than the first line has columns. A number with a "
            "decimal comma between commas is two cells: write it with a point (2.78), or "
            "separate the columns with semicolons."
        ) % {"row": number}
    return _(
        "Row %(row)s has more cells than the first line has columns. Give every row the "
        "columns the first line names."
    ) % {"row": number}
