"""Retiring programmes: 301 to the final successor, 410 without one, old slugs, cohort pages."""

import json
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import OldSlug, Programme, Status
from tests.builders import make_cohort, make_programme, make_section, make_week
from tests.pages import parse, switcher_links, visible_text

pytestmark = pytest.mark.django_db


def retired(**fields):
    return make_programme(status=Status.DISCONTINUED, **fields)


@pytest.mark.parametrize(
    ("url", "location"),
    [("/studier/gammelt/", "/studier/nytt/"), ("/en/programmes/old/", "/en/programmes/new/")],
)
def test_retired_programme_answers_301_to_its_successor_in_the_same_language(client, url, location):
    new = make_programme(slug_nb="nytt", slug_en="new")
    retired(slug_nb="gammelt", slug_en="old", replaced_by=new)
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize(
    ("url", "location", "stored"),
    [
        ("/studier/gammelt/?utm_source=print", "/studier/nytt/?utm_source=print", True),
        ("/en/programmes/old/?utm_source=x&q=1", "/en/programmes/new/?utm_source=x&q=1", True),
        # every spelling would take a slot of the page cache (canonical_redirect)
        ("/studier/GAMMELT/", "/studier/nytt/", False),
        ("/en/programmes/Old/", "/en/programmes/new/", False),
    ],
)
def test_the_redirect_to_the_successor_keeps_the_query_string(client, url, location, stored):
    new = make_programme(slug_nb="nytt", slug_en="new")
    retired(slug_nb="gammelt", slug_en="old", replaced_by=new)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)
    assert ("no-store" not in response.get("Cache-Control", "")) == stored


@pytest.mark.parametrize(
    ("url", "location"),
    [("/studier/eldst/", "/studier/nyest/"), ("/en/programmes/oldest/", "/en/programmes/newest/")],
)
def test_a_three_step_chain_resolves_in_one_hop(client, url, location):
    newest = make_programme(slug_nb="nyest", slug_en="newest")
    middle = retired(slug_nb="midt", slug_en="middle", replaced_by=newest)
    retired(slug_nb="eldst", slug_en="oldest", replaced_by=middle)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)


@pytest.mark.parametrize(
    ("url", "sentences"),
    [
        (
            "/studier/nyest/",
            [
                "Dette studiet erstatter Midt og Eldst.",
                "Studenter på Eldst finner samlingsukene sine her: kull 2023H.",
            ],
        ),
        (
            "/en/programmes/newest/",
            [
                "This programme replaces Middle and Oldest.",
                "Students on Oldest find their teaching weeks here: cohort 2023H.",
            ],
        ),
    ],
)
def test_the_end_of_a_chain_names_every_programme_that_leads_to_it(client, url, sentences):
    """A reader of the oldest programme lands on the newest (one hop): it names theirs too,
    in one sentence with the others, and then their cohort's weeks."""
    newest = make_programme(slug_nb="nyest", slug_en="newest")
    middle = retired(title_nb="Midt", title_en="Middle", replaced_by=newest)
    oldest = retired(title_nb="Eldst", title_en="Oldest", slug_en="oldest", replaced_by=middle)
    make_cohort(oldest, code="2023H")
    replaces = parse(client.get(url)).select_one(".replaces")
    assert [" ".join(p.get_text().split()) for p in replaces.select("p")] == sentences
    assert replaces.a["href"] == oldest.cohorts.get().get_absolute_url()


def chain(length):
    """A live programme "Nyest" and ``length`` retired ones before it, "Eldre 1" (the newest
    of them) to "Eldre <length>" (slug "eldre-<length>", with cohort 2023H): oldest last."""
    newest = make_programme(title_nb="Nyest", title_en="Newest", slug_nb="nyest", slug_en="newest")
    older = [newest]
    for n in range(1, length + 1):
        older.append(
            retired(
                title_nb=f"Eldre {n}",
                title_en=f"Older {n}",
                slug_nb=f"eldre-{n}",
                replaced_by=older[-1],
            )
        )
    make_cohort(older[-1], code="2023H")
    return older


