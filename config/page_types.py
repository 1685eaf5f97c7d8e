"""One URL of every page type in each language: the list that the site sweep
(tests/test_site.py), the Nu HTML check (tests/test_seo.py), axe (tests/browser/) and
``make bench`` all walk, so a new page type is added once and checked everywhere.

The URLs exist on the seed content (``manage.py seed``) plus ``add_page_type_examples()``.
It lives outside tests/ because the bench command imports it too.
"""

from typing import NamedTuple

from admissions.examples import add_plan_page_example
from config.page_cache import bump_content_version
from programs.choices import Level, Status
from programs.models import Programme


class PageType(NamedTuple):
    name: str
    nb: str
    en: str
    status: int
    # False for responses a browser does not show as a page (the iCalendar feed, a redirect):
    # ``make bench`` times them; the sweeps over HTML pages leave them out.
    is_page: bool = True


PAGE_TYPES = [
    PageType("programme list", "/studier/", "/en/programmes/", 200),
    PageType(
        "list filtered by bachelor",
        "/studier/?bachelor=sykepleie",
        "/en/programmes/?bachelor=sykepleie",
        200,
    ),
    PageType(
        "list with a bad filter (400)",
        "/studier/?bachelor=finnes-ikke",
        "/en/programmes/?bachelor=nope",
        400,
    ),
    PageType(
        "list search",
        "/studier/?q=psykisk+helse&level=further_education",
        "/en/programmes/?q=mental+health&level=further_education",
        200,
    ),
    PageType("list search without results", "/studier/?q=romfart", "/en/programmes/?q=space", 200),
    PageType(
        "list search naming a discontinued programme",  # with its successor; one without
        "/studier/?q=psykisk+helsearbeid",
        "/en/programmes/?q=discontinued",
        200,
    ),
    PageType(
        "list with a bad page number (400)", "/studier/?page=0", "/en/programmes/?page=abc", 400
    ),
    PageType(
        "programme",
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/",
        "/en/programmes/mental-health-substance-use-and-addiction-work/",
        200,
    ),
    PageType(
        "grade-point calculator",
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/poengberegning/",
        "/en/programmes/mental-health-substance-use-and-addiction-work/grade-points/",
        200,
    ),
    PageType(
        "grade-point calculator with a result",
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/poengberegning/"
        "?credits=20&grade=A&credits=7%2C5&grade=C&credits=10&grade=pass",
        "/en/programmes/mental-health-substance-use-and-addiction-work/grade-points/"
        "?credits=20&grade=A&credits=7.5&grade=C&credits=10&grade=pass",
        200,
    ),
    PageType(
        "grade-point calculator with errors (400)",
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/poengberegning/"
        "?credits=ti&grade=A&credits=10&grade=F",
        "/en/programmes/mental-health-substance-use-and-addiction-work/grade-points/"
        "?credits=ten&grade=A&credits=10&grade=F",
        400,
    ),
    PageType(
        "cohort schedule",
        "/studier/psykisk-helsearbeid/kull-2023H/",
        "/en/programmes/mental-health-work/cohort-2023H/",
        200,
    ),
    PageType(
        "cohort calendar feed",
        "/studier/psykisk-helsearbeid/kull-2023H.ics",
        "/en/programmes/mental-health-work/cohort-2023H.ics",
        200,
        is_page=False,
    ),
    PageType(
        "programme plan",
        "/studier/med-programplan/programplan/2023H/heltid/",
        "/en/programmes/with-programme-plan/programme-plan/2023H/full-time/",
        200,
    ),
    PageType(
        "retired, with successor (301)",
        "/studier/psykisk-helsearbeid/",
        "/en/programmes/mental-health-work/",
        301,
        is_page=False,
    ),
    PageType("retired, no successor (410)", "/studier/nedlagt/", "/en/programmes/gone/", 410),
    PageType("unknown programme (404)", "/studier/finnes-ikke/", "/en/programmes/no-such/", 404),
    PageType("unknown address (404)", "/finnes-ikke/", "/en/no-such-page/", 404),
]


def by_language(page_types=PAGE_TYPES, pages_only=True):
    """``(url, language, status)`` of each page type in nb, then en."""
    return [
        (url, language, page_type.status)
        for page_type in page_types
        if page_type.is_page or not pages_only
        for language, url in (("nb", page_type.nb), ("en", page_type.en))
    ]


def add_page_type_examples():
    """What the seed lacks for a page of every type: a retired programme without successor
    (the 410 page), and a contact link on the open programme (the scrape lost the seed's own).
    Saved through ``full_clean()`` like every other entry point."""
    gone = Programme(
        title_nb="Nedlagt studium",
        title_en="Discontinued programme",
        slug_nb="nedlagt",
        slug_en="gone",
        lead_nb="Studiet tar ikke opp nye studenter.",
        lead_en="The programme no longer admits students.",
        level=Level.FURTHER_EDUCATION,
        ects_credits=60,
        status=Status.DISCONTINUED,
        is_published=True,
    )
    gone.full_clean()
    gone.save()
    add_plan_page_example()  # admissions/examples.py: the seed has no programme plan
    Programme.objects.filter(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid").update(
        contact_url="https://example.org/kontakt"
    )
    bump_content_version()  # update() sends no signal
