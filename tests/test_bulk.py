"""The bulk generators of `home.bulk`: valid, live, served, listed, searchable pages in bulk."""

import pytest
from wagtail.models import Page

from blog.models import BlogPostAuthor, BlogPostPage
from home import bulk
from kennisclips.models import KennisclipPage
from search.models import SearchDocument
from studies.models import StudyPage

POSTS, CLIPS, STUDIES = 25, 4, 3


@pytest.fixture
def bulk_site(home_pages):
    nl, en = home_pages["nl"], home_pages["en"]
    themes = bulk.create_themes(4)
    people = bulk.create_people(5)
    indexes = bulk.ensure_section_indexes(nl, en)
    blog, clips, research = indexes["blog"], indexes["clips"], indexes["research"]
    common = {"themes": themes, "people": people}
    return {
        "blog": blog,
        "clips": clips,
        "research": research,
        "themes": themes,
        "people": people,
        "posts": bulk.create_blog_posts(blog[0], POSTS, translation_index=blog[1], **common),
        "clip_pages": bulk.create_clips(clips[0], CLIPS, translation_index=clips[1], **common),
        "studies": bulk.create_studies(
            research[0], STUDIES, translation_index=research[1], **common
        ),
    }


@pytest.mark.django_db
def test_tree_is_valid_and_counts_match(bulk_site):
    assert bulk.tree_problems() == []
    assert Page.find_problems() == ([], [], [], [], [])
    assert BlogPostPage.objects.live().count() == 2 * POSTS
    assert KennisclipPage.objects.live().count() == 2 * CLIPS
    assert StudyPage.objects.live().count() == 2 * STUDIES
    dutch_blog, english_blog = bulk_site["blog"]
    dutch_blog.refresh_from_db()
    assert dutch_blog.numchild == POSTS
    assert dutch_blog.get_children().count() == POSTS
    # Nothing made a revision: serving must work without one (the views below).
    assert not BlogPostPage.objects.filter(latest_revision__isnull=False).exists()


@pytest.mark.django_db
def test_tree_problems_are_found(bulk_site):
    post = bulk_site["posts"][0]
    Page.objects.filter(pk=post.get_parent().pk).update(numchild=1)
    Page.objects.filter(pk=post.pk).update(depth=7)
    problems = bulk.tree_problems()
    assert any(line.startswith("wrong numchild") for line in problems)
    assert any(line.startswith(f"wrong depth: [{post.pk}]") for line in problems)


@pytest.mark.django_db
def test_each_page_has_its_translation(bulk_site):
    dutch = BlogPostPage.objects.filter(locale__language_code="nl").order_by("path").first()
    english = dutch.get_translation(bulk_site["blog"][1].locale)
    assert english.live
    assert english.get_parent().specific == bulk_site["blog"][1]
    assert english.title != dutch.title
    assert [a.person_id for a in english.authors.all()] == [
        a.person_id for a in dutch.authors.all()
    ]


@pytest.mark.django_db
def test_pages_are_served(client, bulk_site):
    for page in (bulk_site["posts"][0], bulk_site["clip_pages"][-1], bulk_site["studies"][0]):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title.encode() in response.content.replace(b"&#x27;", b"'")
    clip = bulk_site["clip_pages"][0]
    response = client.get(clip.url)
    first_line = clip.transcript[0].value["text"]
    assert first_line.split(".")[0].encode() in response.content


@pytest.mark.django_db
def test_pages_appear_in_listings_and_sitemap(client, bulk_site):
    dutch_blog = bulk_site["blog"][0]
    newest = bulk_site["posts"][0]  # the first post made is the newest
    response = client.get(dutch_blog.url)
    assert response.status_code == 200
    assert newest.url.encode() in response.content
    last_page = client.get(dutch_blog.url + "?page=3")
    assert last_page.status_code == 200
    oldest = bulk_site["posts"][POSTS - 1]
    assert oldest.url.encode() in last_page.content
    home = client.get("/en/")
    assert home.status_code == 200
    english_newest = bulk_site["posts"][POSTS]
    assert english_newest.url.encode() in home.content
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert newest.url.encode() in sitemap.content
    assert bulk_site["studies"][-1].url.encode() in sitemap.content


@pytest.mark.django_db
def test_pages_are_found_by_search(client, bulk_site):
    assert SearchDocument.objects.count() == 2 * (POSTS + CLIPS + STUDIES)
    dutch = client.get("/nl/zoeken/", {"q": "eenzaam"})
    assert dutch.status_code == 200
    assert any(page.url.encode() in dutch.content for page in bulk_site["posts"][:POSTS])
    english = client.get("/en/search/", {"q": "lonely", "type": "clip"})
    assert english.status_code == 200
    assert bulk_site["clip_pages"][CLIPS].url.encode() in english.content
    nothing = client.get("/nl/zoeken/", {"q": "xylofoonconcert"})
    assert nothing.status_code == 200
    assert not any(page.url.encode() in nothing.content for page in bulk_site["posts"])


@pytest.mark.django_db
def test_a_second_batch_continues_the_tree(bulk_site):
    dutch_blog = bulk_site["blog"][0]
    more = bulk.create_blog_posts(dutch_blog, 3, people=bulk_site["people"], seed=9)
    assert bulk.tree_problems() == []
    slugs = list(Page.objects.child_of(dutch_blog).values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == POSTS + 3
    assert all(post.live for post in BlogPostPage.objects.filter(pk__in=[p.pk for p in more]))
    assert BlogPostAuthor.objects.filter(page__in=[p.pk for p in more]).count() >= 3
