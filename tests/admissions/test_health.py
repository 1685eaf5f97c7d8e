"""Content health: each rule on a crafted case, quiet on the seed, in the admin and the command."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from admissions.health import Finding, find_problems, link_status, own_path
from programs.models import Programme, Section, Status
from tests.builders import (
    make_cohort,
    make_plan,
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
    make_threshold,
    make_week,
)
from tests.pages import parse

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
SEED_WAS_CURRENT = date(2025, 3, 1)  # the seed's thresholds (2024) were the latest then


def codes(today=TODAY):
    return [(f.code, f.programme.slug_nb) for f in find_problems(today)]


def healthy_programme(**overrides):
    """An open programme with nothing to report: an option, one section."""
    programme = make_programme(sections=1, **overrides)
    make_study_option(programme)
    return programme


def test_a_healthy_programme_has_no_findings():
    healthy_programme()
    assert codes() == []


def test_the_seed_content_is_healthy(seeded):
    assert find_problems(SEED_WAS_CURRENT) == []


def test_the_seed_is_asked_for_its_newer_thresholds_today(seeded):
    assert [(f.code, f.message) for f in find_problems(TODAY)] == [
        ("no_threshold", "Studievariant 215 1210 har ingen poenggrense for 2026."),
        ("no_threshold", "Studievariant 215 1220 har ingen poenggrense for 2026."),
    ]


@pytest.mark.time_machine(SEED_WAS_CURRENT, tick=False)
def test_the_command_is_quiet_and_exits_0_on_the_seed(seeded, capsys):
    call_command("content_health")
    assert capsys.readouterr().out == ""


def test_the_command_prints_one_line_per_finding_and_exits_1(capsys):
    programme = make_programme(title_en="", slug_en=None, lead_en="")
    make_study_option(programme)
    with pytest.raises(SystemExit) as exit_:
        call_command("content_health")
    assert exit_.value.code == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # title and lead
    assert all(line.startswith(f"missing_en {programme.slug_nb}: ") for line in lines)
    assert f"/admin/programs/programme/{programme.pk}/change/" in lines[0]


@pytest.mark.parametrize(
    ("field", "language"),
    [("title", "en"), ("lead", "en"), ("title", "nb"), ("lead", "nb")],
)
def test_a_programme_text_in_one_language_only_is_reported(field, language):
    programme = healthy_programme()
    setattr(programme, f"{field}_{language}", "")
    programme.save()
    assert codes() == [(f"missing_{language}", programme.slug_nb)]


@pytest.mark.parametrize(
    ("field", "label", "fix"),
    [
        ("notice", "melding", "#id_notice_en"),
        ("meta_description", "metabeskrivelse", "#id_meta_description_en"),
        ("sections_heading", "overskrift over seksjonene", "#id_sections_heading_en"),
        ("hero_alt", "bildebeskrivelse", "#id_hero_alt_en"),
    ],
)
def test_every_programme_text_shown_on_the_page_is_checked(field, label, fix):
    """A closed programme's notice in Norwegian only read as Norwegian on the English page."""
    programme = healthy_programme()
    setattr(programme, f"{field}_nb", "Bare på norsk.")
    programme.hero_image = "programmes/hero.jpg"  # a description is published with its image
    programme.save()
    [finding] = find_problems(TODAY)
    assert (finding.code, finding.message) == ("missing_en", f"Mangler engelsk {label}.")
    assert finding.fix_url.endswith(f"/admin/programs/programme/{programme.pk}/change/{fix}")


def test_a_description_of_no_image_is_not_asked_for_in_english():
    programme = healthy_programme()
    programme.hero_alt_nb = "En dame noterer på et ark."
    programme.save()
    assert find_problems(TODAY) == []


@pytest.mark.parametrize(("field", "label"), [("text", "andre krav"), ("ranking", "rangering")])
def test_an_admission_requirement_text_in_one_language_only_is_reported(field, label):
    programme = healthy_programme()
    make_requirement(programme, **{f"{field}_nb": "Bare på norsk."})
    [finding] = find_problems(TODAY)
    assert (finding.code, finding.message) == ("missing_en", f"Mangler engelsk {label}.")
    assert finding.fix_url.endswith("#admission_requirement-group")


