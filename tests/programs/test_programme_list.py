"""The programme list: what is listed, in which order, how a reader searches, filters and
pages through it, what a bad query string gets, and at what query cost.

Runs on SQLite and, with ``DATABASE_URL=postgres:///studieside``, on a throwaway PostgreSQL
(tests/services.py); where the engines differ (stemming and ranking), the test says which."""

import copy
import types

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.utils import translation
from pytest_django.asserts import assertHTMLEqual

from admissions.choices import StudyMode
from admissions.forms import UNREADABLE, ProgrammeFilterForm
from programs.models import Level, Status
from tests.builders import (
    make_field_of_study,
    make_programme,
    make_requirement,
    make_study_option,
)
from tests.pages import parse, switcher_links, visible_text

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


def titles(response):
    return [a.get_text(strip=True) for a in parse(response).select(".programme-card__title a")]


def alert(response):
    return parse(response).select_one("[role=alert]").get_text(" ", strip=True)


def status_text(response):
    return " ".join(parse(response).select_one("#result-count").get_text().split())


def test_it_lists_published_programmes_that_are_not_discontinued(client):
    make_programme(title_nb="Åpent")
    make_programme(title_nb="Stengt", status=Status.CLOSED)
    make_programme(title_nb="Utkast", is_published=False)
    make_programme(title_nb="Nedlagt", status=Status.DISCONTINUED)
    assert sorted(titles(client.get("/studier/"))) == ["Stengt", "Åpent"]


def test_it_orders_by_the_title_the_reader_sees(client):
    make_programme(title_nb="Bb", title_en="Zz")
    make_programme(title_nb="Ab", title_en="")  # falls back to its Norwegian title in English
    make_programme(title_nb="Cc", title_en="Mm")
    assert titles(client.get("/studier/")) == ["Ab", "Bb", "Cc"]
    assert titles(client.get("/en/programmes/")) == ["Ab", "Mm", "Zz"]


NORWEGIAN_ORDER = ["aldring", "Bachelor i zoologi", "Ærlig", "Økonomi", "Årsstudium i helse"]


def test_it_orders_in_the_norwegian_alphabet(client):
    """Æ, Ø, Å after Z and in that order; PostgreSQL's default collation filed Å under A and
    SQLite sorted by code point (Å before Æ). A search is ordered the same way after its rank
    (on PostgreSQL; SQLite orders a search by title alone)."""
    for title in reversed(NORWEGIAN_ORDER):
        make_programme(title_nb=title, lead_nb="Studium.")
    assert titles(client.get("/studier/")) == NORWEGIAN_ORDER
    assert titles(client.get("/studier/?q=studium")) == NORWEGIAN_ORDER


def test_cards_link_to_the_programme_in_the_lists_language(client):
    make_programme(slug_nb="studium-a", slug_en="programme-a")
    links = parse(client.get("/en/programmes/")).select(".programme-card__title a")
    assert [a["href"] for a in links] == ["/en/programmes/programme-a/"]


def test_the_list_links_its_twin(client):
    assert switcher_links(client.get("/studier/")) == {"en": "/en/programmes/"}
    assert switcher_links(client.get("/en/programmes/")) == {"nb": "/studier/"}


def test_the_other_language_keeps_the_filters_on_its_first_page_but_not_the_search(client, many):
    response = client.get("/en/programmes/?page=2&q=programme&level=further_education&open=1")
    assert switcher_links(response) == {"nb": "/studier/?level=further_education&open=1"}
    bad = client.get("/en/programmes/?page=abc&open=1")
    assert switcher_links(bad) == {"nb": "/studier/"}  # nothing to keep from a 400


def test_an_empty_list_says_so(client, db):
    response = client.get("/en/programmes/")
    assert response.status_code == 200
    assert "There are no programmes to show yet." in response.content.decode()


@pytest.mark.parametrize(("url", "location"), [("/", "/studier/"), ("/en/", "/en/programmes/")])
def test_the_front_page_leads_to_the_list(client, url, location):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == location


