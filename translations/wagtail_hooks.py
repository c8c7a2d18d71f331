"""Admin wiring: the safe sync, review of translations and the translation status report."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import DraftStateMixin

from translations import admin_urls
from translations.admin_views import may_translate
from translations.guards import (
    IncompleteTranslationError,
    enabled_translation,
    translation_progress,
)
from translations.links import LanguageAwarePageLinkHandler

# order=-1: before wagtail-localize's hooks, so that our sync view answers its address.


@hooks.register("register_admin_urls", order=-1)
def register_translation_admin_urls():
    return [path("", include(admin_urls, namespace="translations_admin"))]


@hooks.register("register_rich_text_features", order=1)
def link_pages_in_the_visitors_language(features):
    """After Wagtail's own page link handler, which it replaces."""
    features.register_link_type(LanguageAwarePageLinkHandler)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return may_translate(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_report():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("translations_admin:report"),
        icon_name="doc-full",
        order=8900,
    )


def _publish_incomplete(request, instance):
    """The translation editor's "Publish" of a translation with untranslated segments.

    The guard saves a draft instead (pages) or refuses (people, themes); this says so,
    rather than wagtail-localize's "Published … with missing translations".
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = enabled_translation(instance)
    if translation is None:
        return None
    total, done = translation_progress(translation)
    if done >= total:
        return None
    missing = {"count": total - done, "total": total}
    if isinstance(instance, DraftStateMixin):
        if not instance.permissions_for_user(request.user).can_publish():
            return None  # wagtail-localize refuses it
        translation.save_target(user=request.user, publish=True)
        messages.warning(
            request,
            _(
                "Not published: %(count)s of %(total)s segments are not translated yet. "
                "Your translations are saved in a draft; the live version is unchanged."
            )
            % missing,
        )
    else:
        try:
            translation.save_target(user=request.user, publish=True)
        except IncompleteTranslationError:
            messages.error(
                request,
                _(
                    "Not saved: %(count)s of %(total)s segments are not translated yet. "
                    "This item has no draft, so it is saved once every segment is translated."
                )
                % missing,
            )
    return redirect(request.path)


@hooks.register("before_edit_page", order=-1)
def publish_translated_page_only_when_complete(request, page):
    return _publish_incomplete(request, page)


@hooks.register("before_edit_snippet", order=-1)
def save_translated_snippet_only_when_complete(request, instance):
    if not hasattr(instance, "translation_key"):
        return None
    return _publish_incomplete(request, instance)


def submit_translation_button(page, user, view_name=None, next_url=None):
    """ "Submit translation for review" on a translated page with changes that are not live."""
    if page.is_root() or not (page.has_unpublished_changes or not page.live):
        return
    if not may_translate(user) or page.workflow_in_progress:
        return
    if enabled_translation(page) is None:
        return
    yield ListingButton(
        gettext_lazy("Submit translation for review"),
        reverse("translations_admin:submit", args=[page.pk]),
        priority=61,
        icon_name="resubmit",
    )


hooks.register("register_page_header_buttons", submit_translation_button)
hooks.register("register_page_listing_more_buttons", submit_translation_button)
