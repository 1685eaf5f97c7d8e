"""Scheduled publishing: ``publish_scheduled`` writes it down, and pages follow the schedule
at its time even when that command has not run."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from programs import history
from programs.models import Programme
from tests.builders import make_programme
from tests.pages import parse

pytestmark = pytest.mark.django_db

NOON = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def test_a_page_goes_live_at_its_time_without_the_command(client):
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        programme = make_programme(is_published=False, publish_at=NOON, slug_nb="snart")
        assert client.get("/studier/snart/").status_code == 404
        assert "/studier/snart/" not in client.get("/sitemap.xml").content.decode()
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        assert client.get("/studier/snart/").status_code == 200
        assert programme.title_nb in client.get("/studier/").content.decode()
        assert "/studier/snart/" in client.get("/sitemap.xml").content.decode()


def test_a_page_is_taken_down_at_its_time_without_the_command(client):
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        programme = make_programme(unpublish_at=NOON, slug_nb="snart-borte")
        assert client.get("/studier/snart-borte/").status_code == 200
    with time_machine.travel(NOON, tick=False):
        assert client.get("/studier/snart-borte/").status_code == 404
        assert programme.title_nb not in client.get("/studier/").content.decode()
        assert "/studier/snart-borte/" not in client.get("/sitemap.xml").content.decode()


def test_the_command_publishes_and_unpublishes_what_is_due_and_records_it():
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        coming = make_programme(is_published=False, publish_at=NOON)
        going = make_programme(unpublish_at=NOON)
        later = make_programme(is_published=False, publish_at=NOON + timedelta(days=1))
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
    coming.refresh_from_db(), going.refresh_from_db(), later.refresh_from_db()
    assert (coming.is_published, coming.publish_at) == (True, None)
    assert (going.is_published, going.unpublish_at) == (False, None)
    assert (later.is_published, later.publish_at) == (False, NOON + timedelta(days=1))
    assert comment(coming) == "Publisert som planlagt."
    assert comment(going) == "Avpublisert som planlagt."
    assert not Version.objects.get_for_object(later).exists()


def comment(programme):
    return history.comment_text(Version.objects.get_for_object(programme).first().revision.comment)


def test_a_page_both_due_up_and_down_since_the_last_run_is_recorded_as_both():
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        brief = make_programme(
            is_published=False, publish_at=NOON, unpublish_at=NOON + timedelta(minutes=30)
        )
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
    brief.refresh_from_db()
    assert (brief.is_published, brief.publish_at, brief.unpublish_at) == (False, None, None)
    assert comment(brief) == "Publisert og avpublisert som planlagt."


def test_the_command_is_idempotent():
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        programme = make_programme(is_published=False, publish_at=NOON)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
        call_command("publish_scheduled", verbosity=0)
    assert Version.objects.get_for_object(programme).count() == 1
    assert Programme.objects.get(pk=programme.pk).is_published


def test_a_window_in_the_past_ends_unpublished():
    with time_machine.travel(NOON - timedelta(days=2), tick=False):
        programme = make_programme(
            is_published=False, publish_at=NOON - timedelta(days=1), unpublish_at=NOON
        )
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
    programme.refresh_from_db()
    assert (programme.is_published, programme.publish_at, programme.unpublish_at) == (
        False,
        None,
        None,
    )


def test_unpublish_must_come_after_publish():
    programme = make_programme(is_published=False)
    programme.publish_at, programme.unpublish_at = NOON, NOON - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert error.value.error_dict["unpublish_at"][0].code == "unpublish_before_publish"


def test_a_published_page_cannot_also_wait_for_its_publish_time():
    with time_machine.travel(NOON - timedelta(days=1), tick=False):
        programme = make_programme()
        programme.publish_at = NOON
        with pytest.raises(ValidationError) as error:
            programme.full_clean()
    assert error.value.error_dict["publish_at"][0].code == "published_before_publish_at"


def test_the_admin_shows_the_schedule_error_in_the_editors_language(admin_client):
    from tests.programs.test_admin import programme_form

    data = programme_form(publish_at_0="01.03.2027", publish_at_1="12:00")
    data.update(unpublish_at_0="01.03.2027", unpublish_at_1="11:00")
    del data["is_published"]
    response = admin_client.post("/admin/programs/programme/add/", data)
    assert response.status_code == 200
    assert "unpublish_at" in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Velg et tidspunkt mellom år 2000 og 2100."),
        ("en", "Choose a time between the years 2000 and 2100."),
    ],
)
@pytest.mark.parametrize("field", ["publish_at", "unpublish_at"])
def test_a_year_typed_wrong_in_the_schedule_is_refused_not_a_500(
    admin_client, field, language, message
):
    """1 January of year 1, 00:00 in Oslo, is before the first moment UTC can hold."""
    from tests.programs.test_admin import programme_form

    data = programme_form(**{f"{field}_0": "0001-01-01", f"{field}_1": "00:00"})
    del data["is_published"]
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": language}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Programme.objects.filter(title_nb=data["title_nb"]).exists()


def test_the_list_says_when_a_page_goes_up_or_comes_down_by_itself(admin_client):
    scheduled = make_programme(is_published=False, title_nb="Kommer")
    scheduled.publish_at = NOON  # in the future: the list is read today
    scheduled.save()
    ending = make_programme(title_nb="Slutter")
    ending.unpublish_at = NOON + timedelta(days=30)
    ending.save()
    make_programme(title_nb="Vanlig")
    page = parse(admin_client.get("/admin/programs/programme/", headers={"accept-language": "nb"}))
    column = {
        row.select_one("th").get_text(strip=True): row.select_one("td.field-publication").get_text()
        for row in page.select("#result_list tbody tr")
    }
    assert column["Kommer"] == f"nei, fra {timezone.localtime(NOON):%d.%m.%Y %H:%M}"
    assert column["Slutter"] == f"ja, til {timezone.localtime(ending.unpublish_at):%d.%m.%Y %H:%M}"
    assert column["Vanlig"] == "ja"


def titles_in(admin_client, query):
    page = parse(admin_client.get(f"/admin/programs/programme/?{query}"))
    return [
        row.select_one("th").get_text(strip=True) for row in page.select("#result_list tbody tr")
    ]


def test_the_list_filters_and_sorts_by_the_schedule_not_by_the_switch(admin_client):
    """A page whose publish time has passed is public before ``publish_scheduled`` has turned
    its switch on; the filter and the column's sort say so, as the column does."""
    now = timezone.now()  # the admin's session is today's
    make_programme(is_published=False, publish_at=now - timedelta(hours=1), title_nb="Ute nå")
    make_programme(is_published=False, publish_at=now + timedelta(days=7), title_nb="Kommer")
    make_programme(unpublish_at=now + timedelta(days=7), title_nb="Slutter")
    make_programme(title_nb="Vanlig")
    # A draft with an unpublish time only: nothing will happen to it by itself.
    make_programme(is_published=False, unpublish_at=now + timedelta(days=7), title_nb="Utkast")
    assert sorted(titles_in(admin_client, "public=yes")) == ["Slutter", "Ute nå", "Vanlig"]
    assert sorted(titles_in(admin_client, "public=no")) == ["Kommer", "Utkast"]
    assert sorted(titles_in(admin_client, "public=scheduled")) == ["Kommer", "Slutter"]
    assert sorted(titles_in(admin_client, "public=abc")) == sorted(titles_in(admin_client, ""))
    # "publication" is the 4th column after the checkbox: ascending, hidden pages come first.
    in_order = titles_in(admin_client, "o=4.1")
    assert {*in_order[:2]} == {"Kommer", "Utkast"}
    assert {*in_order[2:]} == {"Slutter", "Ute nå", "Vanlig"}


