"""Make English versions of demo content through wagtail-localize, as an editor would."""

import polib
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object


class MissingDemoTranslation(Exception):
    """A Dutch demo string has no English text: the demo would show Dutch under /en/."""


def translate_with(instance, translations: dict[str, str], language_code: str = "en"):
    """Translate a page or snippet into `language_code` and publish the result.

    `translations` maps each Dutch segment (title, slug, text, StreamField strings) to its
    translation. Runs again safely: an existing translation is updated, not duplicated.
    Returns the translated instance.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    if not _created:
        source.update_from_db()
    translate_object(instance, [locale])
    translation = Translation.objects.get(source=source, target_locale=locale)
    catalogue = translation.export_po()
    missing = []
    for entry in catalogue:
        text = translations.get(entry.msgid)
        if text is None:
            missing.append(entry.msgid)
        else:
            entry.msgstr = text
    if missing:
        raise MissingDemoTranslation(
            f"No {language_code} text for {len(missing)} segment(s) of {instance!r}: {missing}"
        )
    translation.import_po(polib.pofile(str(catalogue)))
    # Save a draft and publish it here rather than with save_target(publish=True): that defers
    # publishing to the end of the transaction and then saves the page object it had, whose
    # stale child count hides the children added since (the demo runs in one transaction).
    # Snippets without drafts are saved directly (save_target refuses a draft for them).
    has_drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(publish=not has_drafts)
    target = instance.get_translation(locale)
    if isinstance(target, Page):
        target = target.specific
    if has_drafts:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
