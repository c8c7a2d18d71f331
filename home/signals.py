"""Renditions made when content changes, so that no visitor (nor a share link's) ever waits.

Saving a page draft or publishing a page makes the renditions of the images it shows; saving an
image that live pages show (a new focal point, a replaced file) makes its renditions again. The
work runs once the transaction commits: after Wagtail's image form has deleted the renditions of
a replaced file, and never for a change that was rolled back. It is bounded by the images of one
page (or one image), only missing renditions are made (about 50 ms each on an idle core), and a
failure is logged without ever breaking the editor's save.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from home.images import images_of_pages, make_renditions, make_renditions_for_image

logger = logging.getLogger(__name__)


def _safely(make, *args):
    try:
        make(*args)
    except Exception:  # never let an image break publishing or saving
        logger.exception("Making renditions failed")


def _after_commit(make, *args):
    transaction.on_commit(lambda: _safely(make, *args))


def _after_commit_for_page(get_page):
    try:
        needs = images_of_pages([get_page()])
    except Exception:  # an unreadable draft must not stop the save
        logger.exception("Could not list the images of a page")
        return
    if needs:
        _after_commit(make_renditions, needs)


def on_page_published(sender, instance, **kwargs):
    _after_commit_for_page(lambda: instance)


def on_revision_saved(sender, instance, created=False, raw=False, **kwargs):
    """A draft's images, ready for its preview, its share link and its publication."""
    if not created or raw:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return
    _after_commit_for_page(instance.as_object)


def on_image_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new image is not shown anywhere yet: saving the page that uses it makes its renditions.
    if not created and not raw:
        _after_commit(make_renditions_for_image, instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="home_renditions_publish")
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="home_renditions_revision")
    post_save.connect(
        on_image_saved, sender=get_image_model(), dispatch_uid="home_renditions_image"
    )
