"""The language switcher and links never send a visitor silently to the other language: a
missing translation gets a page, in the visitor's language, that says so."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction

from blog.models import BlogPostPage
from home.templatetags.navigation_tags import language_versions
from tests.test_editorial_helpers import build_site, make_draft
from tests.test_translation_helpers import english


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


@pytest.fixture
def dutch_post(site):
    return make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)


def soup_of(response, status=200) -> BeautifulSoup:
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def switcher(soup) -> dict[str, str]:
    nav = soup.find("nav", class_="language-switcher")
    return {link["hreflang"]: link["href"] for link in nav.find_all("a")}


def alternates(soup) -> set[str]:
    return {link["hreflang"] for link in soup.find_all("link", rel="alternate", hreflang=True)}


def translate(page, title, slug, *, live=True):
    copy = page.copy_for_translation(english())
    copy.title, copy.slug = title, slug
    revision = copy.save_revision()
    if live:
        revision.publish()
    return BlogPostPage.objects.get(pk=copy.pk)


@pytest.mark.django_db
def test_switcher_of_an_untranslated_page_goes_to_the_english_not_available_page(
    client, dutch_post
):
    soup = soup_of(client.get("/nl/blog/samen-koken/"))
    fallback = f"/en/not-available/?page={dutch_post.pk}"
    assert switcher(soup) == {"nl": "/nl/blog/samen-koken/", "en": fallback}
    assert alternates(soup) == {"nl", "x-default"}  # no hreflang for a missing translation

    response = client.get(fallback)
    soup = soup_of(response)
    assert soup.html["lang"] == "en"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert response["X-Robots-Tag"] == "noindex"
    assert soup.h1.get_text(strip=True) == "Not available in this language"
    text = soup.main.get_text(" ", strip=True)
    assert "This item is not (yet) available in English" in text
    original = soup.find("a", string="Samen koken")
    assert original["href"] == "/nl/blog/samen-koken/"
    assert (original["lang"], original["hreflang"]) == ("nl", "nl")
    assert soup.main.find("a", href="/en/")
    assert not alternates(soup)
    # Its own switcher's Dutch link leads back to the Dutch page.
    assert client.get(switcher(soup)["nl"]).url == "/nl/blog/samen-koken/"


@pytest.mark.django_db
def test_the_dutch_not_available_page_speaks_dutch(client, site):
    english_only = make_draft(
        site["blog_en"], site["editor"], "Cooking together", site["person"], live=True
    )
    soup = soup_of(client.get("/en/blog/cooking-together/"))
    fallback = switcher(soup)["nl"]
    assert fallback == f"/nl/niet-beschikbaar/?page={english_only.pk}"
    soup = soup_of(client.get(fallback))
    assert soup.html["lang"] == "nl"
    assert "Dit item is (nog) niet beschikbaar in het Nederlands" in soup.main.get_text(" ")
    original = soup.find("a", string="Cooking together")
    assert (original["href"], original["lang"]) == ("/en/blog/cooking-together/", "en")


@pytest.mark.django_db
def test_a_draft_translation_is_neither_linked_nor_named(client, dutch_post):
    translate(dutch_post, "Geheime Engelse titel", "secret", live=False)
    soup = soup_of(client.get("/nl/blog/samen-koken/"))
    assert switcher(soup)["en"] == f"/en/not-available/?page={dutch_post.pk}"
    html = client.get(switcher(soup)["en"]).content.decode()
    assert "Geheime Engelse titel" not in html and "/en/blog/secret/" not in html


@pytest.mark.django_db
def test_a_live_translation_is_linked_and_the_fallback_sends_there(client, dutch_post):
    translate(dutch_post, "Cooking together", "cooking-together")
    soup = soup_of(client.get("/nl/blog/samen-koken/"))
    assert switcher(soup)["en"] == "/en/blog/cooking-together/"
    assert alternates(soup) == {"nl", "en", "x-default"}
    response = client.get(f"/en/not-available/?page={dutch_post.pk}")
    assert response.status_code == 302
    assert response["Location"] == "/en/blog/cooking-together/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?page=",
        "?page=abc",
        "?page=-1",
        "?page=99999999",
        "?page=1e3",
        "?page=%00",
        "?page=" + "9" * 40,
        "?page=٣",
    ],
)
def test_bad_ids_get_a_404_in_the_site_layout(client, site, query):
    soup = soup_of(client.get(f"/en/not-available/{query}"), status=404)
    assert soup.find("header", class_="site-header")
    assert soup.html["lang"] == "en"


@pytest.mark.django_db
def test_an_unpublished_page_is_not_named(client, site):
    draft = make_draft(site["blog_nl"], site["editor"], "Nog geheim", site["person"])
    response = client.get(f"/en/not-available/?page={draft.pk}")
    assert response.status_code == 404
    assert "Nog geheim" not in response.content.decode()


@pytest.mark.django_db
def test_a_password_protected_page_is_not_named(client, dutch_post):
    PageViewRestriction.objects.create(
        page=dutch_post, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get(f"/en/not-available/?page={dutch_post.pk}")
    soup = soup_of(response)
    assert "Samen koken" not in response.content.decode()
    assert "/nl/blog/samen-koken/" not in response.content.decode()
    assert "This item is not (yet) available in English." in soup.main.get_text(" ")


@pytest.mark.django_db
def test_the_switcher_costs_at_most_two_queries_for_head_and_header(
    dutch_post, django_assert_max_num_queries
):
    page = BlogPostPage.objects.get(pk=dutch_post.pk)
    with translation.override("nl"):  # the shared lookups (locales, site roots) warm, as in use
        language_versions({"request": RequestFactory().get("/nl/"), "page": page})
    request = RequestFactory().get("/nl/blog/samen-koken/")
    with translation.override("nl"), django_assert_max_num_queries(2):
        first = language_versions({"request": request, "page": page})
        second = language_versions({"request": request, "page": page})
    assert first is second
    assert [version.is_same_item for version in first] == [True, False]


# Links inside content: rich text and call-to-action blocks


def english_page_linking_to(site, dutch_page):
    link = f'<p>Lees <a linktype="page" id="{dutch_page.pk}">het verhaal</a>.</p>'
    page = make_draft(site["blog_en"], site["editor"], "Links", site["person"])
    page.body = [
        {"type": "paragraph", "value": link},
        {"type": "call_to_action", "value": {"text": "Read it", "page": dutch_page.pk, "url": ""}},
    ]
    page.save_revision().publish()
    return page


def content_links(client):
    soup = soup_of(client.get("/en/blog/links/"))
    story = soup.find("a", string="het verhaal")["href"]
    button = soup.find("a", string="Read it")["href"]
    return story, button


@pytest.mark.django_db
def test_links_to_an_untranslated_page_go_to_the_not_available_page(client, site, dutch_post):
    english_page_linking_to(site, dutch_post)
    fallback = f"/en/not-available/?page={dutch_post.pk}"
    assert content_links(client) == (fallback, fallback)


@pytest.mark.django_db
def test_links_follow_the_translation_once_it_is_live(client, site, dutch_post):
    english_page_linking_to(site, dutch_post)
    translate(dutch_post, "Cooking together", "cooking-together")
    assert content_links(client) == ("/en/blog/cooking-together/", "/en/blog/cooking-together/")
