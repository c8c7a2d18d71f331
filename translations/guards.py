"""Save translations without ever putting untranslated source text on the live site.

wagtail-localize writes a translation into its target object with `Translation.save_target`:
when an editor syncs ("Sync translated pages"), publishes in the translation editor, submits
an object for translation, and from code. It fills every segment that has no translation yet
with the source text (`fallback=True`), and then:

- with `publish=True` that Dutch text goes live on the English page;
- with `publish=False` it still saves the target's own database row, which for a live page *is*
  the live version: the "draft" shows on the English site at once.

`save_target_safely` takes its place (see `install`):

- pages (and other draftable objects): published only when every segment is translated;
  otherwise saved as a draft revision. When the target is live, that draft is only a revision:
  the live version stays exactly as it was until the draft is approved in the workflow. A
  review in progress is cancelled, because approving publishes the latest revision, which the
  reviewer has not seen.
- people and themes have no drafts: what is saved is live. An existing one is left unchanged
  until every segment is translated (IncompleteTranslationError); the first copy is made so
  that the translation editor has something to open.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import Translation, TranslationLog


class IncompleteTranslationError(ValidationError):
    """A translation with untranslated segments may not replace what is live."""


def translation_progress(translation) -> tuple[int, int]:
    """(segments, translated segments) of a translation."""
    return translation.get_progress()


def is_complete(translation) -> bool:
    total, translated = translation_progress(translation)
    return translated >= total


def existing_target(translation):
    """The translated object, or None while it has not been made yet."""
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def is_draftable(translation) -> bool:
    model = translation.source.specific_content_type.model_class()
    return model is not None and issubclass(model, DraftStateMixin)


@transaction.atomic
def save_draft_keeping_live(translation, user=None):
    """A new revision of the target with the current translations; the live row is untouched."""
    source = translation.source
    locale = translation.target_locale
    draft = source.get_ephemeral_translated_instance(locale, fallback=True)
    if isinstance(draft, Page):
        # As wagtail-localize does before it saves: a translated slug must still be a slug.
        draft.slug = find_available_slug(
            draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
        )
    revision = draft.save_revision(user=user)
    source.update_target_view_restrictions(locale)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return draft


def cancel_review(target, user=None) -> bool:
    """Stop a review in progress: approval publishes the latest revision, and a new draft
    (from a sync) is not what the reviewer saw. The translation is submitted again."""
    state = getattr(target, "current_workflow_state", None)
    if state is None:
        return False
    state.cancel(user=user)
    return True


def save_target_safely(translation, user=None, publish=True):
    """`Translation.save_target` that never publishes or overwrites live content with gaps."""
    target = existing_target(translation)
    if not is_draftable(translation):
        if target is not None and publish and not is_complete(translation):
            raise IncompleteTranslationError(
                _("Translate every segment first: this item has no draft, so it would go live.")
            )
        return _STOCK_SAVE_TARGET(translation, user=user, publish=publish)
    if publish and is_complete(translation):
        return _STOCK_SAVE_TARGET(translation, user=user, publish=True)
    if target is not None:
        cancel_review(target, user=user)
    if target is not None and target.live:
        save_draft_keeping_live(translation, user=user)
        return None
    return _STOCK_SAVE_TARGET(translation, user=user, publish=False)


# wagtail-localize's own method, kept once even if this module is imported again.
_STOCK_SAVE_TARGET = Translation.__dict__.get("unguarded_save_target", Translation.save_target)


def install():
    """Make `Translation.save_target` safe for every caller (idempotent; from AppConfig.ready)."""
    Translation.unguarded_save_target = _STOCK_SAVE_TARGET
    Translation.save_target = save_target_safely


def enabled_translation(instance):
    """The enabled wagtail-localize `Translation` whose target is `instance` (a translated page
    or snippet), with its source and locale; None when it was not made in the editor."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )
