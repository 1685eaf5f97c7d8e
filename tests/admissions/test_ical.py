"""The iCalendar feed as a calendar client reads it back (admissions/ical.py, no DB)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from icalendar.parser import unescape_backslash

from admissions.ical import CalendarEvent, build_calendar

STAMP = datetime(2024, 8, 1, 12, 0, tzinfo=UTC)
EVENTS = [
    CalendarEvent(
        uid="cohort-1-2024-w37-gathering@studieside.example",
        start=date(2024, 9, 9),
        end=date(2024, 9, 13),
        summary="Samlingsuke 37",
        description="Oppmøte på campus Pilestredet.",
    ),
    CalendarEvent(
        uid="cohort-1-2024-w39-46-practice@studieside.example",
        start=date(2024, 9, 23),
        end=date(2024, 11, 15),
        summary="Praksis",
    ),
]


def build(events=EVENTS, name="Kull 2024 – høst", stamp=STAMP, language="nb"):
    return build_calendar(name, events, stamp, language)


def parsed_events(ical):
    return Calendar.from_ical(ical).walk("VEVENT")


def test_all_day_events_end_the_day_after_their_last_day():
    first, second = parsed_events(build())
    assert first.decoded("DTSTART") == date(2024, 9, 9)
    assert first.decoded("DTEND") == date(2024, 9, 14)  # Saturday after a Mon–Fri week
    assert second.decoded("DTSTART") == date(2024, 9, 23)
    assert second.decoded("DTEND") == date(2024, 11, 16)


def test_dates_are_written_as_date_values_without_a_time():
    ical = build().decode()
    assert "DTSTART;VALUE=DATE:20240909\r\n" in ical
    assert "DTEND;VALUE=DATE:20240914\r\n" in ical
    assert "VTIMEZONE" not in ical


def test_events_carry_the_given_uid_summary_and_description():
    first, second = parsed_events(build())
    assert str(first["UID"]) == "cohort-1-2024-w37-gathering@studieside.example"
    assert str(first["SUMMARY"]) == "Samlingsuke 37"
    assert str(first["DESCRIPTION"]) == "Oppmøte på campus Pilestredet."
    assert str(second["UID"]) == "cohort-1-2024-w39-46-practice@studieside.example"
    assert "DESCRIPTION" not in second


def test_a_subscribed_calendar_is_told_to_ask_again_twice_a_day():
    """Without it, clients pick their own interval, and some (Outlook) a week or more."""
    calendar = Calendar.from_ical(build())
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=12)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in build().decode()
    assert "X-PUBLISHED-TTL:PT12H\r\n" in build().decode()


def test_the_same_input_gives_the_same_bytes():
    assert build() == build()


def test_the_calendar_uid_follows_the_name():
    first = Calendar.from_ical(build(name="Kull A"))["UID"]
    assert Calendar.from_ical(build(name="Kull A"))["UID"] == first
    assert Calendar.from_ical(build(name="Kull B"))["UID"] != first


def test_every_event_is_stamped_with_the_given_time_in_utc():
    oslo_stamp = datetime(2024, 8, 1, 14, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    for event in parsed_events(build(stamp=oslo_stamp)):
        assert event.decoded("DTSTAMP") == STAMP
    assert "DTSTAMP:20240801T120000Z\r\n" in build(stamp=oslo_stamp).decode()


def test_a_stamp_without_time_zone_is_refused():
    with pytest.raises(ValueError):
        build(stamp=datetime(2024, 8, 1, 12, 0))


def test_an_event_ending_before_it_starts_is_refused():
    event = CalendarEvent(uid="x", start=date(2024, 9, 13), end=date(2024, 9, 9), summary="x")
    with pytest.raises(ValueError):
        build(events=[event])


def test_the_calendar_has_its_name_product_id_and_method():
    calendar = Calendar.from_ical(build(language="nb"))
    assert calendar.calendar_name == "Kull 2024 – høst"
    assert str(calendar["X-WR-CALNAME"]) == "Kull 2024 – høst"
    assert str(calendar["PRODID"]) == "-//Studieside//Cohort schedule//NB"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(Calendar.from_ical(build(language="en"))["PRODID"]).endswith("//EN")


def test_norwegian_letters_round_trip():
    event = CalendarEvent(
        uid="æøå@studieside.example",
        start=date(2025, 1, 20),
        end=date(2025, 1, 24),
        summary="Særemne: Øvelse på Åsgårdstrand",
        description="ÆØÅ æøå",
    )
    (parsed,) = parsed_events(build(events=[event], name="Årskull ÆØÅ"))
    assert str(parsed["SUMMARY"]) == "Særemne: Øvelse på Åsgårdstrand"
    assert str(parsed["DESCRIPTION"]) == "ÆØÅ æøå"
    assert str(parsed["UID"]) == "æøå@studieside.example"
    assert Calendar.from_ical(build(events=[event], name="Årskull ÆØÅ")).calendar_name == (
        "Årskull ÆØÅ"
    )


def test_long_lines_are_folded_at_75_octets():
    event = CalendarEvent(
        uid="long@studieside.example",
        start=date(2025, 3, 3),
        end=date(2025, 3, 7),
        summary="Samlingsuke med øvingsoppgaver " * 5,
    )
    ical = build(events=[event])
    assert all(len(line) <= 75 for line in ical.split(b"\r\n"))
    (parsed,) = parsed_events(ical)
    assert str(parsed["SUMMARY"]) == "Samlingsuke med øvingsoppgaver " * 5


def test_the_calendar_name_is_text_with_commas_and_semicolons_escaped():
    ical = build(name="Psykisk helsearbeid, kull 2023H; deltid")
    assert b"\r\nNAME:Psykisk helsearbeid\\, kull 2023H\\; deltid\r\n" in ical
    calendar = Calendar.from_ical(ical)
    for prop in ("NAME", "X-WR-CALNAME"):
        # icalendar does not know NAME is TEXT, so it keeps the escapes when parsing
        assert unescape_backslash(str(calendar[prop])) == "Psykisk helsearbeid, kull 2023H; deltid"


def test_the_calendar_carries_its_own_url():
    ical = build_calendar("Kull", EVENTS, STAMP, "nb", "https://studier.example.org/x.ics")
    assert str(Calendar.from_ical(ical)["URL"]) == "https://studier.example.org/x.ics"
