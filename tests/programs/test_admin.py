"""The admin as a study administrator uses it: lists, change pages, search, validation."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programs.choices import Status
from programs.models import OldSlug, Programme, Section
from tests.builders import (
    make_cohort,
    make_field_of_study,
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
)
from tests.pages import parse, rendered_form, visible_text

pytestmark = pytest.mark.django_db


def key_of(data, value):
    """The field of the posted ``data`` that holds ``value`` (not the value it was opened
    with, which KeepsOthersChanges sends beside it)."""
    [key] = [name for name, sent in data.items() if sent == value and "initial-" not in name]
    return key


def programme_form(programme=None, **overrides):
    """POST data for the programme change form, with every inline empty."""
    data = {
        "title_nb": "Nytt studium",
        "title_en": "New programme",
        "slug_nb": "nytt-studium",
        "slug_en": "new-programme",
        "level": "further_education",
        "ects_credits": "60",
        "lead_nb": "Ingress.",
        "lead_en": "Lead.",
        "status": "open",
        "is_published": "on",
    }
    for inline in ("sections", "admission_requirement", "study_options", "cohorts"):
        data.update({f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


@pytest.mark.parametrize("url", ["/admin/programs/programme/", "/admin/programs/section/"])
def test_staff_can_open_the_changelists(admin_client, url):
    make_section(make_programme())
    assert admin_client.get(url).status_code == 200


def test_staff_can_open_the_change_pages_of_both_models(admin_client):
    programme = make_programme()
    section = make_section(programme)
    assert admin_client.get(f"/admin/programs/programme/{programme.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/programs/section/{section.pk}/change/").status_code == 200
    assert admin_client.get("/admin/programs/programme/add/").status_code == 200


def test_change_page_has_translation_tabs_without_a_cdn(admin_client):
    programme = make_programme()
    html = admin_client.get(f"/admin/programs/programme/{programme.pk}/change/").content.decode()
    assert "modeltranslation/js/tabbed_translation_fields" in html
    assert "vendor/jquery-ui/jquery-ui.min" in html
    assert "googleapis" not in html
    assert 'name="title_en"' in html


def test_search_finds_programmes_by_their_english_title(admin_client):
    make_programme(title_nb="Psykisk helsearbeid", title_en="Mental health work")
    make_programme(title_nb="Sykepleie", title_en="Nursing")
    response = admin_client.get("/admin/programs/programme/", {"q": "mental"})
    assert list(response.context["cl"].result_list.values_list("title_nb", flat=True)) == [
        "Psykisk helsearbeid"
    ]


def test_an_editor_can_add_a_programme(admin_client):
    response = admin_client.post("/admin/programs/programme/add/", programme_form())
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert (programme.slug_nb, programme.slug_en) == ("nytt-studium", "new-programme")


def test_a_cycle_is_refused_in_the_admin_with_a_message_and_nothing_saved(admin_client):
    a = make_programme(title_nb="Første")
    b = make_programme(title_nb="Andre", replaced_by=a)
    url = f"/admin/programs/programme/{a.pk}/change/"
    data = programme_form(slug_nb=a.slug_nb, slug_en=a.slug_en, replaced_by=str(b.pk))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "replaced_by" in response.context["adminform"].form.errors
    assert "sløyfe" in response.content.decode()
    a.refresh_from_db()
    assert a.replaced_by is None
    assert a.title_nb == "Første"


def test_a_duplicate_slug_is_refused_in_the_admin(admin_client):
    make_programme(slug_nb="nytt-studium")
    response = admin_client.post("/admin/programs/programme/add/", programme_form())
    assert response.status_code == 200
    assert "slug_nb" in response.context["adminform"].form.errors
    assert Programme.objects.count() == 1


def test_an_editor_adds_sections_inline_and_the_anchor_is_filled_in(admin_client):
    data = programme_form(
        **{
            "sections-TOTAL_FORMS": "1",
            "sections-0-position": "10",
            "sections-0-title_nb": "Hvem passer studiet for?",
            "sections-0-title_en": "Who is the programme for?",
            "sections-0-body_nb": "<p>Alle.</p><script>x()</script>",
            "sections-0-body_en": "<p>Everyone.</p>",
            "sections-0-embed_placement": "after",
        }
    )
    response = admin_client.post("/admin/programs/programme/add/", data)
    assert response.status_code == 302
    section = Section.objects.get()
    assert (section.anchor_nb, section.anchor_en) == (
        "hvem-passer-studiet-for",
        "who-is-the-programme-for",
    )
    assert section.body_nb == "<p>Alle.</p>"


def test_view_on_site_goes_to_the_public_page(admin_client, client):
    programme = make_programme(slug_nb="studium-a")
    change_page = parse(admin_client.get(f"/admin/programs/programme/{programme.pk}/change/"))
    [link] = change_page.select("a.viewsitelink")
    response = admin_client.get(link["href"])
    public_page = "http://testserver/studier/studium-a/"
    assert (response.status_code, response["Location"]) == (302, public_page)
    assert client.get(public_page).status_code == 200


def test_view_on_site_of_a_retired_programme_shows_its_texts_not_its_successor(admin_client):
    """Its address leads to its successor; its newest cohort's page shows its own texts."""
    successor = make_programme()
    retired = make_programme(status=Status.DISCONTINUED, replaced_by=successor)
    change = f"/admin/programs/programme/{retired.pk}/change/"
    [link] = parse(admin_client.get(change)).select("a.viewsitelink")
    assert link["href"].startswith("/admin/r/")  # no cohort: Django's link to its address
    make_cohort(retired, code="2023H")
    [link] = parse(admin_client.get(change)).select("a.viewsitelink")
    assert link["href"] == f"/studier/{retired.slug_nb}/kull-2023H/"
    assert admin_client.get(link["href"]).status_code == 200


