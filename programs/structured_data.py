"""schema.org data for a programme page: only facts the page itself shows.

One EducationalOccupationalProgram for the programme; the apps built on programmes add their
facts through ``extensions.structured_data`` (admissions makes one node per study option).
``inLanguage`` is left out: it is not a property of this type (schema.org; FIELD-NOTES §11).
Reads prefetched rows only.
"""

from django.conf import settings

from programs.extensions import extensions


def programme_graph(programme, url, today, image=""):
    """The JSON-LD of a programme page: a dict, or a list of dicts (one per variant).

    ``url`` and ``image`` (the hero image, if any) are absolute (config/site.py)."""
    graph = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.title,
        "description": programme.description,
        "url": url,
        "provider": {"@type": "CollegeOrUniversity", "name": settings.INSTITUTION_NAME},
        "educationalCredentialAwarded": programme.get_level_display(),
    }
    if image:
        graph["image"] = image
    if programme.ects_credits:
        graph["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": float(programme.ects_credits),
            "unitText": "ECTS",
        }
    for add_facts in extensions.structured_data:
        graph = add_facts(programme, graph, today)
    return graph
