"""home.queries: the ids several link relations point at, read in one query for a page or a
listing, in each relation's order; a preview's unsaved links read from memory."""

from datetime import date

import pytest

from blog.models import POST_LINKS, BlogPostAuthor, BlogPostPage
from home.queries import Link, linked_ids, links_by_owner
from home.snippets import PersonRole
from tests.test_blog import make_index, make_person, make_post, make_theme


@pytest.fixture
def posts(home_pages):
    index = make_index(home_pages["nl"])
    people = [make_person(name, PersonRole.STUDENT) for name in ("Saskia", "Rachida", "Helma")]
    themes = [
        make_theme("Eenzaamheid", "eenzaamheid", "Loneliness", "loneliness"),
        make_theme("Samen leren", "samen-leren", "Learning together", "learning-together"),
    ]
    first = make_post(
        index, "Eerste", when=date(2019, 5, 1), authors=[people[2], people[0]], themes=themes
    )
    second = make_post(index, "Tweede", when=date(2019, 5, 2), authors=[people[1]], themes=[])
    return {"posts": [first, second], "people": people, "themes": themes}


@pytest.mark.django_db
def test_a_page_s_links_come_in_one_query_in_their_order(posts, django_assert_num_queries):
    first = BlogPostPage.objects.get(pk=posts["posts"][0].pk)
    saskia, _rachida, helma = posts["people"]
    with django_assert_num_queries(1):
        person_ids, theme_ids = linked_ids(first, *POST_LINKS)
    assert person_ids == [helma.pk, saskia.pk]  # the editor's order, not the ids'
    assert sorted(theme_ids) == sorted(theme.pk for theme in posts["themes"])


@pytest.mark.django_db
def test_a_listing_s_links_come_in_one_query_per_owner(posts, django_assert_num_queries):
    first, second = posts["posts"]
    saskia, rachida, helma = posts["people"]
    pks = [first.pk, second.pk]
    with django_assert_num_queries(1):
        authors, themes = links_by_owner(BlogPostPage, pks, *POST_LINKS)
    assert authors == {first.pk: [helma.pk, saskia.pk], second.pk: [rachida.pk]}
    assert sorted(themes[first.pk]) == sorted(theme.pk for theme in posts["themes"])
    assert second.pk not in themes


@pytest.mark.django_db
def test_a_preview_s_unsaved_links_are_read_from_memory(posts, django_assert_num_queries):
    first = posts["posts"][0]
    saskia, rachida, _helma = posts["people"]
    preview = BlogPostPage.objects.get(pk=first.pk)
    preview.authors = [
        BlogPostAuthor(person=rachida, sort_order=1),
        BlogPostAuthor(person=saskia, sort_order=0),
    ]
    preview.themes.set([posts["themes"][1]])
    with django_assert_num_queries(0):
        person_ids, theme_ids = linked_ids(preview, *POST_LINKS)
    assert person_ids == [saskia.pk, rachida.pk]
    assert theme_ids == [posts["themes"][1].pk]


@pytest.mark.django_db
def test_only_the_relations_asked_for_are_read_and_an_unsaved_page_has_none(
    posts, django_assert_num_queries
):
    first = BlogPostPage.objects.get(pk=posts["posts"][0].pk)
    with django_assert_num_queries(1):
        (theme_ids,) = linked_ids(first, Link("themes"))
    assert sorted(theme_ids) == sorted(theme.pk for theme in posts["themes"])
    with django_assert_num_queries(0):
        assert linked_ids(BlogPostPage(title="Nieuw"), *POST_LINKS) == [[], []]
        assert links_by_owner(BlogPostPage, [], *POST_LINKS) == [{}, {}]
