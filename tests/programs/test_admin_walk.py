"""Issue 15: what an editor walking the Norwegian admin ran into, each walked again here.

Forms are submitted as a browser would: every field the change page renders, with its value,
plus what the editor typed.
"""

import json
from decimal import Decimal

import pytest

from admissions.models import AdmissionThreshold, StudyOption
from programs.models import OldSlug, Programme
from tests.builders import (
    make_cohort,
    make_programme,
    make_section,
    make_study_option,
    make_threshold,
)
from tests.pages import parse, rendered_form, visible_text

pytestmark = pytest.mark.django_db


def change_programme(client, programme, **typed):
    url = f"/admin/programs/programme/{programme.pk}/change/"
    return client.post(url, {**rendered_form(client.get(url)), **typed})


def change_option(client, option, **typed):
    url = f"/admin/admissions/studyoption/{option.pk}/change/"
    return client.post(url, {**rendered_form(client.get(url)), **typed})


def form_errors(response):
    return response.context["adminform"].form.errors.as_data()


# 1. A decimal comma is read as a decimal comma, or refused; never another number.


@pytest.mark.parametrize(("typed", "stored"), [("7,5", Decimal("7.5")), ("7.5", Decimal("7.5"))])
def test_credits_typed_with_a_comma_or_a_point_are_stored_as_typed(admin_client, typed, stored):
    programme = make_programme()
    response = change_programme(admin_client, programme, ects_credits=typed)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.ects_credits == stored


@pytest.mark.parametrize("typed", ["sju", "7,5,1", "7,5.1"])
def test_credits_the_admin_cannot_read_are_refused_and_nothing_is_saved(admin_client, typed):
    programme = make_programme(ects_credits=60)
    response = change_programme(admin_client, programme, ects_credits=typed)
    assert response.status_code == 200
    assert [e.code for e in form_errors(response)["ects_credits"]] == ["invalid"]
    programme.refresh_from_db()
    assert programme.ects_credits == 60


