"""Every way content is written makes cached pages fresh at once: the admin's forms and
actions, ``loaddata``, the ``seed`` and ``demo_catalogue`` commands (tests/test_page_cache.py
covers each model's own save and delete)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import Programme
from tests.builders import make_programme
from tests.production import ROOT
from tests.programs.test_admin import programme_form

PAGES = ["/studier/", "/en/programmes/"]


def rendered(client, url):
    """Whether ``url`` was rendered afresh (it ran queries) rather than served from the cache."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code in (200, 410)
    return len(captured) > 0


def cache(client, urls=PAGES):
    for url in urls:
        client.get(url)
        assert not rendered(client, url), url


def assert_fresh(client, urls=PAGES):
    for url in urls:
        assert rendered(client, url), url


@pytest.mark.django_db
def test_a_programme_added_in_the_admin_is_listed_at_once(client, admin_client):
    cache(client)
    assert admin_client.post("/admin/programs/programme/add/", programme_form()).status_code == 302
    assert "Nytt studium" in client.get("/studier/").content.decode()
    assert "New programme" in client.get("/en/programmes/").content.decode()


@pytest.mark.django_db
def test_the_retire_action_makes_the_pages_fresh(client, admin_client):
    programme = make_programme()
    urls = [*PAGES, programme.get_absolute_url("nb"), programme.get_absolute_url("en")]
    cache(client, urls)
    response = admin_client.post(
        "/admin/programs/programme/",
        {
            "action": "retire",
            "_selected_action": [programme.pk],
            "step": "confirm",
            "successor": "",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == "discontinued"
    assert_fresh(client, urls)


def test_loaddata_makes_the_pages_fresh(client, seeded):
    cache(client)
    Programme.objects.update(title_nb="Gammel tittel")  # no signal: stale on purpose
    call_command("loaddata", ROOT / "fixtures" / "programmes.json", verbosity=0)
    assert "Gammel tittel" not in client.get("/studier/").content.decode()


def test_the_seed_command_makes_the_pages_fresh(client, seeded):
    cache(client)
    Programme.objects.update(title_nb="Gammel tittel")
    call_command("seed", verbosity=0)
    assert "Gammel tittel" not in client.get("/studier/").content.decode()


def test_the_demo_catalogue_makes_the_list_fresh(client, seeded):
    cache(client)
    call_command("demo_catalogue", programmes=3, verbosity=0)
    assert_fresh(client)
    assert client.get("/studier/").content.decode().count('class="programme-card') >= 3


def test_the_etag_answers_304_exactly_until_the_content_changes(client, seeded):
    programme = Programme.objects.first()
    url = programme.get_absolute_url("en")
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # from the cache
    programme.title_en = "A new title"
    programme.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "A new title" in response.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
