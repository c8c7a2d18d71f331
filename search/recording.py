"""Count searches without writing to the database in the visitor's request.

Wagtail's `Query.add_hit()` writes a row per search inside the request, which on SQLite
serialises every search under load. Here a search costs two cache operations: `cache.incr` on
a sequence number, which is atomic on Redis, Memcached and the local-memory cache, and one
`cache.set` of the entry under that number. The `record_search_queries` management command
(run every few minutes, like `publish_scheduled`) reads the entries since the last number it
handled and adds them up into `SearchQueryDaily` rows.

The buffer is bounded: entries expire after `ENTRY_TIMEOUT`, and the command reads at most
`MAX_PENDING` of the newest entries; a search never waits for or fails on the cache.
"""

import logging
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

SEQUENCE_KEY = "search:recorded:sequence"
DONE_KEY = "search:recorded:done"
ENTRY_KEY = "search:recorded:entry:{}"
ENTRY_TIMEOUT = 60 * 60 * 24  # a day: the command runs far more often than that
MAX_PENDING = 20_000
BATCH_SIZE = 500


def record_search(language: str, normalized: str, typed: str, result_count: int) -> None:
    """Remember one search for the report (cache only; never raises)."""
    if not normalized:
        return
    entry = (
        language,
        normalized,
        typed.lower()[:200],
        timezone.localdate().isoformat(),
        int(result_count),
    )
    try:
        try:
            number = cache.incr(SEQUENCE_KEY)
        except ValueError:  # no sequence yet
            cache.add(SEQUENCE_KEY, 0, timeout=None)
            number = cache.incr(SEQUENCE_KEY)
        cache.set(ENTRY_KEY.format(number), entry, timeout=ENTRY_TIMEOUT)
    except Exception:  # a broken cache must not break search
        logger.warning("Could not record a search in the cache", exc_info=True)


def _pending_entries():
    """The entries after the last one handled, oldest first, and the newest number."""
    last = cache.get(SEQUENCE_KEY) or 0
    done = cache.get(DONE_KEY) or 0
    if done > last:  # the cache was cleared: start again
        done = 0
    first = max(done + 1, last - MAX_PENDING + 1)
    entries = []
    for start in range(first, last + 1, BATCH_SIZE):
        keys = [ENTRY_KEY.format(n) for n in range(start, min(start + BATCH_SIZE, last + 1))]
        found = cache.get_many(keys)
        entries.extend(found[key] for key in keys if key in found)
        cache.delete_many(keys)
    return entries, last


def flush_recorded_searches() -> int:
    """Add the searches in the cache to `SearchQueryDaily`; the number of searches added."""
    from search.models import SearchQueryDaily

    entries, last = _pending_entries()
    totals = defaultdict(lambda: {"hits": 0, "empty": 0, "typed": ""})
    for language, normalized, typed, day, result_count in entries:
        total = totals[(language, normalized, day)]
        total["hits"] += 1
        total["empty"] += 0 if result_count else 1
        total["typed"] = typed
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
    return len(entries)
