"""Listing cards are rendered once per content change (`{% cardcache %}` in the templates,
Django's `template_fragments` cache: per worker, under the content generation).

A card must never outlive a change a visitor could see, never leak between languages, and never
stand in for what a preview or a shared draft shows.
"""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import Storage
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from blog.models import BlogPostPage
from home.snippets import PersonRole
from pagecache.generation import bump
from tests.test_blog import make_index as make_blog_index
from tests.test_blog import make_person, make_post, make_theme
from tests.test_blog import translate_page as translate_blog_page
from tests.test_kennisclips import make_clip, make_image
from tests.test_kennisclips import make_index as make_clip_index
from tests.test_studies import make_index as make_study_index
from tests.test_studies import make_study


def titles(client, path: str, selector: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(selector)]


def retitle_and_publish(page, title: str) -> None:
    """An editor's change, as the admin makes it: a new revision, published."""
    page = type(page).objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()


def retitle_without_signals(page, title: str) -> None:
    """A change the site is not told about (a raw update): nothing marks the content changed."""
    type(page).objects.filter(pk=page.pk).update(title=title)


@pytest.fixture
def author(db):
    return make_person("Helma", PersonRole.TEAM_MEMBER)


@pytest.fixture
def blog_index(home_pages):
    return make_blog_index(home_pages["nl"])


def listing_with_one_item(kind, home_pages, author):
    """(listing path, card title selector, the listed page) for each listing with cards."""
    if kind == "clips":
        index = make_clip_index(home_pages["nl"])
        return "/nl/kennisclips/", ".clip-card__title a", make_clip(index, "Samen leren")
    if kind == "studies":
        index = make_study_index(home_pages["nl"])
        return "/nl/onderzoek/", ".study-card__title a", make_study(index, title="Samen leren")
    # A post: on the blog index, or as a card of the home page's newest posts.
    index = make_blog_index(home_pages["nl"])
    item = make_post(index, "Samen leren", when=date(2019, 5, 1), authors=[author])
    if kind == "blog":
        return "/nl/blog/", ".blog-card__title a", item
    return "/nl/", ".card__title a", item


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["blog", "clips", "studies", "home"])
def test_a_listing_shows_a_published_change_at_once(client, home_pages, author, kind):
    path, selector, item = listing_with_one_item(kind, home_pages, author)
    assert titles(client, path, selector) == ["Samen leren"]
    assert titles(client, path, selector) == ["Samen leren"]  # the card from memory
    retitle_and_publish(item, "Leren in de wijk")
    assert titles(client, path, selector) == ["Leren in de wijk"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["blog", "clips", "studies", "home"])
def test_a_card_is_rendered_once_per_content_change(client, home_pages, author, kind):
    path, selector, item = listing_with_one_item(kind, home_pages, author)
    first = client.get(path).content
    retitle_without_signals(item, "Stil gewijzigd")
    # Nothing marked the content changed: the card rendered before is served again, whole.
    assert client.get(path).content == first
    assert titles(client, path, selector) == ["Samen leren"]


@pytest.mark.django_db
def test_renaming_an_author_or_a_theme_shows_on_the_cards_at_once(client, blog_index, author):
    theme = make_theme("Eenzaamheid", "eenzaamheid", "Loneliness", "loneliness")
    make_post(blog_index, "Samen leren", when=date(2019, 5, 1), authors=[author], themes=[theme])
    card = BeautifulSoup(client.get("/nl/blog/").content, "html.parser").select_one(".blog-card")
    assert "Helma" in card.get_text() and "Eenzaamheid" in card.get_text()
    author.name = "Helma de Vries"
    author.save()  # a snippet edited in the admin
    theme.name = "Alleen zijn"
    theme.save()
    card = BeautifulSoup(client.get("/nl/blog/").content, "html.parser").select_one(".blog-card")
    assert "Helma de Vries" in card.get_text()
    assert "Alleen zijn" in card.get_text() and "Eenzaamheid" not in card.get_text()


@pytest.mark.django_db
def test_the_dutch_and_english_cards_of_a_post_stay_apart(client, blog_index, author):
    post = make_post(blog_index, "Samen leren", when=date(2019, 5, 1), authors=[author])
    translate_blog_page(blog_index, "Blog", "blog")
    translate_blog_page(post, "Learning together", "samen-leren")
    nl = BeautifulSoup(client.get("/nl/blog/").content, "html.parser")
    en = BeautifulSoup(client.get("/en/blog/").content, "html.parser")
    assert nl.select_one(".blog-card__meta").get_text(" ", strip=True).startswith("1 mei 2019")
    assert en.select_one(".blog-card__meta").get_text(" ", strip=True).startswith("1 May 2019")
    assert [a.get_text(strip=True) for a in en.select(".blog-card__title a")] == [
        "Learning together"
    ]
    assert en.select_one(".blog-card__title a")["href"] == "/en/blog/samen-leren/"


@pytest.mark.django_db
def test_a_preview_renders_its_cards_afresh(client, blog_index, author):
    post = make_post(blog_index, "Samen leren", when=date(2019, 5, 1), authors=[author])
    assert titles(client, "/nl/blog/", ".blog-card__title a") == ["Samen leren"]
    retitle_without_signals(post, "Stil gewijzigd")
    preview = blog_index.specific.make_preview_request()
    soup = BeautifulSoup(preview.content, "html.parser")
    assert [a.get_text(strip=True) for a in soup.select(".blog-card__title a")] == [
        "Stil gewijzigd"
    ]
    # The live listing keeps its card until the content is marked changed.
    assert titles(client, "/nl/blog/", ".blog-card__title a") == ["Samen leren"]
    assert BlogPostPage.objects.get(pk=post.pk).title == "Stil gewijzigd"


