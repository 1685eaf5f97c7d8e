"""``manage.py demo_catalogue --programmes 400``: a catalogue at university scale (issue 11).

For measuring pages against real volume, never for production content. The command owns the
programmes whose nb slug starts with "demo-": each run deletes those (with their sections,
options, thresholds, requirements and cohorts) and builds them again from a seeded
``random.Random``, so two runs leave the same content and every other programme is left alone.
Years count from ``BASE_YEAR`` (``_demo_builder.py``), never from today: the content stays put.

Every object passes ``full_clean()``, then is saved with ``bulk_create()``, all in one
transaction. Bulk saves skip ``Programme.save()`` (slug history: these rows are new) and the
signals that touch ``Programme.updated_at``; the programmes get their ``updated_at`` when they
are created, in the same run as their parts.
"""

import random
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import translation

from admissions.management.commands._demo_builder import (
    COURSE_PREFIX,
    LIMIT,
    PREFIX,
    Catalogue,
)
from admissions.models import (
    AdmissionRequirement,
    AdmissionThreshold,
    Cohort,
    Course,
    PlanCourse,
    ProgrammePlan,
    ScheduleWeek,
    StudyOption,
)
from config.page_cache import bump_content_version
from programs.models import Programme, Section


def remove_demo_programmes():
    """Delete the programmes this command owns, and everything that hangs on them.

    Their parts go first, each in one SQL statement: ``delete()`` would load every row and
    send a signal per row, each touching a programme that is about to go (minutes for 400
    programmes). Rows of apps this command does not know go with the programmes, the usual way.
    """
    demo = Programme.objects.filter(slug_nb__startswith=PREFIX)
    parts = [
        PlanCourse.objects.filter(plan__study_option__programme__in=demo),
        ProgrammePlan.objects.filter(study_option__programme__in=demo),
        # The demo's own courses, unless an editor placed one in a plan of her own.
        Course.objects.filter(code__startswith=COURSE_PREFIX, placements__isnull=True),
        ScheduleWeek.objects.filter(cohort__programme__in=demo),
        Cohort.objects.filter(programme__in=demo),
        AdmissionThreshold.objects.filter(study_option__programme__in=demo),
        StudyOption.objects.filter(programme__in=demo),
        AdmissionRequirement.accepted_fields.through.objects.filter(
            admissionrequirement__programme__in=demo
        ),
        AdmissionRequirement.objects.filter(programme__in=demo),
        Section.objects.filter(programme__in=demo),
    ]
    for rows in parts:
        rows._raw_delete(rows.db)  # private: the fast path of QuerySet.delete()
    demo.update(replaced_by=None)  # replaced_by protects its target: unlink chains first
    try:
        demo.delete()
    except ProtectedError as error:
        names = ", ".join(sorted(str(p) for p in error.protected_objects))
        raise CommandError(f"Not replaced: {names} point to demo programmes.") from None


class Command(BaseCommand):
    help = "Replace the demo programmes (nb slug demo-…) with a generated catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=400, help="0 removes them.")
        parser.add_argument("--seed", type=int, default=11, help="Seed of the generator.")

    def handle(self, *args, programmes, seed, **options):
        if not 0 <= programmes <= LIMIT:
            raise CommandError(f"--programmes must be from 0 to {LIMIT}.")
        started = time.perf_counter()
        try:
            with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
                remove_demo_programmes()
                counts = Catalogue(random.Random(seed)).build(programmes)
        except ValidationError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        bump_content_version()  # bulk_create, update and _raw_delete send no signals
        summary = ", ".join(f"{number} {name}" for name, number in counts.items())
        seconds = time.perf_counter() - started
        self.stdout.write(f"Demo catalogue: {summary}, in {seconds:.1f} s.")
