"""The page cache's tests again, on Redis (`CACHE_URL=redis://...`), as production runs it.

Redis must answer on PAGECACHE_TEST_REDIS_URL (default redis://127.0.0.1:6379/14; CI runs
Redis there). Keys carry a prefix of their own and are removed afterwards.
"""

import os
import uuid

import pytest
import redis

from tests.test_pagecache import *  # noqa: F403 - every test of the module, on Redis here
from website.env import cache_from_env

REDIS_URL = os.environ.get("PAGECACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_client():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({error}); CI runs it there")
    return client


@pytest.fixture
def page_cache(settings, monkeypatch):
    """Overrides tests.test_pagecache's fixture: the default cache is Redis."""
    client = redis_client()
    prefix = f"pagecache-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("CACHE_URL", f"{REDIS_URL}?prefix={prefix}")
    settings.CACHES = {"default": cache_from_env("locmem://")}
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    settings.PAGECACHE_ENABLED = True
    yield "redis"
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
