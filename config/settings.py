"""Studieside settings: one module, every knob an environment variable.

Defaults are safe: SQLite next to the code, a cache in files, DEBUG off unless asked
(``make run`` asks; the test suite runs the production configuration with throwaway secrets).
With DEBUG off the site refuses to start without SECRET_KEY, ALLOWED_HOSTS and SITE_URL, and serves
HTTPS only unless HTTPS=0. README "Deploying" lists every variable.
"""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.client_ip import trusted_proxies
from config.csp import media_origin
from config.env import env_flag, env_int, env_list, env_origin, env_path_segment, env_str
from config.logs import log_format

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_flag("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's public origin: every absolute URL (canonical, hreflang, Open Graph, JSON-LD,
# sitemap, robots.txt, calendar feeds) is built from it (config/site.py), never from the Host
# or forwarded headers of a request. In development, unset, the request's own origin.
SITE_URL = env_origin("SITE_URL")
if not DEBUG:
    required = {"SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": ALLOWED_HOSTS, "SITE_URL": SITE_URL}
    missing = [name for name, value in required.items() if not value]
    if missing:
        names = " and ".join([", ".join(missing[:-1]), missing[-1]] if missing[:-1] else missing)
        raise ImproperlyConfigured(f"DEBUG is off: set {names} in the environment.")

INSTALLED_APPS = [
    # modeltranslation must come before the admin (its installation docs require it).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_prose_editor",
    "programs",
    "admissions",
    "axes",  # login throttling, see AXES_* below
    "csp",  # only for its system checks of CONTENT_SECURITY_POLICY; the middleware is ours
    "reversion",  # history and restore of content (programs/admin.py registers the models)
    "import_export",  # the yearly threshold import in the admin
]

MIDDLEWARE = [
    # First: every response and every log line written while handling it gets a request id.
    "config.request_id.RequestIdMiddleware",
    # Security headers, above whitenoise: it answers static files itself, and only middleware
    # listed above it sees those responses. Above SecurityMiddleware: its redirects get them too.
    "config.csp.ContentSecurityPolicyMiddleware",
    "config.csp.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /healthz and /readyz: below the security headers (the probes get them too), above host
    # checks; SECURE_REDIRECT_EXEMPT keeps them on plain HTTP.
    "config.middleware.HealthCheckMiddleware",
    # Below the security headers (a hit gets them as a fresh page does), above everything
    # else: a hit skips sessions, locale, the view and the database (config/page_cache.py).
    "config.page_cache.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.i18n.PathCaseMiddleware",  # /EN/PROGRAMMES/ → /en/programmes/
    "django.middleware.locale.LocaleMiddleware",
    "config.admin_language.AdminLanguageMiddleware",  # the admin: cookie or browser language
    "django.middleware.common.CommonMiddleware",
    "config.middleware.ConditionalGetMiddleware",  # Django's, and HEAD as GET
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into config/lockout.py's page
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.AdminActionRowsMiddleware",  # an action on rows that are not ids
    "config.middleware.AdminDateLookupsMiddleware",  # a date drill-down that is not a date
    # Last: a database that cannot be reached is a 503 page in the reader's language.
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
# SQLite (development, `make run`, tests): a transaction takes the write lock when it begins
# and waits up to 20 s for another one to finish. A deferred one that read first and then wrote
# got "database is locked" at once, without waiting: two editors saving at the same moment
# under runserver's threads or two gunicorn workers got the 503 page and lost their save.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache: Redis when several app servers share one (REDIS_URL); otherwise files in
# CACHE_DIR, one cache for every process of this machine (gunicorn's workers, manage.py), never
# one process's memory: config/cache.py says why. django-redis, not Django's RedisCache, because
# it can ignore a Redis that is down: the site then serves from the database, slower, instead of
# failing (FIELD-NOTES §8); SharedFileCache ignores a failing disk the same way. Keys start with
# a digest of the database, so sites or test runs on other databases that share a Redis or a
# folder never read each other's pages.
REDIS_URL = env_str("REDIS_URL")
CACHE_DIR = env_str("CACHE_DIR") or str(Path(tempfile.gettempdir()) / f"studieside-{os.getuid()}")
_DATABASE_KEY = hashlib.sha256(repr(sorted(DATABASES["default"].items())).encode()).hexdigest()
CACHES = {
    "default": {
        "KEY_PREFIX": _DATABASE_KEY[:12],
        **(
            {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "OPTIONS": {
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 1,
                    "SOCKET_TIMEOUT": 1,
                },
            }
            if REDIS_URL
            else {
                "BACKEND": "config.cache.SharedFileCache",
                "LOCATION": CACHE_DIR,
                # Both languages' pages of 400 programmes and their lists, many times over.
                "OPTIONS": {"MAX_ENTRIES": 20_000},
            }
        ),
    }
}

# Whole pages for anonymous readers, in that cache (config/page_cache.py). Any content save
# makes every page fresh at once; the timeout bounds staleness for anything that does not.
PAGE_CACHE = env_flag("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = 10 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: nb first, because modeltranslation takes the first entry as its default.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
MODELTRANSLATION_DEFAULT_LANGUAGE = "nb"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nb",)
# modeltranslation's tabs need jQuery UI; the default is a Google CDN URL. Vendored instead
# (static/vendor/jquery-ui, 1.14.1 from npm) so the admin works offline and under a strict CSP.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (hero images). By default files under MEDIA_ROOT, served by the app at MEDIA_URL
# (config/media.py), which suits one server or a shared volume. Several app servers without
# a shared disk use S3-compatible object storage (MinIO, Ceph, a cloud store) through
# django-storages; pages then link the bucket (or MEDIA_S3_CUSTOM_DOMAIN) directly.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
MEDIA_S3_SIGNED_URLS = env_flag("MEDIA_S3_SIGNED_URLS", default=False)
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            # Unset: boto3's own chain (AWS_* variables, an instance role).
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": MEDIA_S3_SIGNED_URLS,
            "default_acl": None if MEDIA_S3_SIGNED_URLS else "public-read",
            # Names are content hashes (programs/images.py): the same name is the same bytes.
            "file_overwrite": True,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable",
                "ContentDisposition": "inline",
            },
        },
    }
    if MEDIA_S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Public pages carry no per-request data, so a session cookie is only ever set for staff.
