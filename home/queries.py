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


def rows_of_slice(queryset, start: int, stop: int | None):
    """`queryset[start:stop]` in the queryset's order, its rows read only for that slice.

    The database sorts and skips the rows before `start` reading nothing but their ids and sort
    keys (a "deferred join"): on a deep page of a long listing it would otherwise read, sort and
    throw away thousands of whole rows, StreamField bodies included. Returns a queryset of the
    same model, so callers add their own `select_related`/`prefetch_related`.
    """
    ids = queryset.values("pk")[start:stop]
    return queryset.model._default_manager.filter(pk__in=ids).order_by(*queryset.query.order_by)


def attach_renditions(images, specs) -> None:
    """Give each image its renditions of `specs` where Wagtail's `get_renditions()` looks first
    (`prefetched_renditions`): one query for the images of several listings together, and none
    of `prefetch_related`'s machinery. Images may repeat (one object per row that joined them).
    """
    by_pk: dict[int, list] = {}
    for image in images:
        if image is not None:
            by_pk.setdefault(image.pk, []).append(image)
    if not by_pk:
        return
    renditions: dict[int, list] = {pk: [] for pk in by_pk}
    rendition_model = get_image_model().get_rendition_model()
    for rendition in rendition_model.objects.filter(
        image_id__in=list(by_pk), filter_spec__in=list(specs)
    ):
        renditions[rendition.image_id].append(rendition)
    for pk, copies in by_pk.items():
        for image in copies:
            image.prefetched_renditions = list(renditions[pk])
