"""Keep the editorial rules true for pages made later, and store submission notes."""

from contextvars import ContextVar

from django.apps import apps
from django.db.models.signals import post_save
from wagtail.signals import task_submitted

from editorial import roles

# The note typed with the submit button of the request being handled (set by wagtail_hooks).
pending_note: ContextVar[str] = ContextVar("editorial_pending_note", default="")

NOTE_FIELD = "editorial-note"
NOTE_MAX_LENGTH = 2000


def store_submission_note(sender, instance, user=None, **kwargs):
    """Attach the pending note to the new submission (task state)."""
    from editorial.models import SubmissionNote

    text = pending_note.get().strip()[:NOTE_MAX_LENGTH]
    if text:
        SubmissionNote.objects.update_or_create(
            task_state_id=instance.pk, defaults={"text": text, "author": user}
        )
        pending_note.set("")


def grant_student_rights(sender, instance, created, raw=False, **kwargs):
    """A blog or study index made after the migrations (the demo command, a translation) gets
    the students' right to add pages below it."""
    if not created or raw:
        return
    from wagtail.models import GroupPagePermission

    group = roles.students_group()
    if group is not None:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=instance.pk, permission=_page_permission("add")
        )


def cover_new_language_tree(sender, instance, created, raw=False, **kwargs):
    """A home page made later (a new language tree) gets the editors' rights and the workflow."""
    if not created or raw:
        return
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

    group = roles.editors_group()
    if group is not None:
        for action in roles.EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=instance.pk, permission=_page_permission(action)
            )
    workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page_id=instance.pk, defaults={"workflow": workflow})


def _page_permission(action):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def connect():
    task_submitted.connect(store_submission_note, dispatch_uid="editorial_submission_note")
    for label in roles.STUDENT_SECTION_MODELS:
        post_save.connect(
            grant_student_rights,
            sender=apps.get_model(label),
            dispatch_uid=f"editorial_student_rights_{label}",
        )
    post_save.connect(
        cover_new_language_tree,
        sender=apps.get_model("home.HomePage"),
        dispatch_uid="editorial_new_language_tree",
    )
