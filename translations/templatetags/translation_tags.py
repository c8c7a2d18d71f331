from django import template

from translations.links import localized_url

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """The page's URL in the visitor's language, or the page saying it is not available in
    it; "" for a page that is not live."""
    if page is None:
        return ""
    return localized_url(page, context.get("request")) or ""
