"""Query helpers that keep a listing's cost fixed, whatever its length."""

from django.db.models import Prefetch
from wagtail.images import get_image_model


def with_image_renditions(pages, image_field: str, specs):
    """Join each page's image into the page query and prefetch the renditions of `specs`.

    Two queries in all (pages with images, then renditions), where prefetching the images
    separately takes three. Renditions land where Wagtail's `prefetch_renditions()` puts them
    (`prefetched_renditions`), so `get_rendition()` finds them without a query.
    """
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=list(specs))
    return pages.select_related(image_field).prefetch_related(
        Prefetch(f"{image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
