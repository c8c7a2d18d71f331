"""Page view restrictions read once per content generation instead of once per query.

Wagtail reads every `PageViewRestriction` row each time a queryset calls `.public()` and each
time a page is served (`get_view_restrictions`, two queries). Restrictions are few and change
rarely, and every change bumps the generation (signals.py), so both read them from the
memoized list here. The behaviour is Wagtail's own: the same rows, the same tree logic.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from pagecache.generation import memoize

_original_get_view_restrictions = Page.get_view_restrictions


def restricted_sections() -> tuple[tuple[str, int], ...]:
    """(path, depth) of every page that carries a view restriction."""
    return memoize(
        "restricted-sections",
        lambda: tuple(
            PageViewRestriction.objects.order_by("pk").values_list("page__path", "page__depth")
        ),
    )


def private_q(self) -> Q:
    """Wagtail's `PageQuerySet.private_q`, from the memoized restrictions."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    # do not match any page if no private section exists (as Wagtail does)
    return q if q else Q(pk__in=[])


def get_view_restrictions(self):
    """Wagtail's `Page.get_view_restrictions`, without queries for a page in no restricted
    section (aliases resolve to their source pages: Wagtail's own code handles those)."""
    if self.alias_of_id is None and not any(
        self.path.startswith(path) for path, _depth in restricted_sections()
    ):
        return PageViewRestriction.objects.none()
    return _original_get_view_restrictions(self)


def install() -> None:
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
