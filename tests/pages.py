"""Reading responses as a visitor would: parsed HTML, its visible text, and the values a browser
would send from a form."""

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


def rendered_form(response, new_rows=None):
    """``{name: value}`` of the admin form as the browser would send it untouched; with
    ``new_rows={"sections": 2}``, also a copy of that inline's empty form as row 2, as a click
    on "Add another" makes."""
    form = parse(response).select_one("form[id$=_form]")  # not the logout form
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        prefix = name.split("-", 1)[0]
        if "__prefix__" in name and prefix in (new_rows or {}):
            name = name.replace("__prefix__", str(new_rows[prefix]))
        elif "__prefix__" in name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select" and field.has_attr("multiple"):
            data[name] = [option["value"] for option in field.select("option[selected]")]
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def refused_pages():
    """``{status: (headers, body)}`` of the pages gunicorn writes for the requests it refuses
    (config/rejected.py), one per kind of wording: a bad request, too long, too large."""
    from config.rejected import WORDINGS, response

    pages = {}
    for status in (400, *WORDINGS):
        head, _, body = response(status).partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        pages[status] = (dict(line.split(": ", 1) for line in lines), body)
    return pages
