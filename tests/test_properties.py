"""Properties of validation and of the public addresses, checked on generated input (issue 12).

Models: ``full_clean()`` passes or raises a ValidationError whose every error has a code, never
another exception; generated valid values pass and invalid ones fail with the code the other
tests assert. Pages: any query parameter or path segment, as arbitrary percent-encoded bytes,
answers with a status from a short list, never a 500, and a 400 says what was wrong in the
page's language.

Deterministic in CI (``derandomize``: the same examples every run, no example database).
``HYPOTHESIS_PROFILE=explore`` draws new examples each run, to look for more.
"""

import calendar
import os
import re
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from admissions.choices import SCALE_RANGE, Outcome, Scale, Season
from admissions.models import AdmissionThreshold, Cohort, FieldOfStudy, ScheduleWeek, StudyOption
from programs.extensions import extensions
from programs.models import Level, Programme, Section
from programs.text import CONTROL_CHARACTERS, norwegian_slugify
from tests.builders import make_cohort, make_programme, make_study_option

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(n):
    """Settings for a test that uses the ``db`` fixture: its examples share one transaction,
    which is right here, as none of them writes."""
    return settings(
        max_examples=n, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )


def error_codes(obj):
    """``{field: [code, …]}`` of ``obj.full_clean()``, ``{}`` when it passes. Any exception
    other than ValidationError propagates and fails the test."""
    try:
        obj.full_clean()
    except ValidationError as error:
        codes = {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
        assert all(code for field_codes in codes.values() for code in field_codes), codes
        return codes
    return {}


# What an import, a fixture or a builder may put in a number field: numbers of any size, text
# (digits in other scripts, exponents, 5,000 digits), nothing.
ANY_NUMBER = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=20),
    st.sampled_from(["", " 7 ", "٣", "1e309", "-0", "9" * 5000]),
)
ANY_TEXT = st.text(max_size=300)


# Study codes: digits and capital letters, single spaces, at most 20 characters.

STUDY_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STUDY_CODES = (
    st.lists(st.text(STUDY_CODE_CHARS, min_size=1, max_size=6), min_size=1, max_size=4)
    .map(" ".join)
    .filter(lambda code: len(code) <= 20)
)


@pytest.fixture
def programme(db):
    return make_programme()


def study_option(programme, **fields):
    values = {
        "mode": "full_time",
        "study_code": "215 1210",
        "duration_semesters": 2,
        "deadline_month": 3,
        "deadline_day": 1,
    }
    return StudyOption(programme=programme, **{**values, **fields})


@examples(100)
@given(code=STUDY_CODES)
@example(code="215 1210")
def test_generated_study_codes_pass(programme, code):
    assert error_codes(study_option(programme, study_code=code)) == {}


@examples(150)
@given(code=st.text(max_size=30))
@example(code="215  1210").via("two spaces")
@example(code=" 215 1210").via("leading space")
@example(code="215 1210a").via("lower case")
@example(code="2151210" * 3).via("21 characters")
def test_any_text_is_a_study_code_only_when_it_looks_like_one(programme, code):
    is_valid = bool(re.fullmatch(r"[0-9A-Z]+( [0-9A-Z]+)*", code)) and len(code) <= 20
    codes = error_codes(study_option(programme, study_code=code))
    if is_valid:
        assert codes == {}
    elif code == "":
        assert codes == {"study_code": ["blank"]}
    elif len(code) > 20:
        assert set(codes) == {"study_code"} and "max_length" in codes["study_code"]
        assert set(codes["study_code"]) <= {"max_length", "invalid_study_code"}
    else:
        assert codes == {"study_code": ["invalid_study_code"]}


def test_a_study_code_with_a_final_newline_is_refused(programme):
    codes = error_codes(study_option(programme, study_code="215 1210\n"))
    assert codes == {"study_code": ["invalid_study_code"]}


# Application deadlines: a month and a day that exist every year (no 29 February).

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]  # in a common year


@examples(150)
@given(month=st.integers(1, 12), day=st.integers(1, 31))
@example(month=2, day=28)
@example(month=2, day=29)
@example(month=4, day=31)
@example(month=12, day=31)
def test_a_deadline_is_valid_when_the_day_exists_in_every_year(programme, month, day):
    codes = error_codes(study_option(programme, deadline_month=month, deadline_day=day))
    if day <= DAYS_IN_MONTH[month - 1]:
        assert codes == {}
    else:
        assert codes == {"deadline_day": ["no_such_day"]}


