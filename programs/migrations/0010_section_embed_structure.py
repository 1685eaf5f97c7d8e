"""Sections can embed the programme structure (the plans of admissions/models/structure.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0009_section_text_changed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="section",
            name="embed",
            field=models.CharField(
                blank=True,
                choices=[
                    ("admission", "Admission requirements and thresholds"),
                    ("apply", "How to apply"),
                    ("schedule", "Gathering weeks"),
                    ("structure", "Programme structure"),
                ],
                help_text="Facts kept elsewhere in the admin, shown in this section.",
                max_length=20,
                verbose_name="block",
            ),
        ),
    ]
