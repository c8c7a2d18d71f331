"""Links to pages in the visitor's language, never silently to the other language's page.

Wagtail resolves a link to another page (rich text, a page chooser) with `page.localized`,
which quietly returns the Dutch page when its English translation is missing or not live.
Here such a link goes to the English translation when it is live, and otherwise to the
"not available in English" page, which names the original and links to it.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

NOT_AVAILABLE_URL_NAME = "translation_not_available"


def not_available_url(page_id: int, language_code: str) -> str:
    """The page, in `language_code`, saying that page `page_id` is not available in it."""
    with translation.override(language_code):
        path = reverse(NOT_AVAILABLE_URL_NAME)
    return f"{path}?{urlencode({'page': page_id})}"


def localized_urls(pages, request=None, language_code: str | None = None) -> list[str | None]:
    """For each page: the URL of its live version in the language (one query for all).

    A live page without a live version in that language gets the not-available page; a page
    that is not live gets None (no link), so that no draft is ever linked.
    """
    language_code = language_code or translation.get_language()
    pages = list(pages)
    keys = {page.translation_key for page in pages if page is not None}
    versions = {}
    if keys:
        versions = {
            version.translation_key: version
            for version in Page.objects.live()
            .filter(translation_key__in=keys, locale__language_code=language_code)
            .only("id", "translation_key", "url_path", "locale_id", "live")
        }
    urls = []
    for page in pages:
        if page is None:
            urls.append(None)
        elif page.translation_key in versions:
            urls.append(versions[page.translation_key].get_url(request))
        elif page.live:
            urls.append(not_available_url(page.pk, language_code))
        else:
            urls.append(None)
    return urls


def localized_url(page, request=None) -> str | None:
    return localized_urls([page], request)[0]


class LanguageAwarePageLinkHandler(PageLinkHandler):
    """Rich-text page links that follow `localized_urls` (two queries per rich text field)."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        numeric = [int(value) for value in ids if value.isdigit()]
        pages = Page.objects.filter(id__in=numeric).only(
            "id", "translation_key", "url_path", "locale_id", "live"
        )
        by_id = {str(page.pk): page for page in pages}
        return [by_id.get(value) for value in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        urls = localized_urls(cls.get_many(attrs_list))
        return [f'<a href="{escape(url)}">' if url else "<a>" for url in urls]
