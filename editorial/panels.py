"""Dashboard panels: "My submissions" for student authors, the review queue for editors."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from editorial import roles
from editorial.models import SubmissionNote

MAX_ROWS = 30


class Status:
    DRAFT = _("Draft")
    IN_REVIEW = _("In review")
    CHANGES_REQUESTED = _("Changes requested")
    SCHEDULED = _("Approved, scheduled")
    LIVE = _("Live")
    LIVE_WITH_CHANGES = _("Live, newer draft")


@dataclass
class LanguageVersion:
    page: Page
    status: str
    can_edit: bool


@dataclass
class Submission:
    title: str
    versions: list[LanguageVersion] = field(default_factory=list)
    comment: TaskState | None = None


def _page_type():
    return ContentType.objects.get_for_model(Page)


def _open_workflow_states(pages):
    """{page pk: the page's unfinished workflow state} in one query."""
    states = WorkflowState.objects.filter(
        base_content_type=_page_type(),
        object_id__in=[str(page.pk) for page in pages],
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    )
    return {int(state.object_id): state for state in states}


def latest_review_comments(pages):
    """{page pk: the newest task state that a reviewer finished with a comment} in one query."""
    task_states = (
        TaskState.objects.filter(
            workflow_state__base_content_type=_page_type(),
            workflow_state__object_id__in=[str(page.pk) for page in pages],
            finished_by__isnull=False,
        )
        .exclude(comment="")
        .select_related("finished_by", "workflow_state")
        .order_by("finished_at")
    )
    return {int(state.workflow_state.object_id): state for state in task_states}


def page_status(page, workflow_state) -> str:
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return Status.CHANGES_REQUESTED
        return Status.IN_REVIEW
    if page.approved_schedule:
        return Status.SCHEDULED
    if page.live:
        return Status.LIVE_WITH_CHANGES if page.has_unpublished_changes else Status.LIVE
    return Status.DRAFT


def submissions_for(user) -> list[Submission]:
    """The user's own pages, newest first, each with every language version's status."""
    own = list(
        Page.objects.filter(owner=user)
        .order_by("-latest_revision_created_at")
        .values_list("translation_key", flat=True)[:MAX_ROWS]
    )
    keys = list(dict.fromkeys(own))
    pages = list(
        Page.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .annotate_approved_schedule()
        .order_by("pk")  # the original first, then its translations
    )
    states = _open_workflow_states(pages)
    comments = latest_review_comments(pages)
    by_key = {}
    for page in pages:
        submission = by_key.setdefault(page.translation_key, Submission(title=""))
        if page.owner_id == user.pk and not submission.title:
            submission.title = page.get_admin_display_title()
        submission.versions.append(
            LanguageVersion(
                page=page,
                status=page_status(page, states.get(page.pk)),
                can_edit=page.owner_id == user.pk,
            )
        )
        comment = comments.get(page.pk)
        if comment is not None and (
            submission.comment is None or comment.finished_at > submission.comment.finished_at
        ):
            submission.comment = comment
    return [by_key[key] for key in keys if key in by_key]


def review_queue():
    """Every page waiting for an editor's decision, oldest first."""
    states = list(
        WorkflowState.objects.active()
        .filter(
            base_content_type=_page_type(),
            status=WorkflowState.STATUS_IN_PROGRESS,
            current_task_state__status=TaskState.STATUS_IN_PROGRESS,
        )
        .select_related("requested_by", "current_task_state__task", "workflow")
        .order_by("created_at")
    )
    pages = Page.objects.filter(pk__in=[int(state.object_id) for state in states]).select_related(
        "locale"
    )
    pages_by_pk = {page.pk: page for page in pages}
    notes = {
        note.task_state_id: note
        for note in SubmissionNote.objects.filter(
            task_state__in=[state.current_task_state_id for state in states]
        )
    }
    rows = []
    for state in states:
        page = pages_by_pk.get(int(state.object_id))
        if page is not None:
            rows.append(
                {
                    "page": page,
                    "workflow_state": state,
                    "task_state": state.current_task_state,
                    "note": notes.get(state.current_task_state_id),
                }
            )
    return rows


class MySubmissionsPanel(Component):
    name = "editorial_my_submissions"
    template_name = "editorial/panels/my_submissions.html"
    order = 90

    def is_shown(self, parent_context):
        return roles.is_author_only(parent_context["request"].user)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["submissions"] = submissions_for(parent_context["request"].user)
        return context

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.is_shown(parent_context) else ""


class ReviewQueuePanel(Component):
    name = "editorial_review_queue"
    template_name = "editorial/panels/review_queue.html"
    order = 90

    def is_shown(self, parent_context):
        return roles.is_editor(parent_context["request"].user)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = review_queue()
        return context

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.is_shown(parent_context) else ""