# Search ----------------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    """Three programmes with Norwegian and English text, study options and levels."""
    mental = make_programme(
        title_nb="Psykisk helse-, rus- og avhengighetsarbeid",
        title_en="Mental Health and Addiction",
        lead_nb="For deg som vil forebygge psykiske lidelser.",
        lead_en="For you who want to prevent mental illness.",
        level=Level.FURTHER_EDUCATION,
    )
    make_study_option(mental, study_code="215 1210", mode=StudyMode.FULL_TIME)
    make_study_option(mental, study_code="215 1220", mode=StudyMode.PART_TIME)
    nursing = make_programme(
        title_nb="Sykepleie",
        title_en="Nursing",
        lead_nb="Bli sykepleier i helsetjenesten.",
        lead_en="Become a nurse in the health service.",
        level=Level.BACHELOR,
    )
    make_study_option(nursing, study_code="SYK 100", mode=StudyMode.FULL_TIME)
    economics = make_programme(
        title_nb="Økonomi og ledelse",
        title_en="Economics and Management",
        lead_nb="Ledelse i offentlig sektor.",
        lead_en="Leading in the public sector.",
        level=Level.MASTER,
        status=Status.CLOSED,
    )
    make_study_option(economics, study_code="OKL 300", mode=StudyMode.PART_TIME)
    return {"mental": mental, "nursing": nursing, "economics": economics}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/studier/?q=sykepleie", ["Sykepleie"]),  # a title
        ("/studier/?q=forebygge", ["Psykisk helse-, rus- og avhengighetsarbeid"]),  # a lead
        ("/studier/?q=avhengighet", ["Psykisk helse-, rus- og avhengighetsarbeid"]),  # compound
        ("/studier/?q=SYKEPLEIE", ["Sykepleie"]),  # any case
        ("/studier/?q=økonomi", ["Økonomi og ledelse"]),  # non-ASCII, another case
        ("/studier/?q=ØKONOMI", ["Økonomi og ledelse"]),
        ("/studier/?q=okonomi", ["Økonomi og ledelse"]),  # typed without Norwegian letters
        ("/studier/?q=OKONOMI+og", ["Økonomi og ledelse"]),
        ("/en/programmes/?q=okonomi", []),  # not in the English title
        ("/studier/?q=psyk+helse", ["Psykisk helse-, rus- og avhengighetsarbeid"]),  # prefixes
        ("/studier/?q=ledelse+helse", []),  # every word must match
        ("/studier/?q=nursing", []),  # not in the reader's language
        ("/en/programmes/?q=nurs", ["Nursing"]),
        ("/en/programmes/?q=mental+illness", ["Mental Health and Addiction"]),
        ("/en/programmes/?q=public+sector", ["Economics and Management"]),
        ("/en/programmes/?q=sykepleie", []),
    ],
)
def test_it_searches_titles_and_leads_in_the_readers_language(client, catalogue, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "q",
    [
        "215 1210",
        "2151210",
        "215-1210",
        "215.1210",
        "215+1220",
        "1220",
        "syk 100",
        "okl300",
        "２１５\u3000１２１０",
        "215\t1210",  # pasted from a spreadsheet
    ],
)
def test_it_finds_a_programme_by_its_study_code(client, catalogue, q):
    assert titles(client.get(f"/studier/?q={q}")) == [
        {"syk 100": "Sykepleie", "okl300": "Økonomi og ledelse"}.get(
            q, "Psykisk helse-, rus- og avhengighetsarbeid"
        )
    ]


def test_a_study_code_prefix_lists_every_programme_once(client, catalogue):
    assert titles(client.get("/en/programmes/?q=215")) == ["Mental Health and Addiction"]


def test_an_untranslated_programme_is_found_by_the_text_an_english_reader_sees(client, db):
    make_programme(title_nb="Tannpleie", title_en="", lead_nb="Om tenner.", lead_en="")
    assert titles(client.get("/en/programmes/?q=tannpleie")) == ["Tannpleie"]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("arsstudium", True),
        ("baerekraft", True),
        ("laererutdanning", True),
        ("Arsstudium i baerekraft", True),
        ("årsstudium", True),
        ("ærsstudium", False),  # a Norwegian letter typed is that letter
        ("arstudium", False),
    ],
)
def test_a_search_without_norwegian_letters_finds_titles_with_them(client, db, typed, found):
    """A keyboard without Æ, Ø and Å (an applicant abroad) spells them ae, o and a."""
    make_programme(
        title_nb="Årsstudium i bærekraft",
        title_en="",
        lead_nb="For lærerutdanning og økonomi.",
        lead_en="",
    )
    for url in ("/studier/", "/en/programmes/"):  # untranslated: the English page shows nb
        assert titles(client.get(url, {"q": typed})) == (
            ["Årsstudium i bærekraft"] if found else []
        )


