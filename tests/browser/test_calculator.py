"""The grade-point calculator in a real browser: with errors, with a result and with added
rows it has no axe violations at a phone's and a desktop's width in either language, its
column headers and fields never touch, and "Add rows" and Enter work from the keyboard."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, assert_accessible_and_fits

NB = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/poengberegning/"
EN = "/en/programmes/mental-health-substance-use-and-addiction-work/grade-points/"
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
URLS = [
    (NB + "?credits=abc&grade=A&credits=30&grade=F&credits=-5&grade=", 400, "errors-nb"),
    (EN + "?credits=abc&grade=A&credits=30&grade=F&credits=-5&grade=", 400, "errors-en"),
    (NB + "?credits=30&grade=pass&credits=10&grade=pass", 200, "all-pass-nb"),
    (NB + "?credits=20&grade=A&credits=7%2C5&grade=C&credits=10&grade=pass", 200, "result-nb"),
    (EN + "?credits=20&grade=A&credits=7.5&grade=C&credits=10&grade=pass", 200, "result-en"),
    (EN + "?credits=20&grade=A&rows=13", 200, "more-rows-en"),
]
GAPS = """() => {
  const box = el => {
    if (el.matches('input, select')) return el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  };
  const rows = [document.querySelector('.calculator__courses thead tr'),
                document.querySelector('.calculator__courses tbody tr')];
  return rows.map(row => {
    const cells = [...row.children].map(el => el.querySelector('input, select') || el);
    return cells.slice(1).map((el, i) => box(el).left - box(cells[i]).right);
  });
}"""


@VIEWPORTS
@pytest.mark.parametrize(("path", "status", "name"), URLS, ids=[name for *_, name in URLS])
def test_the_calculator_has_no_axe_violations_and_fits_the_screen(
    open_page, path, status, name, viewport
):
    page = open_page(path, viewport, status)
    assert_accessible_and_fits(page, viewport["width"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"calculator-{name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}, PHONE, DESKTOP])
@pytest.mark.parametrize("path", [NB, EN])
def test_the_column_headers_and_the_fields_under_them_never_touch(open_page, path, viewport):
    # "Studiepoeng" in bold once ran into "Karakter": "StudiepoengKarakter"
    headers, fields = open_page(path, viewport).evaluate(GAPS)
    assert min(headers) >= 8, headers  # at least a cell's padding on either side
    assert min(fields) >= 8, fields


# The width the chosen option's text needs (a span in the select's font) against the room
# the select gives it: its inner width less its padding and the arrow (~20 px in Chromium).
ROOM_FOR_TEXT = """el => {
  const style = getComputedStyle(el);
  const span = document.createElement('span');
  span.style.font = style.font;
  span.style.whiteSpace = 'pre';
  span.style.position = 'absolute';
  span.textContent = el.options[el.selectedIndex].text;
  document.body.append(span);
  const needed = span.getBoundingClientRect().width;
  span.remove();
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
  return [needed, room];
}"""


@pytest.mark.parametrize("path", [NB, EN])
def test_the_grade_select_shows_its_prompt_whole_on_the_narrowest_phone(open_page, path):
    # At 320 px the select once read "Choo"
    page = open_page(path, {"width": 320, "height": 640})
    needed, room = page.locator("#grade-1").evaluate(ROOM_FOR_TEXT)
    assert needed <= room, (needed, room)


def test_a_keyboard_user_adds_rows_and_lands_on_the_first_one_added(open_page, site):
    page = open_page(EN)
    page.locator("#credits-1").fill("7,5")
    page.locator("#grade-1").select_option("B")
    page.get_by_role("button", name="Add 10 rows").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**rows=13#credits-4")
    assert page.locator("input[name=credits]").count() == 13
    assert page.locator("#credits-1").input_value() == "7,5"
    assert page.locator("#credits-4").evaluate("el => el.getBoundingClientRect().top") < 900
    page.locator("#credits-4").fill("10")
    page.locator("#grade-4").select_option("D")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # in a field: the first button, "Calculate"
    assert "rows=" not in page.url
    assert (
        page.locator(".calculator__result h2").inner_text() == "Your grade points: 2.86"
    )  # 50 / 17.5


@pytest.mark.parametrize(
    "path", [NB, "/studier/?level=xyz", "/en/programmes/?open=2"], ids=["calculator", "nb", "en"]
)
def test_a_keyboard_user_lands_on_the_list_of_mistakes(open_page, site, path):
    """After a submit with mistakes the page opens on their list (autofocus), so the next Tab
    is its first link, not the skip link at the top of the page."""
    page = open_page(path, status=200 if path == NB else 400)
    if path == NB:
        page.locator("#credits-1").fill("abc")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    page.keyboard.press("Tab")
    first_link = page.locator("[role=alert] a").first
    assert page.evaluate("document.activeElement.outerHTML") == first_link.evaluate(
        "el => el.outerHTML"
    )
