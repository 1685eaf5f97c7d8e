"""The grade-point calculator page: a GET form that answers in the reader's language."""

import pytest

from admissions.forms import UNREADABLE
from tests.builders import (
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
    make_threshold,
)
from tests.pages import parse, switcher_links, visible_text

pytestmark = pytest.mark.django_db
NB = "/studier/studium-a/poengberegning/"
EN = "/en/programmes/programme-a/grade-points/"


@pytest.fixture
def programme():
    programme = make_programme(slug_nb="studium-a", slug_en="programme-a")
    make_requirement(programme, grade_point_rules="grade-average-1-5")
    full, part = make_study_option(programme), make_study_option(programme, mode="part_time")
    make_threshold(full, points="2.78")
    make_threshold(part, points="2.92")
    return programme


def query(*rows):
    return "?" + "&".join(f"credits={c}&grade={g}" for c, g in rows)


def test_the_empty_calculator_shows_rows_to_fill_in_and_no_result(client, programme):
    response = client.get(NB)
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text() == "Kunne du kommet inn?"
    assert len(page.select("input[name=credits]")) == 3
    assert not page.select(".calculator__result")


def test_the_worked_example_gives_four_and_compares_it_in_norwegian(client, programme):
    response = client.get(NB + query((20, "A"), (10, "B"), (15, "B"), (10, "D")))
    assert response.status_code == 200
    text = visible_text(response)
    assert "Poengsummen din: 4,00" in text
    assert (
        "Med 4,00 ville du vært over poenggrensen på heltid (2,78) og "
        "over poenggrensen på deltid (2,92) ved opptaket i 2024." in text
    )
    assert len(parse(response).select("input[name=credits]")) == 4 + 3  # typed, then blank


def test_the_result_is_compared_in_english_with_decimal_commas_read(client, programme):
    response = client.get(EN + query(("7,5", "C"), ("22.5", "C")))
    text = visible_text(response)
    assert "Your grade points: 3.00" in text
    assert "below the full-time threshold (2.78)" not in text
    assert "above the full-time threshold (2.78)" in text
    assert "below the part-time threshold (2.92)" not in text


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        (NB, "Poenggrensene for dette studiet er oppgitt i konkurransepoeng"),
        (EN, "This programme’s thresholds are given in competition points"),
    ],
)
def test_thresholds_on_another_scale_are_not_compared_with_a_grade_average(
    client, programme, url, sentence
):
    """5.00 on the 1–5 scale is not "below 46.24" competition points."""
    for option in programme.study_options.all():
        option.thresholds.update(scale="competition_points", points="46.24")
    text = visible_text(client.get(url + query((60, "A"))))
    assert "46" not in text.split("Calculate")[0]
    assert sentence in text


def test_the_result_is_focused_so_a_screen_reader_reads_it_first(client, programme):
    result = parse(client.get(EN + query((60, "A")))).select_one(".calculator__result")
    assert (result["tabindex"], result.has_attr("autofocus")) == ("-1", True)


def test_a_title_shown_in_norwegian_on_the_english_calculator_is_marked_so(client, programme):
    programme.title_en = ""
    programme.save()
    page = parse(client.get(EN))
    marked = page.select("main p span[lang=nb]")
    assert [span.get_text() for span in marked] == [programme.title_nb] * 2  # lead, link back


def test_the_english_example_of_a_number_has_a_decimal_point(client, programme):
    response = client.get(EN + query(("ten", "A")))
    assert response.status_code == 400
    errors = parse(response).select_one(".calculator__errors").get_text()
    assert "Enter the credits as a number, for example 7.5." in errors


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (((10, "F"),), "Et emne du ikke har bestått (F), teller ikke: Fjern det."),
        (((-5, "A"),), "Studiepoengene må være flere enn 0."),
        ((("ti", "A"),), "Skriv studiepoengene som et tall, for eksempel 7,5."),
        ((("", "B"),), "Skriv inn studiepoengene for emnet."),
        (((10, "X"),), "Velg en karakter."),
        (((10, ""),), "Velg en karakter."),
        ((("", ""),), "Legg til minst ett emne."),
    ],
)
def test_a_transcript_it_cannot_read_is_a_400_with_the_reason_on_the_field(
    client, programme, rows, message
):
    response = client.get(NB + query(*rows))
    assert response.status_code == 400
    page = parse(response)
    assert message in page.select_one(".calculator__errors").get_text()
    assert page.title.get_text().startswith("Feil:")
    for field in page.select("[aria-invalid]"):
        assert page.select_one("#" + field["aria-describedby"]).get_text() == message


