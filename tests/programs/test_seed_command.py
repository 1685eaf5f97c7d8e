import pytest
from django.core.management import call_command

from programs.models import Programme

pytestmark = pytest.mark.django_db


def test_seed_loads_the_seed_programmes_into_an_empty_database():
    call_command("seed", verbosity=0)
    assert set(Programme.objects.values_list("slug_nb", flat=True)) == {
        "psykisk-helsearbeid",
        "psykisk-helse-rus-og-avhengighetsarbeid",
    }


def test_seed_leaves_an_editors_changes_alone():
    call_command("seed", verbosity=0)
    Programme.objects.filter(slug_nb="psykisk-helsearbeid").update(title_nb="Endret av redaktør")
    call_command("seed", verbosity=0)
    assert Programme.objects.get(slug_nb="psykisk-helsearbeid").title_nb == "Endret av redaktør"
