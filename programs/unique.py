"""A taken value is refused with a sentence that names what holds it."""

from django.core.exceptions import ValidationError
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
