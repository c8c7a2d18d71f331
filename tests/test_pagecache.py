"""The full-page cache for anonymous visitors: what it serves, what it never keeps, and that
every change a visitor could see reaches them (pagecache/).

The invalidation cases run on the local-memory cache the tests use and on a file cache, the
default of a real install (shared by every worker); tests/test_pagecache_redis.py runs this
module again on Redis.
"""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from blog.models import BlogIndexPage, BlogPostPage
from editorial.share import create_link
from home.snippets import PersonRole, Theme
from search.models import SearchQueryDaily
from search.recording import flush_recorded_searches
from tests.conftest import make_user
from tests.test_blog import make_index, make_person, make_post, make_theme, translate_page

CACHE_BACKENDS = {
    "locmem": lambda tmp_path: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"pagecache-{tmp_path.name}",
    },
    "file": lambda tmp_path: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache"),
    },
}


@pytest.fixture(params=sorted(CACHE_BACKENDS))
def page_cache(request, settings, tmp_path):
    """The page cache switched on, over each kind of shared cache."""
    settings.CACHES = {"default": CACHE_BACKENDS[request.param](tmp_path)}
    settings.PAGECACHE_ENABLED = True
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def site(home_pages):
    """A Dutch and English blog, a Dutch post with an author and a theme."""
    index = make_index(home_pages["nl"])
    english_index = translate_page(index, "Blog", "blog")
    person = make_person("Helma", PersonRole.TEAM_MEMBER)
    theme = make_theme("Eenzaamheid", "eenzaamheid", "Loneliness", "loneliness")
    post = make_post(index, "Samen koken", when=date(2019, 5, 1), authors=[person], themes=[theme])
    return {
        "index": index,
        "english_index": english_index,
        "post": post,
        "person": person,
        "theme": theme,
        "home": home_pages["nl"],
    }


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def cached_twice(client, url):
    """Request `url` twice; the second answer must come from the cache."""
    first = get(client, url)
    second = get(client, url)
    assert second["X-Cache"] == "HIT", url
    return first, second


# What it serves


