"""A programme's history (django-reversion): what a version records, and what changed between two.

A version of a programme holds the programme and every row shown on its page: its sections,
and the relations apps built on programmes add with ``follow_from_programme()`` (admissions:
requirement, study options with their thresholds and plans, a plan's courses, cohorts with
weeks; not the courses themselves, which are shared by programmes). Restoring a version restores
all of them, and removes rows added since. Registration happens after modeltranslation has
added its ``_nb``/``_en`` columns, so both languages are recorded (FIELD-NOTES §6: registering
from models.py would record neither).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter

import reversion
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import Collector
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from reversion.errors import RevertError
from reversion.models import Revision, Version

from programs.choices import Status
from programs.models import OldSlug, Programme, Section, published_slugs
from programs.unique import park

# Model → the relations its versions follow. A child follows its parent too, so a change
# saved from the child's own admin page is recorded in its programme's history.
FOLLOW = {Programme: ["sections"], Section: ["programme"]}


def register():
    """(Re)register every model of a programme's history with its current follow list.

    reversion fixes a model's follow list when it is registered, and apps built on programmes
    add theirs after programs.admin has registered: so each addition registers again."""
    for model, follow in FOLLOW.items():
        if reversion.is_registered(model):
            reversion.unregister(model)
        reversion.register(model, follow=tuple(follow))


def follow_from_programme(relations, models):
    """Record ``relations`` of a programme in its history; ``models`` maps each related model
    to the relations it follows in turn (its children, and its parent)."""
    FOLLOW[Programme].extend(name for name in relations if name not in FOLLOW[Programme])
    for model, follow in models.items():
        FOLLOW.setdefault(model, []).extend(follow)
    register()


def comment(msgid, **params):
    """A revision comment every reader sees in their own language, whoever wrote it in
    which: kept as the English ``msgid`` (marked with ``gettext_noop``) and its ``params``,
    translated when shown by ``comment_text()``, as Django keeps its change messages. A
    parameter may be ``{language: text}`` (a programme's title in each language,
    ``titles()``): it is shown in the reader's, or in Norwegian when it has none."""
    return json.dumps({"comment": msgid, "params": params}, ensure_ascii=False)


def comment_text(stored):
    """A revision's comment in the active language: ours (``comment()``), Django's change
    message (“Changed title.”), or text as it was saved. A parameter named ``…_at`` is a
    moment (ISO 8601), written as the reader's language writes dates."""
    if stored.startswith("["):  # Django's, each row's name in every language (ours)
        try:
            stored = json.dumps(in_active_language(json.loads(stored)))
        except (ValueError, TypeError, AttributeError):
            pass  # not ours after all: Django shows it as it can
    if not stored.startswith("{"):
        return LogEntry(change_message=stored).get_change_message()
    try:
        data = json.loads(stored)
        params = {name: _param_text(name, value) for name, value in data["params"].items()}
        return _(data["comment"]) % params
    except (ValueError, KeyError, TypeError, AttributeError):
        return stored


def in_every_language(render):
    """``{language: render()}`` with each site language active in turn: a row's name that
    depends on it ("215 1210 (Full-time)", a section's title), for a reader of either."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = render()
    return texts


def in_active_language(change_message):
    """Django's change message (a list) with each row's name ``{language: name}`` (from
    ``KeepsChangeMessages``) as its name in the active language, or in Norwegian
    (``_param_text``): the message Django's ``LogEntry`` reads."""
    return [
        {
            action: {
                key: _param_text(key, value) if key == "object" else value
                for key, value in details.items()
            }
            if isinstance(details, dict)
            else details
            for action, details in entry.items()
        }
        for entry in change_message
    ]


def _param_text(name, value):
    if name.endswith("_at"):
        return moment_text(datetime.fromisoformat(value))
    if isinstance(value, dict):
        return value.get(get_language()) or value["nb"]
    return value


def titles(programme):
    """``{language: title}`` of ``programme`` for a comment's parameter (``comment()``)."""
    return {code: getattr(programme, f"title_{code}") for code, _name in settings.LANGUAGES}