def test_postgresql_stems_words_and_sqlite_matches_them_as_typed(client, catalogue):
    """No text holds "helsetjenestene" or "nurses": PostgreSQL's Norwegian and English stemming
    find "helsetjenesten" and "nurse" in the leads; SQLite's plain match does not."""
    expected = ["Sykepleie"] if POSTGRESQL else []
    assert titles(client.get("/studier/?q=helsetjenestene")) == expected
    assert titles(client.get("/en/programmes/?q=nurses")) == (["Nursing"] if POSTGRESQL else [])


def test_postgresql_ranks_a_title_match_above_a_lead_match(client, db):
    make_programme(title_nb="Ab ledelse", lead_nb="Om ledelse.")
    make_programme(title_nb="Bb", lead_nb="Om ledelse.")
    make_programme(title_nb="Cc ledelse i praksis", lead_nb="Om ledelse.")
    order = titles(client.get("/studier/?q=ledelse"))
    expected = (
        ["Ab ledelse", "Cc ledelse i praksis", "Bb"]
        if POSTGRESQL
        else ["Ab ledelse", "Bb", "Cc ledelse i praksis"]
    )
    assert order == expected


@pytest.mark.parametrize("q", ["%", "_", "'", "\\", "xq:*|zq", "!(", "&&", "Ø'; DROP TABLE x;--"])
def test_search_syntax_is_text_to_look_for(client, catalogue, q):
    response = client.get("/studier/", {"q": q})
    assert response.status_code == 200
    assert titles(response) == []


def test_a_search_says_how_many_programmes_match(client, catalogue):
    response = client.get("/en/programmes/?q=and")
    assert status_text(response) == "2 programmes match “and”."
    assert parse(response).select_one("#result-count")["role"] == "status"
    assert parse(response).select_one(".programme-list")["aria-describedby"] == "result-count"
    assert parse(response).title.get_text().startswith("Programmes: 2 results")


def test_the_search_box_keeps_what_was_typed(client, catalogue):
    soup = parse(client.get("/en/programmes/?q=mental&level=further_education&open=1"))
    assert soup.select_one("input[name=q]")["value"] == "mental"
    assert soup.select_one("select[name=level] option[selected]")["value"] == "further_education"
    assert soup.select_one("input[name=open]").has_attr("checked")


def test_the_form_is_a_plain_get_form_without_a_page_number(client, catalogue):
    form = parse(client.get("/studier/?page=1")).select_one("form[role=search]")
    assert (form["method"], form["action"]) == ("get", "/studier/")
    names = {field["name"] for field in form.select("input, select")}
    assert names == {"q", "level", "mode", "bachelor", "open"}  # a new search starts on page 1


# Filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=bachelor", ["Nursing"]),
        ("level=further_education", ["Mental Health and Addiction"]),
        ("mode=part_time", ["Economics and Management", "Mental Health and Addiction"]),
        ("mode=full_time", ["Mental Health and Addiction", "Nursing"]),
        ("open=1", ["Mental Health and Addiction", "Nursing"]),
        ("mode=part_time&open=1", ["Mental Health and Addiction"]),
        ("q=and&mode=part_time&open=1", ["Mental Health and Addiction"]),
        ("q=and&level=master", ["Economics and Management"]),
        (
            "level=&mode=&open=&q=&bachelor=",
            ["Economics and Management", "Mental Health and Addiction", "Nursing"],
        ),
    ],
)
def test_filters_combine_with_each_other_and_the_search(client, catalogue, query, expected):
    response = client.get(f"/en/programmes/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_bachelor_filter_combines_with_a_search(client, catalogue):
    make_requirement(catalogue["mental"], fields=[make_field_of_study(code="sykepleie")])
    make_requirement(catalogue["economics"], fields=[make_field_of_study(code="okonomi")])
    assert titles(client.get("/studier/?bachelor=sykepleie&q=helse")) == [
        "Psykisk helse-, rus- og avhengighetsarbeid"
    ]
    assert titles(client.get("/studier/?bachelor=sykepleie&q=ledelse")) == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/programmes/?q=astronomy", "No programme matches “astronomy”."),
        ("/en/programmes/?q=astronomy", "Check the spelling, or try fewer or shorter words"),
        ("/en/programmes/?q=astronomy&open=1", "or a study code, or remove a filter."),
        ("/studier/?q=astronomi", "Sjekk stavemåten, eller prøv færre eller kortere ord"),
        ("/en/programmes/?level=phd", "No programme matches this filter."),
        ("/studier/?level=phd", "Ingen studier passer til dette filteret."),
        ("/en/programmes/?level=phd&open=1", "No programme matches all of these filters."),
        ("/en/programmes/?level=phd&open=1", "Remove one or more of them."),
        ("/en/programmes/?q=astronomy&open=1", "No programme matches “astronomy” and your"),
        ("/studier/?q=astronomi&open=1", "Fant ingen studier som passer til «astronomi» og"),
    ],
)
def test_an_empty_result_says_what_to_change(client, catalogue, url, message):
    response = client.get(url)
    assert response.status_code == 200
    assert message in status_text(response)
    assert parse(response).select_one("#result-count a")["href"] == url.split("?")[0]


