"""The two seed pages (docs/seeds/, the scrape we were given) are published in both languages."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.pages import parse, visible_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "programmes.json"
# The first seed programme is discontinued: its texts live on for enrolled students on the
# page of its last cohort.
SEED_PAGES = {
    "/studier/psykisk-helsearbeid/kull-2023H/": ROOT / "docs/seeds/psykisk-helsearbeid.txt",
    "/studier/psykisk-helse-rus-og-avhengighetsarbeid/": ROOT
    / "docs/seeds/psykisk-helse-rus-og-avhengighetsarbeid.txt",
}
# Lines of the scrape that are not page text, and why.
NOT_PAGE_TEXT = {
    # The alt text of the hero photo; the photo is not in the scrape, and alt text is only
    # published with its image (see test_hero_image_carries_its_description_in_each_language).
    "En dame noterer på et ark mens hun snakker med en trist mann.",
    "Kostnader",  # an accordion heading whose content the scrape lost
    "Emneoversikt:",  # introduces a course table the scrape lost
    "Har du noen spørsmål?",  # the site-wide contact block, not programme content
    "Kontaktskjema",
}
TYPOS = {"psyfkiske": "psykiske"}
# The page writes these facts from records, a little more precisely than the scrape did.
REWRITTEN = {
    "Søknadsfristen er 1. mars.": "Søknadsfristen er 1. mars 2027.",  # the coming round's date
    # The site says "studiet" for a programme everywhere; the scrape's one "programmet" too.
    "For å søke på dette programmet må du ha bachelorgrad eller tilsvarende i barnevern, "
    "ergoterapi, fysioterapi, sosialt arbeid, sykepleie eller vernepleie.": (
        "For å søke på dette studiet må du ha bachelorgrad eller tilsvarende i barnevern, "
        "ergoterapi, fysioterapi, sosialt arbeid, sykepleie eller vernepleie."
    ),
    # The seed's thresholds are from 2024; in 2026 the 2024 round is no longer the last one.
    "Det kan være konkurranse om plassene. Ved forrige opptak var poenggrensene": (
        "Det kan være konkurranse om plassene. Ved opptaket i 2024 var poenggrensene:"
    ),
}

pytestmark = [
    pytest.mark.usefixtures("seeded"),
    pytest.mark.time_machine(date(2026, 11, 23), tick=False),
]


def normalise(text):
    for wrong, right in TYPOS.items():
        text = text.replace(wrong, right)
    text = re.sub(r"(?<=\d)-(?=\d)", "–", text)  # week ranges take an en dash: 39–46
    text = " ".join(text.split())
    return REWRITTEN.get(text, text)


def seed_lines(path):
    lines = {normalise(line.strip().lstrip("•").strip()) for line in path.read_text().splitlines()}
    return sorted(line for line in lines if line and line not in NOT_PAGE_TEXT)


def fixture_texts(language):
    """Every text of the fixture in ``language``, by programme pk, as a reader sees it."""
    texts = {}
    for record in json.loads(FIXTURE.read_text()):
        fields = record["fields"]
        pk = record["pk"] if record["model"] == "programs.programme" else fields["programme"]
        for name in ("title", "lead", "notice", "sections_heading", "heading", "body"):
            value = fields.get(f"{name}_{language}")
            if value:
                text = BeautifulSoup(value, "html.parser").get_text(" ")
                texts.setdefault(pk, []).append(normalise(text))
    return texts


@pytest.mark.parametrize("url", SEED_PAGES)
def test_every_line_of_the_seed_appears_on_the_norwegian_page(client, url):
    page = visible_text(client.get(url))
    missing = [line for line in seed_lines(SEED_PAGES[url]) if line not in page]
    assert missing == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_fixture_text_appears_on_its_page_in_each_language(client, language):
    from programs.models import Programme

    for pk, texts in fixture_texts(language).items():
        programme = Programme.objects.get(pk=pk)
        page = programme.cohorts.first() if programme.status == "discontinued" else programme
        url = page.get_absolute_url(language)
        page = visible_text(client.get(url))
        assert [text for text in texts if text not in page] == [], url


def test_the_duplicated_block_is_published_once_and_the_typo_fixed(client):
    response = client.get("/studier/psykisk-helsearbeid/kull-2023H/")
    assert len(parse(response).select("details")) == 5  # + the schedule, shown open above
    assert visible_text(response).count("Hvem passer studiet for?") == 1
    assert "psyfkiske" not in response.content.decode()


def test_every_fixture_object_passes_full_clean():
    """loaddata skips clean(): this is where the fixtures meet the same gate as the admin.
    The cleaned objects are exactly the records of fixtures/*.json, so none is left out."""
    from django.apps import apps

    models = [
        *apps.get_app_config("programs").get_models(),
        *apps.get_app_config("admissions").get_models(),
    ]
    checked = set()
    for model in models:
        for obj in model.objects.all():
            obj.full_clean()
            checked.add((model._meta.label_lower, obj.pk))
    records = [r for f in sorted(ROOT.glob("fixtures/*.json")) for r in json.loads(f.read_text())]
    assert checked == {(record["model"], record["pk"]) for record in records}


def test_fixture_bodies_are_already_sanitized():
    from programs.models import Section

    sanitize = Section._meta.get_field("body").sanitize
    for section in Section.objects.all():
        for language in ("nb", "en"):
            body = getattr(section, f"body_{language}")
            assert sanitize(body) == body, (section.anchor, language)


def test_every_programme_and_section_is_translated():
    from programs.models import Programme, Section

    for programme in Programme.objects.all():
        assert programme.has_own_text("en") and programme.slug_en, programme
    for section in Section.objects.all():
        assert section.title_en, section
        assert section.body_en or not section.body_nb, section  # some hold only a block


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/studier/psykisk-helsearbeid/", "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"),
        (
            "/en/programmes/mental-health-work/",
            "/en/programmes/mental-health-substance-use-and-addiction-work/",
        ),
    ],
)
def test_the_old_programme_redirects_to_its_successor(client, url, location):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, location)


def test_the_successor_names_the_old_programme_and_links_its_cohort(client):
    response = client.get("/en/programmes/mental-health-substance-use-and-addiction-work/")
    replaces = parse(response).select_one(".replaces")
    assert "This programme replaces Mental Health Work." in replaces.get_text(" ")
    assert replaces.a["href"] == "/en/programmes/mental-health-work/cohort-2023H/"


def test_the_old_programmes_notice_is_kept_on_its_cohort_page(client):
    response = client.get("/en/programmes/mental-health-work/cohort-2023H/")
    notice = parse(response).select_one(".notice--closed")
    assert "no longer admits new students" in notice.get_text()
    assert notice.a["href"] == "/en/programmes/mental-health-substance-use-and-addiction-work/"


@pytest.mark.parametrize(
    ("url", "facts"),
    [
        (
            "/en/programmes/mental-health-substance-use-and-addiction-work/",
            [
                "you must have a bachelor's degree or equivalent in child welfare, nursing, "
                "occupational therapy, physiotherapy, social education or social work.",
                "Applicants are ranked solely on the grade points from their bachelor's degree.",
                "2.78 (full-time)",
                "2.92 (part-time)",
                "You apply through Søknadsweb with study codes 215 1210 (full-time) and "
                "215 1220 (part-time).",
                "The application deadline is 1 March 2027.",
                "2 semesters",
                "4 semesters",
            ],
        ),
        (
            "/en/programmes/mental-health-work/cohort-2023H/",
            [
                "Cohort 2023H",
                "Autumn 2024: weeks 37 and 49. Placement weeks 39–46.",
                "Spring 2025: weeks 4, 10 and 22.",
                "Week 37 (teaching): 9–13 September 2024",
                "Week 22 (teaching): 26–30 May 2025",
            ],
        ),
    ],
)
def test_every_admission_and_schedule_fact_appears_in_english(client, url, facts):
    text = visible_text(client.get(url))
    assert [fact for fact in facts if fact not in text] == []


@pytest.mark.parametrize(
    "old",
    [
        "/en/programmes/mental-health-and-addiction/",
        "/en/programmes/mental-health-and-addiction/grade-points/",
    ],
)
def test_the_successors_earlier_english_address_still_leads_to_it(client, old):
    """Its English title, and with it the slug, was corrected on 2026-12-03."""
    new = old.replace(
        "mental-health-and-addiction", "mental-health-substance-use-and-addiction-work"
    )
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)
