"""Cohorts are listed newest first: by start year, then autumn (H) before spring (V)."""

import pytest

from tests.builders import make_cohort, make_programme, make_week
from tests.pages import parse

pytestmark = pytest.mark.django_db


def test_cohorts_are_newest_first_with_autumn_before_spring_of_the_same_year():
    programme = make_programme()
    for code in ("2023H", "2024V", "2024H", "2025V"):
        make_cohort(programme, code=code, ends_year=2027, ends_season="spring")
    codes = [cohort.code for cohort in programme.cohorts.all()]
    assert codes == ["2025V", "2024H", "2024V", "2023H"]


def test_the_schedule_block_shows_the_autumn_cohort_above_the_spring_cohort(client):
    programme = make_programme(slug_nb="studium")
    for code in ("2024V", "2024H"):
        make_week(make_cohort(programme, code=code, ends_year=2026, ends_season="spring"))
    headings = [h.get_text(strip=True) for h in parse(client.get("/studier/studium/")).select("h3")]
    assert headings == ["Kull 2024H (oppstart høsten 2024)", "Kull 2024V (oppstart våren 2024)"]