def test_admin_speaks_norwegian_to_a_norwegian_editor(admin_client):
    html = admin_client.get("/admin/programs/programme/add/").content.decode()
    assert "Legg til utdanning" in html


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/admin/admissions/cohort/add/", "Legg til kull"),  # Django's nb: "Legg til ny kull"
        ("/admin/admissions/course/add/", "Legg til emne"),
        ("/admin/admissions/fieldofstudy/add/", "Legg til fagfelt"),
    ],
)
def test_add_pages_are_named_in_norwegian_whatever_the_nouns_gender(admin_client, path, title):
    page = parse(admin_client.get(path))
    assert page.select_one("#content h1").get_text(strip=True) == title
    assert page.title.get_text().startswith(title)


def test_the_search_box_of_a_list_is_named_in_the_editors_language(admin_client):
    """Screen readers name the search field by its icon's alt text (Django's is English)."""
    for url, language, name in [
        ("/admin/programs/programme/", "nb", "Søk"),
        ("/admin/admissions/cohort/", "nb", "Søk"),
        ("/admin/programs/programme/", "en", "Search"),
    ]:
        response = admin_client.get(url, headers={"accept-language": language})
        assert parse(response).select_one("label[for=searchbar] img")["alt"] == name, url


def test_slugs_are_prepopulated_from_the_title_in_each_language(admin_client):
    html = admin_client.get("/admin/programs/programme/add/").content.decode()
    assert "&quot;#id_slug_nb&quot;" in html and "&quot;#id_title_nb&quot;" in html
    assert "&quot;#id_slug_en&quot;" in html and "&quot;#id_title_en&quot;" in html


