"""Find the page for a URL in two queries, whatever its depth.

Wagtail walks the tree one level at a time (a query for each level's child and another for its
specific type, after looking up the site, the locale and the localized root). Here the site,
locale and root come from the memo (lookups.py), the pages along the path come in one query
(by slug, which is indexed), and only the final page's specific row is read. The result is
left where Wagtail's own `Page.route_for_request` keeps it (`request._wagtail_route_for_request`),
so Wagtail's serve view, hooks and `Page.find_for_request` use it unchanged.

Pages whose class routes by itself (RoutablePageMixin's sub-URLs, or an overridden `route`)
get Wagtail's routing from that point on, exactly as Wagtail would call it.
"""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from pagecache.lookups import attach_locale, localized_root, site_for_request

PLAIN_ROUTE = Page.route
ROUTABLE_ROUTE = RoutablePageMixin.route


def _routes_itself(page, remaining) -> bool:
    """Would Wagtail hand `remaining` to this page's own routing rather than to a child?"""
    cls = page.specific_class
    if cls is None:
        return True
    if cls.route is PLAIN_ROUTE:
        return False
    if cls.route is ROUTABLE_ROUTE:
        if not page.live:
            return False
        try:
            cls.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
        except (Resolver404, Http404):
            return False
        return True
    return True


def _specific(page):
    """The page as its own type, with what its class asks to have joined in the same query
    (`serve_select_related`, e.g. the images and files its template always shows)."""
    cls = page.specific_class
    related = getattr(cls, "serve_select_related", ()) if cls is not None else ()
    if not related:
        return page.specific
    return cls._default_manager.select_related(*related).get(pk=page.pk)


def find_route(request, path: str):
    """Wagtail's `route_for_request(request, path)` result: a RouteResult, or None (404)."""
    site = site_for_request(request)
    if site is None:
        return None
    root = localized_root(site)
    components = [component for component in path.split("/") if component]
    rows = {}
    if components:
        candidates = Page.objects.filter(
            slug__in=set(components),
            depth__gt=root.depth,
            depth__lte=root.depth + len(components),
            path__startswith=root.path,
        )
        rows = {(page.path[: -Page.steplen], page.slug): page for page in candidates}
    current = root
    try:
        for position, slug in enumerate(components):
            remaining = components[position:]
            if _routes_itself(current, remaining):
                return current.specific.route(request, remaining)
            child = rows.get((current.path, slug))
            if child is None:
                raise Http404
            child._cached_parent_obj = current
            current = child
        parent = getattr(current, "_cached_parent_obj", None)
        page = _specific(current)
        if parent is not None:
            page._cached_parent_obj = parent
        attach_locale(page)
        return page.route(request, [])
    except Http404:
        return None


def prepare_route(request, path: str) -> None:
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = find_route(request, path)
