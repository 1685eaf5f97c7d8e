"""The 403 page a reader sees after a form check fails: accessible, in their language."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, SCREENSHOTS


@pytest.mark.parametrize(("path", "lang"), [("/studier/", "nb"), ("/en/programmes/", "en")])
def test_the_403_page_has_no_axe_violations(open_page, path, lang):
    page = open_page(path, PHONE)
    with page.expect_navigation():  # a POST without the CSRF cookie's token
        page.evaluate(
            """path => { const f = document.createElement('form'); f.method = 'post';
                f.action = path; document.body.append(f); f.submit(); }""",
            path,
        )
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    page.screenshot(path=SCREENSHOTS / f"forbidden-{lang}-phone.png", full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
