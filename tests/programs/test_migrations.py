"""Data migrations, run backwards and forwards on rows written with the models of their time."""

import json
import re

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation
from reversion.models import Version

from programs.models import Section
from tests.pages import rendered_form

BEFORE = [("programs", "0014_visible_text")]
AFTER = [("programs", "0015_section_anchor_in_each_language")]


HISTORY = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
]


def migrate(targets):
    """Migrates to ``targets``; the models of that state, with the history's."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([*targets, *HISTORY]).apps


@pytest.fixture
def before_0015():
    """The historical models before migration 0015; the tables are migrated to the latest
    again afterwards."""
    yield migrate(BEFORE)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_sections_keep_their_anchor_in_nb_and_get_one_from_their_english_title(before_0015):
    programme = before_0015.get_model("programs", "Programme").objects.create(
        title_nb="Studium", slug_nb="studium", lead_nb="Ingress."
    )
    sections = before_0015.get_model("programs", "Section").objects
    for anchor, title_en in [
        ("opptak", "Admission requirements"),
        ("kortere", "How to apply"),  # a shorter anchor an editor wrote: nb keeps it
        ("plassering", "Placement"),  # another section's nb anchor: its own nb one instead
        ("placement", "Exchange"),
        ("uten-engelsk", ""),  # none: the page reads nb's
        ("praksis", "Main"),  # "main" is the page's own: its own nb one instead
        ("to", "Exchange"),  # the English anchor of a section above: its own nb one instead
        ("emoji", "🎓"),  # makes none: the page reads nb's
    ]:
        sections.create(programme=programme, anchor=anchor, title_nb=anchor, title_en=title_en)
    apps = migrate(AFTER)
    rows = apps.get_model("programs", "Section").objects.order_by("pk")
    assert list(rows.values_list("anchor_nb", "anchor_en")) == [
        ("opptak", "admission-requirements"),
        ("kortere", "how-to-apply"),
        ("plassering", "plassering"),
        ("placement", "exchange"),
        ("uten-engelsk", None),
        ("praksis", "praksis"),
        ("to", "to"),
        ("emoji", None),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_programme_migrated_saves_unchanged_in_the_admin(before_0015, admin_client):
    """No section is left with an empty English anchor its English title would fill in and
    the form refuse, on a row the editor never touched."""
    programme = before_0015.get_model("programs", "Programme").objects.create(
        title_nb="Studium", slug_nb="studium", lead_nb="Ingress.", ects_credits=60, level="bachelor"
    )
    sections = before_0015.get_model("programs", "Section").objects
    for anchor, title_en in [("praksis", "Placement"), ("placement", "Exchange"), ("x", "Main")]:
        sections.create(programme=programme, anchor=anchor, title_nb=anchor, title_en=title_en)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    url = f"/admin/programs/programme/{programme.pk}/change/"
    response = admin_client.post(url, {**rendered_form(admin_client.get(url)), "lead_nb": "Ny."})
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_version_saved_before_restores_its_anchors_in_either_language(before_0015, language):
    """Versions hold a section as it was: before 0015, with one ``anchor``. Restored, that
    went into the editor's language's column, and nb's could be left empty (id="None")."""
    programme = before_0015.get_model("programs", "Programme").objects.create(
        title_nb="Studium", slug_nb="studium", lead_nb="Ingress."
    )
    section = before_0015.get_model("programs", "Section").objects.create(
        programme=programme, anchor="opptak", title_nb="Opptak", title_en="Admission"
    )
    content_type = before_0015.get_model("contenttypes", "ContentType").objects.get(
        app_label="programs", model="section"
    )
    revision = before_0015.get_model("reversion", "Revision").objects.create(
        date_created=timezone.now()
    )
    old = before_0015.get_model("reversion", "Version").objects.create(
        revision=revision,
        object_id=str(section.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=serializers.serialize("json", [section]),
        object_repr="Opptak",
    )
    migrate(AFTER)
    fields = json.loads(Version.objects.get(pk=old.pk).serialized_data)[0]["fields"]
    assert (fields["anchor_nb"], fields["anchor_en"]) == ("opptak", "admission")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    Section.objects.filter(pk=section.pk).update(anchor_nb="annet", anchor_en="other")
    with translation.override(language):
        Version.objects.get(pk=old.pk).revert()
    restored = Section.objects.get(pk=section.pk)
    assert (restored.anchor_nb, restored.anchor_en) == ("opptak", "admission")


@pytest.mark.django_db(transaction=True)
def test_two_options_in_one_mode_stop_the_migration_with_their_names():
    """Migration admissions 0014 adds the one-option-per-mode constraint: a database that
    breaks it is named before the database's own error, and nothing is migrated."""
    before = migrate([("admissions", "0013_visible_text")])
    try:
        programme = before.get_model("programs", "Programme").objects.create(
            title_nb="Studium", slug_nb="studium", lead_nb="Ingress."
        )
        options = before.get_model("admissions", "StudyOption").objects
        for code in ("215 1210", "215 1220"):
            options.create(
                programme=programme,
                mode="full_time",
                study_code=code,
                duration_semesters=2,
                deadline_month=3,
                deadline_day=1,
            )
        clash = f"“Studium” (id {programme.pk}), full_time: 215 1210, 215 1220"
        with pytest.raises(RuntimeError, match=re.escape(clash)):
            migrate([("admissions", "0014_one_study_option_per_mode")])
        options.filter(study_code="215 1220").update(mode="part_time")
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
