"""home.compiled: a queryset's SQL built once per shape, each run binding its own values, with
the rows Django itself would read."""

from datetime import date

import pytest
from django.db.models import CharField, F, IntegerField, UUIDField
from wagtail.models import Page

from blog.models import BlogPostPage
from home.compiled import (
    CompiledQuery,
    Param,
    StartsWith,
    descendant_values,
    descendants_of,
    like_prefix,
    list_values,
    one_of,
)
from home.snippets import PersonRole, Theme
from tests.test_blog import make_index, make_person, make_post, make_theme
from tests.test_kennisclips import make_image


@pytest.fixture
def posts(home_pages):
    index = make_index(home_pages["nl"])
    author = make_person("Helma", PersonRole.LECTURER_RESEARCHER)
    theme = make_theme("Eenzaamheid", "eenzaamheid", "Loneliness", "loneliness")
    made = [
        make_post(
            index, f"Bericht {number}", when=date(2019, 5, number), authors=[author], themes=[theme]
        )
        for number in range(1, 4)
    ]
    made[0].hero_image = make_image("held.png")
    made[0].hero_image_alt = "Een buurthuis"
    made[0].save_revision().publish()
    return {"index": index, "posts": made}


def field_values(page) -> dict:
    return {field.attname: getattr(page, field.attname) for field in page._meta.concrete_fields}


BY_TRANSLATION_KEY = CompiledQuery(
    lambda: BlogPostPage.objects.select_related("hero_image").filter(
        translation_key=Param("key", UUIDField())
    )
)


@pytest.mark.django_db
def test_rows_are_what_the_queryset_reads_joined_objects_included(posts, django_assert_num_queries):
    post = posts["posts"][0]
    expected = list(
        BlogPostPage.objects.select_related("hero_image").filter(
            translation_key=post.translation_key
        )
    )
    with django_assert_num_queries(1):
        (found,) = BY_TRANSLATION_KEY(key=post.translation_key)
        assert found.hero_image.title == "held.png"  # joined in the same query
    assert field_values(found) == field_values(expected[0])
    assert list(found.body.raw_data) == list(expected[0].body.raw_data)
    assert BY_TRANSLATION_KEY(key=posts["posts"][1].translation_key)[0].pk == posts["posts"][1].pk


@pytest.mark.django_db
def test_each_shape_is_compiled_once_whatever_the_values(posts, monkeypatch):
    compiled = []
    query = CompiledQuery(
        lambda count: (
            BlogPostPage.objects.filter(one_of("page_ptr_id", "post", count))
            .order_by("pk")
            .only("pk")
        )
    )
    original_compile = query._compile_for
    monkeypatch.setattr(
        query, "_compile_for", lambda *args: compiled.append(args) or original_compile(*args)
    )
    first, second, third = (post.pk for post in posts["posts"])
    assert [post.pk for post in query(1, **list_values("post", [first]))] == [first]
    assert [post.pk for post in query(1, **list_values("post", [third]))] == [third]
    assert [post.pk for post in query(2, **list_values("post", [second, third]))] == [
        second,
        third,
    ]
    assert len(compiled) == 2  # one per shape (a count of 1 and of 2), not one per run


@pytest.mark.django_db
def test_a_shape_is_compiled_again_when_what_it_depends_on_changes(posts):
    depends_on = {"generation": 1}
    builds = []

    def build():
        builds.append(depends_on["generation"])
        return BlogPostPage.objects.filter(pk=Param("post", IntegerField())).only("pk")

    query = CompiledQuery(build, varies_with=lambda: depends_on["generation"])
    post = posts["posts"][0]
    query(post=post.pk)
    query(post=post.pk)
    depends_on["generation"] = 2
    query(post=post.pk)
    assert builds == [1, 2]


@pytest.mark.django_db
def test_every_value_must_be_given_by_name_and_no_other(posts):
    post = posts["posts"][0]
    with pytest.raises(TypeError, match="binds"):
        BY_TRANSLATION_KEY()
    with pytest.raises(TypeError, match="binds"):
        BY_TRANSLATION_KEY(key=post.translation_key, other=1)


@pytest.mark.django_db
def test_a_query_that_can_match_nothing_is_not_run(django_assert_num_queries):
    query = CompiledQuery(lambda count: Theme.objects.filter(one_of("pk", "theme", count)))
    with django_assert_num_queries(0):
        assert query(0) == []


@pytest.mark.django_db
def test_a_prefix_takes_wildcards_literally():
    for name in ("a_b", "axb", "a%c", "abc"):
        make_theme(name, name, name, f"en-{name}")
    query = CompiledQuery(
        lambda: Theme.objects.filter(
            StartsWith(F("slug"), Param("prefix", CharField(), bind=like_prefix))
        ).order_by("slug")
    )
    assert [theme.slug for theme in query(prefix="a_")] == ["a_b"]
    assert [theme.slug for theme in query(prefix="a%")] == ["a%c"]
    assert [theme.slug for theme in query(prefix="a")] == ["a%c", "a_b", "abc", "axb"]


@pytest.mark.django_db
def test_descendants_are_those_wagtail_finds(posts, home_pages):
    query = CompiledQuery(
        lambda: BlogPostPage.objects.filter(descendants_of("under")).order_by("pk").only("pk")
    )
    for ancestor in (posts["index"], home_pages["nl"], home_pages["en"]):
        expected = list(
            BlogPostPage.objects.descendant_of(ancestor).order_by("pk").values_list("pk", flat=True)
        )
        found = [post.pk for post in query(**descendant_values("under", ancestor))]
        assert found == expected


@pytest.mark.django_db
def test_none_is_refused_rather_than_matching_nothing(posts):
    with pytest.raises(TypeError, match="None"):
        BY_TRANSLATION_KEY(key=None)


@pytest.mark.django_db
def test_only_queries_that_read_rows_or_values_are_compiled():
    # Wagtail's `.specific()` runs queries of its own from the rows: not compiled.
    specific = CompiledQuery(lambda: Page.objects.filter(pk=Param("pk", IntegerField())).specific())
    with pytest.raises(TypeError, match="rows or values"):
        specific(pk=1)


@pytest.mark.django_db
def test_a_shape_built_while_what_it_depends_on_changed_is_not_kept(posts):
    generations = iter([1, 2, 2, 2])
    builds = []

    def build():
        builds.append(1)
        return BlogPostPage.objects.filter(pk=Param("post", IntegerField())).only("pk")

    query = CompiledQuery(build, varies_with=lambda: next(generations))
    post = posts["posts"][0]
    assert [row.pk for row in query(post=post.pk)] == [post.pk]  # built under 1, now 2: dropped
    assert [row.pk for row in query(post=post.pk)] == [post.pk]  # built and kept under 2
    assert len(builds) == 2


@pytest.mark.django_db
def test_a_new_post_s_preview_shows_related_posts(posts):
    theme = Theme.objects.get(slug="eenzaamheid")
    new = BlogPostPage(title="Nieuw", date=date(2019, 6, 1), locale=posts["index"].locale)
    new.themes = [theme]
    related = new.get_related_posts(posts["index"])
    assert [post.title for post in related] == ["Bericht 3", "Bericht 2", "Bericht 1"]
