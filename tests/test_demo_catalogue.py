"""``manage.py demo_catalogue``: a valid, bilingual, repeatable catalogue that the site serves.

Built with 30 programmes to stay quick; ``make demo`` loads 400 the same way.
"""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from admissions.choices import Outcome
from admissions.models import AdmissionThreshold, Cohort, ScheduleWeek, StudyOption
from programs.choices import Status
from programs.models import Programme, Section
from tests.builders import make_programme
from tests.pages import parse

SIZE = 30


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """One 30-programme catalogue for the read-only tests of this module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo_catalogue", programmes=SIZE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def demo():
    return Programme.objects.filter(slug_nb__startswith="demo-")


def rows(queryset, *fields):
    return list(queryset.order_by(*fields).values_list(*fields))


def snapshot():
    """The catalogue's content without primary keys or timestamps, in a stable order."""
    return {
        "programmes": rows(demo(), "slug_nb", "slug_en", "title_nb", "title_en", "status"),
        "successors": rows(demo(), "slug_nb", "replaced_by__slug_nb"),
        "sections": rows(Section.objects, "programme__slug_nb", "anchor", "body_en"),
        "options": rows(StudyOption.objects, "study_code", "mode"),
        "thresholds": rows(
            AdmissionThreshold.objects,
            *("study_option__study_code", "admission_year", "round", "quota", "outcome", "points"),
        ),
        "cohorts": rows(Cohort.objects, "programme__slug_nb", "code", "ends_year"),
        "weeks": rows(
            ScheduleWeek.objects, "cohort__programme__slug_nb", "cohort__code", "iso_year", "week"
        ),
    }


def test_it_prints_a_one_line_summary(catalogue):
    assert catalogue.startswith(f"Demo catalogue: {SIZE} programmes, ")
    assert catalogue.count("\n") == 1


@pytest.mark.django_db
def test_it_builds_programmes_with_their_parts(catalogue):
    assert demo().count() == SIZE
    for programme in demo().prefetch_related("sections", "study_options"):
        assert 3 <= len(programme.sections.all()) <= 12
        assert 1 <= len(programme.study_options.all()) <= 2
    codes = list(StudyOption.objects.values_list("study_code", flat=True))
    assert all(re.fullmatch(r"2\d\d \d{4}", code) for code in codes)
    years = set(AdmissionThreshold.objects.values_list("admission_year", flat=True))
    assert len(years) == 5
    outcomes = set(AdmissionThreshold.objects.values_list("outcome", flat=True))
    assert {Outcome.POINTS, Outcome.ALL_QUALIFIED, Outcome.WITHDRAWN} <= outcomes
    assert ScheduleWeek.objects.exists()
    assert demo().filter(admission_requirement__accepted_fields__isnull=False).exists()


@pytest.mark.django_db
def test_most_programmes_are_in_both_languages_and_some_in_norwegian_only(catalogue):
    programmes = list(demo())
    english = [p for p in programmes if p.has_own_text("en") and p.slug_en]
    assert len(english) >= 0.8 * len(programmes)
    norwegian_only = [p for p in programmes if not p.title_en]
    assert norwegian_only and all(p.slug_en is None for p in norwegian_only)
    sections = Section.objects.filter(programme__in=english)
    assert not sections.filter(title_en="").exists()
    assert not sections.filter(body_en="").exists()


@pytest.mark.django_db
def test_it_retires_programmes_in_chains_and_without_successor(catalogue):
    retired = demo().filter(status=Status.DISCONTINUED)
    assert retired.filter(replaced_by__isnull=True).exists()  # answers 410
    assert retired.filter(replaced_by__status=Status.DISCONTINUED).exists()  # A→B→C
    for programme in retired.exclude(replaced_by=None):
        assert programme.destination().status == Status.OPEN


@pytest.mark.django_db
def test_every_row_passes_full_clean(catalogue):
    for label in ("programs", "admissions"):
        for model in apps.get_app_config(label).get_models():
            for obj in model.objects.all():
                obj.full_clean()


@pytest.mark.django_db
def test_the_list_shows_every_listed_programme_once_over_its_pages(client, catalogue):
    for url in ("/studier/", "/en/programmes/"):
        links = []
        while url:
            page = parse(client.get(url))
            links += [a["href"] for a in page.select(".programme-card__title a")]
            next_link = page.select_one("a[rel=next]")
            url = next_link["href"] if next_link else None
        assert len(links) == len(set(links)) == Programme.objects.listed().count()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_programme_pages_answer_as_their_status_says(client, catalogue, language):
    for programme in demo().filter(is_published=True)[::3]:
        response = client.get(programme.get_absolute_url(language))
        destination = programme.destination()
        if destination is None:
            assert response.status_code == 410
        elif destination != programme:
            assert response.status_code == 301
            assert response["Location"] == destination.get_absolute_url(language)
        else:
            assert response.status_code == 200
            assert parse(response).h1.get_text(strip=True) == (
                programme.title_en or programme.title_nb if language == "en" else programme.title_nb
            )


@pytest.mark.django_db
def test_retired_and_gone_programmes_answer_301_and_410(client, catalogue):
    retired = demo().filter(status=Status.DISCONTINUED)
    chained = retired.filter(replaced_by__status=Status.DISCONTINUED).first()
    response = client.get(chained.get_absolute_url("en"))
    assert response.status_code == 301
    assert response["Location"] == chained.replaced_by.replaced_by.get_absolute_url("en")
    gone = retired.filter(replaced_by=None).first()
    assert client.get(gone.get_absolute_url("nb")).status_code == 410


@pytest.mark.django_db
def test_running_it_again_gives_the_same_catalogue_and_zero_removes_it_leaving_others_alone():
    other = Programme.objects.get(pk=make_programme(sections=2, title_nb="Ikke demo").pk)
    call_command("demo_catalogue", programmes=SIZE, verbosity=0)
    first = snapshot()
    call_command("demo_catalogue", programmes=SIZE, verbosity=0)
    assert snapshot() == first
    assert len(first["programmes"]) == SIZE
    call_command("demo_catalogue", programmes=0, verbosity=0)
    assert not demo().exists()
    kept = Programme.objects.get(pk=other.pk)
    assert (kept.title_nb, kept.updated_at, kept.sections.count()) == (
        "Ikke demo",
        other.updated_at,
        2,
    )
