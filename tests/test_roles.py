"""The Study administrator group: exactly the content permissions, and what they allow."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from admissions import roles
from admissions.models import AdmissionThreshold
from programs.models import OldSlug, Programme
from tests.builders import make_programme, make_study_option
from tests.programs.test_admin import programme_form

pytestmark = pytest.mark.django_db


def study_administrator(username="studieadmin"):
    call_command("add_study_administrator", username, verbosity=0)
    return User.objects.get(username=username)


def test_the_migration_creates_the_group_with_every_content_permission():
    """Runs the data migration's function itself: a transactional test earlier in the run
    (the browser tests' live server) flushes the database, and with it what migrations wrote."""
    name = "0008_study_administrator_group"
    migration = importlib.import_module(f"admissions.migrations.{name}")
    state = MigrationLoader(connection).project_state(("admissions", name))
    Group.objects.filter(name=roles.GROUP_NAME).delete()
    migration.create_group(state.apps, schema_editor=None)  # the models as the migration sees them
    group = Group.objects.get(name=roles.GROUP_NAME)
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert held == set(roles.permission_keys())
    assert ("programs", "change_programme") in held
    assert ("admissions", "add_admissionthreshold") in held
    assert not {codename for _app, codename in held if "oldslug" in codename}


def test_every_content_model_but_old_slugs_is_included():
    models = set(roles.content_models())
    expected = {
        m for label in ("programs", "admissions") for m in apps.get_app_config(label).get_models()
    } - {OldSlug}
    assert models == expected


def test_the_command_creates_a_staff_user_without_a_usable_password(capsys):
    call_command("add_study_administrator", "kari", email="kari@example.org")
    user = User.objects.get(username="kari")
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [roles.GROUP_NAME]
    assert "changepassword kari" in capsys.readouterr().out


def test_the_command_promotes_an_existing_user_and_keeps_the_password():
    User.objects.create_user("ola", password="a-long-test-password")
    user = study_administrator("ola")
    assert user.is_staff and user.check_password("a-long-test-password")
    assert user.groups.filter(name=roles.GROUP_NAME).exists()


def test_the_command_refuses_a_bad_email():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("add_study_administrator", "x", email="not an address")
    assert not User.objects.filter(username="x").exists()


def test_a_study_administrator_can_change_a_programme(client):
    programme = make_programme()
    client.force_login(study_administrator())
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = programme_form(title_nb="Nytt navn", slug_nb=programme.slug_nb)
    data.update({"slug_en": programme.slug_en, "title_en": "New name"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Programme.objects.get(pk=programme.pk).title_nb == "Nytt navn"


def test_a_study_administrator_can_add_a_threshold(client):
    option = make_study_option(make_programme())
    client.force_login(study_administrator())
    response = client.post(
        "/admin/admissions/admissionthreshold/add/",
        {
            "study_option": option.pk,
            "admission_year": "2025",
            "round": "HOVED",
            "quota": "ORD",
            "outcome": "points",
            "points": "2,81",
            "scale": "grade_average",
        },
    )
    assert response.status_code == 302
    assert str(AdmissionThreshold.objects.get().points) == "2.81"


def test_a_study_administrator_can_run_the_import(client):
    make_study_option(make_programme(), study_code="215 1210")
    client.force_login(study_administrator())
    content = b"study_code,admission_year,round,quota,value\n215 1210,2025,HOVED,ORD,2.81\n"
    response = client.post(
        "/admin/admissions/admissionthreshold/import/",
        {"import_file": SimpleUploadedFile("g.csv", content), "format": "0"},
    )
    assert response.status_code == 200
    assert "confirm_form" in response.context


def test_a_study_administrator_holds_what_history_and_restore_ask_for(client):
    """django-reversion's history and restore pages ask for the model's change permission."""
    user = study_administrator()
    for model in roles.content_models():
        assert user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    option = make_study_option(make_programme())
    client.force_login(user)
    assert client.get(f"/admin/admissions/studyoption/{option.pk}/history/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/programs/oldslug/",
    ],
)
def test_a_study_administrator_is_refused_elsewhere(client, url):
    client.force_login(study_administrator())
    assert client.get(url).status_code == 403


def test_someone_without_the_role_cannot_import(client):
    user = User.objects.create_user("guest", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/admissions/admissionthreshold/import/").status_code == 403
