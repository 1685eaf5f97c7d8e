"""The cache without Redis: files that every process on the machine shares.

Each gunicorn worker is a process of its own, and so is ``manage.py``. Local memory would
give each its own content version (config/page_cache.py): a save through one worker would
leave the others serving the page as it was, and an upload waiting between the import's
preview and its confirm (admissions/admin_thresholds.py) would be missing whenever the
confirm reached another worker. Files in one folder are one cache for all of them; several
app servers without a shared disk need Redis (``REDIS_URL``).

Django's FileBasedCache raises what the disk raises. Here, as with django-redis's
``IGNORE_EXCEPTIONS``, a cache that cannot be read or written (a full disk, a folder the
process may not write) reads as a miss and stores nothing, with a warning in the log: the
page is rendered as usual rather than answered with a 500.
"""

import functools
import logging

from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)


def _or(failed):
    """The method, returning ``failed`` instead of raising an ``OSError``."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except OSError as error:
                logger.warning("cache folder %s: %s", self._dir, error)
                return failed

        return wrapper

    return decorator


class SharedFileCache(FileBasedCache):
    """FileBasedCache that a failing disk does not break (see the module docstring)."""

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except OSError as error:
            logger.warning("cache folder %s: %s", self._dir, error)
            return default

    # Called when the cache is made (for each process's first use) and before each write.
    _createdir = _or(None)(FileBasedCache._createdir)
    add = _or(False)(FileBasedCache.add)
    set = _or(None)(FileBasedCache.set)
    touch = _or(False)(FileBasedCache.touch)
    delete = _or(False)(FileBasedCache.delete)
    has_key = _or(False)(FileBasedCache.has_key)
    clear = _or(None)(FileBasedCache.clear)
