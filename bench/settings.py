"""The production settings, plus one scratch directory that whitenoise serves: ``make bench``'s
case (b), a saved programme page served as a static file by our own gunicorn.

Only the load benchmark uses this module (``DJANGO_SETTINGS_MODULE=bench.settings``); the
directory comes from ``BENCH_WHITENOISE_ROOT`` and its files are served from the site's root,
so ``<dir>/static/bench/x.html`` answers at ``/static/bench/x.html``, beside the real static files.
"""

import os

from config.settings import *  # noqa: F403

WHITENOISE_ROOT = os.environ["BENCH_WHITENOISE_ROOT"]
