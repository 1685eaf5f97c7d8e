"""A name or text that draws nothing (a zero-width space, a byte-order mark, a blank Braille
pattern) is refused wherever a reader would see it as a link, heading or alt text."""

import pytest
from django.core.exceptions import ValidationError

from programs.models import Programme
from tests.builders import (
    make_cohort,
    make_course,
    make_field_of_study,
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
    make_week,
)
from tests.pages import visible_text
from tests.programs.test_admin import programme_form

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200b",
    "\ufeff\u200d",
    "\u00ad",
    "\u2060 \u00a0",
    "\u2800",
    "\u3164",
    "\x7f",
    "\ufe0f",  # a variation selector, a combining mark
    "\u200b\u034f",
    "\u17b5",
    "\U000e0100",
]


@pytest.mark.parametrize("text", INVISIBLE)
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (make_programme, "title_nb"),
        (make_programme, "title_en"),
        (make_programme, "lead_nb"),
        (make_programme, "hero_alt_nb"),
        (make_programme, "sections_heading_en"),
        (lambda **kw: make_section(make_programme(), anchor="a", **kw), "title_nb"),
        (lambda **kw: make_section(make_programme(), **kw), "heading_nb"),
        (make_field_of_study, "name_nb"),
        (make_course, "title_en"),
    ],
)
def test_text_that_draws_nothing_is_refused(make, field, text):
    with pytest.raises(ValidationError) as error:
        make(**{field: text})
    assert [e.code for e in error.value.error_dict[field]] == ["invisible"]


@pytest.mark.parametrize("text", ["🎓", "???", "Å", "٣", "a\u200bb", "Ph.d.\u00ad"])
def test_text_a_reader_can_see_is_kept(text):
    assert make_programme(title_nb=text).title_nb == text


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Skriv noe en leser kan se: Her er det bare mellomrom eller usynlige tegn."),
        ("en", "Write something a reader can see: this is only spaces or invisible characters."),
    ],
)
def test_the_admin_says_so_in_the_editors_language(admin_client, language, message):
    data = programme_form(title_nb="\u200b", slug_nb="usynlig")
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": language}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_nb"] == [message]
    assert message in visible_text(response)
    assert not Programme.objects.exists()


@pytest.mark.parametrize("text", ["Samling\x07", "a\x1bb", "\x00x", "Heltid\x85"])
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (make_programme, "title_nb"),
        (make_programme, "notice_en"),
        (make_programme, "meta_description_nb"),
        (lambda **kw: make_requirement(make_programme(), **kw), "ranking_nb"),
        (lambda **kw: make_study_option(make_programme(), **kw), "apply_via"),
        (lambda **kw: make_week(make_cohort(make_programme()), **kw), "note_en"),
    ],
)
def test_a_control_character_is_refused(make, field, text):
    """Invisible in the admin, not allowed in HTML text, and it made the calendar invalid."""
    with pytest.raises(ValidationError) as error:
        make(**{field: text})
    assert [e.code for e in error.value.error_dict[field]] == ["control_character"]


def test_tabs_and_line_breaks_are_text():
    programme = make_programme(notice_nb="Første linje.\r\nAndre\tlinje.")
    assert programme.notice_nb == "Første linje.\r\nAndre\tlinje."


def test_the_admin_says_where_the_control_character_is(admin_client):
    data = programme_form(title_nb="Sykepleie\x07", slug_nb="sykepleie")
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": "nb"}
    )
    assert response.context["adminform"].form.errors["title_nb"] == [
        "Teksten har et usynlig kontrolltegn (U+0007) etter «Sykepleie», kanskje kopiert fra "
        "et annet program. Slett det og lagre på nytt."
    ]


def test_rich_text_drops_control_characters():
    section = make_section(make_programme(), body_nb="<p>Svar\x0b her.</p>")
    assert section.body_nb == "<p>Svar her.</p>"


def test_a_control_character_at_the_start_is_said_to_begin_the_text():
    with pytest.raises(ValidationError) as error:
        make_programme(title_nb="\x07Sykepleie")
    assert error.value.message_dict["title_nb"] == [
        "Teksten begynner med et usynlig kontrolltegn (U+0007), kanskje kopiert fra et annet "
        "program. Slett det og lagre på nytt."
    ]
