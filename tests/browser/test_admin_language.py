"""Issue 15 in Chromium: the admin's language switch, and the editor's link dialog in nb."""

import pytest

from programs.models import Programme
from tests.browser.conftest import DESKTOP
from tests.browser.test_csp import PASSWORD, WATCH


@pytest.fixture
def editor_page(browser, site, django_user_model):
    """A Norwegian Chromium (Accept-Language nb-NO) on the admin's login form, recording CSP
    violations as tests/browser/test_csp.py does: ``(page, violations())``."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    context = browser.new_context(viewport=DESKTOP, locale="nb-NO")
    context.add_init_script(WATCH)
    page = context.new_page()

    def violations():
        page.wait_for_load_state("networkidle")
        return page.evaluate("window.__cspViolations")

    page.goto(site + "/admin/login/")
    yield page, violations
    context.close()


def log_in(page, site):
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(site + "/admin/")


def test_staff_switch_the_admin_to_english_and_back(editor_page, site):
    page, violations = editor_page
    assert page.locator("html").get_attribute("lang") == "nb"
    page.get_by_role("button", name="English").click()  # on the login page, before logging in
    assert page.locator("html").get_attribute("lang") == "en"
    log_in(page, site)
    assert page.get_by_role("button", name="Log out").is_visible()
    page.goto(site + "/studier/")
    assert page.locator("html").get_attribute("lang") == "nb"  # public pages keep the URL's
    page.goto(site + "/admin/programs/programme/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Norsk (bokmål)").click()
    page.wait_for_url(site + "/admin/programs/programme/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert violations() == []


def test_the_link_dialog_of_the_rich_text_editor_speaks_norwegian(editor_page, site):
    page, violations = editor_page
    log_in(page, site)
    programme = Programme.objects.filter(sections__isnull=False).first()
    page.goto(f"{site}/admin/programs/programme/{programme.pk}/change/")
    assert page.evaluate("gettext('Edit Link')") == "Rediger lenke"
    # The first section's Norwegian text: its editor sits in the open nb translation tab.
    body = page.locator(".prose-editor").filter(has=page.locator("[name='sections-0-body_nb']"))
    # Sections are folded (<details>): unfold them, as a click on each summary would.
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    body.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+A")
    body.locator(".prose-menubar__button[title='sett inn lenke']").click()  # toolbar-labels.js
    dialog = page.locator("dialog[open]")
    dialog.wait_for(timeout=5_000)
    text = dialog.inner_text()
    assert "Rediger lenke" in text and "Nettadresse" in text and "Tittel" in text
    assert "Edit Link" not in text
    assert violations() == []


def test_the_rich_text_toolbar_names_its_buttons_in_norwegian(editor_page, site):
    """editor.js names its buttons in fixed English; toolbar-labels.js translates them."""
    page, violations = editor_page
    log_in(page, site)
    programme = Programme.objects.filter(sections__isnull=False).first()
    page.goto(f"{site}/admin/programs/programme/{programme.pk}/change/")
    buttons = page.locator(".prose-menubar__button[title]")
    buttons.first.wait_for(state="attached", timeout=5_000)
    page.wait_for_load_state("networkidle")
    names = set(buttons.evaluate_all("(all) => all.map((b) => b.getAttribute('aria-label'))"))
    titles = set(buttons.evaluate_all("(all) => all.map((b) => b.title)"))
    assert {"fet", "kursiv", "sett inn lenke", "angre"} <= names
    assert names == titles
    assert not names & {"bold", "italic", "insert link", "undo", "redo", "paragraph"}
    assert violations() == []


@pytest.mark.parametrize(
    ("language", "name", "shown"),
    [("nb", "Språk for feltene", "nb"), ("en", "Language of the fields", "en")],
)
def test_the_translation_menu_has_a_name_and_shows_the_open_tab(
    browser, site, django_user_model, language, name, shown
):
    """modeltranslation's menu had no name (axe: select-name) and said "nb" above the open
    "en" tabs in the English admin."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    context = browser.new_context(viewport=DESKTOP, locale=language)
    page = context.new_page()
    page.goto(site + "/admin/login/")
    log_in(page, site)
    programme = Programme.objects.first()
    page.goto(f"{site}/admin/programs/programme/{programme.pk}/change/")
    menu = page.get_by_role("combobox", name=name)
    assert menu.locator("option:checked").inner_text() == shown
    assert page.locator("#id_title_" + shown).is_visible()
    menu.select_option(label="nb" if shown == "en" else "en")
    page.wait_for_function(
        "(shown) => document.querySelector('.ui-tabs .ui-tabs-active a').textContent !== shown",
        arg=shown,
    )
    context.close()


def test_the_rich_text_block_menu_names_its_choices_in_norwegian(editor_page, site):
    """The block-type menu's choices are elements with fixed English text ("Paragraph",
    "Heading 3"); toolbar-labels.js translates them as they appear."""
    page, violations = editor_page
    log_in(page, site)
    programme = Programme.objects.filter(sections__isnull=False).first()
    page.goto(f"{site}/admin/programs/programme/{programme.pk}/change/")
    page.locator(".prose-menubar__button[title]").first.wait_for(state="attached", timeout=5_000)
    page.wait_for_load_state("networkidle")
    choices = page.locator(".prose-menubar :is(p, h2, h3, h4)")
    texts = set(choices.evaluate_all("(all) => all.map((c) => c.textContent)"))
    assert {"Avsnitt", "Overskrift 3"} <= texts
    assert not texts & {"Paragraph", "Heading 3"}
    assert violations() == []