# A search that finds nothing names the discontinued programmes it matches ---------------


def retired_notes(response):
    """The empty result's sentences about discontinued programmes, and the link of each."""
    return [
        (" ".join(p.get_text(" ").split()), p.a["href"])
        for p in parse(response).select(".programme-results__empty p")
        if "discontinued" in p.get_text() or "lagt ned" in p.get_text()
    ]


@pytest.fixture
def retired(catalogue):
    """A programme "Psykisk helsearbeid", discontinued, replaced by the catalogue's "mental"."""
    return make_programme(
        title_nb="Psykisk helsearbeid",
        title_en="Mental Health Work",
        status=Status.DISCONTINUED,
        replaced_by=catalogue["mental"],
    )


@pytest.mark.parametrize(
    ("language", "query", "sentence"),
    [
        (
            "nb",
            "/studier/?q=psykisk+helsearbeid",
            "Psykisk helsearbeid er lagt ned. Studiet er erstattet av "
            "Psykisk helse-, rus- og avhengighetsarbeid .",
        ),
        (
            "en",
            "/en/programmes/?q=health+work",
            "Mental Health Work has been discontinued. It has been replaced by "
            "Mental Health and Addiction .",
        ),
    ],
)
def test_a_search_that_finds_nothing_names_a_discontinued_programme_and_its_successor(
    client, catalogue, retired, language, query, sentence
):
    response = client.get(query)
    assert response.status_code == 200
    assert titles(response) == []
    assert retired_notes(response) == [(sentence, catalogue["mental"].get_absolute_url(language))]
    # The live region still starts with what the search found.
    assert status_text(response).startswith(("Fant ingen studier", "No programme matches"))


def test_it_leads_along_a_chain_to_the_programme_open_now(client, catalogue, retired):
    newest = make_programme(title_nb="Rus og samfunn")
    catalogue["mental"].status, catalogue["mental"].replaced_by = Status.DISCONTINUED, newest
    catalogue["mental"].save()
    response = client.get("/studier/?q=psykisk")
    assert [href for _text, href in retired_notes(response)] == [
        newest.get_absolute_url("nb"),  # both discontinued ones lead to it, in title order
        newest.get_absolute_url("nb"),
    ]


def test_one_without_a_successor_links_its_own_page_of_alternatives(client, catalogue):
    gone = make_programme(
        title_nb="Romfart", title_en="Space Flight", status=Status.DISCONTINUED, slug_en=""
    )
    response = client.get("/en/programmes/?q=space")
    assert retired_notes(response) == [
        (
            "Space Flight has been discontinued, and no programme has taken its place. "
            "See what you can apply for instead .",
            gone.get_absolute_url("en"),
        )
    ]
    href = gone.get_absolute_url("en")
    assert client.get(href).status_code == 410


def test_an_untranslated_title_is_marked_norwegian_in_english(client, catalogue):
    make_programme(title_nb="Romfart", title_en="", status=Status.DISCONTINUED)
    empty = parse(client.get("/en/programmes/?q=romfart")).select_one(".programme-results__empty")
    assert empty.select_one('span[lang="nb"]').get_text() == "Romfart"


