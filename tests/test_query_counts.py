"""Every page runs as many queries on a university-sized catalogue as on the seed (issue 11).

The first test holds every page type to its count on the seed and then on the seed plus
``manage.py demo_catalogue --programmes 400`` (about 2,900 sections, 4,000 thresholds, 2,900
schedule weeks: the catalogue ``make bench`` measures; ~15 s on SQLite). The others load 30 or
60 programmes, enough for their pages and chains.
"""

import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from admissions.models import ProgrammePlan
from config.page_types import PAGE_TYPES
from programs.choices import Status
from programs.models import Programme

pytestmark = pytest.mark.django_db

# Page type (config/page_types.py), or an extra URL below → queries, in either language. A page
# type missing here is still held to the same count on both catalogues.
EXPECTED = {
    # The list: the filter's fields of study (codes and names: a chosen one is checked
    # against them), one page of programmes (their count rides along).
    "programme list": 2,
    "list filtered by bachelor": 2,
    "list with a bad filter (400)": 1,  # nothing to list: only the fields to choose from
    "list with an empty filter": 2,
    "list search": 2,  # full text (PostgreSQL) or a plain match, study codes as a subquery
    # A search that finds nothing looks for discontinued programmes with its words (1 more),
    # and counts what the other language's list finds (1 more).
    "list search without results": 4,
    "list search naming a discontinued programme": 4,
    "list searched by study code": 2,
    "list with every filter": 2,
    "list page 1": 2,
    "list with a bad page number (400)": 1,  # nothing to list: only the fields to choose from
    # ProgrammeQuerySet.for_detail_page(): 4, + 1 per nested prefetch with parent rows; the
    # seed's open programme has no cohorts, so no weeks query, and no published programme
    # plan, so its options' plans are read (1) but no plan courses. Its page reads the
    # programmes it replaces, however far back (1), and their cohorts (1).
    "programme": 9,
    "grade-point calculator": 7,  # the programme as for its page, without what it replaces
    "grade-point calculator with a result": 7,  # the same: thresholds come prefetched
    "grade-point calculator with errors (400)": 7,
    "cohort schedule": 5,  # a retired programme with a cohort and nothing else: 4 + weeks
    "cohort calendar feed": 5,
    "programme plan": 8,  # 4 + thresholds, plans, plan courses, weeks of the plan's cohort
    "retired, with successor (301)": 5,  # the retired programme as for its page; A→C: no walk
    "retired, no successor (410)": 5,  # 4 + the open alternatives
    "unknown programme (404)": 2,  # a live slug, an old slug
    "unknown address (404)": 0,
    "sitemap": 2,  # the listed programmes, with the columns it shows; their current plans
}
EXTRA = [
    ("list with an empty filter", "/studier/?bachelor=", "/en/programmes/?bachelor="),
    ("list searched by study code", "/studier/?q=2151210", "/en/programmes/?q=215+1220"),
    (
        "list with every filter",
        "/studier/?q=helse&level=further_education&mode=part_time&open=1&bachelor=sykepleie",
        "/en/programmes/?bachelor=sykepleie&open=1&mode=full_time&level=further_education&q=m",
    ),
    ("list page 1", "/studier/?page=1", "/en/programmes/?page=1&q="),
    ("sitemap", "/sitemap.xml", "/sitemap.xml"),
]
URLS = [(p.name, p.nb, p.en) for p in PAGE_TYPES] + EXTRA


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """These tests pin what the views cost; the page cache (tested in test_page_cache.py)
    would answer a repeated URL with none."""
    settings.PAGE_CACHE = False


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def counts(client):
    return {(name, url): count_queries(client, url) for name, *urls in URLS for url in urls}


def test_every_page_runs_as_many_queries_on_a_large_catalogue_as_on_the_seed(
    client, every_page_type
):
    seed = counts(client)
    pinned = {(name, url): queries for (name, url), queries in seed.items() if name in EXPECTED}
    assert {name for name, _url in pinned} == set(EXPECTED)
    assert pinned == {(name, url): EXPECTED[name] for (name, url) in pinned}
    call_command("demo_catalogue", programmes=400, verbosity=0)
    assert counts(client) == seed


