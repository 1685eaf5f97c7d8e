"""The "Study administrator" role: the permissions to keep the catalogue's content current.

Exactly: add, change, delete and view every content model of ``programs`` and ``admissions``
(programmes, sections, study options, thresholds, cohorts, courses, plans, … — found by app,
so a content model added later is included), which also covers the history and restore pages
of django-reversion (they ask for the change permission) and the threshold import (it asks for
add and change on thresholds, admissions/admin_thresholds.py). Nothing else: no users, groups
or permissions, and no ``OldSlug`` (``Programme.save()`` keeps those; editors never do).

One list, used by the data migration that creates the group and by
``manage.py add_study_administrator``, which also brings the group up to date.
"""

from django.apps import apps as global_apps

from programs.signals import CONTENT_APPS

GROUP_NAME = "Study administrator"
NOT_CONTENT = {("programs", "oldslug")}


def content_models(apps=global_apps):
    """The models an administrator edits, from ``apps`` (a migration's historical apps too)."""
    return [
        model
        for label in sorted(CONTENT_APPS)
        for model in apps.get_app_config(label).get_models()
        if (model._meta.app_label, model._meta.model_name) not in NOT_CONTENT
    ]


def permission_keys(apps=global_apps):
    """``[(app_label, codename)]`` of every permission the role holds."""
    return [
        (model._meta.app_label, f"{action}_{model._meta.model_name}")
        for model in content_models(apps)
        for action in model._meta.default_permissions
    ]


def update_group(apps=global_apps):
    """Create the group if needed and give it exactly ``permission_keys()``; returns it.

    The permissions must exist (``create_permissions`` runs after ``migrate``, and the data
    migration calls it first).
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    keys = set(permission_keys(apps))
    wanted = [
        permission
        for permission in permission_model.objects.filter(
            content_type__app_label__in=CONTENT_APPS
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in keys
    ]
    group, _created = group_model.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(wanted)
    return group
