"""Strings the Norwegian admin shows that no catalogue translates, so ours does.

Our catalogue (locale/nb, LOCALE_PATHS) comes before Django's and every app's, so a msgid
translated there wins. But ``makemessages`` keeps only msgids it finds in our own sources:
each string below is marked here (``gettext_noop``, nothing is translated at import) for that
reason alone. tests/test_admin_strings.py renders the nb admin and fails on any of them in
English, and checks that every field label of the admin's forms is translated.

- ``DJANGO_ADMIN``: Django 5.2's admin templates use these msgids, and its nb catalogue lacks
  them (it has "Please correct the errors below." only without the plural form the change
  form asks for). Likewise django-axes' models and django-import-export's messages, which
  have no nb catalogue.
- ``CHANGE_MESSAGE_LABELS``: a history line ("Changed Text [en] and Anchor.") stores each
  changed field's form label in English (capitalised verbose name, modeltranslation's
  " [nb]"/" [en]" after a translated field) and translates it only when shown, with
  ``gettext(label)``. Our catalogue has the verbose names ("anchor"), not these labels.
- ``SCRIPT_STRINGS``: strings the admin's scripts look up with ``window.gettext``:
  django-prose-editor's link and list dialogs (it has no nb catalogue of its own; editor.js
  calls ``window.gettext`` when present, which is how it is localised), and Django's calendar
  and select-filter widgets, missing from Django's nb ``djangojs`` catalogue.
  ``script_catalogue`` serves them, translated by this catalogue, as a script that adds them
  to the admin's own JavaScript catalogue (``admin:jsi18n``). The editor's toolbar buttons
  ("bold", "insert link") are named in fixed English in editor.js and never looked up:
  static/admin-extra/toolbar-labels.js puts each name through ``window.gettext`` as the
  buttons appear, and the toolbar's names are here too.
"""

from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext
from django.utils.translation import gettext_noop as _
from django.views.i18n import JavaScriptCatalog

