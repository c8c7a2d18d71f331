"""What search reads: one stemmed document per live clip, post and study."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.text import normalized_query


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


class SearchPromotion(models.Model):
    """A page shown above the results for a query, in one language only.

    Wagtail's own promotions match the raw query text in every language; ours match the query
    stemmed with the promotion's language (see `search.text.normalized_query`), so "Eenzame"
    and "eenzaamheid" find the same promotion, and an English visitor never sees a Dutch one.
    """

    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="search_promotions",
        help_text=_("The promotion only shows to visitors searching in this language."),
    )
    query_text = models.CharField(
        _("search query"),
        max_length=200,
        help_text=_(
            "The words visitors type, e.g. “eenzaamheid”. Inflected forms and other word "
            "orders match too."
        ),
    )
    normalized_query = models.CharField(
        _("normalized query"), max_length=255, db_index=True, editable=False
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="search_promotions",
        help_text=_(
            "A knowledge clip, blog post or study in the same language. It only shows while "
            "it is published and public."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"),
        default=0,
        help_text=_("Promotions for the same query show in this order, lowest first."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Optional: why this page is recommended, shown instead of the excerpt."),
    )

    class Meta:
        verbose_name = _("search promotion")
        verbose_name_plural = _("search promotions")
        ordering = ["locale", "normalized_query", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "normalized_query", "page"],
                name="unique_search_promotion",
            )
        ]

    def __str__(self):
        return f"{self.query_text} → {self.page.title}"

    def save(self, *args, **kwargs):
        self.normalized_query = normalized_query(self.query_text, self.locale.language_code)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.locale_id is not None:
            self.normalized_query = normalized_query(self.query_text, self.locale.language_code)
            if not self.normalized_query:
                errors["query_text"] = _("Type at least one word.")
            if self.page_id is not None and self.page.locale_id != self.locale_id:
                errors["page"] = _("Choose a page in the language of the promotion.")
            duplicates = SearchPromotion.objects.filter(
                locale_id=self.locale_id,
                normalized_query=self.normalized_query,
                page_id=self.page_id,
            ).exclude(pk=self.pk)
            if self.page_id is not None and "page" not in errors and duplicates.exists():
                errors["page"] = _("This page is already promoted for this query.")
        if errors:
            raise ValidationError(errors)


class SearchQueryDaily(models.Model):
    """How often a query was searched on a day, per language, for the editors' report.

    Filled by the `record_search_queries` command from what searches left in the cache, never
    by the visitor's request itself.
    """

    language_code = models.CharField(_("language"), max_length=16)
    query = models.CharField(_("normalized query"), max_length=255)
    display_query = models.CharField(
        _("query as typed"), max_length=200, blank=True, help_text=_("The latest typed form.")
    )
    day = models.DateField(_("day"))
    hits = models.PositiveIntegerField(_("searches"), default=0)
    hits_without_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("daily search count")
        verbose_name_plural = _("daily search counts")
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "query", "day"], name="unique_search_query_day"
            )
        ]
        indexes = [models.Index(fields=["day", "language_code"])]

    def __str__(self):
        return f"{self.query} ({self.language_code}, {self.day}): {self.hits}"