def summary(response):
    """``[(link target or None, text)]`` of the error summary."""
    items = parse(response).select(".calculator__errors li")
    return [(li.a and li.a["href"], li.get_text()) for li in items]


def invalid_fields(response):
    return [field["id"] for field in parse(response).select("[aria-invalid=true]")]


def test_every_row_is_checked_in_one_go_and_only_the_wrong_field_is_marked(client, programme):
    response = client.get(EN + query(("abc", "A"), (30, "F"), (10, "B")))
    assert response.status_code == 400
    assert summary(response) == [
        ("#credits-1", "Course 1: Enter the credits as a number, for example 7.5."),
        ("#grade-2", "Course 2: A failed course (F) does not count: remove it."),
    ]
    assert invalid_fields(response) == ["credits-1", "grade-2"]
    page = parse(response)
    assert page.select_one("#credits-1")["aria-describedby"] == "credits-error-1"
    assert page.select_one("#grade-2")["aria-describedby"] == "grade-error-2"
    assert not page.select_one("#grade-1").has_attr("aria-describedby")
    assert page.select_one("#grade-1 option[selected]")["value"] == "A"  # kept, not marked


def test_a_row_wrong_in_both_fields_gets_both_messages(client, programme):
    response = client.get(NB + query(("", "X")))
    assert summary(response) == [
        ("#credits-1", "Emne 1: Skriv inn studiepoengene for emnet."),
        ("#grade-1", "Emne 1: Velg en karakter."),
    ]
    assert invalid_fields(response) == ["credits-1", "grade-1"]


@pytest.mark.parametrize(
    ("credits", "en", "nb"),
    [
        ("-5", "Credits must be more than 0.", "Studiepoengene må være flere enn 0."),
        ("0", "Credits must be more than 0.", "Studiepoengene må være flere enn 0."),
        (
            "0.0001",
            "Credits can have at most two decimals, for example 7.5 or 2.25.",
            "Studiepoengene kan ha høyst to desimaler, for eksempel 7,5 eller 2,25.",
        ),
        (
            "121",
            "One course can have at most 120 credits.",
            "Et emne kan ha høyst 120 studiepoeng.",
        ),
    ],
)
def test_credits_out_of_range_say_which_range_in_the_readers_language(
    client, programme, credits, en, nb
):
    # The nb wording of the last two needs their catalogue entries.
    for url, message in ((EN, en), (NB, nb)):
        response = client.get(url + query((credits, "A")))
        assert response.status_code == 400
        assert summary(response)[0][1].endswith(": " + message)
        assert invalid_fields(response) == ["credits-1"]


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        (
            EN,
            "All your courses are graded pass/fail, so there is no letter grade to average. "
            "When every course is pass/fail, your grade points are set to 3.00.",
        ),
        (
            NB,
            "Alle emnene dine er vurdert til bestått/ikke bestått, så det er ingen "
            "bokstavkarakterer å regne snitt av. Når alle emnene er vurdert slik, settes "
            "poengsummen din til 3,00.",
        ),
    ],
)
def test_an_all_pass_fail_result_says_why_it_is_three(client, programme, url, sentence):
    text = visible_text(client.get(url + query((30, "pass"))))
    assert sentence in text


def test_a_graded_result_does_not_explain_the_all_pass_rule(client, programme):
    text = visible_text(client.get(EN + query((30, "pass"), (10, "B"))))
    assert "Your grade points: 4.00" in text
    assert "All your courses are graded pass/fail" not in text


def test_the_hint_says_pass_fail_courses_are_left_out_of_the_average(client, programme):
    assert (
        "Velg «Bestått» for emner som er vurdert til bestått/ikke bestått: "
        "De holdes utenfor snittet." in visible_text(client.get(NB))
    )


def add_rows_button(response):
    return parse(response).select_one("button[name=rows]")


def test_the_add_rows_button_comes_after_calculate_so_enter_calculates(client, programme):
    page = parse(client.get(EN))
    buttons = page.select("form.calculator button")
    assert [b.get("name") for b in buttons] == [None, "rows"]
    assert buttons[1]["value"] == "13"
    assert buttons[1].get_text() == "Add 10 rows"
    assert buttons[1]["formaction"] == EN + "#credits-4"  # the first row it adds


