"""Query budgets: every public page costs at most 10 queries, the same with a handful of items
as with 10,000, and no visitor's GET writes to the database.

One data set for the whole module (home.bulk's generators): first a small site (SMALL items
of each kind, enough for a second page of every listing), whose cost per page is recorded;
then 10,000 blog posts, 1,000 clips and 200 studies more, in both languages, after which each
page must cost exactly what it did. Pages are rendered without the full-page cache (the test
settings' default) but after one earlier view, as in production: the small lookups that every
page shares (site, locales, menu, people, themes) are memoized per content generation and
rebuilt once after a change.
"""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from home import bulk
from home.demo.images import make_demo_image
from home.images import make_renditions
from home.models import HomePage
from pagecache.generation import bump

BUDGET = 10
SMALL = 21  # a second page in every listing (10 posts, 12 clips, 20 studies a page)
LARGE_POSTS, LARGE_CLIPS, LARGE_STUDIES = 10_000, 1_000, 200
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def make_site():
    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    nl, en = homes["nl"], homes["en"]
    site = {
        "themes": bulk.create_themes(8),
        "people": bulk.create_people(12),
        "images": [make_demo_image(f"Budget {n}", size=(800, 450)) for n in range(2)],
        **bulk.ensure_section_indexes(nl, en),
    }
    add_content(site, SMALL, SMALL, SMALL)
    # A post that exists only in English: its Dutch "not available" page is on the budget.
    site["english_only"] = bulk.create_blog_posts(site["blog"][1], 1, seed=99)[0]
    return site


def add_content(site, posts, clips, studies):
    common = {"themes": site["themes"], "people": site["people"]}
    blog, clip_index, research = site["blog"], site["clips"], site["research"]
    made = {
        "posts": bulk.create_blog_posts(
            blog[0], posts, translation_index=blog[1], images=site["images"], **common
        ),
        "clips": bulk.create_clips(
            clip_index[0], clips, translation_index=clip_index[1], images=site["images"], **common
        ),
        "studies": bulk.create_studies(
            research[0], studies, translation_index=research[1], **common
        ),
    }
    make_renditions()  # made ahead, as the demo and bench loaders do: never by a visitor's view
    bump()  # bulk writes send no signals
    return made


def public_urls(site) -> dict[str, str]:
    """Every kind of public page, in both languages, by a readable name."""
    posts = bulk_pages(site, "blog")
    theme = site["themes"][0]
    urls = {"sitemap": "/sitemap.xml"}
    for code, position in (("nl", 0), ("en", 1)):
        blog, clips, research = (site[key][position] for key in ("blog", "clips", "research"))
        with translation.override(code):
            search = reverse("search")
            not_available = reverse("translation_not_available")
        theme_slug = (
            theme.slug if code == "nl" else theme.get_translation(site["blog"][1].locale).slug
        )
        urls |= {
            f"{code}-home": f"/{code}/",
            f"{code}-blog": blog.url,
            f"{code}-blog-page-2": f"{blog.url}?page=2",
            f"{code}-blog-theme": f"{blog.url}?theme={theme_slug}",
            f"{code}-blog-role": f"{blog.url}?role=student",
            f"{code}-blog-rss": f"{blog.url}feed/",
            f"{code}-blog-atom": f"{blog.url}feed/atom/",
            f"{code}-post": posts[code].url,
            f"{code}-clips": clips.url,
            f"{code}-clips-page-2": f"{clips.url}?page=2",
            f"{code}-clip": bulk_pages(site, "clips")[code].url,
            f"{code}-research": research.url,
            f"{code}-research-page-2": f"{research.url}?page=2",
            f"{code}-study": bulk_pages(site, "research")[code].url,
            f"{code}-search-hits": f"{search}?q={site['search_word'][code]}",
            f"{code}-search-hits-filtered": (
                f"{search}?q={site['search_word'][code]}&type=blog&theme={theme_slug}"
            ),
            f"{code}-search-no-hits": f"{search}?q=zzyzxqq",
            f"{code}-search-empty": search,
        }
        if code == "nl":
            urls["nl-not-available"] = f"{not_available}?page={site['english_only'].pk}"
    return urls


def bulk_pages(site, section) -> dict[str, object]:
    """The first child page of a section's index, per language."""
    return {
        code: site[section][position].get_children().live().order_by("path").first().specific
        for code, position in (("nl", 0), ("en", 1))
    }


def measure(client, url) -> list[str]:
    """The SQL of one uncached view of `url`, after a first view; no view may write."""
    for attempt in range(2):
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        statements = [query["sql"] for query in context.captured_queries]
        writes = [sql for sql in statements if WRITE.match(sql)]
        assert not writes, (url, attempt, writes)
    return statements


@pytest.fixture(scope="module")
def budget_site(django_db_setup, django_db_blocker):
    """The small site measured, then the large one; rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            site = make_site()
            word_source = bulk_pages(site, "blog")
            site["search_word"] = {
                code: max(re.findall(r"\w+", page.title), key=len)
                for code, page in word_source.items()
            }
            client = Client()
            urls = public_urls(site)
            small = {name: measure(client, url) for name, url in urls.items()}
            add_content(site, LARGE_POSTS - SMALL, LARGE_CLIPS - SMALL, LARGE_STUDIES - SMALL)
            # Check the deferred foreign keys of the millions of new rows (search terms) once,
            # here: each test's teardown checks what is still pending, and on PostgreSQL its
            # savepoint rollback would put all of them back for the next test to check again.
            connection.check_constraints()
            yield {"site": site, "urls": urls, "small": small, "client": client}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


PAGES = [
    "sitemap",
    "nl-not-available",
    *(
        f"{code}-{name}"
        for code in ("nl", "en")
        for name in (
            "home",
            "blog",
            "blog-page-2",
            "blog-theme",
            "blog-role",
            "blog-rss",
            "blog-atom",
            "post",
            "clips",
            "clips-page-2",
            "clip",
            "research",
            "research-page-2",
            "study",
            "search-hits",
            "search-hits-filtered",
            "search-no-hits",
            "search-empty",
        )
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_each_public_page_costs_at_most_ten_queries_whatever_the_size(budget_site, name):
    url = budget_site["urls"][name]
    small = budget_site["small"][name]
    large = measure(budget_site["client"], url)
    assert len(small) <= BUDGET, (url, small)
    assert len(large) == len(small), (url, small, large)


@pytest.mark.django_db
def test_the_large_site_is_large(budget_site):
    from blog.models import BlogPostPage

    dutch_blog = budget_site["site"]["blog"][0]
    assert BlogPostPage.objects.live().descendant_of(dutch_blog).count() == LARGE_POSTS
    response = budget_site["client"].get(f"{dutch_blog.url}?page={LARGE_POSTS // 10}")
    assert response.status_code == 200