DJANGO_ADMIN = [
    ngettext_lazy("Please correct the error below.", "Please correct the errors below."),
    ngettext_lazy("entry", "entries"),
    _("Show counts"),
    _("Hide counts"),
    _("Sidebar"),
    _("Start typing to filter…"),
    _("Filter navigation items"),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Select all objects on this page for an action"),
    _("Select this object for an action - {}"),
    _("View selected %(model)s"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Added:"),
    _("Changed:"),
    _("Deleted:"),
    _("Thanks for spending some quality time with the web site today."),
    # Django's nb says "Legg til ny %s": "ny kull", "ny emne" for a neuter noun. Ours leave
    # the adjective out ("Legg til kull"), right for every gender.
    _("Add %s"),
    _("Add %(name)s"),
    _("Add another %(model)s"),
    _("Add another %(verbose_name)s"),
    # validate_slug: its nb says “gyldig "slug"”, a word an editor does not use.
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    # django-import-export 4, which has no nb catalogue: a file with a header and no rows.
    _("No valid data to import. Ensure your file has the correct headers or data for import."),
    # django-axes' models (lowercase verbose names), on the index and in the sidebar.
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
]

CHANGE_MESSAGE_LABELS = [
    _("Accepted bachelor fields"),
    _("Admission year"),
    _("Anchor"),
    _("Anchor [en]"),
    _("Anchor [nb]"),
    _("Application address"),
    _("Block"),
    _("Code"),
    _("Cohort"),
    _("Contact page"),
    _("Deadline day"),
    _("Deadline month"),
    _("Duration in semesters"),
    _("Final term"),
    _("Final year"),
    _("Grade-point calculator"),
    _("Heading"),
    _("Heading [en]"),
    _("Heading [nb]"),
    _("Heading above the sections"),
    _("Heading above the sections [en]"),
    _("Heading above the sections [nb]"),
    _("Hero image"),
    _("Hero image description"),
    _("Hero image description [en]"),
    _("Hero image description [nb]"),
    _("Kind"),
    _("Lead"),
    _("Lead [en]"),
    _("Lead [nb]"),
    _("Meta description"),
    _("Meta description [en]"),
    _("Meta description [nb]"),
    _("Name"),
    _("Name [en]"),
    _("Name [nb]"),
    _("Note"),
    _("Note [en]"),
    _("Note [nb]"),
    _("Notice"),
    _("Notice [en]"),
    _("Notice [nb]"),
    _("Other requirements"),
    _("Other requirements [en]"),
    _("Other requirements [nb]"),
    _("Outcome"),
    _("Place the block"),
    _("Position"),
    _("Programme"),
    _("Publish at"),
    _("Published"),
    _("Question or title"),
    _("Question or title [en]"),
    _("Question or title [nb]"),
    _("Quota"),
    _("Ranking"),
    _("Ranking [en]"),
    _("Ranking [nb]"),
    _("Replaced by"),
    _("Round"),
    _("Scale"),
    _("Study option"),
    _("Text [en]"),
    _("Text [nb]"),
    _("Title"),
    _("Title [en]"),
    _("Title [nb]"),
    _("To week"),
    _("URL slug [en]"),
    _("URL slug [nb]"),
    _("Unpublish at"),
    _("Week"),
    _("Where to apply"),
]

SCRIPT_STRINGS = [
    # django-prose-editor 0.28 (editor.js): the link dialog and the dialogs' buttons.
    _("URL"),
    _("Title"),
    _("Open in new window"),
    _("Edit Link"),
    _("Update"),
    _("Cancel"),
    _("Toggle fullscreen"),
    _("List properties"),
    _("List type"),
    _("Start at"),
    _("Decimal numbers"),
    _("Lowercase letters"),
    _("Uppercase letters"),
    _("Lowercase Roman numerals"),
    _("Uppercase Roman numerals"),
    # Its toolbar buttons' names (title and aria-label), for static/admin-extra/toolbar-labels.js.
    *(_("bold"), _("italic"), _("underline"), _("strike"), _("subscript"), _("superscript")),
    *(_("unordered list"), _("ordered list"), _("blockquote"), _("horizontal rule")),
    *(_("insert link"), _("remove link"), _("paragraph"), _("heading %s"), _("figure")),
    *(_("undo"), _("redo"), _("edit HTML"), _("Code"), _("Code block"), _("Styles")),
    # The block-type menu's choices (text, not a title), also relabelled there.
    *(_("Paragraph"), _("Heading %s")),
    # Django's calendar (date fields) and select filter (many-to-many fields).
    *(_("Sunday"), _("Monday"), _("Tuesday"), _("Wednesday")),
    *(_("Thursday"), _("Friday"), _("Saturday")),
    _("Choose all %s"),
    _("Choose selected %s"),
    _("Remove selected %s"),
    _("Remove all %s"),
    _('Choose %s by selecting them and then select the "Choose" arrow button.'),
    _('Remove %s by selecting them and then select the "Remove" arrow button.'),
    _("Type into this box to filter down the list of selected %s."),
    _("(click to clear)"),
    # modeltranslation's language menu above a change form (static/admin-extra/language-menu.js).
    _("Language of the fields"),
]


class ScriptCatalogue(JavaScriptCatalog):
    """``SCRIPT_STRINGS`` in the active language, as Django's JavaScript catalogue format.

    The script merges its entries into ``django.catalog``, whichever of it and the admin's
    own catalogue loads first, so ``window.gettext`` finds them either way.
    """

    packages = ["django.contrib.admin"]  # only for the plural rule of the djangojs domain

    def get_catalog(self):
        return {
            **{msgid: gettext(msgid) for msgid in SCRIPT_STRINGS},
            "%s selected option not visible": [
                ngettext("%s selected option not visible", "%s selected options not visible", n)
                for n in (1, 2)
            ],
            # The calendar's day initials: django.pgettext looks up "context\x04msgid".
            "abbrev. day Sunday\x04Sun": pgettext("abbrev. day Sunday", "Sun"),
            "abbrev. day Monday\x04Mon": pgettext("abbrev. day Monday", "Mon"),
            "abbrev. day Tuesday\x04Tue": pgettext("abbrev. day Tuesday", "Tue"),
            "abbrev. day Wednesday\x04Wed": pgettext("abbrev. day Wednesday", "Wed"),
            "abbrev. day Thursday\x04Thur": pgettext("abbrev. day Thursday", "Thur"),
            "abbrev. day Friday\x04Fri": pgettext("abbrev. day Friday", "Fri"),
            "abbrev. day Saturday\x04Sat": pgettext("abbrev. day Saturday", "Sat"),
        }


# Public like the admin's own jsi18n (admin:jsi18n): nothing in it is secret.
script_catalogue = ScriptCatalogue.as_view()
