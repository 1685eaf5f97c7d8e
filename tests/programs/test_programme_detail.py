"""The programme page: status codes, language twins, fallbacks, sanitized text, query counts."""

import pytest

from programs.models import Status
from tests.builders import make_cohort, make_plan, make_programme, make_section, make_study_option
from tests.pages import parse, switcher_links, visible_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/studier/studium-a/", "nb", "Studium A"),
        ("/en/programmes/programme-a/", "en", "Programme A"),
    ],
)
def test_it_shows_the_programme_in_each_language(client, url, lang, title):
    make_programme(
        slug_nb="studium-a", slug_en="programme-a", title_nb="Studium A", title_en="Programme A"
    )
    response = client.get(url)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [title]


def test_language_switcher_links_each_page_to_its_twin(client):
    make_programme(slug_nb="studium-a", slug_en="programme-a")
    assert switcher_links(client.get("/studier/studium-a/")) == {
        "en": "/en/programmes/programme-a/"
    }
    assert switcher_links(client.get("/en/programmes/programme-a/")) == {
        "nb": "/studier/studium-a/"
    }


def test_switcher_names_each_language_in_itself(client):
    make_programme(slug_nb="studium-a", slug_en="programme-a")
    link = parse(client.get("/en/programmes/programme-a/")).select_one(".language-switcher a")
    assert (link.get_text(strip=True), link["lang"]) == ("Norsk (bokmål)", "nb")


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/en/programmes/studium-a/", "/en/programmes/programme-a/"),
        ("/studier/programme-a/", "/studier/studium-a/"),
    ],
)
def test_the_other_languages_slug_answers_301_to_the_right_one(client, url, location):
    make_programme(slug_nb="studium-a", slug_en="programme-a")
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == location


def test_a_programme_with_the_same_slug_in_both_languages_answers_in_both(client):
    make_programme(slug_nb="master", slug_en="master")
    assert client.get("/studier/master/").status_code == 200
    assert client.get("/en/programmes/master/").status_code == 200


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/studier/finnes-ikke/", "nb", "Fant ikke siden"),
        ("/en/programmes/no-such/", "en", "Page not found"),
    ],
)
def test_an_unknown_slug_gives_a_404_page_in_the_right_language(client, url, lang, heading):
    response = client.get(url)
    assert response.status_code == 404
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == heading


def test_an_unpublished_programme_is_not_found(client):
    make_programme(slug_nb="utkast", is_published=False)
    assert client.get("/studier/utkast/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/studier/%C3%B8l/", "/studier/" + "a" * 5000 + "/", "/en/programmes/x'%22/"]
)
def test_odd_urls_are_404_not_500(client, url):
    assert client.get(url).status_code == 404


def test_post_is_refused_with_405(client):
    make_programme(slug_nb="studium-a")
    assert client.post("/studier/studium-a/").status_code == 405


def test_head_answers_like_get_without_a_body(client):
    make_programme(slug_nb="studium-a")
    response = client.head("/studier/studium-a/")
    assert response.status_code == 200
    assert response.content == b""


def test_sections_are_an_accordion_in_position_order_with_anchors(client):
    programme = make_programme(slug_nb="studium-a")
    make_section(programme, position=20, title_nb="Andre", anchor="andre")
    make_section(programme, position=10, title_nb="Første", anchor="forste")
    soup = parse(client.get("/studier/studium-a/"))
    details = soup.select("details.accordion__item")
    assert [d["id"] for d in details] == ["forste", "andre"]
    assert [d.summary.get_text(strip=True) for d in details] == ["Første", "Andre"]


def test_the_english_page_has_english_anchors_and_keeps_the_norwegian_ones_working(client):
    programme = make_programme(slug_nb="studium-a", slug_en="programme-a")
    make_section(programme, position=10, title_nb="Opptak", title_en="Admission")
    make_section(programme, position=20, title_nb="Praksis", title_en="")  # reads nb's
    make_section(programme, position=30, title_nb="Kontakt", anchor_en="kontakt")  # the same
    english = parse(client.get("/en/programmes/programme-a/"))
    details = english.select("details.accordion__item")
    assert [d["id"] for d in details] == ["admission", "praksis", "kontakt"]
    aliases = [[span["id"] for span in d.select("h3 span[id]")] for d in details]
    assert aliases == [["opptak"], [], []]  # an empty span in the heading, nothing to read
    assert details[0].select_one("h3 span").get_text() == ""
    norwegian = parse(client.get("/studier/studium-a/"))
    assert [d["id"] for d in norwegian.select("details")] == ["opptak", "praksis", "kontakt"]
    assert not norwegian.select("details span[id]")


