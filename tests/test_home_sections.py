"""The home page's sections: newest items by default, editors' choices first, both languages."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from home.models import HomePage, HomePageFeature
from home.snippets import PersonRole
from tests.test_blog import make_index as make_blog_index
from tests.test_blog import make_person, make_post, translate_page


def section_titles(client, path: str, key: str) -> list[str]:
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": f"section-{key}"})
    if section is None:
        return []
    return [link.get_text(strip=True) for link in section.select(".card__title a")]


@pytest.fixture
def blog_index(home_pages):
    index = make_blog_index(home_pages["nl"])
    translate_page(index, "Blog", "blog")
    return index


def make_posts(index, count: int, first: int = 0):
    author = make_person("Helma", PersonRole.TEAM_MEMBER)
    start = date(2018, 1, 1)
    return [
        make_post(index, f"Post {number}", when=start + timedelta(days=number), authors=[author])
        for number in range(first, first + count)
    ]


@pytest.mark.django_db
def test_home_shows_the_three_newest_posts(client, blog_index):
    make_posts(blog_index, 5)
    assert section_titles(client, "/nl/", "posts") == ["Post 4", "Post 3", "Post 2"]
    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert soup.find("a", string="Alle blogs")["href"] == "/nl/blog/"


@pytest.mark.django_db
def test_featured_items_come_first_and_follow_the_language(client, home_pages, blog_index):
    posts = make_posts(blog_index, 5)
    english = translate_page(posts[0], "Post zero in English", "post-zero")
    home = home_pages["nl"]
    home.features = [HomePageFeature(page=posts[0]), HomePageFeature(page=posts[1])]
    home.save_revision().publish()
    english_home = home_pages["en"]
    english_home.features = [HomePageFeature(page=posts[0]), HomePageFeature(page=posts[1])]
    english_home.save_revision().publish()
    assert section_titles(client, "/nl/", "posts") == ["Post 0", "Post 1"]
    # The English home's choices point at Dutch pages: only the translated one shows, in English.
    assert section_titles(client, "/en/", "posts") == [english.title]


@pytest.mark.django_db
def test_sections_without_items_are_left_out(client, home_pages):
    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert soup.find("section", attrs={"aria-labelledby": "section-posts"}) is None
    assert len(soup.find_all("h1")) == 1


@pytest.mark.django_db
def test_home_page_costs_the_same_at_1_and_at_50_posts(
    client, blog_index, django_assert_max_num_queries
):
    make_posts(blog_index, 1)
    client.get("/nl/")
    with django_assert_max_num_queries(20) as few:
        client.get("/nl/")
    budget = len(few)
    make_posts(blog_index, 49, first=1)
    client.get("/nl/")  # the first view after a change rebuilds the shared lookups (pagecache)
    with django_assert_max_num_queries(budget):
        assert client.get("/nl/").status_code == 200


@pytest.mark.django_db
def test_sections_follow_every_publish_and_unpublish(client, blog_index):
    posts = make_posts(blog_index, 3)
    assert section_titles(client, "/nl/", "posts") == ["Post 2", "Post 1", "Post 0"]
    (newest,) = make_posts(blog_index, 1, first=3)
    assert section_titles(client, "/nl/", "posts") == ["Post 3", "Post 2", "Post 1"]
    newest.unpublish()
    posts[2].title = "Post 2, herzien"
    posts[2].save_revision().publish()
    assert section_titles(client, "/nl/", "posts") == ["Post 2, herzien", "Post 1", "Post 0"]


@pytest.mark.django_db
def test_a_preview_shows_its_unsaved_choices_and_leaves_the_live_page_alone(
    client, home_pages, blog_index
):
    posts = make_posts(blog_index, 5)
    assert section_titles(client, "/nl/", "posts") == ["Post 4", "Post 3", "Post 2"]
    draft = HomePage.objects.get(pk=home_pages["nl"].pk)
    draft.features = [HomePageFeature(page=posts[0]), HomePageFeature(page=posts[1])]
    preview = draft.make_preview_request()
    soup = BeautifulSoup(preview.content, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "section-posts"})
    assert [link.get_text(strip=True) for link in section.select(".card__title a")] == [
        "Post 0",
        "Post 1",
    ]
    assert section_titles(client, "/nl/", "posts") == ["Post 4", "Post 3", "Post 2"]
