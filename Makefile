# Studieside. `make run` and `make test` set everything up on a fresh machine (Python 3.11 + make).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := DEBUG=1 $(PY) manage.py
# Tests run the production configuration (DEBUG off, manifest static files) with throwaway secrets.
MESSAGES_ARGS := -l nb -l en --ignore=.venv --ignore=staticfiles --no-obsolete --no-location
TEST_ENV := SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=testserver,localhost,127.0.0.1 HTTPS=0 \
	SITE_URL=http://testserver

.PHONY: run demo test test-fast screenshots check setup system-packages messages superuser bench \
	bench-packages clean audit

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

# Compiled catalogues (.mo) are built, never committed; Babel needs no system gettext.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile --domain=django --input-file=$< --output-file=$@

setup: $(VENV)/.installed locale/nb/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed
	$(MANAGE) runserver 127.0.0.1:8000

# 400 generated programmes beside the seed, for trying the site at university scale; run again
# to rebuild them (admissions/management/commands/demo_catalogue.py). `make run` serves them too.
demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed
	$(MANAGE) demo_catalogue --programmes 400

# The full suite needs Debian's Chromium (browser tests), Java (the Nu HTML checker), and
# PostgreSQL and Redis, which the tests start themselves on free ports (tests/services.py).
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

test: setup system-packages
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(PY) -m pytest

test-fast: setup
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(PY) -m pytest -m "not browser"

# The README's screenshots: `make test` writes them to tests/browser/screenshots/ (ignored).
screenshots: setup system-packages
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	SCREENSHOT_DIR=docs/screenshots $(TEST_ENV) $(PY) -m pytest -q \
		tests/browser/test_keyboard_and_fallbacks.py -k test_screenshots_for_the_readme

# What .ci/run runs before the tests (needs xgettext for the catalogue check).
check: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/hadolint Dockerfile
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	@before=$$(mktemp -d) && cp -r locale "$$before" && \
	$(MANAGE) makemessages $(MESSAGES_ARGS) >/dev/null && \
	if diff -r -I '^"POT-Creation-Date' -x '*.mo' "$$before/locale" locale; then \
		cp -r "$$before/locale" . && rm -rf "$$before"; \
	else rm -rf "$$before"; echo "locale/ was out of date: translate the new strings above"; false; fi

# Known vulnerabilities in the installed pins and what they pull in (pip-audit on PyPI's data).
# Fails on a finding, or on a pin PyPI cannot tell about (--strict). When PyPI cannot answer
# (no network), it says so in one line and passes, so an offline loop is not broken.
AUDIT_PROBE := import urllib.request as r; from importlib.metadata import version; \
	r.urlopen("https://pypi.org/pypi/django/" + version("django") + "/json", timeout=10)
audit: $(VENV)/.installed
	@if ! probe=$$($(PY) -c '$(AUDIT_PROBE)' 2>&1); then \
		echo "make audit: could not reach the vulnerability database; audit not done" \
			"($$(echo "$$probe" | tail -n 1))"; \
	else $(VENV)/bin/pip-audit --strict --skip-editable --progress-spinner off; fi

messages: setup
	$(MANAGE) makemessages $(MESSAGES_ARGS)

# Time, size and queries per page type (programs/management/commands/bench.py), then the load
# test (loadbench.py: nginx, whitenoise, page cache, uncached pages; req/s, p50/p99, errors),
# both on a scratch database with the seed and 400 demo programmes. Writes docs/benchmarks.md.
# Loopback only, bounded: about 5 minutes. BENCH_ARGS passes options, e.g. --duration 10.
BENCH_DB := $(or $(TMPDIR),/tmp)/studieside-bench.sqlite3
BENCH_ENV := $(TEST_ENV) DATABASE_URL=sqlite:///$(BENCH_DB)
bench-packages:
	@missing=""; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

bench: setup bench-packages
	rm -f $(BENCH_DB)
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py seed -v0
	$(BENCH_ENV) $(PY) manage.py demo_catalogue --programmes 400
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(BENCH_ENV) $(PY) manage.py bench --runs 20
	$(BENCH_ENV) $(PY) manage.py loadbench $(BENCH_ARGS)
	rm -f $(BENCH_DB)

superuser: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 locale/*/LC_MESSAGES/*.mo .hypothesis
