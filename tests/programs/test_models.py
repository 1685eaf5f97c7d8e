"""Validation of programmes and sections: every rule reaches the editor through full_clean()."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation
from django.utils.autoreload import file_changed

from programs.choices import _label
from programs.models import ANCHOR_TAKEN, Programme, Section
from programs.text import norwegian_slugify
from tests.builders import make_programme, make_section
from tests.pages import parse

pytestmark = pytest.mark.django_db


def error_codes(excinfo, field):
    return [error.code for error in excinfo.value.error_dict[field]]


def test_it_refuses_a_programme_replaced_by_itself():
    programme = make_programme()
    programme.replaced_by = programme
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert error_codes(excinfo, "replaced_by") == ["replaced_by_itself"]


def test_it_refuses_a_two_step_cycle():
    a = make_programme()
    b = make_programme(replaced_by=a)
    a.replaced_by = b
    with pytest.raises(ValidationError) as excinfo:
        a.full_clean()
    assert error_codes(excinfo, "replaced_by") == ["replaced_by_cycle"]


def test_it_refuses_a_longer_cycle():
    a = make_programme()
    b = make_programme(replaced_by=a)
    c = make_programme(replaced_by=b)
    a.replaced_by = c
    with pytest.raises(ValidationError) as excinfo:
        a.full_clean()
    assert error_codes(excinfo, "replaced_by") == ["replaced_by_cycle"]


def test_it_accepts_a_chain_without_cycle():
    a = make_programme()
    b = make_programme(replaced_by=a)
    c = make_programme(replaced_by=b)
    c.full_clean()
    assert c.successor_ids() == [b.pk, a.pk]


def test_cycle_message_names_the_successor_in_the_editors_language():
    a = make_programme(title_nb="Gammelt studium")
    b = make_programme(title_nb="Nytt studium", replaced_by=a)
    a.replaced_by = b
    with pytest.raises(ValidationError) as excinfo:
        a.full_clean()
    [message] = excinfo.value.messages
    assert message.startswith("Nytt studium ")
    assert "sløyfe" in message


def test_database_refuses_self_reference_even_without_full_clean():
    programme = make_programme()
    with pytest.raises(IntegrityError):
        Programme.objects.filter(pk=programme.pk).update(replaced_by=programme)


@pytest.mark.parametrize("field", ["slug_nb", "slug_en"])
def test_it_refuses_a_slug_taken_in_the_same_language(field):
    make_programme(**{field: "taken"})
    with pytest.raises(ValidationError) as excinfo:
        make_programme(**{field: "taken"})
    assert error_codes(excinfo, field) == ["unique"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "«taken» er allerede brukt av «Sykepleie»."),
        ("en", "“taken” is already used by “Nursing”."),
    ],
)
def test_a_taken_slug_is_refused_naming_the_programme_that_has_it(language, expected):
    make_programme(slug_nb="taken", title_nb="Sykepleie", title_en="Nursing")
    with translation.override(language):
        with pytest.raises(ValidationError) as excinfo:
            make_programme(slug_nb="taken")
        assert excinfo.value.message_dict["slug_nb"] == [expected]


def test_a_slug_another_programme_uses_in_the_other_language_is_refused():
    """Else /en/programmes/felles/ could mean an untranslated programme or an English one."""
    make_programme(slug_nb="felles")
    with pytest.raises(ValidationError) as excinfo:
        make_programme(slug_en="felles")
    assert error_codes(excinfo, "slug_en") == ["slug_taken_in_other_language"]


def test_one_programme_may_use_the_same_slug_in_both_languages():
    make_programme(slug_nb="master", slug_en="master")


def test_many_programmes_may_lack_an_english_slug():
    make_programme(slug_en=None, title_en="", lead_en="")
    make_programme(slug_en=None, title_en="", lead_en="")
    assert Programme.objects.filter(slug_en__isnull=True).count() == 2


def test_the_shared_slug_column_is_not_unique_in_the_database():
    """modeltranslation writes the active language's slug to the original `slug` column, so a
    unique index there would turn a save under English into an IntegrityError (a 500)."""
    make_programme(slug_nb="x", slug_en="a")
    with translation.override("en"):
        Programme.objects.create(
            title_nb="B", slug_nb="y", slug_en="x", lead_nb="L", level="further_education"
        )


def test_it_requires_title_slug_and_lead_in_norwegian():
    programme = Programme(level="further_education")
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert {"title_nb", "slug_nb", "lead_nb"} <= set(excinfo.value.error_dict)
    assert "title_en" not in excinfo.value.error_dict


def test_it_refuses_an_image_without_a_description(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme()
    programme.hero_image = "programmes/photo.jpg"
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert error_codes(excinfo, "hero_alt_nb") == ["hero_alt_missing"]


@pytest.mark.parametrize("credits", [0, 361])
def test_it_refuses_credits_out_of_range(credits):
    with pytest.raises(ValidationError) as excinfo:
        make_programme(ects_credits=credits)
    assert "ects_credits" in excinfo.value.error_dict


def test_an_anchor_cut_at_80_characters_does_not_end_in_a_hyphen():
    title = (
        "Hvordan "
        + "veldig " * 9
        + "lang kan en tittel på en seksjon egentlig være før den kuttes?"
    )
    anchor = make_section(make_programme(), title_nb=title, anchor="").anchor_nb
    assert len(anchor) <= 80 and not anchor.endswith("-")
    assert anchor.startswith("hvordan-veldig-veldig")


def test_a_section_anchor_is_made_from_its_title_in_each_language():
    section = make_section(
        make_programme(),
        title_nb="Påbygg til mastergrad?",
        title_en="Progressing to a master's degree?",
        anchor="",
    )
    assert (section.anchor_nb, section.anchor_en) == (
        "pabygg-til-mastergrad",
        "progressing-to-a-masters-degree",
    )
    assert section.get_absolute_url("en").endswith("/#progressing-to-a-masters-degree")


@pytest.mark.parametrize("title_en", ["", "🎓"])
def test_a_section_without_an_english_title_to_make_one_of_reads_nb_anchor_in_english(title_en):
    section = make_section(make_programme(), title_nb="Praksis", title_en=title_en)
    assert (section.anchor_nb, section.anchor_en) == ("praksis", None)
    with translation.override("en"):
        assert section.anchor == "praksis"
    assert section.get_absolute_url("en").endswith("/#praksis")


def test_it_refuses_two_sections_with_one_anchor_on_a_programme():
    """Named on the field, once: the unique constraint's own check is left out then."""
    programme = make_programme()
    make_section(programme, anchor="samme")
    with pytest.raises(ValidationError) as excinfo:
        make_section(programme, anchor="samme")
    assert excinfo.value.message_dict == {"anchor_nb": [str(ANCHOR_TAKEN)]}


