"""WSGI entry point for gunicorn and other servers."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:  # a missing or malformed setting: say which, once
    sys.exit(f"Studieside cannot start: {error}")
