"""Programmes and the ordered sections (accordion/FAQ blocks) of their pages.

Every rule an editor can break lives here (field validators, ``clean()``, constraints), so the
admin, fixtures, imports and test builders share one gate: ``full_clean()``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, slug_re
from django.db import models, transaction
from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from config.i18n import reverse_in
from programs import richtext
from programs.choices import ChoiceLabels, Embed, EmbedPlacement, Level, Status
from programs.extensions import extensions
from programs.fields import VerifiedImageField
from programs.images import rendition_name, rendition_widths
from programs.querysets import ProgrammeQuerySet
from programs.text import norwegian_slugify, validate_plain_text, validate_visible_text
from programs.unique import NamesValueHolder


def published_slugs(pk):
    """``{"slug_nb": …, "slug_en": …}`` of the published programme ``pk`` as stored, or None
    (none such, or ``pk`` None)."""
    if pk is None:
        return None
    return (
        Programme.objects.filter(pk=pk, is_published=True)
        .values(*(f"slug_{code}" for code, _name in settings.LANGUAGES))
        .first()
    )


class Programme(NamesValueHolder, ChoiceLabels, models.Model):
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    slug = models.SlugField(
        _("URL slug"),
        max_length=200,
        help_text=_(
            "The last part of the page address. If you change it, the old address redirects here."
        ),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level)
    ects_credits = models.DecimalField(
        _("ECTS credits"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(360)],
        help_text=_("Credits for the whole programme, for example 60."),
    )
    lead = models.TextField(
        _("lead"),
        help_text=_("One or two sentences shown under the title and in the list."),
        validators=[validate_visible_text],
    )
    meta_description = models.CharField(
        _("meta description"),
        max_length=160,
        blank=True,
        help_text=_("What search engines show under the title. The lead is used when empty."),
        validators=[validate_plain_text],
    )
    notice = models.TextField(
        _("notice"),
        blank=True,
        help_text=_("A boxed message above the page text, for example that admission has closed."),
        validators=[validate_plain_text],
    )
    sections_heading = models.CharField(
        _("heading above the sections"),
        max_length=100,
        blank=True,
        help_text=_(
            "For example “Questions and answers”. “About the programme” is used when empty."
        ),
        validators=[validate_visible_text],
    )
    hero_image = VerifiedImageField(
        _("hero image"),
        upload_to="programmes/",
        blank=True,
        dimensions=("hero_width", "hero_height"),
        help_text=_("A JPEG, PNG or WebP photo, at most 10 MB. Stored without its metadata."),
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
        validators=[validate_visible_text],
    )
    contact_url = models.URLField(
        _("contact page"),
        blank=True,
        help_text=_("Where a reader asks questions about this programme, e.g. a contact form."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        help_text=_("The programme that takes over when this one is retired."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published programmes are shown.")
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave “published” unticked: the page goes live by itself at this time."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("The page is taken down by itself at this time (it stays in the admin)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title_nb", "pk"]
        constraints = [
            # Not unique=True on the field: modeltranslation would copy it to the shared
            # `slug` column too, whose value depends on the language active at save time.
            models.UniqueConstraint(fields=["slug_nb"], name="programme_unique_slug_nb"),
            models.UniqueConstraint(fields=["slug_en"], name="programme_unique_slug_en"),
            models.CheckConstraint(
                condition=~Q(replaced_by=F("pk")),
                name="programme_not_replaced_by_itself",
                violation_error_code="replaced_by_itself",
                violation_error_message=_("A programme cannot be replaced by itself."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Saves, and keeps every published slug this programme had as a redirect (per language)."""
        with transaction.atomic():
            previous = published_slugs(self.pk) if self.is_published else None
            super().save(*args, **kwargs)
            self.keep_addresses(previous)

    def get_absolute_url(self, language=None):
        """The page in ``language`` (default: the active one); the slug falls back to nb."""
        return self.page_url("programs:detail", language)

    def keep_addresses(self, previous):
        """After a save: each of the ``previous`` slugs (``published_slugs()`` before it, or
        None) that the programme no longer has answers with a redirect to it (``OldSlug``),
        and its own slugs, live again, no longer redirect. ``history.restore`` calls it too:
        reversion saves rows without ``save()``."""
        for code, _name in settings.LANGUAGES:
            new = getattr(self, f"slug_{code}")
            if new and self.is_published:  # a slug live again is no longer a redirect
                OldSlug.objects.filter(language=code, slug=new).delete()
            old = (previous or {}).get(f"slug_{code}")
            if old and old != new:
                OldSlug.objects.update_or_create(
                    language=code, slug=old, defaults={"programme": self}
                )

    def page_url(self, name, language=None, **kwargs):
        """The address of URL ``name`` under this programme's slug in ``language`` (default:
        the active one), nb's slug when it has none there: its page, cohorts, plans, calculator.
        Remembered by ``reverse_in``, so no language is activated."""
        language = language or translation.get_language()
        slug = getattr(self, f"slug_{language}", "") or self.slug_nb
        return reverse_in(language, name, slug=slug, **kwargs)

    def clean(self):
        errors = {}
        if self.replaced_by_id is not None:
            if self.pk is not None and self.replaced_by_id == self.pk:
                errors["replaced_by"] = ValidationError(
                    _("A programme cannot be replaced by itself."), code="replaced_by_itself"
                )
            elif self.pk is not None and self.pk in self.successor_ids():
                errors["replaced_by"] = ValidationError(
                    _("%(successor)s already leads back to this programme: that would be a loop."),
                    code="replaced_by_cycle",
                    params={"successor": self.replaced_by},
                )
        errors.update(self._slugs_in_capitals())
        errors.update(self._slugs_taken_in_other_languages())
        errors.update(self._schedule_errors())
        if self.hero_image and not self.hero_alt_nb:
            errors["hero_alt_nb"] = ValidationError(
                _("Describe the image for readers who cannot see it."), code="hero_alt_missing"
            )
        if errors:
            raise ValidationError(errors)

    def _schedule_errors(self):
        """Field errors for a publishing schedule that cannot be carried out as written."""
        # A typo like 01.01.0001 cannot even be compared with now (out of range in UTC).
        typos = {
            name: ValidationError(
                _("Choose a time between the years 2000 and 2100."), code="year_out_of_range"
            )
            for name in ("publish_at", "unpublish_at")
            if (moment := getattr(self, name)) and not 2000 <= moment.year <= 2100
        }
        if typos:
            return typos
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            return {
                "unpublish_at": ValidationError(
                    _("The page must be taken down after it is published: choose a later time."),
                    code="unpublish_before_publish",
                )
            }
        if self.publish_at and self.is_published and self.publish_at > timezone.now():
            return {
                "publish_at": ValidationError(
                    _(
                        "The page is already published. Untick “published” to publish it at "
                        "this time, or clear the time."
                    ),
                    code="published_before_publish_at",
                )
            }
        return {}

    def is_public(self, now=None):
        """Whether the public sees this page at ``now``: the same rule as ``published()``."""
        now = now or timezone.now()
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return False
        return self.is_published or (self.publish_at is not None and self.publish_at <= now)

    def _slugs_in_capitals(self):
        """Field errors for a slug with capitals: addresses are case-sensitive, and ours are
        written in lower case everywhere (slugify, links, the sitemap)."""
        return {
            f"slug_{code}": ValidationError(
                _("Write the address in lower case: “%(slug)s”."),
                code="slug_not_lower_case",
                params={"slug": slug.lower()},
            )
            for code, _name in settings.LANGUAGES
            if (slug := getattr(self, f"slug_{code}")) and slug != slug.lower()
        }

    def _slugs_taken_in_other_languages(self):
        """Field errors for a slug another programme uses in another language.

        Per-language uniqueness is a constraint; across languages it matters because a
        programme without an English slug is served at /en/programmes/<its nb slug>/.
        """
        errors = {}
        codes = [code for code, _name in settings.LANGUAGES]
        for code in codes:
            slug = getattr(self, f"slug_{code}")
            if not (slug and slug_re.match(slug)):
                continue  # empty, or refused by the field (PostgreSQL rejects a NUL in a query)
            for other in codes:
                taken = Programme.objects.exclude(pk=self.pk).filter(**{f"slug_{other}": slug})
                if slug and other != code and taken.exists():
                    errors[f"slug_{code}"] = ValidationError(
                        _("Another programme uses “%(slug)s” in its address in another language."),
                        code="slug_taken_in_other_language",
                        params={"slug": slug},
                    )
        return errors

    def successor_ids(self):
        """Primary keys along the ``replaced_by`` chain, in order; stops at a repeat.

        One query per step: only used when validating, never on a public page.
        """
        seen = []
        current = self.replaced_by_id
        while current is not None and current not in seen:
            seen.append(current)
            current = Programme.objects.filter(pk=current).values_list("replaced_by", flat=True)[0]
        return seen

    @property
    def is_open(self):
        return self.status == Status.OPEN

    @property
    def is_retired(self):
        """Discontinued: its address leads to its successor, or answers 410."""
        return self.status == Status.DISCONTINUED

    def embedded_blocks(self):
        """The blocks some section shows (reads prefetched sections)."""
        return {section.embed for section in self.sections.all() if section.embed}

    def section_embedding(self, kind):
        """The first section that shows block ``kind``, or None (prefetched, no query)."""
        return next((s for s in self.sections.all() if s.embed == kind), None)

    def blocks_to_append(self):
        """Blocks with facts that no section embeds: shown after the sections, never lost.

        Which blocks have facts is told by the apps that fill them (``extensions``); they read
        prefetched rows only.
        """
        embedded, has_facts = self.embedded_blocks(), extensions.block_has_facts
        return [k for k in Embed if k not in embedded and k in has_facts and has_facts[k](self)]

    def destination(self):
        """Where a visitor of this page should end up: the programme itself, its final live
        successor (A→B→C gives C, in one hop), or None when it is gone (410). No query when
        it or its successor is not retired, else 1 however long the chain
        (``ProgrammeQuerySet.destinations``)."""
        return Programme.objects.destinations([self])[self.pk]

    def successor_now(self):
        """The programme that took over from this one as it stands today: the successor it
        names, or the end of that one's chain when it retired too (as ``destination()``);
        None when it names none or the chain ends in a 410."""
        return self.replaced_by.destination() if self.replaced_by_id else None

    def leads_nowhere(self, destinations=None):
        """Whether this page, public and discontinued with a successor, answers 410 Gone all
        the same: no published programme along its chain of successors (one is a draft, taken
        down, or itself discontinued without a successor). ``destinations``: what
        ``Programme.objects.destinations()`` found for a list holding this one, else 1 query
        at most, and none when it is not such a page."""
        if not (self.is_retired and self.replaced_by_id and self.is_public()):
            return False
        found = destinations[self.pk] if destinations is not None else self.destination()
        return found is None

    def page_destination(self):
        """Where this programme's address leads whoever may see it: ``destination()`` for
        the public, itself for a draft an editor previews (1 query per retired step)."""
        return self.destination() if self.is_public() else self

    def alternatives(self, language, limit=6):
        """Open programmes at the same level, for the page of a programme that is gone (1
        query): first the related ones, whose Norwegian title shares a subject word with this
        one's ("Bachelor i barnevern" → "Bachelor i barnevern og familievern") or that an app
        relates to it (``extensions.related_programmes``: admissions, a shared bachelor field),
        then the rest, each in title order."""
        listed = Programme.objects.listed().open_for_applications().exclude(pk=self.pk)
        related = [q for relate in extensions.related_programmes if (q := relate(self))]
        same_level = listed.filter(level=self.level).for_cards()
        return same_level.related_first(self.title_nb, language, *related)[:limit]

    @cached_property
    def replaced_programmes(self):
        """Published programmes whose chain of successors leads here, however long, nearest
        first: a reader sent here from a programme three retirements back finds its name on
        the page its address now leads to. 1 query, and what the apps show of them
        (``extensions.replaced_prefetch_related``; admissions: cohorts, 1) when there are any."""
        earlier = [p for p in Programme.objects.earlier_than(self) if p.is_public()]
        prefetch_related_objects(earlier, *extensions.replaced_prefetch_related)
        return earlier

    def hero_srcset(self):
        """The ``srcset`` of the hero image: its narrower copies (programs/images.py), then
        itself. Built from names alone: no query, no call to the storage."""
        if not (self.hero_image and self.hero_width):
            return ""
        storage, name = self.hero_image.storage, self.hero_image.name
        copies = [
            f"{storage.url(rendition_name(name, w))} {w}w"
            for w in rendition_widths(self.hero_width)
        ]
        return ", ".join([*copies, f"{self.hero_image.url} {self.hero_width}w"])

    @property
    def description(self):
        """What search engines show below the title, in the active language: the meta
        description, else the lead; nb's only when that language has neither. (A plain
        ``meta_description`` would fall back to the Norwegian one before the English lead.)"""
        language, nb = translation.get_language(), settings.LANGUAGE_CODE
        return (
            getattr(self, f"meta_description_{language}", "")
            or getattr(self, f"lead_{language}", "")
            or getattr(self, f"meta_description_{nb}")
            or getattr(self, f"lead_{nb}")
        )

    def languages(self):
        """Codes of the languages this page really has (own slug and text), nb first.

        A missing English text falls back to Norwegian on the page, but such a page is not
        offered to search engines as English.
        """
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE
            or (getattr(self, f"slug_{code}") and self.has_own_text(code))
        ]

    def has_own_text(self, language):
        """Whether the title and lead are written in ``language`` (not a fallback to nb)."""
        return bool(getattr(self, f"title_{language}") and getattr(self, f"lead_{language}"))

    def is_partly_untranslated(self, language):
        """Whether a text the page shows besides the title and lead (the notice, the heading
        above the sections, a section's question, heading or text) is written in nb but not in
        ``language``, so the page shows it in Norwegian. Reads the prefetched sections."""
        nb = settings.LANGUAGE_CODE
        if language == nb:  # every Norwegian page: nothing to look at
            return False
        texts = [(self, "notice"), (self, "sections_heading")] + [
            (section, field) for section in self.sections.all() for field in Section.TRACKED_TEXTS
        ]
        return any(
            getattr(obj, f"{field}_{nb}") and not getattr(obj, f"{field}_{language}")
            for obj, field in texts
        )


