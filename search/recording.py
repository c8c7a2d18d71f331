"""Count searches without writing to the database in the visitor's request.

Wagtail's `Query.add_hit()` writes a row per search inside the request, which on SQLite
serialises every search under load. Here a search only adds one to a counter in the worker's
memory (`record_search`). A worker moves its counters into the shared cache as one batch at
most every `FLUSH_INTERVAL` seconds (on the next search after that), when it holds
`MAX_BUFFERED` different searches, and when it exits: two cache operations per batch
(`cache.incr` on a sequence number, atomic on Redis, Memcached and the local-memory cache, and
one `cache.set` of the batch under that number), instead of two per search. A search answered
from the page cache is counted the same way (pagecache.middleware replays `record_search`), so
counting costs a cached search nothing but a dictionary update.

The `record_search_queries` management command (run every few minutes, like
`publish_scheduled`) reads the batches since the last number it handled and adds them up into
`SearchQueryDaily` rows.

What is bounded: a worker's counters (`MAX_BUFFERED` keys), the batches' life in the cache
(`ENTRY_TIMEOUT`) and how many the command reads (`MAX_PENDING`, the newest). A worker killed
outright loses the counts of its last `FLUSH_INTERVAL` seconds. A search never waits for or
fails on the cache.
"""

import atexit
import logging
import threading
import time
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

SEQUENCE_KEY = "search:recorded:sequence"
DONE_KEY = "search:recorded:done"
ENTRY_KEY = "search:recorded:entry:{}"
ENTRY_TIMEOUT = 60 * 60 * 24  # a day: the command runs far more often than that
MAX_PENDING = 20_000  # batches the command reads at most
BATCH_SIZE = 500  # batches read from the cache at once
FLUSH_INTERVAL = 5.0  # seconds a worker keeps its counters at most (while searches come in)
MAX_BUFFERED = 1_000  # different searches a worker keeps at most before it flushes


class SearchCounter:
    """The searches of this process since its last flush: {(language, normalized, typed, day,
    had results): times}."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._last_flush = time.monotonic()

    def add(self, key: tuple) -> None:
        with self._lock:
            self._counts[key] += 1
            due = (
                len(self._counts) >= MAX_BUFFERED
                or time.monotonic() - self._last_flush >= FLUSH_INTERVAL
            )
        if due:
            self.flush()

    def take(self) -> list[tuple]:
        """The counters as (key, times) pairs, emptied."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._last_flush = time.monotonic()
        return list(counts.items())

    def flush(self) -> None:
        """Move the counters into the shared cache as one batch (never raises)."""
        batch = self.take()
        if not batch:
            return
        try:
            try:
                number = cache.incr(SEQUENCE_KEY)
            except ValueError:  # no sequence yet
                cache.add(SEQUENCE_KEY, 0, timeout=None)
                number = cache.incr(SEQUENCE_KEY)
            cache.set(ENTRY_KEY.format(number), batch, timeout=ENTRY_TIMEOUT)
        except Exception:  # a broken cache must not break search: these counts are lost
            logger.warning(
                "Could not move %d search counts to the cache", len(batch), exc_info=True
            )


counter = SearchCounter()
atexit.register(counter.flush)


def record_search(language: str, normalized: str, typed: str, result_count: int) -> None:
    """Count one search for the report (in memory; never raises)."""
    if not normalized:
        return
    day = timezone.localdate().isoformat()
    counter.add((language, normalized, typed.lower()[:200], day, bool(result_count)))


def _pending_batches():
    """The batches after the last one handled, oldest first, and the newest number."""
    last = cache.get(SEQUENCE_KEY) or 0
    done = cache.get(DONE_KEY) or 0
    if done > last:  # the cache was cleared: start again
        done = 0
    first = max(done + 1, last - MAX_PENDING + 1)
    batches = []
    for start in range(first, last + 1, BATCH_SIZE):
        keys = [ENTRY_KEY.format(n) for n in range(start, min(start + BATCH_SIZE, last + 1))]
        found = cache.get_many(keys)
        batches.extend(found[key] for key in keys if key in found)
        cache.delete_many(keys)
    return batches, last


def flush_recorded_searches() -> int:
    """Add the searches counted so far to `SearchQueryDaily`; the number of searches added.

    This process's own counters go to the cache first, so that a search counted here is never
    left behind.
    """
    from search.models import SearchQueryDaily

    counter.flush()
    batches, last = _pending_batches()
    totals = defaultdict(lambda: {"hits": 0, "empty": 0, "typed": ""})
    searches = 0
    for batch in batches:
        for (language, normalized, typed, day, had_results), times in batch:
            total = totals[(language, normalized, day)]
            total["hits"] += times
            total["empty"] += 0 if had_results else times
            total["typed"] = typed
            searches += times
    with transaction.atomic():
        for (language, normalized, day), total in totals.items():
            row, created = SearchQueryDaily.objects.get_or_create(
                language_code=language,
                query=normalized,
                day=day,
                defaults={
                    "hits": total["hits"],
                    "hits_without_results": total["empty"],
                    "display_query": total["typed"],
                },
            )
            if not created:
                SearchQueryDaily.objects.filter(pk=row.pk).update(
                    hits=F("hits") + total["hits"],
                    hits_without_results=F("hits_without_results") + total["empty"],
                    display_query=total["typed"],
                )
    cache.set(DONE_KEY, last, timeout=None)
    return searches