@pytest.mark.parametrize("url", ["/studier/?page={}", "/en/programmes/?q=a&mode=full_time&page={}"])
def test_every_page_of_a_large_list_costs_the_same(client, every_page_type, url):
    """Page 1, a middle page and the last page of the demo catalogue: 2 queries each, as on
    the seed; a page past the last adds the count that names the last page (a 400)."""
    call_command("demo_catalogue", programmes=60, verbosity=0)
    last = -(-Programme.objects.listed().count() // 20)
    assert last >= 3
    for number in (1, 2, last):
        assert count_queries(client, url.format(number)) == 2, number
    assert count_queries(client, url.format(last + 1)) == 3


def detail_page_queries(programme):
    """What ``for_detail_page()`` costs for ``programme``: 4 queries, + 1 per nested prefetch
    that has parent rows (thresholds, programme plans, plan courses, accepted fields, weeks)."""
    return 4 + sum(
        [
            programme.study_options.exists(),
            programme.study_options.exists(),
            ProgrammePlan.objects.published().filter(study_option__programme=programme).exists(),
            hasattr(programme, "admission_requirement"),
            programme.cohorts.exists(),
        ]
    )


def leads_to(earlier, programme):
    """Whether ``earlier``'s chain of successors reaches ``programme``."""
    current, seen = earlier.replaced_by, set()
    while current is not None and current.pk not in seen:
        if current == programme:
            return True
        seen.add(current.pk)
        current = current.replaced_by
    return False


def page_extra(programme, kind):
    """What a programme's own address costs beyond ``detail_page_queries``: for a 200, the
    programmes it replaces however far back (1) and their cohorts when one is public (1);
    for a 301, 1 when its successor retired too, however long the chain; for a 410, the open
    alternatives (1)."""
    if kind == "410":
        return 1
    if kind == "301":
        return int(programme.replaced_by.status == Status.DISCONTINUED)
    earlier = [p for p in Programme.objects.published() if leads_to(p, programme)]
    return 1 + bool(earlier)


def test_demo_pages_cost_what_their_kind_of_content_costs_whatever_its_size(client):
    """Each programme page (200, 301 or 410), cohort page and feed of the catalogue costs
    the same as the seed's page of that kind with the same kinds of rows, however many."""
    call_command("demo_catalogue", programmes=30, verbosity=0)  # a 3-step chain, 410s, cohorts
    demo = Programme.objects.published().filter(slug_nb__startswith="demo-")
    checked = Counter()
    for programme in demo.select_related("replaced_by"):
        destination = programme.destination()
        kind = {None: "410", programme: "200"}.get(destination, "301")
        urls = [programme.get_absolute_url(language) for language in ("nb", "en")]
        for cohort in programme.cohorts.all():
            urls += [cohort.get_absolute_url("nb"), cohort.get_calendar_url("en")]
        for url in urls:
            extra = page_extra(programme, kind) if url in urls[:2] else 0
            assert count_queries(client, url) == detail_page_queries(programme) + extra, url
        checked[kind] += 1
        checked["chain"] += kind == "301" and page_extra(programme, kind)
    assert checked["200"] and checked["301"] and checked["410"] and checked["chain"]


PREFETCHED = re.compile(r'FROM "(programs_section|admissions_\w+)"')


@pytest.mark.parametrize(
    "url",
    [
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/",
        "/en/programmes/mental-health-work/cohort-2023H/",
    ],
)
def test_prefetches_do_not_join_the_programme_table(client, every_page_type, url):
    """Child models order by their own columns: ordering by "programme" would join
    programs_programme into every prefetch to sort by its title."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    prefetches = [q["sql"] for q in queries if PREFETCHED.search(q["sql"])]
    assert len(prefetches) >= 4  # sections, options, cohorts (and weeks or thresholds)
    assert not [sql for sql in prefetches if '"programs_programme"' in sql]
