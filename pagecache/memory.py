"""A per-process cache of objects that never change under their key, kept without pickling.

Wagtail keeps its rendition lookups in `CACHES["renditions"]` (website/settings/base.py): a key
names an image, a filter spec and a focal point, and carries the content generation, so what is
stored under a key never changes while the key is in use. Django's local-memory cache pickles
every value it stores and unpickles every value it returns, and Wagtail writes back each rendition
it has just read: eight pickles and eight unpicklings per page with a few images, about 1.5 ms.

This backend keeps a copy of each object instead (`copy.copy`: a model instance's own state, as
Django copies it for pickling), hands out a copy, so that no request sees another's changes to
the object, and leaves an entry in place when the same key is written again.
"""

import copy

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class WriteOnceMemoryCache(LocMemCache):
    """Django's local-memory cache, storing copies of objects; a key, once set, keeps its value.

    Only for values that are fixed for their key (the key changes when the value would). `set`
    of a live key keeps the stored value and only renews its timeout.
    """

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, copy.copy(value), timeout)
                return True
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, copy.copy(value), timeout)
            else:
                self._expire_info[key] = self.get_backend_timeout(timeout)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return copy.copy(stored)

    def incr(self, key, delta=1, version=None):
        raise NotImplementedError("WriteOnceMemoryCache keeps fixed values: nothing to count.")