def moment_text(moment, format="DATETIME_FORMAT"):
    """A moment in the current time zone, as the active language writes it (``format``:
    "SHORT_DATETIME_FORMAT" for "03.12.2026 20:43")."""
    return date_format(localtime(moment), format)


def save_with_comment(obj, user, comment):
    """Save ``obj`` in a revision of its own, with who did it and why."""
    with reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(comment)


def record(obj, user, comment):
    """Record ``obj`` as it is now (e.g. just before it is deleted), with who and why."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(user)
        reversion.set_comment(comment)


class KeepsChangeMessages:
    """Admin mixin: a revision's comment is Django's change message as Django keeps it (JSON,
    untranslated), shown in each reader's language by ``comment_text()``. reversion's
    VersionAdmin would keep it translated into the language of whoever saved."""

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's message, with the name of each row it added, changed or deleted in every
        language (``in_every_language``): "215 1210 (Full-time)" reads "(Heltid)" in Norwegian.
        Django writes the name in the saving editor's language only."""
        message = super().construct_change_message(request, form, formsets, add)
        rows = [
            row
            for formset in formsets or []
            for row in (
                *formset.new_objects,
                *(changed for changed, _fields in formset.changed_objects),
                *formset.deleted_objects,
            )
        ]
        names = in_every_language(lambda: [str(row) for row in rows])
        named = [details for entry in message for details in entry.values() if "object" in details]
        for i, details in enumerate(named):  # in Django's order: as ``rows``
            details["object"] = {code: names[code][i] for code in names}
        return message

    def log_addition(self, request, obj, message):
        return self._logged(super().log_addition, request, obj, message)

    def log_change(self, request, obj, message):
        return self._logged(super().log_change, request, obj, message)

    @staticmethod
    def _logged(log, request, obj, message):
        """``log`` Django's LogEntry with the rows named in the editor's language, and keep
        the message with every language as the revision's comment."""
        if not isinstance(message, list):
            return log(request, obj, message)
        entry = log(request, obj, in_active_language(message))
        if reversion.is_active():
            reversion.set_comment(json.dumps(message, ensure_ascii=False))
        return entry


