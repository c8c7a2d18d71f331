"""The blog: type rules, posts, the filtered and paginated index, feeds, admin editing, demo."""

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.demo import load_demo
from blog.demo_posts import POSTS
from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from home.demo.images import make_demo_image
from home.models import HomePage
from home.snippets import Person, PersonRole, Theme

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


# Helpers


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches renditions by image id; ids come back after each test's rollback."""
    cache.clear()
    yield
    cache.clear()


def make_theme(name_nl, slug_nl, name_en, slug_en) -> Theme:
    """A Dutch theme and its English translation; returns the Dutch one."""
    theme = Theme.objects.create(
        locale=Locale.objects.get(language_code="nl"), name=name_nl, slug=slug_nl
    )
    english = theme.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name, english.slug = name_en, slug_en
    english.save()
    return theme


def make_person(name, role) -> Person:
    """A Dutch person with an English translation; returns the Dutch one."""
    person = Person.objects.create(
        locale=Locale.objects.get(language_code="nl"), name=name, role=role
    )
    person.copy_for_translation(Locale.objects.get(language_code="en")).save()
    return person


def make_index(home, title="Blog", slug="blog", intro="Lees de blogs") -> BlogIndexPage:
    index = BlogIndexPage(title=title, slug=slug, intro=intro)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_post(index, title, *, when, authors, themes=(), slug=None, image=None, **fields):
    post = BlogPostPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        date=when,
        intro=fields.pop("intro", f"Over {title}."),
        body=fields.pop("body", [{"type": "paragraph", "value": f"<p>Tekst van {title}.</p>"}]),
        **fields,
    )
    if image is not None:
        post.hero_image = image
        if not post.hero_image_decorative:
            post.hero_image_alt = post.hero_image_alt or "Cirkels"
    post.authors = [BlogPostAuthor(person=person) for person in authors]
    post.themes.set(themes)
    index.add_child(instance=post)
    post.save_revision().publish()
    return post


