"""``make bench``: time, size and query count of every page type, rerunnable anywhere.

Renders through Django's test client against the current database (the seed content after
``make run``), so the numbers measure our code, not a network. Not a test: nothing asserts a
duration. Compare runs on the same machine.
"""

import gzip
import logging
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGES = [
    "/studier/",
    "/en/programmes/",
    "/en/programmes/?bachelor=sykepleie",
    "/studier/psykisk-helse-rus-og-avhengighetsarbeid/",
    "/en/programmes/mental-health-and-addiction/",
    "/studier/psykisk-helsearbeid/kull-2023H/",
    "/en/programmes/mental-health-work/cohort-2023H.ics",
    "/studier/psykisk-helsearbeid/",
    "/studier/finnes-ikke/",
]


class Command(BaseCommand):
    help = "Measure median render time, bytes and queries of each page type."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, runs, **options):
        logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404 row is expected
        client = Client(HTTP_HOST="127.0.0.1")
        self.stdout.write(
            f"{'page':55} {'status':>6} {'median ms':>9} {'bytes':>7} {'gzip':>6} {'queries':>7}"
        )
        for url in PAGES:
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
