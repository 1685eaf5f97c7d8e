"""Load the seed content into an empty database; leave a database with content alone.

``make run`` calls this on every start, so an editor's local changes are never overwritten.
``loaddata`` skips ``clean()``, so every loaded record is then validated like an admin form
would validate it; one invalid record rolls the whole load back. Each programme then gets
its first version in the history (programs/history.py).
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_noop

from programs import history
from programs.models import Programme

SEED_FIXTURES = ["fixtures/programmes.json", "fixtures/admissions.json"]
VALIDATED_APPS = ["programs", "admissions"]


class Command(BaseCommand):
    help = "Load the seed programmes if the database has no programmes yet."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", default=SEED_FIXTURES)

    def handle(self, *args, fixtures, **options):
        if Programme.objects.exists():
            self.stdout.write("The database already has programmes; seed content not loaded.")
            return
        with transaction.atomic():
            for fixture in fixtures:
                call_command("loaddata", fixture, verbosity=options["verbosity"])
            problems = list(self.validation_problems())
            if problems:
                raise CommandError("Nothing was loaded:\n" + "\n".join(problems))
            # Each programme's history starts here, so the seed text can be restored.
            for programme in Programme.objects.all():
                history.record(
                    programme, None, history.comment(gettext_noop("Loaded from the seed content."))
                )

    def validation_problems(self):
        for label in VALIDATED_APPS:
            for model in apps.get_app_config(label).get_models():
                for obj in model.objects.all():
                    try:
                        obj.full_clean()
                    except ValidationError as error:
                        for field, messages in error.message_dict.items():
                            for message in messages:
                                yield f"{model._meta.label} {obj.pk} {field}: {message}"
