"""The generator of ``demo_catalogue.py``: plans drawn from a seeded ``random.Random``, then
rows built and saved one kind at a time, parents first, each after ``full_clean()``. A leading
underscore keeps Django from taking this module for a command.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst, slugify

from admissions.choices import SCALE_RANGE, Kind, Outcome, Quota, Round, Scale, StudyMode
from admissions.management.commands import _demo_text as text
from admissions.models import (
    AdmissionRequirement,
    AdmissionThreshold,
    Cohort,
    Course,
    FieldOfStudy,
    PlanCourse,
    ProgrammePlan,
    ScheduleWeek,
    StudyOption,
)
from admissions.models.structure import FULL_TIME_SEMESTER_CREDITS
from programs.choices import Embed, Level, Status
from programs.models import Programme, Section
from programs.text import norwegian_slugify

BASE_YEAR = 2025  # the newest admission year of the catalogue; never today's, so runs agree
PREFIX = "demo-"  # the nb slugs of the programmes the command owns
EMBEDS = {
    "admission": Embed.ADMISSION,
    "apply": Embed.APPLY,
    "schedule": Embed.SCHEDULE,
    "structure": Embed.STRUCTURE,
}
COURSE_PREFIX = "DEMO"  # the codes of the courses the command owns
HALF = Decimal("0.5")  # course credits come in half credits
ECTS = {Level.BACHELOR: [180], Level.MASTER: [120, 90], Level.FURTHER_EDUCATION: [60, 30]}
SMALL_WORDS = {"and", "in", "of", "for", "to"}
LIMIT = len(text.SUBJECTS) * len(text.LEVEL_WORDS) * len(text.SPECIALISATIONS)


@dataclass
class Plan:
    """What one demo programme will be, drawn before anything is saved."""

    index: int
    subject: tuple  # (nb, en, cluster) from SUBJECTS
    level: str
    specialisation: tuple  # (nb, en), ("", "") for none
    has_english: bool
    status: str = Status.OPEN
    is_published: bool = True
    successor: "Plan | None" = None
    programme: Programme | None = None
    options: list = field(default_factory=list)
    facts: set = field(default_factory=set)  # the blocks with facts: "admission", "apply", …

    def words(self, language):
        """Placeholders of the sentences in ``_demo_text``, in ``language``."""
        code = 0 if language == "nb" else 1
        noun = text.LEVEL_WORDS[self.level][2 + code]
        return {"subject": self.subject[code], "programme": noun, "Programme": capfirst(noun)}

    def texts(self, pair):
        """``(nb, en)`` of a sentence pair with this programme's words; en is "" without
        English."""
        nb = pair[0].format(**self.words("nb"))
        return nb, (pair[1].format(**self.words("en")) if self.has_english else "")


def title_case(words):
    return " ".join(w if w in SMALL_WORDS else capfirst(w) for w in words.split(" "))


def pop_alike(queue, plan):
    """Take from ``queue`` the last plan at the level and in the subject area of ``plan``,
    else the last in its subject area, else the last one: a successor replaces its kin."""
    for alike in (
        lambda other: (other.level, other.subject[2]) == (plan.level, plan.subject[2]),
        lambda other: other.subject[2] == plan.subject[2],
        lambda other: True,
    ):
        found = [i for i, other in enumerate(queue) if alike(other)]
        if found:
            return queue.pop(found[-1])


def clean_and_create(model, objects):
    """``objects`` after ``full_clean()`` each, saved in bulk (primary keys set)."""
    for obj in objects:
        obj.full_clean()
    return model.objects.bulk_create(objects)


class Catalogue:
    """Draws the plans, then builds and saves one kind of row at a time, parents first."""

    def __init__(self, rng):
        self.rng = rng

    def build(self, count):
        plans = self.plans(count)
        self.assign_roles(plans)
        programmes = clean_and_create(Programme, [self.programme(plan) for plan in plans])
        for plan, programme in zip(plans, programmes, strict=True):
            plan.programme = programme
        self.link_successors(plans)
        self.requirements(plans)
        options = clean_and_create(StudyOption, [o for p in plans for o in self.study_options(p)])
        thresholds = [t for p in plans for o in p.options for t in self.thresholds(p, o)]
        clean_and_create(AdmissionThreshold, thresholds)
        cohorts, weeks = self.cohorts(plans)
        programme_plans, courses = self.programme_plans(plans, cohorts)
        sections = clean_and_create(Section, [s for p in plans for s in self.sections(p)])
        return {
            "programmes": len(plans),
            "retired": sum(p.status == Status.DISCONTINUED for p in plans),
            "gone (410)": sum(p.status == Status.DISCONTINUED and not p.successor for p in plans),
            "closed": sum(p.status == Status.CLOSED for p in plans),
            "unpublished": sum(not p.is_published for p in plans),
            "without English": sum(not p.has_english for p in plans),
            "sections": len(sections),
            "study options": len(options),
            "thresholds": len(thresholds),
            "cohorts": len(cohorts),
            "schedule weeks": len(weeks),
            "programme plans": len(programme_plans),
            "courses": len(courses),
        }

    def plans(self, count):
        """Distinct subject × level × specialisation; plain subjects first, as in a real
        catalogue, where most titles have no specialisation."""
        combos = [
            (subject, level, specialisation)
            for subject in text.SUBJECTS
            for level in text.LEVEL_WORDS
            for specialisation in text.SPECIALISATIONS
        ]
        plain = [c for c in combos if not c[2][0]]
        special = [c for c in combos if c[2][0]]
        chosen = self.rng.sample(plain, len(plain)) + self.rng.sample(special, len(special))
        return [
            Plan(i, subject, level, specialisation, has_english=self.rng.random() > 0.1)
            for i, (subject, level, specialisation) in enumerate(chosen[:count])
        ]

    def assign_roles(self, plans):
        """Retire some programmes — chains A→B→C and A→B to an open successor, some with no
        successor (410) — close some, and leave a few unpublished. Needs ten programmes."""
        queue = self.rng.sample(plans, len(plans))
        if len(plans) < 10:
            return
        for length, chains in ((3, max(1, len(plans) // 80)), (2, max(1, len(plans) // 25))):
            for _ in range(chains):
                chain = [queue.pop()]  # the open successor, then the ones it replaced
                while len(chain) < length:
                    chain.append(pop_alike(queue, chain[0]))
                for successor, retired in zip(chain, chain[1:], strict=False):
                    retired.status, retired.successor = Status.DISCONTINUED, successor
        for _ in range(max(1, len(plans) // 30)):
            queue.pop().status = Status.DISCONTINUED
        for _ in range(len(plans) // 20):
            queue.pop().status = Status.CLOSED
        for _ in range(len(plans) // 60):
            queue.pop().is_published = False

    def programme(self, plan):
        subject_nb, subject_en, _cluster = plan.subject
        special_nb, special_en = plan.specialisation
        title_nb = text.LEVEL_WORDS[plan.level][0].format(s=subject_nb)
        title_en = text.LEVEL_WORDS[plan.level][1].format(s=title_case(subject_en))
        if special_nb:
            title_nb, title_en = (
                f"{title_nb} – {special_nb}",
                f"{title_en} – {title_case(special_en)}",
            )
        lead_nb, lead_en = plan.texts(self.rng.choice(text.LEADS))
        heading_nb, heading_en = self.rng.choice(text.SECTIONS_HEADINGS)
        notice_nb, notice_en = text.NOTICES.get(plan.status, ("", ""))
        year = {"year": BASE_YEAR + 1, "next": BASE_YEAR + 2}
        english = plan.has_english
        return Programme(
            title_nb=title_nb,
            title_en=title_en if english else "",
            slug_nb=PREFIX + norwegian_slugify(title_nb),
            slug_en=PREFIX + slugify(title_en) if english else None,
            level=plan.level,
            ects_credits=self.rng.choice(ECTS[plan.level]),
            lead_nb=lead_nb,
            lead_en=lead_en,
            notice_nb=notice_nb.format(**year),
            notice_en=notice_en.format(**year) if english else "",
            sections_heading_nb=heading_nb,
            sections_heading_en=heading_en if english else "",
            contact_url="https://www.example.org/kontakt/" if self.rng.random() < 0.5 else "",
            status=plan.status,
            is_published=plan.is_published,
        )

    def link_successors(self, plans):
        """Point retired programmes at their successors, validated now that both exist."""
        retired = [plan.programme for plan in plans if plan.successor]
        for plan in plans:
            if plan.successor:
                plan.programme.replaced_by = plan.successor.programme
                plan.programme.full_clean()
        Programme.objects.bulk_update(retired, ["replaced_by"])

    def fields_of_study(self):
        """``{code: FieldOfStudy}``: the seed's fields where they exist, the others created.
        Shared with other programmes, so never deleted."""
        existing = FieldOfStudy.objects.in_bulk(list(text.FIELDS_OF_STUDY), field_name="code")
        missing = [
            FieldOfStudy(code=code, name_nb=nb, name_en=en)
            for code, (nb, en, _cluster) in text.FIELDS_OF_STUDY.items()
            if code not in existing
        ]
        return existing | {f.code: f for f in clean_and_create(FieldOfStudy, missing)}

    def requirements(self, plans):
        """Most programmes have one; all but bachelors accept bachelors in some fields."""
        fields, drafts = self.fields_of_study(), []
        for plan in plans:
            if self.rng.random() < 0.1:
                continue
            kind = "bachelor" if plan.level == Level.BACHELOR else "other"
            text_nb, text_en, ranking_nb, ranking_en = text.REQUIREMENT_TEXTS[kind]
            english = plan.has_english
            requirement = AdmissionRequirement(
                programme=plan.programme,
                text_nb=text_nb,
                text_en=text_en if english else "",
                ranking_nb=ranking_nb,
                ranking_en=ranking_en if english else "",
            )
            drafts.append((requirement, [] if kind == "bachelor" else self.accepted(plan)))
            plan.facts.add("admission")
        requirements = clean_and_create(AdmissionRequirement, [r for r, _codes in drafts])
        Through = AdmissionRequirement.accepted_fields.through
        links = [
            Through(admissionrequirement=requirement, fieldofstudy=fields[code])
            for requirement, (_draft, codes) in zip(requirements, drafts, strict=True)
            for code in codes
        ]
        clean_and_create(Through, links)

    def accepted(self, plan):
        """Codes of accepted bachelor fields: some of the subject's cluster, maybe one more."""
        codes = sorted(text.FIELDS_OF_STUDY)
        near = [c for c in codes if text.FIELDS_OF_STUDY[c][2] == plan.subject[2]]
        chosen = set(self.rng.sample(near, self.rng.randint(1, min(4, len(near)))))
        if self.rng.random() < 0.3:
            chosen.add(self.rng.choice(codes))
        return sorted(chosen)

    def study_options(self, plan):
        """Full-time, part-time or both; study codes "2xx xxxx", unique per plan and mode."""
        modes = self.rng.choice(
            [[StudyMode.FULL_TIME], [StudyMode.FULL_TIME, StudyMode.PART_TIME]]
            + ([[StudyMode.PART_TIME]] if plan.level == Level.FURTHER_EDUCATION else [])
        )
        full_time = {Level.BACHELOR: 6, Level.MASTER: 4}.get(plan.level, 2)
        deadline = (4, 15) if plan.level == Level.BACHELOR else self.rng.choice([(3, 1), (4, 15)])
        plan.options = [
            StudyOption(
                programme=plan.programme,
                mode=mode,
                study_code=f"2{20 + plan.index % 80:02d} {1010 + plan.index // 80 * 20 + j * 10}",
                duration_semesters=full_time * (2 if mode == StudyMode.PART_TIME else 1),
                deadline_month=deadline[0],
                deadline_day=deadline[1],
                apply_via="Samordna opptak" if plan.level == Level.BACHELOR else "Søknadsweb",
                position=(j + 1) * 10,
            )
            for j, mode in enumerate(modes)
        ]
        plan.facts.add("apply")
        return plan.options

    def thresholds(self, plan, option):
        """Five admission years of the main round, ordinary quota; bachelors also first-diploma
        quota. Some years "all qualified admitted" or "not given"; closed and retired
        programmes have their study withdrawn (TRU) in the newest year."""
        bachelor = plan.level == Level.BACHELOR
        scale = Scale.COMPETITION_POINTS if bachelor else Scale.GRADE_AVERAGE
        low, high = SCALE_RANGE[scale]
        step = 1.5 if bachelor else 0.15
        points = self.rng.uniform(38, 58) if bachelor else self.rng.uniform(2.4, 4.2)
        last = BASE_YEAR if plan.status == Status.OPEN else BASE_YEAR - 1
        rows = []

        def add(year, quota=Quota.ORDINARY, outcome=Outcome.POINTS, value=None, round_=Round.MAIN):
            value = None if value is None else Decimal(f"{min(max(value, low), high):.2f}")
            rows.append(
                AdmissionThreshold(
                    study_option=option,
                    admission_year=year,
                    round=round_,
                    quota=quota,
                    outcome=outcome,
                    points=value,
                    scale=scale,
                )
            )

        for year in range(BASE_YEAR - 4, last + 1):
            points += self.rng.uniform(-step, step)
            roll = self.rng.random()
            if roll < 0.08:
                add(year, outcome=Outcome.ALL_QUALIFIED)
                continue
            if roll < 0.1:
                add(year, outcome=Outcome.NOT_GIVEN)
                continue
            add(year, value=points)
            if bachelor:
                add(year, Quota.FIRST_DIPLOMA, value=points + self.rng.uniform(0, 4))
            if self.rng.random() < 0.15:
                add(year, value=points - self.rng.uniform(0, step), round_=Round.SUPPLEMENTARY)
        if last < BASE_YEAR:
            add(BASE_YEAR, outcome=Outcome.WITHDRAWN)
        return rows

    def cohorts(self, plans):
        """Cohorts with gathering weeks for most further-education and master programmes,
        retired ones included (their students are still enrolled): (cohorts, weeks) saved."""
        drafts = []
        for plan in plans:
            if plan.level == Level.BACHELOR or self.rng.random() < 0.3:
                continue
            retired = plan.status == Status.DISCONTINUED
            starts = (
                [(BASE_YEAR - 2, 1), (BASE_YEAR - 1, 1)]
                if retired
                else [(BASE_YEAR - 1, 1), (BASE_YEAR, 0), (BASE_YEAR, 1)]
            )
            length = max(option.duration_semesters for option in plan.options)
            for year, autumn in sorted(self.rng.sample(starts, self.rng.randint(1, 2))):
                first = year * 2 + autumn  # terms counted as year * 2 + (1 for autumn)
                end_year, end_autumn = divmod(first + length - 1, 2)
                cohort = Cohort(
                    programme=plan.programme,
                    code=f"{year}{'H' if autumn else 'V'}",
                    ends_year=end_year,
                    ends_season="autumn" if end_autumn else "spring",
                )
                drafts.append((plan, cohort, first, first + length - 1))
                plan.facts.add("schedule")
        cohorts = clean_and_create(Cohort, [cohort for _plan, cohort, *_terms in drafts])
        weeks = [w for plan, cohort, *terms in drafts for w in self.weeks(plan, cohort, *terms)]
        return cohorts, clean_and_create(ScheduleWeek, weeks)

    def weeks(self, plan, cohort, first, last):
        """1–3 gatherings a term, practice weeks in the second term, an exam in the last."""
        rows = []
        for term in range(first, last + 1):
            year, autumn = divmod(term, 2)
            free = list(range(34, 51) if autumn else range(2, 25))
            if term == first + 1 and self.rng.random() < 0.5:
                start = self.rng.choice(free[2:-9])
                practice = free[free.index(start) : free.index(start) + self.rng.randint(3, 8)]
                rows.append(self.week(plan, cohort, year, practice[0], practice[-1], Kind.PRACTICE))
                free = [w for w in free if w not in practice]
            kinds = [Kind.GATHERING] * self.rng.randint(1, 3) + [Kind.EXAM] * (term == last)
            for week, kind in zip(sorted(self.rng.sample(free, len(kinds))), kinds, strict=True):
                rows.append(self.week(plan, cohort, year, week, None, kind))
        return rows

    def week(self, plan, cohort, year, week, last_week, kind):
        note_nb, note_en = plan.texts(self.rng.choice(text.WEEK_NOTES))
        return ScheduleWeek(
            cohort=cohort,
            iso_year=year,
            week=week,
            last_week=last_week,
            kind=kind,
            note_nb=note_nb if kind == Kind.GATHERING else "",
            note_en=note_en if kind == Kind.GATHERING else "",
        )

    def programme_plans(self, plans, cohorts):
        """A published programme plan per option and cohort, the option's own courses in
        every semester (one to three, summing to its share of the credits; the last course
        sometimes elective). Options whose semesters would not hold whole half credits, or
        30 ECTS full-time (90 credits over four semesters), get none. Returns (plans,
        courses), saved, each plan validated as a whole once its courses are in."""
        by_programme = {}
        for cohort in cohorts:
            by_programme.setdefault(cohort.programme_id, []).append(cohort)
        drafts, courses, placements = [], [], []
        for plan in plans:
            programme_cohorts = by_programme.get(plan.programme.pk, [])
            for option in plan.options if programme_cohorts else []:
                semester_credits = Decimal(plan.programme.ects_credits) / option.duration_semesters
                full_time = option.mode == StudyMode.FULL_TIME
                if semester_credits % HALF or (
                    full_time and semester_credits != FULL_TIME_SEMESTER_CREDITS
                ):
                    continue
                own = self.courses(plan, option, semester_credits)
                for cohort in programme_cohorts:
                    drafts.append((ProgrammePlan(study_option=option, cohort=cohort), own))
                    plan.facts.add("structure")
                courses += [course for _semester, course, _elective in own]
        saved_courses = clean_and_create(Course, courses)
        saved_plans = clean_and_create(ProgrammePlan, [draft for draft, _own in drafts])
        for saved, (_draft, own) in zip(saved_plans, drafts, strict=True):
            placements += [
                PlanCourse(
                    plan=saved, course=course, semester=semester, position=j, is_elective=elective
                )
                for j, (semester, course, elective) in enumerate(own)
            ]
        clean_and_create(PlanCourse, placements)
        for saved in saved_plans:
            saved.is_published = True
            saved.full_clean()  # the semesters and the total, now that the courses are in
        ProgrammePlan.objects.bulk_update(saved_plans, ["is_published"])
        return saved_plans, saved_courses

    def courses(self, plan, option, semester_credits):
        """``[(semester, Course, is_elective)]`` of one option, not saved yet."""
        rows = []
        subject_nb, subject_en, _cluster = plan.subject
        mode = "F" if option.mode == StudyMode.FULL_TIME else "D"
        for semester in range(1, option.duration_semesters + 1):
            count = self.rng.choice([1, 2, 3])
            if (semester_credits / count) % HALF:
                count = 1
            for j in range(1, count + 1):
                elective = semester == option.duration_semesters and j == count > 1
                course = Course(
                    code=f"{COURSE_PREFIX}{plan.index:03d}{mode}{semester}{j}",
                    title_nb=f"{capfirst(subject_nb)}: emne {semester}.{j}",
                    title_en=(
                        f"{title_case(subject_en)}: course {semester}.{j}"
                        if plan.has_english
                        else ""
                    ),
                    credits=semester_credits / count,
                    level=plan.level,
                    language="en" if self.rng.random() < 0.1 else "nb",
                )
                rows.append((semester, course, elective and self.rng.random() < 0.5))
        return rows

    def sections(self, plan):
        """3–12 topics in page order; the admission, apply and schedule topics show their
        block when the programme has those facts."""
        chosen = sorted(self.rng.sample(range(len(text.TOPICS)), self.rng.randint(3, 12)))
        sections = []
        for position, index in enumerate(chosen, start=1):
            key, title, heading, paragraphs, bullets = text.TOPICS[index]
            title_nb, title_en = plan.texts(title)
            heading_nb, heading_en = plan.texts(heading if self.rng.random() < 0.6 else ("", ""))
            chosen_paragraphs = paragraphs[: self.rng.randint(1, len(paragraphs))]
            body = [plan.texts(p) for p in chosen_paragraphs]
            body_nb = "".join(f"<p>{nb}</p>" for nb, _en in body)
            body_en = "".join(f"<p>{en}</p>" for _nb, en in body if en)
            if bullets:
                items = [plan.texts(b) for b in bullets]
                body_nb += "<ul>" + "".join(f"<li>{nb}</li>" for nb, _en in items) + "</ul>"
                if plan.has_english:
                    body_en += "<ul>" + "".join(f"<li>{en}</li>" for _nb, en in items) + "</ul>"
            sections.append(
                Section(
                    programme=plan.programme,
                    position=position * 10,
                    title_nb=title_nb,
                    title_en=title_en,
                    heading_nb=heading_nb,
                    heading_en=heading_en,
                    body_nb=body_nb,
                    body_en=body_en,
                    embed=EMBEDS[key] if key in plan.facts else "",
                )
            )
        return sections