@pytest.mark.parametrize(
    "query",
    [
        "/studier/?q=psykisk",  # the search finds the open programme: no note
        "/studier/?q=okonomisk+helsearbeid",  # not every word is in the retired title
        "/studier/?q=avhengighet+helsearbeid",  # a word of its successor's title only
    ],
)
def test_no_note_unless_the_search_finds_nothing_and_every_word_names_it(
    client, catalogue, retired, query
):
    response = client.get(query)
    assert response.status_code == 200
    assert retired_notes(response) == []


def test_no_note_when_a_filter_may_be_what_found_nothing(client, catalogue, retired):
    """ "health work" at PhD level finds nothing because of the level, not because the
    programme of that name was discontinued."""
    response = client.get("/en/programmes/?q=health+work&level=phd")
    assert retired_notes(response) == []
    assert "or remove a filter" in status_text(response)


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/en/programmes/?q=health&level=further_education", "“health” and your filters."),
        ("/studier/?q=helse&open=1", "treff på «helse» som passer til filtrene dine."),
    ],
)
def test_a_search_with_filters_says_both_narrow_the_list(client, catalogue, url, count):
    assert status_text(client.get(url)).endswith(count)


def test_the_search_is_isolated_in_the_sentence_that_echoes_it(client, catalogue):
    """The reader's words sit in a ``<bdi>``: right-to-left text cannot reorder ours."""
    response = client.get("/en/programmes/?q=%D7%A9%D7%9C%D7%95%D7%9D")  # Hebrew
    assert parse(response).select_one("#result-count bdi").get_text() == "שלום"


def test_a_discontinued_programme_the_public_does_not_see_is_not_named(client, catalogue):
    make_programme(title_nb="Romfart", status=Status.DISCONTINUED, is_published=False)
    assert retired_notes(client.get("/studier/?q=romfart")) == []


# Pages -----------------------------------------------------------------------------------


@pytest.fixture
def many(db):
    """45 open further-education programmes "Studium 01" … "Studium 45": three pages."""
    return [
        make_programme(title_nb=f"Studium {n:02d}", title_en=f"Programme {n:02d}")
        for n in range(1, 46)
    ]


def page_links(response):
    soup = parse(response)
    return {
        "head": {
            link["rel"][0]: link["href"]
            for link in soup.select("head link[rel=prev], head link[rel=next]")
        },
        "nav": {a["rel"][0]: a["href"] for a in soup.select("nav.pagination a[rel]")},
    }


def test_it_shows_20_programmes_a_page(client, many):
    assert titles(client.get("/studier/")) == [f"Studium {n:02d}" for n in range(1, 21)]
    assert titles(client.get("/studier/?page=2")) == [f"Studium {n:02d}" for n in range(21, 41)]
    assert titles(client.get("/studier/?page=3")) == [f"Studium {n:02d}" for n in range(41, 46)]


def test_pages_link_their_neighbours_in_the_nav_and_the_head(client, many):
    first = page_links(client.get("/en/programmes/"))
    assert first["head"] == first["nav"] == {"next": "/en/programmes/?page=2"}
    middle = page_links(client.get("/en/programmes/?page=2"))
    assert (
        middle["head"]
        == middle["nav"]
        == {
            "prev": "/en/programmes/",
            "next": "/en/programmes/?page=3",
        }
    )
    last = page_links(client.get("/en/programmes/?page=3"))
    assert last["head"] == last["nav"] == {"prev": "/en/programmes/?page=2"}


def test_page_links_keep_the_search_and_filters_in_one_order(client, many):
    response = client.get("/en/programmes/?page=2&q=programme&open=1&level=further_education&mode=")
    assert page_links(response)["nav"] == {
        "prev": "/en/programmes/?level=further_education&open=1&q=programme",
        "next": "/en/programmes/?level=further_education&open=1&page=3&q=programme",
    }
    assert "Page 2 of 3." in status_text(response)
    assert "45 programmes match “programme” and your filters." in status_text(response)


