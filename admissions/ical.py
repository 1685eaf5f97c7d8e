"""iCalendar feed of a cohort's weeks as all-day events (icalendar 7.3). Pure, no ORM.

The output is deterministic: the same arguments give the same bytes, so a feed's ETag holds and
calendar clients update events instead of duplicating them. icalendar's `.new()` would otherwise
fill in a random uuid4 UID and DTSTAMP = now (FIELD-NOTES.md §10), so both are always passed.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration, vText, vUri

REFRESH_EVERY = timedelta(hours=12)
# The one component of a calendar with no event yet (RFC 5545 requires one): the site's zone.
EMPTY_CALENDAR_ZONE = "Europe/Oslo"

# Fixed namespace for the calendar's UID: the same calendar name always gives the same UID.
CALENDAR_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://studieside/calendars/")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable across requests, e.g. "cohort-12-2024-w37-gathering@example.org"
    start: date
    end: date  # inclusive last day; written as the exclusive DTEND the day after
    summary: str
    description: str = ""


def build_calendar(
    name: str, events: list[CalendarEvent], stamp: datetime, language: str, url: str = ""
) -> bytes:
    """The VCALENDAR as bytes (UTF-8, CRLF lines), events in the order given.

    `stamp` is the DTSTAMP of every event, e.g. the newest `updated_at` of the rows behind the
    feed; it must be time-zone aware and is written in UTC. `language` ("nb" or "en") ends the
    PRODID. `url`, the feed's own absolute address, becomes the calendar's URL (RFC 7986). All-day
    events are DATE values and need no VTIMEZONE; a calendar without events (a new cohort's,
    subscribed to before its weeks are set) has one anyway, for the year from `stamp`: RFC 5545
    requires at least one component, and some clients refuse a calendar without.
    """
    if stamp.tzinfo is None:
        raise ValueError("The stamp must be time-zone aware.")
    stamp = stamp.astimezone(UTC)
    components = []
    for event in events:
        if event.end < event.start:
            raise ValueError(f"Event {event.uid!r} ends before it starts.")
        components.append(
            Event.new(
                uid=event.uid,
                stamp=stamp,
                start=event.start,
                end=event.end + timedelta(days=1),
                summary=event.summary,
                description=event.description or None,
            )
        )
    if not components:
        zone = Timezone.from_tzid(
            EMPTY_CALENDAR_ZONE, first_date=stamp.date(), last_date=stamp.date() + timedelta(366)
        )
        zone.pop("COMMENT", None)  # "This timezone only works from …": true, and noise
        components.append(zone)
    calendar = Calendar.new(
        uid=str(uuid.uuid5(CALENDAR_UID_NAMESPACE, name)),
        prodid="-//Studieside//Cohort schedule//" + language.upper(),
        method="PUBLISH",
        subcomponents=components,
    )
    # As TEXT, so commas and semicolons are escaped: icalendar 7.3 writes NAME and
    # X-WR-CALNAME from Calendar.new(name=…) unescaped (RFC 5545 §3.3.11).
    for prop in ("NAME", "X-WR-CALNAME"):
        calendar.add(prop, vText(name))
    if url:
        calendar.add("URL", vUri(url))
    # How often a subscribed calendar asks again (RFC 7986; Outlook and Apple read the X- one):
    # an editor's change to the weeks reaches students' phones within half a day.
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH_EVERY), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_EVERY))  # one object each: add() sets params
    return calendar.to_ical()
