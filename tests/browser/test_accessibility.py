"""axe-core finds nothing on any page type, in either language, on a phone or a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from config.page_types import by_language
from tests.browser.conftest import DESKTOP, PHONE
from tests.pages import refused_pages

axe = Axe()
PAGES = [(url, status) for url, _lang, status in by_language()]  # config/page_types.py


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("path", "status"), PAGES)
def test_axe_finds_no_violations(open_page, path, status, viewport):
    page = open_page(path, viewport, status)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_axe_finds_no_violations_in_dark_mode(open_page, path, status):
    page = open_page(path, PHONE, status, color_scheme="dark")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_nothing_scrolls_sideways_at_320_px(open_page, path, status):
    page = open_page(path, {"width": 320, "height": 640}, status)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    too_wide = page.evaluate(
        """Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > 321)
            .map(e => e.tagName + '.' + e.className)"""
    )
    assert too_wide == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("status", [400, 414, 431])
def test_axe_finds_no_violations_on_the_page_for_a_request_gunicorn_refuses(browser, site, status):
    """That page never comes from Django's test server: served here as gunicorn writes it."""
    headers, body = refused_pages()[status]
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.route(
            site + "/refused",
            lambda route: route.fulfill(status=status, headers=headers, body=body),
        )
        assert page.goto(site + "/refused").status == status
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
