"""Each public programme page says when it last changed, in the reader's language."""

from datetime import UTC, datetime

import pytest

from programs.models import Programme
from tests.builders import make_programme
from tests.pages import parse, visible_text

pytestmark = pytest.mark.django_db


def programme_updated_at(moment, **overrides):
    programme = make_programme(**overrides)
    Programme.objects.filter(pk=programme.pk).update(updated_at=moment)  # auto_now skipped
    return programme


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", "Sist oppdatert 2. desember 2026"), ("en", "Last updated 2 December 2026")],
)
def test_the_programme_page_says_when_it_was_last_updated(client, language, words):
    programme = programme_updated_at(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    response = client.get(programme.get_absolute_url(language))
    assert words in visible_text(response)
    time = parse(response).select_one(".last-updated time")
    assert time["datetime"] == "2026-12-02"


def test_the_date_is_the_one_in_oslo_not_in_utc(client):
    programme = programme_updated_at(datetime(2026, 12, 1, 23, 30, tzinfo=UTC))  # 00:30 in Oslo
    response = client.get(programme.get_absolute_url("en"))
    assert "Last updated 2 December 2026" in visible_text(response)
    assert parse(response).select_one(".last-updated time")["datetime"] == "2026-12-02"