def test_a_chain_of_any_length_costs_one_query_to_follow(client, django_assert_num_queries):
    """Four retirements back lead to the newest in one hop, for the same queries as two."""
    chain(5)
    with CaptureQueriesContext(connection) as two_back:
        response = client.get("/studier/eldre-2/")
    assert (response.status_code, response["Location"]) == (301, "/studier/nyest/")
    with django_assert_num_queries(len(two_back)):
        response = client.get("/studier/eldre-4/")  # no cohort, as eldre-2
    assert (response.status_code, response["Location"]) == (301, "/studier/nyest/")


def test_the_end_of_a_long_chain_names_every_programme_before_it_nearest_first(client):
    """Students of the oldest of five find their cohort's weeks where their address leads."""
    oldest = chain(5)[-1]
    replaces = parse(client.get("/en/programmes/newest/")).select_one(".replaces")
    names = ", ".join(f"Older {n}" for n in range(1, 5))
    assert replaces.p.get_text() == f"This programme replaces {names} and Older 5."
    assert replaces.a["href"] == oldest.cohorts.get().get_absolute_url("en")


def test_a_live_programme_in_a_chain_ends_the_list_of_those_before_it():
    """A → B → C with B still live: A's address leads to B, so C's page names B only."""
    newest = make_programme()
    live = make_programme(title_nb="Lukket", status=Status.CLOSED, replaced_by=newest)
    retired(title_nb="Eldst", replaced_by=live)
    assert [p.title_nb for p in Programme.objects.earlier_than(newest)] == ["Lukket"]


def test_a_loop_of_retirements_that_got_past_validation_ends_in_410(client):
    """A bulk update bypasses ``clean()``: the walk stops at the programme it has seen."""
    first, second = retired(slug_nb="forste"), retired(slug_nb="andre")
    Programme.objects.filter(pk=first.pk).update(replaced_by=second)
    Programme.objects.filter(pk=second.pk).update(replaced_by=first)
    assert client.get("/studier/forste/").status_code == 410
    assert Programme.objects.earlier_than(first) == [second]


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/studier/gammelt/", "nb", "Gammelt studium er lagt ned"),
        ("/en/programmes/old/", "en", "Old programme has been discontinued"),
    ],
)
def test_without_a_successor_it_answers_410_with_a_helpful_page(client, url, lang, heading):
    retired(slug_nb="gammelt", slug_en="old", title_nb="Gammelt studium", title_en="Old programme")
    make_programme(title_nb="Åpent studium", title_en="Open programme")
    response = client.get(url)
    assert response.status_code == 410
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == heading
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    cards = [a.get_text(strip=True) for a in soup.select("h3.programme-card__title a")]
    assert cards == ["Åpent studium" if lang == "nb" else "Open programme"]  # under their h2


def test_a_chain_that_ends_in_a_retired_programme_without_successor_is_gone(client):
    end = retired()
    retired(slug_nb="gammelt", replaced_by=end)
    assert client.get("/studier/gammelt/").status_code == 410


def test_a_chain_that_ends_in_an_unpublished_programme_is_gone(client):
    draft = make_programme(is_published=False)
    retired(slug_nb="gammelt", replaced_by=draft)
    assert client.get("/studier/gammelt/").status_code == 410


def test_an_unpublished_retired_programme_is_not_found(client):
    retired(slug_nb="gammelt", is_published=False)
    assert client.get("/studier/gammelt/").status_code == 404


