"""In-process render times: each benchmarked page rendered many times through Django's stack.

Run by `python -m bench` in its own process with the bench database and the full-page cache
off (`PAGE_CACHE_ENABLED=false`, `CACHE_URL=locmem://`), so every request renders the page while
the small shared lookups stay memoized, as they are in production. For each target it writes the
median and 90th percentile of the wall time of a full request through the test client (all
middleware, the view, the template), taken in rounds that render every page once (so a
slow spell of the machine is shared by all pages), the number of queries
(`CaptureQueriesContext`), the response size, and the queries of a second request with a
working (local-memory) cache, which is what a cached page costs.

    python -m bench.render --out var/bench/render.json [--renders 100] [--profile blog_post]

`--profile NAME` also runs cProfile over the renders of that target and prints the 30 most
expensive functions to stderr (`--profile-sort tottime`, `--profile-lines 60` to change that).
"""

import argparse
import cProfile
import io
import json
import logging
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

from bench.dataset import SEARCH_WITH_HITS, SEARCH_WITHOUT_HITS

CLIENT_HEADERS = {
    "HTTP_HOST": "127.0.0.1",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_ACCEPT_LANGUAGE": "nl",
}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def bench_targets() -> dict[str, str]:
    """{name: path} of the pages the benchmark visits, found in the bench database."""
    from django.urls import reverse
    from django.utils import translation

    from blog.models import POSTS_PER_PAGE, BlogIndexPage, BlogPostPage
    from kennisclips.models import KennisclipPage
    from studies.models import StudyPage

    def middle(model):
        pages = model.objects.live().filter(locale__language_code="nl").order_by("path")
        count = pages.count()
        return pages[count // 2].url

    blog = BlogIndexPage.objects.live().filter(locale__language_code="nl").get()
    posts = BlogPostPage.objects.live().descendant_of(blog).count()
    deep_page = min(500, max(1, posts // POSTS_PER_PAGE // 2))
    with translation.override("nl"):
        search = reverse("search")
    return {
        "home": "/nl/",
        "blog_index": blog.url,
        f"blog_index_p{deep_page}": f"{blog.url}?page={deep_page}",
        "blog_post": middle(BlogPostPage),
        "clip": middle(KennisclipPage),
        "study": middle(StudyPage),
        "search_hits": f"{search}?q={SEARCH_WITH_HITS['nl']}",
        "search_no_hits": f"{search}?q={SEARCH_WITHOUT_HITS['nl']}",
    }


def static_path() -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url("css/site.css")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class QueryCounter:
    """Counts the statements a request runs (Django's query log is reset per request)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(client, path: str):
    """(response, number of queries) of one request."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = client.get(path)
    return response, counter.count


def measure_all(
    targets: dict[str, str], renders: int, *, profiled: str = "", profile=None
) -> dict[str, dict]:
    """Render every target `renders` times, in rounds that visit each target once.

    The machine's speed swings from minute to minute; rendering page after page in rounds
    spreads a slow spell over every page instead of letting it land on one page's renders.
    Each round visits the pages in another order (the same from run to run), so no page always
    follows the same other page. Each target gets three warm-up requests and one counted
    request first. `profile` runs only while the `profiled` target renders.
    """
    from django.test import Client

    clients = {name: Client(**CLIENT_HEADERS) for name in targets}
    counted = {}
    for name, path in targets.items():
        for _ in range(3):
            clients[name].get(path)
        counted[name] = count_queries(clients[name], path)
    times = {name: [] for name in targets}
    order = list(targets)
    shuffle = random.Random(0).shuffle  # noqa: S311 - an order of pages, not a secret
    for _ in range(renders):
        shuffle(order)
        for name in order:
            path = targets[name]
            watched = profile is not None and name == profiled
            if watched:
                profile.enable()
            started = time.perf_counter()
            clients[name].get(path)
            times[name].append((time.perf_counter() - started) * 1000)
            if watched:
                profile.disable()
    results = {}
    for name, path in targets.items():
        response, queries = counted[name]
        results[name] = {
            "path": path,
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": queries,
            "renders": renders,
            "median_ms": round(statistics.median(times[name]), 2),
            "p90_ms": round(percentile(times[name], 0.9), 2),
            "min_ms": round(min(times[name]), 2),
        }
    return results


def cached_queries(path: str) -> int:
    """Queries of a repeated request when the cache works (a full-page cache answers it)."""
    from django.test import Client, override_settings

    with override_settings(CACHES=LOCMEM, PAGECACHE_ENABLED=True):
        from django.core.cache import cache

        cache.clear()
        client = Client(**CLIENT_HEADERS)
        client.get(path)
        client.get(path)
        _response, queries = count_queries(client, path)
        cache.clear()
    return queries


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Median in-process render time per page type.")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--renders", type=int, default=100)
    parser.add_argument("--profile", default="", help="a target name to profile with cProfile")
    parser.add_argument("--profile-sort", default="cumulative", help="e.g. cumulative, tottime")
    parser.add_argument("--profile-lines", type=int, default=30, help="functions to print")
    args = parser.parse_args(argv)
    import django

    django.setup()
    # With the cache off, counting searches in it fails (and is logged) on every search.
    logging.getLogger("search.recording").setLevel(logging.CRITICAL)
    targets = bench_targets()
    if args.profile and args.profile not in targets:
        parser.error(f"--profile must name one of the pages: {', '.join(targets)}")
    profile = cProfile.Profile() if args.profile else None
    results = measure_all(targets, args.renders, profiled=args.profile, profile=profile)
    for name, path in targets.items():
        results[name]["cached_queries"] = cached_queries(path)
    if profile is not None:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats(args.profile_sort)
        stats.print_stats(args.profile_lines)
        sys.stderr.write(out.getvalue())
    payload = {"targets": results, "static_path": static_path()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
