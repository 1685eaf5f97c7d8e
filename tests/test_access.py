"""Who may see what: 403 pages, CSRF failures, the admin's "view on site", login redirects."""

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from programs.models import Programme
from tests.builders import make_programme
from tests.pages import parse
from tests.test_seo import nu_checker_errors

pytestmark = pytest.mark.django_db


def staff(*permissions):
    user = User.objects.create_user("staff", "s@example.org", "a-long-test-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    return user


def view_on_site_url(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def test_view_on_site_takes_a_user_who_may_view_programmes_to_the_page(client):
    programme = make_programme(slug_nb="utkast", is_published=False)
    client.force_login(staff("view_programme"))
    response = client.get(view_on_site_url(programme))
    assert response.status_code == 302
    assert response["Location"].endswith("/studier/utkast/")


def test_view_on_site_tells_staff_without_permission_nothing(client):
    draft = make_programme(slug_nb="hemmelig-utkast", is_published=False)
    client.force_login(staff())
    existing = client.get(view_on_site_url(draft))
    missing = client.get(f"/admin/r/{ContentType.objects.get_for_model(draft).pk}/99999/")
    assert existing.status_code == missing.status_code == 404
    assert "hemmelig-utkast" not in existing.content.decode()
    assert existing.content == missing.content  # a walk over ids counts nothing


@pytest.mark.parametrize("spelling", ["+{}", "%20{}", "{}%20", "%D9%A1%D9%A5"])
def test_view_on_site_tells_nothing_for_an_id_written_otherwise(client, spelling):
    """Django reads "+15" as 15: such an address reached Django's own view, which redirects
    any staff user."""
    draft = make_programme(slug_nb="hemmelig-utkast", is_published=False)
    client.force_login(staff())
    content_type = spelling.format(ContentType.objects.get_for_model(draft).pk)
    response = client.get(f"/admin/r/{content_type}/{draft.pk}/")
    assert response.status_code == 404
    assert "hemmelig-utkast" not in response.content.decode()


def test_view_on_site_still_needs_a_staff_login(client):
    programme = make_programme()
    response = client.get(view_on_site_url(programme))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/studier/", "nb", "Ingen tilgang"), ("/en/programmes/", "en", "Access denied")],
)
def test_a_failed_form_check_is_a_403_page_in_the_readers_language(rf, path, lang, heading):
    """CSRF_FAILURE_VIEW. No public page takes a form today (each answers a POST with 405,
    tests/test_site.py), so it is called as Django would for one that does."""
    from django.utils import translation

    from config.views import csrf_failure

    with translation.override(lang):
        response = csrf_failure(rf.post(path))
    assert response.status_code == 403
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading
    assert page.find("link", rel="stylesheet")  # the site's look, not Django's bare page


def test_a_staff_user_without_permission_gets_the_admins_403_page(client):
    client.force_login(staff())
    response = client.get("/admin/programs/programme/")
    assert response.status_code == 403
    page = parse(response)
    assert page.h1.get_text(strip=True) == "Ingen tilgang"
    assert page.find(id="site-name")  # the admin's header
    assert page.find("a", href="/admin/")


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", ""])
def test_logging_in_with_an_unsafe_or_no_next_lands_on_the_admin(client, next_url):
    staff()
    response = client.post(
        "/admin/login/",
        {"username": "staff", "password": "a-long-test-password", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_programmes_are_unchanged_by_a_refused_form(client):
    make_programme()
    Client(enforce_csrf_checks=True).post("/admin/programs/programme/add/", {"title_nb": "x"})
    assert Programme.objects.count() == 1


def test_the_403_pages_are_valid_html(client, tmp_path):
    client.force_login(staff())
    pages = {
        "nb": Client(enforce_csrf_checks=True).post("/studier/").content,
        "en": Client(enforce_csrf_checks=True).post("/en/programmes/").content,
        "admin": client.get("/admin/programs/programme/").content,
    }
    assert nu_checker_errors(pages, tmp_path) == []
