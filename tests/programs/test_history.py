"""A programme's history: who changed what and when, what changed, restore and recover."""

from decimal import Decimal

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.utils import timezone, translation
from django.utils.formats import date_format
from reversion.models import Version

from admissions.models import (
    AdmissionThreshold,
    Cohort,
    PlanCourse,
    ProgrammePlan,
    ScheduleWeek,
    StudyOption,
)
from programs import history
from programs.models import OldSlug, Programme, Section
from tests.builders import (
    make_cohort,
    make_field_of_study,
    make_plan,
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
    make_threshold,
    make_week,
)
from tests.pages import parse, rendered_form, visible_text

pytestmark = pytest.mark.django_db


def edit_in_admin(admin_client, programme, headers=None, **changes):
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = {**rendered_form(admin_client.get(url, headers=headers)), **changes}
    response = admin_client.post(url, data, headers=headers)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.mark.parametrize("model", [Programme, Section])
def test_both_languages_are_recorded(model):
    fields = reversion.revisions._get_options(model).fields
    assert {"title_nb", "title_en"} <= set(fields)


def test_the_admission_facts_are_followed_from_the_programme():
    follow = reversion.revisions._get_options(Programme).follow
    assert {"sections", "study_options", "cohorts", "admission_requirement"} <= set(follow)
    assert "thresholds" in reversion.revisions._get_options(StudyOption).follow
    assert "weeks" in reversion.revisions._get_options(Cohort).follow
    assert "plans" in reversion.revisions._get_options(StudyOption).follow
    assert "placements" in reversion.revisions._get_options(ProgrammePlan).follow
    assert reversion.is_registered(AdmissionThreshold) and reversion.is_registered(ScheduleWeek)


def test_an_edit_in_the_admin_is_recorded_with_who_did_it(admin_client, admin_user):
    programme = make_programme(sections=1)
    edit_in_admin(admin_client, programme, title_en="Renamed programme")
    version = Version.objects.get_for_object(programme).first()
    assert version.revision.user == admin_user
    assert version.field_dict["title_en"] == "Renamed programme"
    page = visible_text(admin_client.get(f"/admin/programs/programme/{programme.pk}/history/"))
    assert admin_user.username in page


