"""Small lookups that every public page needs, memoized per content generation.

Each is what Wagtail or the ORM would answer, read from the shared cache instead of the
database; the generation changes whenever the underlying rows do (signals.py).
"""

from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from pagecache.generation import memoize


def site_for_request(request):
    """`Site.find_for_request`, with the site (and its root page) from the memo.

    Stored on the request where Wagtail keeps it (`request._wagtail_site`), so that Wagtail's
    own lookups use it too.
    """
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()

        def build():
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page  # noqa: B018 - loaded now so that it is stored with the site
            return (site,)

        (request._wagtail_site,) = memoize(f"site:{hostname}:{port}", build)
    return request._wagtail_site


def locales_by_language() -> dict[str, Locale]:
    return memoize("locales", lambda: {loc.language_code: loc for loc in Locale.objects.all()})


def attach_locale(obj) -> None:
    """Fill `obj.locale` from the memo (a page's template reads its language from it)."""
    for locale in locales_by_language().values():
        if locale.pk == obj.locale_id:
            obj.locale = locale
            return


def active_locale() -> Locale:
    """`Locale.get_active()` without a query."""
    locales = locales_by_language()
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        code = None
    locale = locales.get(code)
    return locale if locale is not None else Locale.get_default()


def localized_root(site) -> Page:
    """`site.root_page.localized`: the root's live translation in the active language, else
    the root itself."""
    locale = active_locale()
    root = site.root_page

    def build():
        if locale.pk == root.locale_id:
            return root
        translated = Page.objects.filter(
            translation_key=root.translation_key, locale=locale
        ).first()
        return translated if translated is not None and translated.live else root

    return memoize(f"root:{site.pk}:{locale.pk}", build)


def snippets_by_key(model) -> dict:
    """Every row of a small translatable snippet model, by (translation_key, locale_id)."""
    label = model._meta.label_lower

    def build():
        queryset = model.objects.all()
        if hasattr(model, "photo"):
            queryset = queryset.select_related("photo")
        return {(obj.translation_key, obj.locale_id): obj for obj in queryset}

    return memoize(f"snippets:{label}", build)