def test_retired_programmes_are_left_out_of_the_list(client):
    new = make_programme(title_nb="Nytt")
    retired(title_nb="Gammelt", replaced_by=new)
    titles = [
        a.get_text(strip=True) for a in parse(client.get("/studier/")).select(".programme-card a")
    ]
    assert titles == ["Nytt"]


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/studier/gammelt-navn/", "/studier/nytt-navn/"),
        ("/en/programmes/old-name/", "/en/programmes/new-name/"),
    ],
)
def test_old_slugs_redirect_after_a_rename(client, url, location):
    programme = make_programme(slug_nb="gammelt-navn", slug_en="old-name")
    programme.slug_nb, programme.slug_en = "nytt-navn", "new-name"
    programme.full_clean()
    programme.save()
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/studier/Sykepleie/", "/studier/sykepleie/"),
        ("/en/programmes/NURSING/?utm_source=print", "/en/programmes/nursing/?utm_source=print"),
        ("/en/programmes/Nursing/cohort-2023H/", "/en/programmes/nursing/cohort-2023H/"),
        ("/studier/SYKEPLEIE/kull-2023H.ics", "/studier/sykepleie/kull-2023H.ics"),
        ("/studier/GAMMEL-SYKEPLEIE/", "/studier/sykepleie/"),  # an old slug, in capitals
    ],
)
def test_a_slug_typed_in_capitals_redirects_to_the_lower_case_address(client, url, location):
    programme = make_programme(slug_nb="gammel-sykepleie", slug_en="nursing")
    programme.slug_nb = "sykepleie"
    programme.save()
    make_cohort(programme)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)
    # Only the case differs: not for the page cache, where 2ⁿ spellings would take slots.
    case_only = urlsplit(url).path.lower() == urlsplit(location).path.lower()
    assert ("no-store" in response.get("Cache-Control", "")) == case_only


def test_a_slug_in_capitals_that_is_nothing_in_lower_case_is_404(client):
    make_programme(slug_nb="sykepleie")
    assert client.get("/studier/FINNES-IKKE/").status_code == 404


def test_every_earlier_slug_leads_to_the_current_one(client):
    programme = make_programme(slug_nb="forste")
    for slug in ("andre", "tredje"):
        programme.slug_nb = slug
        programme.save()
    assert client.get("/studier/forste/")["Location"] == "/studier/tredje/"
    assert client.get("/studier/andre/")["Location"] == "/studier/tredje/"


def test_a_slug_taken_again_belongs_to_its_new_owner(client):
    first = make_programme(slug_nb="felles")
    first.slug_nb = "forste"
    first.save()
    make_programme(slug_nb="felles", title_nb="Ny eier")
    assert parse(client.get("/studier/felles/")).h1.get_text(strip=True) == "Ny eier"
    assert not OldSlug.objects.filter(slug="felles").exists()


def test_renaming_a_draft_leaves_no_redirect():
    draft = make_programme(slug_nb="utkast", is_published=False)
    draft.slug_nb = "utkast-2"
    draft.save()
    assert not OldSlug.objects.exists()


def test_an_old_slug_of_a_retired_programme_goes_straight_to_the_successor(client):
    new = make_programme(slug_nb="nytt")
    old = make_programme(slug_nb="gammelt-navn")
    old.slug_nb, old.status, old.replaced_by = "gammelt", Status.DISCONTINUED, new
    old.save()
    assert client.get("/studier/gammelt-navn/")["Location"] == "/studier/nytt/"


@pytest.fixture
def retired_with_cohort():
    new = make_programme(slug_nb="nytt", slug_en="new", title_en="New")
    old = retired(slug_nb="gammelt", slug_en="old", title_en="Old", replaced_by=new)
    make_section(old, title_nb="Hvem passer studiet for?", title_en="Who is it for?")
    make_section(old, title_nb="Når er samlingsukene?", title_en="When?", embed="schedule")
    make_week(make_cohort(old, code="2023H"), iso_year=2024, week=37)
    return old


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/studier/gammelt/kull-2023H/", ["Når er samlingsukene?", "uke 37", "Hvem passer"]),
        ("/en/programmes/old/cohort-2023H/", ["When?", "week 37", "Who is it for?"]),
    ],
)
def test_the_cohort_page_of_a_retired_programme_stays_reachable_and_unindexed(
    client, retired_with_cohort, url, texts
):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    soup = parse(response)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    text = visible_text(response)
    assert [t for t in texts if t not in text] == []


def test_the_cohort_page_links_its_twin(client, retired_with_cohort):
    links = switcher_links(client.get("/studier/gammelt/kull-2023H/"))
    assert links == {"en": "/en/programmes/old/cohort-2023H/"}