def translate_page(page, title, slug):
    """An English copy of a Dutch page (under the English parent), published."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = title, slug
    english.save_revision().publish()
    return type(page).objects.get(pk=english.pk)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select(".blog-card__title a")]


@pytest.fixture
def blog(home_pages):
    """Dutch and English indexes, four people, three themes."""
    people = {
        "helma": make_person("Helma", PersonRole.TEAM_MEMBER),
        "saskia": make_person("Saskia", PersonRole.TEAM_MEMBER),
        "rachida": make_person("Rachida", PersonRole.STUDENT),
        "siham": make_person("Siham", PersonRole.STUDENT),
    }
    themes = {
        "loneliness": make_theme("Eenzaamheid", "eenzaamheid", "Loneliness", "loneliness"),
        "learning": make_theme("Samen leren", "samen-leren", "Learning together", "learning"),
        "young": make_theme("Jongvolwassenen", "jongvolwassenen", "Young adults", "young-adults"),
    }
    index_nl = make_index(home_pages["nl"])
    index_en = translate_page(index_nl, "Blog", "blog")
    return {"people": people, "themes": themes, "nl": index_nl, "en": index_en}


@pytest.fixture
def filter_posts(blog):
    """Four Dutch posts with English translations, covering each theme and role."""
    p, t = blog["people"], blog["themes"]
    specs = [
        ("Helma eenzaamheid", date(2018, 3, 1), [p["helma"]], [t["loneliness"]]),
        ("Rachida jongeren", date(2018, 6, 1), [p["rachida"]], [t["loneliness"], t["young"]]),
        ("Saskia leren", date(2019, 1, 1), [p["saskia"]], [t["learning"]]),
        ("Siham leren", date(2019, 5, 1), [p["siham"]], [t["learning"], t["young"]]),
    ]
    posts = {}
    for title, when, authors, themes in specs:
        post = make_post(blog["nl"], title, when=when, authors=authors, themes=themes)
        posts[title] = post
        translate_page(post, title.replace(" ", " (en) ", 1), post.slug)
    return posts


# Type rules


class TestBlogTypeRules(WagtailPageTestCase):
    def test_index_lives_under_a_home_page_and_holds_posts(self):
        # HomePage.subpage_types lists the index once the lead integrates the blog; until then
        # only the index's own side of the rule can be checked.
        assert BlogIndexPage.clean_parent_page_models() == [HomePage]
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPostPage})

    def test_post_lives_under_the_index_only_and_has_no_children(self):
        self.assertAllowedParentPageTypes(BlogPostPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPostPage, set())

    def test_one_index_per_language_tree(self):
        assert BlogIndexPage.max_count_per_parent == 1


@pytest.mark.django_db
def test_a_second_index_under_the_same_home_is_refused(home_pages, monkeypatch):
    # HomePage.subpage_types is filled in by the lead when integrating; simulate that here.
    monkeypatch.setattr(HomePage, "subpage_types", ["blog.BlogIndexPage"])
    HomePage._clean_subpage_models = None
    try:
        assert BlogIndexPage.can_create_at(home_pages["nl"])
        make_index(home_pages["nl"])
        assert not BlogIndexPage.can_create_at(home_pages["nl"])
        assert BlogIndexPage.can_create_at(home_pages["en"])
    finally:
        HomePage._clean_subpage_models = None


# Posts


@pytest.mark.django_db
def test_post_shows_date_authors_in_order_with_roles_intro_body_and_themes(client, blog):
    p, t = blog["people"], blog["themes"]
    post = make_post(
        blog["nl"],
        "Samen tegen eenzaamheid",
        when=date(2018, 3, 15),
        authors=[p["saskia"], p["rachida"], p["helma"]],
        themes=[t["loneliness"], t["learning"]],
        intro="Een korte inleiding.",
        body=[
            {"type": "heading", "value": {"text": "Wat we leerden", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Samen <b>leren</b> werkt.</p>"},
        ],
    )
    soup = soup_of(client.get(post.url))
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["Samen tegen eenzaamheid"]
    meta = soup.select_one(".blog-post__meta")
    assert meta.find("time")["datetime"] == "2018-03-15"
    assert meta.find("time").get_text() == "15 maart 2018"
    authors = [a.get_text(" ", strip=True) for a in meta.select(".blog-author")]
    assert authors == ["Saskia (Werkteamlid)", "Rachida (Student)", "Helma (Werkteamlid)"]
    assert soup.select_one(".blog-post__intro").get_text() == "Een korte inleiding."
    assert soup.find("h2", string="Wat we leerden")
    assert "Samen <b>leren</b> werkt." in str(soup)
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".blog-post__themes a")}
    assert links == {
        "Blogs over Eenzaamheid": "/nl/blog/?theme=eenzaamheid",
        "Blogs over Samen leren": "/nl/blog/?theme=samen-leren",
    }


@pytest.mark.django_db
def test_english_post_shows_english_date_roles_and_themes(client, blog):
    p, t = blog["people"], blog["themes"]
    post = make_post(
        blog["nl"], "Jongeren", when=date(2019, 6, 27), authors=[p["rachida"]], themes=[t["young"]]
    )
    english = translate_page(post, "Young people", "young-people")
    assert english.themes.get() == t["young"]  # still the Dutch theme, as wagtail-localize does
    soup = soup_of(client.get(english.url))
    assert soup.find("html")["lang"] == "en"
    assert soup.select_one(".blog-post__meta time").get_text() == "27 June 2019"
    assert soup.select_one(".blog-author").get_text(" ", strip=True) == "Rachida (Student)"
    theme_link = soup.select_one(".blog-post__themes a")
    assert theme_link["href"] == "/en/blog/?theme=young-adults"
    assert theme_link.get_text(" ", strip=True) == "Posts about Young adults"


@pytest.mark.django_db
def test_related_posts_share_a_theme_newest_first_at_most_three(client, blog):
    p, t = blog["people"], blog["themes"]
    author = [p["helma"]]
    post = make_post(
        blog["nl"], "Hoofdpost", when=date(2019, 1, 1), authors=author, themes=[t["loneliness"]]
    )
    for number, day in enumerate([3, 9, 5, 7], start=1):
        make_post(
            blog["nl"],
            f"Verwant {number}",
            when=date(2018, 1, day),
            authors=author,
            themes=[t["loneliness"], t["learning"]],
        )
    make_post(blog["nl"], "Ander thema", when=date(2019, 2, 1), authors=author, themes=[t["young"]])
    draft = make_post(
        blog["nl"], "Concept", when=date(2019, 3, 1), authors=author, themes=[t["loneliness"]]
    )
    draft.unpublish()
    # An English post sharing the theme stays out of the Dutch list.
    translate_page(
        make_post(blog["nl"], "Vertaald", when=date(2017, 1, 1), authors=author, themes=[]),
        "Translated",
        "translated",
    ).themes.set([t["loneliness"]])

    soup = soup_of(client.get(post.url))
    related = [a.get_text(strip=True) for a in soup.select(".blog-post__related a")]
    assert related == ["Verwant 2", "Verwant 4", "Verwant 3"]


@pytest.mark.django_db
def test_post_without_themes_shows_no_related_section(client, blog):
    post = make_post(blog["nl"], "Los", when=date(2019, 1, 1), authors=[blog["people"]["helma"]])
    make_post(blog["nl"], "Ander", when=date(2019, 1, 2), authors=[blog["people"]["helma"]])
    soup = soup_of(client.get(post.url))
    assert soup.select_one(".blog-post__related") is None
    assert soup.select_one(".blog-post__themes") is None


@pytest.mark.django_db
def test_post_hero_image_is_responsive_and_json_ld_describes_the_post(client, blog):
    image = make_demo_image("Test hero", "plum", size=(1600, 900))
    post = make_post(
        blog["nl"],
        "Met beeld",
        when=date(2018, 5, 4),
        authors=[blog["people"]["helma"], blog["people"]["siham"]],
        image=image,
        hero_image_alt="Blauwe cirkels",
    )
    soup = soup_of(client.get(post.url))
    img = soup.select_one(".blog-post__hero img")
    assert img["alt"] == "Blauwe cirkels"
    assert img["width"] == "1200" and img["height"] == "675"
    assert [part.split()[-1] for part in img["srcset"].split(", ")] == ["1200w", "800w", "480w"]
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Met beeld"
    assert data["datePublished"] == "2018-05-04"
    assert data["inLanguage"] == "nl"
    assert data["description"] == "Over Met beeld."
    assert [author["name"] for author in data["author"]] == ["Helma", "Siham"]
    assert data["image"].startswith("http://testserver/")
    assert soup.find("meta", property="og:type")["content"] == "article"


@pytest.mark.django_db
def test_decorative_hero_image_has_empty_alt(client, blog):
    post = make_post(
        blog["nl"],
        "Decoratief",
        when=date(2018, 5, 4),
        authors=[blog["people"]["helma"]],
        image=make_demo_image("Decor", "moss", size=(800, 450)),
        hero_image_decorative=True,
        hero_image_alt="",
    )
    img = soup_of(client.get(post.url)).select_one(".blog-post__hero img")
    assert img["alt"] == ""


# Validation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("alt_text", "decorative", "error"),
    [
        ("", False, "Describe the image, or mark it as decorative."),
        ("   ", False, "Describe the image, or mark it as decorative."),
        ("Twee cirkels", True, "A decorative image has no alternative text: clear it or untick."),
    ],
)
def test_hero_image_needs_alt_text_or_decorative_but_not_both(blog, alt_text, decorative, error):
    post = BlogPostPage(
        title="x",
        slug="x",
        intro="x",
        hero_image=make_demo_image("Validatie", "teal", size=(400, 300)),
        hero_image_alt=alt_text,
        hero_image_decorative=decorative,
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            post.clean()
        assert raised.value.message_dict["hero_image_alt"] == [error]


@pytest.mark.django_db
@pytest.mark.parametrize(("alt_text", "decorative"), [("Twee cirkels", False), ("", True)])
def test_hero_image_with_alt_text_or_decorative_is_valid(blog, alt_text, decorative):
    image = make_demo_image("Validatie", "teal", size=(400, 300))
    BlogPostPage(
        title="x",
        slug="x",
        intro="x",
        hero_image=image,
        hero_image_alt=alt_text,
        hero_image_decorative=decorative,
    ).clean()
    BlogPostPage(title="x", slug="x", intro="x").clean()  # no image: nothing to describe


# The admin


def post_form(people, themes, **overrides):
    data = {
        "title": "Via de beheeromgeving",
        "slug": "via-de-beheeromgeving",
        "date": "2019-04-02",
        "intro": "Gemaakt in de beheeromgeving.",
        "authors": inline_formset([{"person": person.pk} for person in people]),
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield(
            [
                ("heading", {"text": "Een kop", "level": "h2"}),
                ("paragraph", rich_text("<p>Een alinea uit de editor.</p>")),
                ("quote", {"text": "Samen leren.", "attribution": "Helma"}),
            ]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    form_data = nested_form_data(data)
    form_data["themes"] = [theme.pk for theme in themes]  # nested_form_data would number them
    return form_data


def add_url(index):
    return f"/admin/pages/add/blog/blogpostpage/{index.pk}/"


@pytest.mark.django_db
def test_editor_creates_a_post_with_body_and_authors_through_the_admin(admin_user_client, blog):
    p, t = blog["people"], blog["themes"]
    data = post_form([p["rachida"], p["helma"]], [t["young"]])
    response = admin_user_client.post(add_url(blog["nl"]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    post = BlogPostPage.objects.get(slug="via-de-beheeromgeving")
    assert post.live
    assert post.date == date(2019, 4, 2)
    assert [a.person for a in post.authors.all()] == [p["rachida"], p["helma"]]
    assert list(post.themes.all()) == [t["young"]]
    assert [block.block_type for block in post.body] == ["heading", "paragraph", "quote"]
    soup = soup_of(admin_user_client.get(post.url))
    assert "Een alinea uit de editor." in soup.get_text()
    assert [a.get_text(" ", strip=True) for a in soup.select(".blog-author")] == [
        "Rachida (Student)",
        "Helma (Werkteamlid)",
    ]


@pytest.mark.django_db
def test_editor_edits_and_republishes_an_existing_post(admin_user_client, blog):
    """The edit view builds the form from the latest revision (in-memory relations)."""
    p, t = blog["people"], blog["themes"]
    draft = post_form([p["helma"]], [t["young"]])
    del draft["action-publish"]
    admin_user_client.post(add_url(blog["nl"]), draft)
    post = BlogPostPage.objects.get(slug="via-de-beheeromgeving")
    edit_url = f"/admin/pages/{post.pk}/edit/"
    # The draft's revision gives the form in-memory themes (a modelcluster FakeQuerySet).
    assert admin_user_client.get(edit_url).status_code == 200
    data = post_form([p["helma"]], [t["young"]], intro="Bijgewerkt in de editor.")
    data["authors-0-id"] = post.authors.get().pk
    response = admin_user_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    post.refresh_from_db()
    assert post.intro == "Bijgewerkt in de editor."
    assert list(post.themes.all()) == [t["young"]]


@pytest.mark.django_db
def test_the_add_form_offers_only_themes_of_the_pages_language(admin_user_client, blog):
    response = admin_user_client.get(add_url(blog["en"]))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["themes"].queryset)
    assert offered == set(Theme.objects.filter(locale__language_code="en"))


@pytest.mark.django_db
def test_a_post_without_author_is_refused(admin_user_client, blog):
    data = post_form([], [])
    response = admin_user_client.post(add_url(blog["nl"]), data)
    assert response.status_code == 200
    assert response.context["form"].formsets["authors"].non_form_errors()
    assert not BlogPostPage.objects.filter(slug="via-de-beheeromgeving").exists()


@pytest.mark.django_db
def test_a_post_naming_an_author_twice_is_refused(admin_user_client, blog):
    helma = blog["people"]["helma"]
    response = admin_user_client.post(add_url(blog["nl"]), post_form([helma, helma], []))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Noem elke auteur maar één keer." in form.non_field_errors()
    second = form.formsets["authors"].forms[1]
    assert second.errors["person"] == ["Deze persoon is al auteur van deze blog."]
    assert not BlogPostPage.objects.filter(slug="via-de-beheeromgeving").exists()


@pytest.mark.django_db
def test_hero_image_without_alt_text_is_refused_in_the_admin(admin_user_client, blog):
    image = make_demo_image("Admin hero", "ochre", size=(400, 300))
    data = post_form([blog["people"]["helma"]], [], hero_image=image.pk)
    response = admin_user_client.post(add_url(blog["nl"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["hero_image_alt"] == [
        "Beschrijf de afbeelding, of markeer haar als decoratief."
    ]


# The index


@pytest.mark.django_db
def test_index_lists_live_posts_newest_first_with_dates_authors_and_themes(client, blog):
    p, t = blog["people"], blog["themes"]
    make_post(
        blog["nl"], "Oud", when=date(2018, 1, 5), authors=[p["helma"]], themes=[t["learning"]]
    )
    make_post(
        blog["nl"],
        "Nieuw",
        when=date(2019, 11, 1),
        authors=[p["siham"], p["saskia"]],
        themes=[t["young"], t["loneliness"]],
        image=make_demo_image("Lijst", "teal", size=(800, 450)),
    )
    make_post(blog["nl"], "Midden", when=date(2018, 9, 1), authors=[p["helma"]])
    make_post(blog["nl"], "Weg", when=date(2019, 12, 1), authors=[p["helma"]]).unpublish()
    response = client.get(blog["nl"].url)
    soup = soup_of(response)
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["Blog"]
    assert soup.select_one(".blog-header__intro").get_text() == "Lees de blogs"
    assert listed_titles(response) == ["Nieuw", "Midden", "Oud"]
    first = soup.select_one(".blog-card")
    assert first.find("time").get_text() == "1 november 2019"
    assert [a.get_text(" ", strip=True) for a in first.select(".blog-author")] == [
        "Siham (Student)",
        "Saskia (Werkteamlid)",
    ]
    assert [tag.get_text() for tag in first.select(".tag")] == ["Eenzaamheid", "Jongvolwassenen"]
    assert first.select_one(".blog-card__intro").get_text() == "Over Nieuw."
    thumbnail = first.select_one("img.blog-card__image")
    assert thumbnail["width"] == "640" and thumbnail["alt"] == ""
    assert soup.select(".blog-card")[1].select_one("img") is None
    assert soup.select_one(".blog-count").get_text(strip=True) == "3 blogs"


@pytest.mark.django_db
def test_index_paginates_by_ten_and_refuses_bad_pages(client, blog):
    for day in range(1, 13):
        make_post(
            blog["nl"], f"Post {day:02}", when=date(2019, 1, day), authors=[blog["people"]["helma"]]
        )
    first = client.get(blog["nl"].url)
    assert len(listed_titles(first)) == 10
    assert listed_titles(first)[0] == "Post 12"
    next_link = soup_of(first).select_one(".pagination a[rel=next]")
    assert next_link["href"] == "?page=2"
    assert next_link.get_text() == "Volgende pagina"
    second = client.get(blog["nl"].url + "?page=2")
    assert listed_titles(second) == ["Post 02", "Post 01"]
    assert soup_of(second).select_one(".pagination a[rel=prev]").get_text() == "Vorige pagina"
    for bad in ["3", "0", "-1", "abc", "1.5", "99999999999999999999", "%00", "<script>"]:
        response = client.get(blog["nl"].url, {"page": bad})
        assert response.status_code == 404, bad
        assert b"<script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("nl", {"role": "team_member"}, ["Saskia leren", "Helma eenzaamheid"]),
        ("nl", {"role": "student"}, ["Siham leren", "Rachida jongeren"]),
        ("nl", {"theme": "eenzaamheid"}, ["Rachida jongeren", "Helma eenzaamheid"]),
        (
            "nl",
            {"theme": "jongvolwassenen", "role": "student"},
            ["Siham leren", "Rachida jongeren"],
        ),
        ("nl", {"theme": "samen-leren", "role": "team_member"}, ["Saskia leren"]),
        (
            "nl",
            {"theme": "eenzaamheid", "role": "", "page": "1"},
            ["Rachida jongeren", "Helma eenzaamheid"],
        ),
        (
            "nl",
            {"theme": "", "role": ""},
            ["Siham leren", "Saskia leren", "Rachida jongeren", "Helma eenzaamheid"],
        ),
        ("en", {"role": "team_member"}, ["Saskia (en) leren", "Helma (en) eenzaamheid"]),
        ("en", {"role": "student"}, ["Siham (en) leren", "Rachida (en) jongeren"]),
        # English slugs find the English posts, which link to the Dutch themes.
        ("en", {"theme": "loneliness"}, ["Rachida (en) jongeren", "Helma (en) eenzaamheid"]),
        (
            "en",
            {"theme": "young-adults", "role": "student"},
            ["Siham (en) leren", "Rachida (en) jongeren"],
        ),
        ("en", {"theme": "learning", "role": "student"}, ["Siham (en) leren"]),
    ],
)
def test_index_filters_by_theme_and_role(client, blog, filter_posts, language, query, expected):
    response = client.get(blog[language].url, query)
    assert listed_titles(response) == expected


@pytest.mark.django_db
def test_filter_form_is_labelled_and_shows_the_active_filters(client, blog, filter_posts):
    response = client.get(blog["en"].url, {"theme": "young-adults", "role": "student"})
    soup = soup_of(response)
    form = soup.select_one("form.blog-filters__form")
    assert form["method"] == "get" and form["action"] == "/en/blog/"
    for select in form.find_all("select"):
        assert soup.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    assert form.find("button", type="submit").get_text() == "Show posts"
    theme_select = form.find("select", attrs={"name": "theme"})
    assert [o["value"] for o in theme_select.find_all("option")] == [
        "",
        "learning",
        "loneliness",
        "young-adults",
    ]
    assert theme_select.find("option", selected=True)["value"] == "young-adults"
    assert form.find("select", attrs={"name": "role"}).find("option", selected=True)["value"] == (
        "student"
    )
    active = soup.select_one(".blog-active-filters")
    assert "Theme: Young adults" in active.get_text(" ", strip=True)
    assert "Written by: Students" in active.get_text(" ", strip=True)
    assert active.find("a", string="Clear filters")["href"] == "/en/blog/"
    # Unfiltered: nothing active, nothing to clear.
    assert soup_of(client.get(blog["en"].url)).select_one(".blog-active-filters") is None


@pytest.mark.django_db
def test_pagination_links_keep_the_filters(client, blog):
    for day in range(1, 13):
        make_post(
            blog["nl"],
            f"Student {day:02}",
            when=date(2019, 2, day),
            authors=[blog["people"]["rachida"]],
            themes=[blog["themes"]["young"]],
        )
    response = client.get(blog["nl"].url, {"theme": "jongvolwassenen", "role": "student"})
    href = soup_of(response).select_one(".pagination a[rel=next]")["href"]
    assert href == "?theme=jongvolwassenen&amp;role=student&amp;page=2".replace("&amp;", "&")
    assert len(listed_titles(client.get(blog["nl"].url + href))) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("nl", {"theme": "bestaat-niet"}),
        ("nl", {"theme": "<script>alert(1)</script>"}),
        ("nl", {"role": "lecturer_researcher"}),
        ("nl", {"role": "<script>"}),
        ("nl", {"theme": "loneliness"}),  # an English slug on the Dutch index
        ("en", {"theme": "eenzaamheid"}),  # a Dutch slug on the English index
        ("en", {"theme": "loneliness", "role": "admin"}),
    ],
)
def test_unknown_theme_or_role_is_a_404_that_reflects_nothing(client, blog, language, query):
    response = client.get(blog[language].url, query)
    assert response.status_code == 404
    assert b"<script>" not in response.content


@pytest.mark.django_db
def test_a_theme_without_posts_gives_an_empty_list_with_a_way_back(client, blog, filter_posts):
    Theme.objects.create(locale=Locale.objects.get(language_code="nl"), name="Nieuw", slug="nieuw")
    soup = soup_of(client.get(blog["nl"].url, {"theme": "nieuw"}))
    assert soup.select(".blog-card") == []
    assert (
        "Er zijn geen blogs die bij deze filters passen."
        in soup.select_one(".empty-state").get_text()
    )
    assert soup.select_one("#blog-filter-theme option[selected]")["value"] == "nieuw"


# Feeds


def parse_xml(content: bytes) -> ET.Element:
    """Our own server's feed; fails when it is not well-formed XML."""
    return ET.fromstring(content)  # noqa: S314 - trusted: produced by the code under test


