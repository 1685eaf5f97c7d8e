"""The threshold chart in a browser: its tick labels are SVG text, sized in user units that
shrink with the chart, so threshold-chart.css makes them larger in units on a phone. They must
render at 11 px or more at 390 and 1280 px, stay inside the chart and not touch each other;
screenshots for a person to look at (tests/browser/screenshots/)."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from admissions.choices import StudyMode
from programs.choices import Embed
from tests.browser.conftest import SCREENSHOTS
from tests.builders import make_programme, make_section, make_study_option, make_threshold

axe = Axe()
SMALLEST = {"width": 320, "height": 700}
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
PATHS = {"nb": "/studier/med-graf/", "en": "/en/programmes/with-chart/"}

# Every shown tick label: its rendered font size (CSS px: computed size in user units times
# the chart's scale) and its box relative to the chart's.
LABELS = """svg => {
  const chart = svg.getBoundingClientRect();
  return [...svg.querySelectorAll(".threshold-chart__tick-label")]
    .filter(text => getComputedStyle(text).display !== "none")
    .map(text => {
      const box = text.getBoundingClientRect();
      return {
        text: text.textContent,
        axis: text.classList.contains("threshold-chart__tick-label--x") ? "x" : "y",
        px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
        left: box.left - chart.left, right: box.right - chart.left,
        top: box.top - chart.top, bottom: box.bottom - chart.top,
        width: chart.width, height: chart.height,
      };
    });
}"""


@pytest.fixture
def with_chart(site):
    """Ten years of full-time thresholds (2014–2023) and five of part-time, on the 1–5 scale."""
    programme = make_programme(slug_nb="med-graf", slug_en="with-chart")
    make_section(programme, title_nb="Opptak", title_en="Admission", embed=Embed.ADMISSION)
    full = make_study_option(programme, mode=StudyMode.FULL_TIME)
    part = make_study_option(programme, mode=StudyMode.PART_TIME, duration_semesters=4)
    for i, year in enumerate(range(2014, 2024)):
        make_threshold(full, admission_year=year, points=Decimal("3.1") + Decimal(i % 4) / 20)
        if year >= 2019:
            make_threshold(part, admission_year=year, points=Decimal("2.4") + Decimal(i % 3) / 10)
    return programme


def labels_of(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return page.locator("svg.threshold-chart").evaluate(LABELS)


def assert_apart(labels):
    """Inside the chart (1 px of rounding) and not overlapping their neighbours."""
    for label in labels:
        assert label["left"] >= -1 and label["right"] <= label["width"] + 1, label
        assert label["top"] >= -1 and label["bottom"] <= label["height"] + 1, label
    years = sorted((label for label in labels if label["axis"] == "x"), key=lambda a: a["left"])
    assert all(a["right"] < b["left"] for a, b in zip(years, years[1:], strict=False)), years
    values = sorted((label for label in labels if label["axis"] == "y"), key=lambda a: a["top"])
    assert all(a["bottom"] <= b["top"] for a, b in zip(values, values[1:], strict=False)), values


@pytest.mark.parametrize(
    ("viewport", "least_px", "years_shown"),
    [(SMALLEST, 9.5, 5), (PHONE, 11, 5), (WIDE, 11, 10)],
    ids=["320", "390", "1280"],
)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_tick_labels_are_readable_and_apart_at_every_width(
    open_page, with_chart, language, viewport, least_px, years_shown
):
    """At 390 px the labels were 12 units in a 640-unit chart drawn 358 px wide: 6.7 px."""
    page = open_page(PATHS[language], viewport)
    labels = labels_of(page)
    assert min(label["px"] for label in labels) >= least_px, labels
    assert len([label for label in labels if label["axis"] == "x"]) == years_shown
    assert_apart(labels)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    width = viewport["width"]
    page.locator(".threshold-history").screenshot(
        path=SCREENSHOTS / f"threshold-chart-{language}-{width}.png"
    )


def test_the_chart_on_a_phone_has_no_axe_violations(open_page, with_chart):
    page = open_page(PATHS["nb"], PHONE)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