def test_a_change_and_a_deleted_section_are_restored_in_both_languages(admin_client):
    programme = make_programme()
    section = make_section(programme, title_nb="Hvem passer?", title_en="Who is it for?")
    edit_in_admin(admin_client, programme)  # the version to go back to
    good = Version.objects.get_for_object(programme).first()

    data = rendered_form(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    data.update(title_en="Oops", title_nb="Ups", **{"sections-0-DELETE": "on"})
    admin_client.post(f"/admin/programs/programme/{programme.pk}/change/", data)
    assert not Section.objects.filter(pk=section.pk).exists()

    revert_url = f"/admin/programs/programme/{programme.pk}/history/{good.pk}/"
    response = admin_client.post(revert_url, rendered_form(admin_client.get(revert_url)))
    assert response.status_code == 302
    before = (programme.title_nb, programme.title_en)
    programme.refresh_from_db()
    assert (programme.title_nb, programme.title_en) == before
    restored = Section.objects.get(pk=section.pk)
    assert (restored.title_nb, restored.title_en) == ("Hvem passer?", "Who is it for?")


def test_a_deleted_programme_is_recovered_with_its_sections(admin_client):
    """Everything the delete page lists comes back: plans and their courses' places too."""
    programme = make_programme(sections=2, title_en="Lost and found", ects_credits=60)
    option = make_study_option(programme, duration_semesters=2)
    make_threshold(option)
    plan = make_plan(option)
    pk = programme.pk
    response = admin_client.post(f"/admin/programs/programme/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Programme.objects.filter(pk=pk).exists()

    recover_list = visible_text(admin_client.get("/admin/programs/programme/recover/"))
    assert programme.title_nb in recover_list
    version = Version.objects.get_deleted(Programme).get(object_id=str(pk))
    url = f"/admin/programs/programme/recover/{version.pk}/"
    response = admin_client.post(url, rendered_form(admin_client.get(url)))
    assert response.status_code == 302
    recovered = Programme.objects.get(pk=pk)
    assert recovered.title_en == "Lost and found"
    assert recovered.sections.count() == 2
    assert recovered.study_options.get().thresholds.count() == 1
    recovered_plan = ProgrammePlan.objects.get(pk=plan.pk)
    assert recovered_plan.is_published and recovered_plan.placements.count() == 2


def test_the_compare_view_shows_fields_in_both_languages_and_rows_removed(admin_client):
    programme = make_programme(title_nb="Gammel tittel", title_en="Old title")
    make_section(programme, title_nb="Borte", title_en="Gone")
    edit_in_admin(admin_client, programme)
    data = rendered_form(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    data.update(title_nb="Ny tittel", title_en="New title", **{"sections-0-DELETE": "on"})
    admin_client.post(f"/admin/programs/programme/{programme.pk}/change/", data)
    new, old = history.versions_of(programme.pk)[:2]

    url = f"/admin/programs/programme/{programme.pk}/history/compare/?old={old.pk}&new={new.pk}"
    response = admin_client.get(url)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Gammel tittel" in text and "Ny tittel" in text
    assert "Old title" in text and "New title" in text
    assert "[nb]" in text and "[en]" in text
    removed = parse(response).select_one(".history-compare__row--removed").get_text()
    assert "Borte" in removed


@pytest.mark.parametrize(("language", "change"), [("nb", "60,0 7,5"), ("en", "60.0 7.5")])
def test_the_compare_view_writes_numbers_as_the_readers_language_does(
    admin_client, language, change
):
    programme = make_programme(ects_credits=60)
    edit_in_admin(admin_client, programme)
    Programme.objects.filter(pk=programme.pk).update(ects_credits=Decimal("7.5"))
    edit_in_admin(admin_client, Programme.objects.get(pk=programme.pk))
    new, old = history.versions_of(programme.pk)[:2]
    url = f"/admin/programs/programme/{programme.pk}/history/compare/?old={old.pk}&new={new.pk}"
    response = admin_client.get(url, headers={"accept-language": language})
    assert change in visible_text(response)


@pytest.mark.parametrize(
    ("language", "change"), [("nb", "— 01.03.2030 12:00"), ("en", "— 01/03/2030 12:00")]
)
def test_the_compare_view_writes_a_moment_as_the_readers_language_does(
    admin_client, language, change
):
    """It showed Python's "2030-03-01 12:00:00+01:00"."""
    programme = make_programme()
    edit_in_admin(admin_client, programme)
    edit_in_admin(
        admin_client,
        programme,
        **{"unpublish_at_0": "2030-03-01", "unpublish_at_1": "12:00:00"},
    )
    new, old = history.versions_of(programme.pk)[:2]
    url = f"/admin/programs/programme/{programme.pk}/history/compare/?old={old.pk}&new={new.pk}"
    response = admin_client.get(url, headers={"accept-language": language})
    assert change in visible_text(response)
    assert "+01:00" not in visible_text(response)


@pytest.mark.parametrize(("language", "removed"), [("nb", "Borte"), ("en", "Gone")])
def test_the_compare_view_names_rows_in_the_readers_language(admin_client, language, removed):
    """Saved by an editor in English, read in either: a row is named as its reader names it."""
    programme = make_programme()
    option = make_study_option(programme, study_code="215 1210")
    make_section(programme, title_nb="Borte", title_en="Gone")
    english = {"accept-language": "en"}
    edit_in_admin(admin_client, programme, headers=english)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url, headers=english))
    data.update({"sections-0-DELETE": "on", "study_options-0-duration_semesters": "3"})
    assert admin_client.post(url, data, headers=english).status_code == 302
    new, old = history.versions_of(programme.pk)[:2]
    compare = f"{url.removesuffix('change/')}history/compare/?old={old.pk}&new={new.pk}"
    page = parse(admin_client.get(compare, headers={"accept-language": language}))
    assert removed in page.select_one(".history-compare__row--removed").get_text()
    mode = {"nb": "Heltid", "en": "Full-time"}[language]
    assert f"{option.study_code} ({mode})" in page.get_text()


def test_a_field_empty_before_and_after_is_no_change():
    """None in a version saved before the field was added, "" since: nothing changed."""
    old, new = {"meta_description_nb": None, "title_nb": "A"}, {"meta_description_nb": ""}
    assert [(c.old, c.new) for c in history.field_changes(Programme, old, new)] == [("A", "—")]


def test_the_compare_view_shows_rows_of_the_apps_built_on_programmes():
    programme = make_programme()
    with reversion.create_revision():
        programme.save()
    old = history.versions_of(programme.pk).first()
    cohort = make_cohort(programme)
    make_week(cohort)
    with reversion.create_revision():
        programme.save()
    new = history.versions_of(programme.pk).first()
    comparison = history.compare(old, new)
    labels = {group.label: [row.kind for row in group.rows] for group in comparison.children}
    assert "added" in labels[str(Cohort._meta.verbose_name_plural).capitalize()]
    assert "added" in labels[str(ScheduleWeek._meta.verbose_name_plural).capitalize()]


@pytest.mark.parametrize("query", ["", "?old=abc&new=1", "?old=999999&new=999998"])
def test_the_compare_view_answers_400_for_versions_it_cannot_compare(admin_client, query):
    programme = make_programme()
    response = admin_client.get(f"/admin/programs/programme/{programme.pk}/history/compare/{query}")
    assert response.status_code == 400
    assert parse(response).select_one(".errorlist")


def test_the_compare_view_refuses_a_version_of_another_programme(admin_client):
    mine, other = make_programme(), make_programme()
    for programme in (mine, other):
        with reversion.create_revision():
            programme.save()
    theirs = history.versions_of(other.pk).first()
    own = history.versions_of(mine.pk).first()
    url = f"/admin/programs/programme/{mine.pk}/history/compare/?old={theirs.pk}&new={own.pk}"
    assert admin_client.get(url).status_code == 400


def test_retiring_is_recorded_in_the_history(admin_client):
    successor, old = make_programme(), make_programme()
    admin_client.post(
        "/admin/programs/programme/",
        {
            "action": "retire",
            "_selected_action": [old.pk],
            "step": "confirm",
            "successor": successor.pk,
        },
    )
    old.refresh_from_db()
    assert old.status == "discontinued"
    version = Version.objects.get_for_object(old).first()
    assert version.field_dict["status"] == "discontinued"
    assert str(successor) in version.revision.comment
    assert not Version.objects.get_for_object(successor).exists()


def test_the_seed_starts_every_programmes_history(seeded):
    for programme in Programme.objects.all():
        assert Version.objects.get_for_object(programme).exists()


def test_the_change_form_is_grouped_and_the_sections_are_folded(admin_client):
    programme = make_programme(sections=3)
    page = parse(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    folded = [d.summary.get_text(strip=True) for d in page.select("fieldset details")]
    assert len(folded) >= 5
    sections = page.select_one("#sections-group")
    assert sections.select_one("details > summary #sections-heading")
    assert page.select_one("input[name=_preview]")


def programme_versions(programme):
    return Version.objects.get_for_object(programme)


def test_a_threshold_changed_on_its_own_page_is_in_its_programmes_history(admin_client):
    programme = make_programme()
    threshold = make_threshold(make_study_option(programme), points="2.78")
    url = f"/admin/admissions/admissionthreshold/{threshold.pk}/change/"
    data = rendered_form(admin_client.get(url))
    response = admin_client.post(url, {**data, "points": "2,85"})
    assert response.status_code == 302
    version = programme_versions(programme).get()
    [recorded] = version.revision.version_set.get_for_model(AdmissionThreshold)
    assert recorded.field_dict["points"] == Decimal("2.85")
    assert version.revision.comment  # Django's change message: which fields changed


def test_a_plan_changed_on_its_own_page_is_in_its_programmes_history(admin_client):
    programme = make_programme(ects_credits=60)
    plan = make_plan(make_study_option(programme, duration_semesters=2))
    url = f"/admin/admissions/programmeplan/{plan.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "is_published": ""}
    del data["is_published"]
    assert admin_client.post(url, data).status_code == 302
    version = programme_versions(programme).get()
    [recorded] = version.revision.version_set.get_for_model(ProgrammePlan)
    assert recorded.field_dict["is_published"] is False
    assert len(version.revision.version_set.get_for_model(PlanCourse)) == 2
    [comment] = history_comments(admin_client, programme, "en")
    assert comment == f"Changed Published for programme plan “{plan}”."


def test_a_study_option_deleted_on_its_own_page_can_be_restored_from_history(admin_client):
    programme = make_programme()
    option = make_study_option(programme, study_code="215 1210")
    with reversion.create_revision():
        programme.save()  # the version before the deletion (as seed or any earlier edit makes)
    url = f"/admin/admissions/studyoption/{option.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not StudyOption.objects.filter(pk=option.pk).exists()
    after, before = programme_versions(programme)[:2]
    assert str(option) in after.revision.comment
    assert not after.revision.version_set.get_for_model(StudyOption).exists()
    before.revision.revert(delete=True)
    assert StudyOption.objects.get(pk=option.pk).study_code == "215 1210"


def history_comments(client, programme, language):
    url = f"/admin/programs/programme/{programme.pk}/history/"
    page = parse(client.get(url, headers={"accept-language": language}))
    return [row.select("td")[-2].get_text(strip=True) for row in page.select("tbody tr")]


def test_each_reader_sees_the_history_in_their_own_language(admin_client):
    """Written in one language, read in the other: the comments are kept untranslated, a
    programme named in one in every language (as it was then)."""
    successor = make_programme(title_nb="Etterfølger", title_en="Successor")
    programme = make_programme()
    threshold = make_threshold(make_study_option(programme), points="2.78")
    url = f"/admin/admissions/admissionthreshold/{threshold.pk}/change/"
    data = rendered_form(admin_client.get(url, headers={"accept-language": "en"}))
    admin_client.post(url, {**data, "points": "2,85"}, headers={"accept-language": "nb"})
    admin_client.post(
        "/admin/programs/programme/",
        {
            "action": "retire",
            "_selected_action": [programme.pk],
            "step": "confirm",
            "successor": successor.pk,
        },
        headers={"accept-language": "en"},
    )
    assert history_comments(admin_client, programme, "nb") == [
        "Lagt ned: Besøkende sendes til Etterfølger.",
        f'Endret Poeng for poenggrense "{threshold}".',
    ]
    assert history_comments(admin_client, programme, "en") == [
        "Retired: visitors are sent to Successor.",
        f"Changed Points for admission threshold “{threshold}”.",
    ]


def test_a_programme_edited_in_norwegian_reads_in_english_in_the_english_history(admin_client):
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url, headers={"accept-language": "nb"}))
    response = admin_client.post(
        url, {**data, "lead_nb": "Ny ingress."}, headers={"accept-language": "nb"}
    )
    assert response.status_code == 302
    assert history_comments(admin_client, programme, "en")[0] == "Changed Lead [nb]."
    assert history_comments(admin_client, programme, "nb")[0] == "Endret Ingress [nb]."


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("en", "names “Successor” as its successor, which has been deleted since"),
        ("nb", "har «Etterfølger» som etterfølger, men det studiet er slettet siden"),
    ],
)
def test_restoring_a_retirement_whose_successor_was_deleted_warns_of_the_410(
    admin_client, language, warning
):
    """The form cannot offer a deleted successor, so the version comes back discontinued
    without one: its page answers 410. The editor is told before confirming and after, the
    successor and the heading named in the editor's language."""
    successor = make_programme(title_nb="Etterfølger", title_en="Successor")
    programme = make_programme(title_nb="Gammel", title_en="Old")
    edit_in_admin(admin_client, programme, status="discontinued", replaced_by=successor.pk)
    retired = Version.objects.get_for_object(programme).first()
    edit_in_admin(admin_client, programme, status="open", replaced_by="")
    admin_client.post(f"/admin/programs/programme/{successor.pk}/delete/", {"post": "yes"})

    url = f"/admin/programs/programme/{programme.pk}/history/{retired.pk}/"
    headers = {"accept-language": language}
    preview = admin_client.get(url, headers=headers)
    assert warning in visible_text(preview)
    heading = {"nb": "Tilbakestill Gammel", "en": "Revert Old"}[language]
    assert parse(preview).select_one("#content h1").get_text(strip=True) == heading
    response = admin_client.post(url, rendered_form(preview), headers=headers, follow=True)
    assert response.redirect_chain[-1][1] == 302
    page = visible_text(response)
    assert warning in page and "410" in page
    programme.refresh_from_db()
    assert (programme.status, programme.replaced_by) == ("discontinued", None)


