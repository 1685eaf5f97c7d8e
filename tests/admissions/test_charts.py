"""The threshold chart's geometry and its SVG (admissions/charts.py, no DB)."""

import re
from decimal import Decimal

import hypothesis
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from admissions.charts import Box, Series, threshold_chart
from admissions.choices import SCALE_RANGE

D = Decimal
FULL_TIME = Series("Full-time", [(2022, D("2.78")), (2023, D("3.10")), (2024, D("2.95"))])
PART_TIME = Series("Part-time", [(2022, D("3.50")), (2023, D("3.65")), (2024, D("4.10"))])


ONE_TO_FIVE = (D(1), D(5))


def chart_of(*series, scale=ONE_TO_FIVE):
    return threshold_chart(list(series), *scale)


@pytest.mark.parametrize(
    "series",
    [
        [Series("Full-time", [(2024, D("2.95"))])],
        [Series("Full-time", [(2024, D("2.95"))]), Series("Part-time", [(2024, D("3.50"))])],
        [Series("Full-time", [(2023, None), (2024, D("2.95"))])],
        [Series("Full-time", [(2023, None), (2024, None)])],
        [],
    ],
)
def test_there_is_no_chart_with_numbers_for_fewer_than_two_years(series):
    assert threshold_chart(series, D(1), D(5)) is None


def test_two_series_over_three_years_give_two_lines_with_three_markers_each():
    chart = chart_of(FULL_TIME, PART_TIME)
    assert [(line.modifier, line.label) for line in chart.lines] == [
        (1, "Full-time"),
        (2, "Part-time"),
    ]
    for line in chart.lines:
        assert len(line.runs) == 1
        assert len(line.runs[0].split()) == 3
        assert len(line.markers) == 3
    assert [year for _, year, _ in chart.x_ticks] == ["2022", "2023", "2024"]


def test_a_year_without_a_number_breaks_the_line_into_two_runs():
    series = Series(
        "Full-time",
        [(2020, D("3.1")), (2021, D("3.3")), (2022, None), (2023, D("3.0")), (2024, D("2.9"))],
    )
    (line,) = chart_of(series).lines
    assert len(line.runs) == 2
    assert [len(run.split()) for run in line.runs] == [2, 2]
    assert len(line.markers) == 4


def test_a_lone_point_between_gaps_gets_a_marker_but_no_polyline():
    series = Series("Full-time", [(2022, D("3.1")), (2023, None), (2024, D("3.4"))])
    (line,) = chart_of(series).lines
    assert line.runs == ()
    assert len(line.markers) == 2


def test_points_are_placed_in_year_order_whatever_the_input_order():
    shuffled = Series("Full-time", [(2024, D("2.95")), (2022, D("2.78")), (2023, D("3.10"))])
    assert chart_of(shuffled).lines == chart_of(FULL_TIME).lines


def test_higher_thresholds_are_drawn_higher_up():
    (line,) = chart_of(FULL_TIME).lines
    ys = [float(y) for _, y in line.markers]  # 2.78, 3.10, 2.95; SVG y grows downwards
    assert ys[1] < ys[2] < ys[0]


@pytest.mark.parametrize(
    "series, scale",
    [
        ([FULL_TIME, PART_TIME], (D(1), D(5))),
        ([Series("A", [(2023, D("4.95")), (2024, D("5.00"))])], (D(1), D(5))),
        ([Series("A", [(2023, D("1.00")), (2024, D("1.00"))])], (D(1), D(5))),
        ([Series("A", [(2023, D("43.2")), (2024, D("57.9"))])], (D(0), D(90))),
        ([Series("A", [(2023, D("0.0")), (2024, D("90.0"))])], (D(0), D(90))),
    ],
)
def test_four_to_six_y_ticks_lie_within_the_scale_and_the_plot(series, scale):
    with translation.override("en"):
        chart = chart_of(*series, scale=scale)
    labels = [D(label) for _, label in chart.y_ticks]
    assert 4 <= len(labels) <= 6
    assert all(scale[0] <= label <= scale[1] for label in labels)
    assert labels == sorted(labels)
    top, bottom = float(chart.plot.top), float(chart.plot.bottom)
    assert all(top <= float(y) <= bottom for y, _ in chart.y_ticks)


@hypothesis.settings(derandomize=True, database=None, max_examples=300)
@given(
    scale=st.sampled_from(list(SCALE_RANGE.values())),
    hundredths=st.lists(st.floats(0, 1), min_size=2, max_size=6),
)
def test_the_axis_has_a_gridline_at_or_beyond_the_lowest_and_highest_value(scale, hundredths):
    """The y axis starts at a tick at or below the lowest value, and ends at one at or above
    the highest, unless the scale's maximum ends it first; so every value can be read off
    between two labelled gridlines."""
    low, high = scale
    values = [(low + (high - low) * D(str(share))).quantize(D("0.01")) for share in hundredths]
    series = Series("A", [(2020 + i, value) for i, value in enumerate(values)])
    with translation.override("en"):
        chart = threshold_chart([series], *scale)
    ticks = [D(label) for _, label in chart.y_ticks]
    step = ticks[1] - ticks[0]
    assert chart.y_ticks[0][0] == chart.plot.bottom
    assert ticks[0] <= min(values)
    assert ticks[-1] >= max(values) or ticks[-1] + step > high


