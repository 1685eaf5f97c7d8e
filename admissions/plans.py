"""Which programme plans a page shows, read from the rows ``for_detail_page()`` prefetched.

The programme page shows the newest published plan of each study option and links the older
ones, which stay at their own address for the students enrolled under them.
"""

from dataclasses import dataclass
from operator import itemgetter
from urllib.parse import quote

from django.db.models import Prefetch
from django.utils import timezone

from admissions.models import Cohort, PlanCourse, ProgrammePlan
from admissions.weeks import term_order
from config.i18n import reverse_in
from programs.models import Programme


@dataclass(frozen=True)
class OptionPlans:
    """The published plans of one study option: ``current`` (the newest cohort's) and
    ``earlier`` ones, newest first."""

    option: object  # StudyOption
    current: object  # ProgrammePlan
    earlier: list


def plan_prefetches():
    """For programmes: their study options' published plans with cohorts and courses (1 query,
    + 1 when plans exist), as the programme page and content health read them."""
    return [
        Prefetch(
            "study_options__plans",
            queryset=ProgrammePlan.objects.published().select_related("cohort"),
        ),
        Prefetch(
            "study_options__plans__placements",
            queryset=PlanCourse.objects.select_related("course"),
        ),
    ]


def newest_first(plans):
    return sorted(plans, key=lambda plan: term_order(*plan.cohort.starts), reverse=True)


def current_plans(programme):
    """``[OptionPlans]`` of the options that have a published plan, in option order.

    Reads prefetched options and plans only (no query)."""
    found = []
    for option in programme.study_options.all():
        plans = newest_first(option.plans.all())
        if plans:
            found.append(OptionPlans(option=option, current=plans[0], earlier=plans[1:]))
    return found


def find_plan(programme, mode, code):
    """The published plan of ``programme``'s option in ``mode`` for cohort ``code``, or None.

    Reads prefetched rows only (no query)."""
    return next(
        (
            plan
            for option in programme.study_options.all()
            if option.mode == mode
            for plan in option.plans.all()
            if plan.cohort.code == code
        ),
        None,
    )


def is_current(programme, plan):
    """Whether ``plan`` is the newest of its option on a programme not retired (no query)."""
    if programme.is_retired:
        return False
    return any(found.current == plan for found in current_plans(programme))


# Stand-ins for a plan's slug and cohort code, to reverse its address once per language and
# mode: no slug holds a capital, so the code's "H" cannot be part of one.
SLUG, CODE = "slug-in-sitemap", "2000H"


def current_plan_pages(programmes):
    """For sitemap.xml: ``[({language: path}, updated)]`` of the current plan of each study
    option of ``programmes`` (the sitemap's rows, by pk), as ``is_current`` has it: the newest
    published one. 1 query, of rows rather than instances (the sitemap is read at 400
    programmes: ``make bench``, case f)."""
    rows = (
        ProgrammePlan.objects.published()
        .filter(study_option__programme__in=Programme.objects.listed())
        .order_by("pk")
        .values_list(
            "study_option_id",
            "study_option__programme_id",
            "study_option__mode",
            "cohort__code",
            "updated_at",
        )
    )
    newest = {}  # study option → (when its cohort started, row)
    for row in rows:
        start = term_order(*Cohort.starts_of(row[3]))
        if row[0] not in newest or start > newest[row[0]][0]:
            newest[row[0]] = (start, row)
    current = sorted((row for _start, row in newest.values()), key=itemgetter(1))
    pages, shapes = [], {}  # (language, mode) → the path with stand-ins, reversed once
    for _option, programme_id, mode, code, updated in current:
        if (programme := programmes.get(programme_id)) is None:
            continue
        paths = {}
        for language in programme.languages():
            if (language, mode) not in shapes:
                shapes[language, mode] = reverse_in(
                    language, "admissions:plan", slug=SLUG, code=CODE, mode=mode
                )
            slug = getattr(programme, f"slug_{language}") or programme.slug_nb
            paths[language] = (
                shapes[language, mode].replace(SLUG, quote(slug), 1).replace(CODE, code, 1)
            )
        pages.append((paths, updated))
    return pages


def touch_programmes_of_course(sender, instance, raw=False, **kwargs):
    """A changed course (its title or credits) changes every programme page that shows it."""
    if raw:  # loaddata brings its own timestamps
        return
    Programme.objects.filter(study_options__plans__placements__course=instance).update(
        updated_at=timezone.now()
    )