def test_the_cohort_page_with_the_other_languages_slug_redirects(client, retired_with_cohort):
    response = client.get("/en/programmes/gammelt/cohort-2023H/")
    assert (response.status_code, response["Location"]) == (301, "/en/programmes/old/cohort-2023H/")


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/studier/gammelt/kull-2023h/", "/studier/gammelt/kull-2023H/"),
        ("/en/programmes/old/cohort-2023h.ics", "/en/programmes/old/cohort-2023H.ics"),
    ],
)
def test_a_cohort_code_in_lower_case_redirects_to_its_spelling(
    client, retired_with_cohort, url, location
):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)
    assert client.get(location).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/studier/gammelt/kull-2099H/",
        "/studier/finnes-ikke/kull-2023H/",
        "/studier/gammelt/kull-2023x/",
    ],
)
def test_unknown_cohort_pages_are_404(client, retired_with_cohort, url):
    assert client.get(url).status_code == 404


def test_the_successor_page_links_the_cohort_page(client, retired_with_cohort):
    replaces = parse(client.get("/en/programmes/new/")).select_one(".replaces")
    assert "This programme replaces Old." in replaces.get_text(" ")
    assert replaces.a["href"] == "/en/programmes/old/cohort-2023H/"


def retire_action(admin_client, programmes, **data):
    return admin_client.post(
        "/admin/programs/programme/",
        {"action": "retire", "_selected_action": [p.pk for p in programmes], **data},
    )


@pytest.mark.parametrize(
    ("count", "heading", "button"),
    [
        (1, "Legg ned utdanning", "Ja, legg den ned"),
        (2, "Legg ned utdanninger", "Ja, legg dem ned"),
    ],
)
def test_the_retire_pages_speak_of_one_programme_or_several(admin_client, count, heading, button):
    programmes = [make_programme() for _ in range(count)]
    page = parse(retire_action(admin_client, programmes, step="preview", successor=""))
    assert page.select_one("#content h1").get_text(strip=True) == heading
    assert page.select_one("input[type=submit]")["value"] == button
    lead = page.select_one("form p").get_text()
    assert lead.startswith("Denne utdanningen" if count == 1 else "Disse utdanningene")


def test_the_retire_action_asks_for_a_successor_then_shows_the_chain_then_retires(admin_client):
    middle = make_programme(title_nb="Midt")
    old = make_programme(title_nb="Gammelt")
    retired(title_nb="Eldst", replaced_by=old)  # its visitors will be sent on to Midt too

    step1 = retire_action(admin_client, [old])
    assert step1.status_code == 200 and 'name="successor"' in step1.content.decode()

    step2 = retire_action(admin_client, [old], step="preview", successor=middle.pk)
    assert "Eldst → Gammelt → Midt" in " ".join(step2.content.decode().split())
    old.refresh_from_db()
    assert old.status != Status.DISCONTINUED  # nothing happens before the confirmation

    step3 = retire_action(admin_client, [old], step="confirm", successor=middle.pk)
    assert step3.status_code == 302
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (Status.DISCONTINUED, middle)


def test_the_retire_preview_names_every_programme_before_it_however_far_back(admin_client):
    """A → B → C, retiring C to a 410: the preview said "B → C → 410", and A's visitors
    end there too."""
    c = make_programme(title_nb="Ceres")
    b = retired(title_nb="Bacchus", replaced_by=c)
    retired(title_nb="Apollo", replaced_by=b)
    make_programme(title_nb="Diana", status=Status.CLOSED, replaced_by=c)  # not sent on yet
    page = retire_action(admin_client, [c], step="preview", successor="")
    assert "Bacchus, Apollo → Ceres → 410" in " ".join(page.content.decode().split())


def test_the_retire_action_refuses_a_loop_and_changes_nothing(admin_client):
    a = make_programme(title_nb="A")
    b = make_programme(title_nb="B", replaced_by=a, status=Status.CLOSED)
    response = retire_action(admin_client, [a], step="confirm", successor=b.pk)
    assert response.status_code == 200
    assert "sløyfe" in response.content.decode()
    a.refresh_from_db()
    assert (a.status, a.replaced_by) == (Status.OPEN, None)


def test_the_retire_action_can_retire_without_a_successor(admin_client):
    old = make_programme()
    retire_action(admin_client, [old], step="confirm", successor="")
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (Status.DISCONTINUED, None)


