import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests.production import start_gunicorn
from tests.services import PostgresServer, RedisServer


def pytest_configure(config):
    """In-process tests keep the cache in this process's memory: emptied before each test in
    no time, and never shared with a server this machine runs on the same database. The
    site's default, files that every process shares (config/cache.py), is what the tests
    that start gunicorn run."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL for the session (tests/services.py): ``.url``, ``.port``."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    """A throwaway Redis for the session (tests/services.py): ``.url``, ``.port``."""
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """``DATABASE_URL`` picks the engine; a PostgreSQL suite runs on the throwaway server.

    Only the engine, database name and options of ``DATABASE_URL`` count: host, port and user
    are replaced before the first connection, so no server the machine runs is ever used.
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        server = request.getfixturevalue("postgres_server")
        database.update(HOST="127.0.0.1", PORT=server.port, USER="postgres", PASSWORD="")


@pytest.fixture(autouse=True)
def _norwegian_by_default():
    """Each test starts in nb, as a request to an unprefixed URL does; none leaks a language."""
    with translation.override("nb"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: LocMem outlives a test's rolled-back rows, so a
    page cached by one test would otherwise be served to the next (config/page_cache.py)."""
    cache.clear()
    yield


@pytest.fixture
def seeded(db):
    """The two seed programmes from fixtures/programmes.json."""
    call_command("seed", verbosity=0)


@pytest.fixture
def every_page_type(seeded):
    """The seed plus what it lacks for a page of every type in config/page_types.py."""
    from config.page_types import add_page_type_examples

    add_page_type_examples()


@pytest.fixture
def gunicorn():
    """Start gunicorn with our config in the production environment plus ``env``; yields the
    base URL of each server started; stops them afterwards (tests/production.py)."""
    processes = []

    def start(**env):
        process, url = start_gunicorn(**env)
        processes.append(process)
        return url

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
