"""The content generation: one number in the shared cache that every cached page is keyed on.

Any change a visitor could see (a page published, unpublished, moved or deleted, a person or
theme edited, a search promotion changed, a view restriction added) bumps it, so that every
worker process, whichever it is, stops serving what it cached before. The number starts at a
random value, so that a cache that lost the key (evicted, culled, restarted) never meets its old
entries again.

Within one request the generation is read once and kept, together with the values memoized for
it (`memoize`), so that a page renders from one consistent state. Memoized values are also kept
in the process for the generation they belong to: a request of an unchanged generation takes
them from there, without unpickling them from the shared cache (people and themes alone cost
thousands of UUID unpicklings per request that way).
"""

import logging
import secrets
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
MEMO_KEY = "pagecache:memo:{generation}:{name}"
MISSING = object()

# Per request: {"generation": int | None, "memo": {name: value}}; None outside a request.
_request_state: ContextVar[dict | None] = ContextVar("pagecache_request_state", default=None)

# Per process: (generation, {name: value}), the values of one generation only. Replaced as a
# whole when the generation changes, so that a reader never sees a mix of two generations.
_process_memo: tuple[int | None, dict] = (None, {})


def _fresh_value() -> int:
    return secrets.randbits(48)


def _read() -> int:
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, _fresh_value(), timeout=None)
            value = cache.get(GENERATION_KEY)
    except Exception:  # a broken cache must not break the site: cache nothing this time
        logger.warning("Page cache: could not read the content generation", exc_info=True)
        return _fresh_value()
    return value if value is not None else _fresh_value()


def current() -> int:
    """The generation, read once per request."""
    state = _request_state.get()
    if state is None:
        return _read()
    if state["generation"] is None:
        state["generation"] = _read()
    return state["generation"]


def bump(*, on_commit: bool = True) -> None:
    """Invalidate every cached page and memoized value, in every worker.

    Called right away and once more when the surrounding transaction commits: a worker that
    renders between the two sees the change only after the commit, so it cannot cache the old
    content under the new generation. However many changes a transaction makes (a publish
    saves the page, its revision, its search document...), it bumps once when it commits.
    """
    _bump_now()
    if on_commit and not _bump_registered():
        transaction.on_commit(_bump_now)


def _bump_registered() -> bool:
    """Whether the current transaction already bumps when it commits."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    return any(function is _bump_now for _ids, function, _robust in connection.run_on_commit)


def _bump_now() -> None:
    try:
        try:
            value = cache.incr(GENERATION_KEY)
            # Some backends' incr() re-stores the value with the default timeout.
            cache.touch(GENERATION_KEY, None)
        except ValueError:  # no generation yet (or evicted)
            value = _fresh_value()
            cache.set(GENERATION_KEY, value, timeout=None)
    except Exception:
        logger.error("Page cache: could not bump the content generation", exc_info=True)
        return
    state = _request_state.get()
    if state is not None:
        state["generation"] = value
        state["memo"] = {}


def begin_request():
    return _request_state.set({"generation": None, "memo": {}})


def end_request(token) -> None:
    _request_state.reset(token)


def memoize(name: str, build):
    """`build()`'s value, computed once per generation for all workers (and once per request).

    For small, often-read lookups that only change when the generation does: the site, the
    locales, view restrictions, people and themes, the menu.
    Values are shared by the requests of a process: callers must not change them.
    """
    global _process_memo
    state = _request_state.get()
    if state is not None and name in state["memo"]:
        return state["memo"][name]
    generation = current()
    memo_generation, process_values = _process_memo
    if memo_generation != generation:
        process_values = {}
        _process_memo = (generation, process_values)
    value = process_values.get(name, MISSING)
    if value is MISSING:
        value = _shared_memo(generation, name, build)
        process_values[name] = value
    if state is not None:
        state["memo"][name] = value
    return value


def _shared_memo(generation: int, name: str, build):
    """The value from the shared cache, else built (once per generation for all workers)."""
    key = MEMO_KEY.format(generation=generation, name=name)
    try:
        value = cache.get(key, MISSING)
    except Exception:
        logger.warning("Page cache: could not read %s", key, exc_info=True)
        value = MISSING
    if value is MISSING:
        value = build()
        try:
            cache.set(key, value, timeout=settings.PAGECACHE_TIMEOUT)
        except Exception:
            logger.warning("Page cache: could not store %s", key, exc_info=True)
    return value


def generation_key(key: str, key_prefix: str, version: int) -> str:
    """A cache's KEY_FUNCTION that files every entry under the content generation: a cache
    local to one process (settings: the renditions cache) then never serves an entry from
    before a change another worker made."""
    return f"{key_prefix}:{version}:{current()}:{key}"
