"""Content health: what an editor should fix, per programme, each with the admin page to fix it.

One module for every rule, shared by the admin page (admissions/admin_health.py) and
``manage.py content_health``. It lives in admissions because it reads both apps (programmes
and their admission facts); programs never imports admissions.

``find_problems(today)`` runs a constant number of queries for the whole catalogue (8, and 1
more when a retired programme's successor retired too), plus,
per distinct link to one of our public pages, what that page's view costs (it is asked, and
renders the page: a programme page is about 7 queries).
"""

import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from admissions.models import AdmissionRequirement, latest_admission_year
from admissions.plans import plan_prefetches
from programs.models import Programme
from programs.text import has_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """One thing to fix: ``code`` is stable (for monitoring and tests), ``message`` is in the
    active language, ``fix_url`` is the admin page where it is fixed."""

    programme: Programme
    code: str
    message: str
    fix_url: str

    def as_line(self):
        """One line for monitoring: code, programme, message, where to fix it."""
        return f"{self.code} {self.programme.slug_nb}: {self.message} ({self.fix_url})"


def missing_message(language):
    """Whole sentences per language: Bokmål writes language names in lower case."""
    return {"nb": _("No Norwegian %(text)s."), "en": _("No English %(text)s.")}[language]


def link_message(language):
    return {
        "nb": _("The Norwegian text of “%(section)s” links to %(href)s, which answers %(status)s."),
        "en": _("The English text of “%(section)s” links to %(href)s, which answers %(status)s."),
    }[language]


def anchor_message(language):
    return {
        "nb": _(
            "The Norwegian text of “%(section)s” links to %(href)s, but no section or heading "
            "on that page has the anchor “%(anchor)s”."
        ),
        "en": _(
            "The English text of “%(section)s” links to %(href)s, but no section or heading "
            "on that page has the anchor “%(anchor)s”."
        ),
    }[language]


def programme_url(programme, section=None):
    """The programme's admin page; with ``section``, at that section's inline form, which
    static/admin-extra/open-target.js unfolds. Django numbers the forms in the inline's
    order (position, then pk: the order of ``programme.sections.all()``) as ``sections-N``."""
    url = reverse("admin:programs_programme_change", args=[programme.pk])
    if section is None:
        return url
    return f"{url}#sections-{list(programme.sections.all()).index(section)}"


def missing_translations(programme, today, context):
    """A text written in one language and not the other: the programme's own (title, lead,
    notice, meta description, heading above the sections, hero image description), its
    admission requirement's, each section's question, heading and body, and each cohort
    week's note. A programme's own text links to its field, in its tab."""
    other = {"nb": "en", "en": "nb"}
    texts = [
        (_("title"), programme, "title", None),
        (_("lead"), programme, "lead", None),
        (_("notice"), programme, "notice", None),
        (_("meta description"), programme, "meta_description", None),
        (_("heading above the sections"), programme, "sections_heading", None),
    ]
    if programme.hero_image:  # a description of no image is published nowhere
        texts.append((_("hero image description"), programme, "hero_alt", None))
    if requirement := AdmissionRequirement.of(programme):
        url = f"{programme_url(programme)}#admission_requirement-group"
        texts += [
            (_("other requirements"), requirement, "text", url),
            (_("ranking"), requirement, "ranking", url),
        ]
    for cohort in programme.cohorts.all():
        url = reverse("admin:admissions_cohort_change", args=[cohort.pk])
        for week in cohort.weeks.all():
            name = {"week": week.week, "year": week.iso_year, "cohort": cohort.code}
            label = _("note on week %(week)s of %(year)s, cohort %(cohort)s") % name
            texts.append((label, week, "note", url))
    for section in programme.sections.all():
        name = {"section": section.title_nb or section.title_en}
        url = programme_url(programme, section)
        texts += [
            (_("question of “%(section)s”") % name, section, "title", url),
            (_("heading of “%(section)s”") % name, section, "heading", url),
            (_("text of “%(section)s”") % name, section, "body", url),
        ]
    for label, obj, field, url in texts:
        for code in ("nb", "en"):
            if has_text(getattr(obj, f"{field}_{other[code]}")) and not has_text(
                getattr(obj, f"{field}_{code}")
            ):
                yield Finding(
                    programme,
                    f"missing_{code}",
                    missing_message(code) % {"text": label},
                    url or f"{programme_url(programme)}#id_{field}_{code}",  # its language's tab
                )