@examples(150)
@given(month=ANY_NUMBER, day=ANY_NUMBER, semesters=ANY_NUMBER)
@example(month="mars", day="1", semesters=2)
@example(month=10**30, day=1, semesters=2)
def test_any_deadline_is_accepted_or_refused_with_codes(programme, month, day, semesters):
    option = study_option(
        programme, deadline_month=month, deadline_day=day, duration_semesters=semesters
    )
    error_codes(option)


# Admission thresholds: points only when the outcome is points, within the range of the scale.

SCALES = st.sampled_from(list(Scale))
POINTS = st.decimals(min_value=Decimal("-999.99"), max_value=Decimal("999.99"), places=2)


def threshold(option, **fields):
    values = {"admission_year": 2024, "outcome": Outcome.POINTS, "points": Decimal("2.78")}
    return AdmissionThreshold(study_option=option, **{**values, **fields})


@pytest.fixture
def option(programme):
    return make_study_option(programme)


@examples(150)
@given(scale=SCALES, data=st.data())
def test_points_within_the_scale_pass(option, scale, data):
    low, high = SCALE_RANGE[scale]
    points = data.draw(st.decimals(min_value=low, max_value=high, places=2))
    assert error_codes(threshold(option, scale=scale, points=points)) == {}


@examples(150)
@given(scale=SCALES, points=POINTS)
@example(scale=Scale.GRADE_AVERAGE, points=Decimal("27.80")).via("a slip of the decimal point")
@example(scale=Scale.GRADE_AVERAGE, points=Decimal("0.99"))
@example(scale=Scale.COMPETITION_POINTS, points=Decimal("90.01"))
@example(scale=Scale.COMPETITION_POINTS, points=Decimal("-0.01"))
def test_points_outside_the_scale_are_refused_as_out_of_range(option, scale, points):
    low, high = SCALE_RANGE[scale]
    codes = error_codes(threshold(option, scale=scale, points=points))
    assert codes == ({} if low <= points <= high else {"points": ["points_out_of_range"]})


@examples(100)
@given(outcome=st.sampled_from(list(Outcome)), points=st.one_of(st.none(), POINTS))
def test_points_are_given_exactly_when_the_outcome_is_points(option, outcome, points):
    codes = error_codes(threshold(option, outcome=outcome, points=points))
    if outcome == Outcome.POINTS and points is None:
        assert codes == {"points": ["points_missing"]}
    elif outcome != Outcome.POINTS and points is not None:
        assert codes == {"points": ["points_not_expected"]}
    else:
        assert codes in ({}, {"points": ["points_out_of_range"]})


@examples(150)
@given(
    points=st.one_of(
        st.none(),
        st.text(max_size=20),
        st.integers(),
        st.floats(),
        st.decimals(),  # NaN, sNaN, infinities, any exponent
    ),
    scale=st.one_of(SCALES, st.text(max_size=20)),
    outcome=st.one_of(st.sampled_from(list(Outcome)), st.text(max_size=20)),
    year=ANY_NUMBER,
)
@example(points="2,78", scale=Scale.GRADE_AVERAGE, outcome=Outcome.POINTS, year=2024)
@example(points=Decimal("NaN"), scale=Scale.GRADE_AVERAGE, outcome=Outcome.POINTS, year=2024)
def test_any_threshold_is_accepted_or_refused_with_codes(option, points, scale, outcome, year):
    error_codes(threshold(option, points=points, scale=scale, outcome=outcome, admission_year=year))


# Cohorts: "2023H" is the start year and H (autumn) or V (spring); it ends no earlier.

COHORT_CODES = st.builds("{}{}".format, st.integers(2000, 2099), st.sampled_from("HV"))
SEASONS = st.sampled_from(list(Season))


def term(year, season):
    return (year, 0 if season == Season.SPRING else 1)


@examples(150)
@given(code=COHORT_CODES, ends_year=st.integers(2000, 2100), ends_season=SEASONS)
@example(code="2024H", ends_year=2024, ends_season=Season.AUTUMN).via("a one-term cohort")
@example(code="2024H", ends_year=2024, ends_season=Season.SPRING)
def test_a_cohort_is_valid_when_it_ends_no_earlier_than_it_starts(
    programme, code, ends_year, ends_season
):
    cohort = Cohort(programme=programme, code=code, ends_year=ends_year, ends_season=ends_season)
    start = term(int(code[:4]), Season.AUTUMN if code.endswith("H") else Season.SPRING)
    codes = error_codes(cohort)
    if term(ends_year, ends_season) >= start:
        assert codes == {}
    else:
        assert codes == {"ends_year": ["ends_before_start"]}