def test_the_retire_action_says_which_chosen_programmes_are_retired_already(admin_client):
    """Retiring one again sends its visitors elsewhere: the editor sees where they go now."""
    successor = make_programme(title_nb="Etterfølger")
    chosen = [
        retired(title_nb="Lagt ned", replaced_by=successor),
        retired(title_nb="Borte"),
        retired(title_nb="Utkast", is_published=False, replaced_by=successor),
        make_programme(title_nb="Åpent"),
    ]
    items = [
        " ".join(li.get_text(" ").split())
        for li in parse(retire_action(admin_client, chosen)).select("#content form > ul li")
    ]
    assert items == [  # in title order
        "Borte: allerede lagt ned, og siden sier at studiet er borte (410) nå.",
        "Lagt ned: allerede lagt ned, og besøkende sendes til Etterfølger nå.",
        "Utkast: allerede lagt ned, og ikke publisert: adressen svarer 404 nå.",
        "Åpent",
    ]


@pytest.mark.parametrize("successor", [True, False])
def test_the_preview_shows_an_open_programme_as_open_until_confirmed(admin_client, successor):
    """The form's check retired the chosen programmes in memory, and the preview then said
    that an open one was "already discontinued"."""
    target = make_programme(title_nb="Etterfølger")
    open_one = make_programme(title_nb="Åpent")
    response = retire_action(
        admin_client, [open_one], step="preview", successor=target.pk if successor else ""
    )
    assert response.status_code == 200
    chosen = parse(response).select_one("#content form > ul li")
    assert " ".join(chosen.get_text(" ").split()) == "Åpent"
    assert "allerede lagt ned" not in visible_text(response)
    open_one.refresh_from_db()
    assert open_one.status == Status.OPEN


def test_the_changelist_shows_status_and_successor(admin_client):
    new = make_programme(title_nb="Nytt")
    retired(title_nb="Gammelt", replaced_by=new)
    changelist = parse(admin_client.get("/admin/programs/programme/"))
    rows = {
        row.select_one(".field-title_nb").get_text(strip=True): (
            row.select_one(".field-status_and_successor").get_text(strip=True)
        )
        for row in changelist.select("#result_list tbody tr")
    }
    assert rows == {"Gammelt": "Nedlagt, erstattet av Nytt", "Nytt": "Åpen for søknader"}


def test_seed_refuses_a_fixture_with_a_loop_and_loads_nothing(tmp_path):
    def programme(pk, successor):
        return {
            "model": "programs.programme",
            "pk": pk,
            "fields": {
                "title": f"P{pk}",
                "title_nb": f"P{pk}",
                "slug": f"p{pk}",
                "slug_nb": f"p{pk}",
                "lead": "L",
                "lead_nb": "L",
                "level": "further_education",
                "status": "discontinued",
                "replaced_by": successor,
                "is_published": True,
                "created_at": "2025-01-01T00:00:00Z",
                "updated_at": "2025-01-01T00:00:00Z",
            },
        }

    fixture = tmp_path / "loop.json"
    fixture.write_text(json.dumps([programme(1, 2), programme(2, 1)]))
    with pytest.raises(CommandError, match="replaced_by"):
        call_command("seed", str(fixture), verbosity=0)
    assert not Programme.objects.exists()


def test_the_retire_action_offers_only_live_successors(admin_client):
    old = make_programme()
    make_programme(title_nb="Utkast", is_published=False)
    retired(title_nb="Nedlagt allerede")
    make_programme(title_nb="Levende")
    html = retire_action(admin_client, [old]).content.decode()
    assert "Levende" in html
    assert "Utkast" not in html and "Nedlagt allerede" not in html


@pytest.mark.parametrize(
    ("old_url", "new_url"),
    [
        ("/studier/gammelt/kull-2023H/", "/studier/nytt/kull-2023H/"),
        ("/studier/gammelt/kull-2023H.ics", "/studier/nytt/kull-2023H.ics"),
        ("/en/programmes/old/cohort-2023H/", "/en/programmes/new/cohort-2023H/"),
    ],
)
def test_a_renamed_programmes_cohort_page_and_feed_redirect(client, old_url, new_url):
    programme = make_programme(slug_nb="gammelt", slug_en="old")
    make_cohort(programme, code="2023H")
    programme.slug_nb, programme.slug_en = "nytt", "new"
    programme.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, new_url)