def test_adding_rows_keeps_the_courses_typed_and_calculates_nothing_yet(client, programme):
    response = client.get(EN + query(("abc", "A"), ("", ""), (30, "B"), ("", "")) + "&rows=13")
    assert response.status_code == 200
    page = parse(response)
    assert [i["value"] for i in page.select("input[name=credits]")] == ["abc", "30"] + [""] * 11
    assert not page.select(".calculator__errors, .calculator__result, [aria-invalid]")
    assert add_rows_button(response)["value"] == "23"
    assert add_rows_button(response)["formaction"].endswith("#credits-14")


def test_rows_alone_shows_that_many_empty_rows(client, programme):
    response = client.get(NB + "?rows=20")
    assert response.status_code == 200
    assert len(parse(response).select("input[name=credits]")) == 20
    assert add_rows_button(response).get_text() == "Legg til 10 rader"  # needs its entry


@pytest.mark.parametrize(
    ("rows", "label", "value"), [(55, "Add 5 rows", "60"), (59, "Add 1 row", "60")]
)
def test_the_last_rows_added_stop_at_the_limit(client, programme, rows, label, value):
    button = add_rows_button(client.get(f"{EN}?rows={rows}"))
    assert (button.get_text(), button["value"]) == (label, value)


def test_a_full_table_has_no_add_rows_button(client, programme):
    response = client.get(EN + "?rows=60")
    assert len(parse(response).select("input[name=credits]")) == 60
    assert add_rows_button(response) is None


def test_a_long_transcript_never_shows_more_rows_than_it_may_send(client, programme):
    response = client.get(EN + query(*[(10, "A")] * 59))
    assert "Your grade points: 5.00" in visible_text(response)
    credits = parse(response).select("input[name=credits]")
    assert len(credits) == 60
    resent = query(*[(c["value"], "A" if c["value"] else "") for c in credits])
    assert client.get(EN + resent).status_code == 200  # the blank 60th row is no course


@pytest.mark.parametrize(
    "rows", ["abc", "0", "61", "-1", "1e1", "", " 5", "9" * 30, "%00", "%D9%A1%D9%A2", "5.0"]
)
def test_a_rows_it_cannot_use_is_a_400_that_says_so(client, programme, rows):
    response = client.get(EN + query((10, "A")) + "&rows=" + rows)
    assert response.status_code == 400
    assert summary(response) == [(None, "The number of rows must be a whole number from 1 to 60.")]
    assert len(parse(response).select("input[name=credits]")) == 1 + 3


def test_the_rows_message_is_in_norwegian(client, programme):
    response = client.get(NB + "?rows=100")
    assert response.status_code == 400
    assert summary(response) == [(None, "Antall rader må være et helt tall fra 1 til 60.")]


def test_rows_given_twice_is_a_400(client, programme):
    response = client.get(NB + "?rows=13&rows=23")
    assert response.status_code == 400
    assert summary(response) == [(None, "«rows» står mer enn én gang i adressen.")]


def test_the_other_language_keeps_the_rows_asked_for(client, programme):
    assert switcher_links(client.get(EN + "?rows=13")) == {"nb": NB + "?rows=13"}


def test_more_rows_than_a_transcript_has_are_refused_and_the_first_ones_kept(client, programme):
    """Nothing is calculated; the first 60 courses are shown as typed (they were all
    dropped), and the table is full, so there is no button to add more."""
    response = client.get(NB + query(*[(n % 30 + 1, "A") for n in range(100)]))
    assert response.status_code == 400
    assert "Skriv inn høyst 60 emner." in visible_text(response)
    credits = [c["value"] for c in parse(response).select("input[name=credits]")]
    assert credits == [str(n % 30 + 1) for n in range(60)]
    assert add_rows_button(response) is None


def test_a_thousand_rows_are_a_400_not_a_500(client, programme):
    # 2,000 parameters: over Django's DATA_UPLOAD_MAX_NUMBER_FIELDS, so the 400 page
    response = client.get(NB + query(*[(10, "A")] * 1000))
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in visible_text(response)


def test_all_pass_fail_courses_count_as_three(client, programme):
    response = client.get(NB + query((30, "pass"), (30, "pass")))
    assert "Poengsummen din: 3,00" in visible_text(response)