@examples(150)
@given(code=st.text(max_size=10))
@example(code="2023h")
@example(code="1999H")
@example(code="2023H\n")
@example(code="２０２３H").via("full-width digits")
def test_any_text_is_a_cohort_code_only_when_it_looks_like_one(programme, code):
    cohort = Cohort(programme=programme, code=code, ends_year=2100, ends_season=Season.AUTUMN)
    codes = error_codes(cohort)
    if re.fullmatch(r"20[0-9]{2}[HV]", code):
        assert codes == {}
    elif code == "":
        assert codes == {"code": ["blank"]}
    elif re.fullmatch(r"[0-9]{4}[HV]", code):
        assert codes == {"code": ["cohort_year_out_of_range"]}
    elif len(code) > 5:
        assert set(codes) == {"code"} and "max_length" in codes["code"]
        assert set(codes["code"]) <= {"max_length", "invalid_cohort_code"}
    else:
        assert codes == {"code": ["invalid_cohort_code"]}


@examples(100)
@given(code=ANY_TEXT, ends_year=ANY_NUMBER, ends_season=ANY_TEXT)
def test_any_cohort_is_accepted_or_refused_with_codes(programme, code, ends_year, ends_season):
    error_codes(
        Cohort(programme=programme, code=code, ends_year=ends_year, ends_season=ends_season)
    )


# Schedule weeks: ISO weeks, 53 only in the years that have one, a range within one term.


def iso_weeks_in(year):
    """53 when the year starts on a Thursday, or on a Wednesday in a leap year (ISO 8601)."""
    weekday = date(year, 1, 1).weekday()
    return 53 if weekday == 3 or (weekday == 2 and calendar.isleap(year)) else 52


@pytest.fixture
def wide_cohort(programme):
    """A cohort from spring 2000 to autumn 2100: every week the fields allow is inside it."""
    return make_cohort(programme, code="2000V", ends_year=2100, ends_season=Season.AUTUMN)


@examples(200)
@given(year=st.integers(2000, 2100), first=st.integers(1, 53), last=st.none() | st.integers(1, 53))
@example(year=2020, first=53, last=None).via("2020 has a week 53")
@example(year=2026, first=53, last=None).via("so has 2026")
@example(year=2021, first=53, last=None).via("2021 has not")
@example(year=2024, first=39, last=46)
@example(year=2024, first=46, last=39)
@example(year=2024, first=30, last=31)
def test_a_week_is_valid_when_the_iso_year_has_it_and_a_range_stays_in_one_term(
    wide_cohort, year, first, last
):
    week = ScheduleWeek(cohort=wide_cohort, iso_year=year, week=first, last_week=last)
    codes = error_codes(week)
    missing = {
        field: ["no_such_week"]
        for field, number in (("week", first), ("last_week", last))
        if number is not None and number > iso_weeks_in(year)
    }
    if missing:
        assert codes == missing
    elif last is not None and last < first:
        assert codes == {"last_week": ["range_reversed"]}
    elif last is not None and (first <= 30) != (last <= 30):
        assert codes == {"last_week": ["range_across_terms"]}
    else:
        assert codes == {}


@pytest.fixture
def cohort_2023h(programme):
    """Autumn 2023 to spring 2025: three terms."""
    return make_cohort(programme, code="2023H", ends_year=2025, ends_season=Season.SPRING)


@examples(100)
@given(year=st.integers(2021, 2027), first=st.integers(1, 52))
def test_a_week_outside_the_cohorts_terms_is_refused(cohort_2023h, year, first):
    codes = error_codes(ScheduleWeek(cohort=cohort_2023h, iso_year=year, week=first))
    inside = (2023, 1) <= (year, 0 if first <= 30 else 1) <= (2025, 0)
    assert codes == ({} if inside else {"week": ["outside_cohort"]})