def test_section_body_is_sanitized_on_the_page(client):
    programme = make_programme(slug_nb="studium-a")
    section = make_section(programme)
    type(section).objects.filter(pk=section.pk).update(
        body_nb="<p>Trygt</p><script>alert(1)</script>"
    )
    html = client.get("/studier/studium-a/").content.decode()
    assert "Trygt" in html
    assert "alert(1)" not in html


def test_closed_programme_shows_its_notice_and_links_its_successor(client):
    new = make_programme(slug_nb="nytt", slug_en="new", title_en="New programme")
    make_programme(
        slug_nb="gammelt",
        slug_en="old",
        status=Status.CLOSED,
        notice_nb="Ikke lenger opptak.",
        notice_en="No longer admitting.",
        replaced_by=new,
    )
    soup = parse(client.get("/en/programmes/old/"))
    notice = soup.select_one(".notice--closed")
    assert "No longer admitting." in notice.get_text()
    assert notice.a["href"] == "/en/programmes/new/"
    assert notice.a.get_text(strip=True) == "Go to New programme"


def test_an_unpublished_successor_is_not_linked(client):
    new = make_programme(is_published=False)
    make_programme(slug_nb="gammelt", notice_nb="Stengt.", status=Status.CLOSED, replaced_by=new)
    assert parse(client.get("/studier/gammelt/")).select_one(".notice a") is None


@pytest.fixture
def chain():
    """Gammelt → Midt → Nytt: the first two discontinued, the first with a cohort and a plan
    for its enrolled students, and a notice in Norwegian only."""
    new = make_programme(slug_nb="nytt", slug_en="new", title_nb="Nytt", title_en="New")
    middle = make_programme(slug_nb="midt", status=Status.DISCONTINUED, replaced_by=new)
    old = make_programme(
        slug_nb="gammelt",
        slug_en="old",
        status=Status.DISCONTINUED,
        notice_nb="Ikke lenger opptak.",
        notice_en="",
        replaced_by=middle,
        ects_credits=60,
    )
    make_plan(make_study_option(old, duration_semesters=2), cohort=make_cohort(old, code="2023H"))
    return old


def test_a_retired_programmes_cohort_page_links_the_end_of_the_chain(client, chain):
    """Not the successor it names, which retired too and would only redirect."""
    notice = parse(client.get("/en/programmes/old/cohort-2023H/")).select_one(".notice--closed")
    assert notice.a["href"] == "/en/programmes/new/"
    assert notice.a.get_text(strip=True) == "Go to New"
    # The Norwegian notice is marked as such; the English link is not.
    assert notice.select_one(".notice__text")["lang"] == "nb"
    assert not notice.has_attr("lang") and not notice.select_one(".notice__link").has_attr("lang")


@pytest.mark.parametrize(
    ("url", "text", "link"),
    [
        (
            "/studier/gammelt/programplan/2023H/heltid/",
            "Studiet er lagt ned.",
            ("/studier/nytt/", "Gå til Nytt, som har tatt over"),
        ),
        (
            "/en/programmes/old/programme-plan/2023H/full-time/",
            "The programme has been discontinued.",
            ("/en/programmes/new/", "Go to New, which took its place"),
        ),
    ],
)
def test_a_retired_programmes_plan_says_so_and_links_what_took_its_place(
    client, chain, url, text, link
):
    response = client.get(url)
    assert response.status_code == 200
    notice = parse(response).select_one(".notice")
    assert text in notice.get_text()
    assert (notice.a["href"], notice.a.get_text(strip=True)) == link


def test_a_plan_of_a_programme_gone_links_its_page_of_alternatives(client):
    gone = make_programme(slug_nb="borte", status=Status.DISCONTINUED)
    make_plan(make_study_option(gone, duration_semesters=2), cohort=make_cohort(gone, code="2023H"))
    notice = parse(client.get("/studier/borte/programplan/2023H/heltid/")).select_one(".notice")
    assert notice.a["href"] == "/studier/borte/"
    assert client.get("/studier/borte/").status_code == 410