# The highest position of a row in an ordered list (sections, study options, a plan's
# courses): a typo of twenty digits gets "at most 999", not the database's limit.
MAX_POSITION = 999


ANCHOR_TAKEN = _("Another section of this programme has this anchor.")


class Section(ChoiceLabels, models.Model):
    """One accordion block on a programme page, such as "Hvem passer studiet for?"."""

    # The ids of the programme page's own elements (templates/programs/programme_detail.html
    # and its components), its blocks' headings ("block-admission"), and "top", which a
    # browser reads as the top of the page: a section's anchor must not take one.
    RESERVED_ANCHORS = {
        "top",
        "main",
        "sections-heading",
        "contact-heading",
        "replaces-heading",
        "schedule-heading",
        "preview-banner-title",
    }
    RESERVED_PREFIX = "block-"
    NO_ANCHOR = _(
        "The title has no letters or digits to make an anchor from: write one, such as “costs”."
    )

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField(
        _("position"),
        default=0,
        validators=[MaxValueValidator(MAX_POSITION)],
        help_text=_("Sections are shown from the lowest number up."),
    )
    title = models.CharField(
        _("question or title"),
        max_length=200,
        validators=[validate_visible_text],
        help_text=_("The line a reader clicks to open the section."),
    )
    heading = models.CharField(
        _("heading"),
        max_length=200,
        blank=True,
        help_text=_("Optional heading above the text."),
        validators=[validate_visible_text],
    )
    body = ProseEditorField(
        _("text"), extensions=richtext.EXTENSIONS, sanitize=richtext.sanitize, blank=True
    )
    embed = models.CharField(
        _("block"),
        max_length=20,
        choices=Embed,
        blank=True,
        help_text=_("Facts kept elsewhere in the admin, shown in this section."),
    )
    embed_placement = models.CharField(
        _("place the block"),
        max_length=10,
        choices=EmbedPlacement,
        default=EmbedPlacement.AFTER_TEXT,
    )
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        help_text=_(
            "Name used in links straight to this section (#name). Made from the title when empty."
        ),
    )
    # When the text in each language last changed (set by save()), so the content-health
    # check can tell an English text written before its Norwegian twin was last edited.
    text_changed_nb_at = models.DateTimeField(
        _("Norwegian text changed"), null=True, blank=True, editable=False
    )
    text_changed_en_at = models.DateTimeField(
        _("English text changed"), null=True, blank=True, editable=False
    )

    TRACKED_TEXTS = ("title", "heading", "body")
    # Set by the admin's inline formset (SectionFormSet), which checks the anchors of all the
    # programme's sections as they will be saved together: the database has them as they were.
    saved_with_its_siblings = False

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        # Local columns only: "programme" would follow Programme.Meta.ordering and make every
        # prefetch join the programme table to sort by its title.
        ordering = ["programme_id", "position", "pk"]
        # Per language: the original ``anchor`` column holds whichever language was active
        # when the row was saved (FIELD-NOTES.md §1).
        constraints = [
            models.UniqueConstraint(
                fields=["programme", f"anchor_{code}"],
                name=f"section_unique_anchor_{code}",
                violation_error_code="duplicate_anchor",
                violation_error_message=ANCHOR_TAKEN,  # module level: Meta cannot see Section
            )
            for code, _name in settings.LANGUAGES
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Saves, stamping ``text_changed_<language>_at`` for each language whose title,
        heading or body differs from what was loaded (or is new and not empty)."""
        loaded, now = getattr(self, "_loaded_texts", {}), timezone.now()
        stamped = []
        for code, texts in self.texts_by_language().items():
            if texts != loaded.get(code) and (code in loaded or any(texts)):
                setattr(self, f"text_changed_{code}_at", now)
                stamped.append(f"text_changed_{code}_at")
        if stamped and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *stamped}
        super().save(*args, **kwargs)
        self._loaded_texts = self.texts_by_language()

    def get_absolute_url(self, language=None):
        """The programme page in ``language`` (default: the active one) scrolled to this
        section (its accordion opens there): its anchor in that language, else nb's."""
        with translation.override(language or translation.get_language()):
            return f"{self.programme.get_absolute_url()}#{self.anchor}"

    @classmethod
    def anchor_from(cls, title):
        """The anchor made from ``title`` ("Hva lærer du?" → "hva-laerer-du"); a title of only
        "🎓" or "???" makes none, and the editor is asked to write one."""
        anchor = norwegian_slugify(title)[:80].rstrip("-_")
        if not anchor:
            raise ValidationError(cls.NO_ANCHOR, code="no_anchor")
        return anchor

    @classmethod
    def filled_anchor(cls, language, anchor, title):
        """``anchor`` in ``language``, or when it is empty, the one made from ``title`` (None
        without a title). A title that makes none is refused in nb; an English one leaves the
        anchor empty, and the English page reads nb's."""
        if anchor or not title:
            return anchor or None
        try:
            return cls.anchor_from(title)
        except ValidationError:
            if language == settings.LANGUAGE_CODE:
                raise
            return None

    def clean(self):
        """Fills in each language's anchor from its title when empty (English stays empty
        without an English title, and reads nb's), and refuses one in capitals or one the page
        itself uses.

        The English page also carries each section's nb anchor, so that links made before it
        had its own keep working: an anchor may not be another section's in any language. The
        other sections are read from the database, unless ``saved_with_its_siblings`` says
        they are being saved with this one, which checks them as they will be."""
        errors = {}
        for code, _name in settings.LANGUAGES:
            field, title = f"anchor_{code}", getattr(self, f"title_{code}")
            try:
                setattr(self, field, self.filled_anchor(code, getattr(self, field), title))
            except ValidationError as error:
                errors[field] = error
        others = set() if self.saved_with_its_siblings else self._anchors_of_other_sections()
        for code, _name in settings.LANGUAGES:
            field, anchor = f"anchor_{code}", getattr(self, f"anchor_{code}")
            if not anchor or field in errors:
                continue
            if anchor != anchor.lower() and not self._has_stored_anchor(field, anchor):
                errors[field] = ValidationError(
                    _("Write the anchor in lower case: “%(anchor)s”."),
                    code="anchor_not_lower_case",
                    params={"anchor": anchor.lower()},
                )
            elif anchor in self.RESERVED_ANCHORS or anchor.startswith(self.RESERVED_PREFIX):
                errors[field] = ValidationError(
                    _("“%(anchor)s” is used by the page itself; choose another anchor."),
                    code="reserved_anchor",
                    params={"anchor": anchor},
                )
            elif anchor in others:
                errors[field] = ValidationError(ANCHOR_TAKEN, code="duplicate_anchor")
        if errors:
            raise ValidationError(errors)

    def _has_stored_anchor(self, field, anchor):
        """Whether this section has ``anchor`` saved already: one in capitals from before
        they were refused stays, since links to it are case-sensitive (1 query, for capitals
        only)."""
        return (
            self.pk is not None and Section.objects.filter(pk=self.pk, **{field: anchor}).exists()
        )

    def _anchors_of_other_sections(self):
        """The anchors, in any language, of the programme's other sections (1 query)."""
        if self.programme_id is None:
            return set()
        fields = [f"anchor_{code}" for code, _name in settings.LANGUAGES]
        others = Section.objects.filter(programme_id=self.programme_id).exclude(pk=self.pk)
        return {anchor for row in others.values_list(*fields) for anchor in row if anchor}

    @classmethod
    def from_db(cls, db, field_names, values):
        section = super().from_db(db, field_names, values)
        section._loaded_texts = section.texts_by_language()
        return section

    def texts_by_language(self):
        """``{language: (title, heading, body)}`` as held now (deferred fields read as None)."""
        return {
            code: tuple(self.__dict__.get(f"{name}_{code}") for name in self.TRACKED_TEXTS)
            for code, _name in settings.LANGUAGES
        }

    @property
    def body_html(self):
        """The body in the active language, sanitized again on output.

        ``save()`` and ``loaddata`` skip the field's sanitizer, so we never trust stored HTML.
        """
        return mark_safe(richtext.sanitize(self.body))  # noqa: S308


class OldSlug(ChoiceLabels, models.Model):
    """A slug a published programme had before an editor changed it; it answers with a 301.

    Created by ``Programme.save()``: editors never write these by hand.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    slug = models.SlugField(_("URL slug"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old URL slug")
        verbose_name_plural = _("old URL slugs")
        ordering = ["language", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="old_slug_unique_per_language"
            )
        ]

    def __str__(self):
        return f"{self.language}: {self.slug}"
