"""List what editors should fix, one line per finding, for monitoring; exit 1 if anything.

Lines read ``<code> <programme's nb slug>: <message> (<admin path>)``; the codes are those of
admissions/health.py and stay the same in every language.
"""

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from admissions.health import find_problems


class Command(BaseCommand):
    help = "Report missing translations, stale texts and facts, and broken internal links."

    def handle(self, *args, **options):
        findings = find_problems(timezone.localdate())
        for finding in findings:
            self.stdout.write(finding.as_line())
        if findings:
            sys.exit(1)