def test_untranslated_programme_falls_back_to_norwegian_marked_with_lang(client):
    programme = make_programme(slug_nb="bare-norsk", slug_en=None, title_en="", lead_en="")
    make_section(programme, title_en="", body_en="")
    response = client.get("/en/programmes/bare-norsk/")
    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "en"
    assert soup.h1["lang"] == "nb"
    assert soup.select_one(".programme__lead")["lang"] == "nb"
    assert soup.select_one(".accordion__summary")["lang"] == "nb"
    assert "has not been translated into English yet" in visible_text(response)


@pytest.mark.parametrize(
    ("untranslated", "fields"),
    [
        ("section", {"body_en": ""}),
        ("section", {"heading_nb": "Overskrift", "heading_en": ""}),
        ("notice", {}),
    ],
)
def test_a_page_with_some_norwegian_text_says_so(client, untranslated, fields):
    """Only a page without an English title or lead said it was shown in Norwegian; a section
    or notice in Norwegian on an English page was marked lang="nb" and nothing visible."""
    programme = make_programme(slug_en="programme-a")
    make_section(programme, **(fields if untranslated == "section" else {}))
    if untranslated == "notice":
        programme.notice_nb = "Ikke opptak i år."
        programme.save()
    english = client.get("/en/programmes/programme-a/")
    notice = "Parts of this page have not been translated into English yet"
    assert notice in visible_text(english)
    assert "This page has not been translated" not in visible_text(english)
    assert "ikke oversatt" not in visible_text(client.get(programme.get_absolute_url("nb")))


def test_translated_text_carries_no_lang_override(client):
    make_programme(slug_en="programme-a")
    soup = parse(client.get("/en/programmes/programme-a/"))
    assert not soup.h1.has_attr("lang")
    assert soup.select_one(".notice") is None


def test_credits_are_shown_in_the_readers_language(client):
    make_programme(slug_nb="studium-a", slug_en="programme-a", ects_credits=7.5)
    assert "7,5 studiepoeng" in visible_text(client.get("/studier/studium-a/"))
    assert "7.5 ECTS" in visible_text(client.get("/en/programmes/programme-a/"))


@pytest.mark.parametrize("sections", [2, 40])
@pytest.mark.parametrize("url", ["/studier/studium-a/", "/en/programmes/programme-a/"])
def test_programme_page_queries_stay_flat(client, django_assert_num_queries, sections, url):
    successor = make_programme()
    make_programme(
        slug_nb="studium-a",
        slug_en="programme-a",
        sections=sections,
        replaced_by=successor,
        status=Status.CLOSED,
        notice_nb="Stengt.",
        notice_en="Closed.",
    )
    # Programme, sections, study options, cohorts, replaced programmes; the nested prefetches
    # only run when there are rows to attach them to: see tests/admissions for the full 9.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(parse(response).select("details")) == sections


@pytest.mark.parametrize(
    ("url", "alt"),
    [
        ("/studier/studium-a/", "En dame noterer på et ark."),
        ("/en/programmes/programme-a/", "A woman takes notes."),
    ],
)
def test_hero_image_carries_its_description_in_each_language(client, url, alt):
    make_programme(
        slug_nb="studium-a",
        slug_en="programme-a",
        hero_image="programmes/samtale.jpg",
        hero_alt_nb="En dame noterer på et ark.",
        hero_alt_en="A woman takes notes.",
    )
    img = parse(client.get(url)).select_one(".programme__hero img")
    assert (img["src"], img["alt"]) == ("/media/programmes/samtale.jpg", alt)


@pytest.mark.parametrize(
    ("url", "heading", "link"),
    [
        ("/studier/studium-a/", "Har du noen spørsmål?", "Kontaktskjema"),
        ("/en/programmes/programme-a/", "Do you have any questions?", "Contact form"),
    ],
)
def test_the_contact_block_links_the_programmes_contact_page(client, url, heading, link):
    make_programme(slug_nb="studium-a", slug_en="programme-a", contact_url="https://example.org/k")
    contact = parse(client.get(url)).select_one(".contact")
    assert contact.h2.get_text(strip=True) == heading
    assert (contact.a.get_text(strip=True), contact.a["href"]) == (link, "https://example.org/k")


def test_without_a_contact_page_there_is_no_contact_block(client):
    make_programme(slug_nb="studium-a")
    assert parse(client.get("/studier/studium-a/")).select_one(".contact") is None
