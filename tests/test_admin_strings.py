"""Issue 15: the Norwegian admin speaks Norwegian, in its chrome, errors, history and editor."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.utils import translation
from django.utils.text import capfirst

from admissions.models import (
    AdmissionRequirement,
    AdmissionThreshold,
    Cohort,
    FieldOfStudy,
    ScheduleWeek,
    StudyOption,
)
from config.admin_strings import CHANGE_MESSAGE_LABELS, DJANGO_ADMIN, SCRIPT_STRINGS
from programs.models import Programme, Section
from tests.builders import (
    make_cohort,
    make_programme,
    make_study_option,
    make_threshold,
    make_week,
)
from tests.pages import parse, rendered_form, visible_text

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
# What the editor walking the nb admin found in English, and what we found after her.
ENGLISH = [
    "Please correct the error",
    "Show counts",
    "Hide counts",
    "Start typing to filter",
    "Filter navigation items",
    "Sidebar",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Select all objects on this page",
    "Select this object for an action",
    "Access attempts",
    "duplicate data",
    "for anchor",
    "Anchor",
    "Text [",
    "Lead [",
]
# Models whose admin forms an editor fills in: every field label must be translated, since
# history lines show it (CHANGE_MESSAGE_LABELS).
EDITED_MODELS = [
    Programme,
    Section,
    StudyOption,
    AdmissionThreshold,
    Cohort,
    AdmissionRequirement,
    ScheduleWeek,
    FieldOfStudy,
]
SAME_IN_BOTH = {"Status"}  # Norwegian words spelt as in English


def readable(response):
    """Visible text plus the attributes a screen reader or a tooltip reads out."""
    page = parse(response)
    attributes = [
        element[name]
        for name in ("placeholder", "aria-label", "title", "alt")
        for element in page.select(f"[{name}]")
    ]
    return " ".join([visible_text(response), *attributes])


def english_in(response):
    text = readable(response)
    return [string for string in ENGLISH if string in text]


def change_programme(client, programme, **typed):
    url = f"{ADMIN}programs/programme/{programme.pk}/change/"
    return client.post(url, {**rendered_form(client.get(url)), **typed})


@pytest.fixture
def catalogue():
    programme = make_programme(sections=2)
    option = make_study_option(programme)
    make_threshold(option)
    make_week(make_cohort(programme))
    return programme


@pytest.mark.parametrize(
    "path",
    [
        "",
        "programs/programme/",
        "programs/programme/?status__exact=open&_facets=True",
        "programs/programme/add/",
        "programs/section/",
        "admissions/studyoption/",
        "admissions/cohort/",
        "admissions/fieldofstudy/",
    ],
)
def test_norwegian_admin_pages_show_no_english_interface_text(admin_client, catalogue, path):
    response = admin_client.get(ADMIN + path)
    assert response.status_code == 200
    assert english_in(response) == []


def test_norwegian_change_forms_show_no_english_interface_text(admin_client, catalogue):
    option = catalogue.study_options.get()
    cohort = catalogue.cohorts.get()
    for path in [
        f"programs/programme/{catalogue.pk}/change/",
        f"programs/section/{catalogue.sections.first().pk}/change/",
        f"admissions/studyoption/{option.pk}/change/",
        f"admissions/cohort/{cohort.pk}/change/",
    ]:
        assert english_in(admin_client.get(ADMIN + path)) == [], path


def test_the_change_form_with_errors_says_what_to_correct_in_norwegian(admin_client, catalogue):
    response = change_programme(admin_client, catalogue, title_nb="", ects_credits="sju")
    assert response.status_code == 200
    assert "Rett opp feilene nedenfor." in visible_text(response)
    assert english_in(response) == []


def test_two_sections_with_one_anchor_are_refused_naming_the_field_in_norwegian(
    admin_client, catalogue
):
    response = change_programme(
        admin_client,
        catalogue,
        **{"sections-0-anchor_nb": "frist", "sections-1-anchor_nb": "frist"},
    )
    assert response.status_code == 200
    assert "To seksjoner har samme anker [nb]. Gi hver seksjon sitt eget." in visible_text(response)
    assert english_in(response) == []
    assert not catalogue.sections.filter(anchor="frist").exists()


def test_the_english_admin_says_which_language_two_anchors_share(admin_client, catalogue):
    url = f"{ADMIN}programs/programme/{catalogue.pk}/change/"
    data = rendered_form(admin_client.get(url))
    data.update({"sections-0-anchor_en": "deadline", "sections-1-anchor_en": "deadline"})
    response = admin_client.post(url, data, headers={"accept-language": "en"})
    assert "Two sections have the same anchor [en]. Give each section its own." in (
        visible_text(response)
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Vennligst korriger dupliserte data for kull."),
        ("en", "Please correct the duplicate data for cohort."),
    ],
)
def test_a_duplicate_in_other_inlines_names_the_field_by_its_label(
    admin_client, catalogue, language, message
):
    make_cohort(catalogue, code="2024H")
    url = f"{ADMIN}programs/programme/{catalogue.pk}/change/"
    headers = {"accept-language": language}
    data = rendered_form(admin_client.get(url, headers=headers))
    data.update({"cohorts-0-code": "2023H", "cohorts-1-code": "2023H"})
    response = admin_client.post(url, data, headers=headers)
    assert message in visible_text(response)


def test_history_lines_name_changed_fields_in_norwegian(admin_client, catalogue):
    section = catalogue.sections.first()
    index = list(catalogue.sections.all()).index(section)
    response = change_programme(
        admin_client,
        catalogue,
        lead_en="A new lead.",
        **{f"sections-{index}-body_en": "<p>New.</p>", f"sections-{index}-anchor_nb": "ny"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(catalogue.pk))
    message = entry.get_change_message()
    assert "Ingress [en]" in message
    assert "Tekst [en] og Anker [nb] for seksjon" in message
    assert not re.search(r"Lead|Text|Anchor", message)
    with translation.override("en"):
        assert "Text [en] and Anchor [nb]" in entry.get_change_message()


def test_every_field_label_an_editor_can_change_is_translated():
    missing = []
    for model in EDITED_MODELS:
        for field in model._meta.get_fields():
            if not getattr(field, "editable", False) or field.auto_created:
                continue
            if not (field.concrete or field.many_to_many):
                continue
            with translation.override(None):
                label = str(capfirst(field.verbose_name))  # as a history line stores it
            if translation.gettext(label) == label and label not in SAME_IN_BOTH:
                missing.append(f"{model.__name__}.{field.name}: {label}")
    assert missing == []


def test_every_string_we_mark_for_the_admin_has_a_norwegian_translation():
    plain = [s for s in [*DJANGO_ADMIN, *CHANGE_MESSAGE_LABELS, *SCRIPT_STRINGS] if type(s) is str]
    assert [s for s in plain if translation.gettext(s) == s] == []
    assert translation.ngettext("entry", "entries", 2) == "oppføringer"
    assert translation.ngettext(
        "Please correct the error below.", "Please correct the errors below.", 1
    ) == ("Rett opp feilen nedenfor.")


# The rich-text editor looks its dialog texts up with window.gettext.


def test_the_editor_dialog_texts_are_served_in_norwegian(client):
    script = client.get(f"{ADMIN}jsi18n/more/").content.decode()
    for english, norwegian in [
        ("URL", "Nettadresse"),
        ("Title", "Tittel"),
        ("Edit Link", "Rediger lenke"),
        ("Update", "Oppdater"),
        ("Cancel", "Avbryt"),
    ]:
        assert f'"{english}": "{norwegian}"' in script
    assert '"abbrev. day Monday\\u0004Mon": "man"' in script


def test_the_editor_dialog_texts_stay_english_in_the_english_admin(client):
    script = client.get(f"{ADMIN}jsi18n/more/", headers={"accept-language": "en"})
    assert '"Edit Link": "Edit Link"' in script.content.decode()


def test_the_change_form_loads_the_texts_before_the_editor(admin_client, catalogue):
    page = parse(admin_client.get(f"{ADMIN}programs/programme/{catalogue.pk}/change/"))
    scripts = [script["src"] for script in page.select("script[src]")]
    ours = scripts.index(f"{ADMIN}jsi18n/more/")
    assert ours < scripts.index(f"{ADMIN}jsi18n/")
    assert ours < next(i for i, src in enumerate(scripts) if "django_prose_editor" in src)


def test_the_texts_we_serve_are_the_ones_the_editor_looks_up():
    """After upgrading django-prose-editor: its dialogs' texts, as editor.js names them."""
    from pathlib import Path

    import django_prose_editor

    editor = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    looked_up = set(re.findall(r'pX\("([^"]+)"\)', editor.read_text()))
    dialog = {"URL", "Title", "Edit Link", "Update", "Cancel", "Toggle fullscreen"}
    assert dialog <= looked_up
    assert dialog <= set(SCRIPT_STRINGS)


@pytest.mark.parametrize(
    "page", ["programs/programme/{programme}/change/", "admissions/cohort/{cohort}/change/"]
)
def test_the_inlines_add_labels_read_as_norwegian(admin_client, catalogue, page):
    path = page.format(programme=catalogue.pk, cohort=catalogue.cohorts.get().pk)
    add_texts = {
        json.loads(div["data-inline-formset"])["options"]["addText"]
        for div in parse(admin_client.get(ADMIN + path)).select("[data-inline-formset]")
    }
    assert add_texts
    assert all(text.startswith("Legg til ") for text in add_texts), add_texts
    # Django's own "Legg til ny %(verbose_name)s" gives "ny Kull", "ny Opptakskrav".
    assert not [text for text in add_texts if re.search(r" [A-ZÆØÅ]", text)], add_texts
