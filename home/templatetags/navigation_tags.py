"""Header navigation and the language switcher, shared by every public template."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from home.queries import PAGE_LINK_FIELDS
from pagecache.generation import memoize
from pagecache.lookups import attach_locale, locales_by_language, site_for_request
from pagecache.routing import routed_translations
from translations.links import not_available_url

register = template.Library()


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of what the visitor is looking at."""

    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool
    # False when the item has no live version in this language: the link goes to the page
    # saying so (or, for a preview, to that language's home page), and no hreflang is given.
    is_same_item: bool


def _home_pages(request) -> dict[str, Page]:
    """The live home page of each language tree of the visitor's site, by language code.

    From the page cache's memo: no query while no content changes.
    """
    if not hasattr(request, "_home_pages_by_language"):
        site = site_for_request(request)
        homes = {}
        if site is not None:

            def build():
                translations = site.root_page.get_translations(inclusive=True).live()
                return {
                    home.locale.language_code: home
                    for home in translations.select_related("locale").order_by("pk")
                }

            homes = memoize(f"home-pages:{site.pk}", build)
        request._home_pages_by_language = homes
    return request._home_pages_by_language


@register.simple_tag
def site_languages() -> list[tuple[str, str]]:
    """(code, name) of each site language, each name in its own language. No query."""
    return settings.LANGUAGES


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page in the active language (None when that tree has no live home)."""
    request = context.get("request")
    if request is None:
        return None
    return _home_pages(request).get(translation.get_language())


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    url_path: str  # to mark the current page and the section it is in


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page and the sections shown in menus, with their URLs, from the memo."""
    request = context["request"]
    home = home_page(context)
    home_item, items = None, []
    if home is not None:

        def build():
            children = home.get_children().live().public().in_menu().only(*PAGE_LINK_FIELDS)
            home_item, *items = (
                MenuItem(title=page.title, url=page.get_url(request), url_path=page.url_path)
                for page in [home, *children]
            )
            return home_item, items

        site = site_for_request(request)
        home_item, items = memoize(f"main-menu:{site.pk if site else ''}:{home.pk}", build)
    current = context.get("page")
    return {
        "home": home_item,
        "items": items,
        "current_path": current.url_path if isinstance(current, Page) else None,
    }


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[LanguageVersion]:
    """For each site language: where the switcher sends the visitor.

    A Wagtail page links to its live translation; a live page without one to the page, in
    that language, saying the item is not (yet) available in it (never silently to the other
    language's page); a page that is not live (a preview) to that language's home page. Any
    other view (search, a 404) links to the same URL under the other language's prefix.
    Computed once per request (the head's alternates and the switcher share it): at most one
    query besides the shared home pages.
    """
    request = context.get("request")
    if request is None:
        return []
    current_language = translation.get_language()
    page = context.get("page")
    is_page = isinstance(page, Page) and page.pk is not None
    cache_key = (current_language, page.pk if is_page else None, request.get_full_path())
    cached = getattr(request, "_language_versions", None)
    if cached is not None and cached[0] == cache_key:
        return cached[1]
    translations = {}
    if is_page:
        languages = {locale.pk: code for code, locale in locales_by_language().items()}
        # The router read them with the page, drafts included (pagecache.routing); else one
        # query for the live ones.
        versions = routed_translations(request, page)
        if versions is None:
            versions = (
                Page.objects.filter(translation_key=page.translation_key)
                .live()
                .only(*PAGE_LINK_FIELDS)
            )
        for version in versions:
            if not version.live:
                continue
            attach_locale(version)  # get_url() reads the language: from the memo, no query
            translations[languages.get(version.locale_id)] = version
    versions = []
    for code, name in settings.LANGUAGES:
        if is_page:
            target = translations.get(code)
            is_same_item = target is not None
            if target is not None:
                url = target.get_url(request)
            elif page.live:
                url = not_available_url(page.pk, code)
            else:
                home = _home_pages(request).get(code)
                url = home.get_url(request) if home is not None else f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
            is_same_item = True
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                url=url,
                absolute_url=request.build_absolute_uri(url),
                is_current=code == current_language,
                is_same_item=is_same_item,
            )
        )
    request._language_versions = (cache_key, versions)
    return versions