# The tag itself


CARD = Template(
    '{% load fragments i18n %}{% cardcache "card" item %}{% translate "Themes:" %} '
    "{{ item.title }}{% endcardcache %}"
)
CARD_WITH_IMAGE = Template(
    '{% load fragments responsive_images %}{% cardcache "card-image" item %}'
    '{% responsive_image item.image "card" alt="" %}{{ item.title }}{% endcardcache %}'
)


class Item:
    def __init__(self, pk, title, image=None):
        self.pk, self.title, self.image = pk, title, image


def render_card(item, *, language="nl", host="localhost", preview=False, card=CARD):
    request = RequestFactory().get("/", HTTP_HOST=host)
    if preview:
        request.is_preview = True
    with translation.override(language):
        return card.render(Context({"item": item, "request": request}))


@pytest.fixture
def second_site(home_pages):
    site = Site.objects.create(hostname="tweede.example.org", root_page=home_pages["nl"])
    yield site
    site.delete()  # Wagtail caches the sites' root paths; deleting the site clears that


@pytest.mark.django_db
def test_a_card_is_kept_per_item_language_and_site(second_site):
    assert render_card(Item(1, "Eerste")) == "Thema's: Eerste"
    assert render_card(Item(1, "Gewijzigd")) == "Thema's: Eerste"  # kept
    assert render_card(Item(1, "Gewijzigd"), host="testserver") == "Thema's: Eerste"  # same site
    assert render_card(Item(2, "Tweede")) == "Thema's: Tweede"
    assert render_card(Item(1, "First"), language="en") == "Themes: First"
    assert render_card(Item(1, "Elders"), host="tweede.example.org") == "Thema's: Elders"


@pytest.mark.django_db
def test_a_preview_or_an_unsaved_item_never_reads_or_fills_the_card_cache():
    assert render_card(Item(3, "Concept"), preview=True) == "Thema's: Concept"
    assert render_card(Item(3, "Live")) == "Thema's: Live"
    assert render_card(Item(3, "Ander concept"), preview=True) == "Thema's: Ander concept"
    assert render_card(Item(None, "Nieuw")) == "Thema's: Nieuw"
    assert render_card(Item(None, "Nog nieuwer")) == "Thema's: Nog nieuwer"


@pytest.mark.django_db
def test_a_new_content_generation_renders_every_card_again():
    assert render_card(Item(4, "Oud")) == "Thema's: Oud"
    bump(on_commit=False)
    assert render_card(Item(4, "Nieuw")) == "Thema's: Nieuw"


@pytest.mark.django_db
def test_without_a_fragments_cache_every_card_is_rendered(settings):
    """Django's `{% cache %}` would fall back to the default cache, whose keys do not follow
    the content generation: a card there would outlive the change it shows."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert render_card(Item(5, "Oud")) == "Thema's: Oud"
    assert render_card(Item(5, "Nieuw")) == "Thema's: Nieuw"


@pytest.mark.django_db
def test_a_card_whose_image_file_is_missing_is_not_kept(caplog):
    image = make_image("Kwijt")
    image.file.storage.delete(image.file.name)  # lost from the media storage
    assert render_card(Item(6, "Zonder", image), card=CARD_WITH_IMAGE) == "Zonder"
    assert "has no readable file" in caplog.text
    # Not kept: once the file is back, the next view shows the image.
    assert render_card(Item(6, "Opnieuw", image), card=CARD_WITH_IMAGE) == "Opnieuw"
    working = make_image("Werkt")
    first = render_card(Item(7, "Met", working), card=CARD_WITH_IMAGE)
    assert first.startswith("<picture>") and first.endswith("Met")
    assert render_card(Item(7, "Anders", working), card=CARD_WITH_IMAGE) == first  # kept


class SigningStorage(Storage):
    """Stands for object storage (django-storages) that may sign its addresses."""

    querystring_auth = True


@pytest.mark.django_db
@pytest.mark.parametrize(("signs", "kept"), [(True, False), (False, True)])
def test_cards_are_not_kept_when_image_addresses_expire(settings, signs, kept):
    storage = SigningStorage()
    storage.querystring_auth = signs
    settings.WAGTAILIMAGES_RENDITION_STORAGE = storage
    assert render_card(Item(8, "Eerst")) == "Thema's: Eerst"
    assert render_card(Item(8, "Daarna")) == ("Thema's: Eerst" if kept else "Thema's: Daarna")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "card_template"),
    [("home", "home/includes/home_card.html"), ("clips", "kennisclips/includes/clip_card.html")],
)
def test_a_listing_seen_before_renders_no_card_template(
    client, home_pages, author, kind, card_template
):
    path, _selector, _item = listing_with_one_item(kind, home_pages, author)
    first = client.get(path)
    assert card_template in [template.name for template in first.templates]
    again = client.get(path)
    assert card_template not in [template.name for template in again.templates]
    assert again.content == first.content


@pytest.mark.parametrize(
    "source",
    ["{% cardcache post %}{% endcardcache %}", '{% cardcache "card" %}{% endcardcache %}'],
)
def test_the_tag_needs_a_quoted_name_and_an_item(source):
    with pytest.raises(TemplateSyntaxError, match="quoted card name and the item"):
        Template("{% load fragments %}" + source)