def test_a_programme_that_others_point_to_cannot_be_deleted_silently(admin_client):
    new = make_programme(title_nb="Nytt")
    make_programme(title_nb="Gammelt", replaced_by=new)
    response = admin_client.post(f"/admin/programs/programme/{new.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the admin explains which programmes point here
    assert "Gammelt" in response.content.decode()
    assert Programme.objects.filter(pk=new.pk).exists()


def test_two_new_sections_without_anchors_are_saved_with_their_own(admin_client):
    data = programme_form(**{"sections-TOTAL_FORMS": "2"})
    for i, title in enumerate(["Hvem passer studiet for?", "Hva lærer du?"]):
        data.update(
            {
                f"sections-{i}-position": str(i),
                f"sections-{i}-title_nb": title,
                f"sections-{i}-embed_placement": "after",
            }
        )
    response = admin_client.post("/admin/programs/programme/add/", data)
    assert response.status_code == 302
    assert sorted(Section.objects.values_list("anchor_nb", flat=True)) == [
        "hva-laerer-du",
        "hvem-passer-studiet-for",
    ]


def test_a_section_title_without_letters_asks_for_an_anchor(admin_client):
    data = programme_form(**{"sections-TOTAL_FORMS": "1"})
    data.update(
        {
            "sections-0-position": "0",
            "sections-0-title_nb": "🎓",
            "sections-0-embed_placement": "after",
        }
    )
    response = admin_client.post("/admin/programs/programme/add/", data)
    assert response.status_code == 200
    assert "Tittelen har ingen bokstaver eller sifre å lage et anker av" in visible_text(response)
    assert not Programme.objects.exists()


def test_a_section_saved_outside_the_admin_without_an_anchor_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        make_section(make_programme(), title_nb="???", anchor="")
    assert [e.code for e in excinfo.value.error_dict["anchor_nb"]] == ["no_anchor"]


def test_two_new_sections_may_not_share_an_anchor_across_languages(admin_client):
    """The English page would carry it twice: one section's id, the other's nb alias."""
    data = programme_form(**{"sections-TOTAL_FORMS": "2"})
    for i, (title, anchors) in enumerate(
        [("Praksis", ("praksis", "")), ("Utveksling", ("", "praksis"))]
    ):
        data.update(
            {
                f"sections-{i}-position": str(i),
                f"sections-{i}-title_nb": title,
                f"sections-{i}-anchor_nb": anchors[0],
                f"sections-{i}-anchor_en": anchors[1],
                f"sections-{i}-embed_placement": "after",
            }
        )
    response = admin_client.post("/admin/programs/programme/add/", data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert errors[1] == {
        "anchor_en": ["En annen seksjon i denne utdanningen har allerede dette ankeret."]
    }
    assert not Programme.objects.exists()


@pytest.mark.parametrize("action", ["delete page", "delete action"])
def test_a_renamed_programme_can_be_deleted_with_its_old_slugs(admin_client, action):
    programme = make_programme(slug_nb="gammel")
    programme.slug_nb = "ny"
    programme.save()
    assert OldSlug.objects.filter(programme=programme).exists()
    if action == "delete page":
        url, data = f"/admin/programs/programme/{programme.pk}/delete/", {"post": "yes"}
    else:
        url = "/admin/programs/programme/"
        data = {"action": "delete_selected", "_selected_action": [programme.pk], "post": "yes"}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert not Programme.objects.exists()
    assert not OldSlug.objects.exists()


@pytest.mark.parametrize("published", [True, False])
def test_taking_another_programmes_old_address_is_said(admin_client, published):
    renamed = make_programme(title_nb="Omdøpt", slug_nb="gammel-adresse")
    renamed.slug_nb = "ny-adresse"
    renamed.save()
    other = make_programme(slug_nb="annen", is_published=published)
    data = programme_form(other, slug_nb="gammel-adresse")
    if not published:
        del data["is_published"]
    response = admin_client.post(f"/admin/programs/programme/{other.pk}/change/", data, follow=True)
    text = visible_text(response)
    assert "«gammel-adresse» var adressen til Omdøpt før det fikk nytt navn" in text
    if published:
        assert "Gamle lenker dit fører nå til denne siden." in text
        assert not OldSlug.objects.filter(slug="gammel-adresse").exists()
    else:
        assert "Når denne siden publiseres, fører gamle lenker dit hit." in text
        assert OldSlug.objects.get().programme == renamed


def test_a_page_public_by_its_publishing_time_is_told_old_links_lead_here_now(admin_client):
    """Not "once this page is published": it is public, and its live slug wins already."""
    renamed = make_programme(title_nb="Omdøpt", slug_nb="gammel-adresse")
    renamed.slug_nb = "ny-adresse"
    renamed.save()
    other = make_programme(slug_nb="annen", is_published=False)
    Programme.objects.filter(pk=other.pk).update(publish_at="2020-01-01T00:00:00Z")
    data = programme_form(
        other, slug_nb="gammel-adresse", publish_at_0="01.01.2020", publish_at_1="00:00"
    )
    del data["is_published"]
    response = admin_client.post(f"/admin/programs/programme/{other.pk}/change/", data, follow=True)
    text = visible_text(response)
    assert "Gamle lenker dit fører nå til denne siden." in text


def test_a_programme_may_take_back_its_own_old_address():
    programme = make_programme(slug_nb="gammel-adresse")
    programme.slug_nb = "ny-adresse"
    programme.save()
    programme.slug_nb = "gammel-adresse"
    programme.full_clean()
    programme.save()
    assert not OldSlug.objects.filter(slug="gammel-adresse").exists()


def test_deleting_a_programme_says_what_is_lost_and_offers_retiring(admin_client):
    programme = make_programme()
    pages = [
        admin_client.get(f"/admin/programs/programme/{programme.pk}/delete/"),
        admin_client.post(
            "/admin/programs/programme/",
            {"action": "delete_selected", "_selected_action": [programme.pk]},
        ),
    ]
    for response in pages:
        warning = parse(response).select_one(".messagelist .warning").get_text()
        assert "svarer 404 (Ikke funnet)" in warning
        assert "«Legg ned og send videre til …»" in warning
    assert Programme.objects.exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("STORE", "Skriv adressen med små bokstaver: «store»."),
        ("økonomi", "Bruk bare bokstavene a–z, tall, bindestrek og understrek"),
    ],
)
def test_an_address_that_would_not_work_is_explained_in_norwegian(admin_client, slug, message):
    response = admin_client.post("/admin/programs/programme/add/", programme_form(slug_nb=slug))
    assert response.status_code == 200
    assert message in visible_text(response)
    assert not Programme.objects.exists()