def stale_english(programme, today, context):
    """An English section text last changed before its Norwegian twin was."""
    for section in programme.sections.all():
        nb_at, en_at = section.text_changed_nb_at, section.text_changed_en_at
        english = section.texts_by_language()["en"]
        if nb_at and en_at and nb_at > en_at and any(map(has_text, english)):
            yield Finding(
                programme,
                "stale_en",
                _("The English text of “%(section)s” is older than the Norwegian.")
                % {"section": section.title_nb},
                programme_url(programme, section),
            )


def outdated_thresholds(programme, today, context):
    """An open programme's study option whose newest threshold (main round, ordinary quota:
    the one its page shows) is older than the latest round whose offers are all out by
    ``today`` (``latest_admission_year``). An option without any has not had its first
    round: nothing is out of date."""
    year = latest_admission_year(today)
    if not programme.is_open:
        return
    for option in programme.study_options.all():
        years = option.main_thresholds()  # the ones the page shows
        if years and max(years) < year:
            yield Finding(
                programme,
                "no_threshold",
                _("Study option %(code)s has no threshold for %(year)s.")
                % {"code": option.study_code, "year": year},
                reverse("admin:admissions_studyoption_change", args=[option.pk]),
            )


def past_cohorts(programme, today, context):
    """A cohort of an open programme whose weeks are all over."""
    if not programme.is_open:
        return
    for cohort in programme.cohorts.all():
        weeks = list(cohort.weeks.all())
        if weeks and all(week.dates()[1] < today for week in weeks):
            yield Finding(
                programme,
                "past_cohort",
                _("Every week of cohort %(cohort)s is in the past.") % {"cohort": cohort.code},
                reverse("admin:admissions_cohort_change", args=[cohort.pk]),
            )


def missing_study_option(programme, today, context):
    """An open programme nobody can apply to: no study option (an option always has a
    study code and a deadline, the model requires them)."""
    if programme.is_open and not programme.study_options.all():
        yield Finding(
            programme,
            "no_study_option",
            _("Open for applications, but has no study option with a study code and deadline."),
            programme_url(programme),
        )


def missing_successor(programme, today, context):
    if programme.is_retired and programme.replaced_by_id is None:
        yield Finding(
            programme,
            "no_successor",
            _("Discontinued without a successor: its page answers 410 Gone."),
            f"{programme_url(programme)}#id_status",  # in the folded "Status and successor"
        )


def successor_not_public(programme, today, context):
    """A published programme, discontinued, whose chain of successors leads to no published
    programme (``Programme.leads_nowhere``): its address answers 410 Gone, which tells search
    engines the page is gone for good, not a redirect."""
    if programme.leads_nowhere(context["destinations"]):
        yield Finding(
            programme,
            "successor_not_public",
            _(
                "Discontinued, but its successor leads to no published programme: its page "
                "answers 410 Gone, not a redirect."
            ),
            f"{programme_url(programme)}#id_status",
        )


def empty_sections(programme, today, context):
    """A section with no text in either language and no block of facts to show."""
    for section in programme.sections.all():
        if not section.embed and not (has_text(section.body_nb) or has_text(section.body_en)):
            yield Finding(
                programme,
                "empty_section",
                _("Section “%(section)s” has no text.") % {"section": section.title_nb},
                programme_url(programme, section),
            )


def broken_links(programme, today, context):
    """Links in section texts to our own pages that answer 404 or 410, or to a place on a page
    (``#anchor``) that the page does not have."""
    for section in programme.sections.all():
        for code in ("nb", "en"):
            for href in links_in(getattr(section, f"body_{code}")):
                target = href
                if href.startswith("#"):  # a place on the programme's own page
                    if not programme.is_public() or programme.is_retired:
                        continue  # its address answers 404, 410 or leads elsewhere
                    target = programme.get_absolute_url(code) + href
                if problem := link_problem(target, code, context):
                    finding, message, params = problem
                    params.update(section=section.title_nb, href=href)
                    yield Finding(
                        programme, finding, message % params, programme_url(programme, section)
                    )


def link_problem(href, language, context):
    """``(code, message, params)`` for what is wrong with the link ``href`` in a text in
    ``language``, or None. ``context["pages"]`` keeps each page's answer."""
    path = own_path(href)
    if path is None:
        return None
    if path not in context["pages"]:
        context["pages"][path] = page_answer(path)
    status, ids = context["pages"][path]
    if status:
        return "broken_link", link_message(language), {"status": status}
    anchor = unquote(urlsplit(href).fragment).partition(":~:")[0]  # no text fragment
    if anchor and ids is not None and anchor not in ids | {"top"}:  # "#top": a browser's own
        return "missing_anchor", anchor_message(language), {"anchor": anchor}
    return None


