"""``manage.py bench`` (make bench's per-page report): it renders every page type, even with
the page cache on, and leaves the database as it found it. Nothing here times anything."""

from io import StringIO

from django.core.management import call_command

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
