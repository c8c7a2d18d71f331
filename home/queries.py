"""Query helpers that keep a listing's cost fixed, whatever its length."""

from dataclasses import dataclass

from django.db.models import IntegerField, Prefetch, QuerySet, Value
from wagtail.images import get_image_model

from home.compiled import CompiledQuery, list_values, one_of

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


def _renditions_of_images(image_count: int, specs: tuple[str, ...]):
    """The renditions of `specs` of `image_count` images ("image_0", ...)."""
    rendition_model = get_image_model().get_rendition_model()
    return rendition_model.objects.filter(one_of("image_id", "image", image_count)).filter(
        filter_spec__in=specs
    )


_RENDITIONS = CompiledQuery(_renditions_of_images)


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
    image_ids = sorted(by_pk)
    for rendition in _RENDITIONS(len(image_ids), tuple(specs), **list_values("image", image_ids)):
        renditions[rendition.image_id].append(rendition)
    for pk, copies in by_pk.items():
        for image in copies:
            image.prefetched_renditions = list(renditions[pk])


def _last_if_none(order):
    """A sort key putting None after every number, as databases sort NULLs in ascending order."""
    return (order is None, order or 0)


def _number(value: int) -> Value:
    return Value(value, output_field=IntegerField())


@dataclass(frozen=True)
class Link:
    """A link relation of a page type: an inline child relation, whose rows hold the linked
    id in `id_field` (`Link("authors", "person_id", "sort_order")`), or a many-to-many field
    (`Link("themes")`). `order_field` None: any order."""

    name: str
    id_field: str = "pk"
    order_field: str | None = None

    def rows(self, owner_model, tag: int, owner_count: int):
        """This relation's rows of `owner_count` owners ("owner_0", ...): (tag, owner, id,
        order, link id)."""
        field = owner_model._meta.get_field(self.name)
        if field.many_to_many:
            through = field.remote_field.through._meta
            owner_field = through.get_field(field.m2m_field_name()).attname
            id_field = through.get_field(field.m2m_reverse_field_name()).attname
            rows, order = through.model._default_manager, _number(0)
        else:
            owner_field, id_field = field.field.attname, self.id_field
            rows = field.related_model._default_manager
            order = self.order_field or _number(0)
        # The link row's own id last: links without a sort order keep the order they were made.
        return (
            rows.filter(one_of(owner_field, "owner", owner_count))
            .order_by()
            .values_list(_number(tag), owner_field, id_field, order, "pk")
        )

    def target_model(self, owner_model):
        """The model the links point at (a person, a theme, a page)."""
        field = owner_model._meta.get_field(self.name)
        if field.many_to_many:
            return field.related_model
        return field.related_model._meta.get_field(self.id_field).related_model

    def rows_in_memory(self, related) -> list:
        """(id, order) of links held in memory by modelcluster (a preview's unsaved ones)."""
        if self.id_field == "pk":
            return [(obj.pk, 0) for obj in related]
        return [
            (getattr(obj, self.id_field), getattr(obj, self.order_field) if self.order_field else 0)
            for obj in related
        ]


def _links_of_owners(owner_model, links: tuple[Link, ...], owner_count: int):
    """One query for several link relations of `owner_count` owners: each relation's rows,
    tagged with its place, read together with UNION ALL."""
    combined = None
    for tag, link in enumerate(links):
        rows = link.rows(owner_model, tag, owner_count)
        combined = rows if combined is None else combined.union(rows, all=True)
    return combined


_LINKS_OF_OWNERS = CompiledQuery(_links_of_owners)


def links_by_owner(owner_model, owner_ids, *links: Link) -> list[dict]:
    """For a listing: per link, each owner's linked ids in order, `{owner id: [id, ...]}`, for
    the pages of type `owner_model` with these ids, read in one query.

    Compiled once per page type, set of relations and number of owners (home/compiled.py).
    """
    by_link: list[dict] = [{} for _ in links]
    owner_ids = sorted(set(owner_ids))
    if not owner_ids or not links:
        return by_link
    rows = _LINKS_OF_OWNERS(
        owner_model, tuple(links), len(owner_ids), **list_values("owner", owner_ids)
    )
    for tag, owner, pk, _order, _link in sorted(
        rows, key=lambda row: (_last_if_none(row[3]), row[4])
    ):
        by_link[tag].setdefault(owner, []).append(pk)
    return by_link


def linked_ids(page, *links: Link) -> list[list]:
    """The ids each of `links` of `page` points at, in its order, read in one query
    (`links_by_owner`). A preview's links, held in memory by modelcluster (not in the
    database), are read from there."""
    results: list[list] = [[] for _ in links]
    in_database = []
    for position, link in enumerate(links):
        related = getattr(page, link.name).all()
        if isinstance(related, QuerySet):
            in_database.append(position)
            continue
        rows = sorted(link.rows_in_memory(related), key=lambda row: _last_if_none(row[1]))
        results[position] = [pk for pk, _order in rows]
    if in_database and page.pk is not None:
        found = links_by_owner(type(page), [page.pk], *(links[at] for at in in_database))
        for position, by_owner in zip(in_database, found, strict=True):
            results[position] = by_owner.get(page.pk, [])
    return results
