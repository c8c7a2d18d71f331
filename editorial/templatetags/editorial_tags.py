from django import template
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState

register = template.Library()


def _task_states(obj):
    return TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(obj.pk),
    )


@register.simple_tag
def open_submission(page):
    """The task state of the page's submission under review (its note: `.editorial_note`)."""
    return (
        _task_states(page)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state__requested_by")
        .order_by("-started_at", "-pk")
        .first()
    )


@register.simple_tag
def review_decision(page):
    """The task state a reviewer finished last on this page: who decided, and their comment."""
    return (
        _task_states(page)
        .filter(finished_by__isnull=False)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
