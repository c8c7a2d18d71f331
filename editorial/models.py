"""What the editorial workflow keeps beside Wagtail's own workflow records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionNote(models.Model):
    """The note an author writes to the editors when submitting a page for review.

    Wagtail's submission carries no message; this is shown in the review queue and in the
    editors' e-mail. One per submission (task state), so a resubmission has its own note.
    """

    task_state = models.OneToOneField(
        "wagtailcore.TaskState",
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="editorial_note",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note to the editors"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission note")
        verbose_name_plural = _("submission notes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]
