"""When each language's text of a section last changed, for the content-health check."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("programs", "0008_publishing_schedule")]

    operations = [
        migrations.AddField(
            model_name="section",
            name="text_changed_en_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="English text changed"
            ),
        ),
        migrations.AddField(
            model_name="section",
            name="text_changed_nb_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="Norwegian text changed"
            ),
        ),
    ]