@pytest.mark.parametrize(
    "url",
    ["/studier/gammelt/kull-%00.ics", "/studier/gammelt/kull-%00/", "/studier/gammelt/kull-2023X/"],
)
def test_a_cohort_url_with_a_malformed_code_is_404(client, retired_with_cohort, url):
    assert client.get(url).status_code == 404


def test_an_unpublished_draft_does_not_take_a_live_redirect():
    programme = make_programme(slug_nb="sykepleie")
    programme.slug_nb = "sykepleie-bachelor"
    programme.save()
    make_programme(slug_nb="sykepleie", is_published=False)
    assert OldSlug.objects.filter(slug="sykepleie").exists()


def test_the_gone_page_suggests_only_programmes_open_for_applications(client):
    retired(slug_nb="gammelt")
    make_programme(title_nb="Stengt", status=Status.CLOSED)
    make_programme(title_nb="Åpent")
    cards = [
        a.get_text(strip=True)
        for a in parse(client.get("/studier/gammelt/")).select(".programme-card a")
    ]
    assert cards == ["Åpent"]


def test_the_gone_page_suggests_programmes_on_the_same_subject_first(client):
    retired(slug_nb="gammelt", title_nb="Bachelor i barnevern", level="bachelor")
    for title in ("Bachelor i arkivfag", "Bachelor i sykepleie", "Bachelor i Barnevernsarbeid"):
        make_programme(title_nb=title, level="bachelor")
    make_programme(title_nb="Videreutdanning i barnevern")  # another level
    cards = [
        a.get_text(strip=True)
        for a in parse(client.get("/studier/gammelt/")).select(".programme-card a")
    ]
    # "bachelor" is the kind of programme, not a subject: it relates nothing.
    assert cards == ["Bachelor i Barnevernsarbeid", "Bachelor i arkivfag", "Bachelor i sykepleie"]


def test_the_410_page_offers_programmes_that_take_the_same_bachelors_first(client):
    """An intensive-care nursing programme shares no title word with an operating-theatre one,
    but both take nurses: that one comes before the alphabet's first."""
    from tests.builders import make_field_of_study, make_requirement

    nursing, welfare = make_field_of_study(name_nb="Sykepleie"), make_field_of_study()
    gone = retired(slug_nb="intensiv", title_nb="Videreutdanning i intensivsykepleie")
    make_requirement(gone, fields=[nursing])
    make_programme(title_nb="Videreutdanning i aldring")  # first in the alphabet
    make_requirement(make_programme(title_nb="Videreutdanning i barnevern"), fields=[welfare])
    make_requirement(
        make_programme(title_nb="Videreutdanning i operasjonsledelse"), fields=[nursing]
    )
    cards = parse(client.get("/studier/intensiv/")).select(".programme-card__title a")
    assert [a.get_text(strip=True) for a in cards] == [
        "Videreutdanning i operasjonsledelse",
        "Videreutdanning i aldring",
        "Videreutdanning i barnevern",
    ]


def test_the_english_gone_page_suggests_programmes_with_an_english_page_first(client):
    """Three Norwegian-only pages came first on the English page: their titles sort first."""
    gone = retired(slug_nb="gammelt", slug_en="old", title_nb="Gammelt", title_en="Old")
    make_programme(title_nb="Arkivfag", title_en="", lead_en="")
    make_programme(title_nb="Yrkesfag", title_en="Vocational studies")
    make_programme(title_nb="Barnevern", title_en="Child welfare")
    cards = parse(client.get(gone.get_absolute_url("en"))).select(".programme-card__title a")
    assert [a.get_text(strip=True) for a in cards] == [
        "Child welfare",
        "Vocational studies",
        "Arkivfag",
    ]
    cards = parse(client.get(gone.get_absolute_url("nb"))).select(".programme-card__title a")
    assert [a.get_text(strip=True) for a in cards] == ["Arkivfag", "Barnevern", "Yrkesfag"]
