"""What invalidates the page cache: any change a visitor could see bumps the generation.

A global generation (rather than per-page keys) keeps this simple and right: a published post
changes its own page, its index, the home page, related posts, search results, the sitemap and
the feeds, and one bump covers all of them in every worker.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from pagecache.generation import bump

# Models whose rows show on public pages besides the pages themselves.
WATCHED_MODELS = (
    "home.Person",
    "home.Theme",
    "search.SearchPromotion",
    "search.SearchDocument",
    "wagtailimages.Image",
    "wagtaildocs.Document",
)


def content_changed(**kwargs) -> None:
    bump()


def page_saved(sender, instance, **kwargs) -> None:
    """Any save of an existing page, or a page made live at once.

    Code may edit pages without `publish()` (a translation synced, `live` switched off
    directly); drafts saved in the admin bump too, which is harmless. A new draft does not.
    """
    if isinstance(instance, Page) and (instance.live or kwargs.get("created") is False):
        bump()


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        bump()


def connect() -> None:
    uid = "pagecache"
    page_published.connect(content_changed, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(content_changed, dispatch_uid=f"{uid}:unpublished")
    pre_page_move.connect(content_changed, dispatch_uid=f"{uid}:pre_move")
    post_page_move.connect(content_changed, dispatch_uid=f"{uid}:post_move")
    post_save.connect(page_saved, dispatch_uid=f"{uid}:page_saved")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}:page_deleted")
    for model in (PageViewRestriction, Site, Locale, *map(apps.get_model, WATCHED_MODELS)):
        label = model._meta.label_lower
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:{label}:save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:{label}:delete")
