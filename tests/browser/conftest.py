"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on our machines, so the launch points at
/usr/bin/chromium (``apt-get install chromium``; ``make test`` installs it when missing).
A missing browser fails these tests; they are never skipped.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

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


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server with the seed content and ``add_page_type_examples()``.

    Static files are served unhashed: the live server's static handler reads the source
    folders, where the manifest's fingerprinted names do not exist.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("seed", verbosity=0)
    add_page_type_examples()
    return live_server.url


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