def test_tick_labels_use_the_readers_decimal_comma():
    series = Series("A", [(2023, D("2.60")), (2024, D("2.90"))])
    with translation.override("nb"):
        labels = [label for _, label in chart_of(series, scale=(D(1), D(5))).y_ticks]
    assert any("," in label for label in labels)
    assert not any("." in label for label in labels)


def test_coordinates_are_rounded_to_one_decimal():
    chart = chart_of(FULL_TIME, PART_TIME)
    numbers = [n for line in chart.lines for run in line.runs for n in re.split("[ ,]", run)]
    numbers += [n for y, _ in chart.y_ticks for n in [y]]
    assert all(re.fullmatch(r"\d+(\.\d)?", n) for n in numbers)


def test_each_point_sits_at_its_year_and_threshold_on_the_padded_y_range():
    """640 x 280 with margins: the plot runs x 64-624 and y 16-244. Years are spread over
    x 80-608 (16 in from the edges), 2023 half-way at 344. The y axis covers 2.78-3.10
    padded by 0.1 each way, 2.68-3.20, widened to its ticks (every 0.2) 2.6-3.2, so 2.78
    sits 0.18/0.6 of 228 above the bottom: y = 244 - 68.4 = 175.6."""
    chart = chart_of(FULL_TIME)
    assert chart.plot == Box(left="64", top="16", right="624", bottom="244")
    assert [label for _, label in chart.y_ticks] == ["2,6", "2,8", "3,0", "3,2"]  # nb: the default
    (line,) = chart.lines
    assert line.markers == (("80", "175.6"), ("344", "54"), ("608", "111"))
    assert line.runs == ("80,175.6 344,54 608,111",)
    assert chart.x_ticks == (("80", "2022", False), ("344", "2023", False), ("608", "2024", False))
    assert (chart.x_label_y, chart.y_label_x) == ("268", "56")


@pytest.mark.parametrize(
    ("years", "labelled", "on_a_phone"),
    [
        (5, 5, 5),
        (6, 6, 3),  # every other label, the newest kept: 2011, 2013, 2015
        (10, 10, 5),
        (11, 6, 3),  # 10 labels at most: every other year, then every other label
        (20, 10, 5),
    ],
)
def test_a_phone_shows_at_most_five_year_labels_evenly_spaced(years, labelled, on_a_phone):
    series = Series("A", [(2010 + i, D("3") + D(i % 3) / 10) for i in range(years)])
    ticks = chart_of(series).x_ticks
    assert len(ticks) == labelled
    major = [year for _, year, is_minor in ticks if not is_minor]
    assert len(major) == on_a_phone
    assert ticks[-1][1] == major[-1] == str(2010 + years - 1)  # the newest year, always
    gaps = {int(b) - int(a) for a, b in zip(major, major[1:], strict=False)}
    assert len(gaps) == 1, major


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_template_renders_a_hidden_svg_and_a_visible_legend(language):
    chart = chart_of(FULL_TIME, PART_TIME)
    with translation.override(language):
        html = render_to_string("components/threshold-chart.html", {"chart": chart})
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'viewBox="0 0 640 280"' in svg
    assert 'aria-hidden="true"' in svg
    assert 'focusable="false"' in svg
    assert svg.count('<polyline class="threshold-chart__line threshold-chart__line--1"') == 1
    assert svg.count('class="threshold-chart__marker threshold-chart__marker--2"') == 3
    assert svg.count("threshold-chart__tick-label--x") == 3
    assert "threshold-chart__tick-label--minor" not in svg  # 3 years: every label on a phone
    assert f'points="{chart.lines[0].runs[0]}"' in svg  # no "12,5"-style localisation
    legend = html[html.index('<ul class="threshold-chart__legend">') :]
    assert "Full-time" in legend and "Part-time" in legend
    assert "threshold-chart__swatch--2" in legend
    assert "Full-time" not in svg
    assert "style=" not in html
    assert "<script" not in html


def test_minor_year_labels_carry_the_modifier_the_phone_css_hides():
    series = Series(
        "A", [(2010 + i, D("3")) for i in range(2)] + [(2012 + i, D("3.5")) for i in range(8)]
    )
    html = render_to_string("components/threshold-chart.html", {"chart": chart_of(series)})
    minor = re.findall(r'<text class="[^"]*--minor"[^>]*>(\d+)</text>', html)
    assert minor == ["2010", "2012", "2014", "2016", "2018"]  # 2019, the newest, is shown