def test_restoring_a_version_whose_successor_is_still_there_warns_of_nothing(admin_client):
    successor = make_programme(title_nb="Etterfølger")
    programme = make_programme(title_nb="Gammel")
    edit_in_admin(admin_client, programme, status="discontinued", replaced_by=successor.pk)
    retired = Version.objects.get_for_object(programme).first()
    edit_in_admin(admin_client, programme, status="open", replaced_by="")
    url = f"/admin/programs/programme/{programme.pk}/history/{retired.pk}/"
    response = admin_client.post(url, rendered_form(admin_client.get(url)), follow=True)
    assert "successor" not in visible_text(response)
    programme.refresh_from_db()
    assert programme.replaced_by == successor


def test_a_restore_says_so_in_each_readers_language_and_on_the_programmes_form(admin_client):
    programme = make_programme(title_nb="Før", title_en="Before")
    edit_in_admin(admin_client, programme)
    good = programme_versions(programme).get()
    edit_in_admin(admin_client, programme, title_nb="Etter")
    revert_url = f"/admin/programs/programme/{programme.pk}/history/{good.pk}/"
    data = rendered_form(admin_client.get(revert_url, headers={"accept-language": "en"}))
    response = admin_client.post(revert_url, data, headers={"accept-language": "en"})
    change_url = f"/admin/programs/programme/{programme.pk}/change/"
    assert (response.status_code, response["Location"]) == (302, change_url)
    programme.refresh_from_db()
    assert programme.title_nb == "Før"
    saved = timezone.localtime(good.revision.date_created)
    with translation.override("nb"):
        nb_date = date_format(saved, "DATETIME_FORMAT")
    with translation.override("en"):
        en_date = date_format(saved, "DATETIME_FORMAT")
    page = visible_text(admin_client.get(change_url, headers={"accept-language": "en"}))
    assert f"“Before” is restored to the version saved on {en_date}" in page
    assert "was changed successfully" not in page
    assert history_comments(admin_client, programme, "nb")[0] == (
        f"Satt tilbake til versjonen lagret {nb_date}"
    )
    assert history_comments(admin_client, programme, "en")[0] == (
        f"Restored the version saved on {en_date}"
    )


