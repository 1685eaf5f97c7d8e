# Studieside: gunicorn serving Django, static files by whitenoise, as a non-root user.
# Build: docker build -t studieside .   Run: see compose.yaml and README "Deploying".

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
# Dependencies first, from the pinned pyproject.toml, so code changes reuse this layer.
COPY pyproject.toml ./
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir .
COPY . .
# Translations and fingerprinted, compressed static files are built into the image.
RUN /venv/bin/pybabel compile --domain=django --directory=locale \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build SITE_URL=https://build /venv/bin/python manage.py collectstatic --noinput

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 MEDIA_ROOT=/media
# Uploads live in /media, writable by the app user only; mount a volume there (compose.yaml).
RUN useradd --create-home --uid 10001 studieside \
    && install -d -o studieside -g studieside -m 0700 /media
COPY --from=build /venv /venv
COPY --from=build --chown=studieside:studieside /app /app
WORKDIR /app
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