def test_a_cohort_weeks_note_in_one_language_only_is_reported():
    programme = healthy_programme()
    cohort = make_cohort(programme, code="2026H", ends_year=2028)
    make_week(cohort, iso_year=2027, week=10, note_en="Online only.")
    [finding] = find_problems(TODAY)
    assert (finding.code, finding.message) == (
        "missing_nb",
        "Mangler norsk notat for uke 10 i 2027, kull 2026H.",
    )
    assert finding.fix_url == f"/admin/admissions/cohort/{cohort.pk}/change/"


@pytest.mark.parametrize("field", ["title", "heading", "body"])
def test_a_section_text_missing_in_english_is_reported(field):
    programme = healthy_programme()
    texts = {"heading_nb": "Overskrift", "heading_en": "Heading", f"{field}_en": ""}
    make_section(programme, **texts)
    assert codes() == [("missing_en", programme.slug_nb)]


def test_an_empty_paragraph_counts_as_missing():
    programme = healthy_programme()
    make_section(programme, body_en="<p> </p>")
    assert codes() == [("missing_en", programme.slug_nb)]


def test_an_english_section_older_than_its_norwegian_twin_is_reported():
    programme = healthy_programme()
    section = make_section(programme)
    section = Section.objects.get(pk=section.pk)
    section.body_nb = "<p>Ny tekst.</p>"
    section.save()
    assert codes() == [("stale_en", programme.slug_nb)]
    section.body_en = "<p>New text.</p>"
    section.save()
    assert codes() == []


def test_saving_a_section_unchanged_keeps_its_timestamps():
    section = make_section(healthy_programme())
    stamps = (section.text_changed_nb_at, section.text_changed_en_at)
    section = Section.objects.get(pk=section.pk)
    section.position = 5
    section.save()
    section.refresh_from_db()
    assert stamps[0] is not None
    assert (section.text_changed_nb_at, section.text_changed_en_at) == stamps


def test_an_open_programme_without_a_threshold_for_the_latest_round_is_reported():
    old = healthy_programme()
    make_threshold(old.study_options.get(), admission_year=2025)
    current = healthy_programme()
    make_threshold(current.study_options.get(), admission_year=2026)
    closed = healthy_programme(status=Status.CLOSED)
    make_threshold(closed.study_options.get(), admission_year=2025)
    healthy_programme()  # no threshold at all: its first round is to come
    assert codes() == [("no_threshold", old.slug_nb)]
    [finding] = find_problems(TODAY)
    assert "2026" in finding.message
    assert finding.fix_url == f"/admin/admissions/studyoption/{old.study_options.get().pk}/change/"


def test_thresholds_newer_than_the_latest_round_are_not_out_of_date():
    """In June the 2026 round's further-education offers are out, the national ones not."""
    programme = healthy_programme()
    make_threshold(programme.study_options.get(), admission_year=2026)
    assert find_problems(date(2026, 6, 15)) == []


def test_only_the_thresholds_the_page_shows_count():
    programme = healthy_programme()
    option = programme.study_options.get()
    make_threshold(option, admission_year=2025)
    make_threshold(option, admission_year=2026, round="SUPP")  # the supplementary round
    assert codes() == [("no_threshold", programme.slug_nb)]


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 7, 31), 2025), (date(2026, 8, 1), 2026), (date(2027, 1, 1), 2026)],
)
def test_a_years_thresholds_are_expected_from_august(today, year):
    programme = healthy_programme()
    make_threshold(programme.study_options.get(), admission_year=year - 1)
    code = programme.study_options.get().study_code
    assert [f.message for f in find_problems(today)] == [
        f"Studievariant {code} har ingen poenggrense for {year}."
    ]


def test_a_cohort_whose_weeks_are_all_past_is_reported_while_the_programme_is_open():
    programme = healthy_programme()
    cohort = make_cohort(programme, code="2023H", ends_year=2025, ends_season="spring")
    make_week(cohort, iso_year=2025, week=10)
    running = make_cohort(programme, code="2026H", ends_year=2027, ends_season="spring")
    make_week(running, iso_year=2027, week=4)
    assert codes() == [("past_cohort", programme.slug_nb)]
    assert find_problems(TODAY)[0].fix_url == f"/admin/admissions/cohort/{cohort.pk}/change/"
    assert codes(today=date(2025, 3, 1)) == []


