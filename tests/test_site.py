"""Sweeps over every public page in both languages, and project-wide checks."""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

from config.page_types import by_language
from tests.pages import parse, switcher_links
from tests.test_css import styled_classes

ROOT = Path(__file__).resolve().parent.parent
NB_CATALOGUE = ROOT / "locale/nb/LC_MESSAGES/django.po"

PAGES = by_language()  # (url, lang, status) of every page type, config/page_types.py

pytestmark = pytest.mark.usefixtures("every_page_type")


@pytest.mark.parametrize(("url", "lang", "status"), PAGES)
def test_every_page_has_one_h1_the_right_lang_and_a_skip_link(client, url, lang, status):
    response = client.get(url)
    assert response.status_code == status
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert len(soup.find_all("h1")) == 1
    assert soup.title.get_text(strip=True)
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#main" and soup.find(id="main").name == "main"


@pytest.mark.parametrize(("url", "lang", "status"), PAGES)
def test_no_template_syntax_leaks_into_a_page(client, url, lang, status):
    html = client.get(url).content.decode()
    assert not any(marker in html for marker in ("{#", "#}", "{%", "%}", "{{", "}}"))


@pytest.mark.parametrize(("url", "lang", "status"), PAGES)
def test_every_class_a_page_uses_is_styled_by_a_stylesheet_it_links(client, url, lang, status):
    """Pages link only their own components' CSS (base.html): none may miss one it needs."""
    page = parse(client.get(url))
    linked = {
        re.sub(r"\.[0-9a-f]{12}\.css$", ".css", urlsplit(link["href"]).path).removeprefix(
            "/static/"
        )
        for link in page.select('link[rel="stylesheet"]')
    }
    used = {cls for element in page.select("[class]") for cls in element["class"]}
    styles = styled_classes()
    missing = {cls: styles[cls] for cls in used & styles.keys() if styles[cls] not in linked}
    assert not missing, missing


@pytest.mark.parametrize(("url", "lang", "status"), [p for p in PAGES if p[2] == 200])
def test_language_switcher_links_are_reciprocal(client, url, lang, status):
    [(other, twin)] = switcher_links(client.get(url)).items()
    assert other != lang
    back = client.get(twin)
    assert back.status_code == 200
    # The twin page; the list keeps its filters (tests/programs/test_programme_list.py).
    assert {code: urlsplit(href).path for code, href in switcher_links(back).items()} == {
        lang: urlsplit(url).path
    }


@pytest.mark.parametrize(("url", "lang", "status"), [p for p in PAGES if p[2] == 200])
def test_every_page_has_a_meta_description(client, url, lang, status):
    meta = parse(client.get(url)).find("meta", attrs={"name": "description"})
    assert len(meta["content"].strip()) > 20


def english_interface_strings():
    """Interface strings whose Norwegian differs from the English msgid."""
    with NB_CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    return [
        m.id
        for m in catalogue
        if m.id and isinstance(m.id, str) and m.string and m.string != m.id and len(m.id) > 4
    ]


@pytest.mark.parametrize(("url", "lang", "status"), [p for p in PAGES if p[1] == "nb"])
def test_norwegian_pages_show_no_english_interface_string(client, url, lang, status):
    """Fails when a string is not translated or the .mo was not compiled."""
    soup = parse(client.get(url))
    for element in soup.body.select("[lang]:not([lang=nb])"):  # the switcher's "English"
        element.decompose()
    text = " ".join(soup.body.get_text(" ").split())
    found = [s for s in english_interface_strings() if re.search(rf"\b{re.escape(s)}\b", text)]
    assert found == []


@pytest.mark.parametrize(("url", "lang", "status"), PAGES)
def test_the_footer_names_the_institution_in_the_pages_language(client, url, lang, status):
    footer = parse(client.get(url)).select_one(".site-footer").get_text(" ")
    expected = {
        "nb": "OsloMet – storbyuniversitetet",
        "en": "OsloMet – Oslo Metropolitan University",
    }
    assert expected[lang] in footer


def test_the_norwegian_catalogue_is_complete():
    with NB_CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    untranslated = [m.id for m in catalogue if m.id and not m.string]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert (untranslated, fuzzy) == ([], [])


