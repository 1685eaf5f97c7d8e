"""Programme structure (issue 13): courses placed per study option and cohort into semesters,
validated as a whole, shown as tables on the programme page and on a plan page per cohort."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from admissions.choices import StudyMode
from admissions.models import PlanCourse, ProgrammePlan
from programs.choices import Embed, Status
from tests.builders import (
    make_cohort,
    make_course,
    make_plan,
    make_programme,
    make_section,
    make_study_option,
)
from tests.pages import parse, rendered_form, visible_text

pytestmark = pytest.mark.django_db


def error_codes(excinfo, field):
    return [e.code for e in excinfo.value.error_dict[field]]


def full_time(programme=None, **overrides):
    return make_study_option(programme or make_programme(), **overrides)


# Validation ------------------------------------------------------------------------------


def test_a_full_time_semester_must_have_30_credits():
    option = full_time()
    courses = [(1, make_course(credits=20)), (2, make_course(credits=40))]
    with pytest.raises(ValidationError) as excinfo:
        make_plan(option, courses=courses)
    assert error_codes(excinfo, "is_published") == ["semester_credits", "semester_credits"]
    with translation.override("nb"):
        assert "Semester 1 har 20 studiepoeng, men et semester på heltid har 30." in str(
            excinfo.value
        )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Et emne har høyst 120 studiepoeng."),
        ("en", "A course has at most 120 ECTS credits."),
    ],
)
def test_a_course_has_at_most_120_credits(language, message):
    with pytest.raises(ValidationError) as excinfo:
        make_course(credits=121)
    with translation.override(language):
        assert excinfo.value.message_dict["credits"] == [message]


def test_a_published_plan_must_add_up_to_the_programme_credits():
    option = full_time(mode=StudyMode.PART_TIME, duration_semesters=4)
    courses = [(semester, make_course(credits=15)) for semester in (1, 2, 3)]  # 45 of 60
    with pytest.raises(ValidationError) as excinfo:
        make_plan(option, courses=courses)
    assert error_codes(excinfo, "is_published") == ["plan_total"]
    assert "45" in str(excinfo.value) and "60" in str(excinfo.value)


def test_new_credits_for_a_course_must_leave_its_published_plans_adding_up():
    option = full_time()
    course = make_course(credits=30)
    make_plan(option, courses=[(1, course), (2, make_course(credits=30))])
    course.credits = Decimal("7.5")
    with pytest.raises(ValidationError) as excinfo:
        course.full_clean()
    assert error_codes(excinfo, "credits") == ["breaks_plan", "breaks_plan"]  # semester, total
    assert option.study_code in str(excinfo.value)


def test_a_course_only_in_draft_plans_may_change_its_credits():
    course = make_course(credits=30)
    make_plan(full_time(), courses=[(1, course), (2, make_course(credits=30))], is_published=False)
    course.credits = Decimal("7.5")
    course.full_clean()


def test_a_part_time_plan_may_spread_credits_unevenly_as_long_as_they_add_up():
    option = full_time(mode=StudyMode.PART_TIME, duration_semesters=4)
    credits = [20, 10, 15, 15]
    plan = make_plan(
        option, courses=[(s + 1, make_course(credits=c)) for s, c in enumerate(credits)]
    )
    assert [semester.credits for semester in plan.semesters()] == credits


def test_the_same_course_twice_in_a_plan_is_refused():
    option = full_time()
    course = make_course(credits=30)
    plan = make_plan(option, courses=[(1, course), (2, make_course(credits=30))])
    twice = PlanCourse(plan=plan, course=course, semester=2)
    with pytest.raises(ValidationError) as excinfo:
        twice.full_clean()
    assert error_codes(excinfo, "__all__") == ["duplicate_course"]


def test_a_course_listed_twice_among_rows_about_to_be_saved_is_reported_once():
    plan = make_plan(full_time(), is_published=False, courses=[])
    course = make_course()
    rows = [PlanCourse(plan=plan, course=course, semester=s) for s in (1, 2)]
    assert [e.code for e in plan.structure_errors(rows)] == ["duplicate_course"]


def test_a_course_in_a_semester_the_option_does_not_have_is_refused():
    plan = make_plan(full_time(), is_published=False, courses=[])
    with pytest.raises(ValidationError) as excinfo:
        PlanCourse(plan=plan, course=make_course(), semester=3).full_clean()
    assert error_codes(excinfo, "semester") == ["semester_out_of_range"]


def test_a_draft_plan_need_not_add_up_yet():
    plan = make_plan(full_time(), is_published=False, courses=[(1, make_course(credits=10))])
    assert not plan.is_published  # saved through full_clean() without complaint


def test_a_plan_takes_a_cohort_of_its_own_programme():
    option = full_time()
    other_cohort = make_cohort(make_programme())
    with pytest.raises(ValidationError) as excinfo:
        ProgrammePlan(study_option=option, cohort=other_cohort).full_clean()
    assert error_codes(excinfo, "cohort") == ["other_programme"]


def test_one_plan_per_option_and_cohort():
    option = full_time()
    plan = make_plan(option)
    with pytest.raises(ValidationError) as excinfo:
        ProgrammePlan(study_option=option, cohort=plan.cohort).full_clean()
    assert error_codes(excinfo, "__all__") == ["duplicate_plan"]


def test_semesters_are_named_by_the_cohorts_terms():
    plan = make_plan(full_time(mode=StudyMode.PART_TIME, duration_semesters=4))
    assert [s.term for s in plan.semesters(language="nb")] == [
        "Høst 2023",
        "Vår 2024",
        "Høst 2024",
        "Vår 2025",
    ]


# Pages -----------------------------------------------------------------------------------


def programme_with_plans():
    programme = make_programme(slug_nb="plan-studium", slug_en="plan-programme")
    make_section(programme, title_nb="Studiets oppbygging", embed=Embed.STRUCTURE)
    full = make_study_option(programme, mode=StudyMode.FULL_TIME)
    part = make_study_option(programme, mode=StudyMode.PART_TIME, duration_semesters=4)
    make_plan(
        full,
        courses=[
            (1, make_course(code="PHV1100", title_nb="Relasjoner", title_en="Relations")),
            (1, make_course(code="PHV1200", credits=15, description_url="https://example.org/e")),
            (2, make_course(code="PHV1300", credits=30), True),
        ],
    )
    make_plan(part)
    return programme


@pytest.mark.parametrize(
    ("url", "headings", "words"),
    [
        (
            "/studier/plan-studium/",
            ["Heltid: programplan 2023H", "Deltid: programplan 2023H"],
            ["Semester 1, høst 2023", "Obligatorisk", "Valgfritt", "Undervises på norsk"],
        ),
        (
            "/en/programmes/plan-programme/",
            ["Full-time: programme plan 2023H", "Part-time: programme plan 2023H"],
            ["Semester 1, autumn 2023", "Compulsory", "Elective", "Taught in Norwegian"],
        ),
    ],
)
def test_the_structure_section_shows_a_semester_table_for_each_option(url, headings, words, client):
    programme_with_plans()
    soup = parse(client.get(url))
    section = soup.select_one("details.accordion__item")  # the only section
    assert [h.get_text(strip=True) for h in section.select("h4.facts-block__heading")] == headings
    tables = section.select("table.plan-table__table")
    assert len(tables) == 2 + 4  # a table per semester: full-time 2, part-time 4
    first = tables[0]
    assert [td.get_text(strip=True) for td in first.select("tbody td.plan-table__code")] == [
        "PHV1100",
        "PHV1200",
    ]
    assert first.select_one("tfoot td").get_text(strip=True) == "30"
    assert first.select_one("a[href='https://example.org/e']")
    text = " ".join(section.get_text(" ").split())
    assert all(word in text for word in words), text


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/studier/plan-studium/programplan/2023H/heltid/", ["Kode", "Emne", "Studiepoeng"]),
        (
            "/en/programmes/plan-programme/programme-plan/2023H/full-time/",
            ["Code", "Course", "ECTS"],
        ),
    ],
)
def test_every_plan_column_keeps_its_full_header_and_the_phone_copies_are_hidden(
    url, headers, client
):
    """On a phone the code column and the long credits header are only visually hidden
    (embedded-block.css): screen readers still get three headed columns, and the copies shown
    instead (the code under the title, a short header) are aria-hidden, so nothing is read
    twice."""
    programme_with_plans()
    table = parse(client.get(url)).select_one("table.plan-table__table")

    def spoken(cell):
        for hidden in cell.select("[aria-hidden=true]"):
            hidden.extract()
        return cell.get_text(" ", strip=True)

    copies = [span.get_text(strip=True) for span in table.select("tbody .plan-table__narrow")]
    assert all(s["aria-hidden"] == "true" for s in table.select(".plan-table__narrow"))
    assert [spoken(th) for th in table.select("thead th")] == headers
    assert [spoken(td) for td in table.select("tbody td.plan-table__code")] == copies
    assert copies == ["PHV1100", "PHV1200"]
    assert not any(
        code in spoken(td) for td in table.select("td.plan-table__course") for code in copies
    )


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        (
            "/studier/psykisk-helse-rus-og-avhengighetsarbeid/",
            "Emnene for hvert semester er ikke publisert her ennå.",
        ),
        (
            "/en/programmes/mental-health-substance-use-and-addiction-work/",
            "The courses of each semester are not published here yet.",
        ),
    ],
)
def test_the_seed_section_keeps_its_text_and_says_its_courses_are_not_published_yet(
    url, sentence, client, seeded
):
    # By its nb anchor: the details' id on the nb page, inside its heading on the English one.
    page = parse(client.get(url))
    section = page.select_one("details#studiets-oppbygging, details:has(#studiets-oppbygging)")
    text = " ".join(section.get_text(" ").split())
    assert sentence in text
    assert "Programplan 2023 Heltid" in text or "Programme plan 2023, full-time" in text
    assert not section.select("table")


@pytest.mark.parametrize(
    ("language", "url", "lead"),
    [
        (
            "nb",
            "/studier/plan-studium/programplan/2023H/heltid/",
            "For studenter som begynte høsten 2023 (kull 2023H, studiekode",
        ),
        (
            "en",
            "/en/programmes/plan-programme/programme-plan/2023H/full-time/",
            "For students who started in autumn 2023 (cohort 2023H, study code",  # "H" explained
        ),
    ],
)
def test_the_plan_page_has_a_translated_address_in_each_language(language, url, lead, client):
    programme_with_plans()
    plan = ProgrammePlan.objects.get(study_option__mode=StudyMode.FULL_TIME)
    assert plan.get_absolute_url(language) == url
    soup = parse(client.get(url))
    assert soup.html["lang"] == language
    assert soup.select_one(".programme__lead").get_text().startswith(lead)
    assert len(soup.select("table.plan-table__table")) == 2
    assert not soup.select("meta[name=robots]")  # the current plan may be indexed


def test_the_plan_of_an_old_cohort_stays_reachable_after_a_newer_plan_appears(client):
    programme = make_programme(slug_nb="kull-studium")
    option = make_study_option(programme)
    old = make_plan(option, make_cohort(programme, code="2023H", ends_year=2024))
    new = make_plan(option, make_cohort(programme, code="2024H", ends_year=2025))
    page = parse(client.get(programme.get_absolute_url()))
    links = [a["href"] for a in page.select(".facts-block--structure a")]
    assert new.get_absolute_url() in links and old.get_absolute_url() in links
    response = client.get(old.get_absolute_url())
    assert response.status_code == 200
    soup = parse(response)
    assert soup.select_one("meta[name=robots]")["content"] == "noindex"
    assert soup.select_one(".notice a")["href"] == programme.get_absolute_url()


def test_a_retired_programme_keeps_its_plan_pages(client):
    programme = make_programme(status=Status.DISCONTINUED)
    plan = make_plan(make_study_option(programme))
    assert client.get(programme.get_absolute_url()).status_code == 410
    assert client.get(plan.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/studier/plan-studium/programplan/2023H/fulltid/",  # no such mode
        "/studier/plan-studium/programplan/2023H/full-time/",  # the English word under nb
        "/studier/plan-studium/programplan/2019H/heltid/",  # no plan for that cohort
        "/studier/plan-studium/programplan/2023X/heltid/",  # not a cohort code
        "/studier/finnes-ikke/programplan/2023H/heltid/",
    ],
)
def test_a_plan_address_that_names_nothing_is_a_404(url, client):
    programme_with_plans()
    assert client.get(url).status_code == 404


def test_an_unpublished_plan_has_no_page(client):
    plan = make_plan(full_time(), is_published=False)
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_the_other_languages_slug_redirects_to_the_plan_page(client):
    programme_with_plans()
    response = client.get("/studier/plan-programme/programplan/2023H/heltid/")
    assert response.status_code == 301
    assert response["Location"] == "/studier/plan-studium/programplan/2023H/heltid/"


# Structured data and query counts --------------------------------------------------------


def test_the_json_ld_names_each_options_courses(client):
    programme_with_plans()
    soup = parse(client.get("/en/programmes/plan-programme/"))
    nodes = json.loads(soup.select_one("script[type='application/ld+json']").string)
    full = next(n for n in nodes if n["educationalProgramMode"] == "full-time")
    assert [c["courseCode"] for c in full["hasCourse"]] == ["PHV1100", "PHV1200", "PHV1300"]
    assert full["hasCourse"][0] == {
        "@type": "Course",
        "courseCode": "PHV1100",
        "name": "Relations",
        "numberOfCredits": {"@type": "StructuredValue", "value": 15.0, "unitText": "ECTS"},
        "inLanguage": "nb",
    }
    assert full["numberOfCredits"]["value"] == 60 and full["timeToComplete"] == "P1Y"


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def plan_of(courses_per_semester):
    programme = make_programme(ects_credits=Decimal(60))
    make_section(programme, embed=Embed.STRUCTURE)
    option = make_study_option(programme)
    credits = Decimal(30) / courses_per_semester
    courses = [
        (semester, make_course(credits=credits))
        for semester in (1, 2)
        for _ in range(courses_per_semester)
    ]
    return programme, make_plan(option, courses=courses)


def test_pages_with_2_or_40_courses_cost_the_same_queries(client, settings):
    settings.PAGE_CACHE = False
    small_programme, small_plan = plan_of(1)
    large_programme, large_plan = plan_of(20)
    assert queries(client, small_programme.get_absolute_url()) == queries(
        client, large_programme.get_absolute_url()
    )
    assert queries(client, small_plan.get_absolute_url()) == queries(
        client, large_plan.get_absolute_url()
    )


# Admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/admissions/course/",
        "/admin/admissions/course/add/",
        "/admin/admissions/programmeplan/",
        "/admin/admissions/programmeplan/add/",
    ],
)
def test_staff_can_open_the_structure_pages(admin_client, url):
    make_plan(full_time())
    assert admin_client.get(url).status_code == 200


def plan_form(option, cohort, rows, is_published=True):
    data = {
        "study_option": option.pk,
        "cohort": cohort.pk,
        "placements-TOTAL_FORMS": str(len(rows)),
        "placements-INITIAL_FORMS": "0",
        "placements-MIN_NUM_FORMS": "0",
        "placements-MAX_NUM_FORMS": "1000",
    }
    if is_published:
        data["is_published"] = "on"
    for i, (semester, course) in enumerate(rows):
        data |= {
            f"placements-{i}-semester": str(semester),
            f"placements-{i}-position": str(i),
            f"placements-{i}-course": str(course.pk),
        }
    return data


def test_the_admin_checks_the_courses_being_saved_and_saves_nothing_that_does_not_add_up(
    admin_client,
):
    option = full_time()
    cohort = make_cohort(option.programme)
    short = [(1, make_course(credits=30)), (2, make_course(credits=20))]
    response = admin_client.post(
        "/admin/admissions/programmeplan/add/", plan_form(option, cohort, short)
    )
    assert response.status_code == 200  # the form again, with the message
    assert "Semester 2 har 20 studiepoeng" in response.content.decode() or (
        "Semester 2 has 20 ECTS credits" in response.content.decode()
    )
    assert not ProgrammePlan.objects.exists()
    enough = [*short[:1], (2, make_course(credits=30))]
    response = admin_client.post(
        "/admin/admissions/programmeplan/add/", plan_form(option, cohort, enough)
    )
    assert response.status_code == 302
    plan = ProgrammePlan.objects.get()
    assert plan.is_published and plan.placements.count() == 2


def test_the_admin_refuses_a_course_placed_twice(admin_client):
    option = full_time()
    cohort = make_cohort(option.programme)
    course = make_course(credits=30)
    response = admin_client.post(
        "/admin/admissions/programmeplan/add/",
        plan_form(option, cohort, [(1, course), (2, course)], is_published=False),
    )
    assert response.status_code == 200
    assert not ProgrammePlan.objects.exists()


def test_a_plan_address_with_the_cohort_in_lower_case_redirects(client):
    programme_with_plans()
    response = client.get("/studier/plan-studium/programplan/2023h/heltid/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/studier/plan-studium/programplan/2023H/heltid/",
    )


def swapped(data, suffix, first, second):
    """``data`` with the two rows whose ``…-<suffix>`` is ``first`` or ``second`` swapped."""
    pair = {str(first): str(second), str(second): str(first)}
    names = [
        name
        for name, value in data.items()
        if not name.startswith("initial-") and name.endswith(suffix) and value in pair
    ]
    assert len(names) == 2
    return {**data, **{name: pair[data[name]] for name in names}}


def test_two_places_in_a_plan_may_swap_their_courses_in_one_save(admin_client):
    """Rows are saved one by one: the first took the course the second still had (a 500)."""
    autumn, spring = make_course(credits=30), make_course(credits=30)
    plan = make_plan(full_time(), courses=[(1, autumn), (2, spring)])
    url = f"/admin/admissions/programmeplan/{plan.pk}/change/"
    data = swapped(rendered_form(admin_client.get(url)), "-course", autumn.pk, spring.pk)
    assert admin_client.post(url, data).status_code == 302
    placed = plan.placements.order_by("semester").values_list("semester", "course")
    assert list(placed) == [(1, spring.pk), (2, autumn.pk)]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Denne raden får kull som en annen rad gir fra seg i samme lagring,"),
        ("en", "This row takes the cohort that another row gives up in the same save,"),
    ],
)
def test_two_plans_swapping_cohorts_are_told_to_save_one_at_a_time(admin_client, language, message):
    """A plan has courses, so it cannot be taken out of the way and put back: the swap is
    refused with a message, not a 500, and nothing is saved."""
    option = full_time()
    first, second = (
        make_cohort(option.programme, code="2023H"),
        make_cohort(option.programme, code="2024H"),
    )
    plans = [make_plan(option, cohort) for cohort in (first, second)]
    url = f"/admin/admissions/studyoption/{option.pk}/change/"
    headers = {"Accept-Language": language}
    data = swapped(
        rendered_form(admin_client.get(url, headers=headers)), "-cohort", first.pk, second.pk
    )
    response = admin_client.post(url, data, headers=headers)
    assert response.status_code == 200
    assert message in visible_text(response)
    assert [plan.cohort for plan in ProgrammePlan.objects.order_by("pk")] == [first, second]
    assert all(plan.placements.exists() for plan in plans)


def test_a_plan_saved_with_its_courses_view_only_keeps_them(client):
    """An inline the user may only view posts no rows, so Django saves none of them: they
    must not be moved out of the way either (they were deleted for good)."""
    from tests.test_access import staff

    plan = make_plan(
        full_time(), courses=[(1, make_course(credits=30)), (2, make_course(credits=30))]
    )
    placed = list(plan.placements.values_list("pk", "course"))
    client.force_login(
        staff("view_programmeplan", "change_programmeplan", "view_plancourse", "view_course")
    )
    url = f"/admin/admissions/programmeplan/{plan.pk}/change/"
    assert client.post(url, rendered_form(client.get(url))).status_code == 302
    assert list(plan.placements.values_list("pk", "course")) == placed


def test_a_plan_deleted_gives_its_cohort_to_a_plan_after_it_in_one_save(admin_client):
    """Django deletes the first row before it saves the second: no clash, no refusal."""
    option = full_time()
    first, second = (
        make_cohort(option.programme, code="2023H"),
        make_cohort(option.programme, code="2024H"),
    )
    gone, moved = (make_plan(option, cohort) for cohort in (first, second))
    url = f"/admin/admissions/studyoption/{option.pk}/change/"
    data = rendered_form(admin_client.get(url))
    delete = next(
        n
        for n, v in data.items()
        if n.endswith("-id") and "initial-" not in n and v == str(gone.pk)
    )
    taking = next(
        n
        for n, v in data.items()
        if n.endswith("-cohort") and "initial-" not in n and v == str(second.pk)
    )
    data |= {delete.replace("-id", "-DELETE"): "on", taking: str(first.pk)}
    assert admin_client.post(url, data).status_code == 302
    assert list(ProgrammePlan.objects.values_list("pk", "cohort")) == [(moved.pk, first.pk)]
