"""Reading responses as a visitor would: parsed HTML and its visible text."""

import re

from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def visible_text(response):
    """The page's text with whitespace collapsed, as a reader (or screen reader) gets it."""
    return " ".join(parse(response).body.get_text(" ").split())


def switcher_links(response):
    """``{hreflang: href}`` of the language switcher."""
    links = parse(response).select(".language-switcher a[hreflang]")
    return {a["hreflang"]: a["href"] for a in links}


def new_programme_form(add_form_html, **fields):
    """POST data for the admin's "add programme" form (its HTML given): a published open
    programme "med-bilde" with an image description, every inline empty, plus ``fields``."""
    management = re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL)_FORMS)"', add_form_html)
    return {
        **dict.fromkeys(management, "0"),
        "title_nb": "Studium med bilde",
        "slug_nb": "med-bilde",
        "level": "further_education",
        "ects_credits": "60",
        "lead_nb": "Ingress.",
        "status": "open",
        "is_published": "on",
        "hero_alt_nb": "En blå flate.",
        **fields,
    }
