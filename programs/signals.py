"""A programme page changes when any of its parts does: keep ``Programme.updated_at`` true,
and make the whole-page cache fresh (config/page_cache.py).

The sitemap's lastmod, the page's "last updated" line and the cohort feeds' DTSTAMP come
from that one timestamp, so every model shown on a programme page touches its programme when
saved or deleted. (Pages are revalidated by their ETag, taken from their bytes.) Any save or
delete in the content apps bumps the page cache's content version; code that writes with
``QuerySet.update()`` or ``bulk_create()`` (no signals) calls ``bump_content_version()``.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from config.page_cache import bump_content_version
from programs.models import Programme


def touch_programme(programme_id):
    if programme_id is not None:
        Programme.objects.filter(pk=programme_id).update(updated_at=timezone.now())


def connect(model, programme_id_of):
    """Touch the programme ``programme_id_of(instance)`` whenever ``model`` changes."""

    def receiver(sender, instance, raw=False, **kwargs):
        if raw:  # loaddata brings its own timestamps
            return
        try:
            programme_id = programme_id_of(instance)
        except ObjectDoesNotExist:  # a cascade already removed the parent: nothing to touch
            return
        touch_programme(programme_id)

    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"touch-{model.__name__}")
    post_delete.connect(
        receiver, sender=model, weak=False, dispatch_uid=f"untouch-{model.__name__}"
    )


# The apps whose rows are the site's content: a save refreshes the page cache, and the study
# administrator's role may edit them (admissions/roles.py).
CONTENT_APPS = {"programs", "admissions"}


def bump_page_cache(sender, **kwargs):
    """Any save or delete of a content model (m2m changes and ``loaddata`` too) makes every
    cached page fresh.

    Now, and again after the commit: a page rendered between the two from rows not yet
    committed is stored under the first new version, which the second one retires."""
    if sender._meta.app_label not in CONTENT_APPS:
        return
    rescheduled = sender is Programme  # only a programme has publish_at and unpublish_at
    bump_content_version(rescheduled)
    transaction.on_commit(lambda: bump_content_version(rescheduled))


for signal in (post_save, post_delete, m2m_changed):
    signal.connect(bump_page_cache, weak=False, dispatch_uid="page-cache")
