"""Geometry of the threshold line chart (components/threshold-chart.html). Pure, no ORM.

The chart is decoration: the table of the same numbers is the text alternative, so everything
here is coordinates and tick labels (in the active language's number format). Coordinates are
strings rounded to 1 decimal, which keeps the HTML stable and out of reach of the template's
number localisation ("12,5" would break an SVG attribute).
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.formats import number_format

# Space for the tick labels: y labels to the left of the plot, year labels below it. Sized for
# the phone's labels (threshold-chart.css: 22 units, so that they render at about 12 px on a
# 390 px screen), which are the largest in user units: "52,5" is about 48 wide, "2024" 57.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 16, 36
X_LABEL_BELOW, Y_LABEL_GAP = 24, 8  # baseline of the year labels under the plot; y labels' gap
# Keeps the first and last year's markers off the axes.
INSET_X = 16
# Year labels: up to 10 on a wider screen; on a phone only every so many of them (the others
# are "minor", hidden by CSS), at most 5, so the larger labels do not touch.
MAX_YEAR_LABELS, MAX_YEAR_LABELS_NARROW = 10, 5
# Tick steps are these times a power of ten, most readable tier first. Sorted, neighbours differ
# by at most 1.5x, so some step always gives 4–6 ticks.
TICK_MULTIPLIERS = (("1", "5"), ("2", "2.5"), ("1.5", "3", "4", "7.5"))
MIN_TICKS, MAX_TICKS, WANTED_TICKS = 4, 6, 5


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[int, Decimal | None]]  # (year, points); None: no threshold that year


@dataclass(frozen=True)
class Box:
    left: str
    top: str
    right: str
    bottom: str


@dataclass(frozen=True)
class Line:
    modifier: int  # 1..n, the CSS modifier of the line, its markers and its legend swatch
    label: str
    runs: tuple[str, ...]  # "x,y x,y …" per unbroken run of two or more points
    markers: tuple[tuple[str, str], ...]  # (x, y) of every point with a number


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot: Box
    x_ticks: tuple[tuple[str, str, bool], ...]  # (x, year, is_minor: left out on a phone)
    y_ticks: tuple[tuple[str, str], ...]  # (y, label such as "2.5")
    x_label_y: str  # baseline of the year labels
    y_label_x: str  # right edge of the y tick labels
    lines: tuple[Line, ...]


def _coordinate(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _y_range(values: list[Decimal], scale_min: Decimal, scale_max: Decimal):
    """Data min and max padded by 10 % of the range (at least 0.1), clamped to the scale."""
    low, high = min(values), max(values)
    padding = max((high - low) / 10, Decimal("0.1"))
    low, high = max(low - padding, scale_min), min(high + padding, scale_max)
    if high <= low:  # only when the scale itself is a single value
        high = low + Decimal("0.1")
    return low, high


def _tick_count(low: Decimal, high: Decimal, step: Decimal) -> int:
    """How many multiples of `step` lie in [low, high]."""
    first = (low / step).to_integral_value(ROUND_CEILING)
    last = (high / step).to_integral_value(ROUND_FLOOR)
    return int(last - first) + 1


def _nice_range(low: Decimal, high: Decimal, step: Decimal, scale_min: Decimal, scale_max: Decimal):
    """[low, high] widened to the multiples of `step` around it, within the scale: a gridline
    at or below the lowest value and at or above the highest, so each can be read off."""
    return (
        max((low / step).to_integral_value(ROUND_FLOOR) * step, scale_min),
        min((high / step).to_integral_value(ROUND_CEILING) * step, scale_max),
    )


def _tick_step(low: Decimal, high: Decimal, scale_min: Decimal, scale_max: Decimal) -> Decimal:
    """The most readable step that puts 4–6 multiples of itself in [low, high] once it is
    widened to them (`_nice_range`)."""
    exponent = (high - low).adjusted()
    candidates = [
        (tier, Decimal(multiplier).scaleb(power))
        for power in range(exponent - 2, exponent + 1)
        for tier, multipliers in enumerate(TICK_MULTIPLIERS)
        for multiplier in multipliers
    ]

    def badness(candidate):
        tier, step = candidate
        count = _tick_count(*_nice_range(low, high, step, scale_min, scale_max), step)
        return (not MIN_TICKS <= count <= MAX_TICKS, tier, abs(count - WANTED_TICKS))

    return min(candidates, key=badness)[1]


def _y_ticks(low: Decimal, high: Decimal, step: Decimal) -> list[Decimal]:
    decimals = max(0, -step.normalize().as_tuple().exponent)
    first = (low / step).to_integral_value(ROUND_CEILING)
    count = _tick_count(low, high, step)
    quantum = Decimal(1).scaleb(-decimals)
    return [((first + i) * step).quantize(quantum) for i in range(count)]


def threshold_chart(
    series: list[Series],
    scale_min: Decimal,
    scale_max: Decimal,
    width: int = 640,
    height: int = 280,
) -> Chart | None:
    """Lines of thresholds over the years, or None when fewer than 2 years have a number.

    `scale_min`/`scale_max` bound the points scale (e.g. 1–5 for OsloMet further education); the
    y axis covers the data with some padding inside those bounds, widened to the ticks around
    it, so that it starts and ends at a gridline (where the scale allows). The x axis runs over
    every year in any series, so a year without a number shows as a gap in the line.
    """
    values = [value for s in series for _, value in s.points if value is not None]
    years_with_numbers = {year for s in series for year, value in s.points if value is not None}
    if len(years_with_numbers) < 2:
        return None
    years = sorted({year for s in series for year, _ in s.points})
    low, high = _y_range(values, scale_min, scale_max)
    step = _tick_step(low, high, scale_min, scale_max)
    low, high = _nice_range(low, high, step, scale_min, scale_max)

    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM

    def x_of(year: int) -> float:
        share = (year - years[0]) / (years[-1] - years[0])
        return left + INSET_X + share * (right - left - 2 * INSET_X)

    def y_of(value: Decimal) -> float:
        return bottom - float((value - low) / (high - low)) * (bottom - top)

    # Counted from the newest year, which is always labelled: the one a reader looks for.
    label_every = -(-len(years) // MAX_YEAR_LABELS)  # ceiling division
    labelled = years[::-1][::label_every][::-1]
    major_every = -(-len(labelled) // MAX_YEAR_LABELS_NARROW)
    x_ticks = tuple(
        (_coordinate(x_of(year)), str(year), (len(labelled) - 1 - i) % major_every != 0)
        for i, year in enumerate(labelled)
    )
    # Tick labels in the active language's number format: "2,5" on Norwegian pages.
    y_ticks = tuple((_coordinate(y_of(t)), number_format(t)) for t in _y_ticks(low, high, step))
    lines = tuple(_line(i, s, x_of, y_of) for i, s in enumerate(series, start=1))
    return Chart(
        width=width,
        height=height,
        plot=Box(*(_coordinate(v) for v in (left, top, right, bottom))),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        x_label_y=_coordinate(bottom + X_LABEL_BELOW),
        y_label_x=_coordinate(left - Y_LABEL_GAP),
        lines=lines,
    )


def _line(modifier: int, series: Series, x_of, y_of) -> Line:
    """Runs break at None; a lone point between gaps gets a marker but no polyline."""
    runs: list[list[str]] = [[]]
    markers = []
    for year, value in sorted(series.points, key=lambda point: point[0]):
        if value is None:
            runs.append([])
            continue
        x, y = _coordinate(x_of(year)), _coordinate(y_of(value))
        runs[-1].append(f"{x},{y}")
        markers.append((x, y))
    return Line(
        modifier=modifier,
        label=series.label,
        runs=tuple(" ".join(run) for run in runs if len(run) >= 2),
        markers=tuple(markers),
    )
