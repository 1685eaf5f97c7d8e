"""Named queries for programmes; each docstring states its query cost."""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def listed(self):
        """Published programmes a prospective student can still follow (not discontinued)."""
        from programs.models import Status

        return self.published().exclude(status=Status.DISCONTINUED)

    def in_title_order(self, language):
        """Alphabetical by the title a reader of ``language`` sees (nb when not translated)."""
        title = Coalesce(NullIf(f"title_{language}", Value("")), "title_nb")
        return self.order_by(Lower(title), "pk")

    def for_detail_page(self):
        """Everything a programme page shows, in 9 queries whatever the size.

        Programme with successor and admission requirement (1), sections, study options,
        their thresholds, accepted bachelor fields, cohorts and their weeks, the programmes
        it replaces and their cohorts (1 each). A nested prefetch runs only when its parent
        rows exist.
        """
        return self.select_related("replaced_by", "admission_requirement").prefetch_related(
            "sections",
            "study_options__thresholds",
            "admission_requirement__accepted_fields",
            "cohorts__weeks",
            "replaces__cohorts",
        )

    def with_old_slug(self, slug, language):
        """Programmes that had ``slug`` before a rename; the one renamed in ``language`` first."""
        return (
            self.filter(old_slugs__slug=slug)
            .alias(in_language=Case(When(old_slugs__language=language, then=0), default=1))
            .order_by("in_language", "pk")
        )

    def accepting(self, field_of_study):
        """Programmes whose admission requirement accepts a bachelor in ``field_of_study``."""
        return self.filter(admission_requirement__accepted_fields=field_of_study)

    def with_slug(self, slug, language):
        """Programmes whose slug in any language is ``slug``; the one in ``language`` first.

        Lets ``/en/programmes/<nb-slug>/`` find the programme so the view can redirect it.
        """
        return (
            self.filter(Q(slug_nb=slug) | Q(slug_en=slug))
            .alias(in_language=Case(When(**{f"slug_{language}": slug}, then=0), default=1))
            .order_by("in_language", "pk")
        )