def test_past_cohorts_of_a_closed_programme_are_not_reported():
    programme = healthy_programme(status=Status.CLOSED)
    make_week(make_cohort(programme), iso_year=2024, week=37)
    assert codes() == []


def test_an_open_programme_without_a_study_option_is_reported():
    programme = make_programme(sections=1)
    make_programme(sections=1, status=Status.CLOSED)
    assert codes() == [("no_study_option", programme.slug_nb)]


def test_a_discontinued_programme_without_a_successor_is_reported():
    successor = healthy_programme()
    make_programme(sections=1, status=Status.DISCONTINUED, replaced_by=successor)
    gone = make_programme(sections=1, status=Status.DISCONTINUED)
    assert codes() == [("no_successor", gone.slug_nb)]


@pytest.mark.parametrize("chain", [1, 2])
def test_a_discontinued_programme_whose_successor_is_not_published_is_reported(
    chain, django_assert_max_num_queries
):
    """Its address answers 410 Gone, not a redirect, with nothing said on saving either."""
    successor = healthy_programme(is_published=False)
    for _step in range(chain - 1):  # A → B (retired too) → C
        successor = make_programme(sections=1, status=Status.DISCONTINUED, replaced_by=successor)
    retired = make_programme(sections=1, status=Status.DISCONTINUED, replaced_by=successor)
    make_programme(sections=1, status=Status.DISCONTINUED, replaced_by=healthy_programme())
    with django_assert_max_num_queries(9):
        found = codes()
    assert ("successor_not_public", retired.slug_nb) in found
    assert [code for code, _slug in found].count("successor_not_public") == chain


def test_a_programme_whose_successor_is_gone_too_is_reported_with_both():
    """A → B, B discontinued without a successor and published: A's address is a 410 too."""
    gone = make_programme(sections=1, status=Status.DISCONTINUED)
    retired = make_programme(sections=1, status=Status.DISCONTINUED, replaced_by=gone)
    assert sorted(codes()) == sorted(
        [("no_successor", gone.slug_nb), ("successor_not_public", retired.slug_nb)]
    )
    [finding] = [f for f in find_problems(TODAY) if f.code == "successor_not_public"]
    assert finding.message == (
        "Nedlagt, men etterfølgeren fører ikke til noen publisert utdanning: siden svarer "
        "med 410 Gone, ikke med en videresending."
    )


def test_a_section_without_text_or_block_is_reported():
    programme = healthy_programme()
    make_section(programme, body_nb="", body_en="")
    make_section(programme, body_nb="", body_en="", embed="apply")
    assert codes() == [("empty_section", programme.slug_nb)]


def test_a_section_finding_links_to_that_sections_form_on_the_programme_page(admin_client):
    """Django numbers the inline's forms in its order (position, pk) as ``sections-N``; the
    link points there, and static/admin-extra/open-target.js unfolds it (browser test)."""
    programme = healthy_programme()  # its section is at position 0
    empty = make_section(programme, position=5, body_nb="", body_en="", title_nb="Tom")
    make_section(programme, position=2)
    [finding] = find_problems(TODAY)
    change = f"/admin/programs/programme/{programme.pk}/change/"
    assert finding.fix_url == f"{change}#sections-2"
    form = parse(admin_client.get(change)).select_one("#sections-2")
    assert form.select_one("input[name='sections-2-id']")["value"] == str(empty.pk)


def test_a_programme_finding_links_to_the_field_on_the_programme_page():
    programme = healthy_programme(lead_en="")
    [finding] = find_problems(TODAY)
    assert finding.fix_url == f"/admin/programs/programme/{programme.pk}/change/#id_lead_en"


