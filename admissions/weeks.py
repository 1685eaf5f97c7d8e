"""ISO weeks of a cohort's schedule: dates, date ranges and the wording "uke 37 og 49".

Pure functions, no ORM: they take the ISO year, week numbers and `language` ("nb" or "en") as
arguments. A season is the plain string "spring" (weeks 1–30) or "autumn" (weeks 31–53). The
ones a page calls per week remember their results (``WORDINGS`` of them in all), since Babel
and gettext make each call cost tens of microseconds (docs/performance.md).
"""

import re
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, ngettext, override

SPRING_LAST_WEEK = 30

# Babel locale per site language; en_GB for day-month order ("9–13 September 2024").
BABEL_LOCALES = {"nb": "nb", "en": "en_GB"}

Span = tuple[int, int | None]
WORDINGS = 4096  # results each memoised function keeps: weeks and terms of years of cohorts


def season_of_week(week: int) -> str:
    """Return "spring" for weeks 1–30, "autumn" for weeks 31–53."""
    return "spring" if week <= SPRING_LAST_WEEK else "autumn"


def term_order(year: int, season: str) -> tuple[int, int]:
    """A sortable key for a term: spring comes before autumn in the same year."""
    return (year, 0 if season == "spring" else 1)


def last_week(iso_year: int) -> int:
    """52 or 53: 28 December always falls in the last ISO week of its year."""
    return date(iso_year, 12, 28).isocalendar().week


def week_exists(iso_year: int, week: int) -> bool:
    return 1 <= week <= last_week(iso_year)


def week_dates(iso_year: int, week: int) -> tuple[date, date]:
    """Monday and Friday of an ISO week; ValueError for a week the year does not have."""
    return date.fromisocalendar(iso_year, week, 1), date.fromisocalendar(iso_year, week, 5)


def span_dates(iso_year: int, first_week: int, last_week_: int | None = None) -> tuple[date, date]:
    """Monday of `first_week` and Friday of `last_week_` (of `first_week` when None)."""
    end_week = first_week if last_week_ is None else last_week_
    if end_week < first_week:
        raise ValueError(f"Week {end_week} comes before week {first_week}.")
    return week_dates(iso_year, first_week)[0], week_dates(iso_year, end_week)[1]


@lru_cache(maxsize=WORDINGS)
def format_date_range(start: date, end: date, language: str) -> str:
    """The locale's own interval with full month names: nb "9.–13. september 2024",
    en "23 September – 15 November 2024", across years "28. desember 2026 – 1. januar 2027".

    Babel 2.18 maps the skeleton yMMMMd to the abbreviated yMMMd interval pattern
    (python-babel/babel#803), so we take that CLDR pattern and widen its month ourselves.
    CLDR's nb patterns put no spaces around the dash; Norwegian spaces it when the parts are
    more than one word each (Språkrådet), as English does: "23. september – 15. november".
    """
    locale = Locale.parse(BABEL_LOCALES[language])
    if start == end:
        return format_date(start, _widen(locale.date_formats["long"].pattern), locale=locale)
    difference = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = locale.interval_formats["yMMMd"][difference]
    before = format_date(start, _widen(first), locale=locale)
    after = format_date(end, _widen(second), locale=locale)
    if before.endswith("–") and " " in before:
        before = before[:-1].rstrip() + " – "
    return before + after


def _widen(pattern: str) -> str:
    """Full month names: "MMM" → "MMMM", leaving an existing "MMMM" alone."""
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)


def term_label(season: str, year: int, language: str) -> str:
    """Return "Autumn 2024" / "Høst 2024"; the year is printed without a thousands separator."""
    with override(language):
        if season == "autumn":
            return gettext("Autumn %(year)s") % {"year": str(year)}
        if season == "spring":
            return gettext("Spring %(year)s") % {"year": str(year)}
    raise ValueError(f"Unknown season {season!r}.")


def weeks_covered(spans: list[Span]) -> int:
    """How many weeks the spans cover; a range 39–46 counts 8. Drives the plural form."""
    return sum(1 if last is None else last - first + 1 for first, last in spans)


def format_week_numbers(spans: list[Span], language: str) -> str:
    """Return "37, 39–46 and 49" (en) or "37, 39–46 og 49" (nb); spans sorted by the caller."""
    items = [str(first) if last in (None, first) else f"{first}–{last}" for first, last in spans]
    with override(language):
        return get_text_list(items, gettext("and"))


@lru_cache(maxsize=WORDINGS)
def week_label(span: Span, language: str) -> str:
    """Return "Week 37" / "Uke 37", "Weeks 39–46" / "Uke 39–46" for one row of a schedule."""
    numbers = format_week_numbers([span], language)
    with override(language):
        text = ngettext("Week %(weeks)s", "Weeks %(weeks)s", weeks_covered([span]))
    return text % {"weeks": numbers}


def _phrase(kind: str, spans: list[Span], language: str) -> str:
    weeks = format_week_numbers(spans, language)
    count = weeks_covered(spans)
    with override(language):
        if kind == "gathering":
            text = ngettext("week %(weeks)s", "weeks %(weeks)s", count)
        elif kind == "practice":
            text = ngettext("placement week %(weeks)s", "placement weeks %(weeks)s", count)
        elif kind == "exam":
            text = ngettext("exam week %(weeks)s", "exam weeks %(weeks)s", count)
        else:
            raise ValueError(f"Unknown kind of week {kind!r}.")
    return text % {"weeks": weeks}


def describe_term(kinds: list[tuple[str, list[Span]]], language: str) -> str:
    """One sentence per kind, e.g. "weeks 37 and 49. Placement weeks 39–46.".

    `kinds` is ordered (kind, spans) with kind "gathering" | "practice" | "exam"; kinds without
    spans are left out, and "" comes back when nothing is left. The first phrase keeps its
    lower case so it can follow "Autumn 2024: ".
    """
    phrases = [_phrase(kind, spans, language) for kind, spans in kinds if spans]
    if not phrases:
        return ""
    return ". ".join([phrases[0], *(capfirst(phrase) for phrase in phrases[1:])]) + "."


def describe_term_line(
    season: str, year: int, kinds: list[tuple[str, list[Span]]], language: str
) -> str:
    """Return "Autumn 2024: weeks 37 and 49. Placement weeks 39–46." in `language`."""
    kinds = tuple((kind, tuple(spans)) for kind, spans in kinds)  # hashable, for the memo
    return _term_line(season, year, kinds, language)


@lru_cache(maxsize=WORDINGS)
def _term_line(season, year, kinds, language):
    term = term_label(season, year, language)
    description = describe_term(kinds, language)
    with override(language):
        return gettext("%(term)s: %(description)s") % {"term": term, "description": description}