def test_a_recovered_programme_says_so(admin_client):
    programme = make_programme(title_nb="Tapt")
    pk = programme.pk
    admin_client.post(f"/admin/programs/programme/{pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Programme).get(object_id=str(pk))
    url = f"/admin/programs/programme/recover/{version.pk}/"
    data = rendered_form(admin_client.get(url, headers={"accept-language": "nb"}))
    response = admin_client.post(url, data, headers={"accept-language": "nb"})
    assert response.status_code == 302
    page = visible_text(admin_client.get(response["Location"], headers={"accept-language": "nb"}))
    assert "«Tapt» er gjenopprettet med alt den hadde da den ble slettet." in page
    programme = Programme.objects.get(pk=pk)
    assert history_comments(admin_client, programme, "en")[0] == "Recovered after it was deleted."
    assert history_comments(admin_client, programme, "nb")[0] == (
        "Gjenopprettet etter å ha blitt slettet."
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("nb", "Denne versjonen kan ikke hentes tilbake: Adressen «tapt» brukes nå av «Ny»."),
        ("en", "This version cannot be brought back: its address “tapt” is now used by “New”."),
    ],
)
def test_a_deleted_programme_whose_address_is_taken_says_which_and_by_whom(
    admin_client, language, said
):
    """Recovering it would break the address's uniqueness: reversion said "Could not save …
    version - missing dependency." in English, whatever the editor's language."""
    programme = make_programme(title_nb="Tapt", slug_nb="tapt")
    pk = programme.pk
    admin_client.post(f"/admin/programs/programme/{pk}/delete/", {"post": "yes"})
    make_programme(title_nb="Ny", title_en="New", slug_nb="tapt")
    version = Version.objects.get_deleted(Programme).get(object_id=str(pk))
    headers = {"accept-language": language}
    response = admin_client.get(f"/admin/programs/programme/recover/{version.pk}/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == "/admin/programs/programme/recover/"
    assert said in visible_text(admin_client.get(response["Location"], headers=headers))
    assert not Programme.objects.filter(pk=pk).exists()


def test_a_comment_saved_as_plain_text_is_shown_as_it_was():
    assert history.comment_text("Lastet inn fra startinnholdet.") == (
        "Lastet inn fra startinnholdet."
    )
    assert history.comment_text("{not json") == "{not json"


def test_a_version_placing_a_course_deleted_since_says_so_and_is_not_a_500(admin_client):
    """Courses are shared, not recorded: reversion cannot bring one back."""
    programme = make_programme(ects_credits=60)
    plan = make_plan(make_study_option(programme, duration_semesters=2))
    edit_in_admin(admin_client, programme)
    version = programme_versions(programme).get()
    placement = plan.placements.order_by("semester").first()
    course = placement.course
    ProgrammePlan.objects.filter(pk=plan.pk).update(is_published=False)
    placement.delete()
    course.delete()
    revert_url = f"/admin/programs/programme/{programme.pk}/history/{version.pk}/"
    history_url = f"/admin/programs/programme/{programme.pk}/history/"
    for response in (
        admin_client.get(revert_url, headers={"accept-language": "nb"}),
        admin_client.post(revert_url, {}, headers={"accept-language": "nb"}),
    ):
        assert (response.status_code, response["Location"]) == (302, history_url)
    page = visible_text(admin_client.get(history_url, headers={"accept-language": "nb"}))
    assert f"plasserer emner som er slettet siden ({course.code} (1))" in page
    assert plan.placements.count() == 1


def test_deleting_a_field_of_study_is_in_the_history_and_an_older_version_comes_back_without(
    admin_client,
):
    """It was a 500 (the link to the deleted field failed at the commit), for every version,
    the newest too: deleting the field recorded nothing in the programme's history. A
    programme deleted before the field can still be recovered."""
    programme = make_programme()
    teaching, nursing = make_field_of_study(name_nb="Lærerutdanning"), make_field_of_study()
    make_requirement(programme, fields=[teaching, nursing])
    edit_in_admin(admin_client, programme)
    older = programme_versions(programme).get()
    deleted = admin_client.post(
        f"/admin/admissions/fieldofstudy/{teaching.pk}/delete/",
        {"post": "yes"},
        headers={"accept-language": "nb"},
    )
    assert deleted.status_code == 302
    newest = programme_versions(programme).first()
    assert newest != older
    assert newest.revision.user is not None
    url = f"/admin/programs/programme/{programme.pk}/history/{older.pk}/"
    preview = admin_client.get(url, headers={"accept-language": "nb"})
    said = "godtar et fagfelt som er slettet siden, så den kommer tilbake uten det"
    assert said in visible_text(preview)
    restored = admin_client.post(url, rendered_form(preview), follow=True)
    assert said in visible_text(restored)
    assert list(programme.admission_requirement.accepted_fields.all()) == [nursing]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_restore_that_would_change_rows_the_role_may_not_edit_is_refused(
    admin_client, client, language
):
    """A user who may change programmes but not sections or study options could delete a
    section and change a study code back through the history."""
    from tests.test_access import staff

    programme = make_programme(sections=1)
    option = make_study_option(programme, study_code="900 11111")
    edit_in_admin(admin_client, programme)
    version = programme_versions(programme).first()
    make_section(programme, position=1)
    StudyOption.objects.filter(pk=option.pk).update(study_code="900 22222")
    client.force_login(staff("view_programme", "change_programme"))
    url = f"/admin/programs/programme/{programme.pk}/history/{version.pk}/"
    headers = {"accept-language": language}
    for response in (client.get(url, headers=headers), client.post(url, {}, headers=headers)):
        assert (response.status_code, response["Location"]) == (302, url.rsplit("/", 2)[0] + "/")
    told = {
        "nb": "Du kan ikke hente tilbake denne versjonen: den ville også legge til, endre eller "
        "slette seksjoner, studievarianter",
        "en": "You cannot bring this version back: it would also add, change or delete "
        "sections, study options",
    }
    history_page = client.get(url.rsplit("/", 2)[0] + "/", headers=headers)
    assert told[language] in visible_text(history_page)
    assert programme.sections.count() == 2
    assert StudyOption.objects.get(pk=option.pk).study_code == "900 22222"


def test_deleting_a_field_of_study_names_the_programmes_that_accept_it(admin_client):
    programme = make_programme(title_en="Further Education in Supervision")
    field = make_field_of_study()
    make_requirement(programme, fields=[field])
    response = admin_client.get(
        f"/admin/admissions/fieldofstudy/{field.pk}/delete/", headers={"accept-language": "en"}
    )
    page = visible_text(response)
    assert "Removed from the admission requirements of Further Education in Supervision" in page
    assert "accepted_fields object" not in page
    assert "relationships" not in page.lower() and "relasjoner" not in page


def test_the_history_of_a_programme_saved_outside_any_revision_opens(admin_client):
    """One made by loaddata, the shell or the builders has no version yet: an empty history,
    not a 500."""
    programme = make_programme()
    response = admin_client.get(f"/admin/programs/programme/{programme.pk}/history/")
    assert response.status_code == 200


def test_a_row_added_in_english_is_named_in_norwegian_in_the_norwegian_history(admin_client):
    """Django names the rows of its change message in the saving editor's language only;
    ours keeps each name in every language: "(Full-time)" reads "(Heltid)"."""
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    english = {"accept-language": "en"}
    data = rendered_form(admin_client.get(url, headers=english), new_rows={"study_options": 0})
    data.update(
        {
            "study_options-TOTAL_FORMS": "1",
            "study_options-0-study_code": "215 1299",
            "study_options-0-mode": "full_time",
            "study_options-0-duration_semesters": "2",
            "study_options-0-deadline_month": "3",
            "study_options-0-deadline_day": "1",
        }
    )
    response = admin_client.post(url, data, headers=english)
    assert response.status_code == 302, response.context["errors"]
    assert history_comments(admin_client, programme, "nb")[0] == (
        'La til studievariant "215 1299 (Heltid)".'
    )
    assert history_comments(admin_client, programme, "en")[0] == (
        "Added study option “215 1299 (Full-time)”."
    )
    # Django's own log keeps the message as Django would: the editor's language.
    entry = LogEntry.objects.get(object_id=str(programme.pk))
    assert "215 1299 (Full-time)" in entry.get_change_message()


def move_cohort(admin_client, cohort, programme):
    """Put ``cohort`` under ``programme`` on the cohort's own admin page."""
    url = f"/admin/admissions/cohort/{cohort.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "programme": str(programme.pk)}
    assert admin_client.post(url, data).status_code == 302


@pytest.fixture
def moved_cohort(admin_client):
    """Cohort 2023H, recorded under "Veiledning", then moved to "Ernæring" on its own page."""
    wrong = make_programme(title_nb="Veiledning")
    right = make_programme(title_nb="Ernæring", sections=2)
    cohort = make_cohort(wrong, code="2023H")
    make_week(cohort)
    edit_in_admin(admin_client, wrong)  # the version that holds the cohort
    edit_in_admin(admin_client, right)  # one from before the cohort came
    before_the_move = programme_versions(wrong).first()
    move_cohort(admin_client, cohort, right)
    return wrong, right, cohort, before_the_move


@pytest.mark.parametrize("method", ["get", "post"])
def test_restoring_a_version_with_a_row_moved_since_refuses_and_deletes_nothing(
    admin_client, moved_cohort, method
):
    """reversion would bring the cohort back and delete, as rows added since, the
    programme it was moved to with all it has: its sections, its other rows."""
    wrong, right, cohort, version = moved_cohort
    url = f"/admin/programs/programme/{wrong.pk}/history/{version.pk}/"
    data = rendered_form(admin_client.get(f"/admin/programs/programme/{wrong.pk}/change/"))
    response = admin_client.post(url, data) if method == "post" else admin_client.get(url)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/admin/programs/programme/{wrong.pk}/history/",
    )
    message = visible_text(admin_client.get(response["Location"]))
    assert "«kull 2023H» hører til «Ernæring» nå" in message
    assert Programme.objects.filter(pk=right.pk).exists()
    assert right.sections.count() == 2
    assert Cohort.objects.get(pk=cohort.pk).programme == right


