"""Meta tags, Open Graph and JSON-LD for the page being shown."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.images import SOCIAL_SPEC, rendition_or_none, rendition_url

register = template.Library()

# Characters that could end the <script> element or confuse an HTML parser inside JSON.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """`<script type="application/ld+json">` for the page's structured data, if it has any."""
    request = context.get("request")
    build = getattr(page, "get_structured_data", None)
    data = build(request) if build and request else None
    if not data:
        return ""
    payload = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def meta_tags(context, page):
    request = context["request"]
    description = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
    image = page.get_meta_image() if hasattr(page, "get_meta_image") else None
    rendition = rendition_or_none(image, SOCIAL_SPEC)
    image_url = None if rendition is None else request.build_absolute_uri(rendition_url(rendition))
    return {
        "page": page,
        "description": description or page.search_description,
        "canonical_url": (
            page.get_absolute_url(request)
            if hasattr(page, "get_absolute_url")
            else request.build_absolute_uri(page.get_url(request))
        ),
        "image_url": image_url,
        "og_type": "article" if getattr(page, "og_type", "") == "article" else "website",
    }
