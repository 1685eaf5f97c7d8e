"""Model fields of our own."""

from django import forms
from django.db import models

from programs.images import reencode, validate_image


class VerifiedImageField(models.ImageField):
    """An image field that accepts only what programs/images.py verifies, and stores it
    re-encoded without metadata under a name made from its content.

    The check runs in ``full_clean()`` (admin, builders, imports) and again when the file is
    first saved, so ``save()`` alone cannot store an unverified upload either. The same image
    uploaded twice is stored once. ``dimensions`` names the model's width and height fields,
    filled from the stored image when it is saved. Unlike ImageField's ``width_field``, they
    are never filled by reading the file when a row is loaded, so a file missing from the
    storage cannot break a page.
    """

    default_validators = [validate_image]

    def __init__(self, *args, dimensions=None, **kwargs):
        self.dimensions = dimensions
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        """A file field that leaves the image to ``validate_image``: Django's ImageField opens
        it with Pillow first and calls a picture of 400 million pixels "corrupted"; ours says
        it has too many pixels."""
        return super().formfield(**{"form_class": VerifiedImageFormField, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.dimensions:
            kwargs["dimensions"] = self.dimensions
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean, copies = reencode(file)
            name = self.generate_filename(model_instance, clean.name)
            if file.storage.exists(name):
                file.name, file._committed = name, True
            else:
                for copy in copies:  # first, so the page never names a copy not yet stored
                    file.storage.save(self.generate_filename(model_instance, copy.name), copy)
                file.save(clean.name, clean, save=False)
            size = (clean.width, clean.height)
        elif not file:
            size = (None, None)
        else:
            return file  # unchanged
        if self.dimensions:
            for attname, value in zip(self.dimensions, size, strict=True):
                setattr(model_instance, attname, value)
        return file


class VerifiedImageFormField(forms.FileField):
    """The upload as a file; ``VerifiedImageField``'s validator checks it is an image. The
    file chooser offers the formats it takes (the admin's widget too)."""

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": "image/jpeg,image/png,image/webp"}
