"""Header navigation and the language switcher, shared by every public template."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of what the visitor is looking at."""

    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool
    # False when the item has no live version in this language and the link goes to that
    # language's home page instead.
    is_same_item: bool


def _home_pages(request) -> dict[str, Page]:
    """The live home page of each language tree of the visitor's site, by language code."""
    if not hasattr(request, "_home_pages_by_language"):
        site = Site.find_for_request(request)
        homes = {}
        if site is not None:
            for home in (
                site.root_page.get_translations(inclusive=True).live().select_related("locale")
            ):
                homes[home.locale.language_code] = home
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


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = home_page(context)
    items = []
    if home is not None:
        items = list(home.get_children().live().public().in_menu().only("title", "url_path"))
    current = context.get("page")
    return {
        "request": request,
        "home": home,
        "items": items,
        "current_path": current.url_path if isinstance(current, Page) else None,
    }


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[LanguageVersion]:
    """For each site language: where the switcher sends the visitor.

    A Wagtail page links to its live translation; any other view (search, a 404) to the same
    URL under the other language's prefix; a page without a live translation to that
    language's home page.
    """
    request = context.get("request")
    if request is None:
        return []
    current_language = translation.get_language()
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            version.locale.language_code: version
            for version in page.get_translations(inclusive=True).live().select_related("locale")
        }
    homes = _home_pages(request)
    versions = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page) and page.pk:
            target = translations.get(code)
            is_same_item = target is not None
            target = target or homes.get(code)
            url = target.get_url(request) if target is not None else f"/{code}/"
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
    return versions
