"""The Study administrator group, with the permissions of admissions/roles.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from admissions import roles


def create_group(apps, schema_editor):
    """Permissions are normally created after ``migrate`` ends; create them now so the group
    can be given them in the same run (a fresh database has none yet)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.update_group(apps)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=roles.GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0007_courses_and_plans"),
        ("programs", "0008_publishing_schedule"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
