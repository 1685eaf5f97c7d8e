"""Admission facts on the programme page and the list: from records, in both languages."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from icalendar import Calendar
from icalendar.parser import unescape_backslash

from admissions.choices import Outcome
from admissions.models import AdmissionThreshold
from programs.models import Status
from tests.builders import (
    make_cohort,
    make_field_of_study,
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
    make_threshold,
    make_week,
)
from tests.pages import parse, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(date(2026, 11, 23), tick=False)]

NB, EN = "/studier/studium-a/", "/en/programmes/programme-a/"


@pytest.fixture
def programme():
    programme = make_programme(
        slug_nb="studium-a", slug_en="programme-a", title_nb="Studium A", title_en="Programme A"
    )
    nursing = make_field_of_study(name_nb="Sykepleie", name_en="Nursing", code="sykepleie")
    welfare = make_field_of_study(name_nb="Barnevern", name_en="Child welfare", code="barnevern")
    make_requirement(
        programme,
        fields=[nursing, welfare],
        ranking_nb="Søkere rangeres etter karakterpoeng.",
        ranking_en="Applicants are ranked by grade points.",
    )
    full = make_study_option(programme, study_code="215 1210", duration_semesters=2, position=1)
    part = make_study_option(
        programme, study_code="215 1220", mode="part_time", duration_semesters=4, position=2
    )
    make_threshold(full, admission_year=2024, points=Decimal("2.78"))
    make_threshold(part, admission_year=2024, points=Decimal("2.92"))
    cohort = make_cohort(programme, code="2023H", ends_year=2025, ends_season="spring")
    make_week(cohort, iso_year=2024, week=37)
    make_week(cohort, iso_year=2024, week=49)
    make_week(cohort, iso_year=2024, week=39, last_week=46, kind="practice")
    make_week(cohort, iso_year=2025, week=4)
    make_section(
        programme, title_nb="Opptak", title_en="Admission", embed="admission", anchor="opptak"
    )
    make_section(
        programme, title_nb="Slik søker du", title_en="How to apply", embed="apply", anchor="sok"
    )
    make_section(
        programme,
        title_nb="Samlinger",
        title_en="Teaching weeks",
        embed="schedule",
        anchor="samlinger",
    )
    return programme


@pytest.mark.parametrize(
    ("url", "sentences"),
    [
        (
            NB,
            [
                "For å søke på dette studiet må du ha bachelorgrad eller tilsvarende i "
                "barnevern eller sykepleie.",
                "Søkere rangeres etter karakterpoeng.",
                # 2024's thresholds, read in November 2026: the sentence names their year
                "Ved opptaket i 2024 var poenggrensene: 2,78 på heltid 2,92 på deltid",
                "Du søker på Søknadsweb med studiekode 215 1210 for heltid og 215 1220 for deltid.",
                "Søknadsfristen er 1. mars 2027.",
                "Kull 2023H (oppstart høsten 2023)",
                "Høst 2024: uke 37 og 49. Praksisuker i ukene 39–46.",
                "Vår 2025: uke 4.",
                "Uke 37 (samling): 9.–13. september 2024",
                "Uke 39–46 (praksis): 23. september – 15. november 2024",
            ],
        ),
        (
            EN,
            [
                "you must have a bachelor's degree or equivalent in child welfare or nursing.",
                "Applicants are ranked by grade points.",
                "In the 2024 admission round, the thresholds were: "
                "2.78 (full-time) 2.92 (part-time)",
                "You apply through Søknadsweb with study codes 215 1210 (full-time) and "
                "215 1220 (part-time).",
                "The application deadline is 1 March 2027.",
                "Cohort 2023H (autumn 2023 intake)",
                "Autumn 2024: weeks 37 and 49. Placement weeks 39–46.",
                "Spring 2025: week 4.",
                "Week 37 (teaching): 9–13 September 2024",
                "Weeks 39–46 (placement): 23 September – 15 November 2024",
            ],
        ),
    ],
)
def test_every_fact_is_written_out_from_the_records(client, programme, url, sentences):
    text = visible_text(client.get(url))
    assert [s for s in sentences if s not in text] == []


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        (NB, "i ærlighetsfag, økonomi eller årsstudiefag."),  # Python's own order: Å, Æ, Ø
        (EN, "in accounting, economics or honesty studies."),
    ],
)
def test_accepted_fields_are_named_in_the_readers_alphabetical_order(client, url, fields):
    programme = make_programme(slug_nb="studium-a", slug_en="programme-a", title_en="A")
    names = [("Årsstudiefag", "Accounting"), ("Ærlighetsfag", "Honesty studies")]
    names += [("Økonomi", "Economics")]
    accepted = [make_field_of_study(name_nb=nb, name_en=en, code=en[:4]) for nb, en in names]
    make_requirement(programme, fields=accepted)
    assert fields in visible_text(client.get(url))


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        (NB, "Ved forrige opptak var poenggrensene: 2,78 på heltid 2,92 på deltid"),
        (EN, "In the last admission round, the thresholds were: 2.78 (full-time) 2.92 (part-time)"),
    ],
)
def test_thresholds_of_the_latest_round_are_called_the_last(client, programme, url, sentence):
    AdmissionThreshold.objects.update(admission_year=2026)  # held in 2026, read in November
    assert sentence in visible_text(client.get(url))


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        (NB, "Ved forrige opptak var poenggrensene: 2,78 på heltid 2,92 på deltid (2024)"),
        (
            EN,
            "In the last admission round, the thresholds were: "
            "2.78 (full-time) 2.92 (part-time, 2024)",
        ),
    ],
)
def test_an_older_threshold_beside_newer_ones_names_its_year(client, programme, url, sentence):
    AdmissionThreshold.objects.filter(study_option__mode="full_time").update(admission_year=2026)
    assert sentence in visible_text(client.get(url))


def test_blocks_appear_inside_the_sections_that_embed_them(client, programme):
    soup = parse(client.get(EN))
    assert soup.select_one("#admission .facts-block--admission")
    assert soup.select_one("#how-to-apply .facts-block--apply")
    assert soup.select_one("#teaching-weeks .facts-block--schedule")
    assert soup.select_one(".programme__block") is None


def test_facts_no_section_embeds_are_shown_after_the_sections(client):
    programme = make_programme(slug_nb="uten-seksjoner")
    make_study_option(programme, study_code="215 9999")
    soup = parse(client.get("/studier/uten-seksjoner/"))
    block = soup.select_one(".programme__block")
    assert block.h2.get_text(strip=True) == "Slik søker du"
    assert "215\xa09999" in block.get_text()  # a no-break space: one line on a phone


def test_thresholds_are_shown_without_an_admission_requirement(client):
    """A programme with thresholds but no requirement yet showed no thresholds at all."""
    programme = make_programme(slug_nb="uten-krav")
    option = make_study_option(programme, study_code="215 9999")
    make_threshold(option, admission_year=2024, points=Decimal("2.78"))
    soup = parse(client.get("/studier/uten-krav/"))
    block = soup.select_one(".facts-block--admission")
    assert "2,78" in block.get_text()


def test_a_closed_programme_says_so_instead_of_how_to_apply(client, programme):
    programme.status = Status.CLOSED
    programme.save()
    block = parse(client.get(EN)).select_one(".facts-block--apply").get_text(" ", strip=True)
    assert block == "This programme is not taking applications."


@pytest.mark.time_machine(date(2027, 3, 2), tick=False)
def test_after_the_deadline_the_next_years_is_shown(client, programme):
    assert "The application deadline is 1 March 2028." in visible_text(client.get(EN))


def test_all_qualified_admitted_is_shown_in_words(client):
    programme = make_programme(slug_en="open-to-all")
    option = make_study_option(programme)
    make_threshold(option, outcome=Outcome.ALL_QUALIFIED, points=None)
    make_requirement(programme)
    text = visible_text(client.get("/en/programmes/open-to-all/"))
    assert "All qualified applicants admitted (full-time)" in text


@pytest.mark.parametrize(
    ("language", "outcome", "sentence"),
    [
        ("nb", Outcome.ALL_QUALIFIED, "Ved opptaket i 2025: Alle kvalifiserte søkere fikk tilbud"),
        ("en", Outcome.WITHDRAWN, "In the 2025 admission round: Programme withdrawn (full-time)"),
    ],
)
def test_without_a_points_threshold_no_competition_is_spoken_of(
    client, language, outcome, sentence
):
    """ "All qualified applicants admitted" is no threshold and no competition for places."""
    programme = make_programme(slug_nb="apent", slug_en="open")
    make_threshold(make_study_option(programme), admission_year=2025, outcome=outcome, points=None)
    make_requirement(programme)
    text = visible_text(client.get(programme.get_absolute_url(language)))
    assert sentence in text
    assert "konkurranse" not in text and "competition" not in text and "grense" not in text


def test_threshold_history_is_a_table_and_a_chart_with_the_table_as_its_text(client, programme):
    full, part = programme.study_options.all()
    make_threshold(full, admission_year=2022, points=Decimal("3.10"))
    make_threshold(full, admission_year=2023, outcome=Outcome.ALL_QUALIFIED, points=None)
    make_threshold(part, admission_year=2023, points=Decimal("3.05"))
    soup = parse(client.get(NB))
    table = soup.select_one(".threshold-history__table")
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ]
    assert rows == [
        ["2024", "2,78", "2,92"],
        ["2023", "Alle kvalifiserte søkere fikk tilbud", "3,05"],
        ["2022", "3,10", "–"],
    ]
    svg = soup.select_one(".threshold-history svg")
    assert svg["aria-hidden"] == "true"
    assert len(svg.select("circle")) == 4  # one marker per number; "all admitted" has none
    assert len(svg.select("polyline")) == 1  # part-time 2023–24; full-time is broken by 2023


def test_one_year_of_thresholds_needs_no_history_table(client, programme):
    assert parse(client.get(NB)).select_one(".threshold-history") is None


@pytest.mark.parametrize("size", [1, 12])
def test_programme_page_queries_stay_flat_as_thresholds_and_weeks_grow(
    client, django_assert_num_queries, programme, size
):
    full, part = programme.study_options.all()
    cohort = programme.cohorts.get()
    for year in range(2024 - size, 2024):
        make_threshold(full, admission_year=year, points=Decimal("3.00"))
        make_threshold(part, admission_year=year, points=Decimal("3.20"))
    for week in range(1, size + 1):
        make_week(cohort, iso_year=2025, week=week + 5, kind="exam")
    make_programme(replaced_by=programme, status=Status.CLOSED)  # shown as "replaces …"
    # ProgrammeQuerySet.for_detail_page (+ plans), and Programme.replaced_programmes (1)
    with django_assert_num_queries(10):
        response = client.get(EN)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/studier/?bachelor=sykepleie", ["Studium A"]),
        ("/en/programmes/?bachelor=sykepleie", ["Programme A"]),
    ],
)
def test_the_list_answers_which_programmes_accept_my_bachelor(client, programme, url, expected):
    make_programme(title_nb="Uten krav", title_en="No requirement")
    other = make_programme(title_nb="Annet", title_en="Other")
    make_requirement(other, fields=[make_field_of_study(code="fysioterapi")])
    soup = parse(client.get(url))
    assert [a.get_text(strip=True) for a in soup.select(".programme-card__title a")] == expected


def test_the_filter_names_the_field_in_the_readers_language(client, programme):
    text = visible_text(client.get("/en/programmes/?bachelor=sykepleie"))
    assert "One programme accepts a bachelor's degree in nursing." in text


def test_a_field_no_programme_accepts_says_so(client, programme):
    make_field_of_study(code="medisin", name_nb="Medisin")
    text = visible_text(client.get("/studier/?bachelor=medisin"))
    assert "tar opp søkere med bachelorgrad i medisin" in text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/studier/?bachelor=finnes-ikke", "Ukjent fagfelt. Velg et fra listen."),
        (
            "/en/programmes/?bachelor=%3Cscript%3E",
            "Unknown field of study. Choose one from the list.",
        ),
        ("/studier/?bachelor=a%00b", "Ukjent fagfelt. Velg et fra listen."),
        (
            "/en/programmes/?bachelor=%00",
            "Unknown field of study. Choose one from the list.",
        ),
    ],
)
def test_an_unknown_field_is_a_400_with_a_message_in_the_readers_language(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in parse(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("fields", [1, 20])
def test_list_queries_stay_flat_with_a_filter(client, django_assert_num_queries, fields):
    for n in range(fields):
        programme = make_programme()
        make_requirement(programme, fields=[make_field_of_study(code=f"f{n}")])
    with django_assert_num_queries(2):  # the fields (to choose from and to check), programmes
        client.get("/studier/?bachelor=f0")


def test_the_calendar_feed_holds_each_week_as_all_day_dates(client, programme):
    soup = parse(client.get(EN))
    link = soup.select_one(".facts-block--schedule a[type='text/calendar']")
    assert link["href"] == "/en/programmes/programme-a/cohort-2023H.ics"
    response = client.get(link["href"])
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = sorted(
        (e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"]))
        for e in calendar.walk("VEVENT")
    )
    assert events == [
        (date(2024, 9, 9), date(2024, 9, 14), "Teaching: Programme A"),
        (date(2024, 9, 23), date(2024, 11, 16), "Placement: Programme A"),
        (date(2024, 12, 2), date(2024, 12, 7), "Teaching: Programme A"),
        (date(2025, 1, 20), date(2025, 1, 25), "Teaching: Programme A"),
    ]


@pytest.mark.parametrize(
    ("url", "feed", "text"),
    [
        (EN, "testserver/en/programmes/programme-a/cohort-2023H.ics", "Subscribe to the weeks"),
        ("/studier/studium-a/", "testserver/studier/studium-a/kull-2023H.ics", "Abonner på ukene"),
    ],
)
def test_a_cohorts_weeks_can_be_subscribed_to_in_a_calendar_app(client, programme, url, feed, text):
    """webcal: makes a calendar app subscribe, and ask again (REFRESH-INTERVAL) for changes;
    the https link downloads a copy that never changes."""
    block = parse(client.get(url)).select_one(".facts-block--schedule")
    subscribe = block.select_one("a[href^='webcal:']")
    assert subscribe["href"] == f"webcal://{feed}"
    assert subscribe.get_text().startswith(text)
    assert block.select_one("a[type='text/calendar']")["href"] == "/" + feed.split("/", 1)[1]


def test_the_norwegian_feed_has_norwegian_texts_and_url(client, programme):
    response = client.get("/studier/studium-a/kull-2023H.ics")
    calendar = Calendar.from_ical(response.content)
    for prop in ("NAME", "X-WR-CALNAME"):  # TEXT: the comma escaped, and read back
        assert unescape_backslash(str(calendar[prop])) == f"{programme.title_nb}, kull 2023H"
    assert b"X-WR-CALNAME:" + programme.title_nb.encode() + b"\\, kull 2023H" in response.content
    assert str(calendar["URL"]) == "http://testserver/studier/studium-a/kull-2023H.ics"
    assert all(str(e["UID"]).endswith("@testserver") for e in calendar.walk("VEVENT"))
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {
        f"Samling: {programme.title_nb}",
        f"Praksis: {programme.title_nb}",
    }


def test_the_feed_is_the_same_bytes_on_every_request(client, programme):
    url = "/en/programmes/programme-a/cohort-2023H.ics"
    assert client.get(url).content == client.get(url).content


def test_a_discontinued_programme_keeps_its_feed_for_enrolled_students(client, programme):
    programme.status = Status.DISCONTINUED
    programme.save()
    response = client.get("/en/programmes/programme-a/cohort-2023H.ics")
    assert response.status_code == 200
    assert response.content.decode().count("BEGIN:VEVENT") == programme.cohorts.get().weeks.count()
    assert programme.cohorts.get().weeks.exists()


def test_two_rows_of_the_same_week_and_kind_are_two_events_with_their_own_uid(client, programme):
    """Two gatherings in week 37 (one on campus, one online): a calendar app keeps one event
    per UID, so a shared UID would drop one."""
    cohort = programme.cohorts.get()
    first = cohort.weeks.first()
    make_week(cohort, iso_year=first.iso_year, week=first.week, kind=first.kind, note="Digital")
    feed = Calendar.from_ical(client.get("/en/programmes/programme-a/cohort-2023H.ics").content)
    uids = [str(e["UID"]) for e in feed.walk("VEVENT")]
    assert len(uids) == cohort.weeks.count() == len(set(uids))
    assert f"cohort{cohort.pk}-{first.iso_year}w{first.week}-{first.kind}@testserver" in uids


def test_editing_a_week_gives_the_feeds_events_a_newer_stamp(client, programme, time_machine):
    """A client that keeps the newer of two copies of an event (same UID) takes the edit."""
    url = "/en/programmes/programme-a/cohort-2023H.ics"
    before = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0].decoded("dtstamp")
    time_machine.move_to(datetime(2026, 11, 24, 9, tzinfo=UTC), tick=False)
    week = programme.cohorts.get().weeks.first()
    week.note = "Moved to room 2"
    week.save()
    after = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0].decoded("dtstamp")
    assert after > before


def test_a_cohort_without_weeks_has_a_valid_calendar_to_subscribe_to(client):
    """RFC 5545 wants at least one component: the time zone, until the weeks are set."""
    programme = make_programme(slug_nb="uten-uker", slug_en="without-weeks")
    make_cohort(programme, code="2026H", ends_year=2027)
    response = client.get("/en/programmes/without-weeks/cohort-2026H.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert b"COMMENT" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/en/programmes/programme-a/cohort-2099H.ics",
        "/en/programmes/no-such/cohort-2023H.ics",
        "/en/programmes/programme-a/cohort-%C3%A6.ics",
    ],
)
def test_unknown_feeds_are_404(client, programme, url):
    assert client.get(url).status_code == 404


def test_mixed_scales_get_the_table_without_a_chart(client, programme):
    full, part = programme.study_options.all()
    make_threshold(full, admission_year=2023, scale="competition_points", points=Decimal("48.5"))
    make_threshold(part, admission_year=2023, points=Decimal("3.05"))
    soup = parse(client.get(EN))
    assert soup.select_one(".threshold-history__table")
    assert soup.select_one(".threshold-history svg") is None


def test_english_block_text_is_not_marked_norwegian_when_the_body_falls_back(client, programme):
    section = programme.sections.get(anchor="opptak")
    section.body_en = ""
    section.save()
    soup = parse(client.get(EN))
    body = soup.select_one("#admission .accordion__body")
    assert not body.has_attr("lang")
    assert body.select_one(".accordion__text")["lang"] == "nb"
    assert not body.select_one(".facts-block").find_parent(attrs={"lang": "nb"})


@pytest.mark.parametrize(
    ("url", "facts"),
    [
        (
            NB,
            {
                "Studieform": "Heltid, 2 semestre Deltid, 4 semestre",
                "Studiekode": "215 1210 (heltid) 215 1220 (deltid)",
                "Opptak": "Åpent, søknadsfrist 1. mars 2027",
            },
        ),
        (
            EN,
            {
                "Study mode": "Full-time, 2 semesters Part-time, 4 semesters",
                "Study code": "215 1210 (full-time) 215 1220 (part-time)",
                "Admission": "Open, deadline 1 March 2027",
            },
        ),
    ],
)
def test_key_facts_at_a_glance(client, programme, url, facts):
    soup = parse(client.get(url))
    shown = {
        item.dt.get_text(strip=True): " ".join(item.dd.get_text(" ").split())
        for item in soup.select(".facts .facts__item")
    }
    assert {key: shown.get(key) for key in facts} == facts


@pytest.mark.parametrize(
    ("url", "words"), [(NB, ["1.", "mars", "2027"]), (EN, ["1", "March", "2027"])]
)
def test_a_deadline_is_never_broken_across_two_lines(client, programme, url, words):
    """No-break spaces inside the date, in the key facts and the apply block."""
    soup = parse(client.get(url))
    for place in (".facts", ".facts-block--apply"):
        assert "\N{NO-BREAK SPACE}".join(words) in soup.select_one(place).get_text()


@pytest.mark.parametrize(
    ("url", "overline"),
    [
        ("/studier/studium-a/kull-2023H/", "For studenter som begynte høsten 2023"),
        ("/en/programmes/programme-a/cohort-2023H/", "For students who started in autumn 2023"),
    ],
)
def test_a_cohort_page_says_when_its_students_started(client, programme, url, overline):
    assert parse(client.get(url)).select_one(".programme__header .overline").get_text() == overline


def test_a_spring_cohort_started_in_the_spring(client, programme):
    make_cohort(programme, code="2025V", ends_year=2026, ends_season="autumn")
    page = parse(client.get("/en/programmes/programme-a/cohort-2025V/"))
    assert page.select_one(".overline").get_text() == "For students who started in spring 2025"


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        (
            "/studier/studium-a/kull-2023H/",
            [("Studier", "/studier/"), ("Studium A", "/studier/studium-a/"), ("Kull 2023H", None)],
        ),
        (
            "/en/programmes/programme-a/cohort-2023H/",
            [
                ("Programmes", "/en/programmes/"),
                ("Programme A", "/en/programmes/programme-a/"),
                ("Cohort 2023H", None),
            ],
        ),
    ],
)
def test_a_cohort_pages_breadcrumbs_lead_back_to_its_programme(client, programme, url, trail):
    links = parse(client.get(url)).select(".breadcrumbs a")
    found = [(a.get_text(strip=True), None if a.get("aria-current") else a["href"]) for a in links]
    assert found == trail


def test_a_retired_programmes_cohort_page_names_it_without_a_link_to_its_address(client, programme):
    """Its address leads to its successor: the trail names the cohort with the title."""
    programme.status = Status.DISCONTINUED
    programme.replaced_by = make_programme()
    programme.save()
    links = parse(client.get("/en/programmes/programme-a/cohort-2023H/")).select(".breadcrumbs a")
    assert [a.get_text(strip=True) for a in links] == ["Programmes", "Programme A, cohort 2023H"]


def test_an_untranslated_title_is_marked_norwegian_inside_the_english_heading(client, programme):
    """Only the title is Norwegian: "cohort" and "has been discontinued" are English."""
    programme.title_en = ""
    programme.save()
    page = parse(client.get("/en/programmes/programme-a/cohort-2023H/"))
    assert "has not been translated into English yet" in page.select_one(".notice").get_text()
    assert page.h1.get("lang") is None
    assert str(page.h1.select_one("span[lang=nb]")) == '<span lang="nb">Studium A</span>'
    assert page.h1.get_text() == "Studium A, cohort 2023H"
    programme.status = Status.DISCONTINUED
    programme.save()
    page = parse(client.get("/en/programmes/programme-a/"))
    assert page.h1.get("lang") is None
    assert page.h1.get_text() == "Studium A has been discontinued"
    assert page.h1.select_one("span[lang=nb]").get_text() == "Studium A"


def test_a_week_note_without_english_is_marked_norwegian(client, programme):
    week = programme.cohorts.get().weeks.get(week=37)
    week.note_nb, week.note_en = "Samling på campus Pilestredet", ""
    week.save()
    english = parse(client.get("/en/programmes/programme-a/cohort-2023H/"))
    [note] = english.select(".facts-block--schedule span[lang=nb]")
    assert note.get_text() == "Samling på campus Pilestredet"
    week.note_en = "On campus"
    week.save()
    english = parse(client.get("/en/programmes/programme-a/cohort-2023H/"))
    assert english.select(".facts-block--schedule span[lang]") == []
    assert "On campus" in english.select_one(".facts-block--schedule").get_text()


@pytest.mark.parametrize(
    ("url", "caption"),
    [
        (NB, "Poenggrenser tidligere år (ordinær kvote, hovedopptak; karaktersnitt, 1–5)"),
        (EN, "Thresholds in earlier years (ordinary quota, main round; grade average, 1–5)"),
    ],
)
def test_the_threshold_tables_caption_names_the_scale_mid_sentence(client, programme, url, caption):
    full, _part = programme.study_options.all()
    make_threshold(full, admission_year=2023, points=Decimal("2.70"))
    assert parse(client.get(url)).select_one(".threshold-history caption").get_text() == caption


@pytest.mark.parametrize(
    ("url", "caption"),
    [
        (NB, "Poenggrenser tidligere år (ordinær kvote, hovedopptak; konkurransepoeng)"),
        (EN, "Thresholds in earlier years (ordinary quota, main round; competition points)"),
    ],
)
def test_competition_points_are_named_without_the_range_the_admin_accepts(
    client, programme, url, caption
):
    """The caption read "competition points, 0–90": 90 is what the admin accepts, not what
    anyone can reach."""
    full, part = programme.study_options.all()
    for option in (full, part):
        option.thresholds.all().delete()
    for year, points in ((2023, "51.20"), (2024, "52.10")):
        make_threshold(
            full, admission_year=year, points=Decimal(points), scale="competition_points"
        )
    assert parse(client.get(url)).select_one(".threshold-history caption").get_text() == caption


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("/studier/uten-uker/", "Ukene for dette kullet er ikke satt ennå."),
        ("/en/programmes/without-weeks/", "The weeks of this cohort are not set yet."),
    ],
)
def test_a_cohort_without_weeks_says_so_above_its_calendar(client, url, sentence):
    programme = make_programme(slug_nb="uten-uker", slug_en="without-weeks")
    make_cohort(programme, code="2026H", ends_year=2027)
    block = parse(client.get(url)).select_one(".facts-block--schedule")
    assert sentence in block.get_text()
    assert block.select_one('a[href^="webcal:"]')