@examples(150)
@given(year=ANY_NUMBER, first=ANY_NUMBER, last=ANY_NUMBER, kind=ANY_TEXT)
@example(year=2021, first="53", last=None, kind="gathering")
@example(year=-1, first=0, last=54, kind="exam")
def test_any_schedule_week_is_accepted_or_refused_with_codes(wide_cohort, year, first, last, kind):
    error_codes(ScheduleWeek(cohort=wide_cohort, iso_year=year, week=first, last_week=last))


# Slugs: ASCII letters, digits, hyphens and underscores; norwegian_slugify makes them.


@examples(100)
@given(text=st.text())
@example(text="Påbygg til mastergrad i sykepleie")
@example(text="ÆØÅ æøå")
def test_norwegian_slugify_gives_a_lower_case_ascii_slug_or_nothing(text):
    slug = norwegian_slugify(text)
    assert re.fullmatch(r"[-a-z0-9_]*", slug)
    assert norwegian_slugify(slug) == slug


@examples(100)
@given(words=st.lists(st.text("abcdefghijklmnopqrstuvwxyzæøåÆØÅ", min_size=1), min_size=1))
def test_norwegian_slugify_keeps_every_word_of_norwegian_letters(words):
    assert norwegian_slugify(" ".join(words)).count("-") == len(words) - 1


def new_programme(**fields):
    values = {
        "title_nb": "Studium",
        "slug_nb": "studium",
        "lead_nb": "Ingress.",
        "level": Level.FURTHER_EDUCATION,
    }
    return Programme(**{**values, **fields})


@examples(150)
@given(slug=st.text(max_size=210), language=st.sampled_from(["nb", "en"]))
@example(slug="påbygg", language="nb")
@example(slug="a" * 201, language="en")
@example(slug="\x00", language="nb")
@example(slug="STORE", language="en")
def test_any_text_is_a_programme_slug_only_when_it_is_a_slug(db, slug, language):
    codes = error_codes(new_programme(**{f"slug_{language}": slug}))
    field = f"slug_{language}"
    codes.pop("slug", None)  # modeltranslation's copy of slug_nb (nb is active): same errors
    if re.fullmatch(r"[-a-z0-9_]+", slug) and len(slug) <= 200:
        assert codes == {}
    elif slug == "":  # only nb is required; an empty en slug falls back to it
        assert codes == ({field: ["blank"]} if language == "nb" else {})
    else:  # capitals are a slug Django accepts, in an address that is ours in lower case
        refused = {"invalid", "max_length", "slug_not_lower_case"}
        assert set(codes) == {field} and set(codes[field]) <= refused


@examples(100)
@given(title=st.text(min_size=1, max_size=200))
def test_a_slug_made_from_any_title_passes(db, title):
    slug = norwegian_slugify(title)[:200]
    assume(slug)
    validate_slug(slug)
    codes = error_codes(new_programme(title_nb=title, slug_nb=slug))
    if CONTROL_CHARACTERS.search(title):  # the title is refused, its slug is not
        assert codes == {"title": ["control_character"], "title_nb": ["control_character"]}
    else:
        assert codes == {}


@examples(150)
@given(anchor=st.text(max_size=90))
@example(anchor="main")
@example(anchor="sections-heading")
@example(anchor="block-admission")
@example(anchor="block-+")
def test_any_text_is_a_section_anchor_unless_it_is_no_slug_or_taken_by_the_page(programme, anchor):
    section = Section(programme=programme, title_nb="Hvem passer studiet for?", anchor_nb=anchor)
    codes = error_codes(section)
    codes.pop("anchor", None)  # modeltranslation's copy of anchor_nb (nb is active): same errors
    valid = re.fullmatch(r"[-a-z0-9_]+", anchor) and len(anchor) <= 80
    reserved = anchor in Section.RESERVED_ANCHORS or anchor.startswith("block-")
    if valid and reserved:
        assert codes == {"anchor_nb": ["reserved_anchor"]}
    elif anchor == "" or valid:
        assert codes == {}
    else:  # capitals: a slug Django accepts, in a link that is ours in lower case
        assert set(codes) == {"anchor_nb"}
        refused = {"invalid", "max_length", "reserved_anchor", "anchor_not_lower_case"}
        assert set(codes["anchor_nb"]) <= refused


@examples(100)
@given(code=st.text(max_size=60))
def test_any_text_is_a_field_of_study_code_only_when_it_is_a_slug(db, code):
    codes = error_codes(FieldOfStudy(name_nb="Sykepleie", code=code))
    if re.fullmatch(r"[-a-zA-Z0-9_]+", code) and len(code) <= 50:
        assert codes == {}
    else:
        assert set(codes) == {"code"} and codes["code"]


