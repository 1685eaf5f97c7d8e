"""Chromium reports no Content-Security-Policy violation on any page type, in either language,
nor in the admin with the rich-text editor and the translation tabs running.

Violations are collected twice: ``securitypolicyviolation`` events (an init script, which
Playwright injects outside the page's CSP) and console messages that mention the policy, or
a Permissions-Policy feature Chromium does not know. config/csp.py says what the admin needs.
"""

import pytest

from config.page_types import by_language
from programs.models import Programme
from tests.browser.conftest import DESKTOP

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`
  );
});
"""
PASSWORD = "a-long-test-password"
# Textareas the prose editor takes over, but not those of an inline's empty template form.
RICH_TEXT_FIELDS = """Array.from(document.querySelectorAll("textarea")).filter(
  (t) => !t.name.includes("__prefix__")
    && t.getAttributeNames().some((name) => name.startsWith("data-django-prose-editor"))
).length"""


@pytest.fixture
def watched(browser, site):
    """A fresh page that records CSP violations: ``(page, violations())``."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []

    def record(message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            console.append(message.text)

    page.on("console", record)

    def violations():
        page.wait_for_load_state("networkidle")
        return page.evaluate("window.__cspViolations") + console

    yield page, violations
    context.close()


@pytest.mark.parametrize(("path", "language", "status"), by_language())
def test_no_page_type_violates_the_policy(watched, site, path, language, status):
    page, violations = watched
    assert page.goto(site + path).status == status
    assert page.locator("html").get_attribute("lang") == language
    assert violations() == []


def test_json_ld_stays_readable_without_a_nonce(watched, site):
    """A data block, not a script: the policy has no nonce and no hash for it."""
    page, violations = watched
    page.goto(site + "/studier/psykisk-helse-rus-og-avhengighetsarbeid/")
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)"
    )
    assert "EducationalOccupationalProgram" in {item["@type"] for item in data}
    assert violations() == []


@pytest.fixture
def logged_in(watched, site, django_user_model):
    """The watched page, logged in through the admin's login form as a superuser."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page, violations = watched
    page.goto(site + "/admin/login/")
    assert violations() == []
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    return page, violations


def test_the_admin_runs_without_violations(logged_in, site):
    page, violations = logged_in
    assert violations() == []
    page.goto(site + "/admin/programs/programme/")
    assert page.locator("#result_list").is_visible()
    assert violations() == []


def test_the_rich_text_editor_and_translation_tabs_run_without_violations(logged_in, site):
    page, violations = logged_in
    programme = Programme.objects.filter(sections__isnull=False).first()
    page.goto(f"{site}/admin/programs/programme/{programme.pk}/change/")
    found = violations()  # after an upgrade, Chromium's message names the hash it wants
    assert found == [], "\n".join(found)
    # modeltranslation's tabs: jQuery UI turned the nb/en fields into tab panels.
    assert page.locator(".ui-tabs .ui-tabs-nav").first.is_visible()
    # django-prose-editor started (its menu bar and an editable ProseMirror area exist only
    # if the import map resolved its modules), with Tiptap's stylesheet applied.
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.wait_for(state="attached", timeout=10_000)
    fields = page.evaluate(RICH_TEXT_FIELDS)
    assert fields > 0 and page.locator(".prose-menubar").count() == fields
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") == "break-spaces"
    assert violations() == []
