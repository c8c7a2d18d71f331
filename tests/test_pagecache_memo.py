"""Memoized lookups (pagecache.generation.memoize): built once per content generation for all
workers, kept in each process for that generation, and never served after a change."""

import pytest
from django.core.cache import cache

from pagecache import generation
from pagecache.generation import begin_request, bump, end_request, memoize


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"value": self.calls}


def in_request(function):
    token = begin_request()
    try:
        return function()
    finally:
        end_request(token)


@pytest.mark.django_db
def test_a_value_is_built_once_and_then_read_from_the_process(monkeypatch):
    build = Builder()
    assert in_request(lambda: memoize("test-memo", build)) == {"value": 1}

    def no_cache_read(*args, **kwargs):
        raise AssertionError("the shared cache was read for a value this process holds")

    monkeypatch.setattr(cache, "get_many", no_cache_read)
    original_get = cache.get
    monkeypatch.setattr(
        cache,
        "get",
        lambda key, *args: (
            no_cache_read() if key.startswith("pagecache:memo:") else original_get(key, *args)
        ),
    )
    assert in_request(lambda: memoize("test-memo", build)) == {"value": 1}
    assert build.calls == 1


@pytest.mark.django_db
def test_another_process_takes_the_value_from_the_shared_cache():
    build = Builder()
    in_request(lambda: memoize("test-memo", build))
    generation._process_memo = (None, {})  # a fresh worker process
    assert in_request(lambda: memoize("test-memo", build)) == {"value": 1}
    assert build.calls == 1


@pytest.mark.django_db
def test_a_change_makes_every_process_build_again():
    build = Builder()
    in_request(lambda: memoize("test-memo", build))
    bump(on_commit=False)
    assert in_request(lambda: memoize("test-memo", build)) == {"value": 2}


@pytest.mark.django_db
def test_a_bump_by_another_worker_reaches_this_process():
    build = Builder()
    in_request(lambda: memoize("test-memo", build))
    cache.incr(generation.GENERATION_KEY)  # what another worker's publish does
    assert in_request(lambda: memoize("test-memo", build)) == {"value": 2}


# Serialized rollback: the flush after a transactional test otherwise re-creates the content
# types with new ids, and a later test restoring the serialized database would clash with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transaction_bumps_at_each_change_and_once_when_it_commits(monkeypatch):
    from django.db import transaction

    bumps = []
    original = generation._bump_now
    monkeypatch.setattr(generation, "_bump_now", lambda: bumps.append(1) or original())
    with transaction.atomic():
        for _ in range(5):  # a publish: the page, its revision, its search document, ...
            bump()
        assert len(bumps) == 5
    assert len(bumps) == 6
    bump()  # outside a transaction: at once, and (autocommit) once more at once
    assert len(bumps) == 8