def test_a_row_moved_to_another_programme_is_in_the_history_of_both(admin_client, moved_cohort):
    wrong, right, cohort, _version = moved_cohort
    for programme in (wrong, right):
        assert programme_versions(programme).first().revision.comment  # "Changed Programme."
    left = programme_versions(wrong).first()
    assert not left.revision.version_set.get_for_model(Cohort).filter(
        object_id=str(cohort.pk), serialized_data__contains=f'"programme": {wrong.pk}'
    )


@pytest.mark.parametrize(
    ("language", "comment"),
    [("nb", 'Endret Utdanning for kull "2023H".'), ("en", "Changed Programme for cohort “2023H”.")],
)
def test_a_row_changed_on_its_own_page_is_named_in_the_programmes_history(
    admin_client, moved_cohort, language, comment
):
    """It read "Endret Utdanning." and not which row."""
    wrong, right, _cohort, _version = moved_cohort
    for programme in (wrong, right):
        assert history_comments(admin_client, programme, language)[0] == comment


def test_a_version_saved_after_the_move_restores_the_programme_it_left(admin_client, moved_cohort):
    wrong, right, cohort, _version = moved_cohort
    after_the_move = programme_versions(wrong).first()
    edit_in_admin(admin_client, wrong, title_nb="Veiledning, nytt navn")
    url = f"/admin/programs/programme/{wrong.pk}/history/{after_the_move.pk}/"
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    wrong.refresh_from_db()
    assert wrong.title_nb == "Veiledning"
    assert Cohort.objects.get(pk=cohort.pk).programme == right
    assert right.sections.count() == 2


