"""Named queries for programmes; each docstring states its query cost."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, connections, models
from django.db.models import Case, Count, F, Func, Q, Value, When, Window
from django.db.models.functions import Coalesce, Collate, Lower, NullIf
from django.db.models.lookups import IContains
from django.utils.translation import get_language

from programs.choices import Status
from programs.drafts import can_preview, public_now
from programs.extensions import extensions

# PostgreSQL text-search configurations per site language: stemming and stop words, so
# "sykepleiere" finds "sykepleier" and "nurses" finds "nursing".
SEARCH_CONFIGS = {"nb": "norwegian", "en": "english"}
WORD = re.compile(r"\w+")
MAX_PAGE = 10_000  # of the list: far beyond any catalogue, and any database's integers
# Words of a title that name the kind of programme, not its subject (``related_first``).
PROGRAMME_KINDS = {"bachelor", "master", "videreutdanning", "årsstudium", "studium"}


def visible(field, language):
    """The text of translated ``field`` a reader of ``language`` sees: the default language's
    (nb) when not translated. In the default language that is its own column, which every row
    fills: the same value as the ``Coalesce``, with less to compile."""
    default = f"{field}_{settings.LANGUAGE_CODE}"
    if language == settings.LANGUAGE_CODE:
        return F(default)
    return Coalesce(
        NullIf(f"{field}_{language}", Value("")), default, output_field=models.TextField()
    )


# What components/programme-cards.html reads of a programme (translated fields in every
# language, for the fallback); ``for_cards()`` loads only these.
CARD_FIELDS = ("title", "slug", "lead", "level", "status")


# Each language's alphabet on PostgreSQL: ICU's collations, which Debian's PostgreSQL has.
COLLATIONS = {"nb": "nb-NO-x-icu", "en": "en-x-icu"}
# Norwegian's last letters, in their order, as characters that sort after "z" (SQLite).
AFTER_Z = {"æ": "{", "Æ": "{", "ø": "|", "Ø": "|", "å": "}", "Å": "}"}
NORWEGIAN_LAST = str.maketrans({k: v for k, v in AFTER_Z.items() if k.islower()})


# Norwegian's own letters as a keyboard without them spells them: "okonomi" for "økonomi".
PLAIN_LETTERS = {"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "å": "a", "Å": "a"}


def _fold_sql(replacements):
    """``LOWER(x)`` inside one ``REPLACE`` per letter of ``replacements``, as SQL with the
    letters written in: constants, never input, and no ``%`` in them."""
    sql = "LOWER(%(expressions)s)"
    for letter, replacement in replacements.items():
        sql = f"REPLACE({sql}, '{letter}', '{replacement}')"
    return sql


class NorwegianFold(Func):
    """SQLite: ``LOWER(text)`` with each letter of ``AFTER_Z`` replaced by its stand-in.

    One expression with its SQL written out (``_fold_sql``), rather than six nested
    ``Replace``s: Django compiles and hashes each node of an ``ORDER BY``, and the nested form
    cost ~0.6 ms a query (docs/performance.md)."""

    template = _fold_sql(AFTER_Z)
    output_field = models.TextField()


class PlainLetters(Func):
    """``LOWER(text)`` with Æ, Ø and Å spelled as a keyboard without them does
    (``PLAIN_LETTERS``), on every engine: what a search typed in plain ASCII is matched
    against."""

    template = _fold_sql(PLAIN_LETTERS)
    output_field = models.TextField()


def alphabetical(text, language):
    """``text`` (an expression) to sort by as ``language``'s alphabet has it: in Norwegian
    Æ, Ø, Å after Z and in that order, where PostgreSQL's default collation files Å under A
    and SQLite sorts by code point (Å before Æ); upper and lower case together.

    PostgreSQL: ICU's collation of the language, which also sorts "aa" as "å", as Norwegian
    dictionaries do ("Aasen" after "Zahl"). SQLite (development): lower case, and the
    three letters replaced by characters that sort after "z", in SQL: a collation written in
    Python would be called some 4,000 times to sort 400 titles."""
    if connection.vendor == "postgresql":
        return Collate(text, COLLATIONS.get(language, COLLATIONS["nb"]))
    return NorwegianFold(text) if language == "nb" else Lower(text)


def alphabet_key(text, language):
    """A key to sort texts already in Python as ``alphabetical()`` sorts them on SQLite: in
    Norwegian Æ, Ø, Å after Z and in that order (Python's own order is Å, Æ, Ø). It follows
    ICU on PostgreSQL for these letters, not in everything: ICU also sorts "aa" as "å" and
    accented letters beside their base letters."""
    folded = text.lower()
    return folded.translate(NORWEGIAN_LAST) if language == "nb" else folded


def spellings(term):
    """``term`` as typed, and in lower, upper and title case when it is not plain ASCII.

    SQLite's LIKE folds the case of ASCII letters only, so "økonomi" would miss "Økonomi";
    PostgreSQL folds every letter, and the extra spellings cost it nothing."""
    if term.isascii():
        return {term}
    return {term, term.lower(), term.upper(), term.capitalize()}


def prefix_query(words):
    """A raw tsquery where every word counts as a prefix ("psyk" finds "psykisk"). Words are
    letters and digits only and quoted, so nothing the reader types is tsquery syntax."""
    return " & ".join(f"'{word}':*" for word in words)


# Chains of retirements (A → B → C), walked by the database in one query however long they
# are (``chain_ends``, ``earlier_than``). A recursive UNION (not UNION ALL) keeps only rows it
# has not seen, so a loop that got past validation ends the walk instead of running forever.
CHAIN_ENDS = """
WITH RECURSIVE chain (start, id, successor, status) AS (
    SELECT id, id, replaced_by_id, status FROM {table} WHERE id IN ({starts})
    UNION
    SELECT chain.start, p.id, p.replaced_by_id, p.status
    FROM chain JOIN {table} p ON p.id = chain.successor
    WHERE chain.status = %s
)
SELECT p.*, chain.start AS chain_start FROM chain JOIN {table} p ON p.id = chain.id
WHERE chain.status <> %s
"""
EARLIER = """
WITH RECURSIVE earlier (id, status, step) AS (
    SELECT id, status, 1 FROM {table} WHERE replaced_by_id = %s
    UNION
    SELECT p.id, p.status, earlier.step + 1
    FROM earlier JOIN {table} p ON p.replaced_by_id = earlier.id
    WHERE earlier.status = %s AND earlier.step < %s
)
SELECT p.* FROM {table} p
JOIN (SELECT id, MIN(step) AS step FROM earlier GROUP BY id) nearest ON nearest.id = p.id
WHERE p.id <> %s
ORDER BY nearest.step, p.title_nb, p.id
"""
MAX_STEPS = 100  # of a chain followed backwards: the steps carry a number, so UNION alone
# would not end a loop there


@dataclass(frozen=True)
class ResultPage:
    """One page of a list: ``items``, its ``number`` from 1, and ``count`` matches in all.
    The query strings of its neighbours are filled in by programs/pagination.py."""

    items: list
    number: int
    count: int
    size: int
    previous_query: str = ""
    next_query: str = ""
    last_query: str = ""
    own_query: str = ""

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.size))  # an empty list still has its page 1

    @property
    def exists(self):
        return self.number <= self.num_pages

    @property
    def has_previous(self):
        return 1 < self.number <= self.num_pages

    @property
    def has_next(self):
        return self.number < self.num_pages


class ProgrammeQuerySet(models.QuerySet):
    def published(self, now=None):
        """Programmes the public sees at ``now`` (default: this moment), schedule included."""
        return self.filter(public_now(now))

    def visible_to(self, request):
        """Every programme for an editor (drafts are previewed), else the published ones."""
        return self if can_preview(request) else self.published()

    def page_at(self, request, slug):
        """The programme whose pages ``request`` asks for at ``slug`` (see ``at_slug``), with
        everything its page shows: drafts too for an editor. None when there is none."""
        return self.visible_to(request).for_detail_page().at_slug(slug, get_language())

    def destinations(self, programmes, now=None):
        """Where the address of each of ``programmes`` leads the public at ``now``, by pk:
        itself, its final live successor (A→B→C gives C, in one hop), or None when it is gone
        (410).

        No query while a programme is not retired, or its successor is not (``replaced_by``
        loaded with ``select_related``, as every page does); 1 query for all longer chains
        together, whatever their length (``chain_ends``).
        """
        ends, deeper = {}, []
        for programme in programmes:
            if not programme.is_retired:
                ends[programme.pk] = programme
            elif programme.replaced_by_id is None:
                ends[programme.pk] = None
            elif not programme.replaced_by.is_retired:
                ends[programme.pk] = programme.replaced_by
            else:
                deeper.append(programme.pk)
        ends.update(dict.fromkeys(deeper))
        ends.update(self.chain_ends(deeper))
        return {pk: end if end and end.is_public(now) else None for pk, end in ends.items()}

    def chain_ends(self, starts):  # raw SQL: the queryset's own filters do not apply
        """For each pk in ``starts``, the first programme along its chain of successors that
        is not discontinued (itself, if it is not), by that pk; a chain that ends without one
        is left out. 1 query (``CHAIN_ENDS``), none without ``starts``."""
        if not starts:
            return {}
        sql = CHAIN_ENDS.format(table=self._table(), starts=", ".join(["%s"] * len(starts)))
        found = self.raw(sql, [*starts, Status.DISCONTINUED, Status.DISCONTINUED])
        return {programme.chain_start: programme for programme in found}

    def earlier_than(self, programme):
        """Programmes whose address leads to ``programme``, however far back: those that name
        it as their successor, those discontinued ones name, and so on, nearest first, then by
        title (1 query, ``EARLIER``). A programme still live in between ends the walk there:
        the addresses before it lead to it, not here."""
        sql = EARLIER.format(table=self._table())
        return list(self.raw(sql, [programme.pk, Status.DISCONTINUED, MAX_STEPS, programme.pk]))

    def _table(self):
        return connections[self.db].ops.quote_name(self.model._meta.db_table)

    def listed(self):
        """Published programmes a prospective student can still follow (not discontinued)."""
        return self.published().exclude(status=Status.DISCONTINUED)

    def formerly_offered(self, text, language, limit=3):
        """Published programmes no longer offered whose title, as a reader of ``language`` sees
        it, holds every word of ``text`` (as ``search`` matches a word), in title order, with
        their successors (1 query; where each leads now: ``destinations``). For a search that
        finds nothing: "Psykisk helsearbeid" is no longer a programme of its own, and its
        reader should learn where it went."""
        words = WORD.findall(text) or [text]
        match = reduce(and_, (self._word_match(word, "search_title") for word in words))
        return (
            self.published()
            .filter(status=Status.DISCONTINUED)
            .alias(search_title=visible("title", language))
            .filter(match)
            .select_related("replaced_by")
            .in_title_order(language)[:limit]
        )

    def in_title_order(self, language):
        """Alphabetical by the title a reader of ``language`` sees (nb when not translated)."""
        return self.order_by(alphabetical(visible("title", language), language), "pk")

    def related_first(self, title, language, *related):
        """In title order, but the related ones first: those whose Norwegian title holds a
        subject word of ``title`` (a word of five letters or more that is not a kind of
        programme, "bachelor", anywhere in a word: "barnevern" in "barnevernsarbeid"), or
        that a condition in ``related`` (Qs) matches; in another language than Norwegian,
        within each, those with a title in it before those shown in Norwegian. No query of
        its own."""
        words = {
            word
            for word in WORD.findall(title.lower())
            if len(word) >= 5 and word not in PROGRAMME_KINDS
        }
        conditions = [
            *(Q(title_nb__icontains=s) for word in words for s in spellings(word)),
            *related,
        ]
        programmes, order = self, []
        if conditions:
            shares = reduce(or_, conditions)
            programmes = programmes.alias(unrelated=Case(When(shares, then=0), default=1))
            order.append("unrelated")
        if language != settings.LANGUAGE_CODE:
            untranslated = Q(**{f"title_{language}": ""}) | Q(**{f"title_{language}__isnull": True})
            programmes = programmes.alias(untranslated=Case(When(untranslated, then=1), default=0))
            order.append("untranslated")
        return programmes.order_by(*order, alphabetical(visible("title", language), language), "pk")

    def for_cards(self):
        """Only the columns a programme card shows (``CARD_FIELDS``): a list page of 20 cards
        reads and converts a third of the columns (docs/performance.md)."""
        return self.only(*CARD_FIELDS)

    def open_for_applications(self):
        return self.filter(status=Status.OPEN)

    def search(self, text, language, also=None):
        """Programmes whose title or lead, as a reader of ``language`` sees them, holds every
        word of ``text``, or that condition ``also`` matches (a Q: admissions adds study codes).

        Every engine matches each word case-insensitively anywhere in a word, so part of a
        Norwegian compound works ("avhengighet" in "avhengighetsarbeid"). PostgreSQL also runs
        a full-text search in the language's configuration, each word a prefix, and orders by
        its rank (title above lead), then by title; SQLite orders by title. No query of its
        own, and no join: 400 programmes' texts take PostgreSQL a few milliseconds unindexed.
        """
        words = WORD.findall(text) or [text]  # "+++" is looked for as typed
        programmes = self.alias(
            search_title=visible("title", language), search_lead=visible("lead", language)
        )
        match = reduce(
            and_, (self._word_match(word, "search_title", "search_lead") for word in words)
        )
        if also is not None:
            match |= also
        if connection.vendor != "postgresql" or not WORD.search(text):
            return programmes.filter(match)
        config = SEARCH_CONFIGS.get(language, "simple")
        vector = SearchVector("search_title", weight="A", config=config) + SearchVector(
            "search_lead", weight="B", config=config
        )
        query = SearchQuery(prefix_query(WORD.findall(text)), search_type="raw", config=config)
        return (
            programmes.alias(search_vector=vector, search_rank=SearchRank(vector, query))
            .filter(match | Q(search_vector=query))
            .order_by(F("search_rank").desc(), alphabetical(F("search_title"), language), "pk")
        )

    @staticmethod
    def _word_match(word, *fields):
        """``word`` in any of the text ``fields`` (aliases), in any case (see ``spellings``).
        A word in plain ASCII with an "a" or "o" may stand for Norwegian letters, as on a
        keyboard without them: "okonomi" finds "Økonomi", "arsstudium" "årsstudium",
        "baerekraft" "bærekraft". Other words ("helse") are matched as they are, which costs
        the database less."""
        if word.isascii() and {"a", "o"} & set(word.lower()):
            return reduce(or_, (Q(IContains(PlainLetters(field), word)) for field in fields))
        return reduce(
            or_,
            (
                Q(**{f"{field}__icontains": spelling})
                for spelling in spellings(word)
                for field in fields
            ),
        )

    def result_page(self, number, size):
        """Page ``number`` (from 1) of these programmes, ``size`` a page, as a ResultPage.

        1 query: the number of matches rides along with the rows (``COUNT(*) OVER ()``). A page
        past the last has no row to carry it, so it costs a second query, for the count.
        """
        start = (number - 1) * size
        # A page past any list we could have is not asked for: its offset could overflow.
        rows = (
            list(self.annotate(matches=Window(Count("pk")))[start : start + size])
            if number <= MAX_PAGE
            else []
        )
        if rows:
            count = rows[0].matches
        else:
            count = 0 if number == 1 else self.count()
        return ResultPage(rows, number, count, size)

    def for_detail_page(self):
        """Everything a programme page shows, in a constant number of queries whatever the size.

        Programme with successor (1), its sections (1), and the rows the apps built on
        programmes register in ``extensions`` (admissions: its requirement in the first query;
        study options and cohorts, 1 each: 4 in all). A nested prefetch runs only when its
        parent rows exist: thresholds, published plans and their courses, accepted fields and
        weeks, 1 each: at most 9 (tests/test_query_counts.py). The programmes it replaces are
        read by the page that shows them (``Programme.replaced_programmes``).
        """
        return self.select_related(
            "replaced_by", *extensions.detail_select_related
        ).prefetch_related("sections", *extensions.detail_prefetch_related)

    def at_slug(self, slug, language):
        """The programme at ``slug``, or None: a live slug in any language (the one in
        ``language`` first), else a slug it had before a rename.

        A live slug costs 1 query plus this queryset's prefetches. An old slug only ever leads
        to a redirect, so that programme comes without the prefetches: 2 queries. Slugs are
        lower case, so one typed in capitals ("/studier/SYKEPLEIE/") is looked for in lower
        case too, also without the prefetches: the page redirects to its own address.
        """
        found = (
            self.with_slug(slug, language)
            or self.prefetch_related(None).with_old_slug(slug, language).first()
        )
        if found is None and slug != slug.lower():
            return self.prefetch_related(None).at_slug(slug.lower(), language)
        return found

    def with_old_slug(self, slug, language):
        """Programmes that had ``slug`` before a rename; the one renamed in ``language`` first."""
        return (
            self.filter(old_slugs__slug=slug)
            .alias(in_language=Case(When(old_slugs__language=language, then=0), default=1))
            .order_by("in_language", "pk")
        )

    def with_slug(self, slug, language):
        """The programme whose slug in any language is ``slug`` (the one whose slug in
        ``language`` it is first), or None.

        Lets ``/en/programmes/<nb-slug>/`` find the programme so the view can redirect it.
        Slugs are unique per language, so at most two rows match; they are ranked here rather
        than by a ``Case`` in SQL, which cost more to compile than the query takes to run
        (docs/performance.md).
        """
        rows = self.filter(Q(slug_nb=slug) | Q(slug_en=slug)).order_by()
        return min(rows, key=lambda p: (getattr(p, f"slug_{language}") != slug, p.pk), default=None)
