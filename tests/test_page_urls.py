"""Page URLs worked out without a reverse per page (home/page_urls.py) are Wagtail's own."""

from datetime import date

import pytest
from django.test import RequestFactory
from django.urls import set_script_prefix
from django.utils import translation
from wagtail.models import Page, Site

from home.page_urls import page_url, page_url_parts
from home.snippets import PersonRole
from tests.test_blog import make_index, make_person, make_post, translate_page


@pytest.fixture
def pages(home_pages):
    blog = make_index(home_pages["nl"])
    author = make_person("Helma", PersonRole.TEAM_MEMBER)
    posts = [
        make_post(blog, "Samen leren", when=date(2018, 3, 15), authors=[author]),
        make_post(blog, "Één café", slug="één-café_2", when=date(2018, 4, 1), authors=[author]),
    ]
    english_blog = translate_page(blog, "Blog", "blog")
    english_post = translate_page(posts[0], "Learning together", "learning-together")
    return [home_pages["nl"], home_pages["en"], blog, english_blog, *posts, english_post]


def wagtails(page, request=None):
    return Page.get_url_parts(page, request)


@pytest.mark.django_db
@pytest.mark.parametrize("active_language", ["nl", "en"])
def test_the_url_parts_of_every_page_are_wagtails_in_either_language(pages, active_language):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with translation.override(active_language):
        for page in pages:
            assert page_url_parts(page, request) == wagtails(page, request)
            assert page_url_parts(page) == wagtails(page)
    unicode_post = pages[5]
    assert unicode_post.url == "/nl/blog/%C3%A9%C3%A9n-caf%C3%A9_2/"


@pytest.mark.django_db
def test_a_script_prefix_is_kept(pages):
    try:
        set_script_prefix("/kennisbank/")
        for page in pages:
            assert page_url_parts(page) == wagtails(page)
        assert pages[2].url == "/kennisbank/nl/blog/"
    finally:
        set_script_prefix("/")


@pytest.mark.django_db
def test_unusual_cases_are_left_to_wagtail(pages, settings):
    post = pages[4]
    # A path Wagtail's serve pattern refuses: Wagtail answers (site, None, None).
    post.url_path = post.url_path.rstrip("/") + ".html/"
    assert page_url_parts(post) == wagtails(post)
    assert page_url_parts(post)[2] is None
    # A page outside every site has no URL.
    orphan = Page.objects.get(depth=1)
    assert page_url_parts(orphan) is None
    # A page of two sites: Wagtail picks the one of the request.
    second_site = Site.objects.create(hostname="tweede.example.org", root_page=pages[2])
    try:
        request = RequestFactory().get("/", HTTP_HOST="tweede.example.org")
        assert page_url_parts(pages[4], request) == wagtails(pages[4], request)
    finally:
        # Wagtail caches the sites' root paths; deleting the site clears that for later tests.
        second_site.delete()
    settings.WAGTAIL_APPEND_SLASH = False
    assert page_url_parts(pages[3]) == wagtails(pages[3])


@pytest.mark.django_db
def test_links_on_pages_use_them(client, pages):
    response = client.get(pages[2].url)
    assert response.status_code == 200
    assert b'href="/nl/blog/%C3%A9%C3%A9n-caf%C3%A9_2/"' in response.content
    assert client.get("/nl/blog/%C3%A9%C3%A9n-caf%C3%A9_2/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["localhost", "tweede.example.org"])
def test_plain_page_rows_get_wagtails_url(pages, host):
    """Search results are plain `Page` rows: `page_url` gives what their `get_url` gives, also
    when a second site makes some addresses absolute."""
    second_site = Site.objects.create(hostname="tweede.example.org", root_page=pages[3])
    try:
        request = RequestFactory().get("/", HTTP_HOST=host)
        for page in Page.objects.filter(pk__in=[page.pk for page in pages]):
            assert type(page) is Page
            assert page_url(page, request) == page.get_url(request)
            assert page_url(page) == page.get_url()
        assert page_url(Page.objects.get(depth=1), request) is None
    finally:
        second_site.delete()
