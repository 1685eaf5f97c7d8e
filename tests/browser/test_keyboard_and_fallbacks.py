"""The page by keyboard alone, and without JavaScript or CSS."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

PROGRAMME = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
PROGRAMME_EN = "/en/programmes/mental-health-substance-use-and-addiction-work/"


def active(page, expression="el.id"):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def tab_to(page, selector, limit=40):
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(open_page):
    page = open_page(PROGRAMME)
    page.keyboard.press("Tab")
    assert active(page, "el.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert active(page) == "main"


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_an_accordion_section_opens_and_closes_from_the_keyboard(open_page, key):
    page = open_page(PROGRAMME)
    tab_to(page, "summary")
    section = page.locator("details").first
    assert not section.evaluate("d => d.open")
    page.keyboard.press(key)
    assert section.evaluate("d => d.open")
    assert page.get_by_text("Søkere rangeres kun etter karakterpoeng").is_visible()
    page.keyboard.press(key)
    assert not section.evaluate("d => d.open")


def test_the_language_switch_is_reached_and_followed_by_keyboard(open_page, site):
    page = open_page(PROGRAMME)
    tab_to(page, ".language-switcher__link")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/en/programmes/mental-health-substance-use-and-addiction-work/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_focus_is_visible(open_page):
    page = open_page(PROGRAMME)
    tab_to(page, "summary")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_a_fragment_opens_its_section(open_page):
    page = open_page(PROGRAMME + "#slik-soker-du")
    assert page.locator("#slik-soker-du").evaluate("d => d.open")


@pytest.mark.parametrize("fragment", ["how-to-apply", "slik-soker-du"], ids=["en", "nb"])
def test_an_english_page_opens_a_section_by_its_english_or_its_norwegian_anchor(
    open_page, fragment
):
    page = open_page(PROGRAMME_EN + "#" + fragment)
    section = page.locator("details#how-to-apply")
    assert section.evaluate("d => d.open")
    assert section.evaluate("d => d.getBoundingClientRect().top") < 100  # scrolled to it
    assert page.locator("details[open]").count() == 1


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_sections_are_readable_without_javascript_and_without_css(open_page, site, javascript):
    page = open_page("/", java_script_enabled=javascript)
    page.context.route("**/*.css", lambda route: route.abort())
    page.goto(site + PROGRAMME)
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header == "rgba(0, 0, 0, 0)"  # our CSS did not load
    page.get_by_text("Slik søker du").click()
    assert page.get_by_text("Søknadsfristen er").is_visible()


def test_print_shows_every_section_open(open_page):
    page = open_page(PROGRAMME)
    page.emulate_media(media="print")
    assert page.get_by_text("Søkere rangeres kun etter karakterpoeng").is_visible()
    assert not page.locator(".site-header").is_visible()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (PROGRAMME, "programme-nb"),
        ("/en/programmes/mental-health-substance-use-and-addiction-work/", "programme-en"),
        (PROGRAMME + "poengberegning/?credits=20&grade=A&credits=7%2C5&grade=C", "calculator-nb"),
    ],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_for_the_readme(open_page, path, name, viewport):
    page = open_page(path, viewport)
    if page.locator("details").count():
        page.locator("details").first.evaluate("d => { d.open = true; }")
    width = "phone" if viewport is PHONE else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=png, full_page=True)
    assert page.locator("h1").count() == 1
    assert png.read_bytes().startswith(b"\x89PNG")
