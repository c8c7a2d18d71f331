"""Tests: fast hashing, in-memory cache and e-mail, plain static storage, a fixed test key."""

from .base import *  # noqa: F403
from .base import DATABASES, RENDITIONS_CACHE, SEARCH_FACETS_CACHE, TEMPLATE_FRAGMENTS_CACHE

SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": RENDITIONS_CACHE,
    "search_facets": SEARCH_FACETS_CACHE,
    "template_fragments": TEMPLATE_FRAGMENTS_CACHE,
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests never collect static files; the finders serve them (WhiteNoise and the live server).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests see every request rendered; the page cache's own tests (tests/test_pagecache*.py) switch
# it on. Its memoized lookups stay on everywhere (tests/conftest.py starts each test afresh).
PAGECACHE_ENABLED = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # An in-memory test database; pytest-django shares it with the live server thread.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
