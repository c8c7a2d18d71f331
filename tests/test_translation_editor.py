"""Translating as an editor through wagtail-localize's real admin URLs: the translation
editor, review, publishing, a safe sync, PO files, snippets and synchronised fields."""

import datetime
import re

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from blog.models import BlogPostPage
from home.snippets import Theme
from tests.test_editorial_helpers import build_site, make_draft
from tests.test_translation_helpers import (
    approve,
    dutch,
    english,
    english_version,
    submit_page_for_translation,
    submit_translation_for_review,
    sync,
    translate_segments,
)

TEXTS = {
    "Samen koken": "Cooking together",
    "samen-koken": "cooking-together",
    "Over Samen koken.": "About cooking together.",
    "Tekst van Samen koken.": "Text about cooking together.",
}


def english_by_default(dutch_text):
    return f"EN {dutch_text}"


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


@pytest.fixture
def editor(client, site):
    client.force_login(site["editor"])
    return client


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def translated_live_post(editor, site):
    """A Dutch post translated in the editor, submitted, approved: live in English."""
    post = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    translation = submit_page_for_translation(editor, post)
    english_post = english_version(post)
    assert not english_post.live
    assert translate_segments(editor, translation, TEXTS, default=english_by_default) == []
    submit_url = f"/admin/translations/{english_post.pk}/submit/"
    listing = editor.get(f"/admin/pages/{site['blog_en'].pk}/").content.decode()
    assert submit_url in listing  # "Submit translation for review" in the explorer
    confirm = editor.get(submit_url)
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    response = submit_translation_for_review(editor, english_post)
    assert response.status_code == 302
    assert english_post.get_workflow().name == "Redactionele review"
    assert BlogPostPage.objects.get(pk=english_post.pk).workflow_in_progress
    english_post = approve(editor, english_post)
    assert english_post.live
    return post, translation, english_post


@pytest.mark.django_db
def test_translate_submit_approve_then_sync_keeps_live_english_until_reviewed(client, site, editor):
    post, translation, english_post = translated_live_post(editor, site)
    page_text = text_of(client.get("/en/blog/cooking-together/"))
    assert "Text about cooking together." in page_text
    assert "Tekst van" not in page_text

    # The Dutch source changes and is published; an editor syncs the translations.
    post = BlogPostPage.objects.get(pk=post.pk)
    # (as the page editor does it: the existing block keeps its id)
    post.body.append(("paragraph", RichText("<p>Nieuwe alinea over soep.</p>")))
    post.save_revision().publish()
    response = sync(editor, translation.source)
    assert response.status_code == 302

    # The live English page is unchanged: old English text, no Dutch.
    page_text = text_of(client.get("/en/blog/cooking-together/"))
    assert "Text about cooking together." in page_text
    assert "Nieuwe alinea" not in page_text and "soep" not in page_text
    english_post = BlogPostPage.objects.get(pk=english_post.pk)
    assert english_post.live and english_post.has_unpublished_changes
    # The draft holds the new segment, untranslated; the translation is incomplete.
    draft = english_post.get_latest_revision_as_object()
    draft_body = str(draft.body)
    assert "Text about cooking together." in draft_body
    assert "Nieuwe alinea over soep." in draft_body
    total, done = Translation.objects.get(pk=translation.pk).get_progress()
    assert done == total - 1
    # It cannot go to review while a segment is untranslated.
    response = submit_translation_for_review(editor, english_post)
    assert response.status_code == 409
    assert not BlogPostPage.objects.get(pk=english_post.pk).workflow_in_progress

    # Translated, submitted and approved: the English page shows the new text.
    left = translate_segments(
        editor, translation, {"Nieuwe alinea over soep.": "A new paragraph about soup."}
    )
    assert left == []
    assert submit_translation_for_review(editor, english_post).status_code == 302
    assert "A new paragraph" not in text_of(client.get("/en/blog/cooking-together/"))
    approve(editor, english_post)
    page_text = text_of(client.get("/en/blog/cooking-together/"))
    assert "A new paragraph about soup." in page_text
    assert "Text about cooking together." in page_text
    assert "soep" not in page_text


