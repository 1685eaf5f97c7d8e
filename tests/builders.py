"""Builders that fill defaults and run ``full_clean()`` before saving, like every entry point."""

from decimal import Decimal
from itertools import count

from admissions.choices import StudyMode
from admissions.models import (
    AdmissionRequirement,
    AdmissionThreshold,
    Cohort,
    FieldOfStudy,
    ScheduleWeek,
    StudyOption,
)
from programs.models import Level, Programme, Section, Status

_numbers = count(1)


def make_programme(sections=0, **overrides):
    n = next(_numbers)
    fields = {
        "title_nb": f"Studium {n}",
        "title_en": f"Programme {n}",
        "slug_nb": f"studium-{n}",
        "slug_en": f"programme-{n}",
        "lead_nb": f"Ingress for studium {n}.",
        "lead_en": f"Lead for programme {n}.",
        "level": Level.FURTHER_EDUCATION,
        "ects_credits": 60,
        "status": Status.OPEN,
        "is_published": True,
    }
    fields.update(overrides)
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    for position in range(sections):
        make_section(programme, position=position)
    return programme


def make_section(programme, **overrides):
    n = next(_numbers)
    fields = {
        "programme": programme,
        "title_nb": f"Spørsmål {n}?",
        "title_en": f"Question {n}?",
        "body_nb": f"<p>Svar {n}.</p>",
        "body_en": f"<p>Answer {n}.</p>",
    }
    fields.update(overrides)
    section = Section(**fields)
    section.full_clean()
    section.save()
    return section


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def make_field_of_study(**overrides):
    n = next(_numbers)
    fields = {"name_nb": f"Fag {n}", "name_en": f"Field {n}", "code": f"fag-{n}"}
    fields.update(overrides)
    return _saved(FieldOfStudy(**fields))


def make_requirement(programme, fields=(), **overrides):
    requirement = _saved(AdmissionRequirement(programme=programme, **overrides))
    requirement.accepted_fields.set(fields)
    return requirement


def make_study_option(programme, **overrides):
    n = next(_numbers)
    fields = {
        "programme": programme,
        "mode": StudyMode.FULL_TIME,
        "study_code": f"215 {n:04d}",
        "duration_semesters": 2,
        "deadline_month": 3,
        "deadline_day": 1,
    }
    fields.update(overrides)
    return _saved(StudyOption(**fields))


def make_threshold(study_option, **overrides):
    fields = {"study_option": study_option, "admission_year": 2024, "points": Decimal("2.78")}
    fields.update(overrides)
    return _saved(AdmissionThreshold(**fields))


def make_cohort(programme, **overrides):
    fields = {"programme": programme, "code": "2023H", "ends_year": 2025, "ends_season": "spring"}
    fields.update(overrides)
    return _saved(Cohort(**fields))


def make_week(cohort, **overrides):
    fields = {"cohort": cohort, "iso_year": 2024, "week": 37, "kind": "gathering"}
    fields.update(overrides)
    return _saved(ScheduleWeek(**fields))