def test_a_page_says_where_it_is(client, many):
    response = client.get("/en/programmes/?page=2")
    assert parse(response).select_one(".pagination__item--current").get_text() == "Page 2 of 3"
    assert "page 2 of 3" in parse(response).title.get_text()
    # Its own canonical, so indexable: a search engine reaches every programme from the list.
    assert parse(response).select_one("meta[name=robots]") is None
    searched = parse(client.get("/en/programmes/?page=2&q=programme"))
    assert searched.select_one("meta[name=robots]")["content"] == "noindex, follow"


@pytest.mark.parametrize(
    ("url", "canonical", "alternates"),
    [
        ("/en/programmes/?page=2", "http://testserver/en/programmes/?page=2", 0),
        ("/studier/?page=3", "http://testserver/studier/?page=3", 0),
        ("/studier/", "http://testserver/studier/", 3),  # nb, en and x-default
        ("/en/programmes/?page=2&q=programme", "http://testserver/en/programmes/", 3),
    ],
)
def test_a_page_of_the_list_is_its_own_canonical(client, many, url, canonical, alternates):
    """Page 2 named page 1 as its canonical, a different list: search engines are told to
    treat each page of a list as its own page (a search's pages stay with the list)."""
    page = parse(client.get(url))
    assert page.select_one("link[rel=canonical]")["href"] == canonical
    assert page.select_one("meta[property='og:url']")["content"] == canonical
    assert len(page.select("link[rel=alternate][hreflang]")) == alternates


def test_a_list_of_one_page_has_no_page_links(client, catalogue):
    response = client.get("/studier/")
    assert not parse(response).select("nav.pagination, link[rel=next], link[rel=prev]")
    assert not parse(response).select("meta[name=robots]")  # the list itself is indexed


def test_page_1_is_the_list_itself(client, many):
    assert client.get("/studier/?page=1").content == client.get("/studier/").content


# Bad query strings -----------------------------------------------------------------------

LONG = "a" * 101


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "The page number must be a whole number, 1 or higher."),
        ("page=-1", "The page number must be a whole number, 1 or higher."),
        ("page=abc", "The page number must be a whole number, 1 or higher."),
        ("page=1.5", "The page number must be a whole number, 1 or higher."),
        ("page=9999", "There is no page 9999: the list has 3 pages."),
        ("page=4", "There is no page 4: the list has 3 pages."),
        ("page=10001", "There is no page 10001: the list has 3 pages."),
        ("page=99999999999999999999", "There is no page 99999999999999999999: the list has 3"),
        # One address a page: no sign, space, leading zero or digits other than 0-9.
        ("page=%2B2", "The page number must be a whole number, 1 or higher."),
        ("page=%202", "The page number must be a whole number, 1 or higher."),
        ("page=02", "The page number must be a whole number, 1 or higher."),
        ("page=%EF%BC%92", "The page number must be a whole number, 1 or higher."),
        ("page=%D9%A2", "The page number must be a whole number, 1 or higher."),
        ("page=1&page=2", "“page” appears more than once in the address."),
        ("level=doctorate", "Unknown level. Choose one from the list."),
        ("mode=evenings", "Unknown study mode. Choose one from the list."),
        ("open=yes", "Tick the box, or leave it empty."),
        (f"q={LONG}", "Your search can be at most 100 characters long."),
        ("q=" + "%EF%B7%BA" * 10, "Your search can be at most 100 characters long."),  # NFKC ×18
        ("q=a%00b", "Your search contains a character we cannot read."),
        ("q=a%01b", "Your search contains a character we cannot read."),
        ("q=a%C2%85b", "Your search contains a character we cannot read."),  # NEL, C1
        ("q=a%FFb", "Your search contains a character we cannot read."),  # not UTF-8
        ("q=%E2%80%AEabc", "Your search contains a character we cannot read."),  # RLO
        ("q=%E2%81%A7abc", "Your search contains a character we cannot read."),  # FSI
        ("q=a&q=b", "“q” appears more than once in the address."),
        ("bachelor=nope", "Unknown field of study. Choose one from the list."),
    ],
)
def test_a_bad_query_string_is_a_400_that_says_what_was_wrong(client, many, query, message):
    response = client.get(f"/en/programmes/?{query}")
    assert response.status_code == 400
    assert message in alert(response)
    assert titles(response) == []
    assert parse(response).title.get_text().startswith("Error: Programmes")
    # The search box shows the search again without them: a NUL made the page invalid HTML.
    assert not UNREADABLE.search(response.content.decode())


