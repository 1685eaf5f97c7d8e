"""Validation of admission facts: each mistake is a field error with a stable code."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from admissions.choices import Outcome, Scale
from tests.builders import (
    make_cohort,
    make_course,
    make_field_of_study,
    make_programme,
    make_study_option,
    make_threshold,
    make_week,
)

pytestmark = pytest.mark.django_db


def codes(excinfo, field):
    return [error.code for error in excinfo.value.error_dict[field]]


@pytest.fixture
def option():
    return make_study_option(make_programme())


@pytest.fixture
def cohort():
    return make_cohort(make_programme(), code="2023H", ends_year=2027, ends_season="spring")


def test_a_threshold_needs_points_when_the_outcome_is_points(option):
    with pytest.raises(ValidationError) as excinfo:
        make_threshold(option, points=None)
    assert codes(excinfo, "points") == ["points_missing"]


def test_all_qualified_admitted_is_a_threshold_without_points(option):
    threshold = make_threshold(option, outcome=Outcome.ALL_QUALIFIED, points=None)
    assert threshold.get_outcome_display() == "Alle kvalifiserte søkere fikk tilbud"


def test_points_are_refused_with_an_outcome_without_a_number(option):
    with pytest.raises(ValidationError) as excinfo:
        make_threshold(option, outcome=Outcome.ALL_QUALIFIED, points=Decimal("2.5"))
    assert codes(excinfo, "points") == ["points_not_expected"]


@pytest.mark.parametrize(
    ("scale", "points", "ok"),
    [
        (Scale.GRADE_AVERAGE, "1.00", True),
        (Scale.GRADE_AVERAGE, "5.00", True),
        (Scale.GRADE_AVERAGE, "0.99", False),
        (Scale.GRADE_AVERAGE, "27.8", False),  # a slip of the decimal point
        (Scale.COMPETITION_POINTS, "54.30", True),
        (Scale.COMPETITION_POINTS, "90.01", False),
    ],
)
def test_points_must_lie_on_their_scale(option, scale, points, ok):
    if ok:
        make_threshold(option, scale=scale, points=Decimal(points))
    else:
        with pytest.raises(ValidationError) as excinfo:
            make_threshold(option, scale=scale, points=Decimal(points))
        assert codes(excinfo, "points") == ["points_out_of_range"]


def test_one_threshold_per_option_year_round_and_quota(option):
    make_threshold(option, admission_year=2024)
    with pytest.raises(ValidationError) as excinfo:
        make_threshold(option, admission_year=2024)
    assert [e.code for e in excinfo.value.error_dict["__all__"]] == ["duplicate_threshold"]


@pytest.mark.parametrize(
    ("today", "year", "ok"),
    [
        (date(2026, 12, 3), 2026, True),
        (date(2026, 12, 3), 2027, False),
        (date(2026, 4, 30), 2026, False),  # no offers before May
        (date(2026, 5, 1), 2026, True),  # further education's come first
    ],
)
def test_a_threshold_is_for_a_round_that_has_given_its_offers(
    option, time_machine, today, year, ok
):
    time_machine.move_to(today, tick=False)
    if ok:
        make_threshold(option, admission_year=year)
    else:
        with pytest.raises(ValidationError) as excinfo:
            make_threshold(option, admission_year=year)
        assert codes(excinfo, "admission_year") == ["future_admission_year"]
        assert f"Opptaket i {year} har ikke gitt tilbud ennå." in str(excinfo.value)


@pytest.mark.time_machine(date(2026, 12, 3), tick=False)
def test_a_future_year_and_missing_points_are_reported_together(option):
    with pytest.raises(ValidationError) as excinfo:
        make_threshold(option, admission_year=2027, points=None)
    assert codes(excinfo, "admission_year") == ["future_admission_year"]
    assert codes(excinfo, "points") == ["points_missing"]


def test_another_quota_in_the_same_year_is_allowed(option):
    make_threshold(option, admission_year=2024, quota="ORD")
    make_threshold(option, admission_year=2024, quota="ORDF")


@pytest.mark.parametrize("code", ["215-1210", "215  1210", " 2151210", "abc"])
def test_a_study_code_is_digits_and_capitals_with_single_spaces(code):
    with pytest.raises(ValidationError) as excinfo:
        make_study_option(make_programme(), study_code=code)
    assert codes(excinfo, "study_code") == ["invalid_study_code"]


@pytest.mark.parametrize(("day", "month"), [(29, 2), (31, 4), (30, 2)])
def test_a_deadline_must_exist_every_year(day, month):
    with pytest.raises(ValidationError) as excinfo:
        make_study_option(make_programme(), deadline_day=day, deadline_month=month)
    assert codes(excinfo, "deadline_day") == ["no_such_day"]


@pytest.mark.parametrize(
    ("today", "deadline"),
    [
        (date(2026, 11, 23), date(2027, 3, 1)),
        (date(2027, 3, 1), date(2027, 3, 1)),  # the deadline day itself still counts
        (date(2027, 3, 2), date(2028, 3, 1)),
        (date(2027, 1, 5), date(2027, 3, 1)),
    ],
)
def test_the_next_deadline_is_the_coming_rounds(option, today, deadline):
    assert option.next_deadline(today) == deadline


@pytest.mark.parametrize("code", ["2023", "23H", "2023A", "2023h", "２０２３H"])
def test_a_cohort_code_is_a_year_and_h_or_v(code):
    with pytest.raises(ValidationError) as excinfo:
        make_cohort(make_programme(), code=code)
    assert codes(excinfo, "code") == ["invalid_cohort_code"]


@pytest.mark.parametrize("code", ["1999H", "9999H", "2100V"])
def test_a_cohort_code_in_the_right_form_but_an_odd_year_says_it_is_the_year(code):
    with pytest.raises(ValidationError) as excinfo:
        make_cohort(make_programme(), code=code)
    assert codes(excinfo, "code") == ["cohort_year_out_of_range"]
    with translation.override("nb"):
        assert excinfo.value.message_dict["code"] == ["Et kull starter i et år fra 2000 til 2099."]


def test_a_cohort_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as excinfo:
        make_cohort(make_programme(), code="2023H", ends_year=2023, ends_season="spring")
    assert codes(excinfo, "ends_year") == ["ends_before_start"]


def test_two_cohorts_of_a_programme_cannot_share_a_code():
    programme = make_programme()
    make_cohort(programme, code="2023H")
    with pytest.raises(ValidationError) as excinfo:
        make_cohort(programme, code="2023H")
    assert [e.code for e in excinfo.value.error_dict["__all__"]] == ["duplicate_cohort"]


@pytest.mark.parametrize(
    ("iso_year", "week", "ok"),
    [(2026, 53, True), (2025, 53, False), (2024, 52, True), (2024, 0, False), (2024, 54, False)],
)
def test_a_week_must_exist_in_its_iso_year(cohort, iso_year, week, ok):
    if ok:
        make_week(cohort, iso_year=iso_year, week=week)
    else:
        with pytest.raises(ValidationError) as excinfo:
            make_week(cohort, iso_year=iso_year, week=week)
        assert set(codes(excinfo, "week")) <= {"no_such_week", "min_value", "max_value"}


def test_week_53_message_names_week_and_year(cohort):
    with pytest.raises(ValidationError) as excinfo:
        make_week(cohort, iso_year=2025, week=53)
    assert excinfo.value.message_dict["week"] == ["Uke 53 finnes ikke i 2025."]


def test_a_range_must_be_in_order(cohort):
    with pytest.raises(ValidationError) as excinfo:
        make_week(cohort, week=46, last_week=39)
    assert codes(excinfo, "last_week") == ["range_reversed"]


def test_a_range_must_stay_in_one_term(cohort):
    with pytest.raises(ValidationError) as excinfo:
        make_week(cohort, iso_year=2025, week=25, last_week=35)
    assert codes(excinfo, "last_week") == ["range_across_terms"]


def test_a_range_end_must_exist(cohort):
    with pytest.raises(ValidationError) as excinfo:
        make_week(cohort, iso_year=2025, week=50, last_week=53)
    assert codes(excinfo, "last_week") == ["no_such_week"]


@pytest.mark.parametrize(
    ("iso_year", "week"),
    [(2023, 20), (2027, 40), (2028, 5)],  # before autumn 2023, after spring 2027
)
def test_a_week_must_lie_inside_the_cohorts_terms(cohort, iso_year, week):
    with pytest.raises(ValidationError) as excinfo:
        make_week(cohort, iso_year=iso_year, week=week)
    assert codes(excinfo, "week") == ["outside_cohort"]


def test_week_1_starting_in_december_belongs_to_the_spring_term_of_its_iso_year(cohort):
    week = make_week(cohort, iso_year=2026, week=1)  # Monday 29 December 2025
    assert week.season == "spring"
    assert week.dates() == (date(2025, 12, 29), date(2026, 1, 2))


def test_nothing_is_saved_when_a_week_is_refused(cohort):
    with pytest.raises(ValidationError):
        make_week(cohort, iso_year=2025, week=53)
    assert cohort.weeks.count() == 0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "«215 1210» er allerede brukt av «Sykepleie (deltid)»."),
        ("en", "“215 1210” is already used by “Nursing (part-time)”."),
    ],
)
def test_a_taken_study_code_is_refused_naming_the_option_that_has_it(language, expected):
    """Not Django's "Studievariant med Studiekode finnes allerede.": the editor learns whose
    code it is without going to look."""
    nursing = make_programme(title_nb="Sykepleie", title_en="Nursing")
    make_study_option(nursing, study_code="215 1210", mode="part_time")
    with translation.override(language):
        with pytest.raises(ValidationError) as excinfo:
            make_study_option(make_programme(), study_code="215 1210")
        assert excinfo.value.message_dict["study_code"] == [expected]
    assert codes(excinfo, "study_code") == ["unique"]


def test_taken_course_and_field_codes_are_refused_naming_their_holder():
    make_course(code="PHV1100", title_nb="Psykisk helse")
    make_field_of_study(code="sykepleie", name_nb="Sykepleie")
    with translation.override("nb"):
        with pytest.raises(ValidationError) as course:
            make_course(code="PHV1100")
        with pytest.raises(ValidationError) as field:
            make_field_of_study(code="sykepleie")
        assert course.value.messages == ["«PHV1100» er allerede brukt av «Psykisk helse»."]
        assert field.value.messages == ["«sykepleie» er allerede brukt av «Sykepleie»."]


def test_an_option_given_another_options_code_names_that_option():
    make_study_option(make_programme(title_nb="Sykepleie"), study_code="215 1210")
    option = make_study_option(make_programme(title_nb="Vernepleie"), study_code="215 1220")
    option.study_code = "215 1210"
    with translation.override("nb"), pytest.raises(ValidationError) as excinfo:
        option.full_clean()
    assert "«Sykepleie (heltid)»" in str(excinfo.value.message_dict["study_code"][0])


def test_a_threshold_is_named_by_code_year_round_and_quota():
    """Main and supplementary round of one year are two rows, and read as two."""
    option = make_study_option(make_programme(), study_code="229 1010")
    main = make_threshold(option, admission_year=2023)
    supplementary = make_threshold(option, admission_year=2023, round="SUPP")
    assert (str(main), str(supplementary)) == ("229 1010 2023 HOVED ORD", "229 1010 2023 SUPP ORD")
