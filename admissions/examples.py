"""A programme plan for the page-type sweeps (config/page_types.py): the seed has none, as
we do not know the real course list, so the example lives on a programme of its own.

The programme is retired without a successor, so it stays out of the list, the sitemap and
the seed programmes' pages; its plan page stays reachable, as plans of retired programmes do
for their enrolled students. Saved through ``full_clean()`` like every other entry point.
"""

from admissions.choices import Season, StudyMode
from admissions.models import (
    Cohort,
    Course,
    InstructionLanguage,
    PlanCourse,
    ProgrammePlan,
    StudyOption,
)
from programs.choices import Level, Status
from programs.models import Programme

COURSES = [  # (semester, code, nb, en, credits, elective, language, description)
    (
        1,
        "EKS1100",
        "Eksempelemne om relasjoner",
        "Example course on relations",
        15,
        False,
        "nb",
        True,
    ),
    (1, "EKS1200", "Eksempelemne om metode", "Example course on method", 15, False, "nb", False),
    (2, "EKS1300", "Eksempelemne i praksis", "Example course in practice", 20, False, "nb", False),
    (2, "EKS1400", "Valgfritt eksempelemne", "Elective example course", 10, True, "en", False),
]


def saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def add_plan_page_example():
    """The programme "med-programplan" with a published full-time plan for cohort 2023H."""
    programme = saved(
        Programme(
            title_nb="Studium med programplan",
            title_en="Programme with a programme plan",
            slug_nb="med-programplan",
            slug_en="with-programme-plan",
            lead_nb="Et eksempel på en programplan.",
            lead_en="An example of a programme plan.",
            level=Level.FURTHER_EDUCATION,
            ects_credits=60,
            status=Status.DISCONTINUED,
            is_published=True,
        )
    )
    option = saved(
        StudyOption(
            programme=programme,
            mode=StudyMode.FULL_TIME,
            study_code="999 0010",
            duration_semesters=2,
            deadline_month=3,
            deadline_day=1,
        )
    )
    cohort = saved(
        Cohort(programme=programme, code="2023H", ends_year=2024, ends_season=Season.SPRING)
    )
    plan = saved(ProgrammePlan(study_option=option, cohort=cohort))
    for position, (semester, code, nb, en, credits, elective, language, url) in enumerate(COURSES):
        course = saved(
            Course(
                code=code,
                title_nb=nb,
                title_en=en,
                credits=credits,
                level=Level.FURTHER_EDUCATION,
                language=InstructionLanguage(language),
                description_url="https://example.org/emne/eks1100" if url else "",
            )
        )
        saved(
            PlanCourse(
                plan=plan,
                course=course,
                semester=semester,
                position=position,
                is_elective=elective,
            )
        )
    plan.is_published = True
    saved(plan)
