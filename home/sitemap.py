"""`/sitemap.xml`: every live, public page in both languages, with hreflang alternates.

Built for sites with tens of thousands of pages: one query, each page's address derived from
its `url_path` and its language's home page (what `Page.get_url` computes, without the
per-page work), and the XML written directly rather than through the template engine.
"""

from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Page

from home.templatetags.navigation_tags import _home_pages
from pagecache.lookups import site_for_request

XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _language_roots(request) -> list[tuple[str, str, str]]:
    """(language, home url_path, absolute home URL) per live home page, longest path first."""
    roots = []
    for language, home in _home_pages(request).items():
        with translation.override(language):
            url = home.get_url(request)
        if url is not None:
            roots.append((language, home.url_path, request.build_absolute_uri(url)))
    return sorted(roots, key=lambda root: len(root[1]), reverse=True)


def sitemap_entries(request) -> list[dict]:
    """Location, last modification, language and alternates of every live, public page."""
    site_for_request(request)  # every page's URL needs the site: from the memo, no query
    roots = _language_roots(request)
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by("path")
        .values_list("url_path", "translation_key", "last_published_at", "locale__language_code")
    )
    entries = []
    by_translation = defaultdict(dict)
    for url_path, translation_key, last_published_at, language in pages:
        for root_language, root_path, root_url in roots:
            if root_language == language and url_path.startswith(root_path):
                location = root_url + url_path[len(root_path) :]
                break
        else:  # not under a live home page of its language: no address on this site
            continue
        alternates = by_translation[translation_key]
        alternates[language] = location
        entries.append(
            {
                "location": location,
                "last_modified": last_published_at,
                "language": language,
                "alternates": alternates,
            }
        )
    return entries


def _url_element(entry: dict, default_language: str) -> str:
    parts = [f"  <url>\n    <loc>{escape(entry['location'])}</loc>\n"]
    if entry["last_modified"]:
        parts.append(f"    <lastmod>{entry['last_modified'].isoformat()}</lastmod>\n")
    alternates = entry["alternates"]
    if len(alternates) > 1:
        links = list(alternates.items())
        x_default = alternates.get(default_language)
        if x_default:
            links.append(("x-default", x_default))
        parts.extend(
            f'    <xhtml:link rel="alternate" hreflang="{language}" href={quoteattr(location)}/>\n'
            for language, location in links
        )
    parts.append("  </url>\n")
    return "".join(parts)


@require_safe
def sitemap(request):
    default_language = settings.LANGUAGE_CODE
    body = [XML_HEAD]
    body.extend(_url_element(entry, default_language) for entry in sitemap_entries(request))
    body.append("</urlset>\n")
    return HttpResponse("".join(body), content_type="application/xml; charset=utf-8")
