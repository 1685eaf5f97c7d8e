from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programme pages")  # not "Programmes › Programmes" in breadcrumbs

    def ready(self):
        from programs.models import Section
        from programs.signals import connect

        connect(Section, lambda section: section.programme_id)
