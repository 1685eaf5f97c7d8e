"""Issue 15: staff choose the admin's language; public pages keep the URL's."""

import pytest
from django.conf import settings

from tests.builders import make_programme
from tests.pages import parse, visible_text

pytestmark = pytest.mark.django_db

INDEX = f"/{settings.ADMIN_PATH}"
LOGIN = f"/{settings.ADMIN_PATH}login/"
SWITCH = f"/{settings.ADMIN_PATH}language/"


def html_lang(response):
    return parse(response).html["lang"]


def switch_buttons(response):
    """``{language code: label}`` of the language switch in the admin's header."""
    buttons = parse(response).select("#header form.language-switch button[name=language]")
    return {button["value"]: button.get_text(strip=True) for button in buttons}


def test_without_a_choice_the_admin_is_norwegian(admin_client):
    response = admin_client.get(INDEX)
    assert html_lang(response) == "nb"
    assert "Innhold" in visible_text(response)
    assert switch_buttons(response) == {"en": "English"}


def test_a_browser_asking_for_english_gets_the_english_admin(admin_client):
    response = admin_client.get(INDEX, headers={"accept-language": "en-GB,en;q=0.9"})
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"
    assert "Content" in visible_text(response)
    assert "Log out" in visible_text(response)
    assert switch_buttons(response) == {"nb": "Norsk (bokmål)"}
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


def test_a_norwegian_browser_gets_the_norwegian_admin(admin_client):
    response = admin_client.get(INDEX, headers={"accept-language": "nb-NO,nb;q=0.9,en;q=0.5"})
    assert html_lang(response) == "nb"


def test_the_login_page_follows_the_browser_and_offers_the_switch(client):
    english = client.get(LOGIN, headers={"accept-language": "en"})
    assert html_lang(english) == "en"
    assert "Username:" in visible_text(english)
    assert switch_buttons(english) == {"nb": "Norsk (bokmål)"}
    norwegian = client.get(LOGIN)
    assert "Brukernavn:" in visible_text(norwegian)
    assert switch_buttons(norwegian) == {"en": "English"}


def test_the_switch_remembers_english_in_a_cookie_for_the_admin_only(admin_client):
    next_page = f"{INDEX}programs/programme/"
    response = admin_client.post(SWITCH, {"language": "en", "next": next_page})
    assert response.status_code == 302
    assert response["Location"] == next_page
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["path"] == INDEX  # never sent with a public page
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    page = admin_client.get(next_page, headers={"accept-language": "nb"})  # the choice wins
    assert html_lang(page) == "en"
    assert "Select programme to change" in visible_text(page)


def test_the_cookie_brings_back_norwegian_for_an_english_browser(admin_client):
    admin_client.post(SWITCH, {"language": "nb", "next": INDEX})
    response = admin_client.get(INDEX, headers={"accept-language": "en"})
    assert html_lang(response) == "nb"


def test_the_switch_on_the_login_page_works_before_logging_in(client):
    client.post(SWITCH, {"language": "en", "next": LOGIN})
    assert html_lang(client.get(LOGIN)) == "en"


def test_the_switch_is_a_form_posting_with_a_csrf_token_back_to_the_same_page(admin_client):
    url = f"{INDEX}programs/programme/?status__exact=open"
    form = parse(admin_client.get(url)).select_one("#header form.language-switch")
    assert form["method"] == "post"
    assert form["action"] == SWITCH
    assert form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert form.select_one("input[name=next]")["value"] == url


@pytest.mark.parametrize(
    "next_page",
    ["https://evil.example/", "//evil.example/", "/en/programmes/", "", "javascript:alert(1)"],
)
def test_the_switch_goes_back_only_to_an_admin_page(admin_client, next_page):
    response = admin_client.post(SWITCH, {"language": "en", "next": next_page})
    assert response.status_code == 302
    assert response["Location"] == INDEX


@pytest.mark.parametrize("data", [{"language": "de"}, {"language": ""}, {}])
def test_an_unknown_language_is_a_400_that_says_so(admin_client, data):
    response = admin_client.post(SWITCH, data)
    assert response.status_code == 400
    assert response.content.decode() == "Velg et av språkene som tilbys."
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switch_refuses_a_get(admin_client):
    assert admin_client.get(SWITCH, {"language": "en"}).status_code == 405


def test_the_switch_refuses_a_post_without_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(SWITCH, {"language": "en", "next": INDEX})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_public_pages_keep_the_language_of_their_url(admin_client):
    programme = make_programme()
    admin_client.post(SWITCH, {"language": "en", "next": INDEX})
    headers = {"accept-language": "en", "cookie": f"{settings.LANGUAGE_COOKIE_NAME}=en"}
    norwegian = admin_client.get(programme.get_absolute_url("nb"), headers=headers)
    assert norwegian.status_code == 200
    assert html_lang(norwegian) == "nb"
    assert programme.title_nb in visible_text(norwegian)
    english = admin_client.get(programme.get_absolute_url("en"), headers={"accept-language": "nb"})
    assert html_lang(english) == "en"


def test_the_english_admin_is_still_not_under_en(admin_client):
    assert admin_client.get(f"/en/{settings.ADMIN_PATH}").status_code == 404
