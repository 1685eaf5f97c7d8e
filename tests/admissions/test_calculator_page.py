"""The grade-point calculator page: a GET form that answers in the reader's language."""

import pytest

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


def test_the_english_example_of_a_number_has_a_decimal_point(client, programme):
    response = client.get(EN + query(("ten", "A")))
    assert response.status_code == 400
    errors = parse(response).select_one(".calculator__errors").get_text()
    assert "Enter the credits as a number, for example 7.5." in errors


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (((10, "F"),), "Et emne du ikke har bestått (F), teller ikke: Fjern det."),
        (((-5, "A"),), "Skriv studiepoengene som et tall, for eksempel 7,5."),
        ((("ti", "A"),), "Skriv studiepoengene som et tall, for eksempel 7,5."),
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
    if page.select_one("#error-1"):
        assert page.select_one("#credits-1")["aria-describedby"] == "error-1"


def test_more_rows_than_a_transcript_has_are_refused_as_a_whole(client, programme):
    response = client.get(NB + query(*[(10, "A")] * 100))
    assert response.status_code == 400
    assert "Skriv inn høyst 60 emner." in visible_text(response)


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
