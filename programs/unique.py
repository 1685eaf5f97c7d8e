"""A taken value is refused with a sentence that names what holds it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class NamesValueHolder:
    """Model mixin: a value of a unique field that another row has is refused with
    "«215 1210» er allerede brukt av «Psykisk helsearbeid (heltid)»." Django's own message,
    "Studievariant med Studiekode finnes allerede.", capitalises the field's label
    mid-sentence and says neither the value nor who has it, so the editor must go and look.

    Covers ``unique=True`` fields and single-field ``UniqueConstraint``s; the holder costs
    one query, only when the value is taken. ``unique_holder_label()`` names the holder.
    """

    def unique_error_message(self, model_class, unique_check):
        if len(unique_check) == 1:
            field = model_class._meta.get_field(unique_check[0])
            value = getattr(self, field.attname)
            # Not this row: Django reports a clash only with another one.
            holder = model_class._default_manager.filter(**{field.attname: value}).first()
            if holder is not None:
                return ValidationError(
                    _("“%(value)s” is already used by “%(holder)s”."),
                    code="unique",
                    params={"value": value, "holder": holder.unique_holder_label()},
                )
        return super().unique_error_message(model_class, unique_check)

    def unique_holder_label(self):
        return str(self)


def unique_together(model):
    """The field names of each of ``model``'s unique constraints, and of each unique text
    field (a study code) on its own."""
    return [
        *(
            constraint.fields
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields
        ),
        *(
            (field.name,)
            for field in model._meta.concrete_fields
            if field.unique and not field.primary_key and isinstance(field, models.CharField)
        ),
    ]


def _text_field(model, fields):
    return next((n for n in fields if isinstance(model._meta.get_field(n), models.CharField)), None)


def can_park(model, fields):
    """Whether ``park`` can move rows of ``model`` out of the way of the unique constraint on
    ``fields``: one of them is text, or nothing refers to the rows (a plan's course)."""
    return _text_field(model, fields) is not None or not model._meta.related_objects


def park(model, rows, using=None):
    """Move unique values out of the way before rows are saved one by one, so that two rows
    can swap values (two options their modes, two sections their anchors, two places in a
    plan their courses) or one take the value of one deleted in the same save: the
    constraints see each save on its own.

    ``rows`` maps a row's pk to the names of its fields that will change (``None``: all of
    them, for a row to be deleted or saved again whole). A constraint with a text field gets
    a stand-in there, ``~<n>``, which no real value looks like and which fits the shortest (a
    cohort's code has five characters). A row whose constraint has none, and that nothing
    refers to, is taken out: saving it with its pk puts it back (an UPDATE of no row is an
    INSERT). Call it inside the transaction that saves every parked row next; returns whether
    any row was moved."""
    manager = model._default_manager.db_manager(using)
    constraints = [(set(fields), _text_field(model, fields)) for fields in unique_together(model)]
    moved = 0
    for n, (pk, changing) in enumerate(rows.items()):
        row = manager.filter(pk=pk)
        texts = {text for fields, text in constraints if changing is None or fields & set(changing)}
        stand_ins = texts - {None}
        if None in texts and not model._meta.related_objects:
            moved += row.delete()[0]
        elif stand_ins:
            moved += row.update(**dict.fromkeys(stand_ins, f"~{n:x}"))
    return moved > 0
