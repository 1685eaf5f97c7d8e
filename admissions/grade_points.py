"""Grade points from a bachelor's transcript, by an institution's rule set. Pure: no ORM.

OsloMet ranks applicants to further education by the average of their bachelor grades
(karakterpoeng): A=5, B=4, C=3, D=2, E=1, weighted by each course's credits. Courses graded
pass/fail are left out; when every course is pass/fail the average is 3. A failed course (F)
is not part of a degree, so it is refused. The result is rounded half up to two decimals.
Credits are typed as in a transcript: more than 0, at most ``MAX_CREDITS``, in steps of 0.01.

Another institution's scale (say A=50 … E=10, or extra points) is another ``RuleSet`` in
``RULE_SETS``; a programme names the one that applies.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from admissions.choices import Outcome, Scale

PASS = "pass"
FAILED = "F"
MAX_CREDITS = 120  # one course, in the calculator and in the admin (Course.credits)
CREDIT_DECIMALS = 2  # 7.5 and 2.25 are credits; 0.001 is a typing error (TOO_PRECISE: "two")
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")  # 7,5 7.5 -5 .5 7. (no exponent)

NO_CREDITS = _("Enter the course's credits.")
NOT_A_NUMBER = _("Enter the credits as a number, for example 7.5.")
NOT_POSITIVE = _("Credits must be more than 0.")
TOO_MANY = _("One course can have at most %(max)s credits.")
TOO_PRECISE = _("Credits can have at most two decimals, for example 7.5 or 2.25.")


@dataclass(frozen=True)
class Course:
    credits: Decimal  # ECTS, > 0
    grade: str  # "A" … "F", or PASS


class GradePointError(ValueError):
    """A transcript the rule set cannot average; ``code`` is stable, ``row`` counts from 0."""

    def __init__(self, code, message, row=None):
        super().__init__(message)
        self.code, self.message, self.row = code, message, row


def read_credits(text, row=None):
    """Credits as typed ("7,5", "7.5", " 30 ", full-width "７，５" from a Japanese or Chinese
    keyboard) as a Decimal. Raises a GradePointError saying what to change: not a number, not
    more than 0, over ``MAX_CREDITS``, or more than ``CREDIT_DECIMALS`` decimals, or that none
    were typed."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        raise GradePointError("credits_missing", NO_CREDITS, row)
    if not NUMBER.fullmatch(text):
        raise GradePointError("credits_not_a_number", NOT_A_NUMBER, row)
    credits = Decimal(text.replace(",", "."))
    if error := credits_error(credits, row):
        raise error
    return credits


def credits_error(credits, row=None):
    """Why ``credits`` (a Decimal) cannot be a course's (a GradePointError), or None."""
    if credits <= 0:
        return GradePointError("credits", NOT_POSITIVE, row)
    if credits > MAX_CREDITS:
        return GradePointError("credits_too_many", TOO_MANY % {"max": MAX_CREDITS}, row)
    if credits != credits.quantize(Decimal(1).scaleb(-CREDIT_DECIMALS), rounding=ROUND_HALF_UP):
        return GradePointError("credits_too_precise", TOO_PRECISE, row)
    return None


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    points: Mapping[str, Decimal]  # letter grade → points
    all_pass: Decimal  # the result when every course is pass/fail
    decimals: int = 2
    scale: str = Scale.GRADE_AVERAGE  # of its results: only thresholds on it compare

    def grades(self):
        """Every grade a course may have here, best first, then pass and failed."""
        return [*self.points, PASS, FAILED]

    def grade_error(self, grade, row=None):
        """Why a course graded ``grade`` cannot be averaged (a GradePointError), or None."""
        if grade == FAILED:
            message = _("A failed course (F) does not count: remove it.")
            return GradePointError("failed_course", message, row)
        if grade != PASS and grade not in self.points:
            return GradePointError("unknown_grade", _("Choose a grade."), row)
        return None

    def is_all_pass(self, courses):
        """True when no course has a letter grade, so ``average()`` gives ``all_pass``."""
        return all(course.grade == PASS for course in courses)

    def average(self, courses: Iterable[Course]) -> Decimal:
        """The credit-weighted average of the graded courses, rounded half up. No course, or
        the first whose credits or grade cannot count (``credits_error``, ``grade_error``: the
        rules the form checks every row by), raises a GradePointError."""
        courses = list(courses)
        if not courses:
            raise GradePointError("no_courses", _("Add at least one course."))
        for row, course in enumerate(courses):
            if error := credits_error(course.credits, row) or self.grade_error(course.grade, row):
                raise error
        graded = [course for course in courses if course.grade != PASS]
        weight = sum(course.credits for course in graded)
        total = sum(self.points[course.grade] * course.credits for course in graded)
        average = total / weight if weight else self.all_pass
        return average.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


OSLOMET_GRADE_AVERAGE = RuleSet(
    code="grade-average-1-5",
    name=_("Bachelor grade average, A=5 … E=1"),
    points={grade: Decimal(points) for grade, points in zip("ABCDE", range(5, 0, -1), strict=True)},
    all_pass=Decimal(3),
)
RULE_SETS = {rules.code: rules for rules in (OSLOMET_GRADE_AVERAGE,)}


@dataclass(frozen=True)
class Threshold:
    """What ``compare()`` needs of a published threshold (main round, ordinary quota)."""

    mode: str  # the study mode in words, lower case: "heltid", "part-time"
    year: int
    outcome: str  # an Outcome value
    points: Decimal | None = None
    scale: str = Scale.GRADE_AVERAGE


def compare(result, thresholds):
    """Sentences in the active language comparing ``result`` with ``thresholds``: one per
    admission year, newest first, e.g. "Med 2,85 ville du vært over poenggrensen på heltid
    (2,78) og under poenggrensen på deltid (2,92) ved opptaket 2024." A year without a number
    (withdrawn, open, not given) says so instead."""
    sentences = []
    for year in sorted({t.year for t in thresholds}, reverse=True):
        clauses, without = [], []
        for t in (t for t in thresholds if t.year == year):
            values = {"mode": t.mode, "points": t.points is not None and _number(t.points)}
            if t.outcome == Outcome.POINTS:
                if result > t.points:
                    clause = gettext("above the %(mode)s threshold (%(points)s)")
                elif result == t.points:
                    clause = gettext("exactly at the %(mode)s threshold (%(points)s)")
                else:
                    clause = gettext("below the %(mode)s threshold (%(points)s)")
                clauses.append(clause % values)
            elif t.outcome == Outcome.ALL_QUALIFIED:
                clauses.append(
                    gettext("admitted to %(mode)s (all qualified applicants got an offer)") % values
                )
            else:
                without.append((t.mode, Outcome(t.outcome).label))
        if clauses:
            sentence = gettext(
                "With %(result)s you would have been %(clauses)s in the %(year)s admission round."
            )
            clauses = get_text_list(clauses, gettext("and"))
            sentences.append(
                sentence % {"result": _number(result), "clauses": clauses, "year": year}
            )
        sentences += [
            gettext("%(mode)s had no threshold in the %(year)s admission round: %(outcome)s.")
            % {"mode": capfirst(mode), "year": year, "outcome": str(outcome).lower()}
            for mode, outcome in without
        ]
    return sentences


def _number(value):
    return number_format(value, 2)
