"""Data migrations, run backwards and forwards on rows written with the models of their time."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programs", "0014_visible_text")]
AFTER = [("programs", "0015_section_anchor_in_each_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_sections_keep_their_anchor_in_nb_and_get_one_from_their_english_title():
    apps = migrate(BEFORE)
    try:
        programme = apps.get_model("programs", "Programme").objects.create(
            title_nb="Studium", slug_nb="studium", lead_nb="Ingress."
        )
        sections = apps.get_model("programs", "Section").objects
        for anchor, title_en in [
            ("opptak", "Admission requirements"),
            ("kortere", "How to apply"),  # a shorter anchor an editor wrote: nb keeps it
            ("plassering", "Placement"),  # another section's nb anchor: nb's is read instead
            ("placement", "Exchange"),
            ("uten-engelsk", ""),
            ("praksis", "Main"),  # "main" is the page's own: nb's is read instead
        ]:
            sections.create(programme=programme, anchor=anchor, title_nb=anchor, title_en=title_en)
        # A title that another section's English anchor has taken: nb's is read instead.
        sections.create(programme=programme, anchor="to", title_nb="to", title_en="Exchange")
        apps = migrate(AFTER)
        rows = apps.get_model("programs", "Section").objects.order_by("pk")
        assert list(rows.values_list("anchor_nb", "anchor_en")) == [
            ("opptak", "admission-requirements"),
            ("kortere", "how-to-apply"),
            ("plassering", None),
            ("placement", "exchange"),
            ("uten-engelsk", None),
            ("praksis", None),
            ("to", None),
        ]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