def test_number_fields_are_not_browser_number_inputs_that_read_a_comma_as_grouping(admin_client):
    """Chrome's <input type="number"> turns “7,5” into 75 before Django sees it."""
    programme = make_programme(ects_credits=Decimal("7.5"))
    page = parse(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    credits = page.select_one('input[name="ects_credits"]')
    assert credits["type"] == "text"
    assert credits["inputmode"] == "decimal"
    assert credits["value"] == "7,5"  # shown as an nb editor writes it
    assert not page.select('input[type="number"]')


def test_threshold_points_with_a_comma_are_stored_as_typed(admin_client):
    option = make_study_option(make_programme())
    response = change_option(
        admin_client,
        option,
        **{"thresholds-0-admission_year": "2025", "thresholds-0-points": "4,5"},
    )
    assert response.status_code == 302
    assert AdmissionThreshold.objects.get(study_option=option).points == Decimal("4.50")


def test_existing_threshold_points_survive_a_save_of_the_page_untouched(admin_client):
    option = make_study_option(make_programme())
    make_threshold(option, points=Decimal("2.78"))
    response = change_option(admin_client, option)
    assert response.status_code == 302
    assert AdmissionThreshold.objects.get(study_option=option).points == Decimal("2.78")


def test_threshold_points_the_admin_cannot_read_are_refused_and_nothing_is_saved(admin_client):
    option = make_study_option(make_programme())
    response = change_option(
        admin_client,
        option,
        **{"thresholds-0-admission_year": "2025", "thresholds-0-points": "4,5x"},
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "invalid" in [e.code for e in formset.forms[0].errors.as_data()["points"]]
    assert not AdmissionThreshold.objects.exists()


# 2. A section added at the bottom of the form is last on the page.


def test_a_section_added_at_the_bottom_of_the_form_is_last_on_the_page(admin_client):
    programme = make_programme()
    make_section(programme, position=0, title_nb="Første?")
    make_section(programme, position=5, title_nb="Andre?")
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url), new_rows={"sections": 2})
    data.update(
        {
            "sections-TOTAL_FORMS": "3",
            "sections-2-title_nb": "Nyeste?",
            "sections-2-title_en": "Newest?",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    html = admin_client.get(programme.get_absolute_url()).content.decode()
    assert html.index("Andre?") < html.index("Nyeste?")
    assert list(programme.sections.values_list("title_nb", flat=True)) == [
        "Første?",
        "Andre?",
        "Nyeste?",
    ]


def test_the_first_section_of_a_new_programme_starts_at_position_0(admin_client):
    page = parse(admin_client.get("/admin/programs/programme/add/"))
    assert page.select_one('input[name="sections-__prefix__-position"]')["value"] == "0"


# 3. Old addresses are visible, and the slug's help text tells the truth.


def test_the_programme_form_lists_its_old_addresses(admin_client):
    programme = make_programme(slug_nb="gammel")
    programme.slug_nb = "ny"
    programme.save()
    assert OldSlug.objects.filter(programme=programme, slug="gammel").exists()
    response = admin_client.get(f"/admin/programs/programme/{programme.pk}/change/")
    text = visible_text(response)
    assert "Gamle adresser" in text
    assert "Norsk bokmål: gammel" in text or "gammel" in text
    assert "sendes den gamle adressen videre hit" in text
    assert "brytes lenker" not in text


def test_superusers_see_old_addresses_in_a_list_they_cannot_change(admin_client):
    programme = make_programme(slug_nb="gammel")
    programme.slug_nb = "ny"
    programme.save()
    old = OldSlug.objects.get(slug="gammel")
    assert "gammel" in visible_text(admin_client.get("/admin/programs/oldslug/"))
    assert admin_client.get("/admin/programs/oldslug/add/").status_code == 403
    assert admin_client.get(f"/admin/programs/oldslug/{old.pk}/delete/").status_code == 403
    change = admin_client.post(f"/admin/programs/oldslug/{old.pk}/change/", {"slug": "annen"})
    assert change.status_code == 403
    assert OldSlug.objects.get(pk=old.pk).slug == "gammel"


def test_staff_who_are_not_superusers_do_not_see_the_old_addresses_list(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("redaktor", password="x", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__endswith="oldslug"))
    client.force_login(editor)
    assert client.get("/admin/programs/oldslug/").status_code == 403


# 4. The Norwegian admin speaks Norwegian.


def add_texts(response):
    return {
        json.loads(div["data-inline-formset"])["options"]["addText"]
        for div in parse(response).select("[data-inline-formset]")
    }


def test_the_add_links_of_inlines_are_written_in_norwegian(admin_client):
    programme = make_programme()
    make_cohort(programme)
    texts = add_texts(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    assert {"Legg til nytt kull", "Legg til ny seksjon", "Legg til ny studievariant"} <= texts
    option = make_study_option(programme)
    texts = add_texts(admin_client.get(f"/admin/admissions/studyoption/{option.pk}/change/"))
    assert texts == {"Legg til ny poenggrense", "Legg til ny programplan"}


@pytest.mark.parametrize("month", ["-1", "0", "13"])
def test_a_deadline_month_outside_1_to_12_is_refused_naming_the_range(admin_client, month):
    option = make_study_option(make_programme(), deadline_month=3)
    response = change_option(admin_client, option, deadline_month=month)
    assert response.status_code == 200
    errors = form_errors(response)
    assert [e.code for e in errors["deadline_month"]] in (["min_value"], ["max_value"])
    assert "deadline_day" not in errors  # no second error about a month that does not exist
    assert "Oppgi en måned fra 1 til 12." in visible_text(response)
    assert StudyOption.objects.get(pk=option.pk).deadline_month == 3


def test_credits_saved_in_the_english_admin_accept_a_point(admin_client):
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "ects_credits": "7.5"}
    response = admin_client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 302
    assert Programme.objects.get(pk=programme.pk).ects_credits == Decimal("7.5")


def test_a_new_study_option_starts_after_the_existing_ones(admin_client):
    programme = make_programme()
    make_study_option(programme, position=10)
    make_study_option(programme, position=20, mode="part_time")
    page = parse(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    assert page.select_one('input[name="study_options-__prefix__-position"]')["value"] == "30"
