"""What a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE): a page with the admin's
look in the admin's language, saying how long to wait, with status 429 and Retry-After."""

import math

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {**admin.site.each_context(request), "minutes": minutes}
    response = render(
        request, "axes/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(minutes * 60)
    return response
