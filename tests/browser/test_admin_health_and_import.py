"""The content-health page and the threshold import in Chromium: no CSP violation, no axe
violation, and screenshots of both (docs/screenshots/ with `make screenshots`)."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from programs.models import Programme
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_csp import logged_in, watched  # noqa: F401  (fixtures)

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "samordna-poenggrenser-sample.csv"
axe = Axe()


def check(page, violations, name):
    """No CSP violation and no axe violation on the page; then a screenshot. axe-core's own
    probes set inline styles, which the console reports too: those are left out."""
    axe_noise = getattr(page, "axe_noise", [])
    found = [v for v in violations() if v not in axe_noise]
    assert found == [], "\n".join(found)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    page.axe_noise = violations()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_content_health_page(logged_in, site, language):  # noqa: F811
    page, violations = logged_in
    # Something to report: an English lead missing, an open programme without study option.
    Programme.objects.filter(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid").update(lead_en="")
    page.context.set_extra_http_headers({"Accept-Language": language})
    page.goto(site + "/admin/")
    check(page, violations, f"admin-index-{language}")  # the link in a sentence: underlined
    page.click("#content-health-module a")
    page.wait_for_url(site + "/admin/health/")
    assert page.locator("#content-main li a").count() >= 1
    check(page, violations, f"admin-content-health-{language}")


def test_the_threshold_import_preview(logged_in, site):  # noqa: F811
    page, violations = logged_in
    page.goto(site + "/admin/admissions/admissionthreshold/")
    page.click("a.import_link")
    check(page, violations, "admin-threshold-import")
    bad = SAMPLE.read_bytes() + b"215 1220;Feil;OsloMet;ORD;HOVED;2025;7,5\n"
    page.set_input_files(
        "#id_import_file", {"name": "poenggrenser.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.select_option("#id_format", value="0")
    page.click("input[type=submit].default")
    page.wait_for_selector(".threshold-preview")
    assert page.locator(".threshold-preview tbody tr").count() == 4
    assert page.locator(".threshold-preview__refuse li").count() == 2  # a repeat, and 7,5
    check(page, violations, "admin-threshold-import-preview-refused")
    page.goto(site + "/admin/admissions/admissionthreshold/import/")
    page.set_input_files("#id_import_file", str(SAMPLE))
    page.select_option("#id_format", value="0")
    page.click("input[type=submit].default")
    page.wait_for_selector(".threshold-preview")
    check(page, violations, "admin-threshold-import-preview")
    page.click("input[name=confirm]")
    page.wait_for_url(site + "/admin/admissions/admissionthreshold/")
    assert page.locator("#result_list tbody tr").count() == 4  # 2 seed + 2 new


def test_a_health_link_to_a_section_opens_it_in_the_programme_form(logged_in, site):  # noqa: F811
    """The section is in the folded "Sections" group, its text in a folded part: both open,
    the section is in view and has the focus, so the editor starts typing where the problem is."""
    page, violations = logged_in
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    sections = list(programme.sections.all())
    last = sections[-1]
    last.body_nb = last.body_en = ""
    last.embed = ""
    last.save()
    page.goto(site + "/admin/health/")
    page.click(f"#content-main a[href$='#sections-{len(sections) - 1}']")
    page.wait_for_url(f"**/programme/{programme.pk}/change/#sections-{len(sections) - 1}")
    page.wait_for_load_state("load")
    form = page.locator(f"#sections-{len(sections) - 1}")
    assert form.locator(f"input[name$='-id'][value='{last.pk}']").count() == 1
    assert form.locator(".field-body_en").is_visible()  # the admin's language's tab
    assert form.evaluate("element => element === document.activeElement")
    assert form.evaluate("element => element.getBoundingClientRect().top < window.innerHeight")
    assert violations() == []
    page.screenshot(path=SCREENSHOTS / "admin-health-link-to-section.png")


@pytest.mark.parametrize(
    ("finding", "field"), [("missing_en", "id_lead_en"), ("no_successor", "id_status")]
)
def test_a_health_link_to_a_programme_field_opens_its_tab_or_fold(logged_in, site, finding, field):  # noqa: F811
    """A missing English lead opens the EN tab in the Norwegian admin; a retired programme
    without a successor opens the folded "Status and successor"; the field has the focus."""
    page, violations = logged_in
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    if finding == "missing_en":
        Programme.objects.filter(pk=programme.pk).update(lead_en="")
    else:
        Programme.objects.filter(pk=programme.pk).update(status="discontinued", replaced_by=None)
    page.context.set_extra_http_headers({"Accept-Language": "nb"})
    page.goto(site + "/admin/health/")
    page.click(f"#content-main a[href='/admin/programs/programme/{programme.pk}/change/#{field}']")
    page.wait_for_url(f"**/programme/{programme.pk}/change/#{field}")
    page.wait_for_load_state("load")
    target = page.locator(f"#{field}")
    target.wait_for(state="visible")
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{field}'")
    assert violations() == []


def test_select_all_on_the_export_page_ticks_and_clears_every_column(logged_in, site):  # noqa: F811
    """import-export binds it with an inline onchange, which our CSP blocks: it did nothing."""
    page, violations = logged_in
    page.goto(site + "/admin/admissions/admissionthreshold/export/")
    columns = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert columns.count() >= 5
    page.click("#select-all-toggle")
    assert [columns.nth(n).is_checked() for n in range(columns.count())] == [
        False
    ] * columns.count()
    page.click("#select-all-toggle")
    assert all(columns.nth(n).is_checked() for n in range(columns.count()))
    check(page, violations, "admin-threshold-export")
