"""gunicorn settings: ``gunicorn --config config/gunicorn.py config.wsgi``.

Every knob has an environment variable; the defaults suit one container behind a load
balancer that terminates TLS.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Sync workers: pages are rendered from the database in milliseconds (make bench).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, with jitter so they do not all restart
max_requests_jitter = 200
# The load balancer is the only client; it sets X-Forwarded-For/Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"user_agent": "%(a)s"}'
)
