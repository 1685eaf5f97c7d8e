"""Scheduled publishing: a programme may go live, and be taken down, by itself at a time."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("programs", "0007_alter_programme_slug_alter_programme_slug_en_and_more")]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="publish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Leave “published” unticked: the page goes live by itself at this time.",
                null=True,
                verbose_name="publish at",
            ),
        ),
        migrations.AddField(
            model_name="programme",
            name="unpublish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="The page is taken down by itself at this time (it stays in the admin).",
                null=True,
                verbose_name="unpublish at",
            ),
        ),
    ]
