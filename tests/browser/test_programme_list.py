"""The programme list in a real browser: a search, an empty result, a middle page and a bad
query string have no axe violations at a phone's and a desktop's width, nothing scrolls
sideways, the form works with the keyboard alone, and the screenshots show them."""

import pytest

from tests.browser.conftest import SCREENSHOTS, assert_accessible_and_fits
from tests.builders import make_programme, make_study_option

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
URLS = [
    ("/studier/?q=studium&mode=full_time", 200),
    ("/en/programmes/?q=nothing+like+this", 200),
    ("/en/programmes/?page=2", 200),
    ("/studier/?page=0&level=x&q=" + "a" * 101, 400),
]


@pytest.fixture
def many(site):
    """The seed plus 45 further-education programmes, each with a full-time option."""
    for n in range(1, 46):
        programme = make_programme(title_nb=f"Studium {n:02d}", title_en=f"Programme {n:02d}")
        make_study_option(programme)
    return site


@VIEWPORTS
@pytest.mark.parametrize(("path", "status"), URLS)
def test_list_variants_have_no_axe_violations_and_fit_the_screen(
    many, open_page, path, status, viewport
):
    page = open_page(path, viewport, status)
    assert_accessible_and_fits(page, viewport["width"])


def test_a_keyboard_user_searches_and_pages_without_a_mouse(many, open_page):
    page = open_page("/en/programmes/", DESKTOP)
    page.locator("#id_q").focus()
    page.keyboard.type("programme")
    page.keyboard.press("Enter")  # submits the plain GET form
    page.wait_for_url("**/en/programmes/?q=programme*")
    assert (
        "programmes match “programme”. Page 1 of 3." in page.locator("#result-count").inner_text()
    )
    page.locator("nav.pagination a[rel=next]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2*")
    assert page.locator("#result-count").inner_text().endswith("Page 2 of 3.")
    assert page.locator("#id_q").input_value() == "programme"


@VIEWPORTS
def test_screenshots_of_a_search(many, open_page, viewport):
    page = open_page("/studier/?q=studium&mode=full_time&page=2", viewport)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = SCREENSHOTS / f"list-search-nb-{viewport['width']}.png"
    page.screenshot(path=png, full_page=True)
    assert png.read_bytes().startswith(b"\x89PNG")
    errors = open_page("/en/programmes/?page=0&level=x", viewport, 400)
    errors.screenshot(path=SCREENSHOTS / f"list-errors-en-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("path", ["/studier/", "/studier/nedlagt/"])
def test_a_title_with_a_word_wider_than_a_phone_breaks_rather_than_scrolls(site, open_page, path):
    """A card's grid column could not shrink below its longest word: "Bachelor i bibliotek-
    og informasjonsvitenskap" made the list 348 px wide on a 320 px phone. Also the cards of
    open alternatives on the page of a programme gone (410)."""
    make_programme(
        title_nb="Bachelor i bibliotek- og informasjonsvitenskapsformidlingsarbeid",
        status="open",
    )
    page = open_page(path, {"width": 320, "height": 640}, 410 if "nedlagt" in path else 200)
    assert "informasjonsvitenskaps" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
