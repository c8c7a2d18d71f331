"""The page a language switcher or a link goes to when an item is missing in a language."""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Page

from home.templatetags.navigation_tags import _home_pages

PAGE_PARAMETER = "page"
MAX_ID_DIGITS = 18


def _requested_page_id(request) -> int | None:
    value = request.GET.get(PAGE_PARAMETER, "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_ID_DIGITS:
        return None
    return int(value)


@require_safe
def not_available(request):
    """Say, in the visitor's language, that an item is not (yet) available in it.

    Shows the original's title and links to it (in its own language) and to this language's
    home page; never indexed. When the item does exist in this language the visitor is sent
    there. An address that names no live page answers 404 in the site's layout; a live page
    behind a password or a login is not named (its title is not public).
    """
    language = translation.get_language()
    page_id = _requested_page_id(request)
    if page_id is None:
        raise Http404("No page given")
    page = Page.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None or page.is_root():
        raise Http404("No such live page")
    is_public = not page.get_view_restrictions().exists()
    if is_public:
        version = (
            page.get_translations(inclusive=True)
            .live()
            .public()
            .filter(locale__language_code=language)
            .first()
        )
        if version is not None:
            url = version.get_url(request)
            if url:
                return HttpResponseRedirect(url)
    home = _home_pages(request).get(language)  # memoized with the site: no query
    original_language = page.locale.language_code
    context = {
        "original": page if is_public else None,
        "original_url": page.get_url(request) if is_public else None,
        "original_language": original_language,
        "original_language_name": translation.get_language_info(original_language)["name_local"],
        "home_url": home.get_url(request) if home is not None else f"/{language}/",
    }
    response = TemplateResponse(request, "translations/not_available.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