@pytest.mark.django_db
def test_no_migrations_are_pending():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [("/studier/", "nb", "Ugyldig forespørsel"), ("/en/programmes/", "en", "Bad request")],
)
def test_a_bad_host_header_gets_a_400_page_in_the_right_language(client, url, lang, heading):
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    soup = parse(response)
    assert (soup.html["lang"], soup.h1.get_text(strip=True)) == (lang, heading)


READ_ONLY_HEADING = {
    "nb": "Denne siden tar ikke imot skjemaer",
    "en": "This page does not take forms",
}


@pytest.mark.parametrize(("url", "lang", "status"), [p for p in PAGES if p[2] != 404])
@pytest.mark.parametrize("method", ["post", "put", "delete", "options"])
def test_a_form_sent_to_a_page_gets_a_405_page_in_its_language(url, lang, status, method):
    """Not the 403 "the form could not be checked" (the CSRF check ran before the view could
    say the page takes no forms), nor Django's empty 405."""
    from django.test import Client

    response = getattr(Client(enforce_csrf_checks=True), method)(url, {"name": "value"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    soup = parse(response)
    assert (soup.html["lang"], soup.h1.get_text(strip=True)) == (lang, READ_ONLY_HEADING[lang])
    assert soup.select("main a")[0]["href"] == url.split("?")[0]  # the page itself


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/robots.txt", "/sitemap.xml", "/media/programmes/x.jpg"]
)
def test_the_home_and_machine_addresses_take_no_forms_either(url):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url)
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/EN/programmes/", "/en/programmes/"),
        ("/En/programmes/?q=helse&page=2", "/en/programmes/?q=helse&page=2"),
        ("/eN/", "/en/"),
        ("/EN", "/en/"),
        ("/EN/programmes/%C3%A6%20x/", "/en/programmes/%C3%A6%20x/"),
        ("/EN//evil.example/", "/en//evil.example/"),  # a path on this site, not a host
        ("/EN/PROGRAMMES/", "/en/programmes/"),  # one hop, not two
        ("/en/Programmes/?q=x", "/en/programmes/?q=x"),
        ("/STUDIER/", "/studier/"),
        ("/STUDIER", "/studier/"),  # the slash CommonMiddleware would add, in the same hop
        ("/EN/PROGRAMMES", "/en/programmes/"),
        ("/Studier/Psykisk-Helsearbeid/kull-2023H/", "/studier/Psykisk-Helsearbeid/kull-2023H/"),
        # "KULL-" too: only every word lowered matches a page, for the view to find
        ("/STUDIER/PSYKISK-HELSEARBEID/KULL-2023H/", "/studier/psykisk-helsearbeid/kull-2023h/"),
    ],
)
def test_an_address_in_capitals_leads_to_the_page(client, url, location):
    """It was a 404 whose page mixed the languages (lang="en" around Norwegian text). Not
    stored in the page cache: there is one for any path a scanner tries."""
    from django.core.cache import cache

    client.get("/studier/")  # the content version exists
    before = len(cache._cache)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)
    assert len(cache._cache) == before


def test_a_language_prefix_in_capitals_under_a_script_prefix_keeps_it(client):
    response = client.get("/EN/programmes/", SCRIPT_NAME="/OpEn")
    assert (response.status_code, response["Location"]) == (301, "/OpEn/en/programmes/")


def test_a_path_that_only_looks_like_a_prefix_is_left_alone(client):
    assert client.get("/ENGLISH/").status_code == 404
    assert client.get("/en/STUDIER/").status_code == 404  # nb's word under /en/


def test_a_slug_in_capitals_is_left_to_its_view(client):
    """``/studier/<slug>/`` matches in any case; the view finds the programme and redirects."""
    assert client.get("/studier/SYKEPLEIE/").status_code == 404  # no such programme: no hop


@pytest.mark.parametrize(("url", "lang", "status"), PAGES)
def test_headings_never_skip_a_level_going_down(client, url, lang, status):
    """A screen reader's list of headings is the page's outline: h2 under h1, h3 under h2, …"""
    levels = [int(h.name[1]) for h in parse(client.get(url)).find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))


def test_each_section_is_a_heading_in_the_outline(client):
    soup = parse(client.get("/studier/psykisk-helse-rus-og-avhengighetsarbeid/"))
    sections = soup.select("details.accordion__item")
    assert sections
    assert all(s.summary.find("h3", recursive=False) for s in sections)
    assert all(h.name == "h4" for h in soup.select(".accordion__body .facts-block__heading"))
