"""Page URLs without a URL reverse per page.

Wagtail's `Page.get_url_parts()` reverses the `wagtail_serve` URL for every page, inside a
`translation.override()` of the page's language for the language prefix: about 40 µs a link,
and a listing shows a dozen links to pages. The URLs of one language's pages differ only in the
page's path, so the language's root is reversed once per process (per script prefix and
URLconf) and the path is quoted as `reverse()` quotes it. Whatever is unusual goes to Wagtail's
own method: a page of several sites, a path Wagtail's serve pattern would not accept, URLs
without a trailing slash, or a site without Wagtail's internationalisation.
"""

import functools
import re
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

# The paths of Wagtail's serve pattern with WAGTAIL_APPEND_SLASH (wagtail/urls.py).
SERVED_PATH = re.compile(r"(?:[\w\-]+/)*")
# What `reverse()` leaves unquoted in a URL.
REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"


@functools.lru_cache(maxsize=64)
def _language_root(language_code: str, script_prefix: str, urlconf) -> str:
    """The URL of a language's home page ("/nl/"); the arguments are the cache's key."""
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",), urlconf=urlconf)


def page_url_parts(page, request=None):
    """What Wagtail's `Page.get_url_parts()` gives: (site id, site root URL, page path)."""
    sites = page._get_relevant_site_root_paths(request)
    if (
        len({site.site_id for site in sites}) != 1
        or not getattr(settings, "WAGTAIL_APPEND_SLASH", True)
        or not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    ):
        return Page.get_url_parts(page, request)
    site_id, root_path, root_url, language_code = sites[0]
    path = page.url_path[len(root_path) :]
    if not SERVED_PATH.fullmatch(path):
        return Page.get_url_parts(page, request)
    # As Wagtail does: the active language when it is a variant of the page's language.
    try:
        if get_supported_content_language_variant(translation.get_language()) == language_code:
            language_code = translation.get_language()
    except LookupError:
        pass
    root = _language_root(language_code, get_script_prefix(), get_urlconf())
    return (site_id, root_url, root + quote(path, safe=REVERSE_SAFE))


def page_url(page, request=None) -> str | None:
    """What Wagtail's `Page.get_url()` gives, from `page_url_parts`: for plain `Page` rows (search
    results), whose class keeps Wagtail's own `get_url_parts`."""
    parts = page_url_parts(page, request)
    if parts is None or parts[1] is None and parts[2] is None:
        return None  # not routable
    site_id, root_url, path = parts
    current_site = Site.find_for_request(request) if request is not None else None
    if (current_site is not None and site_id == current_site.id) or len(
        {root_path.site_id for root_path in page._get_site_root_paths(request)}
    ) == 1:
        return path
    return root_url + path


class PageUrlMixin:
    """List before `Page`: the page's URL parts from `page_url_parts`, for `{% pageurl %}`,
    `get_url()`, `url` and `full_url` alike."""

    def get_url_parts(self, request=None):
        return page_url_parts(self, request)
