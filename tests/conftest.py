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
