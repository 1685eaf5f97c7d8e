"""ISO weeks, their dates and their wording in both languages (admissions/weeks.py, no DB)."""

from datetime import date

import pytest

from admissions.weeks import (
    describe_term,
    describe_term_line,
    format_date_range,
    format_week_numbers,
    last_week,
    season_of_week,
    span_dates,
    term_label,
    week_dates,
    week_exists,
    weeks_covered,
)

SEED_AUTUMN_2024 = [("gathering", [(37, None), (49, None)]), ("practice", [(39, 46)])]
SEED_SPRING_2025 = [("gathering", [(4, None), (10, None), (22, None)])]


@pytest.mark.parametrize(
    "iso_year, has_week_53",
    [(2020, True), (2021, False), (2022, False), (2023, False), (2024, False), (2025, False),
     (2026, True), (2027, False)],
)  # fmt: skip
def test_week_53_exists_only_in_long_iso_years(iso_year, has_week_53):
    assert week_exists(iso_year, 53) is has_week_53
    assert last_week(iso_year) == (53 if has_week_53 else 52)


@pytest.mark.parametrize("iso_year", [2020, 2024, 2026])
@pytest.mark.parametrize("week", [0, 54, -1])
def test_week_0_and_54_never_exist(iso_year, week):
    assert not week_exists(iso_year, week)


def test_week_53_of_a_short_year_has_no_dates():
    with pytest.raises(ValueError):
        week_dates(2025, 53)


@pytest.mark.parametrize(
    "week, season", [(1, "spring"), (30, "spring"), (31, "autumn"), (52, "autumn"), (53, "autumn")]
)
def test_weeks_up_to_30_are_spring_and_later_weeks_autumn(week, season):
    assert season_of_week(week) == season


@pytest.mark.parametrize(
    "iso_year, week, monday, friday",
    [
        (2026, 53, date(2026, 12, 28), date(2027, 1, 1)),
        (2026, 1, date(2025, 12, 29), date(2026, 1, 2)),
        (2025, 1, date(2024, 12, 30), date(2025, 1, 3)),
        (2024, 37, date(2024, 9, 9), date(2024, 9, 13)),
        (2024, 49, date(2024, 12, 2), date(2024, 12, 6)),
        (2025, 4, date(2025, 1, 20), date(2025, 1, 24)),
        (2025, 10, date(2025, 3, 3), date(2025, 3, 7)),
        (2025, 22, date(2025, 5, 26), date(2025, 5, 30)),
    ],
)
def test_a_week_runs_from_monday_to_friday_even_across_calendar_years(
    iso_year, week, monday, friday
):
    assert week_dates(iso_year, week) == (monday, friday)


def test_a_span_runs_from_monday_of_the_first_week_to_friday_of_the_last():
    assert span_dates(2024, 39, 46) == (date(2024, 9, 23), date(2024, 11, 15))


def test_a_span_without_last_week_is_the_first_week():
    assert span_dates(2024, 37) == (date(2024, 9, 9), date(2024, 9, 13))


def test_a_span_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        span_dates(2024, 46, 39)


# Babel 2.18 widens nothing: yMMMMd falls back to the yMMMd interval patterns, so months are
# abbreviated; en_GB puts thin spaces (U+2009) around the dash when the month or year differs.
@pytest.mark.parametrize(
    "start, end, language, expected",
    [
        (date(2024, 9, 9), date(2024, 9, 13), "nb", "9.–13. september 2024"),
        (date(2024, 9, 9), date(2024, 9, 13), "en", "9–13 September 2024"),
        (date(2024, 12, 2), date(2024, 12, 6), "nb", "2.–6. desember 2024"),
        (date(2024, 12, 2), date(2024, 12, 6), "en", "2–6 December 2024"),
        (date(2024, 9, 23), date(2024, 11, 15), "nb", "23. september – 15. november 2024"),
        (date(2024, 9, 23), date(2024, 11, 15), "en", "23 September\u2009–\u200915 November 2024"),
        (date(2026, 12, 28), date(2027, 1, 1), "nb", "28. desember 2026 – 1. januar 2027"),
        (date(2026, 12, 28), date(2027, 1, 1), "en", "28 December 2026\u2009–\u20091 January 2027"),
        (date(2025, 1, 20), date(2025, 1, 24), "nb", "20.–24. januar 2025"),
        (date(2025, 1, 20), date(2025, 1, 24), "en", "20–24 January 2025"),
        (date(2024, 9, 9), date(2024, 9, 9), "nb", "9. september 2024"),
    ],
)
def test_date_ranges_follow_cldr_in_each_language(start, end, language, expected):
    assert format_date_range(start, end, language) == expected


