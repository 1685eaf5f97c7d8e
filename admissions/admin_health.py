"""The content-health page in the admin: every finding of admissions/health.py, grouped by
programme, each linking to the admin page where it is fixed. For any staff member.

Mounted under the admin's path by config/urls.py (``include("admissions.admin_health")``),
before the admin site's own URLs; linked from the admin index (templates/admin/index.html).
"""

from itertools import groupby

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from admissions.health import find_problems


@require_safe
def content_health(request):
    findings = find_problems(timezone.localdate())
    context = {
        **admin.site.each_context(request),
        "title": _("Content health"),
        "findings": findings,
        "by_programme": [
            (programme, list(rows))
            for programme, rows in groupby(findings, key=lambda finding: finding.programme)
        ],
    }
    return TemplateResponse(request, "admin/health.html", context)


urlpatterns = [path("health/", admin.site.admin_view(content_health), name="content-health")]
