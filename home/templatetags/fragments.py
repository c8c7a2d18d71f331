"""`{% cardcache "name" item [vary_on ...] %}...{% endcardcache %}`: a listing card rendered once
per content change.

A listing renders a dozen cards, each some 50 template nodes: a third to a half of the page's
time. A card shows only its item, so its HTML is kept in Django's `template_fragments` cache,
which the settings keep in each worker's memory under the content generation (pagecache/): any
change a visitor could see retires every card in every worker.

Unlike Django's `{% cache %}` and Wagtail's `{% wagtailcache %}`, the key always holds what a
card's HTML depends on besides its item, so no template can forget it: the active language
(dates, words), the request's Wagtail site (a page of another site links with its full
address), and any `vary_on` values given. Rendered afresh, never kept: previews and shared
drafts; a card whose image file could not be read (kept, it would hide the image after the
file is restored); cards whose image addresses expire (a storage that signs them); and
every card when `template_fragments` is not configured, since Django would fall back to the
default cache, whose keys do not follow the content generation.
"""

from django import template
from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils import translation

from home.images import rendition_addresses_last, unreadable_images
from pagecache.lookups import site_for_request

register = template.Library()

CACHE_ALIAS = "template_fragments"


class CardCacheNode(template.Node):
    def __init__(self, nodelist, name: str, item, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.item = item
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        item = self.item.resolve(context)
        if (
            request is None
            or getattr(request, "is_preview", False)
            or getattr(item, "pk", None) is None
            or CACHE_ALIAS not in settings.CACHES
            or not rendition_addresses_last()
        ):
            return self.nodelist.render(context)
        site = site_for_request(request)
        key = make_template_fragment_key(
            self.name,
            [
                item.pk,
                translation.get_language(),
                site.pk if site is not None else None,
                *(value.resolve(context) for value in self.vary_on),
            ],
        )
        fragments = caches[CACHE_ALIAS]
        html = fragments.get(key)
        if html is None:
            unreadable_before = unreadable_images()
            html = self.nodelist.render(context)
            if unreadable_images() == unreadable_before:
                fragments.set(key, html)
        return html


@register.tag
def cardcache(parser, token):
    """`{% cardcache "blog_card" post %}` or `{% cardcache "home_card" item section_key %}`."""
    name, *arguments = token.split_contents()
    if len(arguments) < 2 or arguments[0][:1] not in "\"'" or arguments[0][-1] != arguments[0][0]:
        raise template.TemplateSyntaxError(
            f'{name} needs a quoted card name and the item: {{% {name} "blog_card" post %}}'
        )
    nodelist = parser.parse(("endcardcache",))
    parser.delete_first_token()
    return CardCacheNode(
        nodelist,
        arguments[0][1:-1],
        parser.compile_filter(arguments[1]),
        [parser.compile_filter(argument) for argument in arguments[2:]],
    )
