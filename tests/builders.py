"""Builders that fill defaults and run ``full_clean()`` before saving, like every entry point."""

from itertools import count

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