def feed_links(soup):
    return {
        link["type"]: (link["href"], link["title"])
        for link in soup.find_all("link", rel="alternate")
        if link.get("type")
    }


@pytest.mark.django_db
def test_index_and_posts_announce_both_feeds_in_the_head(client, blog, filter_posts):
    expected = {
        "application/rss+xml": ("http://testserver/en/blog/feed/", "Blog (RSS feed)"),
        "application/atom+xml": ("http://testserver/en/blog/feed/atom/", "Blog (Atom feed)"),
    }
    index_soup = soup_of(client.get("/en/blog/"))
    assert feed_links(index_soup.head) == expected
    post = BlogPostPage.objects.filter(locale__language_code="en").first()
    assert feed_links(soup_of(client.get(post.url)).head) == expected
    dutch = feed_links(soup_of(client.get("/nl/blog/")).head)
    assert dutch["application/rss+xml"] == ("http://testserver/nl/blog/feed/", "Blog (RSS-feed)")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_rss_feed_has_only_that_languages_posts_newest_first_with_absolute_links(
    client, blog, filter_posts, language
):
    response = client.get(f"/{language}/blog/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == RSS
    channel = parse_xml(response.content).find("channel")
    assert channel.findtext("language") == language
    assert channel.findtext("link") == f"http://testserver/{language}/blog/"
    items = channel.findall("item")
    expected = BlogPostPage.objects.live().filter(locale__language_code=language).order_by("-date")
    assert [item.findtext("title") for item in items] == [post.title for post in expected]
    for item in items:
        assert item.findtext("link").startswith(f"http://testserver/{language}/blog/")
        assert item.findtext("guid") == item.findtext("link")
    first = items[0]
    assert first.findtext("pubDate").startswith("Wed, 01 May 2019")
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Siham"
    themes = {"nl": ["Jongvolwassenen", "Samen leren"], "en": ["Learning together", "Young adults"]}
    assert [c.text for c in first.findall("category")] == themes[language]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_atom_feed_is_valid_and_absolute(client, blog, filter_posts, language):
    response = client.get(f"/{language}/blog/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"] == ATOM
    feed = parse_xml(response.content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("atom:entry", ATOM_NS)
    assert len(entries) == 4
    for entry in entries:
        link = entry.find("atom:link", ATOM_NS).get("href")
        assert link.startswith(f"http://testserver/{language}/blog/")
    titles = [entry.findtext("atom:title", namespaces=ATOM_NS) for entry in entries]
    assert titles[0].startswith("Siham") and titles[-1].startswith("Helma")


@pytest.mark.django_db
def test_feed_holds_the_newest_twenty_posts(client, blog):
    start = date(2018, 1, 1)
    for day in range(22):
        make_post(
            blog["nl"],
            f"Post {day:02}",
            when=start + timedelta(days=day),
            authors=[blog["people"]["helma"]],
        )
    items = parse_xml(client.get("/nl/blog/feed/").content).findall("channel/item")
    assert len(items) == 20
    assert items[0].findtext("title") == "Post 21"
    assert items[-1].findtext("title") == "Post 02"


@pytest.mark.django_db
def test_unknown_subpath_of_the_index_is_a_404(client, blog):
    assert client.get("/nl/blog/feed/unknown/").status_code == 404


# Query counts


INDEX_BUDGET = 24
FEED_BUDGET = 14


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_index_and_feed_cost_the_same_number_of_queries_at_1_and_50_posts(
    client, blog, count, django_assert_max_num_queries
):
    p, t = blog["people"], blog["themes"]
    image = make_demo_image("Gedeeld", "teal", size=(800, 450))
    for number in range(count):
        make_post(
            blog["nl"],
            f"Post {number:03}",
            when=date(2018, 1, 1) + timedelta(days=number),
            authors=[p["helma"], p["rachida"]],
            themes=[t["loneliness"], t["young"]],
            image=image,
        )
    for path in ["/nl/blog/", "/nl/blog/?theme=eenzaamheid&role=student", "/nl/blog/feed/"]:
        client.get(path)  # warm caches and create renditions
    with django_assert_max_num_queries(INDEX_BUDGET):
        assert client.get("/nl/blog/").status_code == 200
    with django_assert_max_num_queries(INDEX_BUDGET):
        assert client.get("/nl/blog/?theme=eenzaamheid&role=student").status_code == 200
    with django_assert_max_num_queries(FEED_BUDGET):
        assert client.get("/nl/blog/feed/").status_code == 200
    with django_assert_max_num_queries(FEED_BUDGET):
        assert client.get("/nl/blog/feed/atom/").status_code == 200


# Demo content


@pytest.mark.django_db
def test_demo_loader_builds_both_languages_and_runs_twice(
    client, home_pages, django_capture_on_commit_callbacks
):
    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        created = load_demo(home_pages)
    assert len(created) == 1 + len(POSTS)
    with django_capture_on_commit_callbacks(execute=True):
        assert load_demo(home_pages) == []
    for language in ["nl", "en"]:
        index = BlogIndexPage.objects.get(locale__language_code=language)
        assert index.live and index.slug == "blog" and index.title == "Blog"
        posts = BlogPostPage.objects.live().child_of(index)
        assert posts.count() == len(POSTS)
        assert all(post.authors.exists() and post.themes.exists() for post in posts)
    assert Page.objects.type(BlogPostPage).count() == 2 * len(POSTS)
    index_nl = BlogIndexPage.objects.get(locale__language_code="nl")
    assert index_nl.intro == "Lees de blogs van de werkteamleden en studenten"
    dates = BlogPostPage.objects.values_list("date", flat=True)
    assert min(dates) >= date(2018, 1, 1) and max(dates) <= date(2019, 11, 30)
    assert client.get("/nl/blog/?page=2").status_code == 200
    english = soup_of(client.get("/en/blog/?role=student"))
    assert "Student Siham on her graduation research" in english.get_text()
    post = BlogPostPage.objects.get(slug="helma-on-tackling-loneliness")
    soup = soup_of(client.get(post.url))
    assert soup.select_one(".blog-post__hero img")["alt"].startswith("Overlapping teal circles")
    assert "Helma (Work team member)" in soup.select_one(".blog-authors").get_text(" ", strip=True)


POST_BUDGET = 24


@pytest.mark.django_db
@pytest.mark.parametrize("others", [1, 20])
def test_post_page_costs_the_same_whatever_the_number_of_related_posts(
    client, blog, others, django_assert_max_num_queries
):
    p, t = blog["people"], blog["themes"]
    image = make_demo_image("Gedeeld", "teal", size=(800, 450))
    authors, themes = [p["helma"], p["rachida"]], [t["loneliness"], t["young"]]
    post = make_post(
        blog["nl"], "Hoofd", when=date(2019, 1, 1), authors=authors, themes=themes, image=image
    )
    for number in range(others):
        make_post(
            blog["nl"], f"Ander {number}", when=date(2018, 1, 1), authors=authors, themes=themes
        )
    client.get(post.url)
    with django_assert_max_num_queries(POST_BUDGET):
        assert client.get(post.url).status_code == 200


# The order of every listing, deep pages and related posts (issue 7: they are read from the
# newest-first index, so they must stay exactly what the plain query gives)


def publish_on_one_day(index, titles, when, *, themes=()):
    """Posts of one date, published in this order: the index lists the last published first."""
    author = Person.objects.get(name="Helma", locale__language_code="nl")
    return [make_post(index, title, when=when, authors=[author], themes=themes) for title in titles]


def make_private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


@pytest.mark.django_db
def test_posts_of_one_day_are_listed_latest_published_first_not_by_id(client, blog):
    first, second, third = publish_on_one_day(blog["nl"], ["Een", "Twee", "Drie"], date(2019, 5, 1))
    # The first made was published last: the publication time orders a day, not the id.
    Page.objects.filter(pk=first.pk).update(first_published_at=timezone.now() + timedelta(hours=1))
    assert listed_titles(client.get(blog["nl"].url)) == ["Een", "Drie", "Twee"]


@pytest.mark.django_db
def test_related_posts_follow_the_index_order_and_leave_out_private_posts(client, blog):
    t = blog["themes"]
    post = make_post(
        blog["nl"],
        "Hoofdpost",
        when=date(2019, 1, 1),
        authors=[blog["people"]["helma"]],
        themes=[t["loneliness"]],
    )
    first, _second, _third, _fourth = publish_on_one_day(
        blog["nl"], ["Een", "Twee", "Drie", "Vier"], date(2019, 5, 1), themes=[t["loneliness"]]
    )
    Page.objects.filter(pk=first.pk).update(first_published_at=timezone.now() + timedelta(hours=1))
    (private,) = publish_on_one_day(
        blog["nl"], ["Geheim"], date(2019, 6, 1), themes=[t["loneliness"]]
    )
    make_private(private)

    related = [
        a.get_text(strip=True)
        for a in soup_of(client.get(post.url)).select(".blog-post__related a")
    ]
    assert related == ["Een", "Vier", "Drie"]
    assert listed_titles(client.get(blog["nl"].url))[:3] == related


@pytest.mark.django_db
def test_related_posts_match_a_theme_by_translation_key_in_the_posts_language(client, blog):
    p, t = blog["people"], blog["themes"]
    loneliness_en = Theme.objects.get(
        translation_key=t["loneliness"].translation_key, locale__language_code="en"
    )
    post = make_post(
        blog["nl"],
        "Hoofdpost",
        when=date(2019, 1, 1),
        authors=[p["helma"]],
        themes=[t["loneliness"]],
    )
    other = make_post(
        blog["nl"], "Ander", when=date(2019, 2, 1), authors=[p["helma"]], themes=[t["learning"]]
    )
    english_post = translate_page(post, "Main post", "main-post")  # links the Dutch theme
    english_other = translate_page(other, "Other post", "other-post")
    english_other.themes.set([loneliness_en])  # the English translation of the same theme
    english_other.save()

    def related(page):
        soup = soup_of(client.get(page.url))
        return [a.get_text(strip=True) for a in soup.select(".blog-post__related a")]

    assert related(english_post) == ["Other post"]
    assert related(post) == []  # the Dutch "Ander" is about learning together only
    assert related(english_other) == ["Main post"]


@pytest.mark.django_db
def test_deep_pages_count_and_list_the_right_posts(client, blog):
    author = blog["people"]["helma"]
    for number in range(1, 26):
        # Five posts a day on five days: pages start in the middle of a day.
        make_post(
            blog["nl"],
            f"Post {number:02}",
            when=date(2019, 1, 1 + (number - 1) // 5),
            authors=[author],
        )
    newest_first = [f"Post {number:02}" for number in range(25, 0, -1)]
    pages = [client.get(blog["nl"].url, {"page": number}) for number in (1, 2, 3)]
    assert [listed_titles(page) for page in pages] == [
        newest_first[:10],
        newest_first[10:20],
        newest_first[20:],
    ]
    assert soup_of(pages[2]).select_one(".blog-count").get_text(strip=True) == "25 blogs"
    assert client.get(blog["nl"].url, {"page": 4}).status_code == 404


@pytest.mark.django_db
def test_count_and_pages_follow_publishing_and_unpublishing(client, blog):
    author = blog["people"]["helma"]
    for day in range(1, 11):
        make_post(blog["nl"], f"Post {day:02}", when=date(2019, 1, day), authors=[author])
    assert client.get(blog["nl"].url, {"page": 2}).status_code == 404

    newest = make_post(blog["nl"], "Nieuwste", when=date(2019, 2, 1), authors=[author])
    first = client.get(blog["nl"].url)
    assert listed_titles(first)[0] == "Nieuwste"
    assert soup_of(first).select_one(".blog-count").get_text(strip=True) == "11 blogs"
    assert listed_titles(client.get(blog["nl"].url, {"page": 2})) == ["Post 01"]

    newest.unpublish()
    make_private(Page.objects.get(title="Post 10"))
    first = client.get(blog["nl"].url)
    assert listed_titles(first)[0] == "Post 09"
    assert soup_of(first).select_one(".blog-count").get_text(strip=True) == "9 blogs"
    assert client.get(blog["nl"].url, {"page": 2}).status_code == 404


@pytest.mark.django_db
def test_a_preview_shows_the_unsaved_authors_and_themes(blog):
    """Editors preview links they have not saved: only the links are read, never the database's."""
    p, t = blog["people"], blog["themes"]
    post = make_post(
        blog["nl"], "Voorbeeld", when=date(2019, 1, 1), authors=[p["helma"]], themes=[t["young"]]
    )
    preview = BlogPostPage.objects.get(pk=post.pk)
    preview.authors = [BlogPostAuthor(person=p["rachida"]), BlogPostAuthor(person=p["saskia"])]
    preview.themes = [t["loneliness"], t["learning"]]
    with translation.override("nl"):
        assert [person.name for person in preview.get_author_list()] == ["Rachida", "Saskia"]
        assert [theme.name for theme in preview.get_theme_list()] == ["Eenzaamheid", "Samen leren"]
