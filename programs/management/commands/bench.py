"""``make bench``: time, size and query count of every page type, rerunnable anywhere.

Renders through Django's test client against the current database (the seed content after
``make run``), so the numbers measure our code, not a network. The page cache is off here:
each request renders its page (a hit is loadbench's case c). The page types are those of
config/page_types.py, in both languages; what the seed lacks for them (the 410 page) is added
in a transaction that is rolled back, so the database is left as it was. Not a test: nothing
asserts a duration. Compare runs on the same machine.
"""

import gzip
import logging
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from config.page_types import add_page_type_examples, by_language


class Command(BaseCommand):
    help = "Measure median render time, bytes and queries of each page type."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, runs, **options):
        logging.getLogger("django.request").setLevel(logging.ERROR)  # the 4xx rows are expected
        with transaction.atomic(), override_settings(PAGE_CACHE=False):
            add_page_type_examples()
            self.measure(runs)
            transaction.set_rollback(True)

    def measure(self, runs):
        client = Client(HTTP_HOST="127.0.0.1")
        self.stdout.write(
            f"{'page':55} {'status':>6} {'median ms':>9} {'bytes':>7} {'gzip':>6} {'queries':>7}"
        )
        for url, _language, expected in by_language(pages_only=False):
            client.get(url)  # warm up caches and imports
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            body = response.content
            self.stdout.write(
                f"{url:55} {response.status_code:>6} {statistics.median(timings):>9.2f} "
                f"{len(body):>7} {len(gzip.compress(body)):>6} {len(queries):>7}"
            )
            if response.status_code != expected:
                self.stderr.write(f"{url} answered {response.status_code}, not {expected}")