def test_an_address_with_letters_outside_a_z_is_explained_in_english(admin_client):
    """Django's "consisting of letters" does not say that æ, ø and å are not among them."""
    response = admin_client.post(
        "/admin/programs/programme/add/",
        programme_form(slug_nb="økonomi"),
        headers={"Accept-Language": "en"},
    )
    assert "Use only the letters a–z, digits, hyphens and underscores" in visible_text(response)


def test_the_old_address_warning_is_given_once_not_at_every_save(admin_client):
    renamed = make_programme(title_nb="Omdøpt", slug_nb="gammel-adresse")
    renamed.slug_nb = "ny-adresse"
    renamed.save()
    draft = make_programme(slug_nb="gammel-adresse", is_published=False)
    data = programme_form(draft, slug_nb="gammel-adresse", lead_nb="Ny ingress.")
    del data["is_published"]
    response = admin_client.post(f"/admin/programs/programme/{draft.pk}/change/", data, follow=True)
    assert "var adressen til Omdøpt" not in visible_text(response)


def test_every_autocomplete_field_takes_the_widget_that_reads_what_it_looks_up():
    from django.contrib import admin

    from programs.admin import ReadableAutocomplete

    with_autocomplete = [
        admin_class
        for model_admin in admin.site._registry.values()
        for admin_class in [type(model_admin), *model_admin.inlines]
        if admin_class.autocomplete_fields
    ]
    assert len(with_autocomplete) >= 8
    assert [c for c in with_autocomplete if not issubclass(c, ReadableAutocomplete)] == []


@pytest.mark.parametrize("key", ["abc", "99999999999999999999999"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_key_that_is_not_a_number_is_a_form_error_not_a_500(admin_client, language, key):
    """Only a crafted request sends it: the autocomplete widget sends keys. A number too large
    for the column is not one either (SQLite: OverflowError)."""
    data = programme_form(replaced_by=key)
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": language}
    )
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["replaced_by"]
    assert (
        message
        == {
            "nb": "Velg et gyldig valg. Valget er ikke av de tilgjengelige valgene.",
            "en": "Select a valid choice. That choice is not one of the available choices.",
        }[language]
    )
    assert not Programme.objects.filter(title_nb=data["title_nb"]).exists()


def test_a_plan_course_that_is_not_a_number_is_a_form_error_not_a_500(admin_client):
    from tests.builders import make_plan, make_study_option

    plan = make_plan(make_study_option(make_programme(ects_credits=60), duration_semesters=2))
    url = f"/admin/admissions/programmeplan/{plan.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "placements-0-course": "abc"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert plan.placements.count() == 2


NOT_IN_ENGLISH = (
    "«Nytt studium» er publisert uten engelsk tittel og ingress: Den engelske siden viser den "
    "norske teksten, med en merknad om at den ikke er oversatt ennå."
)


def messages_after(admin_client, response):
    page = admin_client.get(response["Location"], headers={"accept-language": "nb"})
    return [str(m) for m in page.context["messages"]]


def test_publishing_without_english_says_what_the_english_page_shows(admin_client):
    data = programme_form(title_en="", lead_en="", slug_en="")
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": "nb"}
    )
    assert response.status_code == 302
    assert NOT_IN_ENGLISH in messages_after(admin_client, response)


def test_a_draft_without_english_or_a_translated_page_gets_no_such_warning(admin_client):
    draft = programme_form(title_en="", lead_en="", slug_en="")
    del draft["is_published"]
    for data in (draft, programme_form(slug_nb="annet", slug_en="other")):
        response = admin_client.post(
            "/admin/programs/programme/add/", data, headers={"accept-language": "nb"}
        )
        assert response.status_code == 302
        assert NOT_IN_ENGLISH not in messages_after(admin_client, response)


def sections_posted(admin_client, programme, rows, new_rows=0):
    """POSTs the programme's change form with ``rows`` ({index: {field: value}}) changed."""
    url = f"/admin/programs/programme/{programme.pk}/change/"
    sections = programme.sections.count()
    data = rendered_form(
        admin_client.get(url), new_rows={"sections": sections} if new_rows else None
    )
    if new_rows:
        data["sections-TOTAL_FORMS"] = str(sections + 1)
    for index, fields in rows.items():
        data.update({f"sections-{index}-{name}": value for name, value in fields.items()})
    return admin_client.post(url, data)


def anchors(programme):
    return list(programme.sections.values_list("title_nb", "anchor_nb", "anchor_en"))


@pytest.fixture
def two_sections():
    """A programme with Praksis (praksis, placement) and Utveksling (utveksling, exchange)."""
    programme = make_programme()
    make_section(
        programme, position=1, title_nb="Praksis", anchor_nb="praksis", anchor_en="placement"
    )
    make_section(
        programme, position=2, title_nb="Utveksling", anchor_nb="utveksling", anchor_en="exchange"
    )
    return programme


