"""A programme page changes when any of its parts does: keep ``Programme.updated_at`` true.

The sitemap's lastmod and the page's Last-Modified come from that one timestamp, so every
model shown on a programme page touches its programme when saved or deleted.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

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
