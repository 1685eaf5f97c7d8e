"""The admissions admin: each fact editable, each mistake a message, nothing half-saved."""

from decimal import Decimal

import pytest

from admissions.models import ScheduleWeek, StudyOption
from tests.builders import (
    make_cohort,
    make_plan,
    make_programme,
    make_study_option,
    make_threshold,
    make_week,
)
from tests.pages import parse, rendered_form, visible_text

pytestmark = pytest.mark.django_db


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
    for i, (iso_year, week, last, *kind) in enumerate(weeks):
        data.update(
            {
                f"weeks-{i}-iso_year": str(iso_year),
                f"weeks-{i}-week": str(week),
                f"weeks-{i}-last_week": "" if last is None else str(last),
                f"weeks-{i}-kind": kind[0] if kind else "gathering",
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
    assert [str(w) for w in cohort.weeks.all()] == ["uke 39–46, 2024", "uke 1, 2026"]


@pytest.mark.parametrize(
    "weeks",
    [
        [(2025, 20, 30), (2025, 20, 30)],  # the same row twice
        [(2025, 20, 30), (2025, 25, None)],  # a week inside an earlier range
        [(2025, 22, None), (2025, 18, 24)],  # a range over an earlier week
    ],
)
def test_weeks_of_one_kind_that_overlap_are_refused_and_nothing_is_saved(admin_client, weeks):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    response = admin_client.post(
        f"/admin/admissions/cohort/{cohort.pk}/change/", cohort_form(cohort, weeks)
    )
    assert response.status_code == 200
    assert "Disse ukene overlapper raden for uke" in visible_text(response)
    assert " i 2025 av samme slag." in visible_text(response)
    assert not ScheduleWeek.objects.exists()


def test_weeks_of_different_kinds_may_overlap(admin_client):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    weeks = [(2024, 39, 46, "practice"), (2024, 42, None, "exam"), (2025, 4, None)]
    response = admin_client.post(
        f"/admin/admissions/cohort/{cohort.pk}/change/", cohort_form(cohort, weeks)
    )
    assert response.status_code == 302
    assert cohort.weeks.count() == 3


def option_form(option, **overrides):
    """POST data for a study option's admin page, with an empty thresholds inline."""
    data = {
        "programme": option.programme_id,
        "mode": option.mode,
        "study_code": option.study_code,
        "duration_semesters": "2",
        "deadline_month": "3",
        "deadline_day": "1",
        "apply_via": "Søknadsweb",
        "position": "0",
        "thresholds-TOTAL_FORMS": "0",
        "thresholds-INITIAL_FORMS": "0",
        "plans-TOTAL_FORMS": "0",
        "plans-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_bad_threshold_is_refused_on_the_option_page(admin_client):
    option = make_study_option(make_programme(), study_code="215 1210")
    data = option_form(
        option,
        **{
            "thresholds-TOTAL_FORMS": "1",
            "thresholds-0-admission_year": "2024",
            "thresholds-0-round": "HOVED",
            "thresholds-0-quota": "ORD",
            "thresholds-0-outcome": "points",
            "thresholds-0-points": "27.8",
            "thresholds-0-scale": "grade_average",
        },
    )
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


@pytest.mark.parametrize(
    ("iso_year", "week"), [(10000, 40), (0, 40), (99999999999999999999, 40), (2024, 10**20)]
)
def test_absurd_numbers_in_the_week_form_are_messages_not_500s(admin_client, iso_year, week):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    url = f"/admin/admissions/cohort/{cohort.pk}/change/"
    response = admin_client.post(url, cohort_form(cohort, [(iso_year, week, None)]))
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]
    assert not ScheduleWeek.objects.exists()


def test_an_absurd_deadline_is_a_message_not_a_500(admin_client):
    option = make_study_option(make_programme())
    data = option_form(option, deadline_day="9" * 20)
    response = admin_client.post(f"/admin/admissions/studyoption/{option.pk}/change/", data)
    assert response.status_code == 200
    assert "deadline_day" in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Verdien må være større enn eller lik 1."),
        ("en", "Ensure this value is greater than or equal to 1."),
    ],
)
def test_day_0_gets_one_message_not_also_that_april_has_no_day_0(admin_client, language, message):
    option = make_study_option(make_programme())
    data = option_form(option, deadline_day="0", deadline_month="4")
    response = admin_client.post(
        f"/admin/admissions/studyoption/{option.pk}/change/",
        data,
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["deadline_day"] == [message]


def test_changing_a_cohort_code_to_nonsense_is_a_message_not_a_500(admin_client):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    make_week(cohort, iso_year=2024, week=40)
    data = cohort_form(cohort, [])
    data["code"] = "H2024"
    response = admin_client.post(f"/admin/admissions/cohort/{cohort.pk}/change/", data)
    assert response.status_code == 200
    assert "code" in response.context["adminform"].form.errors


def test_a_new_cohort_with_a_week_outside_its_terms_is_refused(admin_client):
    programme = make_programme()
    data = {
        "programme": programme.pk,
        "code": "2024H",
        "ends_year": "2025",
        "ends_season": "spring",
        "weeks-TOTAL_FORMS": "1",
        "weeks-INITIAL_FORMS": "0",
        "weeks-0-iso_year": "2030",
        "weeks-0-week": "10",
        "weeks-0-kind": "gathering",
    }
    response = admin_client.post("/admin/admissions/cohort/add/", data)
    assert response.status_code == 200
    assert "ligger utenfor semestrene" in response.content.decode()
    assert not programme.cohorts.exists()


def test_shortening_a_cohort_past_its_weeks_is_refused(admin_client):
    cohort = make_cohort(make_programme(), code="2024H", ends_year=2026, ends_season="spring")
    make_week(cohort, iso_year=2026, week=10)
    data = cohort_form(cohort, [])
    data["ends_year"] = "2025"
    response = admin_client.post(f"/admin/admissions/cohort/{cohort.pk}/change/", data)
    assert response.status_code == 200
    assert [e.code for e in response.context["adminform"].form.errors.as_data()["ends_year"]] == [
        "weeks_outside"
    ]
    message = "Disse ukene ville havnet utenfor kullet: uke 10, 2026. Flytt eller slett dem først."
    assert message in visible_text(response)


def test_two_thresholds_for_one_year_round_and_quota_name_the_fields_in_norwegian(admin_client):
    option = make_study_option(make_programme(), study_code="215 1210")
    rows = {"TOTAL_FORMS": "2"}
    for i in range(2):
        rows.update(
            {
                f"{i}-admission_year": "2025",
                f"{i}-round": "HOVED",
                f"{i}-quota": "ORD",
                f"{i}-outcome": "ALLE",
                f"{i}-scale": "grade_average",
            }
        )
    data = option_form(option, **{f"thresholds-{key}": value for key, value in rows.items()})
    response = admin_client.post(f"/admin/admissions/studyoption/{option.pk}/change/", data)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Vennligst korriger dupliserte data for opptaksår, opptaksrunde og kvote" in text
    assert "admission_year" not in text
    assert not option.thresholds.exists()


@pytest.mark.parametrize(
    ("points", "message"),
    [("2,785", "Sørg for at det er 2 eller færre desimaler."), ("NaN", "Oppgi et tall.")],
)
def test_points_the_field_refuses_get_one_message(admin_client, points, message):
    option = make_study_option(make_programme(), study_code="215 1210")
    rows = {
        "TOTAL_FORMS": "1",
        "0-admission_year": "2024",
        "0-round": "HOVED",
        "0-quota": "ORD",
        "0-outcome": "points",
        "0-points": points,
        "0-scale": "grade_average",
    }
    data = option_form(option, **{f"thresholds-{key}": value for key, value in rows.items()})
    response = admin_client.post(f"/admin/admissions/studyoption/{option.pk}/change/", data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["points"] == [message]


def test_number_fields_are_as_narrow_as_the_admins_own(admin_client):
    option = make_study_option(make_programme())
    page = parse(admin_client.get(f"/admin/admissions/studyoption/{option.pk}/change/"))
    for name in ("duration_semesters", "deadline_day", "thresholds-0-admission_year"):
        assert "vIntegerField" in page.select_one(f"[name={name}]")["class"], name


@pytest.mark.parametrize("term", ["215 1210", "2151210", " 215  1210 "])
@pytest.mark.parametrize(
    "changelist",
    ["/admin/admissions/studyoption/", "/admin/admissions/admissionthreshold/"],
)
def test_a_study_code_is_found_with_or_without_its_space(admin_client, changelist, term):
    wanted = make_study_option(make_programme(), study_code="215 1210")
    other = make_study_option(make_programme(), study_code="215 1220")
    make_threshold(wanted)
    make_threshold(other)
    response = admin_client.get(changelist, {"q": term})
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("term", ["215 1210", "2151210"])
def test_programmes_are_found_by_their_study_codes(admin_client, term):
    wanted = make_programme(title_nb="Funnet")
    make_study_option(wanted, study_code="215 1210")
    make_study_option(make_programme(), study_code="215 1220")
    response = admin_client.get("/admin/programs/programme/", {"q": term})
    assert [p.title_nb for p in response.context["cl"].result_list] == ["Funnet"]


def two_options():
    programme = make_programme(title_nb="Psykisk helse")
    full = make_study_option(programme, mode="full_time", study_code="215 1210")
    part = make_study_option(programme, mode="part_time", study_code="215 1220")
    return programme, full, part


ONE_PER_MODE = (
    "Dette studiet har allerede en studievariant på heltid: «215 1210 (Heltid)». Et studium "
    "har én studievariant per studieform; endre den i stedet."
)


def test_a_second_option_in_a_mode_is_refused_on_its_own_page(admin_client):
    """Pages say "215 1210 for full-time and 215 1220 for part-time", and a plan's address
    names the mode: two full-time options made both say "full-time" and hid one plan."""
    _programme, _full, part = two_options()
    url = f"/admin/admissions/studyoption/{part.pk}/change/"
    response = admin_client.post(url, option_form(part, mode="full_time"))
    assert response.status_code == 200
    assert ONE_PER_MODE in visible_text(response)
    assert StudyOption.objects.get(pk=part.pk).mode == "part_time"


def test_a_second_option_in_a_mode_is_refused_in_the_programme_form(admin_client):
    programme, _full, _part = two_options()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    [mode] = [
        name
        for name, value in data.items()
        if not name.startswith("initial-") and value == "part_time"
    ]
    response = admin_client.post(url, {**data, mode: "full_time"})
    assert response.status_code == 200
    assert (
        "Et studium har én studievariant per studieform, og to av disse har den samme. Endre "
        "studieformen for en av dem, eller slett den."
    ) in visible_text(response)
    assert sorted(programme.study_options.values_list("mode", flat=True)) == [
        "full_time",
        "part_time",
    ]


def test_two_options_may_swap_their_modes_in_one_save(admin_client):
    """Rows are saved one by one: without the swap's first step, the first save clashed with
    the second row's mode still in the database (a 500)."""
    programme, full, part = two_options()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    modes = {
        name: value
        for name, value in data.items()
        if not name.startswith("initial-") and value in ("full_time", "part_time")
    }
    swapped = {name: {"full_time": "part_time"}.get(v, "full_time") for name, v in modes.items()}
    assert admin_client.post(url, {**data, **swapped}).status_code == 302
    full.refresh_from_db(), part.refresh_from_db()
    assert (full.mode, part.mode) == ("part_time", "full_time")


def test_two_options_may_swap_their_study_codes_in_one_save(admin_client):
    """Each form checked its new code against the database, where the other option still
    had it: "«215 1220» er allerede brukt av «215 1220 (Deltid)»", the row giving it up."""
    programme, full, part = two_options()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    swap = {"215 1210": "215 1220", "215 1220": "215 1210"}
    swapped = {
        name: swap[v]
        for name, v in data.items()
        if isinstance(v, str) and v in swap and not name.startswith("initial-")
    }
    assert len(swapped) == 2
    assert admin_client.post(url, {**data, **swapped}).status_code == 302
    full.refresh_from_db(), part.refresh_from_db()
    assert (full.study_code, part.study_code) == ("215 1220", "215 1210")


def test_an_option_may_take_the_study_code_of_one_deleted_in_the_same_save(admin_client):
    programme, full, part = two_options()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    [full_code] = [
        name
        for name, value in data.items()
        if not name.startswith("initial-") and value == "215 1210"
    ]
    [part_code] = [
        name
        for name, value in data.items()
        if not name.startswith("initial-") and value == "215 1220"
    ]
    delete = full_code.replace("-study_code", "-DELETE")
    assert admin_client.post(url, {**data, part_code: "215 1210", delete: "on"}).status_code == 302
    assert list(programme.study_options.values_list("pk", "study_code")) == [(part.pk, "215 1210")]


def test_a_study_code_another_programme_has_is_still_refused(admin_client):
    programme, full, _part = two_options()
    make_study_option(make_programme(title_nb="Sykepleie"), study_code="999 0001")
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    [code] = [
        name
        for name, value in data.items()
        if not name.startswith("initial-") and value == "215 1210"
    ]
    response = admin_client.post(url, {**data, code: "999 0001"})
    assert response.status_code == 200
    assert "«999 0001» er allerede brukt av «Sykepleie (heltid)»." in visible_text(response)
    full.refresh_from_db()
    assert full.study_code == "215 1210"


def test_two_thresholds_may_swap_their_years_in_one_save(admin_client):
    """An option's thresholds on its own page: the first save clashed with the second row's
    year still in the database (a 500), as every inline's rows did before they were parked."""
    option = make_study_option(make_programme())
    older = make_threshold(option, admission_year=2023, points="2.50")
    newer = make_threshold(option, admission_year=2024, points="3.10")
    url = f"/admin/admissions/studyoption/{option.pk}/change/"
    data = rendered_form(admin_client.get(url))
    years = {
        name: value
        for name, value in data.items()
        if not name.startswith("initial-") and value in ("2023", "2024")
    }
    swapped = {name: {"2023": "2024", "2024": "2023"}[value] for name, value in years.items()}
    assert len(swapped) == 2
    assert admin_client.post(url, {**data, **swapped}).status_code == 302
    older.refresh_from_db(), newer.refresh_from_db()
    assert (older.admission_year, older.points, newer.admission_year) == (
        2024,
        Decimal("2.50"),
        2023,
    )


def test_a_cohort_with_plans_is_not_moved_to_another_programme(admin_client):
    """Its plans are for its programme's study options: moved, they pointed at a cohort of
    another programme, and the plan's page outlived the cohort's."""
    programme = make_programme(ects_credits=60)
    plan = make_plan(make_study_option(programme, duration_semesters=2))
    cohort, other = plan.cohort, make_programme()
    url = f"/admin/admissions/cohort/{cohort.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "programme": str(other.pk)}
    response = admin_client.post(url, data, headers={"accept-language": "nb"})
    assert response.status_code == 200
    assert "Kullet har programplaner for studievariantene" in visible_text(response)
    cohort.refresh_from_db()
    assert cohort.programme == programme

    plan.delete()
    assert admin_client.post(url, data).status_code == 302
    cohort.refresh_from_db()
    assert cohort.programme == other


def initial_forms_key(data, prefix):
    [key] = [k for k in data if k.endswith("INITIAL_FORMS") and k.startswith(prefix)]
    return key


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("initial", ["0", "1000", "99999999999"])
@pytest.mark.parametrize("page", ["cohort", "option", "plan"])
def test_a_post_that_miscounts_the_saved_rows_saves_nothing_and_says_so(
    admin_client, page, initial, language
):
    """INITIAL_FORMS=0 saved a cohort's weeks a second time as new rows (the public page
    read "uke 35, 35"), and on a plan or an option was an IntegrityError; INITIAL_FORMS=1000
    took the empty forms for saved rows and failed in the plan's sums: 500s."""
    programme = make_programme()
    option = make_study_option(programme)
    cohort = make_cohort(programme)
    for week in (35, 40):
        make_week(cohort, week=week)
    make_threshold(option)
    plan = make_plan(option, cohort)
    url, prefix, rows = {
        "cohort": (f"/admin/admissions/cohort/{cohort.pk}/change/", "weeks", cohort.weeks),
        "option": (
            f"/admin/admissions/studyoption/{option.pk}/change/",
            "thresholds",
            option.thresholds,
        ),
        "plan": (
            f"/admin/admissions/programmeplan/{plan.pk}/change/",
            "placements",
            plan.placements,
        ),
    }[page]
    before = rows.count()
    data = rendered_form(admin_client.get(url, headers={"accept-language": language}))
    data[initial_forms_key(data, prefix)] = initial
    response = admin_client.post(url, data, headers={"accept-language": language})
    assert response.status_code == 200
    told = {
        "nb": "Siden ble ikke sendt slik den ble vist, så ingenting ble lagret.",
        "en": "The page was not sent as it was shown, so nothing was saved.",
    }
    assert told[language] in visible_text(response)
    assert rows.count() == before
