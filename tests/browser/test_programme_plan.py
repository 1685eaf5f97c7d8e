"""Programme plans in a browser (issue 13): the structure section of a programme page with
plans, and a plan page, have no axe violations and fit a phone without breaking a word;
screenshots at 320, 390 and 1280 px for a person to look at (tests/browser/screenshots/)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from admissions.choices import StudyMode
from programs.choices import Embed
from tests.browser.conftest import SCREENSHOTS
from tests.builders import (
    make_course,
    make_plan,
    make_programme,
    make_section,
    make_study_option,
)

axe = Axe()
SMALLEST = {"width": 320, "height": 700}
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
PAGES = [
    ("/studier/med-planer/", "structure-nb"),
    ("/en/programmes/with-plans/", "structure-en"),
    ("/studier/med-planer/programplan/2023H/heltid/", "plan-page-nb"),
    ("/en/programmes/with-plans/programme-plan/2023H/part-time/", "plan-page-en"),
]


@pytest.fixture
def with_plans(site):
    programme = make_programme(slug_nb="med-planer", slug_en="with-plans")
    make_section(programme, title_nb="Studiets oppbygging", embed=Embed.STRUCTURE)
    full = make_study_option(programme, mode=StudyMode.FULL_TIME)
    part = make_study_option(programme, mode=StudyMode.PART_TIME, duration_semesters=4)
    long_title = "Psykisk helse-, rus- og avhengighetsarbeid i kommunale tjenester"
    make_plan(
        full,
        courses=[
            (
                1,
                make_course(
                    code="MAPSY4100", title_nb=long_title, description_url="https://example.org/e"
                ),
            ),
            # The reviewer's: "Bioingeniørfag / : emne 1.1" in a 115 px column at 390 px.
            (1, make_course(code="DEMO027F11", credits=15, title_nb="Bioingeniørfag: emne 1.1")),
            (2, make_course(code="PHV1300", credits=20)),
            (2, make_course(code="PHV1400", credits=10, language="en"), True),
        ],
    )
    make_plan(part)
    return programme


@pytest.mark.parametrize("viewport", [SMALLEST, PHONE, WIDE], ids=["320", "390", "1280"])
@pytest.mark.parametrize(("path", "name"), PAGES)
def test_plans_have_no_axe_violations_and_fit_the_screen(
    open_page, with_plans, path, name, viewport
):
    page = open_page(path, viewport)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The section by its nb anchor: its own id, or, on the English page, inside its heading.
    section = page.locator("#studiets-oppbygging").locator("xpath=ancestor-or-self::details")
    target = section if "structure" in name else page.locator("main")
    target.screenshot(path=SCREENSHOTS / f"{name}-{width}.png")


# Each word of every text in the tables, as [word, rects]: a word with more than one rect was
# broken over two lines (overflow-wrap: anywhere does that to a word wider than its column).
WORDS = """tables => tables.flatMap(table => {
  const words = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      words.push([match[0], [...range.getClientRects()].filter(r => r.width > 0).length]);
    }
  }
  return words;
})"""
COLUMNS = """tables => tables.map(table => [...table.querySelectorAll("thead th")].map(
  th => Math.round(th.getBoundingClientRect().width)))"""


@pytest.mark.parametrize("viewport", [SMALLEST, PHONE], ids=["320", "390"])
@pytest.mark.parametrize(("path", "name"), PAGES)
def test_on_a_phone_no_word_is_broken_and_the_course_column_gets_the_room(
    open_page, with_plans, path, name, viewport
):
    """The code moves under the course's title (its column takes no width) and the credits
    header is short, so "Bioingeniørfag:" is never split as it was in a 115 px column."""
    page = open_page(path, viewport)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    tables = page.locator(".plan-table__table")
    words = tables.evaluate_all(WORDS)
    assert "Bioingeniørfag:" in [word for word, _ in words] or name.endswith("-en")
    assert [word for word, rects in words if rects > 1] == []
    width = viewport["width"]
    for code, course, credits in tables.evaluate_all(COLUMNS):
        assert code == 0 and course >= 200 and code + course + credits <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert tables.first.locator("td.plan-table__course .plan-table__narrow").first.is_visible()


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_on_a_desktop_the_code_has_its_own_column_as_before(open_page, with_plans, path, name):
    page = open_page(path, WIDE)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    tables = page.locator(".plan-table__table")
    for code, course, credits in tables.evaluate_all(COLUMNS):
        assert code >= 100 and course > code and credits < course
    assert tables.evaluate_all(WORDS)  # measured something
    assert [word for word, rects in tables.evaluate_all(WORDS) if rects > 1] == []
    assert not page.locator(".plan-table__narrow").first.is_visible()
    assert page.locator("td.plan-table__code").first.is_visible()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/studier/med-planer/programplan/2023H/heltid/", ["Kode", "Emne", "Studiepoeng"]),
        ("/en/programmes/with-plans/programme-plan/2023H/full-time/", ["Code", "Course", "ECTS"]),
    ],
)
def test_screen_readers_get_three_headed_columns_at_every_width(
    open_page, with_plans, path, headers, viewport
):
    """The short credits header and the code under the title are aria-hidden copies: the
    accessibility tree has the full headers and each code once, in its own column."""
    page = open_page(path, viewport)
    table = page.locator(".plan-table__table").first
    assert table.get_by_role("columnheader").count() == 3
    snapshot = table.aria_snapshot()
    for header in headers:
        assert f'columnheader "{header}"' in snapshot, snapshot
    with_code = [cell for cell in re.findall(r'cell "([^"]*)"', snapshot) if "DEMO027F11" in cell]
    assert with_code == ["DEMO027F11"], snapshot  # not in the course's cell as well
