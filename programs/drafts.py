"""Drafts and scheduled publishing: which programmes a request may see, and when a page is live.

``is_published`` is the switch. ``publish_at`` and ``unpublish_at`` flip it at a time:
``manage.py publish_scheduled`` writes the flip (and records it in the history), but every
query here already reads the schedule, so a page is right at its time even if that command
did not run. Editors (change permission on programmes) also see drafts, at their real URLs,
with a preview banner; those responses are never cached (``preview_headers``).
"""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import add_never_cache_headers


def public_now(now=None):
    """The condition a programme is public under at ``now``: published, or its publish time
    has passed, and its unpublish time (if any) has not. No join: it costs no extra query."""
    now = now or timezone.now()
    return (Q(is_published=True) | Q(publish_at__lte=now)) & (
        Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
    )


def can_preview(request):
    """Whether the visitor may see programmes that are not public: active staff who may edit
    them.

    Without a session cookie nobody is logged in, and the user is not even looked at: reading
    it would mark the session as used and add ``Vary: Cookie``, and the public page could no
    longer be one page for every visitor (config/page_cache.py)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("programs.change_programme")
    )


def preview_headers(response):
    """A draft shown to an editor: never stored by a cache, never indexed."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    response["X-Robots-Tag"] = "noindex"
    return response


def previewed(response, programme):
    """``response`` as is, or marked as a preview when ``programme`` is not public (only an
    editor gets this far with a draft)."""
    return response if programme.is_public() else preview_headers(response)
