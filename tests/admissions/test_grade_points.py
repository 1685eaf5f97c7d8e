"""The grade-point rules (pure): OsloMet's bachelor grade average."""

from decimal import Decimal

import pytest

from admissions.grade_points import FAILED, PASS, RULE_SETS, Course, GradePointError
from admissions.grade_points import OSLOMET_GRADE_AVERAGE as RULES


def courses(*rows):
    return [Course(Decimal(str(credits)), grade) for credits, grade in rows]


def test_the_worked_example_averages_to_four():
    # 20×5 + 10×4 + 15×4 + 10×2 = 220 points over 55 credits
    assert RULES.average(courses((20, "A"), (10, "B"), (15, "B"), (10, "D"))) == Decimal("4.00")


def test_pass_fail_courses_are_left_out():
    assert RULES.average(courses((10, "A"), (50, PASS), (10, "C"))) == Decimal("4.00")


def test_a_transcript_of_only_pass_fail_courses_counts_as_three():
    assert RULES.average(courses((30, PASS), (30, PASS))) == Decimal("3.00")


@pytest.mark.parametrize(
    ("rows", "average"),
    [
        (((1, "A"), (7, "C")), Decimal("3.25")),  # 26/8 = 3.25
        (((3, "B"), (5, "C"), (32, "C")), Decimal("3.08")),  # 123/40 = 3.075 → 3.08 (half up)
        (((1, "B"), (2, "C")), Decimal("3.33")),  # 10/3 = 3.333… → 3.33
        (((1, "A"), (2, "B")), Decimal("4.33")),  # 13/3
        (((2, "A"), (1, "B")), Decimal("4.67")),  # 14/3 = 4.666… → 4.67
    ],
)
def test_the_average_is_rounded_half_up_to_two_decimals(rows, average):
    assert RULES.average(courses(*rows)) == average


def test_2775_rounds_up_to_278():
    # 31×3 + 9×2 = 111 points over 40 credits = 2.775 exactly (a float would give 2.77)
    assert RULES.average(courses((31, "C"), (9, "D"))) == Decimal("2.78")


def test_a_failed_course_is_refused_with_its_row():
    with pytest.raises(GradePointError) as error:
        RULES.average(courses((10, "A"), (10, FAILED)))
    assert (error.value.code, error.value.row) == ("failed_course", 1)


@pytest.mark.parametrize(
    ("rows", "code"),
    [((), "no_courses"), (((0, "A"),), "credits"), (((-5, "B"),), "credits"),
     (((10, "G"),), "unknown_grade")],
)  # fmt: skip
def test_what_cannot_be_averaged_is_refused_with_a_code(rows, code):
    with pytest.raises(GradePointError) as error:
        RULES.average(courses(*rows))
    assert error.value.code == code


def test_decimal_credits_count_exactly():
    assert RULES.average(courses((7.5, "A"), (22.5, "C"))) == Decimal("3.50")


def test_rule_sets_are_found_by_code_and_list_their_grades():
    assert RULE_SETS["grade-average-1-5"] is RULES
    assert RULES.grades() == ["A", "B", "C", "D", "E", PASS, FAILED]