@pytest.mark.parametrize("language", ["nb", "en"])
def test_two_sections_swap_anchors_in_one_save(admin_client, two_sections, language):
    """Rows are saved one by one: the first took the anchor the second still had (a 500)."""
    programme = two_sections
    first, second = {"nb": ("praksis", "utveksling"), "en": ("placement", "exchange")}[language]
    field = f"anchor_{language}"
    response = sections_posted(admin_client, programme, {0: {field: second}, 1: {field: first}})
    assert response.status_code == 302
    swapped = {
        "nb": [("Praksis", "utveksling", "placement"), ("Utveksling", "praksis", "exchange")],
        "en": [("Praksis", "praksis", "exchange"), ("Utveksling", "utveksling", "placement")],
    }
    assert anchors(programme) == swapped[language]


def test_a_deleted_sections_anchor_may_be_taken_in_either_language_in_the_same_save(
    admin_client, two_sections
):
    programme = two_sections
    response = sections_posted(
        admin_client,
        programme,
        {0: {"DELETE": "on"}, 1: {"anchor_en": "praksis"}},
    )
    assert response.status_code == 302
    assert anchors(programme) == [("Utveksling", "utveksling", "praksis")]


def test_an_anchor_passed_on_across_languages_in_one_save_is_fine(admin_client, two_sections):
    programme = two_sections
    response = sections_posted(
        admin_client, programme, {0: {"anchor_nb": "praksis-ny"}, 1: {"anchor_en": "praksis"}}
    )
    assert response.status_code == 302
    assert anchors(programme) == [
        ("Praksis", "praksis-ny", "placement"),
        ("Utveksling", "utveksling", "praksis"),
    ]


def test_a_new_section_in_the_section_admin_taking_an_anchor_names_the_field_once(admin_client):
    programme = make_programme()
    make_section(programme, title_nb="Praksis", anchor_nb="praksis", anchor_en="placement")
    data = {
        "programme": programme.pk,
        "position": "20",
        "title_nb": "Praksis",
        "title_en": "Placement",
        "embed_placement": "after",
    }
    response = admin_client.post("/admin/programs/section/add/", data)
    assert response.status_code == 200
    taken = ["En annen seksjon i denne utdanningen har allerede dette ankeret."]
    form = response.context["adminform"].form
    assert form.errors == {"anchor_nb": taken, "anchor_en": taken}
    assert programme.sections.count() == 1


@pytest.mark.parametrize("lookup", ["title_nb__regex=(a", "title_nb__iregex=*"])
def test_an_invalid_pattern_in_a_list_address_is_a_400_not_an_outage(admin_client, lookup, caplog):
    """The database refuses the pattern (SQLite through Django's REGEXP function, PostgreSQL
    with a DataError): the request is bad, the database is fine (no 503, no ERROR log)."""
    make_programme()
    response = admin_client.get(f"/admin/programs/programme/?{lookup}")
    assert response.status_code == 400
    assert "ERROR" not in [record.levelname for record in caplog.records]


def test_sections_the_editor_may_only_view_keep_their_anchors(client, two_sections):
    """A view-only inline posts no rows and Django saves none: its anchors were set aside
    before the save and never put back."""
    from tests.test_access import staff

    client.force_login(staff("view_programme", "change_programme", "view_section"))
    url = f"/admin/programs/programme/{two_sections.pk}/change/"
    before = anchors(two_sections)
    assert client.post(url, rendered_form(client.get(url))).status_code == 302
    assert anchors(two_sections) == before


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/admin/programs/programme/", "retire"),
        ("/admin/programs/programme/", "delete_selected"),
        ("/admin/programs/section/", "delete_selected"),
        ("/admin/auth/user/", "delete_selected"),
    ],
)
@pytest.mark.parametrize("chosen", [["abc"], ["1", "+2"], ["١"], ["9" * 23]])
def test_an_action_on_rows_that_are_not_ids_goes_back_with_a_message(
    admin_client, url, action, chosen
):
    """It was a 500 (Django filters the ids as sent), on our models and auth's alike."""
    programme = make_programme()
    response = admin_client.post(url, {"action": action, "_selected_action": chosen, "index": "0"})
    assert (response.status_code, response["Location"]) == (302, url)
    page = visible_text(admin_client.get(url, headers={"accept-language": "nb"}))
    assert "Radene du valgte, kunne ikke leses. Velg dem på nytt." in page
    assert Programme.objects.filter(pk=programme.pk, status=programme.status).exists()


