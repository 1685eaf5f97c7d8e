"""schema.org data for a programme page: only facts the page itself shows.

One EducationalOccupationalProgram per study option (each has its own study code, mode and
duration), or one for the programme when it has no options. ``inLanguage`` is left out: it is
not a property of this type (schema.org; FIELD-NOTES §11). Reads prefetched rows only.
"""

from django.conf import settings
from django.utils.translation import gettext

from programs.text import or_list

SCHEMA_MODES = {"full_time": "full-time", "part_time": "part-time"}


def iso_duration(semesters):
    """A semester is half a year: 2 → "P1Y", 4 → "P2Y", 3 → "P18M"."""
    return f"P{semesters // 2}Y" if semesters % 2 == 0 else f"P{semesters * 6}M"


def programme_graph(programme, url, today):
    base = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.title,
        "description": programme.meta_description or programme.lead,
        "url": url,
        "provider": {"@type": "CollegeOrUniversity", "name": settings.INSTITUTION_NAME},
        "educationalCredentialAwarded": programme.get_level_display(),
    }
    if programme.ects_credits:
        base["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": float(programme.ects_credits),
            "unitText": "ECTS",
        }
    requirement = programme.requirement
    if requirement is not None and requirement.accepted_field_names():
        # The same sentence as the admission block on the page.
        base["programPrerequisites"] = gettext(
            "To apply for this programme, you must have a bachelor's degree or equivalent in "
            "%(fields)s."
        ) % {"fields": or_list(requirement.accepted_field_names())}
    options = programme.study_options.all()
    if not options:
        return base
    graph = []
    for option in options:
        node = {
            **base,
            "identifier": option.study_code,
            "educationalProgramMode": SCHEMA_MODES[option.mode],
            "timeToComplete": iso_duration(option.duration_semesters),
        }
        if programme.is_open:
            node["applicationDeadline"] = option.next_deadline(today).isoformat()
        graph.append(node)
    return graph[0] if len(graph) == 1 else graph