# A staff session ends after STAFF_SESSION_MINUTES without a request: each request saves the
# session and so pushes its expiry on (the database write is only ever a staff member's).
SESSION_COOKIE_AGE = env_int("STAFF_SESSION_MINUTES", default=120) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Django's default, stated: never sent with a cross-site POST
CSRF_COOKIE_SAMESITE = "Lax"

# The admin's path (ADMIN_PATH, e.g. "kontor/"): config/urls.py mounts it there, robots.txt
# follows. It moves the admin away from bots that try /admin/; it is no secret (see README).
ADMIN_PATH = env_path_segment("ADMIN_PATH", default="admin/")
if ADMIN_PATH in {f"{code}/" for code, _name in LANGUAGES} | {"static/", "media/", "studier/"}:
    raise ImproperlyConfigured(f"ADMIN_PATH {ADMIN_PATH!r} is taken by the public site.")

# Login throttling (django-axes): five failed logins for one username from one address lock
# that pair out for AXES_COOLOFF_TIME, counted in the database so every app server sees them.
# A locked-out login, even with the right password, gets config/lockout.py's 429 page.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before checking
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a mistyped password before a good login is forgiven
AXES_VERBOSE = False  # no banner on stdout at every start (management commands print there)
AXES_LOCKOUT_CALLABLE = "config.lockout.locked_out"
# The client's address: the last X-Forwarded-For hop from a trusted proxy (gunicorn's
# FORWARDED_ALLOW_IPS, read the same way), else the peer itself (config/client_ip.py).
TRUSTED_PROXIES = trusted_proxies(env_str("FORWARDED_ALLOW_IPS"))
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
# After logging in with a missing or unsafe ``next``: the admin, not /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# HTTPS, on unless asked otherwise when DEBUG is off. TLS ends at the load balancer, which
# says so in X-Forwarded-Proto; only set HTTPS=0 where no proxy sits in front (tests).
# Whether to believe it is gunicorn's decision (FORWARDED_ALLOW_IPS, config/gunicorn.py): it
# sets wsgi.url_scheme, which Django reads. No SECURE_PROXY_SSL_HEADER: the raw header reaches
# Django from any client, trusted or not (FIELD-NOTES §15).
HTTPS = env_flag("HTTPS", default=not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes talk to the app server itself
    # Redirect to SITE_URL's host, never to a Host header's forged port.
    SECURE_SSL_HOST = urlsplit(SITE_URL).netloc or None
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Security headers on every response: pages, errors, static files, media (MIDDLEWARE order).
# Content-Security-Policy (django-csp): our own origin only, no inline script or style and no
# nonce, so a page is the same bytes for everyone and can be cached whole. The admin adds
# exactly what its rich-text editor needs (config/csp.py says what and why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Hero images come from MEDIA_URL, or straight from the bucket with object storage.
        "img-src": [SELF, *filter(None, [media_origin(MEDIA_STORAGE)])],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features no page uses, off for us and for anything we might ever embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        *("accelerometer", "browsing-topics", "camera", "display-capture", "geolocation"),
        *("gyroscope", "hid", "interest-cohort", "magnetometer", "microphone", "midi"),
        *("payment", "serial", "usb"),
    ]
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"

# One JSON object per line on stdout (LOG_FORMAT=text for humans; make run uses it), the same
# formatter as gunicorn's access and error lines (config/logs.py), with the request's id.
LOG_FORMAT = log_format()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.request_id.RequestIdFilter"},
        "client_fault": {"()": "config.logs.ClientFaultFilter"},
    },
    "formatters": {
        "json": {"()": "config.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "client_fault"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
}

# Names shown in the header, the footer and the structured data (schema.org provider).
SITE_NAME = env_str("SITE_NAME") or "Studieside"
# In the reader's language (footer, JSON-LD provider), unless the deployment names it.
INSTITUTION_NAME = env_str("INSTITUTION_NAME") or _("OsloMet – Oslo Metropolitan University")