@pytest.mark.parametrize("gone", [0, 1, 2])
def test_a_row_someone_else_deleted_meanwhile_is_let_go_and_the_rest_saved(admin_client, gone):
    """The form failed on the row's hidden id: "Rett opp feilen nedenfor", no error shown,
    and nothing could be saved. Now the rest is saved, and the editor is told."""
    programme = make_programme(sections=3)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    sections = list(programme.sections.all())
    Section.objects.filter(pk=sections[gone].pk).delete()  # by another editor
    data.update({"lead_nb": "Ny ingress.", key_of(data, sections[-1].title_nb): "Endret tittel"})
    response = admin_client.post(url, data, headers={"accept-language": "nb"}, follow=True)
    assert "Noen andre slettet en rad på denne siden etter at du åpnet den" in (
        visible_text(response)
    )
    programme.refresh_from_db()
    assert programme.lead_nb == "Ny ingress."
    titles = list(programme.sections.values_list("title_nb", flat=True))
    assert len(titles) == 2
    assert (titles[-1] == "Endret tittel") == (gone != 2)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_rows_the_editor_deletes_are_not_said_to_be_deleted_by_someone_else(admin_client, language):
    """Saving clears the id of each row it deletes; counted after the save, the editor's own
    deletions read "Someone else deleted a row of this page"."""
    programme = make_programme(sections=3)
    make_cohort(programme)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url, headers={"accept-language": language}))
    data["sections-1-DELETE"] = "on"
    data[key_of(data, "2023H").replace("-code", "-DELETE")] = "on"
    response = admin_client.post(url, data, headers={"accept-language": language}, follow=True)
    page = visible_text(response)
    assert "Noen andre" not in page
    assert "Someone else" not in page
    assert programme.sections.count() == 2
    assert not programme.cohorts.exists()


def test_a_second_editor_saving_an_older_page_keeps_what_the_first_saved(admin_client):
    """Two editors open the page; the first changes the title, a section and a study
    option's duration and saves; the second, on the page opened before, changes the lead and
    another section. Django wrote every field as the second page showed it: the first
    editor's changes were undone without a word."""
    programme = make_programme(sections=2)
    option = make_study_option(programme, duration_semesters=6)
    first, second = programme.sections.all()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    page_a = rendered_form(admin_client.get(url))
    page_b = rendered_form(admin_client.get(url))
    duration = key_of(page_a, "6")
    page_a.update(
        {"title_nb": "Nytt navn", key_of(page_a, first.title_nb): "Første endret", duration: "4"}
    )
    assert admin_client.post(url, page_a).status_code == 302
    page_b.update({"lead_nb": "Ny ingress.", key_of(page_b, second.title_nb): "Andre endret"})
    response = admin_client.post(url, page_b, headers={"accept-language": "nb"}, follow=True)
    assert "Noen andre lagret endringer på denne siden etter at du åpnet den." in (
        visible_text(response)
    )
    programme.refresh_from_db()
    option.refresh_from_db()
    assert (programme.title_nb, programme.lead_nb) == ("Nytt navn", "Ny ingress.")
    assert list(programme.sections.values_list("title_nb", flat=True)) == [
        "Første endret",
        "Andre endret",
    ]
    assert option.duration_semesters == 4


@pytest.mark.parametrize("language", ["nb", "en"])
def test_both_editors_changing_one_field_is_said_and_saving_again_keeps_the_second(
    admin_client, language
):
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    page_a = rendered_form(admin_client.get(url))
    page_b = rendered_form(admin_client.get(url))
    assert admin_client.post(url, {**page_a, "title_nb": "Fra A"}).status_code == 302
    response = admin_client.post(
        url, {**page_b, "title_nb": "Fra B"}, headers={"accept-language": language}
    )
    assert response.status_code == 200
    told = {
        "nb": "Noen andre endret dette etter at du åpnet siden. Det er nå lagret som: «Fra A».",
        "en": "Someone else changed this after you opened the page. It is now saved as: “Fra A”.",
    }
    assert told[language] in visible_text(response)
    programme.refresh_from_db()
    assert programme.title_nb == "Fra A"
    again = rendered_form(response)
    assert again["title_nb"] == "Fra B"
    assert admin_client.post(url, again).status_code == 302
    programme.refresh_from_db()
    assert programme.title_nb == "Fra B"


def test_a_lead_saved_with_a_trailing_space_is_not_taken_for_someone_elses_change(
    admin_client,
):
    """Text written outside the admin (the shell, an import) may keep spaces the form strips:
    the opened and the saved value are compared as the form reads them, or every save of that
    field would be refused as a conflict."""
    programme = make_programme()
    Programme.objects.filter(pk=programme.pk).update(lead_nb="Ingress. ", title_en="A\r\nB")
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "lead_nb": "Ny ingress."}
    response = admin_client.post(url, data, headers={"accept-language": "nb"}, follow=True)
    assert "Noen andre" not in visible_text(response)
    programme.refresh_from_db()
    assert programme.lead_nb == "Ny ingress."


