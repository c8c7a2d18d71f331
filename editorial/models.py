"""What the editorial workflow keeps beside Wagtail's own workflow records."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
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


def hash_token(token: str) -> str:
    """The stored form of a share token: the database alone yields no usable link."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def find_active(self, token: str):
        """The active link for `token`, or None: an expired, revoked or unknown token is None.

        The lookup is by the token's hash, so no stored secret is compared character by
        character; the final compare_digest only guards the equality of the two hashes.
        """
        if not token or len(token) > ShareLink.TOKEN_MAX_LENGTH:
            return None
        digest = hash_token(token)
        link = self.active().select_related("page").filter(token_hash=digest).first()
        if link is None or not hmac.compare_digest(link.token_hash, digest):
            return None
        return link


class ShareLink(models.Model):
    """A secret, time-limited, revocable link that shows a page's latest draft to a reader
    without an account (a supervisor). Only the token's hash is stored; the token itself is
    shown once, when the link is made."""

    TOKEN_MAX_LENGTH = 64
    DEFAULT_DAYS = 7
    MIN_DAYS = 1
    MAX_DAYS = 30

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="editorial_share_links",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page_id}: {self.expires_at:%Y-%m-%d %H:%M}"

    @classmethod
    def create_for(cls, page, user, days=DEFAULT_DAYS):
        """A new link and its token (the only time the token exists outside the visitor's URL)."""
        days = max(cls.MIN_DAYS, min(cls.MAX_DAYS, int(days)))
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(
            page=page,
            token_hash=hash_token(token),
            created_by=user,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        return link, token

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
