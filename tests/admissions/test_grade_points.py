"""The grade-point rules (pure): OsloMet's bachelor grade average."""

from decimal import Decimal

import pytest
from django.utils import translation

from admissions.grade_points import (
    FAILED,
    PASS,
    RULE_SETS,
    Course,
    GradePointError,
    Threshold,
    compare,
    read_credits,
)
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


@pytest.mark.parametrize(
    ("grade", "code"), [("A", None), (PASS, None), (FAILED, "failed_course"), ("", "unknown_grade")]
)
def test_a_grade_is_checked_on_its_own(grade, code):
    error = RULES.grade_error(grade, row=4)
    assert (error and (error.code, error.row)) == (code and (code, 4))


@pytest.mark.parametrize(
    ("rows", "all_pass"),
    [(((30, PASS), (10, PASS)), True), (((30, PASS), (10, "E")), False), (((10, "A"),), False)],
)
def test_it_says_when_the_all_pass_result_applies(rows, all_pass):
    assert RULES.is_all_pass(courses(*rows)) is all_pass


@pytest.mark.parametrize(
    ("typed", "credits"),
    [("7,5", "7.5"), ("7.5", "7.5"), (" 30 ", "30"), ("0.25", "0.25"), ("7.50", "7.5"),
     (".5", "0.5"), ("7.", "7"), ("+10", "10"), ("120", "120"), ("0,01", "0.01"),
     ("７，５", "7.5"), ("７．５", "7.5"), ("３０", "30")],  # a full-width keyboard
)  # fmt: skip
def test_credits_are_read_as_typed_in_either_language(typed, credits):
    assert read_credits(typed) == Decimal(credits)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("", "credits_missing"), (" ", "credits_missing"), ("abc", "credits_not_a_number"),
     ("1e3", "credits_not_a_number"), ("7,5,5", "credits_not_a_number"),
     ("1 000", "credits_not_a_number"), ("NaN", "credits_not_a_number"),
     ("Infinity", "credits_not_a_number"), ("-", "credits_not_a_number"),
     ("-5", "credits"), ("0", "credits"), ("-0,0", "credits"),
     ("121", "credits_too_many"), ("120.01", "credits_too_many"),
     ("9" * 5000, "credits_too_many"),
     ("0.0001", "credits_too_precise"), ("7.125", "credits_too_precise"),
     ("0." + "0" * 5000 + "1", "credits_too_precise")],
)  # fmt: skip
def test_credits_that_are_not_a_course_s_say_what_is_wrong(typed, code):
    with pytest.raises(GradePointError) as error:
        read_credits(typed, row=2)
    assert (error.value.code, error.value.row) == (code, 2)


@pytest.mark.parametrize(
    ("typed", "nb", "en"),
    [("-5", "Studiepoengene må være flere enn 0.", "Credits must be more than 0."),
     ("121", "Et emne kan ha høyst 120 studiepoeng.",
      "One course can have at most 120 credits."),
     ("0.0001", "Studiepoengene kan ha høyst to desimaler, for eksempel 7,5 eller 2,25.",
      "Credits can have at most two decimals, for example 7.5 or 2.25.")],
)  # fmt: skip
def test_the_credits_messages_are_in_the_readers_language(typed, nb, en):
    for language, message in (("nb", nb), ("en", en)):
        with translation.override(language):
            with pytest.raises(GradePointError) as error:
                read_credits(typed)
            assert str(error.value.message) == message


def test_decimal_credits_count_exactly():
    assert RULES.average(courses((7.5, "A"), (22.5, "C"))) == Decimal("3.50")


def test_rule_sets_are_found_by_code_and_list_their_grades():
    assert RULE_SETS["grade-average-1-5"] is RULES
    assert RULES.grades() == ["A", "B", "C", "D", "E", PASS, FAILED]


def thresholds(*rows):
    return [
        Threshold(mode, year, outcome, points and Decimal(points))
        for mode, year, outcome, points in rows
    ]


def test_the_result_is_compared_with_each_study_option_in_norwegian():
    sentences = compare(
        Decimal("2.85"),
        thresholds(("heltid", 2024, "points", "2.78"), ("deltid", 2024, "points", "2.92")),
    )
    assert sentences == [
        "Med 2,85 ville du vært over poenggrensen på heltid (2,78) og "
        "under poenggrensen på deltid (2,92) ved opptaket i 2024."
    ]


def test_the_result_is_compared_in_english():
    with translation.override("en"):
        sentences = compare(Decimal("2.78"), thresholds(("full-time", 2024, "points", "2.78")))
    assert sentences == [
        "With 2.78 you would have been exactly at the full-time threshold (2.78) "
        "in the 2024 admission round."
    ]


@pytest.mark.parametrize(
    ("outcome", "nb", "en"),
    [
        ("ALLE",
         "Med 3,00 ville du vært tatt opp på deltid (alle kvalifiserte søkere fikk tilbud) "
         "ved opptaket i 2023.",
         "With 3.00 you would have been admitted to part-time (all qualified applicants "
         "got an offer) in the 2023 admission round."),
        ("TRU", "Deltid hadde ingen poenggrense ved opptaket i 2023: studiet trukket.",
         "Part-time had no threshold in the 2023 admission round: programme withdrawn."),
    ],
)  # fmt: skip
def test_outcomes_without_a_number_are_worded_for_what_they_mean(outcome, nb, en):
    rows = thresholds(("deltid", 2023, outcome, None))
    assert compare(Decimal(3), rows) == [nb]
    with translation.override("en"):
        rows = thresholds(("part-time", 2023, outcome, None))
        assert compare(Decimal(3), rows) == [en]


def test_an_option_where_everyone_got_in_reads_apart_from_one_with_a_threshold():
    with translation.override("en"):
        rows = thresholds(("full-time", 2024, "ALLE", None), ("part-time", 2024, "points", "2.92"))
        assert compare(Decimal("2.92"), rows) == [
            "With 2.92 you would have been admitted to full-time (all qualified applicants got "
            "an offer) and exactly at the part-time threshold (2.92) in the 2024 admission round."
        ]


def test_each_admission_year_gets_its_own_sentence_newest_first():
    sentences = compare(
        Decimal("3.10"),
        thresholds(("heltid", 2023, "points", "3.20"), ("deltid", 2024, "points", "3.00")),
    )
    assert [s.split("opptaket i ")[1] for s in sentences] == ["2024.", "2023."]