@pytest.mark.django_db
def test_second_view_comes_from_the_cache_without_any_query(
    client, site, page_cache, django_assert_num_queries
):
    url = site["post"].url
    first = get(client, url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = get(client, url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "Samen koken" in second.content.decode()
    for response in (first, second):
        assert directives(response) == {"public", "max-age=60"}
        assert "Cookie" in response["Vary"]
        assert response["ETag"] == first["ETag"]
        assert not response.cookies  # a public page sets no cookie, cached or not
        assert response["Content-Language"] == "nl"


@pytest.mark.django_db
def test_cached_pages_keep_the_security_headers(client, site, page_cache):
    first, second = cached_twice(client, site["index"].url)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert header in first, header
        assert second[header] == first[header], header


@pytest.mark.django_db
def test_each_language_and_query_string_is_its_own_entry(client, site, page_cache):
    cached_twice(client, "/nl/blog/")
    assert get(client, "/en/blog/")["X-Cache"] == "MISS"
    assert get(client, "/nl/blog/?page=1")["X-Cache"] == "MISS"
    assert get(client, "/nl/blog/?page=1")["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_conditional_get_answers_304_until_the_content_changes(client, site, page_cache):
    url = site["post"].url
    etag = get(client, url)["ETag"]
    for _ in range(2):  # once from the fresh render's path, once from the cache
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert not_modified["ETag"] == etag
    post = site["post"]
    post.title = "Samen koken en eten"
    post.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Samen koken en eten" in changed.content.decode()


@pytest.mark.django_db
def test_head_is_answered_from_the_cache(client, site, page_cache):
    get(client, site["post"].url)
    head = client.head(site["post"].url)
    assert head.status_code == 200
    assert head["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_a_search_served_from_the_cache_is_still_counted(client, site, page_cache):
    url = reverse("search") + "?q=koken"
    first = get(client, url)
    assert site["post"].url in first.content.decode()
    assert get(client, url)["X-Cache"] == "HIT"
    assert get(client, url)["X-Cache"] == "HIT"
    assert flush_recorded_searches() == 3
    assert SearchQueryDaily.objects.get(language_code="nl").hits == 3


# What it never keeps


@pytest.mark.django_db
def test_logged_in_users_get_fresh_private_pages(client, site, page_cache):
    url = site["post"].url
    get(client, url)  # cached for anonymous visitors
    client.force_login(make_user("redacteur"))
    for _ in range(2):
        response = get(client, url)
        assert "X-Cache" not in response
        assert directives(response) == {"private", "no-cache"}


@pytest.mark.django_db
def test_a_request_with_a_session_cookie_is_never_answered_from_the_cache(
    client, site, page_cache, settings
):
    url = site["post"].url
    get(client, url)
    assert get(client, url)["X-Cache"] == "HIT"
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    response = get(client, url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_post_requests_are_neither_served_nor_stored(client, site, page_cache):
    url = reverse("search") + "?q=koken"
    client.post(url)
    assert get(client, url)["X-Cache"] == "MISS"
    client.post(url)
    assert get(client, url)["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_other_query_parameters_are_answered_but_not_stored(client, site, page_cache):
    for _ in range(2):
        response = get(client, site["index"].url + "?utm_source=nieuwsbrief")
        assert "X-Cache" not in response


@pytest.mark.django_db
def test_share_links_admin_previews_and_health_are_never_cached(client, site, page_cache):
    post = site["post"]
    post.title = "Concept"
    post.save_revision()  # a draft, shared by link
    editor = make_user("editor", superuser=True)
    _link, token = create_link(post, editor)
    share_url = reverse("editorial:shared_draft", args=[token])
    for _ in range(2):
        shared = client.get(share_url)
        assert shared.status_code == 200
        assert "Concept" in shared.content.decode()
        assert "X-Cache" not in shared
        assert "no-store" in shared["Cache-Control"]
        assert "X-Cache" not in client.get("/healthz/")
    # The live page still shows the published title, and the draft never reached the cache.
    assert "Concept" not in get(client, post.url).content.decode()
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{post.pk}/view_draft/")
    assert preview.status_code == 200 and "Concept" in preview.content.decode()
    assert "X-Cache" not in preview
    client.logout()
    assert "Concept" not in get(client, post.url).content.decode()


@pytest.mark.django_db
def test_a_private_page_is_never_cached(client, site, page_cache):
    post = site["post"]
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get(post.url)
        assert response.status_code == 302
        assert "X-Cache" not in response
    assert "Samen koken" not in get(client, site["index"].url).content.decode()


# Invalidation: every change shows at once on the page itself, the listing and the home page


def pages_showing_the_post(site):
    return [site["post"].url, site["index"].url, site["home"].url]


def warm(client, urls):
    for url in urls:
        get(client, url)
        assert get(client, url)["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_publishing_a_change_shows_everywhere(client, site, page_cache):
    urls = pages_showing_the_post(site)
    warm(client, urls)
    post = site["post"]
    post.title = "Samen koken en eten"
    post.save_revision().publish()
    for url in urls:
        response = get(client, url)
        assert response["X-Cache"] == "MISS", url
        assert "Samen koken en eten" in response.content.decode(), url


@pytest.mark.django_db
def test_unpublishing_removes_the_post_everywhere(client, site, page_cache):
    urls = pages_showing_the_post(site)
    warm(client, urls)
    site["post"].unpublish()
    assert client.get(site["post"].url).status_code == 404
    for url in urls[1:]:
        assert "Samen koken" not in get(client, url).content.decode(), url


@pytest.mark.django_db
def test_deleting_removes_the_post_everywhere(client, site, page_cache):
    urls = pages_showing_the_post(site)
    warm(client, urls)
    BlogPostPage.objects.get(pk=site["post"].pk).delete()
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:]:
        assert "Samen koken" not in get(client, url).content.decode(), url


@pytest.mark.django_db
def test_moving_the_post_updates_both_listings(client, site, page_cache):
    urls = [site["post"].url, site["index"].url, site["english_index"].url]
    warm(client, urls)
    post = BlogPostPage.objects.get(pk=site["post"].pk)
    post.move(BlogIndexPage.objects.get(pk=site["english_index"].pk), pos="last-child")
    old_address = client.get(urls[0])  # Wagtail's automatic redirect, not the cached page
    assert old_address.status_code == 301
    assert old_address["Location"] == BlogPostPage.objects.get(pk=post.pk).url
    assert "Samen koken" not in get(client, site["index"].url).content.decode()
    assert "Samen koken" in get(client, site["english_index"].url).content.decode()


@pytest.mark.django_db
def test_editing_a_theme_or_a_person_shows_on_the_pages_that_name_them(client, site, page_cache):
    urls = [site["post"].url, site["index"].url]
    warm(client, urls)
    theme = Theme.objects.get(pk=site["theme"].pk)
    theme.name = "Eenzaamheid en verbinding"
    theme.save()
    for url in urls:
        assert "Eenzaamheid en verbinding" in get(client, url).content.decode(), url
    warm(client, urls)
    person = site["person"]
    person.name = "Helma van Dijk"
    person.save()
    for url in urls:
        assert "Helma van Dijk" in get(client, url).content.decode(), url


def translate_with_localize(page, locale, prefix, on_commit):
    """Translate every segment of `page` through wagtail-localize and save the translation
    (wagtail-localize publishes once the transaction commits)."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"{prefix} {entry.msgid}"
    translation.import_po(po)
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return translation


@pytest.mark.django_db
def test_a_translation_made_and_synced_with_wagtail_localize_shows_at_once(
    client, site, page_cache, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    post = site["post"]
    dutch_url, english_index_url = post.url, site["english_index"].url
    warm(client, [dutch_url, english_index_url])

    translate_with_localize(post, english, "EN", django_capture_on_commit_callbacks)
    english_post = BlogPostPage.objects.get(pk=post.get_translation(english).pk)
    assert english_post.live
    listing = get(client, english_index_url)
    assert listing["X-Cache"] == "MISS"
    assert "EN Samen koken" in listing.content.decode()
    # The Dutch page's language switcher now leads to the English post.
    assert english_post.url in get(client, dutch_url).content.decode()

    # A sync: the changed Dutch title is translated; the English page shows it once an editor
    # publishes the synced draft (translations go through review).
    warm(client, [english_post.url])
    post.title = "Samen koken en eten"
    post.save_revision().publish()
    translate_with_localize(post, english, "EN", django_capture_on_commit_callbacks)
    english_post = BlogPostPage.objects.get(pk=english_post.pk)
    if english_post.has_unpublished_changes:
        english_post.get_latest_revision().publish()
    assert "EN Samen koken en eten" in get(client, english_post.url).content.decode()


@pytest.mark.django_db
def test_a_cache_without_the_generation_never_serves_old_pages(client, site, page_cache):
    """If the cache loses the generation key (evicted, culled), old entries are not reached."""
    from pagecache.generation import GENERATION_KEY

    warm(client, [site["post"].url])
    cache.delete(GENERATION_KEY)
    assert get(client, site["post"].url)["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_clear_page_cache_command_drops_pages_after_a_bulk_change(client, site, page_cache):
    from io import StringIO

    from django.core.management import call_command

    warm(client, [site["index"].url])
    BlogPostPage.objects.filter(pk=site["post"].pk).update(title="Stil gewijzigd")  # no signal
    assert "Stil gewijzigd" not in get(client, site["index"].url).content.decode()
    output = StringIO()
    call_command("clear_page_cache", stdout=output)
    assert "Page cache cleared" in output.getvalue()
    assert "Stil gewijzigd" in get(client, site["index"].url).content.decode()


# Routing: pagecache.routing finds what Wagtail's own tree walk finds


@pytest.mark.django_db
def test_fast_routing_finds_what_wagtails_routing_finds(rf, site, settings):
    from django.utils import translation
    from wagtail.models import Page

    from pagecache.routing import find_route

    draft = make_post(site["index"], "Nog niet", when=date(2019, 6, 1), authors=[site["person"]])
    draft.unpublish()
    # A page of another type than the blog index's own child type (moved there, or made before
    # the rule): the typed lookup misses it, the walk finds it.
    site["index"].add_child(instance=Page(title="Ander type", slug="ander-type"))
    paths = {
        "nl": [
            "",
            "blog/",
            "blog/samen-koken/",
            "blog/ander-type/",
            "blog/feed/",
            "blog/feed/atom/",
            "blog/nog-niet/",
            "blog/bestaat-niet/",
            "bestaat-niet/samen-koken/",
            "blog/samen-koken/extra/",
        ],
        "en": ["", "blog/", "blog/samen-koken/", "blog/feed/"],
    }
    for language, language_paths in paths.items():
        with translation.override(language):
            for path in language_paths:
                fast = find_route(rf.get(f"/{language}/{path}"), path)
                wagtail = Page.route_for_request(rf.get(f"/{language}/{path}"), path)
                if wagtail is None:
                    assert fast is None, (language, path)
                    continue
                assert fast is not None, (language, path)
                assert fast.page.pk == wagtail.page.pk, (language, path)
                assert type(fast.page) is type(wagtail.page), (language, path)
                assert [str(arg) for arg in fast.args] == [str(arg) for arg in wagtail.args]
                assert fast.kwargs == wagtail.kwargs, (language, path)


@pytest.mark.django_db
def test_a_page_in_a_section_is_routed_in_one_query(rf, site, django_assert_num_queries):
    from django.utils import translation

    from pagecache.routing import _sections, find_route, routed_translations

    with translation.override("nl"):
        find_route(rf.get("/nl/blog/samen-koken/"), "blog/samen-koken/")  # fills the memo
        request = rf.get("/nl/blog/samen-koken/")
        with django_assert_num_queries(1):
            route = find_route(request, "blog/samen-koken/")
        assert route.page.pk == site["post"].pk
        # Read with the page: the language switcher's rows, the page itself among them.
        translations = routed_translations(request, route.page)
        assert route.page.pk in [row.pk for row in translations]
        assert {row.translation_key for row in translations} == {route.page.translation_key}
        assert routed_translations(request, site["index"]) is None
        with django_assert_num_queries(1):
            route = find_route(rf.get("/nl/blog/"), "blog/")
        assert route.page.pk == site["index"].pk
        # The memoized section rows are shared by every request: serving never changes them.
        section = _sections(route.page.get_parent())["blog"]
        assert "specific" not in section.__dict__
        assert not hasattr(section, "_cached_parent_obj")
