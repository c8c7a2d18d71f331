"""Helpers shared by the translation tests (no tests here; named so it is ours)."""

from urllib.parse import urlencode

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests.test_editorial_helpers import approve_url


def english():
    return Locale.objects.get(language_code="en")


def dutch():
    return Locale.objects.get(language_code="nl")


def submit_page_for_translation(client, page):
    """The editor's "Translate this page" form, into English."""
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english().pk]})
    assert response.status_code == 302, response.status_code
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=english())


def untranslated_segments(translation) -> list[StringSegment]:
    done = StringTranslation.objects.filter(
        locale=translation.target_locale, has_error=False
    ).values_list("translation_of_id", "context_id")
    done = set(done)
    return [
        segment
        for segment in StringSegment.objects.filter(source=translation.source)
        .select_related("string")
        .order_by("order")
        if (segment.string_id, segment.context_id) not in done
    ]


def translate_segments(client, translation, texts: dict[str, str], *, default=None):
    """Type each untranslated segment into the translation editor (its string API).

    `texts` maps a Dutch segment to its English; `default(dutch)` covers the rest (None: leave
    segments without an entry untranslated). Returns the Dutch segments left untranslated.
    """
    left = []
    for segment in untranslated_segments(translation):
        text = texts.get(segment.string.data)
        if text is None and default is not None:
            text = default(segment.string.data)
        if text is None:
            left.append(segment.string.data)
            continue
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": text}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), (response.status_code, response.content)
    return left


def submit_translation_for_review(client, page):
    return client.post(f"/admin/translations/{page.pk}/submit/")


def approve(client, page):
    response = client.post(approve_url(page), {"comment": ""})
    assert response.status_code in (200, 302), response.status_code
    return Page.objects.get(pk=page.pk).specific


def sync(client, translation_source):
    return client.post(f"/admin/localize/update/{translation_source.pk}/")


def english_version(page):
    return type(page.specific).objects.get(translation_key=page.translation_key, locale=english())