def test_a_publishing_time_typed_on_a_page_that_came_back_for_a_mistake_is_saved(admin_client):
    programme = make_programme(is_published=False)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    data.update({"publish_at_0": "01.03.2030", "publish_at_1": "12:00:00", "title_nb": ""})
    again = rendered_form(admin_client.post(url, data))
    assert admin_client.post(url, {**again, "title_nb": "Tittel"}).status_code == 302
    programme.refresh_from_db()
    assert programme.publish_at is not None


def test_a_schedule_another_editor_set_meanwhile_is_kept(admin_client):
    """A date with a time is two inputs; its opened value is sent as one (its time zone the
    admin's), so a save that did not touch it leaves someone else's schedule alone."""
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    assert data["initial-unpublish_at"] == ""
    page_a = {**data, "unpublish_at_0": "2030-03-01", "unpublish_at_1": "12:00:00"}
    assert admin_client.post(url, page_a).status_code == 302
    assert admin_client.post(url, {**data, "lead_nb": "Ny ingress."}).status_code == 302
    programme.refresh_from_db()
    assert programme.lead_nb == "Ny ingress."
    assert timezone.localtime(programme.unpublish_at) == datetime(
        2030, 3, 1, 12, tzinfo=ZoneInfo("Europe/Oslo")
    )
    assert rendered_form(admin_client.get(url))["initial-unpublish_at"] == "2030-03-01 12:00:00"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_schedule_both_editors_changed_is_said_in_local_time(admin_client, language):
    programme = make_programme()
    Programme.objects.filter(pk=programme.pk).update(
        unpublish_at=datetime(2030, 3, 1, 11, tzinfo=UTC)  # 12:00 in Oslo
    )
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    Programme.objects.filter(pk=programme.pk).update(
        unpublish_at=datetime(2030, 6, 1, 6, tzinfo=UTC)  # by the other editor: 08:00
    )
    mine = {**data, "unpublish_at_0": "2030-09-01", "unpublish_at_1": "09:00:00"}
    response = admin_client.post(url, mine, headers={"accept-language": language})
    assert response.status_code == 200
    told = {"nb": "lagret som: «1. juni 2030 08:00»", "en": "saved as: “1 June 2030, 08:00”"}
    assert told[language] in visible_text(response)
    assert admin_client.post(url, rendered_form(response)).status_code == 302
    programme.refresh_from_db()
    assert programme.unpublish_at == datetime(2030, 9, 1, 7, tzinfo=UTC)


def test_a_field_of_study_another_editor_accepted_meanwhile_is_kept(admin_client):
    """A list of accepted fields opened empty sends that it was empty."""
    programme = make_programme()
    requirement = make_requirement(programme)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    added = make_field_of_study()
    requirement.accepted_fields.add(added)  # by the other editor
    assert admin_client.post(url, {**data, "lead_nb": "Ny ingress."}).status_code == 302
    assert list(requirement.accepted_fields.all()) == [added]


def test_accepted_fields_both_editors_changed_are_said_once_then_saved(admin_client):
    programme = make_programme()
    first, second = make_field_of_study(), make_field_of_study()
    requirement = make_requirement(programme, fields=[first])
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    requirement.accepted_fields.clear()  # by the other editor
    [key] = [k for k in data if k.endswith("accepted_fields") and not k.startswith("initial-")]
    data[key] = [str(first.pk), str(second.pk)]
    response = admin_client.post(url, data, headers={"accept-language": "en"})
    assert "Someone else changed this after you opened the page" in visible_text(response)
    again = {**rendered_form(response), key: [str(first.pk), str(second.pk)]}
    assert admin_client.post(url, again).status_code == 302
    assert set(requirement.accepted_fields.all()) == {first, second}


def test_a_page_that_comes_back_for_a_mistake_pairs_each_row_with_its_form(admin_client):
    """Django pairs forms and rows one by one: with a row gone, every later form showed the
    row before it, and the last form was not drawn (its edits lost on the next save)."""
    programme = make_programme(sections=3)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url))
    sections = list(programme.sections.all())
    Section.objects.filter(pk=sections[0].pk).delete()
    data["title_nb"] = ""  # a mistake elsewhere: the page comes back
    response = admin_client.post(url, data, headers={"accept-language": "nb"})
    assert response.status_code == 200
    again = rendered_form(response)
    assert [again[f"sections-{n}-id"] for n in range(3)] == [str(s.pk) for s in sections]
    assert "Noen andre slettet denne raden etter at du åpnet siden." in visible_text(response)
    assert admin_client.post(url, {**again, "title_nb": "Rettet"}).status_code == 302
    assert programme.sections.count() == 2


