"""Drafts: the public gets a 404, editors get the page as it will look, marked, never cached."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils import translation

from tests.builders import make_cohort, make_plan, make_programme, make_study_option, make_week
from tests.pages import parse, rendered_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    """The client of a staff member who may change programmes (not a superuser); the
    ``client`` fixture stays anonymous."""
    user = User.objects.create_user("redaktor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_programme"))
    editor = Client()
    editor.force_login(user)
    return editor


def test_a_draft_is_not_found_by_the_public(client):
    draft = make_programme(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url("en")).status_code == 404


def test_an_editor_sees_the_draft_at_its_address_with_a_banner(editor):
    draft = make_programme(is_published=False, title_nb="Hemmelig studium")
    response = editor.get(draft.get_absolute_url())
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(strip=True) == "Hemmelig studium"
    assert page.select_one(".preview-banner")
    assert (
        page.select_one(".preview-banner a")["href"]
        == f"/admin/programs/programme/{draft.pk}/change/"
    )
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_an_editor_sees_the_english_draft_too(editor):
    draft = make_programme(is_published=False, title_en="Secret programme")
    response = editor.get(draft.get_absolute_url("en"))
    assert response.status_code == 200
    assert parse(response).select_one(".preview-banner")


def test_a_published_page_has_no_banner_and_no_noindex_for_an_editor(editor):
    live = make_programme()
    page = parse(editor.get(live.get_absolute_url()))
    assert not page.select_one(".preview-banner")
    assert not page.find("meta", attrs={"name": "robots"})


def test_staff_without_change_permission_get_the_404(client):
    client.force_login(User.objects.create_user("gjest", password="x", is_staff=True))
    assert client.get(make_programme(is_published=False).get_absolute_url()).status_code == 404


def test_the_public_never_gets_the_draft_an_editor_just_saw(client, settings):
    """The page cache (config/page_cache.py) must not keep the editor's copy."""
    settings.PAGE_CACHE = True
    draft = make_programme(is_published=False)
    editor = User.objects.create_user("r2", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_programme"))
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    client.cookies.clear()
    for _attempt in range(2):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_change_reaches_the_public_at_its_time_with_the_page_cache_on(
    client, settings, time_machine
):
    """The stored copies of the page, the list and the sitemap are not served past the time
    a programme goes away or live, though nothing was saved then (all within the ten minutes
    a stored page lasts, PAGE_CACHE_SECONDS)."""
    settings.PAGE_CACHE = True
    time_machine.move_to(datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False)
    leaving = make_programme(
        slug_nb="slutter", title_nb="Slutter", unpublish_at=datetime(2026, 3, 1, 12, 4, tzinfo=UTC)
    )
    coming = make_programme(
        slug_nb="kommer",
        title_nb="Kommer",
        is_published=False,
        publish_at=datetime(2026, 3, 1, 12, 8, tzinfo=UTC),
    )
    assert client.get(leaving.get_absolute_url()).status_code == 200
    assert "Kommer" not in client.get("/studier/").content.decode()
    assert "/studier/kommer/" not in client.get("/sitemap.xml").content.decode()
    time_machine.move_to(datetime(2026, 3, 1, 12, 4, 1, tzinfo=UTC), tick=False)
    assert client.get(leaving.get_absolute_url()).status_code == 404
    assert client.get(coming.get_absolute_url()).status_code == 404
    time_machine.move_to(datetime(2026, 3, 1, 12, 8, 1, tzinfo=UTC), tick=False)
    assert client.get(coming.get_absolute_url()).status_code == 200
    assert "Kommer" in client.get("/studier/").content.decode()
    assert "/studier/kommer/" in client.get("/sitemap.xml").content.decode()


def test_a_draft_is_in_no_list_sitemap_or_successor_page(client, editor):
    draft = make_programme(is_published=False, slug_nb="kladd", title_nb="Kladdestudium")
    live = make_programme()
    make_programme(status="discontinued", replaced_by=live, is_published=False)
    assert "Kladdestudium" not in client.get("/studier/").content.decode()
    assert "/studier/kladd/" not in client.get("/sitemap.xml").content.decode()
    page = editor.get(live.get_absolute_url()).content.decode()
    assert draft.title_nb not in page


def test_a_drafts_cohort_page_is_a_preview_for_an_editor_and_404_for_the_public(client, editor):
    draft = make_programme(is_published=False)
    cohort = make_cohort(draft)
    make_week(cohort)
    assert client.get(cohort.get_absolute_url()).status_code == 404
    response = editor.get(cohort.get_absolute_url())
    assert response.status_code == 200
    assert parse(response).select_one(".preview-banner")
    assert "no-store" in response["Cache-Control"]


def test_a_drafts_plan_page_is_a_preview_for_an_editor_and_404_for_the_public(client, editor):
    """The draft's page links its plan: the editor following that link sees it too."""
    draft = make_programme(is_published=False, ects_credits=60)
    plan = make_plan(make_study_option(draft, duration_semesters=2))
    for language in ("nb", "en"):
        url = plan.get_absolute_url(language)
        assert client.get(url).status_code == 404
        response = editor.get(url)
        assert response.status_code == 200
        assert parse(response).select_one(".preview-banner")
        assert "no-store" in response["Cache-Control"]


def test_save_and_preview_saves_and_opens_the_page(admin_client):
    from tests.programs.test_admin import programme_form

    data = programme_form(is_published="", _preview="1")
    del data["is_published"]
    response = admin_client.post("/admin/programs/programme/add/", data)
    assert response.status_code == 302
    assert response["Location"] == "/studier/nytt-studium/"
    assert admin_client.get(response["Location"]).status_code == 200


def test_save_and_preview_of_a_retired_programme_opens_its_newest_cohort_page(admin_client):
    """Its own address leads to its successor; its texts are shown on its cohort pages."""
    from programs.admin import ProgrammeAdmin
    from programs.choices import Status

    successor = make_programme()
    retired = make_programme(status=Status.DISCONTINUED, replaced_by=successor)
    assert ProgrammeAdmin.preview_url(retired) == retired.get_absolute_url()  # no cohorts: 301
    make_cohort(retired, code="2022H", ends_year=2024)
    make_cohort(retired, code="2023H", ends_year=2025)
    with translation.override("en"):
        url = ProgrammeAdmin.preview_url(retired)
    assert url == f"/en/programmes/{retired.slug_en}/cohort-2023H/"
    assert admin_client.get(url).status_code == 200
    change = f"/admin/programs/programme/{retired.pk}/change/"
    response = admin_client.post(
        change, {**rendered_form(admin_client.get(change)), "_preview": "1"}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        f"/studier/{retired.slug_nb}/kull-2023H/",
    )
    assert ProgrammeAdmin.preview_url(successor) == successor.get_absolute_url()
    gone = make_programme(status=Status.DISCONTINUED)  # its address answers 410
    assert ProgrammeAdmin.preview_url(gone) == gone.get_absolute_url()
    make_cohort(gone)
    assert ProgrammeAdmin.preview_url(gone) == gone.page_url("admissions:cohort", code="2023H")
