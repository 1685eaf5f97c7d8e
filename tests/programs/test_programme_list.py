"""The programme list: what is listed, in which order, and at what query cost."""

import pytest

from programs.models import Status
from tests.builders import make_programme
from tests.pages import parse, switcher_links

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.get_text(strip=True) for a in parse(response).select(".programme-card__title a")]


def test_it_lists_published_programmes_that_are_not_discontinued(client):
    make_programme(title_nb="Åpent")
    make_programme(title_nb="Stengt", status=Status.CLOSED)
    make_programme(title_nb="Utkast", is_published=False)
    make_programme(title_nb="Nedlagt", status=Status.DISCONTINUED)
    assert sorted(titles(client.get("/studier/"))) == ["Stengt", "Åpent"]


def test_it_orders_by_the_title_the_reader_sees(client):
    make_programme(title_nb="Bb", title_en="Zz")
    make_programme(title_nb="Aa", title_en="")  # falls back to its Norwegian title in English
    make_programme(title_nb="Cc", title_en="Mm")
    assert titles(client.get("/studier/")) == ["Aa", "Bb", "Cc"]
    assert titles(client.get("/en/programmes/")) == ["Aa", "Mm", "Zz"]


def test_cards_link_to_the_programme_in_the_lists_language(client):
    make_programme(slug_nb="studium-a", slug_en="programme-a")
    links = parse(client.get("/en/programmes/")).select(".programme-card__title a")
    assert [a["href"] for a in links] == ["/en/programmes/programme-a/"]


def test_the_list_links_its_twin(client):
    assert switcher_links(client.get("/studier/")) == {"en": "/en/programmes/"}
    assert switcher_links(client.get("/en/programmes/")) == {"nb": "/studier/"}


def test_an_empty_list_says_so(client, db):
    response = client.get("/en/programmes/")
    assert response.status_code == 200
    assert "There are no programmes to show yet." in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_list_queries_stay_flat(client, django_assert_num_queries, count):
    for _ in range(count):
        make_programme()
    with django_assert_num_queries(2):  # the filter's fields of study, the programmes
        response = client.get("/studier/")
    assert len(titles(response)) == count


@pytest.mark.parametrize(("url", "location"), [("/", "/studier/"), ("/en/", "/en/programmes/")])
def test_the_front_page_leads_to_the_list(client, url, location):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == location
