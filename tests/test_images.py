"""Responsive images: markup, renditions made ahead of time, and pages that survive a lost file."""

import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from blog.models import BlogPostPage
from home.demo.images import make_demo_image
from home.images import BODY, CARD, HERO, POSTER, SOCIAL_SPEC, THUMBNAIL, images_in_use
from home.snippets import PersonRole
from tests.test_blog import make_index as make_blog_index
from tests.test_blog import make_person, make_post, translate_page
from tests.test_kennisclips import make_clip
from tests.test_kennisclips import make_index as make_clip_index
from tests.test_studies import make_index as make_study_index
from tests.test_studies import make_study


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches renditions by image id; ids come back after each test's rollback."""
    cache.clear()
    yield
    cache.clear()


def image_block(image, alt_text="Twee cirkels die elkaar raken"):
    return {"type": "image", "value": {"image": image.pk, "alt_text": alt_text, "caption": ""}}


@pytest.fixture
def site(home_pages):
    """A post, a clip and a study with images, in Dutch and English, under both home pages."""
    hero = make_demo_image("Hero", "plum", size=(1600, 900))
    figure = make_demo_image("Figuur", "moss", size=(1000, 750))
    poster = make_demo_image("Poster", "teal", size=(1600, 900))
    blog_nl = make_blog_index(home_pages["nl"])
    blog_en = translate_page(blog_nl, "Blog", "blog")
    post = make_post(
        blog_nl,
        "Met beeld",
        when=date(2018, 5, 4),
        authors=[make_person("Helma", PersonRole.TEAM_MEMBER)],
        image=hero,
        hero_image_alt="Paarse cirkels",
        body=[{"type": "paragraph", "value": "<p>Tekst.</p>"}, image_block(figure)],
    )
    post_en = translate_page(post, "With a picture", "with-a-picture")
    clips_nl = make_clip_index(home_pages["nl"])
    clips_en = translate_page(clips_nl, "Knowledge clips", "knowledge-clips")
    clip = make_clip(clips_nl, title="Extern", video_url="https://youtu.be/dQw4w9WgXcQ")
    clip.poster_image = poster
    clip.save_revision().publish()
    clip_en = translate_page(clip, "External", "external")
    studies_nl = make_study_index(home_pages["nl"])
    studies_en = translate_page(studies_nl, "Research", "research")
    study = make_study(studies_nl, body=[image_block(figure)])
    study_en = translate_page(study, "Learning from each other", "learning-from-each-other")
    pages = [home_pages["nl"], home_pages["en"], blog_nl, blog_en, post, post_en]
    pages += [clips_nl, clips_en, clip, clip_en, studies_nl, studies_en, study, study_en]
    return {"post": post, "clip": clip, "hero": hero, "figure": figure, "poster": poster,
            "urls": [page.url for page in pages]}  # fmt: skip


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def widths(srcset: str) -> list[str]:
    return [candidate.split()[-1] for candidate in srcset.split(", ")]


# The markup


@pytest.mark.django_db
def test_post_hero_is_an_eager_picture_with_webp_srcset_sizes_and_dimensions(client, site):
    picture = soup_of(client.get(site["post"].url)).select_one(".blog-post__hero picture")
    source = picture.find("source")
    assert source["type"] == "image/webp"
    assert widths(source["srcset"]) == ["1200w", "800w", "480w"]
    assert ".webp" in source["srcset"] and source["sizes"] == HERO.sizes
    img = picture.find("img")
    assert img["src"].endswith(".jpg") and widths(img["srcset"]) == ["1200w", "800w", "480w"]
    assert (img["width"], img["height"]) == ("1200", "675")
    assert img["sizes"] == HERO.sizes
    assert img["alt"] == "Paarse cirkels"
    # The first image of the page: fetched at once, at high priority.
    assert img["fetchpriority"] == "high"
    assert "loading" not in img.attrs


@pytest.mark.django_db
def test_images_below_the_fold_load_lazily_and_every_img_has_dimensions(client, site):
    post = soup_of(client.get(site["post"].url))
    figure = post.select_one(".blog-post__body .figure img")
    assert figure["loading"] == "lazy" and figure["decoding"] == "async"
    assert figure["alt"] == "Twee cirkels die elkaar raken"
    assert (figure["width"], figure["height"]) == ("1000", "750")  # never upscaled
    assert figure["sizes"] == BODY.sizes
    cards = soup_of(client.get("/nl/")).select(".card picture")
    assert len(cards) == 2  # the clip's poster and the post's hero
    for card in cards:
        assert card.find("source", type="image/webp")["sizes"] == CARD.sizes
        assert card.img["loading"] == "lazy" and card.img["alt"] == ""
        assert "card__image" in card.img["class"]
    thumbnail = soup_of(client.get("/nl/blog/")).select_one(".blog-card picture")
    assert thumbnail.img["loading"] == "lazy" and thumbnail.img["sizes"] == THUMBNAIL.sizes
    assert "blog-card__image" in thumbnail["class"]
    for url in site["urls"]:
        for img in soup_of(client.get(url)).find_all("img"):
            assert img.get("width") and img.get("height"), (url, img)
            assert img.get("srcset") and img.get("sizes"), (url, img)