def test_restoring_one_programme_of_an_import_leaves_the_others_as_they_are(admin_client):
    """An import's revision holds every programme it changed: restoring one of them brings
    back that one only, and deletes only its own rows added since."""
    first, second = make_programme(), make_programme()
    options = [make_study_option(first), make_study_option(second)]
    with reversion.create_revision():  # as an import records: one revision, both programmes
        for option in options:
            make_threshold(option, admission_year=2024)
    version = programme_versions(first).first()
    assert programme_versions(second).first().revision == version.revision
    added = [make_threshold(option, admission_year=2025) for option in options]
    Programme.objects.filter(pk=second.pk).update(title_nb="Endret etterpå")

    url = f"/admin/programs/programme/{first.pk}/history/{version.pk}/"
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    assert not AdmissionThreshold.objects.filter(pk=added[0].pk).exists()  # its own: gone
    assert AdmissionThreshold.objects.filter(pk=added[1].pk).exists()  # the other's: kept
    assert Programme.objects.get(pk=second.pk).title_nb == "Endret etterpå"


def test_the_compare_view_of_a_malformed_id_is_404(admin_client):
    response = admin_client.get("/admin/programs/programme/abc/history/compare/?old=1&new=2")
    assert response.status_code == 404


def test_restoring_a_version_from_before_a_row_moved_in_refuses_and_deletes_nothing(
    admin_client, moved_cohort
):
    """The programme the cohort was moved to, restored to a version from before the move,
    would delete the cohort with its weeks as a row added since."""
    _wrong, right, cohort, _version = moved_cohort
    before_it_came = programme_versions(right)[1]
    assert not before_it_came.revision.version_set.get_for_model(Cohort).exists()
    url = f"/admin/programs/programme/{right.pk}/history/{before_it_came.pk}/"
    assert admin_client.get(url)["Location"].endswith("/history/")  # no preview either
    response = admin_client.post(url, {})
    assert response["Location"] == f"/admin/programs/programme/{right.pk}/history/"
    message = visible_text(admin_client.get(response["Location"]))
    assert "«kull 2023H» ble flyttet hit fra et annet studium" in message
    assert Cohort.objects.get(pk=cohort.pk).weeks.count() == 1


