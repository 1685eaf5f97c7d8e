"""gunicorn settings: ``gunicorn --config config/gunicorn.py config.wsgi``.

Every knob has an environment variable; the defaults suit one container behind a load
balancer that terminates TLS.
"""

import multiprocessing
import os

from config.logs import TEXT_ACCESS_FORMAT, gunicorn_logconfig, log_format

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Sync workers: pages are rendered from the database in milliseconds (make bench).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are forked from a master that has already imported Django and the apps, so a new
# worker serves at once. Recycling (a guard against slow leaks, with jitter so the workers do
# not restart together) is rare: at 2,000 requests, a worker serving cached pages at ~700 req/s
# restarted every 3 s, and each restart that imported Django put ~0.5-1 s into the p99
# (docs/benchmarks.md).
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# Only these peers (the load balancer: addresses or CIDR networks, comma-separated) may say a
# request came over HTTPS; gunicorn then sets wsgi.url_scheme, which is all Django reads
# (settings: no SECURE_PROXY_SSL_HEADER). From anyone else X-Forwarded-Proto is ignored.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1"
# The one header our load balancer sets, and only the exact value "https" counts: a list such
# as "https, http" is http. (gunicorn's default also trusts X-Forwarded-Ssl and
# X-Forwarded-Protocol, and answers 400 when they disagree.)
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}


# A request gunicorn refuses itself (a request line over 4 KB, a malformed header, …) gets the
# site's page in both languages with the site's headers, not gunicorn's (config/rejected.py).
def post_worker_init(worker):
    from config import rejected

    rejected.install()


# Logs on stdout: one JSON object per line (config/logs.py), or text with LOG_FORMAT=text.
accesslog = "-"
errorlog = "-"
if log_format() == "json":
    logconfig_dict = gunicorn_logconfig()
else:
    access_log_format = TEXT_ACCESS_FORMAT
