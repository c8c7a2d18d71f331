"""Admin behaviour of the editorial workflow: who sees what, submit notes, dashboard panels."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from editorial import admin_urls, roles, share
from editorial.panels import MySubmissionsPanel, ReviewQueuePanel
from editorial.permissions import EditorialPagePermissionPolicy, filter_visible_pages
from editorial.signals import NOTE_FIELD, pending_note

# Registered before anything looks the policy up: the explorer, the admin search and the
# explorer menu then leave out pages the user may not see.
register_permission_policy(Page, EditorialPagePermissionPolicy(Page))


@hooks.register("construct_page_chooser_queryset")
def hide_other_peoples_drafts_in_choosers(pages, request):
    return filter_visible_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def hide_other_peoples_drafts_in_explorer(parent_page, pages, request):
    return filter_visible_pages(pages, request.user)


def _own_uploads_only(items, request):
    """Students choose from what they uploaded themselves, not from each other's files."""
    if roles.is_author_only(request.user):
        return items.filter(uploaded_by_user=request.user)
    return items


hooks.register("construct_image_chooser_queryset", _own_uploads_only)
hooks.register("construct_document_chooser_queryset", _own_uploads_only)


def _remember_note(request):
    note = request.POST.get(NOTE_FIELD, "") if request.method == "POST" else ""
    pending_note.set(note if "action-submit" in request.POST else "")


@hooks.register("before_create_page")
def remember_note_on_create(request, parent_page, page_class):
    _remember_note(request)


@hooks.register("before_edit_page")
def remember_note_on_edit(request, page):
    _remember_note(request)


class SubmitWithNoteMenuItem(SubmitForModerationMenuItem):
    """Submit (or resubmit) for review with a note to the editors, typed in a dialog."""

    label = _("Submit with a note…")
    name = "editorial-submit-with-note"
    template_name = "editorial/action_menu/submit_with_note.html"
    icon_name = "comment"
    order = 25

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["submit_label"] = context["label"]
        context["label"] = self.label
        return context


@hooks.register("register_page_action_menu_item")
def register_submit_with_note():
    return SubmitWithNoteMenuItem()


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.append(MySubmissionsPanel())
    panels.append(ReviewQueuePanel())


@hooks.register("construct_reports_menu")
def hide_reports_from_students(request, menu_items):
    if roles.is_author_only(request.user):
        menu_items[:] = []


# Share a draft (secret, time-limited preview links)


@hooks.register("register_admin_urls")
def register_share_urls():
    return [path("editorial/", include(admin_urls, namespace="editorial_admin"))]


@hooks.register("register_log_actions")
def register_share_log_actions(actions):
    actions.register_action(
        share.CREATE_ACTION, _("Create share link"), _("Share link for the draft created")
    )
    actions.register_action(
        share.REVOKE_ACTION, _("Revoke share link"), _("Share link for the draft revoked")
    )


class ShareDraftMenuItem(ActionMenuItem):
    """A link from the page editor to the page's share links."""

    label = _("Share a draft…")
    name = "editorial-share-draft"
    icon_name = "link"
    order = 90

    def is_shown(self, context):
        return context["view"] == "edit" and share.can_share(
            context["request"].user, context["page"]
        )

    def get_url(self, parent_context):
        return reverse("editorial_admin:share_links", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_share_draft():
    return ShareDraftMenuItem()
