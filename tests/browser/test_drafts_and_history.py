"""An editor's safety net in a real browser: the preview banner of a draft (accessible, valid
for axe) and the history's comparison of two versions; screenshots for the README."""

import pytest
import reversion
from axe_playwright_python.sync_playwright import Axe

from programs import history
from programs.models import Programme
from tests.browser.conftest import DESKTOP, SCREENSHOTS

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def editor_page(browser, site, django_user_model):
    """A page logged in through the admin's login form as a superuser."""
    django_user_model.objects.create_superuser("redaktor", "r@example.org", PASSWORD)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    yield page
    context.close()


def test_an_editor_previews_a_draft_with_a_banner_and_no_axe_violations(editor_page, site):
    draft = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    Programme.objects.filter(pk=draft.pk).update(is_published=False)
    response = editor_page.goto(site + draft.get_absolute_url())
    assert response.status == 200
    banner = editor_page.locator(".preview-banner")
    assert banner.is_visible()
    assert "no-store" in response.headers["cache-control"]
    assert Axe().run(editor_page).violations_count == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    editor_page.screenshot(path=SCREENSHOTS / "preview-banner-nb.png")


def test_an_editor_compares_two_versions(editor_page, site):
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    with reversion.create_revision():
        programme.save()
    section = programme.sections.order_by("position").first()
    programme.lead_nb += " Søk innen 1. mars."
    programme.lead_en += " Apply by 1 March."
    with reversion.create_revision():
        programme.save()
        section.delete()
        reversion.set_comment("Ny ingress")
    new, old = history.versions_of(programme.pk)[:2]
    editor_page.goto(f"{site}/admin/programs/programme/{programme.pk}/history/")
    editor_page.click("#change-history a[href*='compare'] >> nth=0")
    editor_page.wait_for_url("**/history/compare/**")
    assert editor_page.locator(".history-compare__new", has_text="1 March").is_visible()
    assert editor_page.locator(".history-compare__row--removed").is_visible()
    assert f"old={old.pk}&new={new.pk}" in editor_page.url
    editor_page.screenshot(path=SCREENSHOTS / "history-compare-en.png", full_page=True)


def test_the_change_pages_with_tables_fit_a_desktop_screen(editor_page, site):
    """The tabular inlines (study options, thresholds, weeks) keep "Delete?" on the page at
    1280 px: no sideways scrolling to reach it (static/admin-extra/tables.css)."""
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    option = programme.study_options.first()
    cohort = Programme.objects.get(slug_nb="psykisk-helsearbeid").cohorts.first()
    for path in [
        f"/admin/programs/programme/{programme.pk}/change/",
        f"/admin/admissions/studyoption/{option.pk}/change/",
        f"/admin/admissions/cohort/{cohort.pk}/change/",
    ]:
        editor_page.goto(site + path)
        scroll, client = editor_page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, path


def test_enter_in_a_field_of_the_programme_form_saves_and_stays_in_the_admin(editor_page, site):
    """Enter presses the form's first button; "Save and preview" came first and took the
    editor out of the admin to the public page."""
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    editor_page.goto(f"{site}/admin/programs/programme/{programme.pk}/change/")
    buttons = editor_page.locator(".submit-row input[type=submit]")
    names = buttons.evaluate_all("els => els.map(el => el.name)")
    assert names == ["_save", "_preview", "_addanother", "_continue"]
    editor_page.fill("#id_title_en", "A new name")
    with editor_page.expect_navigation():
        editor_page.press("#id_title_en", "Enter")
    assert editor_page.url == f"{site}/admin/programs/programme/"
    programme.refresh_from_db()
    assert programme.title_en == "A new name"
