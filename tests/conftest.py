import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def _norwegian_by_default():
    """Each test starts in nb, as a request to an unprefixed URL does; none leaks a language."""
    with translation.override("nb"):
        yield


@pytest.fixture
def seeded(db):
    """The two seed programmes from fixtures/programmes.json."""
    call_command("seed", verbosity=0)


@pytest.fixture
def gunicorn():
    """Start gunicorn with our config in the production environment plus ``env``; yields the
    base URL of each server started; stops them afterwards (tests/test_deploy.py)."""
    from tests.test_deploy import start_gunicorn

    processes = []

    def start(**env):
        process, url = start_gunicorn(**env)
        processes.append(process)
        return url

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
