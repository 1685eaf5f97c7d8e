"""Grade points from a bachelor's transcript, by an institution's rule set. Pure: no ORM.

OsloMet ranks applicants to further education by the average of their bachelor grades
(karakterpoeng): A=5, B=4, C=3, D=2, E=1, weighted by each course's credits. Courses graded
pass/fail are left out; when every course is pass/fail the average is 3. A failed course (F)
is not part of a degree, so it is refused. The result is rounded half up to two decimals.

Another institution's scale (say A=50 … E=10, or extra points) is another ``RuleSet`` in
``RULE_SETS``; a programme names the one that applies.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

PASS = "pass"
FAILED = "F"


@dataclass(frozen=True)
class Course:
    credits: Decimal  # ECTS, > 0
    grade: str  # "A" … "F", or PASS


class GradePointError(ValueError):
    """A transcript the rule set cannot average; ``code`` is stable, ``row`` counts from 0."""

    def __init__(self, code, message, row=None):
        super().__init__(message)
        self.code, self.message, self.row = code, message, row


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    points: Mapping[str, Decimal]  # letter grade → points
    all_pass: Decimal  # the result when every course is pass/fail
    decimals: int = 2

    def grades(self):
        """Every grade a course may have here, best first, then pass and failed."""
        return [*self.points, PASS, FAILED]

    def average(self, courses: Iterable[Course]) -> Decimal:
        """The credit-weighted average of the graded courses, rounded half up."""
        courses = list(courses)
        if not courses:
            raise GradePointError("no_courses", _("Add at least one course."))
        total = weight = Decimal(0)
        for row, course in enumerate(courses):
            if course.grade == FAILED:
                raise GradePointError(
                    "failed_course", _("A failed course (F) does not count: remove it."), row
                )
            if course.grade != PASS and course.grade not in self.points:
                raise GradePointError("unknown_grade", _("Choose a grade."), row)
            if course.credits <= 0:
                raise GradePointError("credits", _("Credits must be more than 0."), row)
            if course.grade != PASS:
                total += self.points[course.grade] * course.credits
                weight += course.credits
        average = total / weight if weight else self.all_pass
        return average.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


OSLOMET_GRADE_AVERAGE = RuleSet(
    code="grade-average-1-5",
    name=_("Bachelor grade average, A=5 … E=1"),
    points={grade: Decimal(points) for grade, points in zip("ABCDE", range(5, 0, -1), strict=True)},
    all_pass=Decimal(3),
)
RULE_SETS = {rules.code: rules for rules in (OSLOMET_GRADE_AVERAGE,)}
