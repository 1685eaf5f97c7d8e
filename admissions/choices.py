"""Enumerations of admission facts, apart from the models so every layer can import them."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class StudyMode(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")


class Quota(models.TextChoices):
    ORDINARY = "ORD", _("Ordinary quota")
    FIRST_DIPLOMA = "ORDF", _("First-time diploma quota")


class Round(models.TextChoices):
    MAIN = "HOVED", _("Main round")
    SUPPLEMENTARY = "SUPP", _("Supplementary round")


class Outcome(models.TextChoices):
    POINTS = "points", _("Points")
    ALL_QUALIFIED = "ALLE", _("All qualified applicants admitted")
    WITHDRAWN = "TRU", _("Programme withdrawn")
    OPEN = "open", _("Open admission")
    NOT_GIVEN = "oi", _("Not given")


class Scale(models.TextChoices):
    # OsloMet ranks further education by bachelor grade average (A=5 … E=1); Samordna opptak
    # publishes competition points, which go above 60 with extra points.
    GRADE_AVERAGE = "grade_average", _("Grade average, 1–5")
    COMPETITION_POINTS = "competition_points", _("Competition points, 0–90")


# A scale as the public pages name it. The admin's labels give the range a value must lie in;
# competition points have no upper bound a reader could use (what anyone can reach is lower
# than 90 and changes with the admission rules), so the pages give none.
SCALE_FOR_READERS = {
    Scale.GRADE_AVERAGE: Scale.GRADE_AVERAGE.label,
    Scale.COMPETITION_POINTS: _("Competition points"),
}

SCALE_RANGE = {
    Scale.GRADE_AVERAGE: (Decimal("1.00"), Decimal("5.00")),
    Scale.COMPETITION_POINTS: (Decimal("0.00"), Decimal("90.00")),
}


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    AUTUMN = "autumn", _("Autumn")


class Kind(models.TextChoices):
    GATHERING = "gathering", _("Teaching")
    PRACTICE = "practice", _("Placement")
    EXAM = "exam", _("Exam")