@pytest.mark.django_db
def test_publish_in_the_translation_editor_with_gaps_saves_a_draft_only(client, site, editor):
    post, translation, english_post = translated_live_post(editor, site)
    post = BlogPostPage.objects.get(pk=post.pk)
    post.intro = "Een nieuwe inleiding."
    post.save_revision().publish()
    sync(editor, translation.source)
    # The translation editor's own "Publish" button, with the new intro untranslated.
    response = editor.post(f"/admin/pages/{english_post.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Niet gepubliceerd: 1 van" in message for message in messages), messages
    page_text = text_of(client.get("/en/blog/cooking-together/"))
    assert "About cooking together." in page_text
    assert "Een nieuwe inleiding" not in page_text


@pytest.mark.django_db
def test_students_cannot_submit_translations_for_review(client, site, editor):
    post = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    translation = submit_page_for_translation(editor, post)
    translate_segments(editor, translation, TEXTS, default=english_by_default)
    client.force_login(site["student"])
    response = submit_translation_for_review(client, english_version(post))
    assert response.status_code in (302, 403, 404)
    assert not WorkflowState.objects.filter(object_id=str(english_version(post).pk)).exists()


@pytest.mark.django_db
def test_po_file_download_and_upload_through_the_admin(client, site, editor):
    post = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    translation = submit_page_for_translation(editor, post)
    response = editor.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    catalogue = polib.pofile(response.content.decode())
    assert {"Samen koken", "Tekst van Samen koken."} <= {entry.msgid for entry in catalogue}
    for entry in catalogue:
        entry.msgstr = TEXTS.get(entry.msgid, f"EN {entry.msgid}")
    upload = SimpleUploadedFile("samen-koken-en.po", str(catalogue).encode(), "text/x-gettext")
    english_post = english_version(post)
    next_url = f"/admin/pages/{english_post.pk}/edit/"
    response = editor.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": upload, "next": next_url},
    )
    assert response.status_code == 302 and response["Location"] == next_url
    assert translation.get_progress()[0] == translation.get_progress()[1]
    assert submit_translation_for_review(editor, english_post).status_code == 302
    approve(editor, english_post)
    assert "Text about cooking together." in text_of(client.get("/en/blog/cooking-together/"))


@pytest.mark.django_db
def test_a_po_file_of_another_translation_is_refused(site, editor):
    post = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    other = make_draft(site["blog_nl"], site["editor"], "Samen eten", site["person"], live=True)
    translation = submit_page_for_translation(editor, post)
    other_translation = submit_page_for_translation(editor, other)
    catalogue = other_translation.export_po()
    for entry in catalogue:
        entry.msgstr = "EN"
    upload = SimpleUploadedFile("other.po", str(catalogue).encode(), "text/x-gettext")
    editor.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload})
    assert translation.get_progress()[1] == 0