def test_it_refuses_an_anchor_another_section_has_in_the_other_language():
    """The English page carries both: a section's English id and the other's nb alias."""
    programme = make_programme()
    make_section(programme, anchor_nb="praksis", anchor_en="placement")
    with pytest.raises(ValidationError) as excinfo:
        make_section(programme, anchor_nb="utplassering", anchor_en="praksis")
    assert error_codes(excinfo, "anchor_en") == ["duplicate_anchor"]
    with pytest.raises(ValidationError) as excinfo:
        make_section(programme, anchor_nb="placement", anchor_en="work-placement")
    assert error_codes(excinfo, "anchor_nb") == ["duplicate_anchor"]
    make_section(programme, anchor_nb="utveksling", anchor_en="utveksling")  # its own: fine


@pytest.mark.parametrize("language", ["nb", "en"])
def test_it_refuses_an_anchor_in_capitals(language):
    """Anchors are case-sensitive: "#Opptak-Info" and "#opptak-info" are two links."""
    with pytest.raises(ValidationError) as excinfo:
        make_section(make_programme(), **{f"anchor_{language}": "Opptak-Info"})
    assert excinfo.value.message_dict[f"anchor_{language}"] == [
        "Skriv ankeret med små bokstaver: «opptak-info»."
    ]


def test_an_anchor_saved_in_capitals_before_they_were_refused_stays(admin_client):
    """Links to it are case-sensitive: renaming it would break them, and refusing it blocked
    every save of its programme."""
    section = make_section(make_programme(), anchor="opptak")
    Section.objects.filter(pk=section.pk).update(anchor_nb="Opptak")
    section.refresh_from_db()
    section.title_nb = "Opptak og poeng"
    section.full_clean()