def test_restore_and_recover_tell_a_user_who_may_not_nothing(client, moved_cohort):
    """Whether a version could come back names rows and programmes: only for those who may."""
    from django.contrib.auth.models import User

    wrong, _right, _cohort, version = moved_cohort
    user = User.objects.create_user("staff", "s@example.org", "a-long-test-password", is_staff=True)
    client.force_login(user)
    response = client.get(f"/admin/programs/programme/{wrong.pk}/history/{version.pk}/")
    assert response.status_code == 403


def test_the_admin_restores_with_history_restore_not_reversions_revert(admin_client, monkeypatch):
    """reversion's ``Revision.revert`` crosses into other programmes; if an upgrade of
    reversion stopped calling the one ``ProgrammeAdmin`` puts in its place, this fails."""
    from reversion.models import Revision

    def crossing(self, delete=False):
        raise AssertionError("reversion's own revert was called")

    monkeypatch.setattr(Revision, "revert", crossing)
    programme = make_programme(title_nb="Før")
    edit_in_admin(admin_client, programme)
    version = programme_versions(programme).first()
    edit_in_admin(admin_client, programme, title_nb="Etter")
    url = f"/admin/programs/programme/{programme.pk}/history/{version.pk}/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    programme.refresh_from_db()
    assert programme.title_nb == "Før"


def swapped_since_a_version(admin_client, rows, column, values):
    """A version of ``rows``' programme, then ``rows`` swap their ``column``'s ``values`` in
    one admin save: the version to go back to."""
    programme = rows[0].programme
    edit_in_admin(admin_client, programme)
    version = programme_versions(programme).first()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    swap = {values[0]: values[1], values[1]: values[0]}
    names = [
        name
        for name in data
        if name.endswith(f"-{column}") and data[name] in swap and not name.startswith("initial-")
    ]
    assert len(names) == 2
    edit_in_admin(admin_client, programme, **{name: swap[data[name]] for name in names})
    return version


@pytest.mark.parametrize(
    ("build", "column", "values"),
    [
        ("options", "mode", ("full_time", "part_time")),
        ("options", "study_code", ("215 1210", "215 1220")),
        ("sections", "anchor_nb", ("praksis", "utveksling")),
        ("sections", "anchor_en", ("placement", "exchange")),
        ("cohorts", "code", ("2023H", "2024H")),
    ],
)
def test_a_version_from_before_two_rows_swapped_a_unique_value_is_restored(
    admin_client, build, column, values
):
    """Rows are reverted one by one, and each clashed with the other's value still in the
    database: the restore was refused with "… could not be brought back". (The swap itself,
    one admin save, was a 500 for cohorts and thresholds: ``NamedFieldsInlineFormSet``.)"""
    programme = make_programme()
    if build == "options" and column == "mode":
        rows = [make_study_option(programme, mode=mode) for mode in values]
    elif build == "options":
        modes = ["full_time", "part_time"]
        rows = [
            make_study_option(programme, study_code=c, mode=m)
            for c, m in zip(values, modes, strict=True)
        ]
    elif build == "sections":
        rows = [
            make_section(programme, position=0, anchor_nb="praksis", anchor_en="placement"),
            make_section(programme, position=1, anchor_nb="utveksling", anchor_en="exchange"),
        ]
    else:
        rows = [make_cohort(programme, code=code, ends_year=2026) for code in values]
    version = swapped_since_a_version(admin_client, rows, column, values)
    assert [getattr(type(r).objects.get(pk=r.pk), column) for r in rows] == list(values[::-1])

    url = f"/admin/programs/programme/{programme.pk}/history/{version.pk}/"
    response = admin_client.post(url, rendered_form(admin_client.get(url)), follow=True)
    assert "could not be brought back" not in visible_text(response)
    assert [getattr(type(r).objects.get(pk=r.pk), column) for r in rows] == list(values)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_restoring_a_version_with_another_address_keeps_the_current_one_as_a_redirect(
    admin_client, client, language
):
    """Reversion saves the programme raw, without Programme.save(), so the address it had
    until the restore answered 404: no old slug was kept, as a rename keeps one."""
    programme = make_programme(slug_nb="foerste", slug_en="first")
    edit_in_admin(admin_client, programme)
    version = programme_versions(programme).first()
    edit_in_admin(admin_client, programme, slug_nb="andre", slug_en="second")
    now = {"nb": "/studier/andre/", "en": "/en/programmes/second/"}[language]
    then = {"nb": "/studier/foerste/", "en": "/en/programmes/first/"}[language]
    assert client.get(then).status_code == 301

    url = f"/admin/programs/programme/{programme.pk}/history/{version.pk}/"
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    assert client.get(then).status_code == 200  # live again: no longer a redirect
    response = client.get(now)
    assert (response.status_code, response["Location"]) == (301, then)