# Public addresses: any query string or path segment, never a 500.

ALLOWED_STATUSES = {200, 301, 302, 400, 404, 410}
LISTS = {"nb": "/studier/", "en": "/en/programmes/"}
BAD_REQUEST = "We could not understand this request. Check the address and try again."
HOSTILE = [
    b"\x00",
    b"%00",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
    b"<script>alert(1)</script>",
    b"' OR 1=1 --",
    b"../../config/settings.py",
    b"x" * 10_000,
]
ANY_BYTES = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode()),
    st.sampled_from(HOSTILE),
)


def language_of(path):
    return "en" if path.startswith("/en/") else "nb"


def assert_answers_without_a_fault(response, path):
    """An allowed status; a 400 in the page's language that says what was wrong: the list
    filter's own messages when the query string is at fault, else the 400 page's text."""
    assert response.status_code in ALLOWED_STATUSES, (path[:200], response.status_code)
    if response.status_code == 400:
        language = language_of(path)
        body = response.content.decode()
        assert f'<html lang="{language}">' in body
        with translation.override(language):
            form = extensions.list_form(response.wsgi_request.GET)
            messages = [message for errors in form.errors.values() for message in errors]
            messages = messages or [gettext(BAD_REQUEST)]
        assert all(escape(message) in body for message in messages), (messages, body[:2000])


@examples(200)
@given(value=ANY_BYTES, language=st.sampled_from(["nb", "en"]))
@example(value=b"sykepleie", language="nb")
@example(value=b"", language="en")
@example(value=b" sykepleie", language="nb")
def test_any_bachelor_filter_lists_or_answers_a_400_that_says_why(
    client, every_page_type, value, language
):
    path = f"{LISTS[language]}?bachelor={quote(value, safe='')}"
    response = client.get(path)
    assert_answers_without_a_fault(response, path)
    known = {"", *FieldOfStudy.objects.values_list("code", flat=True)}
    text = value.decode(errors="replace")  # as Django decodes a query string
    assert response.status_code == (200 if text in known else 400)


@examples(150)
@given(query=ANY_BYTES, language=st.sampled_from(["nb", "en"]))
@example(query=b"page=-1&q=%00", language="nb")
@example(query=b"page=99999999999999999999&q=" + b"x" * 5000, language="en")
@example(query=b"bachelor=sykepleie&bachelor=%ff", language="nb")
@example(query=b"bachelor[]=x&=&&==", language="en")
def test_any_query_string_on_the_list_answers_without_a_fault(
    client, every_page_type, query, language
):
    path = f"{LISTS[language]}?{quote(query, safe='=&')}"
    assert_answers_without_a_fault(client.get(path), path)


# {} is the segment; the rest are real addresses of the seed content (config/page_types.py).
PATH_TEMPLATES = [
    "/{}/",
    "/en/{}/",
    "/studier/{}/",
    "/en/programmes/{}/",
    "/studier/{}/kull-2023H/",
    "/en/programmes/{}/cohort-2023H.ics",
    "/studier/psykisk-helsearbeid/kull-{}/",
    "/studier/psykisk-helsearbeid/kull-{}.ics",
    "/en/programmes/mental-health-work/cohort-{}/",
    "/en/programmes/mental-health-work/cohort-{}.ics",
    "/studier/{}/programplan/2023H/heltid/",
    "/studier/med-programplan/programplan/{}/heltid/",
    "/en/programmes/with-programme-plan/programme-plan/2023H/{}/",
    "/en/programmes/{}/grade-points/",
    "/media/programmes/{}",
    "/static/{}",
    "/{}",
]


@examples(300)
@given(segment=ANY_BYTES, template=st.sampled_from(PATH_TEMPLATES))
@example(segment=b"psykisk-helsearbeid", template="/studier/{}/kull-2023H/")
@example(segment=b"2023H", template="/studier/psykisk-helsearbeid/kull-{}.ics")
@example(segment=b"2099V", template="/studier/psykisk-helsearbeid/kull-{}/")
@example(segment=b"sitemap.xml", template="/{}")
def test_any_path_segment_answers_without_a_fault(client, every_page_type, segment, template):
    path = template.format(quote(segment, safe=""))
    assert_answers_without_a_fault(client.get(path), path)