class RecordsDeletions:
    """Admin mixin: deleting rows (on their page or by the action) is a revision by the editor
    in the history of each programme they were part of (``programmes_of``), which is recorded
    as it is after the deletion (the earlier version still holds the rows)."""

    def recorded(self, request, view, *args, comment=None, **kwargs):
        """``view`` in one revision by the editor; ``comment`` unless it sets its own."""
        with reversion.create_revision():
            reversion.set_user(request.user)
            if comment:
                reversion.set_comment(comment)
            return view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self.recorded(request, super().changelist_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self.recorded(request, super().delete_view, *args, **kwargs)

    def delete_model(self, request, obj):
        self.delete_queryset(request, self.model._default_manager.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        programmes = self.programmes_of(queryset)
        names = in_every_language(lambda: ", ".join(str(row) for row in queryset))
        super().delete_queryset(request, queryset)
        for programme in programmes:
            reversion.add_to_revision(programme)
        reversion.set_comment(comment(gettext_noop("Deleted %(rows)s."), rows=names))

    def programmes_of(self, rows):
        raise NotImplementedError


class RecordedInHistory(RecordsDeletions, KeepsChangeMessages):
    """Admin mixin for a model of a programme's history edited on its own pages (study
    options, cohorts, thresholds, plans): each save, list edit, action, import or deletion
    there is a revision with the editor and Django's change message, shown in its programme's
    history.

    Saved rows reach their programme through FOLLOW; a deleted row is gone, so its programme
    is recorded as it is after the deletion (``RecordsDeletions``). ``programme_of`` is the
    dotted path from a row to its programme."""

    programme_of = "programme"

    def programmes_of(self, rows):
        return {attrgetter(self.programme_of)(row) for row in rows}

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's message, with the row itself named too: its programme's history read
        "Changed Programme." of a cohort moved on its own page, and not which cohort."""
        message = super().construct_change_message(request, form, formsets, add)
        names = in_every_language(lambda: str(form.instance))
        with translation.override(None):  # Django keeps the kind untranslated, as its own
            kind = str(form.instance._meta.verbose_name)
        for entry in message:
            for details in entry.values():
                if isinstance(details, dict) and "object" not in details:
                    details.update(name=kind, object=names)
        return message

    def changeform_view(self, request, *args, **kwargs):
        return self.recorded(request, super().changeform_view, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        """Save ``obj``; a row moved to another programme (a cohort put under the right one)
        is recorded in the history of the programme it left as well."""
        left = self._programme_in_database(obj) if change else None
        super().save_model(request, obj, form, change)
        if left is not None and left != attrgetter(self.programme_of)(obj):
            reversion.add_to_revision(left)

    def _programme_in_database(self, obj):
        saved = self.model._default_manager.filter(pk=obj.pk).first()
        return saved and attrgetter(self.programme_of)(saved)


# --- Comparing two versions ------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class RowChange:
    kind: str  # "added" | "removed" | "changed"
    label: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class ModelChanges:
    label: str
    rows: list[RowChange]


@dataclass
class Comparison:
    programme: list[FieldChange]
    children: list[ModelChanges]

    @property
    def is_empty(self):
        return not (self.programme or self.children)


def compared_fields(model):
    """The fields an editor sets, each language on its own: ``title_nb`` and ``title_en``
    but not the shared ``title`` column, whose content modeltranslation leaves undetermined."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    return [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.editable and not f.primary_key and f.name not in translated
    ]


EMPTY = (None, "", [])  # no value: shown as "—", and never a change from one to another


def shown(model_field, value):
    """``value`` of ``model_field`` as an editor reads it (choice labels, names, plain text)."""
    if value in EMPTY:
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.DecimalField):  # "7,5" in nb, as the form writes it
        return number_format(value, model_field.decimal_places)
    if isinstance(value, datetime):  # "05.12.2026 08:26" in nb, in the site's time zone
        return moment_text(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if model_field.many_to_many:
        related = model_field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(str(r) for r in related) or "—"
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    return strip_tags(str(value)).strip() if isinstance(value, str) else str(value)


def field_changes(model, old, new):
    """What differs between two ``field_dict``s of ``model`` (``old`` may be empty). An empty
    text is the same as none: a field added by a migration is None in older versions."""
    changes = []
    for f in compared_fields(model):
        a, b = old.get(f.attname), new.get(f.attname)
        if f.many_to_many:
            a, b = sorted(a or []), sorted(b or [])
        if a != b and not (a in EMPTY and b in EMPTY):
            changes.append(FieldChange(str(f.verbose_name), shown(f, a), shown(f, b)))
    return changes


def programme_rows(version):
    """The versions of ``version``'s revision that belong to its programme: the programme and
    the rows reached by following from it (a revision may hold several programmes)."""
    rows = {(version.content_type_id, version.object_id): version}
    others = list(version.revision.version_set.select_related("content_type"))
    parents = {
        m: _parent_fields(m) for m in {v._model for v in others} if m and reversion.is_registered(m)
    }
    grew = True
    while grew:
        grew = False
        for other in others:
            key = (other.content_type_id, other.object_id)
            if key in rows or other._model not in parents:
                continue
            for parent_field in parents[other._model]:
                parent_key = (
                    ContentType.objects.get_for_model(parent_field.related_model).pk,
                    str(other.field_dict.get(parent_field.attname)),
                )
                if parent_key in rows:
                    rows[key] = other
                    grew = True
                    break
    return rows


def rows_of(row):
    """The rows a version of ``row`` would hold now: following FOLLOW to its children, theirs,
    and so on, never back to a parent."""
    found = []
    for name in FOLLOW.get(type(row), []):
        if getattr(row._meta.get_field(name), "concrete", False):
            continue  # a foreign key of its own: the parent
        try:
            related = getattr(row, name)
        except ObjectDoesNotExist:
            continue  # a one-to-one row it does not have
        children = related.all() if isinstance(related, models.Manager) else [related]
        for child in children:
            found += [child, *rows_of(child)]
    return found


def holder(row):
    """The programme ``row`` belongs to now, through its parents, or None."""
    while row is not None and not isinstance(row, Programme):
        parents = (getattr(row, f.name) for f in _parent_fields(type(row)))
        row = next((parent for parent in parents if parent is not None), None)
    return row


def restore(version, delete=False, rows=None):
    """Bring back ``version``'s programme and its rows as they were in it (``rows``: its
    ``programme_rows()``, when already read), and nothing else; with ``delete``, also delete
    the programme's rows that the version does not hold (``added_since``).

    Stands in for reversion's ``Revision.revert`` (``ProgrammeAdmin``), which reverts every
    programme of the revision (a threshold import's revision holds each programme it changed)
    and deletes whatever it reaches from the rows as they are now: through a cohort moved to
    another programme since, that other programme and everything it has."""
    rows = list((rows or programme_rows(version)).values())
    with transaction.atomic(using=version.db):
        previous = published_slugs(version.object_id)
        if delete:
            added = defaultdict(list)
            for row in added_since(version, rows):
                added[type(row)].append(row)
            collector = Collector(using=version.db)
            for group in added.values():
                collector.collect(group)
            collector.delete()
        for row in rows:
            _drop_deleted_links(row)
        _revert(rows)
        # Reversion saves rows raw, without Programme.save(): the addresses it had answer
        # with a redirect to the restored one, as after a rename.
        restored = Programme._default_manager.using(version.db).get(pk=version.object_id)
        restored.keep_addresses(previous if restored.is_published else None)
        bring_back_addresses(restored)


def bring_back_addresses(programme):
    """Every address ``programme`` published, by its versions, answers with a redirect to it
    again, unless a programme has it as a live slug now (in either language: those are found
    first). A deleted programme took its old slugs with it, and they are not in its versions:
    a recovered one had only its own. Reads the versions' stored JSON, not ``field_dict``:
    only three fields, and an old version the models no longer read cannot stop a restore."""
    if not programme.is_published:
        return  # a draft's address answers 404 and must not be led to
    db = programme._state.db
    languages = [code for code, _name in settings.LANGUAGES]
    had = set()
    for data in versions_of(programme.pk).using(db).values_list("serialized_data", flat=True):
        try:
            fields = json.loads(data)[0]["fields"]
        except (ValueError, LookupError, TypeError):
            continue
        if fields.get("is_published"):
            had |= {(code, fields.get(f"slug_{code}")) for code in languages}
    for code, slug in had:
        if not slug or slug == getattr(programme, f"slug_{code}"):
            continue
        if Programme._default_manager.using(db).with_slug(slug, code) is None:
            OldSlug._default_manager.using(db).get_or_create(
                language=code, slug=slug, defaults={"programme": programme}
            )


def added_since(version, rows):
    """The rows ``version``'s programme has now that the version (its ``rows``) does not."""
    programme = Programme._default_manager.using(version.db).filter(pk=version.object_id)
    current = programme.first()
    recorded = {(v.content_type_id, v.object_id) for v in rows}
    return [
        row
        for row in (rows_of(current) if current else [])
        if (ContentType.objects.get_for_model(row).pk, str(row.pk)) not in recorded
    ]


def _drop_deleted_links(version, dry_run=False):
    """Leave out of ``version``'s many-to-many lists the rows deleted since (fields of study
    are shared, not recorded): reversion would write the link, and the database refuse it at
    the commit (a 500). Returns whether there were any."""
    lists = (version._object_version.m2m_data or {}) if version._model else {}
    dropped = False
    for name, keys in lists.items():
        target = version._model._meta.get_field(name).related_model
        found = {
            str(key)
            for key in target._default_manager.filter(pk__in=keys).values_list("pk", flat=True)
        }
        kept = [key for key in keys if str(key) in found]
        dropped = dropped or len(kept) < len(keys)
        if not dry_run:
            lists[name] = kept
    return dropped


def _revert(versions):
    """Save each version's row; one that needs a row later in the list (its parent) is tried
    again after the others, as reversion does. When none of those left can be saved, their
    unique values are moved out of the way once (``_park``) and they are tried again: two
    options that swapped modes since, or two sections their anchors, each clash with the
    other."""
    parked = False
    while versions:
        waiting = []
        for version in versions:
            try:
                with transaction.atomic(using=version.db):
                    version.revert()
            except (IntegrityError, ObjectDoesNotExist):
                waiting.append(version)
        if len(waiting) == len(versions):
            if not parked and _park(waiting):
                parked = True
                continue
            names = ", ".join(version_name(version) for version in waiting)
            message = _("%(rows)s could not be brought back.") % {"rows": names}
            raise RevertError(" ".join([message, *clashes(waiting)]))
        versions = waiting


def clashes(versions):
    """Why the rows of ``versions`` cannot be saved, as their models' validation says it:
    "«215 1210» is already used by «Sykepleie (full-time)»", a row no restore moves."""
    reasons = []
    for version in versions:
        row = version._object_version.object
        row._state.adding = False  # the row as saved over itself: no clash with its own pk
        try:
            row.validate_unique()
            row.validate_constraints()
        except ValidationError as error:
            reasons += [reason for reason in error.messages if reason not in reasons]
    return reasons


def _park(versions):
    """Give the unique values of the rows ``versions`` are to save stand-ins (``park``), so
    that they can take each other's; whether any row was moved. Each is saved again from its
    version next."""
    rows = defaultdict(dict)
    for version in versions:
        rows[version._model][version.object_id] = None
    return any([park(model, pks, using=versions[0].db) for model, pks in rows.items()])


def _parent_fields(model):
    """The foreign keys of ``model`` whose target follows them back (child → parent)."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey | models.OneToOneField)
        and f.remote_field.get_accessor_name() in FOLLOW.get(f.related_model, [])
    ]


def compare(old_version, new_version):
    """Field by field, both languages: the programme's changes, then its rows added, removed
    or changed, grouped by kind in the order the page shows them."""
    old_rows, new_rows = programme_rows(old_version), programme_rows(new_version)
    programme = field_changes(Programme, old_version.field_dict, new_version.field_dict)
    programme_type = new_version.content_type_id
    children = []
    for content_type_id in dict.fromkeys(k[0] for k in [*old_rows, *new_rows]):
        if content_type_id == programme_type:
            continue
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        keys = sorted(
            {k for k in [*old_rows, *new_rows] if k[0] == content_type_id}, key=_numeric_id
        )
        rows = [_row_change(model, old_rows.get(k), new_rows.get(k)) for k in keys]
        if rows := [r for r in rows if r]:
            children.append(ModelChanges(str(model._meta.verbose_name_plural).capitalize(), rows))
    return Comparison(programme, children)


def _numeric_id(key):
    return (0, int(key[1])) if key[1].isdigit() else (1, key[1])


def _row_change(model, old, new):
    if old is None:
        return RowChange("added", version_name(new), field_changes(model, {}, new.field_dict))
    if new is None:
        return RowChange("removed", version_name(old))
    changes = field_changes(model, old.field_dict, new.field_dict)
    return RowChange("changed", version_name(new), changes) if changes else None


def version_name(version):
    """What ``version``'s row is called in the active language ("215 1210 (Heltid)", a
    section's title): its object as saved, named now. reversion's ``object_repr`` is the name
    in the language of whoever saved it; it stays the answer when the name needs a row that
    is gone (a threshold names its deleted study option's code)."""
    try:
        return str(version._object_version.object)
    except ObjectDoesNotExist:
        return version.object_repr


@dataclass
class Restoring:
    """An editor bringing back ``version`` of a programme: one they chose in its history, or
    its last one before it was deleted (``recovered``)."""

    version: Version
    recovered: bool

    def message(self, programme):
        if self.recovered:
            return _(
                "“%(programme)s” is recovered, with everything it had when it was deleted."
            ) % {"programme": programme}
        return _("“%(programme)s” is restored to the version saved on %(saved_at)s") % {
            "programme": programme,
            "saved_at": moment_text(self.version.revision.date_created),
        }

    @cached_property
    def rows(self):
        """The versions of this programme's rows (``programme_rows``), read once."""
        return programme_rows(self.version)

    def kinds_not_allowed(self, user):
        """The kinds of row (plural names) this restore would write or delete that ``user``
        may not add, change and delete: it brings back rows deleted since, writes the rest
        as they were and deletes rows added since. A role that edits programmes but not,
        say, their study options must not change them through the history."""
        models = {row._model for row in self.rows.values() if row._model is not None}
        models |= {type(row) for row in added_since(self.version, list(self.rows.values()))}
        return sorted(
            str(model._meta.verbose_name_plural)
            for model in models - {Programme}
            if not all(
                user.has_perm(
                    f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}"
                )
                for action in ("add", "change", "delete")
            )
        )

    def refusal(self):
        """Why this version cannot be brought back, in the reader's language, or None."""
        if missing := self.missing_rows():
            return _(
                "This version cannot be brought back: it places courses deleted since "
                "(%(rows)s). Add those courses again, or choose a later version."
            ) % {"rows": ", ".join(missing)}

        if held := self.rows_held_elsewhere():
            row, holder = held[0]
            return _(
                "This version cannot be brought back: “%(row)s” belongs to “%(holder)s” now, "
                "and bringing the version back would take it from there. Move it back first "
                "if that is what you want, or choose a version saved after it moved."
            ) % {"row": row, "holder": holder}
        if moved_in := self.rows_moved_in():
            return _(
                "This version cannot be brought back: “%(row)s” was moved here from another "
                "programme after it was saved, and bringing the version back would delete it. "
                "Move it back first if that is what you want, or choose a version saved after "
                "it was moved."
            ) % {"row": moved_in[0]}
        if taken := self.taken_addresses():
            address, holder = taken[0]
            return _(
                "This version cannot be brought back: its address “%(address)s” is now used by "
                "“%(holder)s”. Give that programme another address first, or choose another "
                "version."
            ) % {"address": address, "holder": holder}
        return None

    def missing_rows(self):
        """Rows of this version that point at a row deleted since and not in the version (a
        plan's course: courses are shared, not recorded), which reversion cannot bring back:
        their names as saved."""
        missing = []
        for row in self.rows.values():
            model = row._model
            for key in model._meta.concrete_fields if model else []:
                target = key.related_model
                if not key.many_to_one or reversion.is_registered(target):
                    continue
                pk = row.field_dict.get(key.attname)
                if pk is not None and not target._default_manager.filter(pk=pk).exists():
                    missing.append(row.object_repr)
        return missing

    def deleted_links_message(self):
        """What to tell the editor when this version names, in a many-to-many list, a shared
        row deleted since (an accepted field of study): it comes back without it
        (``_drop_deleted_links``). Deleting a field of study is in the histories of the
        programmes that accepted it (``FieldOfStudyAdmin``), so later versions are whole."""
        if any(_drop_deleted_links(row, dry_run=True) for row in self.rows.values()):
            return _(
                "This version accepts a field of study that has been deleted since, so it "
                "comes back without it."
            )
        return ""

    def rows_held_elsewhere(self):
        """``(row, programme)`` for each row of this version that another programme holds now
        (a cohort moved to the right programme since): bringing the version back would take
        it from there. Their kind and names now ("cohort 2023H")."""
        by_model = defaultdict(list)
        for row in self.rows.values():
            by_model[row._model].append(row)
        held = []
        for model, rows in by_model.items():
            parents = [f.attname for f in _parent_fields(model)]
            if model is Programme or not parents:
                continue
            recorded = {row.object_id: [row.field_dict.get(a) for a in parents] for row in rows}
            now = model._default_manager.filter(pk__in=recorded).values_list("pk", *parents)
            moved = [pk for pk, *current in now if current != recorded[str(pk)]]
            for row in model._default_manager.filter(pk__in=moved):
                programme = holder(row)
                if programme is not None and str(programme.pk) != self.version.object_id:
                    held.append((f"{model._meta.verbose_name} {row}", str(programme)))
        return held

    def rows_moved_in(self):
        """Rows the programme has now, not in this version, that another programme had before
        (a cohort moved here since): bringing the version back would delete them as rows
        added since. Their kind and names ("cohort 2023H")."""
        moved = []
        for row in added_since(self.version, list(self.rows.values())):
            parents = _parent_fields(type(row))
            earlier = {
                (field, version.field_dict.get(field.attname))
                for version in Version.objects.get_for_object(row)
                for field in parents
            }
            if any(self._elsewhere(field, pk) for field, pk in earlier):
                moved.append(f"{row._meta.verbose_name} {row}")
        return moved

    def _elsewhere(self, field, pk):
        """Whether the parent row ``pk`` of foreign key ``field`` belongs to another programme
        (or is gone), not to this version's."""
        if pk is None:
            return False
        parent = field.related_model._default_manager.filter(pk=pk).first()
        programme = holder(parent)
        return programme is None or str(programme.pk) != self.version.object_id

    def taken_addresses(self):
        """``(address, programme)`` for each address (slug) of this version that another
        programme has taken since: bringing it back would break their uniqueness, which
        reversion reports as a "missing dependency". Found by the model's own constraint
        check, whose message names the holder (programs/unique.py)."""
        programme = self.version._object_version.object
        programme._state.adding = False  # its own row, if it is still there, is no clash
        try:
            programme.validate_constraints()
        except ValidationError as error:
            return [
                (clash.params["value"], clash.params["holder"])
                for name in ("slug_nb", "slug_en")
                for clash in error.error_dict.get(name, [])
            ]
        return []

    def lost_successor(self):
        """The successor this version names, as last recorded, when that programme has been
        deleted since (None otherwise): the form cannot offer it, so the programme comes back
        without one; if it is discontinued, its page then answers 410."""
        pk = self.version.field_dict.get("replaced_by_id")
        if pk is None or Programme.objects.filter(pk=pk).exists():
            return None
        last = versions_of(pk).first()
        return version_name(last) if last else f"#{pk}"

    def title(self):
        """The restore page's heading, the programme named in the reader's language
        (reversion's heading names it in the language it was saved in)."""
        name = version_name(self.version)
        if self.recovered:
            return _("Recover %(name)s") % {"name": name}
        return _("Revert %(name)s") % {"name": name}

    def lost_successor_message(self):
        """What to tell the editor about ``lost_successor()``, in their language, or ''."""
        successor = self.lost_successor()
        if successor is None:
            return ""
        message = _(
            "This version names “%(successor)s” as its successor, which has been deleted "
            "since, so it comes back without one."
        ) % {"successor": successor}
        if self.version.field_dict.get("status") == Status.DISCONTINUED:
            message += " " + _(
                "As a discontinued programme with no successor, its page will say that it has "
                "been discontinued (410). If a programme takes its place, choose it under "
                "“Replaced by”."
            )
        return message

    def record(self, user, newest_before):
        """Replace reversion's comment (translated into the restorer's language) on the
        revision this restore saved with ours (untranslated): the revision by ``user`` holding
        this programme, newer than ``newest_before`` (the newest before the restore)."""
        if self.recovered:
            text = comment(gettext_noop("Recovered after it was deleted."))
        else:
            text = comment(
                gettext_noop("Restored the version saved on %(saved_at)s"),
                saved_at=self.version.revision.date_created.isoformat(),
            )
        Revision.objects.filter(
            pk__gt=newest_before,
            user=user,
            version__content_type=self.version.content_type_id,
            version__object_id=self.version.object_id,
        ).update(comment=text)


def versions_of(programme_pk):
    """Every version of programme ``programme_pk``, newest first, with revision and user."""
    return (
        Version.objects.get_for_object_reference(Programme, programme_pk)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )
