"""`/sitemap.xml`: every live, public page in both languages, with hreflang alternates."""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Page


@require_safe
def sitemap(request):
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .only("id", "url_path", "translation_key", "last_published_at", "locale__language_code")
        .order_by("path")
    )
    entries = []
    by_translation = defaultdict(dict)
    for page in pages:
        language = page.locale.language_code
        with translation.override(language):
            url = page.get_url(request)
        if url is None:  # not under any site
            continue
        entry = {
            "location": request.build_absolute_uri(url),
            "last_modified": page.last_published_at,
            "language": language,
            "alternates": by_translation[page.translation_key],
        }
        by_translation[page.translation_key][language] = entry["location"]
        entries.append(entry)
    default_language = settings.LANGUAGE_CODE
    for entry in entries:
        alternates = entry["alternates"]
        entry["x_default"] = alternates.get(default_language) if len(alternates) > 1 else None
    body = render_to_string("sitemap.xml", {"entries": entries})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
