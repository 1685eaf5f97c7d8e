"""Admission facts in a programme page's schema.org data, added through ``programs.extensions``.

One EducationalOccupationalProgram per study option (each has its own study code, mode and
duration, and the courses of its current plan as ``hasCourse``), or the programme's one node
when it has no options. Reads prefetched rows only.
"""

from django.utils.translation import gettext

from admissions.choices import StudyMode
from admissions.models import AdmissionRequirement
from admissions.plans import current_plans
from programs.text import or_list

SCHEMA_MODES = {StudyMode.FULL_TIME: "full-time", StudyMode.PART_TIME: "part-time"}


def iso_duration(semesters):
    """A semester is half a year: 2 → "P1Y", 4 → "P2Y", 3 → "P18M"."""
    return f"P{semesters // 2}Y" if semesters % 2 == 0 else f"P{semesters * 6}M"


def add_admission_facts(programme, graph, today):
    """``graph`` (the programme's node) with its prerequisites, split into one node per option."""
    requirement = AdmissionRequirement.of(programme)
    if requirement is not None and requirement.accepted_field_names():
        # The same sentence as the admission block on the page.
        graph = {
            **graph,
            "programPrerequisites": gettext(
                "To apply for this programme, you must have a bachelor's degree or equivalent in "
                "%(fields)s."
            )
            % {"fields": or_list(requirement.accepted_field_names())},
        }
    nodes = []
    plans = {found.option: found.current for found in current_plans(programme)}
    for option in programme.study_options.all():
        node = {
            **graph,
            "identifier": option.study_code,
            "educationalProgramMode": SCHEMA_MODES[option.mode],
            "timeToComplete": iso_duration(option.duration_semesters),
        }
        if programme.is_open:
            node["applicationDeadline"] = option.next_deadline(today).isoformat()
        if option in plans:
            node.update(plan_facts(plans[option]))
        nodes.append(node)
    if not nodes:
        return graph
    return nodes[0] if len(nodes) == 1 else nodes


def credits_value(credits):
    return {"@type": "StructuredValue", "value": float(credits), "unitText": "ECTS"}


def plan_facts(plan):
    """The current plan of an option: its courses (schema.org Course) and its credits."""
    courses = []
    for semester in plan.semesters():
        for placement in semester.placements:
            course = placement.course
            node = {
                "@type": "Course",
                "courseCode": course.code,
                "name": course.title,
                "numberOfCredits": credits_value(course.credits),
                "inLanguage": course.language,
            }
            if course.description_url:
                node["url"] = course.description_url
            courses.append(node)
    return {"numberOfCredits": credits_value(plan.total_credits()), "hasCourse": courses}