def test_a_programme_without_a_rule_set_has_no_calculator(client):
    make_requirement(make_programme(slug_nb="uten"))
    assert client.get("/studier/uten/poengberegning/").status_code == 404


def test_a_retired_programmes_calculator_leads_to_its_successors_with_the_courses(
    client, programme
):
    old = make_programme(slug_nb="gammelt", status="discontinued", replaced_by=programme)
    make_requirement(old, grade_point_rules="grade-average-1-5")
    response = client.get("/studier/gammelt/poengberegning/" + query(("7,5", "B")))
    assert (response.status_code, response["Location"]) == (301, NB + query(("7%2C5", "B")))
    gone = make_programme(slug_nb="borte", status="discontinued")
    make_requirement(gone, grade_point_rules="grade-average-1-5")
    assert client.get("/studier/borte/poengberegning/").status_code == 404
    without = make_programme(slug_nb="uten")  # a successor without a calculator
    make_requirement(without)
    make_programme(slug_nb="til-uten", status="discontinued", replaced_by=without)
    assert client.get("/studier/til-uten/poengberegning/").status_code == 404


def test_the_other_languages_slug_is_redirected_to_the_calculator(client, programme):
    response = client.get("/en/programmes/studium-a/grade-points/")
    assert (response.status_code, response["Location"]) == (301, EN)


def test_the_redirect_keeps_the_courses_typed(client, programme):
    response = client.get("/en/programmes/studium-a/grade-points/" + query(("7.5", "B")))
    assert (response.status_code, response["Location"]) == (301, EN + query(("7.5", "B")))


def test_a_query_string_cannot_put_a_new_line_into_the_redirect(client, programme):
    response = client.get("/en/programmes/studium-a/grade-points/?credits=1%0d%0aSet-Cookie:x")
    assert response.status_code == 301
    assert response["Location"] == EN + "?credits=1%0D%0ASet-Cookie%3Ax"
    assert "x" not in response.cookies


def test_a_long_query_string_is_left_out_of_the_redirect(client, programme):
    response = client.get("/en/programmes/studium-a/grade-points/?credits=" + "%ff" * 1000)
    assert (response.status_code, response["Location"]) == (301, EN)


def test_the_other_language_keeps_the_courses_typed(client, programme):
    assert switcher_links(client.get(EN + query(("7.5", "B")))) == {"nb": NB + query(("7.5", "B"))}
    assert switcher_links(client.get(EN)) == {"nb": NB}


def test_the_programme_page_links_the_calculator(client, programme):
    links = [a["href"] for a in parse(client.get("/studier/studium-a/")).select("a")]
    assert NB in links


def calculator_links(response, url):
    return [a for a in parse(response).select("a[href]") if a["href"] == url]


@pytest.mark.parametrize(
    ("page", "url"), [("/studier/studium-a/", NB), ("/en/programmes/programme-a/", EN)]
)
def test_the_admission_block_links_the_calculator(client, programme, page, url):
    make_section(programme, embed="admission")
    assert len(calculator_links(client.get(page), url)) == 1


@pytest.mark.parametrize(
    ("page", "url"), [("/studier/studium-a/", NB), ("/en/programmes/programme-a/", EN)]
)
def test_a_section_that_links_the_calculator_itself_is_not_given_a_second_link(
    client, programme, page, url
):
    # as the seed's "Hvordan regnes poengsummen din ut?" under the admission facts
    make_section(
        programme,
        embed="admission",
        body_nb=f'<p><a href="{NB}">Hvordan regnes poengsummen din ut?</a></p>',
        body_en=f'<p><a href="{EN}">How are your grade points calculated?</a></p>',
    )
    links = calculator_links(client.get(page), url)
    assert [a.get_text() for a in links] == [
        "Hvordan regnes poengsummen din ut?"
        if url == NB
        else "How are your grade points calculated?"
    ]


@pytest.mark.parametrize("typed", ["7%00x", "7%E2%80%AE5", "%01"])
def test_credits_shown_again_hold_no_character_that_breaks_the_page(client, programme, typed):
    """The credits field showed a NUL back in its value: invalid HTML."""
    response = client.get(f"{NB}?credits={typed}&grade=A")
    assert response.status_code == 400
    assert not UNREADABLE.search(response.content.decode())
    assert parse(response).select_one("#credits-1")["aria-invalid"] == "true"