def plans_that_do_not_add_up(programme, today, context):
    """A published plan that no longer adds up: a course's or the programme's credits changed
    after it was published (the plan's own form refuses it when the plan is saved)."""
    for option in programme.study_options.all():
        for plan in option.plans.all():
            placements = list(plan.placements.all())
            for error in plan.structure_errors(placements):
                yield Finding(
                    programme,
                    "plan_does_not_add_up",
                    _("Programme plan %(plan)s: %(reason)s")
                    % {
                        "plan": f"{plan.cohort.code} {option.get_mode_display()}",
                        "reason": " ".join(error.messages),
                    },
                    reverse("admin:admissions_studyoption_change", args=[option.pk]),
                )


RULES = [
    missing_translations,
    stale_english,
    outdated_thresholds,
    past_cohorts,
    missing_study_option,
    missing_successor,
    successor_not_public,
    empty_sections,
    broken_links,
    plans_that_do_not_add_up,
]


def find_problems(today):
    """Every finding, programme by programme in title order: ``[Finding]``."""
    programmes = list(
        Programme.objects.order_by("title_nb", "pk")
        .select_related("admission_requirement", "replaced_by")
        .prefetch_related(
            "sections",
            "study_options__thresholds",
            "cohorts__weeks",
            *plan_prefetches(),
        )
    )
    context = {"pages": {}, "destinations": Programme.objects.destinations(programmes)}
    return [
        finding
        for programme in programmes
        for rule in RULES
        for finding in rule(programme, today, context)
    ]


class _Parser(HTMLParser):
    """The links (``href`` of each ``<a>``) and the element ids of an HTML text."""

    def __init__(self, html):
        super().__init__()
        self.hrefs, self.ids = [], set()
        self.feed(html or "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def links_in(html):
    return _Parser(html).hrefs


def ids_in(html):
    return _Parser(html).ids


def own_path(href):
    """The path of ``href`` when it points at this site (site-relative, or SITE_URL's host),
    else None. Query and fragment are dropped."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        site = urlsplit(settings.SITE_URL or "")
        if not site.netloc or (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
    elif not href.startswith("/") or href.startswith("//"):
        return None
    return unquote(parts.path) or "/"


def link_status(path):
    """404 or 410 when ``path`` on this site answers so, else None (``page_answer``)."""
    return page_answer(path)[0]


def page_answer(path, hops=5):
    """``(status, ids)`` of ``path`` on this site: 404 or 410 when it answers so, else None
    (200, or a redirect to a page that is fine or elsewhere); and the ids of the elements of
    the page it ends at, or None when that is not known.

    Asks the page's own view, with an anonymous GET request in the path's language, so the
    answer is the visitor's, whatever rules the view follows (drafts, retired programmes, plans,
    calculators); its redirects within the site are followed, up to ``hops`` (a longer chain
    counts as fine). Paths outside the public pages (the admin, static files) are not checked,
    nor one whose view fails (logged).
    """
    language = "en" if path.startswith("/en/") else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            if not path.endswith("/"):  # CommonMiddleware redirects to the path with a slash
                return page_answer(path + "/", hops)
            return 404, None
        if match.namespace not in PUBLIC_PAGES:
            return None, None
        try:
            response = match.func(probe_request(path), *match.args, **match.kwargs)
        except Http404:
            return 404, None
        except Exception:  # the link is not the editor's problem then, nor the report's
            logger.exception("content health could not check %s", path)
            return None, None
    if response.status_code in (404, 410):
        return response.status_code, None
    if response.has_header("Location"):
        target = own_path(response["Location"])
        return page_answer(target, hops - 1) if target and hops else (None, None)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        return None, ids_in(response.content.decode(response.charset, errors="replace"))
    return None, None


PUBLIC_PAGES = {"programs", "admissions"}  # the URL namespaces of the visitor's pages


def probe_request(path):
    """A GET of ``path`` by nobody: no cookie, so no session, no preview. Its host is the
    site's, or in development (no SITE_URL: URLs are built from the request, config/site.py)
    the first allowed host."""
    host = urlsplit(settings.SITE_URL or "").hostname
    if not host:
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
    return RequestFactory().get(path, SERVER_NAME=host)