@pytest.mark.parametrize(
    "season, year, language, expected",
    [
        ("autumn", 2024, "nb", "Høst 2024"),
        ("spring", 2025, "nb", "Vår 2025"),
        ("autumn", 2024, "en", "Autumn 2024"),
        ("spring", 2025, "en", "Spring 2025"),
    ],
)
def test_term_labels_name_season_and_year(season, year, language, expected):
    assert term_label(season, year, language) == expected


@pytest.mark.parametrize(
    "spans, language, expected",
    [
        ([(37, None)], "en", "37"),
        ([(37, None), (49, None)], "en", "37 and 49"),
        ([(4, None), (10, None), (22, None)], "en", "4, 10 and 22"),
        ([(37, None), (39, 46), (49, None)], "en", "37, 39–46 and 49"),
        ([(37, 37)], "en", "37"),
        ([(4, None), (10, None), (22, None)], "nb", "4, 10 og 22"),
        ([(37, None), (39, 46), (49, None)], "nb", "37, 39–46 og 49"),
    ],
)
def test_week_numbers_are_listed_with_ranges_and_a_final_and(spans, language, expected):
    assert format_week_numbers(spans, language) == expected


@pytest.mark.parametrize(
    "spans, count", [([(37, None)], 1), ([(37, None), (49, None)], 2), ([(39, 46), (49, None)], 9)]
)
def test_a_range_counts_all_its_weeks(spans, count):
    assert weeks_covered(spans) == count


@pytest.mark.parametrize(
    "kinds, language, expected",
    [
        (SEED_AUTUMN_2024, "en", "weeks 37 and 49. Placement weeks 39–46."),
        (SEED_AUTUMN_2024, "nb", "uke 37 og 49. Praksisuker i ukene 39–46."),
        (SEED_SPRING_2025, "en", "weeks 4, 10 and 22."),
        (SEED_SPRING_2025, "nb", "uke 4, 10 og 22."),
        ([("gathering", [(37, None)])], "en", "week 37."),
        ([("exam", [(24, None)])], "en", "exam week 24."),
        ([("gathering", [(37, None)]), ("exam", [(50, 51)])], "en", "week 37. Exam weeks 50–51."),
        ([("practice", [(40, None)])], "en", "placement week 40."),
        ([("gathering", []), ("practice", [(40, None)])], "en", "placement week 40."),
        ([], "en", ""),
    ],
)
def test_a_term_is_described_kind_by_kind(kinds, language, expected):
    assert describe_term(kinds, language) == expected


def test_an_unknown_kind_of_week_is_refused():
    with pytest.raises(ValueError):
        describe_term([("holiday", [(8, None)])], "en")


@pytest.mark.parametrize(
    "season, year, kinds, language, expected",
    [
        ("autumn", 2024, SEED_AUTUMN_2024, "en",
         "Autumn 2024: weeks 37 and 49. Placement weeks 39–46."),
        ("autumn", 2024, SEED_AUTUMN_2024, "nb",
         "Høst 2024: uke 37 og 49. Praksisuker i ukene 39–46."),
        ("spring", 2025, SEED_SPRING_2025, "en", "Spring 2025: weeks 4, 10 and 22."),
        ("spring", 2025, SEED_SPRING_2025, "nb", "Vår 2025: uke 4, 10 og 22."),
    ],
)  # fmt: skip
def test_a_term_line_starts_with_the_term(season, year, kinds, language, expected):
    assert describe_term_line(season, year, kinds, language) == expected
