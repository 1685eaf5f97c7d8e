"""One study option per study mode and programme.

A database with two options in one mode of a programme cannot take the constraint: the
migration stops before it and names them, so an editor can give one another mode (or delete
it) and the migration be run again, rather than failing on the database's IntegrityError."""

from django.db import migrations, models
from django.db.models import Count


def refuse_two_in_one_mode(apps, schema_editor):
    StudyOption = apps.get_model("admissions", "StudyOption")
    options = StudyOption.objects.using(schema_editor.connection.alias)
    twice = (
        options.values("programme_id", "mode").annotate(options=Count("pk")).filter(options__gt=1)
    )
    clashes = []
    for row in twice:
        same = options.filter(programme_id=row["programme_id"], mode=row["mode"])
        title = same.select_related("programme").first().programme.title_nb
        codes = ", ".join(option.study_code for option in same)
        clashes.append(f"“{title}” (id {row['programme_id']}), {row['mode']}: {codes}")
    if clashes:
        raise RuntimeError(
            "A programme has two or more study options in one mode. In the admin, give all "
            "but one of them another mode, or delete them, then migrate again: "
            + "; ".join(clashes)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0013_visible_text"),
        ("programs", "0015_section_anchor_in_each_language"),
    ]

    operations = [
        migrations.RunPython(refuse_two_in_one_mode, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="studyoption",
            constraint=models.UniqueConstraint(
                fields=("programme", "mode"), name="studyoption_one_per_mode"
            ),
        ),
    ]