@pytest.mark.parametrize("query", ["page=0", "level=x", f"q={LONG}", "q=a&q=b"])
def test_a_bad_query_string_is_a_400_in_norwegian_too(client, db, query):
    response = client.get(f"/studier/?{query}")
    assert response.status_code == 400
    assert parse(response).html["lang"] == "nb"
    assert alert(response)
    assert parse(response).select_one("form[role=search]")  # to correct it


def test_a_page_past_the_last_links_the_last_page(client, many):
    response = client.get("/en/programmes/?page=9999&q=programme")
    assert response.status_code == 400
    page = parse(response)
    assert page.select_one("main a[href='/en/programmes/?page=3&q=programme']").get_text() == (
        "Go to the last page"
    )
    # No "page 9999 of 3" in the title: the page does not exist.
    assert page.title.get_text() == "Error: Programmes: 45 results – Studieside"


def test_a_page_past_an_empty_list_is_a_400(client, db):
    response = client.get("/en/programmes/?page=2")
    assert response.status_code == 400
    assert "There is no page 2: the list has only one page." in alert(response)
    # Its only page is not "the last page" of anything.
    assert parse(response).select_one("main a[href='/en/programmes/']").get_text() == "Go to page 1"


def test_unknown_parameters_are_ignored(client, catalogue):
    response = client.get("/en/programmes/?utm_source=newsletter&fbclid=x")
    assert response.status_code == 200
    assert len(titles(response)) == 3


@pytest.mark.parametrize("field", ["q", "level", "mode", "open", "bachelor"])
def test_a_field_errors_link_to_its_field(client, db, field):
    response = client.get(f"/en/programmes/?{field}=1&{field}=2")
    link = parse(response).select_one("[role=alert] a")
    assert link["href"] == f"#id_{field}"
    assert parse(response).select_one(f"#id_{field}")


# Query counts ----------------------------------------------------------------------------

VARIANTS = {
    "/studier/": 2,  # the fields of study to choose from, the page of programmes with their count
    "/studier/?q=studium": 2,
    "/studier/?q=900+0": 2,  # study codes: a subquery, not a query
    # Nothing found: + discontinued programmes with the words, + the English pages that have them.
    "/studier/?q=romfart": 4,
    "/studier/?level=further_education&mode=full_time&open=1": 2,
    "/studier/?page=2": 2,
    "/en/programmes/?q=programme&page=2&mode=full_time": 2,
    "/studier/?page=9999": 3,  # + the count, to name the last page
    "/studier/?page=abc": 1,  # the fields of study only
}


@pytest.mark.parametrize("count", [25, 60])
@pytest.mark.parametrize("url", VARIANTS)
def test_list_queries_stay_flat(client, django_assert_num_queries, count, url):
    for _ in range(count):
        programme = make_programme()
        make_study_option(programme)
        make_study_option(programme, mode=StudyMode.PART_TIME)
    with django_assert_num_queries(VARIANTS[url]):
        response = client.get(url)
    assert response.status_code == (400 if "9999" in url or "abc" in url else 200)


def test_the_list_of_many_programmes_answers_in_visible_text(client, many):
    text = visible_text(client.get("/en/programmes/?page=3"))
    assert "45 programmes. Page 3 of 3." in text


# Valid HTML ------------------------------------------------------------------------------


def test_every_list_variant_passes_the_nu_html_checker(client, many, tmp_path):
    """What config/page_types.py cannot show on the seed: a middle page, every error at once."""
    from tests.test_seo import nu_checker_errors

    make_requirement(many[0], fields=[make_field_of_study(code="sykepleie")])
    urls = [
        "/studier/?page=2",
        "/en/programmes/?page=3&q=programme",
        "/studier/?q=studium&level=further_education&mode=full_time&open=1&bachelor=sykepleie",
        "/en/programmes/?q=nothing+at+all",
        "/studier/?level=x&mode=y&open=z&bachelor=w&page=0&q=" + "a" * 101,
        "/en/programmes/?page=9999",
    ]
    documents = {url: client.get(url).content for url in urls}
    assert nu_checker_errors(documents, tmp_path) == []


