"""Carry out the publishing schedule: publish and take down programmes whose time has come.

Safe to run every minute (cron, a systemd timer; README "Drafts, history, scheduled
publishing"): it only touches programmes with a time in the past, and clears that time once
carried out, so a second run finds nothing to do. Pages are right at their time even before it
runs (``published()`` reads the schedule); this writes the state down and records each change
in the programme's history.
"""

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from programs import history
from programs.models import Programme


def carry_out_schedule(now):
    """Publish and unpublish what is due at ``now``; returns the programmes changed, each in a
    revision of its own with a comment saying what happened."""
    due = Programme.objects.filter(Q(publish_at__lte=now) | Q(unpublish_at__lte=now))
    changed = []
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic(), reversion.create_revision():
            # Read again, locked: a run overlapping this one finds the time already cleared.
            programme = Programme.objects.select_for_update().get(pk=pk)
            published = programme.publish_at is not None and programme.publish_at <= now
            taken_down = programme.unpublish_at is not None and programme.unpublish_at <= now
            if published:
                programme.is_published, programme.publish_at = True, None
            if taken_down:
                programme.is_published, programme.unpublish_at = False, None
            if not (published or taken_down):
                continue
            programme.save()
            reversion.set_comment(
                history.comment(
                    gettext_noop("Published and taken down as scheduled.")
                    if published and taken_down
                    else gettext_noop("Published as scheduled.")
                    if published
                    else gettext_noop("Taken down as scheduled.")
                )
            )
        changed.append(programme)
    return changed


class Command(BaseCommand):
    help = "Publish and unpublish programmes whose scheduled time has passed (idempotent)."

    def handle(self, *args, **options):
        changed = carry_out_schedule(timezone.now())
        for programme in changed:
            state = "published" if programme.is_published else "unpublished"
            self.stdout.write(f"{programme.slug_nb}: {state}")
        if options["verbosity"] > 1 or changed:
            self.stdout.write(f"{len(changed)} programme(s) changed.")