def test_the_same_anchor_may_appear_on_two_programmes():
    make_section(make_programme(), anchor="samme")
    make_section(make_programme(), anchor="samme")


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("anchor", ["main", "top", "sections-heading", "block-admission"])
def test_it_refuses_an_anchor_the_page_itself_uses(anchor, language):
    with pytest.raises(ValidationError) as excinfo:
        make_section(make_programme(), **{f"anchor_{language}": anchor})
    assert error_codes(excinfo, f"anchor_{language}") == ["reserved_anchor"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_id_of_the_programme_page_is_reserved_from_section_anchors(client, seeded, language):
    """Two elements with one id: invalid HTML, and a link to the section would go elsewhere."""
    ids = set()
    for programme in Programme.objects.all():
        page = parse(client.get(programme.get_absolute_url(language)))
        anchors = {a for s in programme.sections.all() for a in (s.anchor_nb, s.anchor_en)}
        ids |= {element["id"] for element in page.select("[id]")} - anchors
    assert {"main", "sections-heading", "replaces-heading"} <= ids
    assert [
        i
        for i in ids
        if i not in Section.RESERVED_ANCHORS and not i.startswith(Section.RESERVED_PREFIX)
    ] == []


def test_full_clean_sanitizes_the_body():
    section = make_section(
        make_programme(), body_nb='<p onclick="x()">Hei<script>alert(1)</script></p>'
    )
    assert section.body_nb == "<p>Hei</p>"


def test_body_html_is_sanitized_even_when_saved_without_full_clean():
    section = make_section(make_programme())
    Section.objects.filter(pk=section.pk).update(body_nb='<p>Hei</p><img src=x onerror="alert(1)">')
    section.refresh_from_db()
    assert section.body_html == "<p>Hei</p>"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Psykisk helse-, rus- og avhengighetsarbeid", "psykisk-helse-rus-og-avhengighetsarbeid"),
        ("Hva lærer du?", "hva-laerer-du"),
        ("Når er samlingsukene?", "nar-er-samlingsukene"),
        ("Ørsta Æ Å", "orsta-ae-a"),
    ],
)
def test_norwegian_slugify_keeps_norwegian_letters_readable(text, slug):
    assert norwegian_slugify(text) == slug


def test_changing_any_part_of_a_programme_page_touches_its_updated_at():
    from datetime import timedelta

    from tests.builders import make_cohort, make_study_option, make_threshold, make_week

    programme = make_programme()
    option = make_study_option(programme)
    cohort = make_cohort(programme)
    parts = [
        lambda: make_section(programme),
        lambda: make_threshold(option),
        lambda: make_week(cohort),
        lambda: option.thresholds.first().delete(),
    ]
    for change in parts:
        long_ago = programme.updated_at - timedelta(days=365)
        Programme.objects.filter(pk=programme.pk).update(updated_at=long_ago)
        change()
        programme.refresh_from_db()
        assert programme.updated_at > long_ago


def test_deleting_a_programme_with_all_its_parts_works():
    from tests.builders import make_cohort, make_study_option, make_threshold, make_week

    programme = make_programme(sections=2)
    make_threshold(make_study_option(programme))
    make_week(make_cohort(programme))
    programme.delete()
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("language", "level", "status"),
    [
        ("nb", "Bachelorstudium", "Åpen for søknader"),
        ("en", "Bachelor's programme", "Open for applications"),
    ],
)
def test_choice_labels_are_in_the_readers_language(language, level, status):
    """ChoiceLabels translates a label once per language: the next reader's is their own."""
    programme = Programme(level="bachelor", status="open")
    for other in ("nb", "en"):
        with translation.override(other):
            programme.get_level_display()
    with translation.override(language):
        assert (programme.get_level_display(), programme.get_status_display()) == (level, status)


def test_labels_are_forgotten_when_runserver_sees_a_recompiled_catalogue():
    """runserver reloads catalogues without restarting (Django's translation_file_changed):
    the labels translated from the old one must go with them, and only then."""
    Programme(level="bachelor").get_level_display()
    file_changed.send(sender=None, file_path=Path("programs/views.py"))
    assert _label.cache_info().currsize > 0
    file_changed.send(sender=None, file_path=Path("locale/nb/LC_MESSAGES/django.mo"))
    assert _label.cache_info().currsize == 0


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Programme(level="unknown").get_level_display() == "unknown"


def test_a_position_is_at_most_999_not_the_databases_limit():
    """Twenty nines typed into a position: "at most 999", not 9223372036854775807."""
    with pytest.raises(ValidationError) as excinfo:
        make_section(make_programme(), position=10**20)
    with translation.override("nb"):
        assert excinfo.value.message_dict["position"] == [
            "Verdien må være mindre enn eller lik 999."
        ]