@pytest.mark.parametrize(
    ("href", "status"),
    [
        ("/studier/finnes-ikke/", 404),
        ("/studier/nedlagt/", 410),
        ("/en/programmes/nedlagt/", 410),
        ("/finnes/ikke/", 404),
        ("/studier/levende/kull-2023H/", 404),
        ("http://testserver/studier/finnes-ikke/", 404),
        ("/studier/levende/", None),
        ("/studier/levende", None),
        ("/en/programmes/living/#opptak", None),
        ("/studier/", None),
        ("https://example.org/studier/finnes-ikke/", None),
        ("mailto:post@example.org", None),
    ],
)
def test_links_to_our_own_pages_that_answer_404_or_410_are_reported(href, status):
    make_programme(sections=1, slug_nb="nedlagt", slug_en="gone", status=Status.DISCONTINUED)
    programme = healthy_programme(slug_nb="levende", slug_en="living")
    make_section(programme, body_nb=f'<p>Se <a href="{href}">her</a>.</p>')
    findings = [f for f in find_problems(TODAY) if f.code == "broken_link"]
    assert len(findings) == (1 if status else 0)
    if status:
        assert findings[0].programme == programme
        assert f"{href}, " in findings[0].message
        assert findings[0].message.endswith(f" {status}.")


@pytest.mark.parametrize(
    ("href", "language", "reported"),
    [
        ("/studier/levende/#opptak", "nb", False),
        ("/studier/levende/#admission", "nb", True),  # the English anchor, on the nb page
        ("/en/programmes/living/#admission", "en", False),
        ("/en/programmes/living/#opptak", "en", False),  # the nb anchor works there too
        ("/en/programmes/living/#opptak-og-krav", "nb", True),
        ("/studier/levende/#main", "nb", False),  # the page's own elements count
        ("/studier/levende/#top", "nb", False),  # a browser's own
        ("/studier/levende/#", "nb", False),
        ("/studier/levende/#opptak:~:text=Opptak", "nb", False),  # a link to highlighted text
        ("/studier/levende/#:~:text=Opptak", "nb", False),
        ("/studier/gammel/#opptak", "nb", False),  # through the redirect to its successor
        ("/studier/gammel/#andre", "nb", True),
        ("#opptak", "nb", False),  # a place on the programme's own page
        ("#admission", "en", False),
        ("#opptak", "en", False),  # the nb anchor on the English page
        ("#finnes-ikke", "nb", True),
        ("#finnes-ikke", "en", True),
    ],
)
def test_links_to_a_place_that_the_page_does_not_have_are_reported(href, language, reported):
    programme = healthy_programme(slug_nb="levende", slug_en="living")
    make_section(programme, title_nb="Opptak", title_en="Admission")
    make_programme(slug_nb="gammel", status=Status.DISCONTINUED, replaced_by=programme)
    make_section(programme, **{f"body_{language}": f'<p>Se <a href="{href}">her</a>.</p>'})
    findings = [f for f in find_problems(TODAY) if f.code == "missing_anchor"]
    assert len(findings) == reported
    if reported:
        assert findings[0].message.startswith(
            f"Den {'norske' if language == 'nb' else 'engelske'} teksten i «Spørsmål"
        )
        anchor = href.split("#")[1]
        assert findings[0].message.endswith(
            f"lenker til {href}, men ingen seksjon eller "
            f"overskrift på den siden har ankeret «{anchor}»."
        )
        assert [f.code for f in find_problems(TODAY)].count("broken_link") == 0


@pytest.mark.parametrize("successor", [False, True])
def test_a_link_to_a_place_on_a_retired_programmes_page_is_not_checked(successor):
    """Its address answers 410 or leads to the successor, whose page has other anchors: a
    link within its own texts is not broken for that."""
    replaced_by = healthy_programme(slug_nb="etterfolger") if successor else None
    programme = healthy_programme(
        slug_nb="nedlagt", status=Status.DISCONTINUED, replaced_by=replaced_by
    )
    make_section(programme, title_nb="Opptak", title_en="Admission")
    make_section(programme, body_nb='<p>Se <a href="#opptak">opptak</a>.</p>')
    codes = [f.code for f in find_problems(TODAY) if f.programme == programme]
    assert "broken_link" not in codes and "missing_anchor" not in codes


@pytest.mark.parametrize(("successor_rules", "status"), [("grade-average-1-5", None), ("", 404)])
def test_a_link_to_a_retired_programmes_calculator_is_as_good_as_its_successors(
    successor_rules, status
):
    """The old calculator address redirects to the successor's, which may have none."""
    successor = healthy_programme(slug_nb="ny")
    make_requirement(successor, grade_point_rules=successor_rules)
    make_programme(slug_nb="gammel", status=Status.DISCONTINUED, replaced_by=successor)
    assert link_status("/studier/gammel/poengberegning/") == status
    assert link_status("/studier/ny/poengberegning/") == status


