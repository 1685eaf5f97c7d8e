"""``manage.py bench`` (make bench's per-page report): it renders every page type, even with
the page cache on, and leaves the database as it found it. Nothing here times anything."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.page_types import by_language
from programs.models import Programme


def test_the_report_renders_each_page_type_and_leaves_the_database_alone(seeded, settings):
    settings.PAGE_CACHE = True  # as in production: the report must not measure cache hits
    programmes = Programme.objects.count()
    output = StringIO()
    call_command("bench", runs=2, stdout=output, stderr=StringIO())
    rows = {line.split()[0]: line.split() for line in output.getvalue().splitlines()[1:]}
    assert set(rows) == {url for url, _language, _status in by_language(pages_only=False)}
    programme_pages = [row for url, row in rows.items() if row[1] == "200" and "/studier/" in url]
    assert programme_pages and all(int(row[-1]) > 0 for row in programme_pages)  # queries ran
    assert Programme.objects.count() == programmes  # the 410 example was rolled back


def test_the_render_only_case_serves_the_same_page_without_asking_the_database(
    seeded, client, monkeypatch, settings, django_assert_num_queries
):
    """``make bench``'s case (g) (bench/render_only.py) must measure the page that case (d)
    serves, byte for byte, with no query once the programme is loaded: else its figure would
    not be what rendering alone allows."""
    from programs.querysets import ProgrammeQuerySet

    # Importing the module replaces page_at() for the process: put the real one back after.
    monkeypatch.setattr(ProgrammeQuerySet, "page_at", ProgrammeQuerySet.page_at)
    from bench.render_only import remember_pages

    settings.PAGE_CACHE = False
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    urls = [programme.get_absolute_url(language) for language in ("nb", "en")]
    rendered = {url: client.get(url).content for url in urls}
    found = remember_pages()
    for url in urls:
        client.get(url)  # loads the programme, once per language
    with django_assert_num_queries(0):
        for url in urls:
            assert client.get(url).content == rendered[url]
    assert [programme.pk] * 2 == [found_programme.pk for found_programme in found.values()]


def test_the_render_only_case_leaves_the_site_as_it_was(seeded, client):
    """After the test above, page_at() asks the database again (a stale page would follow)."""
    with CaptureQueriesContext(connection) as queries:
        client.get("/studier/psykisk-helse-rus-og-avhengighetsarbeid/")
    assert queries
