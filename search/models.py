"""What search reads: one stemmed document per live clip, post and study."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A live page as search sees it, kept in sync on publish, unpublish, move and delete.

    The stems are made with the Snowball stemmer of the page's own language (see `search.text`),
    so that matching is language-aware on SQLite and on PostgreSQL alike.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    language_code = models.CharField(_("language"), max_length=16, db_index=True)
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    page_type = models.CharField(_("type"), max_length=16, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body_text = models.TextField(_("body text"), blank=True)
    # [{"time": "01:05", "seconds": 65, "speaker": "…", "text": "…", "stems": " … "}, …]
    transcript = models.JSONField(_("transcript"), default=list, blank=True)
    title_stems = models.TextField(_("title stems"), blank=True)
    body_stems = models.TextField(_("body stems"), blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["language_code", "page_type"])]

    def __str__(self):
        return f"{self.title} ({self.language_code})"


class SearchDocumentTheme(models.Model):
    """A theme of a document, by the theme's translation key (the same in every language)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="themes")
    translation_key = models.UUIDField(_("theme translation key"), db_index=True)

    class Meta:
        verbose_name = _("search document theme")
        verbose_name_plural = _("search document themes")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "translation_key"], name="unique_search_document_theme"
            )
        ]

    def __str__(self):
        return f"{self.document_id}: {self.translation_key}"
