"""Builders that fill defaults and run ``full_clean()`` before saving, like every entry point."""

from decimal import Decimal
from itertools import count

from admissions.choices import StudyMode
from admissions.models import (
    AdmissionRequirement,
    AdmissionThreshold,
    Cohort,
    Course,
    FieldOfStudy,
    PlanCourse,
    ProgrammePlan,
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
        "study_code": f"900 {n:05d}",  # never the seed's (215 …), the demo's or the examples'
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


def make_course(**overrides):
    n = next(_numbers)
    fields = {
        "code": f"EMNE{n}",
        "title_nb": f"Emne {n}",
        "title_en": f"Course {n}",
        "credits": 15,
        "level": Level.FURTHER_EDUCATION,
    }
    fields.update(overrides)
    return _saved(Course(**fields))


def make_plan(study_option, cohort=None, courses=(), is_published=True):
    """A plan of ``study_option`` for ``cohort`` (the programme's "2023H" one by default).

    ``courses`` are ``(semester, course)`` or ``(semester, course, is_elective)``; without
    any, every semester gets courses of 15 ECTS up to the programme's credits. Published
    after its courses are in, so ``full_clean()`` checks the plan as a whole."""
    programme = study_option.programme
    if cohort is None:
        cohort = programme.cohorts.filter(code="2023H").first() or make_cohort(programme)
    plan = _saved(ProgrammePlan(study_option=study_option, cohort=cohort))
    if not courses:
        per_semester = Decimal(programme.ects_credits) / study_option.duration_semesters
        courses = [
            (semester, make_course(credits=per_semester))
            for semester in range(1, study_option.duration_semesters + 1)
        ]
    for position, (semester, course, *elective) in enumerate(courses):
        _saved(
            PlanCourse(
                plan=plan,
                course=course,
                semester=semester,
                position=position,
                is_elective=bool(elective and elective[0]),
            )
        )
    plan.is_published = is_published
    return _saved(plan)
