"""The sync guard: untranslated Dutch never reaches a live English page or snippet, whichever
way wagtail-localize's `Translation.save_target` is called."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from blog.models import BlogPostPage
from home.snippets import Theme
from tests.test_editorial_helpers import build_site, make_draft
from translations import guards


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


def translate_fully(instance, texts=None):
    """Translate into English with every segment filled ("EN …" unless given) and save."""
    english = Locale.objects.get(language_code="en")
    translate_object(instance, [english])
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=english
    )
    catalogue = translation.export_po()
    for entry in catalogue:
        entry.msgstr = (texts or {}).get(entry.msgid, f"EN {entry.msgid}")
    translation.import_po(catalogue)
    return translation


def live_post(site, on_commit):
    post = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    translation = translate_fully(post, {"samen-koken": "cooking-together"})
    with on_commit(execute=True):  # wagtail-localize publishes once the transaction commits
        translation.save_target(publish=True)
    english = BlogPostPage.objects.get(
        translation_key=post.translation_key, locale__language_code="en"
    )
    assert english.live
    return post, translation, english


def change_dutch_source(post):
    post = BlogPostPage.objects.get(pk=post.pk)
    post.body.append(("paragraph", RichText("<p>Nieuwe alinea over soep.</p>")))
    post.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(post)
    return source


def live_text(client):
    response = client.get("/en/blog/cooking-together/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_guard_is_installed():
    assert Translation.save_target is guards.save_target_safely


@pytest.mark.django_db
@pytest.mark.parametrize("publish", [True, False])
def test_sync_in_code_saves_a_draft_and_leaves_the_live_english_page_alone(
    client, site, publish, django_capture_on_commit_callbacks
):
    post, translation, english = live_post(site, django_capture_on_commit_callbacks)
    change_dutch_source(post)
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(pk=translation.pk).save_target(publish=publish)
    text = live_text(client)
    assert "EN Tekst van Samen koken." in text
    assert "Nieuwe alinea" not in text
    english = BlogPostPage.objects.get(pk=english.pk)
    assert english.live and english.has_unpublished_changes
    assert "Nieuwe alinea over soep." in str(english.get_latest_revision_as_object().body)


@pytest.mark.django_db
def test_without_the_guard_wagtail_localize_shows_the_dutch_text_live(
    client, site, django_capture_on_commit_callbacks
):
    """Why the guard exists: the stock method puts the untranslated segment on the live page
    even when asked for a draft. (If this starts failing, wagtail-localize fixed it.)"""
    post, translation, _english = live_post(site, django_capture_on_commit_callbacks)
    change_dutch_source(post)
    Translation.unguarded_save_target(Translation.objects.get(pk=translation.pk), publish=False)
    assert "Nieuwe alinea over soep." in live_text(client)


@pytest.mark.django_db
def test_a_complete_translation_may_still_be_published(
    client, site, django_capture_on_commit_callbacks
):
    post, translation, _english = live_post(site, django_capture_on_commit_callbacks)
    change_dutch_source(post)
    translation = Translation.objects.get(pk=translation.pk)
    catalogue = translation.export_po()
    for entry in catalogue:
        if entry.msgid == "Nieuwe alinea over soep.":
            entry.msgstr = "A new paragraph about soup."
    translation.import_po(catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert "A new paragraph about soup." in live_text(client)


@pytest.mark.django_db
def test_a_theme_is_not_overwritten_with_untranslated_text(site):
    theme = Theme.objects.create(
        locale=Locale.objects.get(language_code="nl"), name="Eenzaamheid", slug="eenzaamheid"
    )
    translation = translate_fully(theme, {"Eenzaamheid": "Loneliness", "eenzaamheid": "loneliness"})
    translation.save_target(publish=True)
    english = Theme.objects.get(translation_key=theme.translation_key, locale__language_code="en")
    assert english.name == "Loneliness"
    theme.name = "Eenzaamheid onder ouderen"
    theme.save()
    TranslationSource.update_or_create_from_instance(theme)
    translation = Translation.objects.get(pk=translation.pk)
    with pytest.raises(guards.IncompleteTranslationError):
        translation.save_target(publish=True)
    english.refresh_from_db()
    assert english.name == "Loneliness"