def test_a_recovered_programme_answers_at_the_addresses_it_had_before_a_rename(
    admin_client, client
):
    """A deletion takes the old slugs with it, and they are not in the versions: recovered,
    the programme answered only at its last address (its old ones were 404)."""
    programme = make_programme(slug_nb="gammelt-navn", slug_en="old-name")
    edit_in_admin(admin_client, programme)
    edit_in_admin(admin_client, programme, slug_nb="nytt-navn", slug_en="new-name")
    assert client.get("/en/programmes/old-name/").status_code == 301
    admin_client.post(f"/admin/programs/programme/{programme.pk}/delete/", {"post": "yes"})
    assert client.get("/en/programmes/old-name/").status_code == 404

    version = Version.objects.get_deleted(Programme).get(object_id=str(programme.pk))
    url = f"/admin/programs/programme/recover/{version.pk}/"
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    for old, new in [
        ("/studier/gammelt-navn/", "/studier/nytt-navn/"),
        ("/en/programmes/old-name/", "/en/programmes/new-name/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
    assert client.get("/studier/nytt-navn/").status_code == 200


def test_an_address_another_programme_has_taken_since_is_not_brought_back(admin_client):
    programme = make_programme(slug_nb="delt-navn")
    edit_in_admin(admin_client, programme)
    edit_in_admin(admin_client, programme, slug_nb="eget-navn")
    admin_client.post(f"/admin/programs/programme/{programme.pk}/delete/", {"post": "yes"})
    make_programme(slug_nb="delt-navn")  # another programme's address now

    version = Version.objects.get_deleted(Programme).get(object_id=str(programme.pk))
    url = f"/admin/programs/programme/recover/{version.pk}/"
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    assert not OldSlug.objects.filter(slug="delt-navn").exists()


def test_restoring_a_draft_version_leaves_no_redirect_to_the_draft(admin_client, client):
    """A draft's address answers 404; the published addresses it had must not lead there."""
    programme = make_programme(slug_nb="utkast-navn", is_published=False)
    edit_in_admin(admin_client, programme)
    draft = programme_versions(programme).first()
    edit_in_admin(admin_client, programme, slug_nb="live-nb", is_published="on")
    url = f"/admin/programs/programme/{programme.pk}/history/{draft.pk}/"
    assert admin_client.post(url, rendered_form(admin_client.get(url))).status_code == 302
    programme.refresh_from_db()
    assert not programme.is_published
    assert not OldSlug.objects.filter(programme=programme).exists()


def test_a_section_changed_moved_or_deleted_on_its_own_page_is_in_its_programmes_history(
    admin_client,
):
    programme, other = make_programme(), make_programme()
    section = make_section(programme, title_nb="Opptak")
    url = f"/admin/programs/section/{section.pk}/change/"
    data = rendered_form(admin_client.get(url))
    assert admin_client.post(url, {**data, "title_nb": "Opptak og poeng"}).status_code == 302
    [version] = programme_versions(programme)
    [recorded] = version.revision.version_set.get_for_model(Section)
    assert recorded.field_dict["title_nb"] == "Opptak og poeng"

    data = rendered_form(admin_client.get(url))
    assert admin_client.post(url, {**data, "programme": other.pk}).status_code == 302
    assert programme_versions(programme).count() == 2  # the one it left
    assert programme_versions(other).count() == 1

    delete = f"/admin/programs/section/{section.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    after = programme_versions(other).first()
    assert "Opptak og poeng" in after.revision.comment
    assert not after.revision.version_set.get_for_model(Section).exists()


def test_a_restore_refused_for_a_value_another_programme_holds_says_which(admin_client):
    """It said only "215 1210 (Deltid) kunne ikke hentes tilbake." and nothing of why."""
    programme = make_programme()
    option = make_study_option(programme, study_code="215 1210", mode="part_time")
    edit_in_admin(admin_client, programme)
    version = programme_versions(programme).first()
    option.study_code = "215 1299"
    option.save()
    make_study_option(make_programme(title_nb="Sykepleie"), study_code="215 1210")
    url = f"/admin/programs/programme/{programme.pk}/history/{version.pk}/"
    text = visible_text(admin_client.get(url, follow=True))
    assert (
        "kunne ikke hentes tilbake. «215 1210» er allerede brukt av «Sykepleie (heltid)»." in text
    )
    option.refresh_from_db()
    assert option.study_code == "215 1299"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_user_who_may_only_view_programmes_gets_no_restore_links(admin_client, client, language):
    """The dates in the history and "Restore the older version" led a viewer to a 403."""
    from tests.test_access import staff

    programme = make_programme(sections=1)
    edit_in_admin(admin_client, programme)
    edit_in_admin(admin_client, programme, lead_nb="Enda en ingress.")
    older, newer = programme_versions(programme).order_by("pk")
    history_url = f"/admin/programs/programme/{programme.pk}/history/"
    compare_url = f"{history_url}compare/?old={older.pk}&new={newer.pk}"
    restore = f"{history_url}{older.pk}/"
    for user, can_restore in ((staff("view_programme"), False), (None, True)):
        reader = client if user else admin_client
        if user:
            client.force_login(user)
        for url in (history_url, compare_url):
            response = reader.get(url, headers={"accept-language": language})
            assert response.status_code == 200
            assert (f'href="{restore}"' in response.content.decode()) == can_restore
