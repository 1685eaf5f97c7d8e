"""Programme plans in a browser (issue 13): the structure section of a programme page with
plans, and a plan page, have no axe violations and fit a phone; screenshots at 375 and 1280 px
for a person to look at (tests/browser/screenshots/)."""

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
NARROW = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}


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
            (1, make_course(code="PHV1200", credits=15)),
            (2, make_course(code="PHV1300", credits=20)),
            (2, make_course(code="PHV1400", credits=10, language="en"), True),
        ],
    )
    make_plan(part)
    return programme


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375", "1280"])
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/studier/med-planer/", "structure-nb"),
        ("/en/programmes/with-plans/", "structure-en"),
        ("/studier/med-planer/programplan/2023H/heltid/", "plan-page-nb"),
        ("/en/programmes/with-plans/programme-plan/2023H/part-time/", "plan-page-en"),
    ],
)
def test_plans_have_no_axe_violations_and_fit_the_screen(
    open_page, with_plans, path, name, viewport
):
    page = open_page(path, viewport)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    target = page.locator("#studiets-oppbygging") if "structure" in name else page.locator("main")
    target.screenshot(path=SCREENSHOTS / f"{name}-{width}.png")
