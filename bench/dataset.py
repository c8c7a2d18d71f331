"""The benchmark's data set: built once per database with `home.bulk`, reused after that.

Run inside a Django process whose database is the bench database (`python -m bench.dataset`
does that for the environment's settings, and prints one JSON line with what it found or did).
A data set is reused when the marker row says the same `DATASET_VERSION` and sizes and the
page counts still match; otherwise the caller must give an empty (freshly migrated) database.
"""

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

DATASET_VERSION = 2


@dataclass(frozen=True)
class Sizes:
    posts: int = 10_000
    clips: int = 1_000
    studies: int = 200
    people: int = 40
    themes: int = 12
    images: int = 4
    segments: int = 12  # transcript lines per clip


QUICK_SIZES = Sizes(posts=600, clips=60, studies=20, people=10, themes=6, images=2, segments=6)

# What the benchmark visits; resolved to real URLs by `bench_urls()`.
SEARCH_WITH_HITS = {"nl": "eenzaamheid", "en": "loneliness"}
SEARCH_WITHOUT_HITS = {"nl": "xylofoonconcert", "en": "xylophoneconcert"}


def count_pages() -> dict:
    from blog.models import BlogPostPage
    from kennisclips.models import KennisclipPage
    from studies.models import StudyPage

    return {
        "posts": BlogPostPage.objects.live().count(),
        "clips": KennisclipPage.objects.live().count(),
        "studies": StudyPage.objects.live().count(),
    }


def expected_pages(sizes: Sizes) -> dict:
    """Both languages of every generated page."""
    return {"posts": 2 * sizes.posts, "clips": 2 * sizes.clips, "studies": 2 * sizes.studies}


def status(sizes: Sizes, marker_path: Path) -> dict:
    """Whether this database holds the complete data set that the marker file describes."""
    try:
        marker = json.loads(marker_path.read_text())
    except (OSError, ValueError):
        marker = None
    counts = count_pages()
    complete = (
        marker is not None
        and marker.get("version") == DATASET_VERSION
        and marker.get("sizes") == asdict(sizes)
        and counts == expected_pages(sizes)
    )
    return {"complete": complete, "counts": counts, "marker": marker}


def build(sizes: Sizes, marker_path: Path, log=print) -> dict:
    """Build the data set into the (empty, migrated) default database; a summary dict.

    Writes the marker file last, so that an interrupted build is never taken for a complete one.
    """
    if any(count_pages().values()):
        raise RuntimeError("The bench database already holds pages: give an empty database.")
    from home import bulk
    from home.demo.images import make_demo_image
    from home.models import HomePage

    started = time.monotonic()
    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    nl, en = homes["nl"], homes["en"]
    themes = bulk.create_themes(sizes.themes)
    people = bulk.create_people(sizes.people)
    palettes = ("teal", "terracotta", "ochre", "plum", "moss")
    images = [
        make_demo_image(f"Bench image {number + 1}", palettes[number % len(palettes)])
        for number in range(sizes.images)
    ]
    indexes = bulk.ensure_section_indexes(nl, en)
    blog, clips, research = indexes["blog"], indexes["clips"], indexes["research"]
    common = {"themes": themes, "people": people}
    timings = {}
    mark = time.monotonic()
    posts = bulk.create_blog_posts(
        blog[0], sizes.posts, translation_index=blog[1], images=images, **common
    )
    timings["posts_s"] = round(time.monotonic() - mark, 1)
    log(f"# {len(posts)} blog posts in {timings['posts_s']} s")
    mark = time.monotonic()
    clip_pages = bulk.create_clips(
        clips[0],
        sizes.clips,
        translation_index=clips[1],
        images=images,
        segments=sizes.segments,
        **common,
    )
    timings["clips_s"] = round(time.monotonic() - mark, 1)
    log(f"# {len(clip_pages)} clips in {timings['clips_s']} s")
    mark = time.monotonic()
    studies = bulk.create_studies(
        research[0], sizes.studies, translation_index=research[1], **common
    )
    timings["studies_s"] = round(time.monotonic() - mark, 1)
    log(f"# {len(studies)} studies in {timings['studies_s']} s")
    mark = time.monotonic()
    renditions = make_all_renditions()
    timings["renditions_s"] = round(time.monotonic() - mark, 1)
    log(f"# renditions: {renditions}")
    problems = bulk.tree_problems()
    if problems:
        raise RuntimeError("The generated page tree is invalid: " + "; ".join(problems))
    bulk.vacuum_analyze()
    summary = {
        "version": DATASET_VERSION,
        "sizes": asdict(sizes),
        "pages": len(posts) + len(clip_pages) + len(studies),
        "build_s": round(time.monotonic() - started, 1),
        **timings,
    }
    marker_path.parent.mkdir(parents=True, exist_ok=True)
    marker_path.write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def make_all_renditions() -> str:
    """Every rendition the live pages show, made now (never on a visitor's request)."""
    try:
        from home.images import make_renditions
    except ImportError:  # pragma: no cover - before responsive images existed
        return "home.images not available: renditions are made on first view"
    return str(make_renditions())


def progress(line: str) -> None:
    """Progress goes to stderr; stdout carries the result only."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build or check the benchmark data set.")
    parser.add_argument("action", choices=["status", "build"])
    parser.add_argument("--marker", type=Path, required=True, help="the marker file")
    parser.add_argument("--quick", action="store_true", help="a small data set (smoke runs)")
    args = parser.parse_args(argv)
    import django

    django.setup()
    sizes = QUICK_SIZES if args.quick else Sizes()
    if args.action == "status":
        result = status(sizes, args.marker)
    else:
        result = build(sizes, args.marker, log=progress)
    print(json.dumps(result, default=str))  # noqa: T201 - the caller reads this line
    return 0


if __name__ == "__main__":
    sys.exit(main())
