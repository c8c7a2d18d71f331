"""Find the page for a URL in one or two queries, whatever its depth.

Wagtail walks the tree one level at a time (a query for each level's child and another for its
specific type, after looking up the site, the locale and the localized root). Here the site,
locale, root and the sections under it come from the memo (lookups.py). A section, or a page
right under a section whose only child type is known (a blog index holds blog posts), is read
as its own type in one query. Any other URL gets the pages along its path in one query (by
slug, which is indexed; only the fields that place and link them), then the final page's
specific row. The result is left where Wagtail's own `Page.route_for_request` keeps it
(`request._wagtail_route_for_request`), so Wagtail's serve view, hooks and
`Page.find_for_request` use it unchanged.

Pages whose class routes by itself (RoutablePageMixin's sub-URLs, or an overridden `route`)
get Wagtail's routing from that point on, exactly as Wagtail would call it.
"""

import functools

from django.db.models import CharField, F, IntegerField, Q, Subquery, UUIDField
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.compiled import CompiledQuery, Param, StartsWith, like_prefix
from home.queries import PAGE_LINK_FIELDS
from pagecache.generation import memoize
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


def _serving_queryset(cls):
    """The rows of a page type as they are served: with what its class asks to have joined in
    the same query (`serve_select_related`, e.g. the images and files its template always
    shows)."""
    return cls._default_manager.select_related(*getattr(cls, "serve_select_related", ()))


def _with_translations(cls, page_filter):
    """The rows of type `cls` sharing the translation key of the page `page_filter` selects: a
    page and its translations (drafts included), for the page and the language switcher."""
    key = Subquery(Page.objects.filter(page_filter).values("translation_key")[:1])
    return _serving_queryset(cls).filter(translation_key=key)


# The router's two queries, compiled once per page type (home/compiled.py): a page with its
# translations, by translation key or as the child with a slug of a section.
_BY_TRANSLATION_KEY = CompiledQuery(
    lambda cls: _serving_queryset(cls).filter(translation_key=Param("translation_key", UUIDField()))
)
_CHILD_WITH_TRANSLATIONS = CompiledQuery(
    lambda cls: _with_translations(
        cls,
        Q(
            StartsWith(F("path"), Param("parent_path", CharField(), bind=like_prefix)),
            depth=Param("depth", IntegerField()),
            slug=Param("slug", CharField()),
        ),
    )
)


def _specific(request, page):
    """The page as its own type, read anew with its translations (`routed_translations`).

    Never `page.specific`, which would keep the specific page on `page`: a memoized row is
    shared by every request.
    """
    cls = page.specific_class
    if cls is None:
        return page.specific
    rows = _BY_TRANSLATION_KEY(cls, translation_key=page.translation_key)
    found = next((row for row in rows if row.pk == page.pk), None)
    if found is None:  # deleted in the meantime: as Wagtail's `.specific` would
        raise Http404
    _keep_translations(request, found, rows)
    return found


def _keep_translations(request, page, rows) -> None:
    request._routed_translations = (page.pk, rows)


def routed_translations(request, page) -> list | None:
    """Every page of `page`'s translation key (drafts included), when the router read them
    with `page` (no query); None for any other page (a preview, another view)."""
    found = getattr(request, "_routed_translations", None)
    if found is None or found[0] != page.pk:
        return None
    return found[1]


@functools.cache
def _only_child_model(cls):
    """The one page type pages of `cls` may have as children, or None (any, or several)."""
    models = cls.allowed_subpage_models()
    return models[0] if len(models) == 1 else None


def _sections(root) -> dict:
    """The pages right under a language's root (the home page's sections), by slug, with the
    fields that place and link them: from the memo, no query while no content changes."""
    return memoize(
        f"route-sections:{root.pk}",
        lambda: {page.slug: page for page in Page.objects.child_of(root).only(*PAGE_LINK_FIELDS)},
    )


def _find_in_section(request, root, components):
    """The page at `components` (a section, or a page right under one) in one query, or None
    to leave the URL to the general walk below.

    Sections come from the memo. A section whose only child type is known (a blog index holds
    blog posts) is asked for its child as that type directly, so the page's own row is the one
    query; a section that routes a sub-URL itself (the blog's feeds) is left to the walk.
    """
    if not 1 <= len(components) <= 2 or _routes_itself(root, components):
        return None
    section = _sections(root).get(components[0])
    if section is None:
        return None
    if len(components) == 1:
        page = _specific(request, section)
        page._cached_parent_obj = root
        return page
    child_model = section.specific_class and _only_child_model(section.specific_class)
    if child_model is None or _routes_itself(section, components[1:]):
        return None
    rows = _CHILD_WITH_TRANSLATIONS(
        child_model, parent_path=section.path, depth=section.depth + 1, slug=components[1]
    )
    # The rows share the key of the page with that slug under the section; its translations
    # (same type, often the same slug) lie in other trees, so the one under the section is it.
    page = next((row for row in rows if row.path[: -Page.steplen] == section.path), None)
    if page is None:  # no such page, or one of another type: the walk decides
        return None
    _keep_translations(request, page, rows)
    page._cached_parent_obj = section
    return page


def find_route(request, path: str):
    """Wagtail's `route_for_request(request, path)` result: a RouteResult, or None (404)."""
    site = site_for_request(request)
    if site is None:
        return None
    root = localized_root(site)
    components = [component for component in path.split("/") if component]
    page = _find_in_section(request, root, components)
    if page is not None:
        attach_locale(page)
        try:
            return page.route(request, [])
        except Http404:
            return None
    rows = {}
    if components:
        candidates = Page.objects.filter(
            slug__in=set(components),
            depth__gt=root.depth,
            depth__lte=root.depth + len(components),
            path__startswith=root.path,
        ).only(*PAGE_LINK_FIELDS)  # the found page's whole row is read as its own type
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
        page = _specific(request, current)
        if parent is not None:
            page._cached_parent_obj = parent
        attach_locale(page)
        return page.route(request, [])
    except Http404:
        return None


def prepare_route(request, path: str) -> None:
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = find_route(request, path)
