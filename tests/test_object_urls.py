"""The addresses of programmes, cohorts, feeds, plans and calculators in each language: the
same as ``reverse()`` under ``translation.override`` gives, although they are remembered
(``config.i18n.reverse_in``)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from config.i18n import reverse_in
from tests.builders import (
    make_cohort,
    make_plan,
    make_programme,
    make_requirement,
    make_study_option,
)

pytestmark = pytest.mark.django_db


def reversed_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def programme():
    programme = make_programme(slug_nb="sykepleie", slug_en="nursing")
    option = make_study_option(programme)
    make_plan(option, make_cohort(programme, code="2024H", ends_year=2026))
    make_requirement(programme)
    return programme


def test_every_page_of_a_programme_has_its_own_address_in_each_language(programme):
    cohort = programme.cohorts.get()
    plan = cohort.plans.get()
    requirement = programme.admission_requirement
    for language, slug in [("nb", "sykepleie"), ("en", "nursing")]:
        expected = {
            "programs:detail": {"slug": slug},
            "admissions:cohort": {"slug": slug, "code": "2024H"},
            "admissions:cohort-calendar": {"slug": slug, "code": "2024H"},
            "admissions:plan": {"slug": slug, "code": "2024H", "mode": plan.study_option.mode},
            "admissions:grade-points": {"slug": slug},
        }
        got = {
            "programs:detail": programme.get_absolute_url(language),
            "admissions:cohort": cohort.get_absolute_url(language),
            "admissions:cohort-calendar": cohort.get_calendar_url(language),
            "admissions:plan": plan.get_absolute_url(language),
            "admissions:grade-points": requirement.get_calculator_url(language),
        }
        for name, kwargs in expected.items():
            assert got[name] == reversed_in(language, name, **kwargs)
        with translation.override(language):
            assert programme.get_absolute_url() == got["programs:detail"]
    assert programme.get_absolute_url("nb") == "/studier/sykepleie/"
    assert programme.get_absolute_url("en") == "/en/programmes/nursing/"


def test_without_an_english_slug_the_english_page_has_the_norwegian_one():
    programme = make_programme(slug_nb="bare-norsk", slug_en="", title_en="", lead_en="")
    assert programme.get_absolute_url("en") == "/en/programmes/bare-norsk/"
    cohort = make_cohort(programme, code="2023H")
    assert cohort.get_absolute_url("en") == "/en/programmes/bare-norsk/cohort-2023H/"


def test_a_renamed_programme_gets_its_new_address_at_once(programme):
    assert programme.get_absolute_url("nb") == "/studier/sykepleie/"
    programme.slug_nb = "sykepleie-ny"
    programme.save()
    assert programme.get_absolute_url("nb") == "/studier/sykepleie-ny/"
    assert programme.cohorts.get().get_absolute_url("nb").startswith("/studier/sykepleie-ny/")


def test_an_address_under_a_script_prefix_keeps_the_prefix(programme):
    assert programme.get_absolute_url("nb") == "/studier/sykepleie/"
    set_script_prefix("/under/")
    try:
        assert programme.get_absolute_url("nb") == "/under/studier/sykepleie/"
    finally:
        set_script_prefix("/")
    assert programme.get_absolute_url("nb") == "/studier/sykepleie/"


def test_a_value_the_address_cannot_take_still_fails_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        reverse_in("nb", "programs:detail", slug="not a slug")
    with pytest.raises(NoReverseMatch):
        reverse_in("nb", "programs:no-such-page")
