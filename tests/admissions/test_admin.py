"""The admissions admin: each fact editable, each mistake a message, nothing half-saved."""

import pytest
from django.contrib.auth.models import User

from admissions.models import ScheduleWeek, StudyOption
from tests.builders import make_cohort, make_programme, make_study_option, make_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw-secret-12"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/admissions/fieldofstudy/",
        "/admin/admissions/studyoption/",
        "/admin/admissions/cohort/",
        "/admin/admissions/fieldofstudy/add/",
    ],
)
def test_staff_can_open_the_admissions_pages(admin_client, url):
    make_study_option(make_programme())
    assert admin_client.get(url).status_code == 200


def test_the_programme_page_links_to_its_options_and_cohorts(admin_client):
    programme = make_programme()
    option = make_study_option(programme)
    cohort = make_cohort(programme)
    html = admin_client.get(f"/admin/programs/programme/{programme.pk}/change/").content.decode()
    assert f"/admin/admissions/studyoption/{option.pk}/change/" in html
    assert f"/admin/admissions/cohort/{cohort.pk}/change/" in html


def cohort_form(cohort, weeks):
    data = {
        "programme": cohort.programme_id,
        "code": cohort.code,
        "ends_year": cohort.ends_year,
        "ends_season": cohort.ends_season,
        "weeks-TOTAL_FORMS": str(len(weeks)),
        "weeks-INITIAL_FORMS": "0",
    }
    for i, (iso_year, week, last) in enumerate(weeks):
        data.update(
            {
                f"weeks-{i}-iso_year": str(iso_year),
                f"weeks-{i}-week": str(week),
                f"weeks-{i}-last_week": "" if last is None else str(last),
                f"weeks-{i}-kind": "gathering",
            }
        )
    return data


def test_week_53_in_a_year_without_it_is_refused_and_nothing_is_saved(admin_client):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    url = f"/admin/admissions/cohort/{cohort.pk}/change/"
    response = admin_client.post(url, cohort_form(cohort, [(2024, 40, None), (2025, 53, None)]))
    assert response.status_code == 200
    assert "Uke 53 finnes ikke i 2025." in response.content.decode()
    assert ScheduleWeek.objects.count() == 0  # the valid week 40 was not saved either


def test_valid_weeks_are_saved_through_the_admin(admin_client):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    url = f"/admin/admissions/cohort/{cohort.pk}/change/"
    response = admin_client.post(url, cohort_form(cohort, [(2024, 39, 46), (2026, 1, None)]))
    assert response.status_code == 302
    assert [str(w) for w in cohort.weeks.all()] == ["2024 W39–46", "2026 W1"]


def test_a_bad_threshold_is_refused_on_the_option_page(admin_client):
    option = make_study_option(make_programme(), study_code="215 1210")
    data = {
        "programme": option.programme_id,
        "mode": option.mode,
        "study_code": option.study_code,
        "duration_semesters": "2",
        "deadline_month": "3",
        "deadline_day": "1",
        "apply_via": "Søknadsweb",
        "position": "0",
        "thresholds-TOTAL_FORMS": "1",
        "thresholds-INITIAL_FORMS": "0",
        "thresholds-0-admission_year": "2024",
        "thresholds-0-round": "HOVED",
        "thresholds-0-quota": "ORD",
        "thresholds-0-outcome": "points",
        "thresholds-0-points": "27.8",
        "thresholds-0-scale": "grade_average",
    }
    response = admin_client.post(f"/admin/admissions/studyoption/{option.pk}/change/", data)
    assert response.status_code == 200
    assert "Poeng på denne skalaen ligger mellom 1,00 og 5,00." in response.content.decode()
    assert not StudyOption.objects.get().thresholds.exists()


def test_a_week_of_the_cohort_page_can_be_removed(admin_client):
    cohort = make_cohort(make_programme())
    week = make_week(cohort)
    data = cohort_form(cohort, [])
    data.update(
        {
            "weeks-TOTAL_FORMS": "1",
            "weeks-INITIAL_FORMS": "1",
            "weeks-0-id": str(week.pk),
            "weeks-0-cohort": str(cohort.pk),
            "weeks-0-iso_year": "2024",
            "weeks-0-week": "37",
            "weeks-0-kind": "gathering",
            "weeks-0-DELETE": "on",
        }
    )
    response = admin_client.post(f"/admin/admissions/cohort/{cohort.pk}/change/", data)
    assert response.status_code == 302
    assert not cohort.weeks.exists()
