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

Entries are pickles, which run code when they are read. So the folder must be this user's own
and no one else's to write in: the default one is in the shared temp folder (settings.py), where
another user of the machine could make it first, or swap a file in it. Otherwise the cache is
not used at all (a warning: set ``CACHE_DIR`` to a folder of the site's own).
"""

import functools
import logging
import os
import random
import stat

from django.core.cache.backends.filebased import FileBasedCache

from config.page_cache import VERSION_KEY

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


def _own(method):
    """The method, run only in a folder of this user's that no one else may write in; else
    it raises PermissionError (which ``_or`` turns into a miss)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            folder = os.stat(self._dir)
        except FileNotFoundError:  # deleted since the cache was made: made again, ours
            self._createdir()
            folder = os.stat(self._dir)
        if folder.st_uid != os.getuid() or folder.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(
                "not used: another user owns it or may write in it; set CACHE_DIR to a folder "
                "of the site's own"
            )
        return method(self, *args, **kwargs)

    return wrapper


class SharedFileCache(FileBasedCache):
    """FileBasedCache that a failing disk does not break, in a folder that must be its own
    (see the module docstring)."""

    def get(self, key, default=None, version=None):
        try:
            return _own(FileBasedCache.get)(self, key, default, version)
        except OSError as error:
            logger.warning("cache folder %s: %s", self._dir, error)
            return default

    # Called when the cache is made (for each process's first use) and before each write:
    # makes the folder, as Django does, readable by this user only (0o700).
    _createdir = _or(None)(FileBasedCache._createdir)
    # Each reads a pickle (the value, or the expiry written before it).
    add = _or(False)(_own(FileBasedCache.add))
    set = _or(None)(_own(FileBasedCache.set))
    touch = _or(False)(_own(FileBasedCache.touch))
    delete = _or(False)(FileBasedCache.delete)

    def _cull(self):
        """Django's (when full, delete a random third of the entries), except the content
        version (config/page_cache.py): deleted, it would make every cached page a miss at
        once, and anyone can fill the cache with searches of their own."""
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if not self._cull_frequency:
            return self.clear()
        kept = self._key_to_file(VERSION_KEY)
        culled = random.sample([f for f in files if f != kept], len(files) // self._cull_frequency)
        for name in culled:
            self._delete(name)

    has_key = _or(False)(_own(FileBasedCache.has_key))
    clear = _or(None)(FileBasedCache.clear)
