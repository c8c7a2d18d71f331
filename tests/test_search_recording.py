"""Search counts: kept in the worker's memory, moved to the cache in batches, added up by the
`record_search_queries` command; bounded everywhere, and never a reason for a search to fail."""

import pytest
from django.core.cache import cache

from search import recording
from search.models import SearchQueryDaily
from search.recording import SEQUENCE_KEY, flush_recorded_searches, record_search


@pytest.fixture(autouse=True)
def empty_cache():
    """No batches of earlier tests (the counters in memory are emptied by tests/conftest.py)."""
    cache.clear()
    yield
    cache.clear()


def hits() -> dict:
    return {
        (row.language_code, row.query): (row.hits, row.hits_without_results, row.display_query)
        for row in SearchQueryDaily.objects.all()
    }


@pytest.mark.django_db
def test_searches_are_counted_in_memory_until_a_flush():
    for _ in range(3):
        record_search("nl", "eenzam", "Eenzaam", 4)
    record_search("nl", "xylofoon", "xylofoon", 0)
    assert cache.get(SEQUENCE_KEY) is None  # no cache operation per search

    assert flush_recorded_searches() == 4
    assert hits() == {("nl", "eenzam"): (3, 0, "eenzaam"), ("nl", "xylofoon"): (1, 1, "xylofoon")}
    assert flush_recorded_searches() == 0


@pytest.mark.django_db
def test_a_worker_moves_its_counts_to_the_cache_after_the_interval(monkeypatch):
    monkeypatch.setattr(recording, "FLUSH_INTERVAL", 0.0)
    record_search("en", "lone", "lonely", 2)
    record_search("en", "lone", "lonely", 2)
    assert cache.get(SEQUENCE_KEY) == 2  # one batch per search when every moment is due
    recording.counter.take()  # what another process's command sees: only the cache
    assert flush_recorded_searches() == 2
    assert hits() == {("en", "lone"): (2, 0, "lonely")}


@pytest.mark.django_db
def test_a_worker_keeps_a_bounded_number_of_different_searches(monkeypatch):
    monkeypatch.setattr(recording, "MAX_BUFFERED", 3)
    for number in range(7):
        record_search("nl", f"woord{number}", "woord", 1)
    assert cache.get(SEQUENCE_KEY) == 2  # flushed at 3 and at 6 different searches
    assert len(recording.counter.take()) == 1


@pytest.mark.django_db
def test_the_command_reads_a_bounded_number_of_batches(monkeypatch):
    monkeypatch.setattr(recording, "MAX_PENDING", 2)
    for number in range(4):
        record_search("nl", f"woord{number}", "woord", 1)
        recording.counter.flush()
    assert flush_recorded_searches() == 2  # the newest two batches
    assert set(hits()) == {("nl", "woord2"), ("nl", "woord3")}


@pytest.mark.django_db
def test_an_empty_query_is_not_counted():
    record_search("nl", "", "  ", 0)
    assert flush_recorded_searches() == 0


@pytest.mark.django_db
def test_a_broken_cache_loses_the_batch_but_never_raises(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", broken)
    monkeypatch.setattr(recording, "FLUSH_INTERVAL", 0.0)
    record_search("nl", "eenzam", "eenzaam", 1)  # flushes at once, into a broken cache
    monkeypatch.undo()
    assert flush_recorded_searches() == 0
