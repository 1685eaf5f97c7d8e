"""Named queries for programmes; each docstring states its query cost."""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf

from programs.choices import Status
from programs.extensions import extensions


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def listed(self):
        """Published programmes a prospective student can still follow (not discontinued)."""
        return self.published().exclude(status=Status.DISCONTINUED)

    def in_title_order(self, language):
        """Alphabetical by the title a reader of ``language`` sees (nb when not translated)."""
        title = Coalesce(NullIf(f"title_{language}", Value("")), "title_nb")
        return self.order_by(Lower(title), "pk")

    def for_detail_page(self):
        """Everything a programme page shows, in a constant number of queries whatever the size.

        Programme with successor (1), its sections and the programmes it replaces (1 each), and
        the rows the apps built on programmes register in ``extensions`` (admissions: its
        requirement in the first query; options, thresholds, accepted fields, cohorts, weeks and
        cohorts of replaced programmes, 1 each; 9 in all). A nested prefetch runs only when its
        parent rows exist.
        """
        return self.select_related(
            "replaced_by", *extensions.detail_select_related
        ).prefetch_related("sections", "replaces", *extensions.detail_prefetch_related)

    def at_slug(self, slug, language):
        """The programme at ``slug``, or None: a live slug in any language (the one in
        ``language`` first), else a slug it had before a rename.

        A live slug costs 1 query plus this queryset's prefetches. An old slug only ever leads
        to a redirect, so that programme comes without the prefetches: 2 queries.
        """
        return (
            self.with_slug(slug, language).first()
            or self.prefetch_related(None).with_old_slug(slug, language).first()
        )

    def with_old_slug(self, slug, language):
        """Programmes that had ``slug`` before a rename; the one renamed in ``language`` first."""
        return (
            self.filter(old_slugs__slug=slug)
            .alias(in_language=Case(When(old_slugs__language=language, then=0), default=1))
            .order_by("in_language", "pk")
        )

    def with_slug(self, slug, language):
        """Programmes whose slug in any language is ``slug``; the one in ``language`` first.

        Lets ``/en/programmes/<nb-slug>/`` find the programme so the view can redirect it.
        """
        return (
            self.filter(Q(slug_nb=slug) | Q(slug_en=slug))
            .alias(in_language=Case(When(**{f"slug_{language}": slug}, then=0), default=1))
            .order_by("in_language", "pk")
        )
