"""Load the seed content into an empty database; leave a database with content alone.

``make run`` calls this on every start, so an editor's local changes are never overwritten.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from programs.models import Programme

SEED_FIXTURES = ["fixtures/programmes.json", "fixtures/admissions.json"]


class Command(BaseCommand):
    help = "Load the seed programmes if the database has no programmes yet."

    def handle(self, *args, **options):
        if Programme.objects.exists():
            self.stdout.write("The database already has programmes; seed content not loaded.")
            return
        for fixture in SEED_FIXTURES:
            call_command("loaddata", fixture, verbosity=options["verbosity"])
