"""Query helpers that keep a listing's cost fixed, whatever its length."""

from django.db.models import IntegerField, Prefetch, QuerySet, Value
from wagtail.images import get_image_model

# What linking to a page needs (`Page.get_url` reads `url_path`; the tree fields place it under
# a section; the locale comes from the memo by `locale_id`): listings, menus and the router load
# only these of Wagtail's wide page row, with the fields of their own that they show. A whole row
# costs more than twice as much to read and build (0.87 against 0.37 ms for two pages).
PAGE_LINK_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "translation_key",
    "content_type_id",
)


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


def _last_if_none(order):
    """A sort key putting None after every number, as databases sort NULLs in ascending order."""
    return (order is None, order or 0)


def _number(value: int) -> Value:
    return Value(value, output_field=IntegerField())


def links_by_owner(*links) -> list[dict]:
    """For link relations of many objects (a listing's authors and themes): per link, each
    owner's linked ids in order, `{owner id: [linked id, ...]}`, read in one query.

    Each link is `(queryset, owner_field, id_field, order_field)`, e.g.
    `(BlogPostAuthor.objects.filter(page_id__in=ids), "page_id", "person_id", "sort_order")`;
    `order_field` None: any order. The querysets are read together with UNION ALL: one round
    trip where each would take its own.
    """
    combined = None
    for position, (queryset, owner_field, id_field, order_field) in enumerate(links):
        rows = queryset.order_by().values_list(
            _number(position), owner_field, id_field, order_field or _number(0)
        )
        combined = rows if combined is None else combined.union(rows, all=True)
    rows_by_link: list[list[tuple]] = [[] for _ in links]
    for position, owner, pk, order in combined if combined is not None else ():
        rows_by_link[position].append((_last_if_none(order), owner, pk))
    result = []
    for rows in rows_by_link:
        by_owner: dict = {}
        for _order, owner, pk in sorted(rows, key=lambda row: row[0]):
            by_owner.setdefault(owner, []).append(pk)
        result.append(by_owner)
    return result


def linked_ids(*links) -> list[list]:
    """The ids several link relations of one object point at, read in one query.

    Each link is `(queryset, id_field, order_field)`: e.g. `(post.authors.all(), "person_id",
    "sort_order")` or `(clip.themes.all(), "id", None)`; each result is that link's ids in its
    `order_field`'s order (`None`: any order), read with `links_by_owner`. A preview's links,
    held in memory by modelcluster (not a database queryset), are read from there.
    """
    results: list[list] = [[] for _ in links]
    from_database = []
    for position, (queryset, id_field, order_field) in enumerate(links):
        if isinstance(queryset, QuerySet):
            from_database.append((position, (queryset, _number(0), id_field, order_field)))
            continue
        rows = queryset.values_list(id_field, order_field or id_field)
        results[position] = [
            pk for pk, order in sorted(rows, key=lambda row: _last_if_none(row[1]))
        ]
    if from_database:
        found = links_by_owner(*(link for _position, link in from_database))
        for (position, _link), by_owner in zip(from_database, found, strict=True):
            results[position] = by_owner.get(0, [])
    return results
