"""Wagtail's rendition lookups are kept in each worker's memory under the content generation:
no query for a rendition the process has seen, never one from before another worker's change."""

import pytest
from django.core.cache import cache, caches
from wagtail.images import get_image_model

from pagecache.generation import GENERATION_KEY
from tests.test_kennisclips import make_image

SPEC = "width-32|format-webp"


def fresh(image):
    """The image as another request loads it (no renditions remembered on the instance)."""
    return get_image_model().objects.get(pk=image.pk)


@pytest.mark.django_db
def test_renditions_are_looked_up_in_the_process_cache(django_assert_num_queries):
    image = make_image()
    rendition = image.get_rendition(SPEC)
    assert get_image_model().get_rendition_model().cache_backend is caches["renditions"]
    again = fresh(image)
    with django_assert_num_queries(0):
        assert again.get_rendition(SPEC).url == rendition.url


@pytest.mark.django_db
def test_a_change_in_another_worker_makes_the_process_look_again(django_assert_num_queries):
    image = make_image()
    image.get_rendition(SPEC)
    cache.incr(GENERATION_KEY)  # another worker saved an image (pagecache.signals bump)
    again = fresh(image)
    with django_assert_num_queries(1):  # the rendition row, read again from the database
        again.get_rendition(SPEC)


@pytest.mark.django_db
def test_saving_an_image_moves_every_worker_to_a_new_generation():
    image = make_image()
    before = cache.get(GENERATION_KEY)
    image.title = "Vervangen"
    image.save()  # as the admin's edit view does, also when it replaces the file
    assert cache.get(GENERATION_KEY) != before


@pytest.mark.django_db
def test_the_process_cache_hands_out_copies_and_keeps_what_it_stored_first():
    image = make_image()
    rendition = image.get_rendition(SPEC)
    memory = caches["renditions"]
    memory.set("rendition", rendition)
    handed_out = memory.get("rendition")
    assert handed_out == rendition and handed_out is not rendition
    handed_out.width = 1  # one request's change stays in that request
    assert memory.get("rendition").width == rendition.width
    memory.set("rendition", "another value")  # Wagtail writes back what it has just read
    assert memory.get("rendition").width == rendition.width
    memory.delete("rendition")
    assert memory.get("rendition") is None
    assert memory.add("rendition", rendition) is True
    assert memory.add("rendition", "another value") is False


def test_each_filter_spec_is_parsed_once_per_process():
    from home.images import CARD, image_filter

    assert image_filter(SPEC) is image_filter(SPEC)
    assert [f.spec for f in CARD.filters] == list(CARD.specs)
    assert CARD.filters[0] is image_filter(CARD.specs[0])