@pytest.mark.parametrize("how", ["page", "action"])
def test_deleting_a_programme_others_name_as_successor_says_what_to_do(admin_client, how):
    """Django said deleting it "would require deleting" them, which it never does."""
    successor = make_programme(title_nb="Nytt studium")
    make_programme(title_nb="Gammelt studium", status=Status.DISCONTINUED, replaced_by=successor)
    if how == "page":
        response = admin_client.get(f"/admin/programs/programme/{successor.pk}/delete/")
    else:
        response = admin_client.post(
            "/admin/programs/programme/",
            {"action": "delete_selected", "_selected_action": [successor.pk], "index": "0"},
        )
    text = visible_text(response)
    assert "kan ikke slettes ennå" in text
    assert "Gammelt studium" in text
    assert "Gi hver av dem en annen etterfølger, eller ingen, først." in text
    assert "krever sletting" not in text
    assert Programme.objects.filter(pk=successor.pk).exists()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("attempt_time__year=99999999999999999999999", 400),  # OverflowError in Django: a 500
        ("attempt_time__year=2026&attempt_time__month=1e9", 400),
        ("attempt_time__year=2026&attempt_time__month=12", 200),
    ],
)
def test_a_date_drill_down_that_is_not_a_date_is_a_400(admin_client, query, status):
    response = admin_client.get(
        f"/admin/axes/accesslog/?{query}", headers={"accept-language": "nb"}
    )
    assert response.status_code == status
    if status == 400:
        assert '<html lang="nb"' in response.content.decode()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_retiring_to_a_successor_that_is_not_published_warns_of_the_410(admin_client, language):
    """The retire action refuses such a successor; the form saved it and said only "changed
    successfully", and the address answered 410 Gone."""
    successor = make_programme(is_published=False, title_nb="Etterfølger", title_en="Successor")
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = rendered_form(admin_client.get(url, headers={"accept-language": language}))
    data.update({"status": "discontinued", "replaced_by": str(successor.pk)})
    response = admin_client.post(url, data, headers={"accept-language": language}, follow=True)
    told = {
        "nb": f"«{programme}» er nedlagt, men etterfølgeren fører ikke til noen publisert "
        "utdanning: adressen svarer 410 Gone",
        "en": f"“{programme}” is discontinued, but its successor leads to no published "
        "programme: its address answers 410 Gone",
    }
    assert told[language] in visible_text(response)
    assert admin_client.get(programme.get_absolute_url()).status_code == 410


@pytest.mark.parametrize("when", ["now", "scheduled"])
def test_taking_down_a_page_retired_programmes_lead_to_warns_of_their_410(admin_client, when):
    successor = make_programme(title_nb="Etterfølger")
    retired = make_programme(status=Status.DISCONTINUED, replaced_by=successor, title_nb="Gammel")
    url = f"/admin/programs/programme/{successor.pk}/change/"
    data = rendered_form(admin_client.get(url, headers={"accept-language": "nb"}))
    if when == "now":
        del data["is_published"]
    else:
        data.update({"unpublish_at_0": "2030-03-01", "unpublish_at_1": "12:00:00"})
    response = admin_client.post(url, data, headers={"accept-language": "nb"}, follow=True)
    told = {
        "now": "Adressen til «Gammel», nedlagt, førte hit: så lenge denne siden ikke er "
        "offentlig, svarer den 410 Gone.",
        "scheduled": "Adressen til «Gammel», nedlagt, fører hit: når denne siden tas ned "
        "01.03.2030 12:00, vil den svare 410 Gone.",
    }
    assert told[when] in visible_text(response)
    assert admin_client.logout() is None
    assert admin_client.get(retired.get_absolute_url()).status_code == (
        410 if when == "now" else 301
    )


def test_publishing_a_discontinued_page_whose_successor_is_a_draft_warns_of_the_410(
    admin_client,
):
    successor = make_programme(is_published=False)
    retired = make_programme(
        status=Status.DISCONTINUED, replaced_by=successor, is_published=False, title_nb="Gammel"
    )
    url = f"/admin/programs/programme/{retired.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "is_published": "on"}
    response = admin_client.post(url, data, headers={"accept-language": "nb"}, follow=True)
    assert "«Gammel» er nedlagt, men etterfølgeren fører ikke til noen publisert utdanning" in (
        visible_text(response)
    )


def test_saving_a_page_retired_programmes_lead_to_says_nothing_of_them_otherwise(admin_client):
    successor = make_programme()
    make_programme(status=Status.DISCONTINUED, replaced_by=successor)
    url = f"/admin/programs/programme/{successor.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), "lead_nb": "Ny ingress."}
    response = admin_client.post(url, data, headers={"accept-language": "nb"}, follow=True)
    assert "410" not in visible_text(response)