def test_a_scheduled_page_without_english_is_warned_of_before_it_goes_up(admin_client):
    from tests.programs.test_admin import messages_after, programme_form

    day = f"{timezone.localdate() + timedelta(days=30):%d.%m.%Y}"  # the admin's session is today's
    data = programme_form(
        title_en="", lead_en="", slug_en="", publish_at_0=day, publish_at_1="12:00"
    )
    del data["is_published"]
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": "nb"}
    )
    assert response.status_code == 302
    assert (
        f"«Nytt studium» blir offentlig {day} 12:00 uten engelsk tittel og ingress: Hvis de "
        "ikke skrives innen da, viser den engelske siden den norske teksten, med en merknad om "
        "at den ikke er oversatt ennå."
    ) in messages_after(admin_client, response)


@pytest.mark.parametrize(
    ("language", "heading", "choices"),
    [
        ("nb", "Etter publisering", ["Alle", "Ja", "Nei", "Tidsstyrt"]),
        ("en", "By publication", ["All", "Yes", "No", "Scheduled"]),
    ],
)
def test_the_publication_filter_speaks_the_editors_language(
    admin_client, language, heading, choices
):
    admin_client.post("/admin/language/", {"language": language})
    page = parse(admin_client.get("/admin/programs/programme/"))
    [title] = [
        h for h in page.select("#changelist-filter details summary") if "publi" in h.get_text()
    ]
    assert title.get_text(strip=True) == heading
    options = title.find_parent("details").select("li a")
    assert [a.get_text(strip=True) for a in options] == choices


def test_a_window_already_closed_gets_no_warning_of_going_up(admin_client):
    from tests.programs.test_admin import messages_after, programme_form

    past = timezone.localdate() - timedelta(days=7)
    data = programme_form(
        title_en="",
        lead_en="",
        slug_en="",
        publish_at_0=f"{past:%d.%m.%Y}",
        publish_at_1="12:00",
        unpublish_at_0=f"{past + timedelta(days=1):%d.%m.%Y}",
        unpublish_at_1="12:00",
    )
    del data["is_published"]
    response = admin_client.post(
        "/admin/programs/programme/add/", data, headers={"accept-language": "nb"}
    )
    assert response.status_code == 302
    assert not [m for m in messages_after(admin_client, response) if "engelsk" in m]


@pytest.mark.parametrize("typed", ["2027-03-01", "01/03/2027", "1/3/2027", "01.03.2027"])
def test_an_english_editor_types_the_day_before_the_month(admin_client, typed):
    """As in Britain and Norway: Django's English read 01/03/2027 as 3 January."""
    from tests.programs.test_admin import programme_form

    admin_client.post("/admin/language/", {"language": "en"})
    data = programme_form(publish_at_0=typed, publish_at_1="12:00")
    del data["is_published"]
    assert admin_client.post("/admin/programs/programme/add/", data).status_code == 302
    published = Programme.objects.get(title_nb=data["title_nb"]).publish_at
    assert timezone.localtime(published).date() == date(2027, 3, 1)


def test_the_english_admin_writes_moments_the_british_way(admin_client):
    make_programme(title_nb="Kommer", is_published=False, publish_at=NOON)
    admin_client.post("/admin/language/", {"language": "en"})
    page = parse(admin_client.get("/admin/programs/programme/"))
    [cell] = page.select("td.field-publication")
    assert cell.get_text() == "no, from 01/03/2027 13:00"  # NOON is 13:00 in Oslo