@pytest.mark.django_db
def test_clip_poster_is_eager_in_the_facade_and_a_jpeg_on_the_native_player(client, site):
    facade = soup_of(client.get(site["clip"].url)).select_one(".clip-facade__poster picture")
    assert facade.find("source", type="image/webp")["sizes"] == POSTER.sizes
    assert widths(facade.img["srcset"]) == ["1280w", "960w", "640w"]
    assert facade.img["fetchpriority"] == "high" and facade.img["alt"] == ""
    card = soup_of(client.get("/nl/kennisclips/")).select_one(".clip-card__poster picture")
    assert card.img["loading"] == "lazy"
    native = make_clip(site["clip"].get_parent(), title="Eigen video")
    video = soup_of(client.get(native.url)).find("video")
    assert video["poster"].endswith(".fill-960x540.format-jpeg.jpg")


# Made ahead of time


@pytest.mark.django_db
def test_after_make_renditions_no_page_view_makes_one(client, site):
    call_command("make_renditions", stdout=io.StringIO())
    before = Rendition.objects.count()
    # Per image: the post's hero in a card, the hero and the link preview; the clip's poster in
    # a card, the player and the link preview; the figure at the body's widths.
    hero_specs = {*THUMBNAIL.specs, *HERO.specs, SOCIAL_SPEC}
    poster_specs = {*CARD.specs, *POSTER.specs, SOCIAL_SPEC}
    assert before == len(hero_specs) + len(poster_specs) + len(BODY.specs)
    for url in site["urls"]:
        soup_of(client.get(url))
    assert Rendition.objects.count() == before


@pytest.mark.django_db
def test_make_renditions_is_idempotent_and_cheap_when_all_exist(
    site, django_assert_max_num_queries
):
    first = io.StringIO()
    call_command("make_renditions", stdout=first)
    made = Rendition.objects.count()
    assert first.getvalue().startswith(f"Renditions: {made} made, 0 already there, for 3 images")
    second = io.StringIO()
    with django_assert_max_num_queries(12):
        call_command("make_renditions", stdout=second)
    assert second.getvalue().startswith(f"Renditions: 0 made, {made} already there")
    assert Rendition.objects.count() == made


@pytest.mark.django_db
def test_only_live_pages_count_and_images_in_nested_blocks_are_found(site):
    needs = images_in_use()
    assert needs == {
        site["hero"].pk: {*THUMBNAIL.specs, *HERO.specs, SOCIAL_SPEC},
        site["poster"].pk: {*CARD.specs, *POSTER.specs, SOCIAL_SPEC},
        site["figure"].pk: set(BODY.specs),
    }
    site["post"].get_translations().get().unpublish()
    site["post"].unpublish()
    assert site["hero"].pk not in images_in_use()


@pytest.mark.django_db
def test_publishing_a_page_makes_its_renditions_before_anyone_visits(
    client, site, django_capture_on_commit_callbacks
):
    image = make_demo_image("Nieuw", "ochre", size=(1200, 675))
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(
            site["post"].get_parent(),
            "Nieuw bericht",
            when=date(2019, 1, 2),
            authors=[],
            image=image,
            body=[image_block(image)],
        )
    specs = {*THUMBNAIL.specs, *HERO.specs, SOCIAL_SPEC, *BODY.specs}
    assert set(image.renditions.values_list("filter_spec", flat=True)) == specs
    before = image.renditions.count()
    soup_of(client.get(post.url))
    soup_of(client.get("/nl/blog/"))
    assert image.renditions.count() == before


@pytest.mark.django_db
def test_saving_a_draft_makes_its_renditions_for_previews_and_share_links(
    site, django_capture_on_commit_callbacks
):
    image = make_demo_image("Concept", "moss", size=(800, 450))
    post = BlogPostPage(
        title="Concept",
        slug="concept",
        date=date(2019, 3, 3),
        intro="Nog niet af.",
        hero_image=image,
        hero_image_alt="Groene cirkels",
        live=False,
    )
    site["post"].get_parent().add_child(instance=post)
    assert not image.renditions.exists()
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision()
    assert not BlogPostPage.objects.get(pk=post.pk).live
    specs = {*THUMBNAIL.specs, *HERO.specs, SOCIAL_SPEC}
    assert set(image.renditions.values_list("filter_spec", flat=True)) == specs