@pytest.mark.parametrize(
    "query", ["", "level=master&mode=part_time&bachelor=sykepleie", "level=x&mode=y&bachelor=z"]
)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_selects_are_the_html_djangos_select_would_write(query, language):
    """QuickSelect writes the options itself for speed: the same elements and attributes
    (selected, aria-invalid, aria-describedby) as Django's templates, as a browser parses them."""
    make_field_of_study(code="sykepleie", name_nb="Sykepleie", name_en="Nursing")
    with translation.override(language):
        form = ProgrammeFilterForm(QueryDict(query))
        form.is_valid()
        for name in ("level", "mode", "bachelor"):
            bound = form[name]
            django_select = forms.Select(choices=bound.field.choices)
            expected = bound.as_widget(widget=django_select)
            assertHTMLEqual(str(bound), expected)


@pytest.mark.parametrize("query", ["", "q=helse&open=1", "q=x&q=y&open=yes", "open=1&open=1"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_inputs_are_byte_for_byte_what_djangos_widgets_write(query, language):
    """The search box and the checkbox are written out for speed (admissions/forms.py
    WrittenOut): the same bytes as the same widgets rendered through Django's templates."""
    with translation.override(language):
        form = ProgrammeFilterForm(QueryDict(query))
        form.is_valid()
        for name in ("q", "open"):
            through_templates = copy.deepcopy(form.fields[name].widget)
            through_templates.render = types.MethodType(forms.Widget.render, through_templates)
            assert str(form[name]) == form[name].as_widget(widget=through_templates)


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/studier/", ["Barnevern", "Sykepleie", "Vernepleie", "Økonomi", "Årsstudium"]),
        (
            "/en/programmes/",
            [
                "Business administration",
                "Child welfare",
                "Nursing",
                "One-year programme",
                "Vernepleie",
            ],
        ),
    ],
)
def test_the_bachelor_fields_are_in_the_readers_alphabetical_order(client, url, names):
    for name_nb, name_en in [
        ("Sykepleie", "Nursing"),
        ("Økonomi", "Business administration"),
        ("Vernepleie", ""),  # not translated: the Norwegian name, sorted as it is written
        ("Barnevern", "Child welfare"),
        ("Årsstudium", "One-year programme"),
    ]:
        make_field_of_study(name_nb=name_nb, name_en=name_en)
    options = parse(client.get(url)).select("select[name=bachelor] option")
    assert [option.get_text(strip=True) for option in options[1:]] == names


def test_an_english_card_of_a_programme_without_english_says_its_page_is_in_norwegian(client):
    make_programme(title_nb="Bachelor i drama", title_en="", slug_en="", lead_en="")
    make_programme(title_nb="Bachelor i musikk", title_en="Bachelor's Programme in Music")
    cards = {
        card.select_one(".programme-card__title a").get_text(strip=True): card
        for card in parse(client.get("/en/programmes/")).select(".programme-card")
    }
    norwegian, english = cards["Bachelor i drama"], cards["Bachelor's Programme in Music"]
    assert norwegian.select_one(".programme-card__title a")["lang"] == "nb"
    assert norwegian.select_one(".programme-card__language").get_text() == "Page in Norwegian"
    assert not english.select_one(".programme-card__language")
    assert not english.select_one(".programme-card__title a").has_attr("lang")
    assert not parse(client.get("/studier/")).select(".programme-card__language")


@pytest.mark.parametrize(
    ("url", "sentence", "href"),
    [
        (
            "/en/programmes/?q=psykisk",
            "One programme on the Norwegian pages matches it: see it in Norwegian.",
            "/studier/?q=psykisk",
        ),
        (
            "/studier/?q=mental+health",
            "Ett studium på de engelske sidene passer til søket: se det på engelsk.",
            "/en/programmes/?q=mental+health",
        ),
    ],
)
def test_a_search_in_the_other_language_leads_to_its_list(client, catalogue, url, sentence, href):
    """The Norwegian name of a programme, typed on the English list, found nothing."""
    response = client.get(url)
    assert titles(response) == []
    assert sentence in status_text(response)
    link = parse(response).select_one(f'#result-count a[href="{href}"]')
    assert link["hreflang"] == href.split("/")[1].replace("studier", "nb")
    assert titles(client.get(href)) != []


def test_a_search_neither_language_finds_says_nothing_of_the_other(client, catalogue):
    assert "pages" not in status_text(client.get("/en/programmes/?q=astronomy"))
