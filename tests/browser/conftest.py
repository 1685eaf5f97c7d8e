"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on our machines, so the launch points at
/usr/bin/chromium (``apt-get install chromium``; ``make test`` installs it when missing).
A missing browser fails these tests; they are never skipped.
"""

import os
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from config.page_types import add_page_type_examples

# Playwright's sync API runs an event loop in this thread; our ORM calls (the seed) are plain
# synchronous code, so Django's async-safety check would otherwise refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Screenshots go to an ignored folder on every run; `make screenshots` points SCREENSHOT_DIR
# at docs/screenshots/ to refresh the README's copies. A relative path is from the repository.
SCREENSHOTS = Path(__file__).resolve().parents[2] / os.environ.get(
    "SCREENSHOT_DIR", "tests/browser/screenshots"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class OneRequestAtATime(ThreadedWSGIServer):
    """Django's threaded live server, letting the site answer one request at a time.

    On SQLite the test database is in memory, and every request thread shares the test's own
    connection object. A page's parallel requests (its fetches, each saving the staff session
    in a transaction) then interleaved their transaction state on it. Once, in CI, that left
    the connection out of autocommit for every later test ("on_commit() cannot be used in
    manual transaction management"). Threads still accept connections, so a connection
    Chromium opens ahead and never uses blocks nothing; only the call into the site waits.
    """

    busy = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.busy:  # the whole response, its close() (request_finished) included
                response = application(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneRequestAtATime)
        yield


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server with the seed content and ``add_page_type_examples()``.

    Static files are served unhashed: the live server's static handler reads the source
    folders, where the manifest's fingerprinted names do not exist. Afterwards, before the
    database is emptied for the next test, waits for a request still running (a page closed
    while its fetches were under way).
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert isinstance(live_server.thread.httpd, OneRequestAtATime)
    call_command("seed", verbosity=0)
    add_page_type_examples()
    yield live_server.url
    with OneRequestAtATime.busy:
        pass


@pytest.fixture
def open_page(browser, site):
    """Open ``path`` at ``viewport`` in a fresh page, which must answer ``status`` (after any
    redirect); closes it afterwards."""
    pages = []

    def opener(path, viewport=DESKTOP, status=200, **context_options):
        context = browser.new_context(viewport=viewport, **context_options)
        page = context.new_page()
        pages.append(context)
        assert page.goto(site + path).status == status, path
        return page

    yield opener
    for context in pages:
        context.close()


def assert_accessible_and_fits(page, width):
    """No axe violation on ``page``, and nothing wider than its ``width``: no sideways
    scrolling on a phone."""
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