@pytest.mark.django_db
def test_theme_is_translated_in_the_editor_and_kept_whole_on_sync(site, editor):
    theme = Theme.objects.create(locale=dutch(), name="Eenzaamheid", slug="eenzaamheid")
    response = editor.post(
        f"/admin/localize/submit/snippet/home/theme/{theme.pk}/", {"locales": [english().pk]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=theme.translation_key)
    translate_segments(
        editor, translation, {"Eenzaamheid": "Loneliness", "eenzaamheid": "loneliness"}
    )
    english_theme = Theme.objects.get(translation_key=theme.translation_key, locale=english())
    response = editor.post(
        f"/admin/snippets/home/theme/edit/{english_theme.pk}/", {"action": "publish"}
    )
    assert response.status_code == 302
    english_theme.refresh_from_db()
    assert (english_theme.name, english_theme.slug) == ("Loneliness", "loneliness")

    # The Dutch name changes; a sync must not put the Dutch name on the English theme.
    theme.name = "Eenzaamheid onder ouderen"
    theme.save()
    response = sync(editor, translation.source)
    assert response.status_code == 302
    english_theme.refresh_from_db()
    assert english_theme.name == "Loneliness"
    translate_segments(
        editor, translation, {"Eenzaamheid onder ouderen": "Loneliness among older people"}
    )
    editor.post(f"/admin/snippets/home/theme/edit/{english_theme.pk}/", {"action": "publish"})
    english_theme.refresh_from_db()
    assert english_theme.name == "Loneliness among older people"


# Synchronised, not translated: the clip's video file, date and time codes


@pytest.mark.django_db
def test_clip_video_date_and_time_codes_are_synchronised_not_translated(client, site, editor):
    from tests.test_kennisclips import make_clip, make_document, make_index, transcript

    index_nl = make_index(site["blog_nl"].get_parent())
    clip = make_clip(
        index_nl,
        publication_date=datetime.date(2019, 3, 12),
        transcript=transcript(("00:05", "Helma", "Welkom."), ("01:05", "", "Samen fietsen.")),
    )
    translation = submit_page_for_translation(editor, clip)
    source = translation.source
    paths = [segment.context.path for segment in StringSegment.objects.filter(source=source)]
    paths += [segment.context.path for segment in OverridableSegment.objects.filter(source=source)]
    texts = {segment.string.data for segment in StringSegment.objects.filter(source=source)}
    assert not [path for path in paths if re.search(r"video|publication_date|poster", path)]
    assert not {"00:05", "01:05", "2019-03-12"} & texts
    assert {"Welkom.", "Samen fietsen."} <= texts

    translate_segments(editor, translation, {}, default=english_by_default)
    english_clip = english_version(clip)
    submit_translation_for_review(editor, english_clip)
    english_clip = approve(editor, english_clip)
    assert english_clip.live

    # The Dutch clip gets a new video, date and time code; after a sync the English draft has
    # the same, and once approved so does the live English clip.
    clip = type(clip).objects.get(pk=clip.pk)
    new_video = make_document("nieuw.mp4")
    clip.video_file = new_video
    clip.publication_date = datetime.date(2019, 4, 2)
    first_segment = clip.transcript[0].value
    first_segment["time"] = "00:07"  # the same block, a new time code
    clip.save_revision().publish()
    assert sync(editor, TranslationSource.objects.get(pk=source.pk)).status_code == 302

    def synchronised(page):
        return (
            page.video_file_id,
            page.publication_date,
            [block.value["time"] for block in page.transcript],
        )

    expected = (new_video.pk, datetime.date(2019, 4, 2), ["00:07", "01:05"])
    clip = type(clip).objects.get(pk=clip.pk)
    assert synchronised(clip) == expected
    english_clip = type(clip).objects.get(pk=english_clip.pk)
    assert synchronised(english_clip.get_latest_revision_as_object()) == expected
    assert english_clip.video_file_id != new_video.pk  # live: unchanged until approved
    assert submit_translation_for_review(editor, english_clip).status_code == 302
    english_clip = approve(editor, english_clip)
    assert synchronised(english_clip) == expected
    assert [block.value["text"] for block in english_clip.transcript] == [
        "EN Welkom.",
        "EN Samen fietsen.",
    ]


@pytest.mark.django_db
def test_a_sync_during_review_stops_the_review_so_nothing_unseen_is_approved(client, site, editor):
    post, translation, english_post = translated_live_post(editor, site)
    post = BlogPostPage.objects.get(pk=post.pk)
    post.intro = "Een nieuwe inleiding."
    post.save_revision().publish()
    # The English page is in review (a second round) when the Dutch source is synced.
    english_post = BlogPostPage.objects.get(pk=english_post.pk)
    english_post.save_revision(user=site["editor"])
    english_post.get_workflow().start(english_post, site["editor"])
    response = sync(editor, translation.source)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("beoordeling is gestopt" in message for message in messages), messages
    english_post = BlogPostPage.objects.get(pk=english_post.pk)
    assert not english_post.workflow_in_progress
    assert "Een nieuwe inleiding" not in text_of(client.get("/en/blog/cooking-together/"))