def test_a_link_to_an_existing_cohort_schedule_is_fine():
    programme = healthy_programme(slug_nb="levende")
    make_cohort(programme, code="2025H", ends_year=2026, ends_season="spring")
    assert link_status("/studier/levende/kull-2025H/") is None


def test_a_link_to_a_plan_page_is_checked_as_the_page_answers():
    """Any public page is asked through its own view: plans were once not checked at all."""
    programme = healthy_programme(slug_nb="levende")
    plan = make_plan(programme.study_options.get())
    assert link_status(plan.get_absolute_url()) is None
    assert link_status(plan.get_absolute_url("en")) is None
    assert link_status("/studier/levende/programplan/2019H/heltid/") == 404
    assert link_status("/studier/finnes-ikke/programplan/2023H/heltid/") == 404
    plan.is_published = False
    plan.save()
    assert link_status(plan.get_absolute_url()) == 404


def test_a_link_to_a_draft_is_broken_for_the_visitor():
    draft = make_programme(is_published=False, slug_nb="kladd")
    assert link_status("/studier/kladd/") == 404
    assert link_status("/en/programmes/kladd/") == 404
    draft.is_published = True
    draft.save()
    assert link_status("/studier/kladd/") is None


def test_external_and_odd_links_are_not_ours():
    assert own_path("https://example.org/x/") is None
    assert own_path("//example.org/x/") is None
    assert own_path("relative/") is None
    assert own_path("/studier/a%C3%A6/?x=1#y") == "/studier/aæ/"


def test_a_published_plan_that_no_longer_adds_up_is_reported():
    programme = healthy_programme()
    make_plan(programme.study_options.get())
    assert codes() == []
    Programme.objects.filter(pk=programme.pk).update(ects_credits=120)  # past full_clean()
    assert codes() == [("plan_does_not_add_up", programme.slug_nb)]


def test_a_finding_line_names_code_programme_message_and_place():
    programme = make_programme()
    line = Finding(programme, "no_successor", "Melding.", "/admin/x/").as_line()
    assert line == f"no_successor {programme.slug_nb}: Melding. (/admin/x/)"


def test_the_admin_index_links_to_the_health_page(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'href="/admin/health/"' in html


def test_the_health_page_lists_findings_with_links_to_fix_them(admin_client):
    programme = make_programme(sections=1)
    response = admin_client.get("/admin/health/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h2>{programme.title_en}</h2>" in html  # in the admin's language
    untranslated = make_programme(title_en="")
    html = admin_client.get("/admin/health/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<h2 lang="nb">{untranslated.title_nb}</h2>' in html
    nb = admin_client.get("/admin/health/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert f"<h2>{programme.title_nb}</h2>" in nb
    assert (
        f'<a href="/admin/programs/programme/{programme.pk}/change/">Open for applications,' in html
    )


@pytest.mark.time_machine(SEED_WAS_CURRENT, tick=False)
def test_the_health_page_says_so_when_all_is_well(admin_client, seeded):
    response = admin_client.get("/admin/health/")
    assert response.status_code == 200
    assert "<li>" not in response.content.decode().split('id="content-main"')[1]


def test_the_health_page_is_for_staff_only(client, django_user_model):
    assert client.get("/admin/health/").status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get("/admin/health/").status_code == 302


def test_the_past_is_judged_by_the_local_date():
    programme = healthy_programme()
    make_week(make_cohort(programme), iso_year=2024, week=37)
    today = timezone.localdate()
    assert codes(today) == [("past_cohort", programme.slug_nb)]
    assert codes(date(2024, 9, 9) - timedelta(days=1)) == []


def test_a_link_whose_page_fails_is_left_unchecked_not_a_500(admin_client, monkeypatch):
    programme = healthy_programme(slug_nb="levende")
    make_section(programme, body_nb='<p>Se <a href="/studier/levende/">her</a>.</p>')

    def fails(*args, **kwargs):
        raise RuntimeError("a bug in a view")

    monkeypatch.setattr(type(Programme.objects), "page_at", fails)  # the views' lookup
    assert link_status("/studier/levende/") is None
    assert admin_client.get("/admin/health/").status_code == 200