@pytest.mark.django_db
def test_a_new_focal_point_makes_the_crops_again(site, django_capture_on_commit_callbacks):
    poster = site["poster"]
    call_command("make_renditions", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        poster.focal_point_x, poster.focal_point_y = 100, 100
        poster.focal_point_width = poster.focal_point_height = 50
        poster.save()
    keys = set(poster.renditions.filter(filter_spec=CARD.specs[0]).values_list(
        "focal_point_key", flat=True
    ))  # fmt: skip
    assert len(keys) == 2  # the old crop and the one for the new focal point


def png_upload(name="nieuw.png", size=(900, 600)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (104, 52, 94)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_replacing_an_images_file_in_the_admin_makes_its_renditions_again(admin_user_client, site):
    """Wagtail's form deletes an image's renditions after saving a new file: they are made again
    once the edit commits, for the pages that show the image."""
    call_command("make_renditions", stdout=io.StringIO())
    hero = site["hero"]
    response = admin_user_client.post(
        f"/admin/images/{hero.pk}/",
        {"title": hero.title, "file": png_upload(), "collection": hero.collection_id, "tags": ""},
    )
    assert response.status_code == 302, response.content[:500]
    hero.refresh_from_db()
    assert (hero.width, hero.height) == (900, 600)
    renditions = hero.renditions.all()
    assert {r.filter_spec for r in renditions} == {*THUMBNAIL.specs, *HERO.specs, SOCIAL_SPEC}
    assert all(r.file.name.startswith("images/nieuw") for r in renditions)


# A lost or broken file


def lose_file(image):
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    return get_image_model().objects.get(pk=image.pk)


@pytest.mark.django_db
def test_pages_still_render_without_an_image_whose_file_is_missing(client, site):
    lose_file(site["hero"])
    lose_file(site["poster"])
    lose_file(site["figure"])
    for url in site["urls"]:
        soup = soup_of(client.get(url))
        assert not soup.find("img"), url
    post = soup_of(client.get(site["post"].url))
    assert post.select_one(".blog-post__hero") is None
    assert post.find("meta", property="og:image") is None
    assert "image" not in json.loads(post.find("script", type="application/ld+json").string)
    clip = soup_of(client.get(site["clip"].url))
    assert clip.select_one(".clip-facade__placeholder") is not None
    out, err = io.StringIO(), io.StringIO()
    call_command("make_renditions", stdout=out, stderr=err)
    assert "3 images without a readable file" in out.getvalue()
    assert "replace them in the admin" in err.getvalue()


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_does_not_break_the_page(client, site):
    hero = site["hero"]
    hero.renditions.all().delete()
    storage = hero.file.storage
    storage.delete(hero.file.name)
    storage.save(hero.file.name, io.BytesIO(b"not an image at all"))
    soup = soup_of(client.get(site["post"].url))
    assert soup.select_one(".blog-post__hero") is None
    assert soup.select_one(".blog-post__body .figure img") is not None


def test_picture_attributes_are_written_as_django_writes_them():
    from django.forms.utils import flatatt

    from home.images import _attributes

    attrs = {"src": "/a.jpg?x=1&y=<2>", "alt": 'Een "cirkel"', "width": 1, "height": 0}
    attrs |= {"hidden": True, "loading": None, "inert": False, "class": "card"}
    assert _attributes(attrs) == flatatt(attrs)


def test_rendition_addresses_in_local_storage_are_kept_per_media_url_and_file_name(
    settings, tmp_path
):
    from types import SimpleNamespace

    from django.core.files.storage import FileSystemStorage

    from home.images import rendition_url

    settings.MEDIA_URL = "/media/"
    storage = FileSystemStorage(location=tmp_path)
    name = "images/één cirkel.fill-640x360.format-webp.webp"
    file = SimpleNamespace(storage=storage, name=name, url=storage.url(name))
    rendition = SimpleNamespace(file=file)
    assert (
        rendition_url(rendition)
        == "/media/images/%C3%A9%C3%A9n%20cirkel.fill-640x360.format-webp.webp"
    )
    file.url = "/elsewhere.webp"  # the storage is not asked again for the same file
    assert rendition_url(rendition).startswith("/media/images/")
    settings.MEDIA_URL = "https://media.example.org/kennisbank/"
    file.url = storage.url(name)
    assert rendition_url(rendition) == file.url
    assert rendition_url(rendition).startswith("https://media.example.org/kennisbank/images/")


def test_rendition_addresses_in_other_storages_are_asked_every_time():
    """Object storage may sign its addresses with an expiry time: nothing is kept."""
    from types import SimpleNamespace

    from home.images import rendition_url

    signed = SimpleNamespace(storage=object(), name="images/a.webp", url="/a.webp?signature=1")
    rendition = SimpleNamespace(file=signed)
    assert rendition_url(rendition) == "/a.webp?signature=1"
    signed.url = "/a.webp?signature=2"
    assert rendition_url(rendition) == "/a.webp?signature=2"
