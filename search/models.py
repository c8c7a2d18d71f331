"""What search reads: one stemmed document per live clip, post and study."""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.text import normalized_query


class SearchDocument(models.Model):
    """A live page as search sees it, kept in sync on publish, unpublish, move and delete.

    The stems are made with the Snowball stemmer of the page's own language (see `search.text`),
    so that matching is language-aware on SQLite and on PostgreSQL alike. Search finds a document
    through its terms (`SearchTerm`); the document holds what a result shows. A document exists
    only while its page is live (`search.indexing` drops it on unpublish, delete and rebuild).
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


class SearchFacet(models.Model):
    """A page type with a set of themes: what the type and theme filters count and select.

    Documents of the same type and themes share a facet, so that counting the results per type
    and per theme is counting their terms per facet (a few hundred groups) without reading the
    documents. The id is a hash of the type and themes (`facet_id`), so that any process can
    file a document under its facet without looking it up first.
    """

    id = models.BigIntegerField(primary_key=True)
    page_type = models.CharField(_("type"), max_length=16)
    # The hex translation keys of the themes, sorted, between spaces: " 0fb1… 1527… ".
    theme_keys = models.TextField(_("theme translation keys"), blank=True)

    class Meta:
        verbose_name = _("search facet")
        verbose_name_plural = _("search facets")

    def __str__(self):
        return f"{self.page_type}:{self.theme_keys.strip()}"

    @staticmethod
    def theme_keys_text(theme_keys) -> str:
        keys = sorted({uuid.UUID(str(key)).hex for key in theme_keys})
        return " " + " ".join(keys) + " " if keys else ""

    @classmethod
    def facet_id(cls, page_type: str, theme_keys_text: str) -> int:
        """A stable 63-bit id for a type and themes (see the class docstring)."""
        digest = hashlib.blake2b(f"{page_type}|{theme_keys_text}".encode(), digest_size=8)
        return int.from_bytes(digest.digest(), "big") >> 1

    def labels(self) -> list["SearchFacetLabel"]:
        """What the facet counts toward: its type, and its type with each of its themes."""
        return [
            SearchFacetLabel(facet_id=self.pk, page_type=self.page_type, theme_key=key)
            for key in [ALL_THEMES, *self.theme_keys.split()]
        ]


ALL_THEMES = ""


class SearchFacetLabel(models.Model):
    """A count a facet adds to: its type (`theme_key` ALL_THEMES) or its type with one theme.

    A facet has a label per theme plus one, so that one grouped join of the results' facets
    with their labels gives every number the filters show.
    """

    facet = models.ForeignKey(
        SearchFacet, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    page_type = models.CharField(_("type"), max_length=16)
    # A theme's hex translation key, or ALL_THEMES.
    theme_key = models.CharField(_("theme translation key"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("search facet label")
        verbose_name_plural = _("search facet labels")
        constraints = [
            models.UniqueConstraint(fields=["facet", "theme_key"], name="unique_search_facet_label")
        ]
        indexes = [
            # Both read the table from an index alone: the join that counts, the filter.
            models.Index(fields=["facet", "page_type", "theme_key"], name="search_label_counting"),
            models.Index(fields=["theme_key", "page_type", "facet"], name="search_label_filtering"),
        ]

    def __str__(self):
        return f"{self.facet_id}: {self.page_type} {self.theme_key}"


class SearchTerm(models.Model):
    """A key a document is found under (`search.text.index_keys`), in the document's language.

    One row per document and key, weighted for ranking (title and body hits), with what the
    ranking and the filters need (date, facet) copied from the document, so that a search reads
    only the index of the words it asks for, in the order it shows them. The empty key holds
    every document: browsing a type or theme runs like a search for one word.
    """

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="terms", db_index=False
    )
    language_code = models.CharField(_("language"), max_length=16)
    stem = models.CharField(_("stem"), max_length=255, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"))
    date = models.DateField(_("date"), null=True, blank=True)
    facet = models.ForeignKey(
        SearchFacet, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            # Also the index for "the terms of a document" and for "does it hold this stem".
            models.UniqueConstraint(fields=["document", "stem"], name="unique_search_term")
        ]
        indexes = [
            # A search reads one range of it, already in result order (best, newest first).
            models.Index(
                fields=["language_code", "stem", "-weight", "-date", "facet", "document"],
                name="search_term_ranking",
            ),
            # The counts per type and theme: one range, already grouped by facet.
            models.Index(fields=["language_code", "stem", "facet"], name="search_term_facets"),
        ]

    def __str__(self):
        return f"{self.stem} ({self.language_code}): {self.document_id}"


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
